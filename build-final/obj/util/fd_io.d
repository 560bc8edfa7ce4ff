build-final/obj/util/fd_io.o: src/util/fd_io.c src/util/fd_io.h
src/util/fd_io.h:
