build-final/obj/analysis/answer.o: src/analysis/answer.c \
 src/analysis/answer.h src/analysis/analysis.h src/model/records.h \
 src/analysis/gil_summary.h src/model/result.h src/model/job.h \
 src/model/catalog.h src/model/stats.h src/analysis/derived.h \
 src/util/units.h
src/analysis/answer.h:
src/analysis/analysis.h:
src/model/records.h:
src/analysis/gil_summary.h:
src/model/result.h:
src/model/job.h:
src/model/catalog.h:
src/model/stats.h:
src/analysis/derived.h:
src/util/units.h:
