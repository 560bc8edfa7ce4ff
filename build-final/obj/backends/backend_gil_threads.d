build-final/obj/backends/backend_gil_threads.o: \
 src/backends/backend_gil_threads.c src/backends/backend.h \
 src/backends/workload.h src/model/catalog.h src/model/params.h \
 src/backends/gil.h
src/backends/backend.h:
src/backends/workload.h:
src/model/catalog.h:
src/model/params.h:
src/backends/gil.h:
