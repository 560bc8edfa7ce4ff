build-final/obj/trace/perf_counters.o: src/trace/perf_counters.c \
 src/trace/perf_counters.h src/model/records.h
src/trace/perf_counters.h:
src/model/records.h:
