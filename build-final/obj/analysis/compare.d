build-final/obj/analysis/compare.o: src/analysis/compare.c \
 src/analysis/compare.h src/analysis/significance.h src/util/json_read.h \
 src/util/msg.h
src/analysis/compare.h:
src/analysis/significance.h:
src/util/json_read.h:
src/util/msg.h:
