build-final/obj/cli/help.o: src/cli/help.c src/backends/backend.h \
 src/backends/workload.h src/model/catalog.h src/model/params.h \
 src/backends/coro.h src/cli/cli.h src/cli/options.h src/model/result.h \
 src/model/job.h src/model/records.h src/model/stats.h \
 src/report/exporter.h src/report/report.h src/analysis/analysis.h \
 src/analysis/gil_summary.h src/analysis/answer.h src/analysis/derived.h \
 src/analysis/experiments.h src/analysis/findings.h src/model/host.h \
 src/python/python_rt.h src/util/units.h
src/backends/backend.h:
src/backends/workload.h:
src/model/catalog.h:
src/model/params.h:
src/backends/coro.h:
src/cli/cli.h:
src/cli/options.h:
src/model/result.h:
src/model/job.h:
src/model/records.h:
src/model/stats.h:
src/report/exporter.h:
src/report/report.h:
src/analysis/analysis.h:
src/analysis/gil_summary.h:
src/analysis/answer.h:
src/analysis/derived.h:
src/analysis/experiments.h:
src/analysis/findings.h:
src/model/host.h:
src/python/python_rt.h:
src/util/units.h:
