/** A map from strings to pointers (open addressing, grows as needed), for
 *  the id look-ups of every stage: ids of a plan, codes of a data file,
 *  matching two plans. Keys are not copied: they must outlive the map.
 *  strmap_release() frees the table, never the keys or values. */
#ifndef BP_STRMAP_H
#define BP_STRMAP_H

#include <stdbool.h>
#include <stddef.h>

struct strmap_slot {
	const char *key;    /* NULL: empty */
	void *value;
};

struct strmap {
	struct strmap_slot *slots;
	size_t cap, n;
};

/** expected: how many keys are likely (0 is fine). */
void strmap_init(struct strmap *m, size_t expected);
void strmap_release(struct strmap *m);

/** The value for key, or NULL. */
void *strmap_get(const struct strmap *m, const char *key);

/** The slot for key, added (with a NULL value) when missing; *added says
 *  which. The pointer is valid until the next strmap_slot() call. */
struct strmap_slot *strmap_slot(struct strmap *m, const char *key, bool *added);

/** Adds key → value unless key is present; returns the value now stored. */
void *strmap_put(struct strmap *m, const char *key, void *value);

#endif
