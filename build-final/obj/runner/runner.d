build-final/obj/runner/runner.o: src/runner/runner.c src/util/clock.h \
 src/util/fd_io.h src/runner/launch.h src/runner/runner.h \
 src/backends/backend.h src/backends/workload.h src/model/catalog.h \
 src/model/params.h src/runner/run_guard.h src/runner/terminal.h \
 src/util/proc.h
src/util/clock.h:
src/util/fd_io.h:
src/runner/launch.h:
src/runner/runner.h:
src/backends/backend.h:
src/backends/workload.h:
src/model/catalog.h:
src/model/params.h:
src/runner/run_guard.h:
src/runner/terminal.h:
src/util/proc.h:
