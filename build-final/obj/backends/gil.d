build-final/obj/backends/gil.o: src/backends/gil.c src/backends/gil.h
src/backends/gil.h:
