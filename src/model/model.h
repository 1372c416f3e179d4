/** The plan model: what parse builds from a plan's XML files and every
 *  later stage (evaluate, compose, layout) reads. One struct per element of
 *  the plan format (docs/plan-format.md), each with the file and line it
 *  came from.
 *
 *  Ownership: the plan's arena owns every node, string and array reachable
 *  from a struct plan, apart from static constants (when_empty, ""); release
 *  it with plan_free(). Strings and parsed dates may be shared: text written
 *  many times (a status or person id, a period, a date) is stored once and
 *  pointed at from every place it was written, and a prose's joined text or
 *  a block's markup may be the same string as a block's text. Everything
 *  behind a const pointer is therefore read-only. Strings are UTF-8 and
 *  never NULL where the format requires the field; optional text fields are
 *  NULL when absent. Dates keep the text as written next to what was
 *  understood of it. References are kept as the ids written and, after
 *  parse_plan() succeeds, resolved to the nodes they name. */
#ifndef BP_MODEL_H
#define BP_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "model/date.h"
#include "model/vec.h"

/** Where a node came from. file_order sorts diagnostics of included parts
 *  after the including file's. */
struct src_loc {
	const char *file;
	int file_order;
	long line;
};

/** A piece of prose: paragraphs and list items. `markup` holds the text
 *  with the inline subset kept as <b>, <i> and <a href="…"> (escaped so it
 *  is safe to hand to the typesetter); `text` is the same without markup.
 *  Where the two are equal (nothing marked up or escaped) they are one
 *  string; so are `text` of a one-block prose and that block's text. */
enum prose_block_kind { PROSE_PARA, PROSE_BULLET, PROSE_NUMBERED };
struct prose_block {
	enum prose_block_kind kind;
	const char *text;
	const char *markup;
};
struct prose {
	struct prose_block *blocks;
	size_t n;
	const char *text;   /* all blocks joined by newlines; "" when empty */
};

/** A date, range or cadence as written, and what was understood. `when`
 *  is never NULL: an absent date points at when_empty (model/date.h), and
 *  the dates of a plan written with the same text share one struct when in
 *  the plan's arena. */
struct when_text {
	const char *text;          /* NULL when the attribute is absent */
	const struct when *when;   /* never NULL; shared, read-only */
	long line;
};

enum value_kind { VALUE_NONE, VALUE_NUMBER, VALUE_TBC, VALUE_NA };
/** A number as written ("48%", "£2,000", "TBC"). */
struct value {
	enum value_kind kind;
	const char *text;
	double number;
};

/** A list of ids written in one attribute ("kh dmt"), resolved by parse
 *  to the nodes they name (targets[i] is NULL for an unknown id). */
struct refs {
	size_t n;
	const char **ids;
	void **targets;
	long line;
};

struct person {
	struct src_loc loc;
	const char *id, *name, *role, *email, *organisation;
	const char *aliases;  /* other spellings, ';'-separated, as written */
	const char *display;  /* "Name (Role)", "Name" or "Role" */
	size_t index;         /* position in plan->people */
};
DEFINE_VEC(person_vec, struct person)

enum status_meaning {
	MEANS_COMPLETE,
	MEANS_ON_TRACK,
	MEANS_AT_RISK,
	MEANS_OFF_TRACK,
	MEANS_NOT_STARTED,
	MEANS_NOT_APPLICABLE
};

struct status_def {
	struct src_loc loc;
	const char *id, *label;
	uint32_t colour;      /* 0xRRGGBB */
	bool has_colour;
	enum status_meaning means;
	struct prose definition;
	/* plans that rate action and impact separately define both */
	struct prose definition_action, definition_impact;
	struct scheme *scheme;
};
DEFINE_VEC(status_vec, struct status_def)

struct criterion {
	struct src_loc loc;
	const char *id;
	bool critical;
	const char *text;
};
DEFINE_VEC(criterion_vec, struct criterion)

enum rule_kind { RULE_MISSING, RULE_MISSING_AT_LEAST, RULE_CRITICAL_MISSING };
struct scheme_rule {
	struct src_loc loc;
	enum rule_kind kind;
	long count;
	const char *status_id;
	struct status_def *status;
};
DEFINE_VEC(rule_vec, struct scheme_rule)

struct scheme {
	struct src_loc loc;
	const char *id, *name;
	struct status_vec statuses;
	struct criterion_vec criteria;
	struct rule_vec rules;
	struct prose note;
};
DEFINE_VEC(scheme_vec, struct scheme)

struct recommendation {
	struct src_loc loc;
	const char *id, *ref, *judgement;
	const char *source;          /* from the enclosing <recommendations> */
	const char *source_date;
	struct refs areas;           /* struct area */
	struct prose text;
	size_t index;                /* position in plan->recommendations */
};
DEFINE_VEC(recommendation_vec, struct recommendation)

struct focus_area {
	struct src_loc loc;
	const char *id, *ref, *title, *judgement;
	struct refs leads;           /* struct person */
	struct refs recommendations; /* struct recommendation */
	struct prose description;
	size_t index;                /* position in plan->focus_areas */
};
DEFINE_VEC(focus_area_vec, struct focus_area)

struct update {
	struct src_loc loc;
	struct when_text date;
	struct refs by;              /* struct person */
	struct prose text;
};
DEFINE_VEC(update_vec, struct update)

struct evidence {
	struct src_loc loc;
	struct when_text date;
	const char *href;
	struct prose text;
};
DEFINE_VEC(evidence_vec, struct evidence)

struct due_change {
	struct src_loc loc;
	struct when_text date, from, to;
	struct prose text;
};
DEFINE_VEC(due_change_vec, struct due_change)

struct voice {
	struct src_loc loc;
	const char *of, *title;
	const char *area_id;         /* for <voices area="…"> at plan level */
	struct area *area;
	struct prose text;
};
DEFINE_VEC(voice_vec, struct voice)

enum rating_kind { RATING_OVERALL, RATING_ACTION, RATING_IMPACT };
struct rating {
	struct src_loc loc;
	enum rating_kind kind;
	const char *status_id, *scheme_id;
	struct scheme *scheme;       /* resolved; the default when none named */
	struct status_def *status;
	struct when_text date;
	struct prose note;
};
DEFINE_VEC(rating_vec, struct rating)

struct criteria_met {
	struct src_loc loc;
	bool present;
	struct refs met;             /* struct criterion */
	const char *scheme_id;
	struct scheme *scheme;
	struct prose note;
};

enum measure_unit {
	UNIT_NONE, UNIT_PERCENT, UNIT_COUNT, UNIT_RATE_10000, UNIT_RATE_1000,
	UNIT_DAYS, UNIT_WEEKS, UNIT_MONTHS, UNIT_GBP, UNIT_RATIO, UNIT_NUMBER,
	UNIT_SCORE
};

struct metric {
	struct src_loc loc;
	const char *name;
	enum measure_unit unit;
	struct value current, target, baseline;
	struct when_text current_date, target_date, baseline_date;
	const char *measure_id;
	struct measure *measure;
	int better;                  /* enum measure_better */
	struct prose note;
};
DEFINE_VEC(metric_vec, struct metric)

struct xref {
	struct src_loc loc;
	const char *plan, *ref, *href;  /* plan NULL: this plan */
	struct prose text;
};
DEFINE_VEC(xref_vec, struct xref)

struct action;

struct milestone {
	struct src_loc loc;
	const char *id, *ref;        /* id NULL when not given */
	struct refs leads;
	struct when_text start, due, done;
	const char *period;          /* the column it was listed under */
	const char *status_id, *scheme_id;
	struct scheme *scheme;
	struct status_def *status;
	struct prose text, position;
	struct update_vec updates;
	struct evidence_vec evidence;
	struct due_change_vec due_changes;
	struct action *action;
	size_t index;                /* position within the action, from 0 */
};
DEFINE_VEC(milestone_vec, struct milestone)

struct area;

struct action {
	struct src_loc loc;
	const char *id, *ref;
	struct refs leads;           /* struct person */
	struct when_text start, due, done;
	struct refs focus;           /* struct focus_area */
	struct refs recommendations; /* struct recommendation */
	struct refs measures;        /* struct measure */
	struct refs see;             /* struct action */
	const char *inspection, *kpi_refs;
	bool all_recommendations;
	struct prose text, how_we_will_know, position, commentary;
	struct voice_vec voices;
	struct milestone_vec milestones;
	struct update_vec updates;
	struct rating_vec ratings;
	struct criteria_met criteria;
	struct evidence_vec evidence;
	struct metric_vec metrics;
	struct due_change_vec due_changes;
	struct xref_vec xrefs;
	struct area *area;           /* the area it sits in */
	size_t index;                /* position in plan->actions */
};
DEFINE_VEC(action_vec, struct action)

/** A child of an area, in document order. */
enum area_item_kind { AREA_ITEM_AREA, AREA_ITEM_ACTION };
struct area_item {
	enum area_item_kind kind;
	union {
		struct area *area;
		struct action *action;
	} u;
};

struct prose_vec_item {
	struct src_loc loc;
	const char *period;          /* audit development work only */
	struct prose text;
};
DEFINE_VEC(prose_vec, struct prose_vec_item)

struct area {
	struct src_loc loc;
	const char *id, *ref, *kind, *title;
	struct refs leads, sponsors;     /* struct person */
	struct refs focus;               /* struct focus_area */
	struct refs recommendations;     /* struct recommendation */
	struct prose description;
	struct prose_vec outcomes, approaches;
	struct voice_vec voices;
	struct update_vec updates;
	struct evidence_vec evidence;
	struct xref_vec xrefs;
	struct area_item *items;
	size_t n_items, cap_items;
	struct area *parent;
	int depth;                       /* 1 for a top-level area */
	size_t index;                    /* position in plan->all_areas */
};
DEFINE_VEC(area_vec, struct area)

enum measure_better { BETTER_UNKNOWN, BETTER_HIGHER, BETTER_LOWER, BETTER_IN_LINE };
enum measure_trajectory { TRAJECTORY_LINEAR, TRAJECTORY_STEP };
enum benchmark_kind {
	BENCH_STAT_NEIGHBOURS, BENCH_ENGLAND, BENCH_REGION, BENCH_LAST_YEAR, BENCH_OTHER
};

struct dated_value {
	struct src_loc loc;
	struct value value;
	struct when_text date;
	const char *note;
	enum benchmark_kind bench_kind;  /* benchmarks only */
	const char *label;               /* benchmarks only */
};
DEFINE_VEC(dated_value_vec, struct dated_value)

struct measure {
	struct src_loc loc;
	const char *id, *code, *name;
	enum measure_unit unit;
	enum measure_better better;
	enum measure_trajectory trajectory;
	bool has_tolerance;
	double tolerance;
	const char *frequency, *source;
	struct refs owner;               /* struct person */
	struct refs outcomes;            /* struct outcome */
	struct refs focus;               /* struct focus_area */
	struct refs actions;             /* struct action */
	struct refs recommendations;     /* struct recommendation */
	struct refs areas;               /* struct area */
	struct prose definition;
	struct dated_value *baseline;    /* NULL when none */
	struct dated_value_vec targets, actuals, benchmarks;
	size_t index;
};
DEFINE_VEC(measure_vec, struct measure)

struct outcome {
	struct src_loc loc;
	const char *id, *ref;
	const char *framework_title;     /* from the enclosing <outcomes> */
	struct refs recommendations;     /* struct recommendation */
	struct refs areas;               /* struct area */
	struct prose text;
	size_t index;                    /* position in plan->outcomes */
};
DEFINE_VEC(outcome_vec, struct outcome)

struct audit_round {
	struct src_loc loc;
	const char *id, *label;
	struct when_text date;
	bool baseline;
};
DEFINE_VEC(audit_round_vec, struct audit_round)

struct audit_score {
	struct src_loc loc;
	const char *round_id;
	struct audit_round *round;
	struct value target, actual;
	long cases;                  /* cases audited; -1: not given */
	const char *note;
};
DEFINE_VEC(audit_score_vec, struct audit_score)

struct audit_theme {
	struct src_loc loc;
	const char *id, *ref, *title;
	struct audit_score_vec scores;
	struct prose_vec development;
};
DEFINE_VEC(audit_theme_vec, struct audit_theme)

struct audit {
	struct src_loc loc;
	const char *id, *title, *measure;
	const char *area_id;
	struct area *area;
	enum measure_better better;      /* BETTER_HIGHER unless the plan says */
	struct prose description;
	struct audit_round_vec rounds;
	struct audit_theme_vec themes;
	size_t index;                    /* position in plan->audits */
};
DEFINE_VEC(audit_vec, struct audit)

struct notice {
	struct src_loc loc;
	const char *lang, *title;
	struct prose text;
};
DEFINE_VEC(notice_vec, struct notice)

struct meeting {
	struct src_loc loc;
	struct when_text date;
	const char *text;
};
DEFINE_VEC(meeting_vec, struct meeting)

struct member {
	struct src_loc loc;
	const char *person_id, *name, *role;
	struct person *person;
};
DEFINE_VEC(member_vec, struct member)

struct reports_to {
	struct src_loc loc;
	const char *body, *by, *cadence, *text;
};
DEFINE_VEC(reports_to_vec, struct reports_to)

struct governance {
	bool present;
	struct src_loc loc;
	const char *board, *chair, *cadence, *update_cadence;
	long updates_requested, updates_due, chair_briefed;  /* -1: not given */
	struct meeting_vec meetings;
	struct member_vec members;
	struct reports_to_vec reports_to;
	struct prose_vec notes;
};

struct plan {
	struct arena *arena;
	struct src_loc loc;
	const char *path;                 /* the plan file as named */
	const char **files;               /* every file read, by file_order */
	size_t n_files;

	const char *id, *version, *marking, *period, *label, *lang;
	struct when_text as_at;
	bool has_tolerance;
	double tolerance;                 /* default RAG tolerance */
	long due_soon_days;               /* -1: not given */

	const char *title, *subtitle, *authority, *author, *board;
	struct prose introduction, vision, goals, principles;
	struct notice_vec notices;
	struct governance governance;

	struct person_vec people;
	struct when_text people_as_at;
	const char *related_title;
	struct xref_vec related;
	const char *measures_title;
	struct prose measures_description;
	struct scheme_vec schemes;
	const char *default_scheme_id;
	struct scheme *default_scheme;
	struct recommendation_vec recommendations;
	struct focus_area_vec focus_areas;
	struct area_vec areas;            /* top level, in document order */
	struct area_vec all_areas;        /* every area, depth first */
	struct action_vec actions;        /* every action, in document order */
	struct measure_vec measures;
	struct outcome_vec outcomes;
	struct audit_vec audits;
	struct voice_vec voices;          /* plan-level <voices> */
};

/** Releases the plan's arena and the plan. */
void plan_free(struct plan *plan);

const char *unit_name(enum measure_unit u);         /* "percent" */
const char *unit_symbol(enum measure_unit u);       /* "%", "per 10,000" */
const char *better_name(enum measure_better b);     /* "higher" */
const char *status_meaning_name(enum status_meaning m); /* "on-track" */
const char *rating_kind_name(enum rating_kind k);   /* "action" */
const char *benchmark_kind_name(enum benchmark_kind k);

/** Helpers for typed access to resolved references. */
#define REF_TARGET(refs, i, type) ((type *)(refs).targets[(i)])

#endif
