build-final/obj/backends/backend_processes.o: \
 src/backends/backend_processes.c src/backends/backend.h \
 src/backends/workload.h src/model/catalog.h src/model/params.h \
 src/util/proc.h
src/backends/backend.h:
src/backends/workload.h:
src/model/catalog.h:
src/model/params.h:
src/util/proc.h:
