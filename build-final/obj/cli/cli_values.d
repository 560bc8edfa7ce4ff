build-final/obj/cli/cli_values.o: src/cli/cli_values.c \
 src/backends/backend.h src/backends/workload.h src/model/catalog.h \
 src/model/params.h src/cli/cli.h src/cli/options.h src/cli/cli_values.h \
 src/cli/words.h src/report/exporter.h src/report/report.h \
 src/analysis/analysis.h src/model/records.h src/analysis/gil_summary.h \
 src/model/result.h src/model/job.h src/model/stats.h \
 src/analysis/answer.h src/analysis/derived.h src/analysis/experiments.h \
 src/analysis/findings.h src/model/host.h src/python/python_rt.h \
 src/util/units.h
src/backends/backend.h:
src/backends/workload.h:
src/model/catalog.h:
src/model/params.h:
src/cli/cli.h:
src/cli/options.h:
src/cli/cli_values.h:
src/cli/words.h:
src/report/exporter.h:
src/report/report.h:
src/analysis/analysis.h:
src/model/records.h:
src/analysis/gil_summary.h:
src/model/result.h:
src/model/job.h:
src/model/stats.h:
src/analysis/answer.h:
src/analysis/derived.h:
src/analysis/experiments.h:
src/analysis/findings.h:
src/model/host.h:
src/python/python_rt.h:
src/util/units.h:
