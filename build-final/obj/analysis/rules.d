build-final/obj/analysis/rules.o: src/analysis/rules.c src/util/text.h \
 src/analysis/findings.h src/analysis/analysis.h src/model/records.h \
 src/analysis/gil_summary.h src/model/result.h src/model/job.h \
 src/model/catalog.h src/model/stats.h src/analysis/derived.h \
 src/util/units.h
src/util/text.h:
src/analysis/findings.h:
src/analysis/analysis.h:
src/model/records.h:
src/analysis/gil_summary.h:
src/model/result.h:
src/model/job.h:
src/model/catalog.h:
src/model/stats.h:
src/analysis/derived.h:
src/util/units.h:
