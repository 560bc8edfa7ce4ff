build-final/obj/trace/gil_probe_dl.o: src/trace/gil_probe_dl.c \
 src/trace/gil_probe_dl.h
src/trace/gil_probe_dl.h:
