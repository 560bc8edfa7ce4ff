build-final/obj/analysis/experiments.o: src/analysis/experiments.c \
 src/analysis/experiments.h src/analysis/analysis.h src/model/records.h \
 src/analysis/gil_summary.h src/model/result.h src/model/job.h \
 src/model/catalog.h src/model/stats.h src/analysis/derived.h \
 src/analysis/findings.h src/model/params.h src/util/grow.h \
 src/util/units.h
src/analysis/experiments.h:
src/analysis/analysis.h:
src/model/records.h:
src/analysis/gil_summary.h:
src/model/result.h:
src/model/job.h:
src/model/catalog.h:
src/model/stats.h:
src/analysis/derived.h:
src/analysis/findings.h:
src/model/params.h:
src/util/grow.h:
src/util/units.h:
