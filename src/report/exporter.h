/* exporter.h - one interface per output format, and the registry of them (exporters.c).
 * Adding a format is one new file (report/report_FORMAT.c defining its exporter) plus one row in
 * exporters.c. Exporters read a struct cbt_report only. */
#ifndef CBT_EXPORTER_H
#define CBT_EXPORTER_H

#include <stddef.h>
#include <stdio.h>

#include "report/report.h"

struct cbt_exporter {
	const char *name;      /* "text", "json": what an option selects it by */
	const char *extension; /* default file extension, without the dot */
	const char *summary;   /* one line for --help */
	void (*write)(FILE *f, const struct cbt_report *rep);
};

extern const struct cbt_exporter cbt_exporter_text;
extern const struct cbt_exporter cbt_exporter_json;
extern const struct cbt_exporter cbt_exporter_csv;
extern const struct cbt_exporter cbt_exporter_markdown;
extern const struct cbt_exporter cbt_exporter_html;
extern const struct cbt_exporter cbt_exporter_timeline;

/* The registry, in the order --help lists them. */
extern const struct cbt_exporter *const cbt_exporters[];
extern const size_t cbt_nexporters;

/* The exporter named `name`, or NULL. */
const struct cbt_exporter *cbt_exporter_find(const char *name);

#endif
