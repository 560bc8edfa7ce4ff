build-final/obj/report/report_text.o: src/report/report_text.c \
 src/report/experiments_out.h src/report/json.h src/report/report.h \
 src/analysis/analysis.h src/model/records.h src/analysis/gil_summary.h \
 src/model/result.h src/model/job.h src/model/catalog.h src/model/stats.h \
 src/analysis/answer.h src/analysis/derived.h src/analysis/experiments.h \
 src/analysis/findings.h src/model/params.h src/model/host.h \
 src/cli/options.h src/python/python_rt.h src/util/units.h \
 src/report/report_verify.h src/report/exporter.h \
 src/report/report_text.h src/report/seed_text.h src/report/columns.h \
 src/util/text.h
src/report/experiments_out.h:
src/report/json.h:
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
src/report/report_verify.h:
src/report/exporter.h:
src/report/report_text.h:
src/report/seed_text.h:
src/report/columns.h:
src/util/text.h:
