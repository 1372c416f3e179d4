/* Looking into a laid-out document in a test. */
#ifndef BP_UNIT_LAYOUT_H
#define BP_UNIT_LAYOUT_H

#include <stdint.h>

#include "base/arena.h"
#include "layout/layout.h"

/* The text a text operation draws: the bytes of its lines, from the
 * first run's start to the last run's end ("" for none). */
static inline char *op_text(struct arena *a, const struct layout_op *op)
{
	const struct shape *s = op->u.text.shape;
	size_t lo = SIZE_MAX, hi = 0;
	for (uint32_t i = op->u.text.from; s && i < op->u.text.to; i++) {
		const struct shape_line *l = &s->lines[i];
		for (uint32_t r = 0; r < l->n_runs; r++) {
			const struct shape_run *run = &s->runs[l->run_start + r];
			if (run->text_start < lo)
				lo = run->text_start;
			if (run->text_start + run->text_len > hi)
				hi = run->text_start + run->text_len;
		}
	}
	if (lo == SIZE_MAX)
		return arena_strdup(a, "");
	return arena_strndup(a, s->text + lo, hi - lo);
}

#endif
