build-final/obj/trace/gil_probe_exec.o: src/trace/gil_probe_exec.c \
 build-final/gil.skel.h src/trace/gil_probe.h src/model/records.h \
 src/trace/gil_probe_priv.h include/cbt_gil_bpf.h \
 src/trace/gil_probe_dl.h src/util/clock.h src/util/msg.h
build-final/gil.skel.h:
src/trace/gil_probe.h:
src/model/records.h:
src/trace/gil_probe_priv.h:
include/cbt_gil_bpf.h:
src/trace/gil_probe_dl.h:
src/util/clock.h:
src/util/msg.h:
