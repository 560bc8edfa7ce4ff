build-final/obj/model/job.o: src/model/job.c src/model/job.h \
 src/model/catalog.h
src/model/job.h:
src/model/catalog.h:
