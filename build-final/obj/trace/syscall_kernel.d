build-final/obj/trace/syscall_kernel.o: src/trace/syscall_kernel.c \
 src/trace/syscall_kernel.h src/trace/syscall_names.h src/model/records.h
src/trace/syscall_kernel.h:
src/trace/syscall_names.h:
src/model/records.h:
