build-final/obj/session/machine_load.o: src/session/machine_load.c \
 src/session/machine_load.h src/util/clock.h
src/session/machine_load.h:
src/util/clock.h:
