build-final/obj/analysis/verify.o: src/analysis/verify.c \
 src/analysis/verify.h src/model/result.h src/model/job.h \
 src/model/catalog.h src/model/records.h src/model/stats.h
src/analysis/verify.h:
src/model/result.h:
src/model/job.h:
src/model/catalog.h:
src/model/records.h:
src/model/stats.h:
