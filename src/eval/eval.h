/** eval: the plan model evaluated as at a report date.
 *
 *  evaluate_plan() derives, for every milestone and action, a status from
 *  its dates and completion (done, overdue, due soon …) mapped onto the
 *  plan's own scheme and set beside the reported rating, with a challenge
 *  where the rating is kinder than the dates allow; drift and staleness;
 *  for every measure the target in force, RAG, direction of travel,
 *  benchmarks and share of the gap closed; audit results against target;
 *  roll-ups per area, lead, focus area, recommendation and for the plan;
 *  and, given the previous board's plan, what moved since. Every computed
 *  value carries a reason in words a board member reads. The rules are in
 *  docs/evaluation.md; the JSON and CSV shapes in docs/eval-json.md.
 *
 *  Ownership: everything evaluate_plan() returns is allocated in the
 *  evaluated plan's arena and lives until plan_free() of that plan.
 *
 *  Results are indexed like the model: actions[action->index],
 *  measures[measure->index], areas[area->index]; milestones[m->index]
 *  inside each action's result; audits, leads (people), focus areas and
 *  recommendations in the order of the plan's own vectors. Arrays with no
 *  items (an action's ratings, milestones, metrics) are NULL with n 0.
 *
 *  Around it: kpidata.h merges KPI actuals from CSV into a plan before it
 *  is evaluated; output.h writes the evaluation as JSON or CSV. */
#ifndef BP_EVAL_H
#define BP_EVAL_H

#include <stdbool.h>
#include <stddef.h>

#include "base/diag.h"
#include "model/model.h"

/** The status computed from dates and completion. The names ("done-late")
 *  are stable: they are what the JSON and CSV output print. */
enum eval_status {
	EVAL_DONE,        /* done on or before its due date, or with none */
	EVAL_DONE_LATE,   /* done after its due date */
	EVAL_ON_TRACK,    /* not done, due after the due-soon window */
	EVAL_DUE_SOON,    /* not done, due today or within the window */
	EVAL_OVERDUE,     /* not done, due date passed */
	EVAL_NOT_STARTED, /* starts after the report date */
	EVAL_NO_DATE,     /* no due date at all */
	EVAL_TBC,         /* due date written as TBC */
	EVAL_ONGOING,     /* "Ongoing", or "From Jan-19" once started */
	EVAL_RECURRING    /* a cadence: "Monthly", "Quarterly Monitoring" */
};
#define EVAL_STATUS_COUNT 10

/** A status's stable name ("done-late") and its words ("done late"). */
const char *eval_status_name(enum eval_status s);
const char *eval_status_words(enum eval_status s);

#define EVAL_MEANING_COUNT 6   /* the values of enum status_meaning */

enum eval_rag { EVAL_RAG_NONE, EVAL_RAG_GREEN, EVAL_RAG_AMBER, EVAL_RAG_RED };
#define EVAL_RAG_COUNT 4
const char *eval_rag_name(enum eval_rag r);        /* "none", "green" … */

/** Direction of travel or position, judged by the measure's direction. */
enum eval_trend {
	EVAL_TREND_NONE,    /* cannot be said: see the reason */
	EVAL_TREND_BETTER,
	EVAL_TREND_SAME,
	EVAL_TREND_WORSE,
	EVAL_TREND_UP,      /* direction unknown: only the sign is known */
	EVAL_TREND_DOWN
};
const char *eval_trend_name(enum eval_trend t);    /* "better" … */

/** A computed status on the plan's scheme. */
struct eval_mapped {
	const struct scheme *scheme;     /* NULL: the plan declares none */
	const struct status_def *status; /* NULL: nothing in the scheme fits */
	const char *reason;
};

/** A reported rating (or a milestone's reported status) and whether it is
 *  kinder than the dates allow. */
struct eval_rating {
	const struct rating *rating;     /* NULL for a milestone's status */
	const struct status_def *status;
	bool ignored;                    /* dated after the report date */
	bool challenged;
	const char *challenge;           /* "reported Green, but …"; or NULL */
};

/** How often and how far the due date moved (due-change history). */
struct eval_drift {
	int moves;
	long days;          /* sum of the moves whose size is known; + later */
	bool days_known;    /* false when some move lacks a from or to date */
	const char *reason;
};

enum eval_stale_state {
	EVAL_STALE_NOT_APPLICABLE,  /* done, or not started */
	EVAL_STALE_CURRENT,
	EVAL_STALE_STALE,
	EVAL_STALE_NO_UPDATES       /* nothing recorded and no start date */
};
const char *eval_stale_name(enum eval_stale_state s);

struct eval_staleness {
	enum eval_stale_state state;
	bp_day last_update;         /* BP_DAY_NONE when none */
	long days_since;            /* -1 when unknown */
	const char *reason;
};

struct milestone_eval {
	const struct milestone *milestone;
	enum eval_status status;
	enum status_meaning meaning;
	bp_day start, due, done;    /* BP_DAY_NONE when not a date */
	/* overdue: days past due; due soon / on track: days to go; done late:
	 * days late; done: days early (0 on the day); otherwise 0 */
	long days;
	bool done_as_reported;      /* reported complete, no done date */
	const char *reason;
	struct eval_mapped mapped;
	struct eval_rating reported; /* status NULL when none reported */
	struct eval_drift drift;
};

/** A rule-based scheme applied to the criteria an action meets. */
struct eval_criteria {
	bool present;
	const struct scheme *scheme;
	size_t met, total;
	bool critical_missing;
	const char **missing;       /* labels of the criteria not met */
	size_t n_missing;
	const struct status_def *status;  /* what the rules give; NULL: none */
	const char *reason;
};

/** A number the plan tracks (a measure's or a metric's), evaluated. */
struct eval_point {
	bool present;
	double value;
	bp_day date;                /* BP_DAY_NONE: undated */
	const struct dated_value *source;  /* NULL for computed points */
};

struct eval_change {
	bool present;
	struct eval_point from;
	double delta;               /* latest − from */
	enum eval_trend trend;
	const char *reason;
};

struct eval_benchmark {
	const struct dated_value *benchmark;
	double difference;          /* latest − benchmark */
	enum eval_trend position;   /* better / worse / same, or up / down */
	const char *reason;
};

enum eval_tolerance_kind {
	EVAL_TOL_UNITS,             /* in the measure's unit */
	EVAL_TOL_POINTS,            /* percentage points (percent measures) */
	EVAL_TOL_PERCENT_OF_TARGET  /* per cent of the reference value */
};

struct measure_eval {
	const struct measure *measure;   /* NULL for an action's metric */
	const struct metric *metric;     /* NULL for a measure */
	double tolerance;                /* as declared */
	enum eval_tolerance_kind tolerance_kind;
	const char *tolerance_source;    /* "measure", "plan" or "default" */
	struct eval_point baseline;
	struct eval_point target_now;    /* in force at the report date */
	const char *target_reason;
	struct eval_point final_target;  /* the last dated target */
	struct eval_point latest;        /* latest actual on or before */
	struct eval_point rag_reference; /* what the latest was judged against */
	enum eval_rag rag;
	const char *rag_reason;
	struct eval_change previous;     /* against the previous actual */
	struct eval_change year_ago;     /* against the actual a year before */
	struct eval_benchmark *benchmarks;
	size_t n_benchmarks;
	bool has_gap_closed;
	double gap_closed;               /* per cent of baseline → target */
	const char *gap_reason;
	const char **missing;            /* TBC and missing data, in words */
	size_t n_missing;
};

struct action_eval {
	const struct action *action;
	enum eval_status status;
	enum status_meaning meaning;
	bp_day start, due, done;
	long days;                  /* as for milestone_eval */
	bool done_as_reported;
	const char *reason;
	/* the milestone that decides the status (the most overdue, the next
	 * due …), or NULL when the action's own dates do */
	const struct milestone *cause;
	size_t milestones_open, milestones_overdue;
	struct eval_mapped mapped;
	struct eval_rating *ratings;     /* one per action->ratings item */
	size_t n_ratings;
	struct eval_criteria criteria;
	bool challenged;            /* a rating or a milestone's status is */
	struct eval_drift drift;
	struct eval_staleness staleness;
	struct milestone_eval *milestones;
	size_t n_milestones;
	struct measure_eval *metrics;    /* one per action->metrics item */
	size_t n_metrics;
};

enum eval_score_state {
	EVAL_SCORE_BASELINE,        /* the baseline round's result */
	EVAL_SCORE_MET,
	EVAL_SCORE_BELOW,
	EVAL_SCORE_RESULT,          /* a result with no target to judge */
	EVAL_SCORE_MISSING,         /* round held, no result recorded */
	EVAL_SCORE_NOT_YET          /* round after the report date */
};
const char *eval_score_state_name(enum eval_score_state s);

struct audit_score_eval {
	const struct audit_round *round;
	const struct audit_score *score;  /* NULL: no score for the round */
	enum eval_score_state state;
	bool has_actual, has_target;
	double actual, target;
	double gap;                 /* actual − target, when both */
	enum eval_rag rag;
	struct eval_change change;  /* against the theme's previous result */
	const char *reason;
};

struct audit_theme_eval {
	const struct audit_theme *theme;
	struct audit_score_eval *scores;  /* one per round, in round order */
	size_t n_scores;
	struct eval_point latest;         /* latest result (value, round date) */
	const struct audit_round *latest_round;
	struct eval_change since_baseline;
	struct eval_change since_previous;
	const struct audit_round *next_round;  /* next with a target */
	double next_target;
	const char *reason;
};

struct audit_round_eval {
	const struct audit_round *round;
	bp_day date;
	bool held;                  /* dated on or before the report date */
	size_t met, below, missing, results;
};

struct audit_eval {
	const struct audit *audit;
	struct audit_theme_eval *themes;
	size_t n_themes;
	struct audit_round_eval *rounds;
	size_t n_rounds;
};

/** Counts over a set of actions (and their milestones and measures). */
struct eval_counts {
	size_t actions;
	size_t by_status[EVAL_STATUS_COUNT];
	size_t by_meaning[EVAL_MEANING_COUNT];       /* computed */
	size_t reported_by_meaning[EVAL_MEANING_COUNT];
	size_t unrated;             /* actions with no usable reported rating */
	size_t challenged;
	size_t stale, no_updates;
	size_t drifted;             /* actions or milestones whose due moved */
	size_t milestones;
	size_t milestones_by_status[EVAL_STATUS_COUNT];
	size_t measures;
	size_t measures_by_rag[EVAL_RAG_COUNT];
	/* worst computed status among open actions: overdue, then due soon … */
	bool has_worst;
	enum eval_status worst;
};

struct area_eval {
	const struct area *area;
	struct eval_counts counts;  /* actions in it and in areas below it */
	const char *reason;
};

struct lead_eval {
	const struct person *person;
	struct eval_counts counts;  /* actions led; milestones led */
	const char *reason;
};

struct focus_eval {
	const struct focus_area *focus;
	struct eval_counts counts;
	const char *reason;
};

struct recommendation_eval {
	const struct recommendation *recommendation;
	const struct action **actions;   /* that answer it, in plan order */
	size_t n_actions;
	size_t n_all;                    /* more: actions that answer all */
	const struct measure **measures; /* that show change for it */
	size_t n_measures;
	const struct area **areas;       /* it maps to */
	size_t n_areas;
	struct eval_counts counts;
	bool addressed;
	const char *reason;
};

enum eval_move_kind {
	EVAL_MOVE_ADDED,
	EVAL_MOVE_REMOVED,
	EVAL_MOVE_COMPLETED,
	EVAL_MOVE_NEWLY_OVERDUE,
	EVAL_MOVE_RATING_UP,
	EVAL_MOVE_RATING_DOWN,
	EVAL_MOVE_RATING_CHANGED,   /* another label of the same meaning */
	EVAL_MOVE_DUE_MOVED,
	EVAL_MOVE_BETTER,           /* a measure */
	EVAL_MOVE_WORSE,
	EVAL_MOVE_RAG_UP,
	EVAL_MOVE_RAG_DOWN
};
#define EVAL_MOVE_COUNT 12
const char *eval_move_name(enum eval_move_kind k);   /* "newly-overdue" */

enum eval_subject { EVAL_SUBJECT_ACTION, EVAL_SUBJECT_MILESTONE, EVAL_SUBJECT_MEASURE };
const char *eval_subject_name(enum eval_subject s);

struct eval_move {
	enum eval_move_kind kind;
	enum eval_subject subject;
	const char *id;             /* action or measure id; milestone: its id
				       or "action-id#n" (n from 1) */
	const char *ref;            /* as printed, or NULL */
	const char *text;           /* the action's, milestone's or measure's name */
	const char *from, *to;      /* labels before and after, or NULL */
	const char *basis;          /* ratings: "reported" or "computed" */
	long days;                  /* due moved: days later (+) or earlier */
	double delta;               /* measures: latest − previous latest */
	const char *reason;
};

struct eval_movement {
	const char *previous_path;
	bp_day previous_as_at;
	struct eval_move *moves;
	size_t n_moves;
	size_t counts[EVAL_MOVE_COUNT];
};

struct plan_eval {
	const struct plan *plan;
	bp_day as_at;
	const char *as_at_source;        /* "command line" or "plan" */
	long due_soon_days;
	const char *due_soon_source;     /* "command line", "plan", "default" */
	int cadence_days;                /* updates expected at least this often */
	const char *cadence_source;      /* "update-cadence", "board cadence", "default" */
	const char *cadence_text;        /* as written, or NULL */

	struct action_eval *actions;           /* [action->index] */
	size_t n_actions;
	struct measure_eval *measures;         /* [measure->index] */
	size_t n_measures;
	struct audit_eval *audits;             /* plan->audits order */
	size_t n_audits;
	struct area_eval *areas;               /* [area->index] (all_areas) */
	size_t n_areas;
	struct lead_eval *leads;               /* plan->people order */
	size_t n_leads;
	struct focus_eval *focus;              /* plan->focus_areas order */
	size_t n_focus;
	struct recommendation_eval *recommendations; /* plan order */
	size_t n_recommendations;
	const struct action **all_recommendation_actions;
	size_t n_all_recommendation_actions;
	struct eval_counts totals;
	struct eval_movement *movement;        /* NULL without a previous plan */
};

struct eval_options {
	/** The report date, or BP_DAY_NONE for the plan's as-at. */
	bp_day as_at;
	/** Days ahead that count as due soon; -1: the plan's, else 14. */
	long due_soon_days;
	/** The plan as at the previous board, for movement; NULL: none. It is
	 *  evaluated as at its own as-at date and may be freed afterwards. */
	const struct plan *previous;
};

void eval_options_init(struct eval_options *opt);

/** Evaluates plan as at the report date. Returns NULL, after adding an
 *  error to diags, only when there is no report date (neither opt->as_at
 *  nor the plan's as-at); problems found on the way are warnings. */
struct plan_eval *evaluate_plan(const struct plan *plan, const struct eval_options *opt,
				struct diag_list *diags);

#endif
