build-final/obj/backends/coro.o: src/backends/coro.c src/backends/coro.h
src/backends/coro.h:
