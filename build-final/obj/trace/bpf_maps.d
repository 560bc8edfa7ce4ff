build-final/obj/trace/bpf_maps.o: src/trace/bpf_maps.c \
 src/trace/bpf_maps.h
src/trace/bpf_maps.h:
