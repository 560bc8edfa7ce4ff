build-final/obj/runner/launch.o: src/runner/launch.c src/runner/launch.h \
 src/runner/runner.h src/backends/backend.h src/backends/workload.h \
 src/model/catalog.h src/model/params.h src/util/proc.h src/util/text.h
src/runner/launch.h:
src/runner/runner.h:
src/backends/backend.h:
src/backends/workload.h:
src/model/catalog.h:
src/model/params.h:
src/util/proc.h:
src/util/text.h:
