build-final/obj/util/atomic_file.o: src/util/atomic_file.c \
 src/util/atomic_file.h src/util/msg.h
src/util/atomic_file.h:
src/util/msg.h:
