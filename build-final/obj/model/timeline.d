build-final/obj/model/timeline.o: src/model/timeline.c \
 src/model/timeline.h src/model/records.h src/util/grow.h
src/model/timeline.h:
src/model/records.h:
src/util/grow.h:
