build-final/obj/trace/syscall_meta.o: src/trace/syscall_meta.c \
 include/cbt_syscalls_bpf.h build-final/syscalls.skel.h \
 src/trace/libbpf_log.h src/trace/syscall_kernel.h
include/cbt_syscalls_bpf.h:
build-final/syscalls.skel.h:
src/trace/libbpf_log.h:
src/trace/syscall_kernel.h:
