build-final/obj/backends/backend_pools.o: src/backends/backend_pools.c \
 src/backends/backend.h src/backends/workload.h src/model/catalog.h \
 src/model/params.h src/backends/pool.h
src/backends/backend.h:
src/backends/workload.h:
src/model/catalog.h:
src/model/params.h:
src/backends/pool.h:
