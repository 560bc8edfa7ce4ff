build-final/obj/util/json_read.o: src/util/json_read.c \
 src/util/json_read.h
src/util/json_read.h:
