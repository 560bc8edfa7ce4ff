build-final/obj/trace/gil_probe_elf.o: src/trace/gil_probe_elf.c \
 src/trace/gil_probe_elf.h src/util/msg.h
src/trace/gil_probe_elf.h:
src/util/msg.h:
