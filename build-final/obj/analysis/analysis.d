build-final/obj/analysis/analysis.o: src/analysis/analysis.c \
 src/analysis/analysis.h src/model/records.h src/analysis/gil_summary.h \
 src/model/result.h src/model/job.h src/model/catalog.h src/model/stats.h
src/analysis/analysis.h:
src/model/records.h:
src/analysis/gil_summary.h:
src/model/result.h:
src/model/job.h:
src/model/catalog.h:
src/model/stats.h:
