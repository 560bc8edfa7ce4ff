build-final/obj/session/progress.o: src/session/progress.c \
 src/util/clock.h src/session/progress.h
src/util/clock.h:
src/session/progress.h:
