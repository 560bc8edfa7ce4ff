/* grow.h - a growable array: a pointer, a count and a capacity kept by the caller, one slot
 * added at a time (the capacity doubles, so n pushes cost O(n) copying). */
#ifndef CBT_GROW_H
#define CBT_GROW_H

#include <stddef.h>

/* Makes room for items[n] in *itemsp (an array of elements of `size` bytes with *cap slots;
 * the first allocation has `first` slots) and returns that slot zeroed, or NULL when memory
 * ran out (the array is then unchanged). The caller counts the slot (n++) when it keeps it. */
void *cbt_grow_slot(void *itemsp, size_t n, size_t *cap, size_t size, size_t first);

/* CBT_GROW(items, n, cap, first): the typed form, e.g.
 *     struct cbt_finding *f = CBT_GROW(out->items, out->n, out->cap, 16); */
#define CBT_GROW(items, n, cap, first)                                                             \
	((__typeof__(&(items)[0]))cbt_grow_slot(&(items), (n), &(cap), sizeof((items)[0]), (first)))

#endif
