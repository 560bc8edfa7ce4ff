build-final/obj/analysis/gil_summary.o: src/analysis/gil_summary.c \
 src/analysis/gil_summary.h src/model/records.h src/analysis/analysis.h \
 src/model/result.h src/model/job.h src/model/catalog.h src/model/stats.h
src/analysis/gil_summary.h:
src/model/records.h:
src/analysis/analysis.h:
src/model/result.h:
src/model/job.h:
src/model/catalog.h:
src/model/stats.h:
