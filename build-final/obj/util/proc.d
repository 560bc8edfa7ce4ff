build-final/obj/util/proc.o: src/util/proc.c src/util/proc.h
src/util/proc.h:
