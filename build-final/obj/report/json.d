build-final/obj/report/json.o: src/report/json.c src/report/json.h \
 src/util/text.h
src/report/json.h:
src/util/text.h:
