build-final/obj/analysis/warnings.o: src/analysis/warnings.c \
 src/analysis/warnings.h src/analysis/analysis.h src/model/records.h \
 src/analysis/gil_summary.h src/model/result.h src/model/job.h \
 src/model/catalog.h src/model/stats.h src/model/timeline.h
src/analysis/warnings.h:
src/analysis/analysis.h:
src/model/records.h:
src/analysis/gil_summary.h:
src/model/result.h:
src/model/job.h:
src/model/catalog.h:
src/model/stats.h:
src/model/timeline.h:
