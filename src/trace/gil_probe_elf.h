/* gil_probe_elf.h - where to probe a CPython's interpreter lock, read from its ELF file.
 *
 * The acquisition function: take_gil (a local symbol: every acquisition, whatever the caller),
 * else PyEval_RestoreThread (exported: only retakes after a blocking call). The forced-switch
 * site: how to recognise, at take_gil's entry, that the eval loop's drop-request handler called
 * it (found by decoding the handler's call instructions, x86-64 only). */
#ifndef CBT_GIL_PROBE_ELF_H
#define CBT_GIL_PROBE_ELF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct cbt_gil_site {
	bool every;	    /* take_gil found: every acquisition is probed */
	size_t offset;	    /* file offset of the probed function (for the uprobe) */
	uint64_t vaddr;	    /* its link-time address */
	bool forced_known;  /* the forced-switch site was identified */
	uint64_t forced_lo; /* the handler's link-time range */
	uint64_t forced_hi;
	unsigned forced_slot; /* stack word holding the return address into it */
	char forced_via[96];  /* "_PyEval_EvalFrameDefault", "_Py_HandlePending via ..." */
	bool has_symtab;
	char needed_libpython[128]; /* a DT_NEEDED libpython*, if any */
};

/* 0, or -1 with the reason in status (not an ELF file, no PyEval_RestoreThread, ...). */
int cbt_gil_site_find(const char *path, struct cbt_gil_site *s, char *status, size_t len);

#endif
