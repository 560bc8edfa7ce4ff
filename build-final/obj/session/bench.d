build-final/obj/session/bench.o: src/session/bench.c src/util/clock.h \
 src/util/grow.h src/session/bench.h src/cli/options.h src/model/params.h \
 src/model/result.h src/model/job.h src/model/catalog.h \
 src/model/records.h src/model/stats.h src/trace/gil_probe.h \
 src/trace/timeline_probe.h src/trace/tracer.h src/session/machine_load.h \
 src/session/progress.h src/runner/runner.h src/backends/backend.h \
 src/backends/workload.h
src/util/clock.h:
src/util/grow.h:
src/session/bench.h:
src/cli/options.h:
src/model/params.h:
src/model/result.h:
src/model/job.h:
src/model/catalog.h:
src/model/records.h:
src/model/stats.h:
src/trace/gil_probe.h:
src/trace/timeline_probe.h:
src/trace/tracer.h:
src/session/machine_load.h:
src/session/progress.h:
src/runner/runner.h:
src/backends/backend.h:
src/backends/workload.h:
