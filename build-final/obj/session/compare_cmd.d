build-final/obj/session/compare_cmd.o: src/session/compare_cmd.c \
 src/analysis/compare.h src/analysis/significance.h src/util/json_read.h \
 src/report/compare_text.h src/session/compare_cmd.h
src/analysis/compare.h:
src/analysis/significance.h:
src/util/json_read.h:
src/report/compare_text.h:
src/session/compare_cmd.h:
