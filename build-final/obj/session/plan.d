build-final/obj/session/plan.o: src/session/plan.c src/backends/backend.h \
 src/backends/workload.h src/model/catalog.h src/model/params.h \
 src/session/plan.h src/cli/options.h src/python/python_rt.h \
 src/model/result.h src/model/job.h src/model/records.h src/model/stats.h \
 src/util/text.h
src/backends/backend.h:
src/backends/workload.h:
src/model/catalog.h:
src/model/params.h:
src/session/plan.h:
src/cli/options.h:
src/python/python_rt.h:
src/model/result.h:
src/model/job.h:
src/model/records.h:
src/model/stats.h:
src/util/text.h:
