build-final/obj/session/experiment.o: src/session/experiment.c \
 src/runner/runner.h src/backends/backend.h src/backends/workload.h \
 src/model/catalog.h src/model/params.h src/session/bench.h \
 src/cli/options.h src/model/result.h src/model/job.h src/model/records.h \
 src/model/stats.h src/trace/gil_probe.h src/trace/timeline_probe.h \
 src/trace/tracer.h src/session/progress.h src/session/session.h \
 src/analysis/experiments.h src/analysis/analysis.h \
 src/analysis/gil_summary.h src/analysis/derived.h \
 src/analysis/findings.h src/model/host.h src/python/python_rt.h \
 src/report/report.h src/analysis/answer.h src/util/units.h \
 src/session/plan.h src/util/clock.h
src/runner/runner.h:
src/backends/backend.h:
src/backends/workload.h:
src/model/catalog.h:
src/model/params.h:
src/session/bench.h:
src/cli/options.h:
src/model/result.h:
src/model/job.h:
src/model/records.h:
src/model/stats.h:
src/trace/gil_probe.h:
src/trace/timeline_probe.h:
src/trace/tracer.h:
src/session/progress.h:
src/session/session.h:
src/analysis/experiments.h:
src/analysis/analysis.h:
src/analysis/gil_summary.h:
src/analysis/derived.h:
src/analysis/findings.h:
src/model/host.h:
src/python/python_rt.h:
src/report/report.h:
src/analysis/answer.h:
src/util/units.h:
src/session/plan.h:
src/util/clock.h:
