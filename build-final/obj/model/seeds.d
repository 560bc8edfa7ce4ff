build-final/obj/model/seeds.o: src/model/seeds.c src/model/seeds.h
src/model/seeds.h:
