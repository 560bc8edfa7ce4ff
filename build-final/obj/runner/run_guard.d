build-final/obj/runner/run_guard.o: src/runner/run_guard.c \
 src/runner/run_guard.h src/util/proc.h
src/runner/run_guard.h:
src/util/proc.h:
