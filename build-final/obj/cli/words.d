build-final/obj/cli/words.o: src/cli/words.c src/cli/words.h
src/cli/words.h:
