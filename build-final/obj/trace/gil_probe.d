build-final/obj/trace/gil_probe.o: src/trace/gil_probe.c \
 src/trace/libbpf_log.h src/trace/bpf_maps.h src/util/msg.h \
 src/trace/gil_probe.h src/model/records.h src/trace/gil_probe_elf.h \
 include/cbt_bpf.h include/cbt_gil_bpf.h build-final/gil.skel.h \
 src/trace/gil_probe_priv.h src/trace/gil_probe_dl.h
src/trace/libbpf_log.h:
src/trace/bpf_maps.h:
src/util/msg.h:
src/trace/gil_probe.h:
src/model/records.h:
src/trace/gil_probe_elf.h:
include/cbt_bpf.h:
include/cbt_gil_bpf.h:
build-final/gil.skel.h:
src/trace/gil_probe_priv.h:
src/trace/gil_probe_dl.h:
