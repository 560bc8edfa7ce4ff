build-final/obj/backends/backend_threads.o: \
 src/backends/backend_threads.c src/backends/backend.h \
 src/backends/workload.h src/model/catalog.h src/model/params.h
src/backends/backend.h:
src/backends/workload.h:
src/model/catalog.h:
src/model/params.h:
