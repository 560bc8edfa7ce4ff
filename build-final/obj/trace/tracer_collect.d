build-final/obj/trace/tracer_collect.o: src/trace/tracer_collect.c \
 src/trace/bpf_maps.h src/trace/syscall_names.h src/model/records.h \
 src/trace/tracer_internal.h include/cbt_bpf.h build-final/cbt.skel.h \
 src/trace/perf_counters.h src/util/text.h
src/trace/bpf_maps.h:
src/trace/syscall_names.h:
src/model/records.h:
src/trace/tracer_internal.h:
include/cbt_bpf.h:
build-final/cbt.skel.h:
src/trace/perf_counters.h:
src/util/text.h:
