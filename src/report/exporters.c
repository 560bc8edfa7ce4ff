/* exporters.c - the registry of output formats: one row per format (see exporter.h). */
#include <string.h>

#include "report/exporter.h"

const struct cbt_exporter *const cbt_exporters[] = {
    &cbt_exporter_text,	    &cbt_exporter_json, &cbt_exporter_csv,
    &cbt_exporter_markdown, &cbt_exporter_html, &cbt_exporter_timeline,
};
const size_t cbt_nexporters = sizeof(cbt_exporters) / sizeof(cbt_exporters[0]);

const struct cbt_exporter *cbt_exporter_find(const char *name)
{
	for (size_t i = 0; i < cbt_nexporters; i++)
		if (strcmp(cbt_exporters[i]->name, name) == 0)
			return cbt_exporters[i];
	return NULL;
}
