/* Shared between the files of the eval stage only. */
#ifndef BP_EVAL_INTERNAL_H
#define BP_EVAL_INTERNAL_H

#include <stdarg.h>

#include "base/arena.h"
#include "eval/eval.h"

/** What every part of the evaluation reads: the plan, the report date and
 *  the arena results go into. */
struct eval_ctx {
	const struct plan *plan;
	struct arena *arena;
	struct diag_list *diags;
	struct plan_eval *ev;
	bp_day as_at;
	long due_soon;
	/* short-lived words (dates, day counts) for building reasons: a
	 * ring, so the many dates in reasons cost no allocation */
	char ring[16][48];
	unsigned ring_next;
	/* computed status → scheme status, worked out once per scheme */
	struct eval_mapped *mapped_cache;
	const struct scheme **mapped_schemes;
	size_t n_mapped_schemes;
	const char *stale_expected;
};

/** An array of n zeroed items in the arena, or NULL when n is 0 (most
 *  actions have no ratings or metrics: nothing is spent on them). */
#define EV_ARRAY(c, type, n) ((n) ? arena_array((c)->arena, type, (n)) : NULL)

/* ---- words (text.c) ------------------------------------------------- */

/** "30 Sep 2023". ev_day() and ev_days() return words that last for the
 *  next 15 such calls only: use them as arguments of ev_printf(); keep a
 *  date with ev_day_keep(), which copies it into the arena. */
const char *ev_day(struct eval_ctx *c, bp_day d);
const char *ev_day_keep(struct eval_ctx *c, bp_day d);
/** Formats into the arena. */
const char *ev_printf(struct eval_ctx *c, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/** A short name for a milestone in a sentence: its text cut at a word
 *  boundary near 60 characters ("Advertise posts and recruit to new
 *  positions"), else its ref or id, else "number n". */
const char *ev_milestone_name(struct eval_ctx *c, const struct milestone *m);
/** The same for any prose or title. */
const char *ev_short_text(struct eval_ctx *c, const char *text, size_t max);
/** "1 day", "3 days". */
const char *ev_days(struct eval_ctx *c, long n);
/** A number as a board member reads it, with its unit: "48%", "£2,000",
 *  "12.5 per 10,000", "31 days". */
const char *ev_value(struct eval_ctx *c, double v, enum measure_unit unit);
/** The same without the unit, for differences of percentages: "3.5". */
const char *ev_number(struct eval_ctx *c, double v);
/** "percentage points" for percent measures, else the unit's words. */
const char *ev_delta(struct eval_ctx *c, double d, enum measure_unit unit);

/** Rank of a meaning for comparing ratings: complete 4, on track and not
 *  started 3, at risk 2, off track 1; not applicable 0 (not ranked). */
int ev_meaning_rank(enum status_meaning m);

/** How pressing an open status is (overdue highest); 0 for done. */
int ev_severity(enum eval_status s);
/** Counts in words, most pressing first: "2 overdue, 5 on track, 3 done". */
const char *ev_counts_words(struct eval_ctx *c, const struct eval_counts *k);

/* ---- dates ---------------------------------------------------------- */

/** The day a due date falls due, or BP_DAY_NONE. */
bp_day ev_due_day(const struct when *w);
/** The day something dated happened for the purpose of "by the report
 *  date": a period counts at its last day. */
bp_day ev_point_day(const struct when *w);

/* ---- the parts (one file each) --------------------------------------- */

void ev_status_all(struct eval_ctx *c);      /* status.c: actions, milestones */
void ev_scheme_all(struct eval_ctx *c);      /* scheme.c: mapping, challenge */
void ev_staleness_all(struct eval_ctx *c);   /* stale.c */
void ev_measures_all(struct eval_ctx *c);    /* measures.c */
void ev_audits_all(struct eval_ctx *c);      /* audits.c */
void ev_rollup_all(struct eval_ctx *c);      /* rollup.c */
void ev_movement(struct eval_ctx *c, const struct plan_eval *prev, const char *prev_path);

/** Evaluates the due-change history of an action or a milestone. */
struct eval_drift ev_drift(struct eval_ctx *c, const struct due_change_vec *v);

/** The scheme status for a meaning: the first status of the scheme with
 *  that meaning, else the documented fallbacks; NULL when none fits. */
const struct status_def *ev_scheme_status_for(const struct scheme *s, enum status_meaning m);

/* ---- a pointer → index map for nodes that carry no index ------------- */

struct ptr_index {
	const void **keys;
	size_t *values;
	size_t cap;
};
void ptr_index_init(struct ptr_index *ix, size_t expected);
void ptr_index_put(struct ptr_index *ix, const void *key, size_t value);
/** The value stored for key, or (size_t)-1. */
size_t ptr_index_get(const struct ptr_index *ix, const void *key);
void ptr_index_release(struct ptr_index *ix);

#endif
