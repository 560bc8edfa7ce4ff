build-final/obj/trace/privilege.o: src/trace/privilege.c \
 src/trace/tracer.h src/model/records.h
src/trace/tracer.h:
src/model/records.h:
