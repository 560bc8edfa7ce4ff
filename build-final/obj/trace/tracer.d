build-final/obj/trace/tracer.o: src/trace/tracer.c src/util/msg.h \
 src/util/clock.h src/trace/tracer.h src/model/records.h \
 include/cbt_bpf.h build-final/cbt.skel.h src/trace/bpf_maps.h \
 src/trace/tracer_internal.h src/trace/perf_counters.h \
 src/trace/libbpf_log.h src/trace/syscall_names.h
src/util/msg.h:
src/util/clock.h:
src/trace/tracer.h:
src/model/records.h:
include/cbt_bpf.h:
build-final/cbt.skel.h:
src/trace/bpf_maps.h:
src/trace/tracer_internal.h:
src/trace/perf_counters.h:
src/trace/libbpf_log.h:
src/trace/syscall_names.h:
