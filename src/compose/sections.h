/** The sections a template can put in a pack and the options each takes:
 *  one table (sections.c) that the template loader checks templates
 *  against, that compose reads options through, and that docs/templates.md
 *  and docs/template.rnc describe for users (a unit test keeps the schema
 *  and this table in step).
 *
 *  Every option has a default, written as a template would write it, so a
 *  loaded section has a value for each of its options whether the template
 *  gave it or not. Choices are stored as their index in the option's list
 *  of choices; the enums below name those indexes for the code that reads
 *  them, in the same order. */
#ifndef BP_COMPOSE_SECTIONS_H
#define BP_COMPOSE_SECTIONS_H

#include <stdbool.h>
#include <stddef.h>

struct arena;

enum section_kind {
	SECTION_COVER,
	SECTION_CONTENTS,
	SECTION_INTRODUCTION,
	SECTION_TEXT,
	SECTION_SUMMARY,
	SECTION_EXCEPTIONS,
	SECTION_ACTION_PLAN,
	SECTION_MILESTONES,
	SECTION_SCORECARD,
	SECTION_AUDITS,
	SECTION_OUTCOMES,
	SECTION_RECOMMENDATIONS,
	SECTION_EVIDENCE,
	SECTION_VOICE,
	SECTION_LEAD_SHEETS,
	SECTION_KEY,
	SECTION_KIND_COUNT
};

/** Every option name any section takes; a section accepts some of them. */
enum sopt {
	SOPT_TITLE,
	SOPT_ORIENTATION,
	SOPT_NEW_PAGE,
	SOPT_NOTICES,
	SOPT_DEPTH,
	SOPT_PARTS,
	SOPT_CHART,
	SOPT_MEASURES,
	SOPT_MOVEMENT,
	SOPT_INCLUDE,
	SOPT_COLUMNS,
	SOPT_MONTHS,
	SOPT_GROUP_BY,
	SOPT_PAGE_PER_GROUP,
	SOPT_SHOW,
	SOPT_DESCRIPTIONS,
	SOPT_BRIEF,
	SOPT_OVERDUE,
	SOPT_CHARTS,
	SOPT_TABLE,
	SOPT_DEVELOPMENT,
	SOPT_RECOMMENDATIONS,
	SOPT_TARGETS,
	SOPT_STYLE,
	SOPT_BY,
	SOPT_PAGE_PER_PART,
	SOPT_OF,
	SOPT_WINDOW,
	SOPT_PAGE_PER_LEAD,
	SOPT_LEADS,
	SOPT_COMPUTED,
	SOPT_COUNT
};

enum sopt_type {
	SOPT_TYPE_TEXT,     /* free text */
	SOPT_TYPE_BOOL,     /* yes | no */
	SOPT_TYPE_INT,      /* a whole number from min to max */
	SOPT_TYPE_CHOICE,   /* one of the choices */
	SOPT_TYPE_LIST,     /* several of the choices, space-separated, in order */
	SOPT_TYPE_WORDS     /* space-separated words of the user's own */
};

struct sopt_def {
	enum sopt key;
	const char *name;
	enum sopt_type type;
	const char *const *choices;   /* CHOICE and LIST: NULL-terminated */
	long min, max;                /* INT */
	const char *fallback;         /* the default, as a template writes it;
					 NULL: none (a title: the section's own) */
};

struct section_def {
	enum section_kind kind;
	const char *name;             /* the element: "action-plan" */
	const char *title;            /* default heading: "Action plan" */
	const struct sopt_def *options;  /* its own options */
	size_t n_options;
	bool paragraphs;              /* holds <p> elements (the text section) */
};

/** A value of an option: given in the template (set) or the default. */
struct sopt_value {
	bool set;
	long line;                    /* where it was given; 0: the default */
	long number;                  /* BOOL (0, 1), INT, CHOICE (index) */
	const char *text;             /* TEXT; NULL when not given */
	const unsigned char *items;   /* LIST: choice indexes as written */
	size_t n_items;
	const char **words;           /* WORDS */
	size_t n_words;
};

