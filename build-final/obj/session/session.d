build-final/obj/session/session.o: src/session/session.c \
 src/backends/pool.h src/backends/backend.h src/backends/workload.h \
 src/model/catalog.h src/model/params.h src/cli/cli.h src/cli/options.h \
 src/runner/runner.h src/report/exporter.h src/report/report.h \
 src/analysis/analysis.h src/model/records.h src/analysis/gil_summary.h \
 src/model/result.h src/model/job.h src/model/stats.h \
 src/analysis/answer.h src/analysis/derived.h src/analysis/experiments.h \
 src/analysis/findings.h src/model/host.h src/python/python_rt.h \
 src/util/units.h src/session/bench.h src/trace/gil_probe.h \
 src/trace/timeline_probe.h src/trace/tracer.h src/session/session.h \
 src/session/plan.h src/python/python_elf.h
src/backends/pool.h:
src/backends/backend.h:
src/backends/workload.h:
src/model/catalog.h:
src/model/params.h:
src/cli/cli.h:
src/cli/options.h:
src/runner/runner.h:
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
src/session/bench.h:
src/trace/gil_probe.h:
src/trace/timeline_probe.h:
src/trace/tracer.h:
src/session/session.h:
src/session/plan.h:
src/python/python_elf.h:
