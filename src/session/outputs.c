/* outputs.c - see outputs.h. */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "report/exporter.h"
#include "session/outputs.h"

void cbt_outputs_abort(struct cbt_outputs *out)
{
	for (unsigned k = 0; k < out->n; k++)
		if (out->files[k] != stdout)
			cbt_atomic_abort(&out->af[k]);
	out->n = 0;
}

/* The tasks append to it: a path that cannot be written is a usage error, found now. */
static int check_schedstat_dump(const char *path)
{
	if (!path)
		return 0;
	int fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
	if (fd < 0) {
		fprintf(stderr, "concbench-trace: cannot write --dump-schedstat '%s': %s\n", path,
			strerror(errno));
		return CBT_EXIT_USAGE;
	}
	close(fd);
	return 0;
}

int cbt_outputs_open(const struct cbt_options *o, struct cbt_outputs *out)
{
	char err[512];
	memset(out, 0, sizeof(*out));
	for (unsigned i = 0; i < o->noutputs; i++) {
		const struct cbt_output *w = &o->outputs[i];
		FILE *f = stdout;
		if (strcmp(w->path, "-") != 0) {
			if (cbt_atomic_open(&out->af[out->n], w->path, err, sizeof(err)) != 0) {
				fprintf(stderr, "concbench-trace: cannot write --%s '%s': %s\n",
					w->format, w->path, err);
				cbt_outputs_abort(out);
				return CBT_EXIT_USAGE;
			}
			f = out->af[out->n].f;
		}
		out->to_stdout |= f == stdout;
		out->files[out->n++] = f;
	}
	if (check_schedstat_dump(o->params.schedstat_dump)) {
		cbt_outputs_abort(out);
		return CBT_EXIT_USAGE;
	}
	return 0;
}

int cbt_outputs_write(const struct cbt_options *o, struct cbt_outputs *out,
		      const struct cbt_report *rep)
{
	char err[512];
	int rc = 0;
	if (!out->to_stdout)
		cbt_exporter_text.write(stdout, rep);
	for (unsigned i = 0; i < out->n; i++) {
		const struct cbt_exporter *e = cbt_exporter_find(o->outputs[i].format);
		if (e)
			e->write(out->files[i], rep);
		if (out->files[i] == stdout)
			continue;
		/* interrupted: a new file gets what was measured (marked "interrupted"), an
		 * existing one stays as it was */
		if (rep->interrupted && cbt_atomic_target_exists(&out->af[i])) {
			cbt_atomic_abort(&out->af[i]);
			fprintf(stderr,
				"concbench-trace: interrupted: the existing --%s '%s' was not "
				"replaced\n",
				o->outputs[i].format, o->outputs[i].path);
		} else if (cbt_atomic_commit(&out->af[i], err, sizeof(err)) != 0) {
			fprintf(stderr, "concbench-trace: writing --%s failed: %s\n",
				o->outputs[i].format, err);
			rc = 1;
		}
	}
	out->n = 0;
	/* > /dev/full: say so, never exit 0 */
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr,
			"concbench-trace: writing the report to standard output failed: %s\n",
			strerror(errno ? errno : EIO));
		rc = 1;
	}
	return rc;
}
