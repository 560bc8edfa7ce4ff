build-final/obj/model/params.o: src/model/params.c src/model/params.h
src/model/params.h:
