build-final/obj/model/stats.o: src/model/stats.c src/model/stats.h
src/model/stats.h:
