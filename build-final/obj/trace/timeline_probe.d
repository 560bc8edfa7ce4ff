build-final/obj/trace/timeline_probe.o: src/trace/timeline_probe.c \
 src/trace/timeline_probe.h src/model/records.h include/cbt_bpf.h \
 include/cbt_gil_bpf.h include/cbt_timeline_bpf.h src/model/timeline.h \
 build-final/timeline.skel.h src/trace/libbpf_log.h \
 src/trace/syscall_names.h src/util/msg.h
src/trace/timeline_probe.h:
src/model/records.h:
include/cbt_bpf.h:
include/cbt_gil_bpf.h:
include/cbt_timeline_bpf.h:
src/model/timeline.h:
build-final/timeline.skel.h:
src/trace/libbpf_log.h:
src/trace/syscall_names.h:
src/util/msg.h:
