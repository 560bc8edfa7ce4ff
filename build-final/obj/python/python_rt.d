build-final/obj/python/python_rt.o: src/python/python_rt.c \
 src/python/python_elf.h src/python/python_rt.h
src/python/python_elf.h:
src/python/python_rt.h:
