build-final/obj/backends/workload.o: src/backends/workload.c \
 src/backends/workload.h src/model/catalog.h src/model/params.h
src/backends/workload.h:
src/model/catalog.h:
src/model/params.h:
