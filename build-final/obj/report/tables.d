build-final/obj/report/tables.o: src/report/tables.c src/report/columns.h \
 src/report/report.h src/analysis/analysis.h src/model/records.h \
 src/analysis/gil_summary.h src/model/result.h src/model/job.h \
 src/model/catalog.h src/model/stats.h src/analysis/answer.h \
 src/analysis/derived.h src/analysis/experiments.h \
 src/analysis/findings.h src/model/params.h src/model/host.h \
 src/cli/options.h src/python/python_rt.h src/util/units.h
src/report/columns.h:
src/report/report.h:
src/analysis/analysis.h:
src/model/records.h:
src/analysis/gil_summary.h:
src/model/result.h:
src/model/job.h:
src/model/catalog.h:
src/model/stats.h:
src/analysis/answer.h:
src/analysis/derived.h:
src/analysis/experiments.h:
src/analysis/findings.h:
src/model/params.h:
src/model/host.h:
src/cli/options.h:
src/python/python_rt.h:
src/util/units.h:
