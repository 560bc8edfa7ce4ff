build-final/obj/analysis/derived.o: src/analysis/derived.c \
 src/analysis/derived.h src/analysis/analysis.h src/model/records.h \
 src/analysis/gil_summary.h src/model/result.h src/model/job.h \
 src/model/catalog.h src/model/stats.h
src/analysis/derived.h:
src/analysis/analysis.h:
src/model/records.h:
src/analysis/gil_summary.h:
src/model/result.h:
src/model/job.h:
src/model/catalog.h:
src/model/stats.h:
