build-final/obj/util/grow.o: src/util/grow.c src/util/grow.h
src/util/grow.h:
