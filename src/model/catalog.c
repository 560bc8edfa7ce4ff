/* catalog.c - the knobs' option names (the entries themselves live with their code). */
#include "model/catalog.h"

const char *cbt_knob_option(enum cbt_knob k)
{
	switch (k) {
	case CBT_KNOB_SLEEP:
		return "--sleep";
	case CBT_KNOB_SEED:
		return "--seed";
	case CBT_KNOB_ITERATIONS:
		return "--iterations";
	case CBT_KNOB_YIELD:
		return "--yield";
	case CBT_KNOB_CPU_SIZE:
		return "--cpu-size";
	case CBT_KNOB_IO_SIZE:
		return "--io-size";
	case CBT_KNOB_IO_BLOCK:
		return "--io-block";
	case CBT_KNOB_MIXED_CHUNKS:
		return "--mixed-chunks";
	case CBT_KNOB_WORKERS:
		return "--workers";
	case CBT_KNOB_SWITCH_INTERVAL:
		return "--switch-interval";
	}
	return "?";
}
