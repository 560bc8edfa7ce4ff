build-final/obj/report/report_markdown.o: src/report/report_markdown.c \
 src/report/columns.h src/report/report.h src/analysis/analysis.h \
 src/model/records.h src/analysis/gil_summary.h src/model/result.h \
 src/model/job.h src/model/catalog.h src/model/stats.h \
 src/analysis/answer.h src/analysis/derived.h src/analysis/experiments.h \
 src/analysis/findings.h src/model/params.h src/model/host.h \
 src/cli/options.h src/python/python_rt.h src/util/units.h \
 src/report/exporter.h
src/report/columns.h:
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
src/model/params.h:
src/model/host.h:
src/cli/options.h:
src/python/python_rt.h:
src/util/units.h:
src/report/exporter.h:
