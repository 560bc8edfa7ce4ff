build-final/obj/trace/syscall_reasons.o: src/trace/syscall_reasons.c \
 src/model/records.h src/trace/syscall_names.h
src/model/records.h:
src/trace/syscall_names.h:
