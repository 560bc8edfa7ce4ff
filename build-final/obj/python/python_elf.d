build-final/obj/python/python_elf.o: src/python/python_elf.c \
 src/util/msg.h src/python/python_elf.h
src/util/msg.h:
src/python/python_elf.h:
