build-final/obj/trace/libbpf_log.o: src/trace/libbpf_log.c \
 src/trace/libbpf_log.h
src/trace/libbpf_log.h:
