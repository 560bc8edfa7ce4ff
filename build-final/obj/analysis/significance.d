build-final/obj/analysis/significance.o: src/analysis/significance.c \
 src/analysis/significance.h
src/analysis/significance.h:
