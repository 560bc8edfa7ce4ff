build-final/obj/backends/backend_serial.o: src/backends/backend_serial.c \
 src/backends/backend.h src/backends/workload.h src/model/catalog.h \
 src/model/params.h
src/backends/backend.h:
src/backends/workload.h:
src/model/catalog.h:
src/model/params.h:
