/* fuzz_json.c - libFuzzer harness for what the tool reads back: a saved JSON document (compare).
 *
 * The input is parsed by the JSON reader; a document that parses is compared with itself and
 * the comparison printed, as `concbench-trace compare A A` would. Nothing may crash, read out
 * of bounds or hit undefined behaviour, whatever the file holds. Built by `make fuzz`. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "analysis/compare.h"
#include "report/compare_text.h"
#include "util/json_read.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static FILE *sink;
	char err[256];
	if (!sink)
		sink = fopen("/dev/null", "w");
	struct cbt_jval *doc = cbt_jparse((const char *)data, size, err, sizeof(err));
	if (!doc)
		return 0;
	struct cbt_compare_opts o = {.force = true, .noise_floor = 0.01, .alpha = 0.05};
	struct cbt_comparison c;
	if (cbt_compare(doc, doc, &o, &c, err, sizeof(err)) == 0) {
		if (sink)
			cbt_compare_report(sink, &c, "a.json", "b.json", &o);
		cbt_comparison_free(&c);
	}
	cbt_jfree(doc);
	return 0;
}
