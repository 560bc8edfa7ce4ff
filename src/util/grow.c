/* grow.c - see grow.h. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/grow.h"

void *cbt_grow_slot(void *itemsp, size_t n, size_t *cap, size_t size, size_t first)
{
	void *items;
	/* itemsp points at a `T *`; copied as bytes so no T ** is read through a void **. */
	memcpy(&items, itemsp, sizeof(items));
	if (n >= *cap) {
		size_t c = *cap ? 2 * *cap : (first ? first : 1);
		if (c <= n || c > SIZE_MAX / size)
			return NULL;
		void *q = realloc(items, c * size);
		if (!q)
			return NULL;
		items = q;
		memcpy(itemsp, &items, sizeof(items));
		*cap = c;
	}
	void *slot = (char *)items + n * size;
	memset(slot, 0, size);
	return slot;
}
