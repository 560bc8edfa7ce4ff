build-final/obj/model/host.o: src/model/host.c src/model/host.h
src/model/host.h:
