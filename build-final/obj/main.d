build-final/obj/main.o: src/main.c src/analysis/verify.h \
 src/model/result.h src/model/job.h src/model/catalog.h \
 src/model/records.h src/model/stats.h src/cli/cli.h src/cli/options.h \
 src/model/params.h src/runner/runner.h src/backends/backend.h \
 src/backends/workload.h src/session/compare_cmd.h src/session/outputs.h \
 src/report/report.h src/analysis/analysis.h src/analysis/gil_summary.h \
 src/analysis/answer.h src/analysis/derived.h src/analysis/experiments.h \
 src/analysis/findings.h src/model/host.h src/python/python_rt.h \
 src/util/units.h src/util/atomic_file.h src/session/session.h \
 src/session/plan.h
src/analysis/verify.h:
src/model/result.h:
src/model/job.h:
src/model/catalog.h:
src/model/records.h:
src/model/stats.h:
src/cli/cli.h:
src/cli/options.h:
src/model/params.h:
src/runner/runner.h:
src/backends/backend.h:
src/backends/workload.h:
src/session/compare_cmd.h:
src/session/outputs.h:
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
src/util/atomic_file.h:
src/session/session.h:
src/session/plan.h:
