build-final/obj/syscall_names.o: build-final/syscall_names.c \
 src/trace/syscall_names.h src/model/records.h
src/trace/syscall_names.h:
src/model/records.h:
