/* outputs.c - see outputs.h. */
#include <errno.h>
#include <string.h>

#include "cli/cli.h"
#include "report/exporter.h"
#include "session/outputs.h"

int cbt_outputs_open(const struct cbt_options *o, struct cbt_outputs *out)
{
	memset(out, 0, sizeof(*out));
	for (unsigned i = 0; i < o->noutputs; i++) {
		const struct cbt_output *w = &o->outputs[i];
		FILE *f = strcmp(w->path, "-") == 0 ? stdout : fopen(w->path, "w");
		if (!f) {
			fprintf(stderr, "concbench-trace: cannot write --%s '%s': %s\n", w->format,
				w->path, strerror(errno));
			for (unsigned k = 0; k < out->n; k++)
				if (out->files[k] != stdout)
					fclose(out->files[k]);
			return CBT_EXIT_USAGE;
		}
		out->to_stdout |= f == stdout;
		out->files[out->n++] = f;
	}
	return 0;
}

int cbt_outputs_write(const struct cbt_options *o, struct cbt_outputs *out,
		      const struct cbt_report *rep)
{
	int rc = 0;
	if (!out->to_stdout)
		cbt_exporter_text.write(stdout, rep);
	for (unsigned i = 0; i < out->n; i++) {
		const struct cbt_exporter *e = cbt_exporter_find(o->outputs[i].format);
		if (e)
			e->write(out->files[i], rep);
		if (out->files[i] != stdout && fclose(out->files[i]) != 0) {
			fprintf(stderr, "concbench-trace: writing --%s failed: %s\n",
				o->outputs[i].format, strerror(errno));
			rc = 1;
		}
	}
	out->n = 0;
	return rc;
}