/* Choice indexes, in the order of each option's choices (sections.c). */
enum orientation_choice { ORIENT_PORTRAIT, ORIENT_LANDSCAPE };
enum intro_part { INTRO_INTRODUCTION, INTRO_VISION, INTRO_GOALS, INTRO_PRINCIPLES };
enum exception_kind {
	EXC_OVERDUE, EXC_DUE_SOON, EXC_RED, EXC_CHALLENGED, EXC_SLIPPED, EXC_STALE,
	EXC_NO_UPDATE, EXC_NO_DATE, EXC_KIND_COUNT
};
enum ap_column {
	APC_REF, APC_ACTION, APC_LEAD, APC_START, APC_DUE, APC_MILESTONES,
	APC_NEXT_MILESTONES, APC_POSITION, APC_UPDATE, APC_REPORTED, APC_IMPACT,
	APC_COMPUTED, APC_CRITERIA, APC_DRIFT, APC_EVIDENCE, APC_MEASURES,
	APC_RECOMMENDATIONS, APC_FOCUS, APC_HOW_WE_WILL_KNOW, APC_VOICE, APC_COUNT
};
enum ap_group { AP_GROUP_AREA, AP_GROUP_BAND, AP_GROUP_NONE };
enum ap_show { AP_SHOW_ALL, AP_SHOW_OPEN };
enum sc_column {
	SCC_CODE, SCC_MEASURE, SCC_UNIT, SCC_BASELINE, SCC_LATEST, SCC_TARGET,
	SCC_FINAL_TARGET, SCC_RAG, SCC_TREND, SCC_YEAR_AGO, SCC_BENCHMARK, SCC_GAP,
	SCC_OWNER, SCC_FREQUENCY, SCC_SOURCE, SCC_SPARKLINE, SCC_BULLET, SCC_COUNT
};
enum sc_group { SC_GROUP_NONE, SC_GROUP_OUTCOME, SC_GROUP_FOCUS, SC_GROUP_AREA,
		SC_GROUP_RECOMMENDATION };
enum sc_show { SC_SHOW_ALL, SC_SHOW_WITH_DATA };
enum rec_show { REC_SHOW_ALL, REC_SHOW_GAPS };
enum outcome_style { OUTCOME_STYLE_SECTIONS, OUTCOME_STYLE_TABLE };
enum evidence_by { EV_BY_AUTO, EV_BY_RECOMMENDATION, EV_BY_FOCUS_AREA, EV_BY_AREA };
enum lead_choice { LEADS_WITH_ACTIONS, LEADS_ALL };

/** The section called name, or NULL. */
const struct section_def *section_def_find(const char *name);
const struct section_def *section_def_of(enum section_kind kind);

/** The options a section takes: the common ones (title, orientation,
 *  new-page) first, then its own. */
size_t section_option_count(const struct section_def *d);
const struct sopt_def *section_option_at(const struct section_def *d, size_t i);
/** The option of that name the section takes, or NULL. */
const struct sopt_def *section_option_find(const struct section_def *d, const char *name);

/** Parses text as a value of def into out (allocating from a). Returns
 *  NULL, or what is wrong in the diagnostic style ("must be yes or no,
 *  not 'maybe'"), allocated from a. */
const char *sopt_parse(const struct sopt_def *def, const char *text, struct arena *a,
		       struct sopt_value *out);

/** The names of a section's options, or of every section, or of an
 *  option's choices, comma-separated, for messages. */
const char *section_option_names(const struct section_def *d, struct arena *a);
const char *section_names(struct arena *a);
const char *sopt_choice_names(const struct sopt_def *def, struct arena *a);

/** The known name nearest to word (a small edit distance), or NULL: for
 *  "did you mean" in messages. */
const char *nearest_name(const char *word, const char *const *names, size_t n);

#endif
