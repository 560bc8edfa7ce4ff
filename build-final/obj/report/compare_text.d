build-final/obj/report/compare_text.o: src/report/compare_text.c \
 src/report/compare_text.h src/analysis/compare.h \
 src/analysis/significance.h src/util/json_read.h src/util/units.h
src/report/compare_text.h:
src/analysis/compare.h:
src/analysis/significance.h:
src/util/json_read.h:
src/util/units.h:
