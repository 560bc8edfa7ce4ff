build-final/obj/backends/backend_coro_offload.o: \
 src/backends/backend_coro_offload.c src/backends/backend.h \
 src/backends/workload.h src/model/catalog.h src/model/params.h \
 src/backends/coro.h src/backends/pool.h
src/backends/backend.h:
src/backends/workload.h:
src/model/catalog.h:
src/model/params.h:
src/backends/coro.h:
src/backends/pool.h:
