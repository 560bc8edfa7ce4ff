build-final/obj/runner/terminal.o: src/runner/terminal.c \
 src/runner/terminal.h
src/runner/terminal.h:
