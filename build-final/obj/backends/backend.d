build-final/obj/backends/backend.o: src/backends/backend.c \
 src/backends/backend.h src/backends/workload.h src/model/catalog.h \
 src/model/params.h
src/backends/backend.h:
src/backends/workload.h:
src/model/catalog.h:
src/model/params.h:
