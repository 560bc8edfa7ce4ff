build-final/obj/backends/backend_coroutines.o: \
 src/backends/backend_coroutines.c src/util/clock.h \
 src/backends/backend.h src/backends/workload.h src/model/catalog.h \
 src/model/params.h src/backends/coro.h
src/util/clock.h:
src/backends/backend.h:
src/backends/workload.h:
src/model/catalog.h:
src/model/params.h:
src/backends/coro.h:
