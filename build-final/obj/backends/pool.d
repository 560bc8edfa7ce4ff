build-final/obj/backends/pool.o: src/backends/pool.c src/backends/pool.h \
 src/backends/backend.h src/backends/workload.h src/model/catalog.h \
 src/model/params.h src/util/fd_io.h src/util/proc.h
src/backends/pool.h:
src/backends/backend.h:
src/backends/workload.h:
src/model/catalog.h:
src/model/params.h:
src/util/fd_io.h:
src/util/proc.h:
