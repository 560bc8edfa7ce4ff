build-final/obj/report/report_verify.o: src/report/report_verify.c \
 src/analysis/verify.h src/model/result.h src/model/job.h \
 src/model/catalog.h src/model/records.h src/model/stats.h \
 src/report/report_verify.h src/report/json.h
src/analysis/verify.h:
src/model/result.h:
src/model/job.h:
src/model/catalog.h:
src/model/records.h:
src/model/stats.h:
src/report/report_verify.h:
src/report/json.h:
