build-final/obj/model/records.o: src/model/records.c src/model/records.h \
 src/model/timeline.h
src/model/records.h:
src/model/timeline.h:
