build-final/obj/model/catalog.o: src/model/catalog.c src/model/catalog.h
src/model/catalog.h:
