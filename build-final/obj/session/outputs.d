build-final/obj/session/outputs.o: src/session/outputs.c src/cli/cli.h \
 src/cli/options.h src/model/params.h src/report/exporter.h \
 src/report/report.h src/analysis/analysis.h src/model/records.h \
 src/analysis/gil_summary.h src/model/result.h src/model/job.h \
 src/model/catalog.h src/model/stats.h src/analysis/answer.h \
 src/analysis/derived.h src/analysis/experiments.h \
 src/analysis/findings.h src/model/host.h src/python/python_rt.h \
 src/util/units.h src/session/outputs.h src/util/atomic_file.h
src/cli/cli.h:
src/cli/options.h:
src/model/params.h:
src/report/exporter.h:
src/report/report.h:
src/analysis/analysis.h:
src/model/records.h:
src/analysis/gil_summary.h:
src/model/result.h:
src/model/job.h:
src/model/catalog.h:
src/model/stats.h:
src/analysis/answer.h:
src/analysis/derived.h:
src/analysis/experiments.h:
src/analysis/findings.h:
src/model/host.h:
src/python/python_rt.h:
src/util/units.h:
src/session/outputs.h:
src/util/atomic_file.h:
