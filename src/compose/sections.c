/* The table of sections and their options (see sections.h and
 * docs/templates.md). */
#include "compose/sections.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/strbuf.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))
#define NO_LIMITS 0, 0

static const char *const orientations[] = { "portrait", "landscape", NULL };
static const char *const intro_parts[] = { "introduction", "vision", "goals", "principles", NULL };
static const char *const exception_kinds[] = {
	"overdue", "due-soon", "red", "challenged", "slipped", "stale", "no-update", "no-date", NULL
};
static const char *const ap_columns[] = {
	"ref", "action", "lead", "start", "due", "milestones", "next-milestones", "position",
	"update", "reported", "impact", "computed", "criteria", "drift", "evidence", "measures",
	"recommendations", "focus", "how-we-will-know", "voice", NULL
};
static const char *const ap_groups[] = { "area", "band", "none", NULL };
static const char *const ap_shows[] = { "all", "open", NULL };
static const char *const sc_columns[] = {
	"code", "measure", "unit", "baseline", "latest", "target", "final-target", "rag", "trend",
	"year-ago", "benchmark", "gap", "owner", "frequency", "source", "sparkline", "bullet", NULL
};
static const char *const sc_groups[] = {
	"none", "outcome", "focus", "area", "recommendation", NULL
};
static const char *const sc_shows[] = { "all", "with-data", NULL };
static const char *const rec_shows[] = { "all", "gaps", NULL };
static const char *const outcome_styles[] = { "sections", "table", NULL };
static const char *const evidence_bys[] = { "auto", "recommendation", "focus-area", "area", NULL };
static const char *const lead_choices[] = { "with-actions", "all", NULL };

static const struct sopt_def common_options[] = {
	{ SOPT_TITLE, "title", SOPT_TYPE_TEXT, NULL, NO_LIMITS, NULL },
	{ SOPT_ORIENTATION, "orientation", SOPT_TYPE_CHOICE, orientations, NO_LIMITS, NULL },
	{ SOPT_NEW_PAGE, "new-page", SOPT_TYPE_BOOL, NULL, NO_LIMITS, "yes" },
};

static const struct sopt_def cover_options[] = {
	{ SOPT_NOTICES, "notices", SOPT_TYPE_BOOL, NULL, NO_LIMITS, "yes" },
};
static const struct sopt_def contents_options[] = {
	{ SOPT_DEPTH, "depth", SOPT_TYPE_INT, NULL, 1, 3, "2" },
};
static const struct sopt_def introduction_options[] = {
	{ SOPT_PARTS, "parts", SOPT_TYPE_LIST, intro_parts, NO_LIMITS,
	  "introduction vision goals principles" },
};
static const struct sopt_def summary_options[] = {
	{ SOPT_CHART, "chart", SOPT_TYPE_BOOL, NULL, NO_LIMITS, "yes" },
	{ SOPT_MEASURES, "measures", SOPT_TYPE_INT, NULL, 0, 50, "6" },
	{ SOPT_MOVEMENT, "movement", SOPT_TYPE_BOOL, NULL, NO_LIMITS, "yes" },
};
static const struct sopt_def exceptions_options[] = {
	{ SOPT_INCLUDE, "include", SOPT_TYPE_LIST, exception_kinds, NO_LIMITS,
	  "overdue challenged red slipped stale" },
};
static const struct sopt_def action_plan_options[] = {
	{ SOPT_COLUMNS, "columns", SOPT_TYPE_LIST, ap_columns, NO_LIMITS,
	  "ref action lead due milestones position reported impact computed" },
	{ SOPT_MONTHS, "months", SOPT_TYPE_INT, NULL, 1, 6, "2" },
	{ SOPT_GROUP_BY, "group-by", SOPT_TYPE_CHOICE, ap_groups, NO_LIMITS, "area" },
	{ SOPT_PAGE_PER_GROUP, "page-per-group", SOPT_TYPE_BOOL, NULL, NO_LIMITS, "yes" },
	{ SOPT_SHOW, "show", SOPT_TYPE_CHOICE, ap_shows, NO_LIMITS, "all" },
	{ SOPT_DESCRIPTIONS, "descriptions", SOPT_TYPE_BOOL, NULL, NO_LIMITS, "yes" },
	{ SOPT_BRIEF, "brief", SOPT_TYPE_BOOL, NULL, NO_LIMITS, "no" },
};
static const struct sopt_def milestones_options[] = {
	{ SOPT_MONTHS, "months", SOPT_TYPE_INT, NULL, 1, 12, "3" },
	{ SOPT_CHART, "chart", SOPT_TYPE_BOOL, NULL, NO_LIMITS, "yes" },
	{ SOPT_OVERDUE, "overdue", SOPT_TYPE_BOOL, NULL, NO_LIMITS, "yes" },
};
static const struct sopt_def scorecard_options[] = {
	{ SOPT_COLUMNS, "columns", SOPT_TYPE_LIST, sc_columns, NO_LIMITS,
	  "code measure baseline latest target rag trend benchmark" },
	{ SOPT_GROUP_BY, "group-by", SOPT_TYPE_CHOICE, sc_groups, NO_LIMITS, "none" },
	{ SOPT_SHOW, "show", SOPT_TYPE_CHOICE, sc_shows, NO_LIMITS, "all" },
	{ SOPT_CHARTS, "charts", SOPT_TYPE_BOOL, NULL, NO_LIMITS, "no" },
};
static const struct sopt_def audits_options[] = {
	{ SOPT_CHART, "chart", SOPT_TYPE_BOOL, NULL, NO_LIMITS, "yes" },
	{ SOPT_TABLE, "table", SOPT_TYPE_BOOL, NULL, NO_LIMITS, "yes" },
	{ SOPT_DEVELOPMENT, "development", SOPT_TYPE_BOOL, NULL, NO_LIMITS, "no" },
};
static const struct sopt_def outcomes_options[] = {
	{ SOPT_RECOMMENDATIONS, "recommendations", SOPT_TYPE_BOOL, NULL, NO_LIMITS, "no" },
	{ SOPT_TARGETS, "targets", SOPT_TYPE_BOOL, NULL, NO_LIMITS, "yes" },
	{ SOPT_STYLE, "style", SOPT_TYPE_CHOICE, outcome_styles, NO_LIMITS, "sections" },
};
static const struct sopt_def recommendations_options[] = {
	{ SOPT_SHOW, "show", SOPT_TYPE_CHOICE, rec_shows, NO_LIMITS, "all" },
	{ SOPT_MEASURES, "measures", SOPT_TYPE_BOOL, NULL, NO_LIMITS, "yes" },
};
static const struct sopt_def evidence_options[] = {
	{ SOPT_BY, "by", SOPT_TYPE_CHOICE, evidence_bys, NO_LIMITS, "auto" },
	{ SOPT_CHARTS, "charts", SOPT_TYPE_BOOL, NULL, NO_LIMITS, "yes" },
	{ SOPT_PAGE_PER_PART, "page-per-part", SOPT_TYPE_BOOL, NULL, NO_LIMITS, "yes" },
};
static const struct sopt_def voice_options[] = {
	{ SOPT_OF, "of", SOPT_TYPE_WORDS, NULL, NO_LIMITS, NULL },
};
static const struct sopt_def lead_sheets_options[] = {
	{ SOPT_WINDOW, "window", SOPT_TYPE_INT, NULL, 1, 366, "42" },
	{ SOPT_PAGE_PER_LEAD, "page-per-lead", SOPT_TYPE_BOOL, NULL, NO_LIMITS, "yes" },
	{ SOPT_LEADS, "leads", SOPT_TYPE_CHOICE, lead_choices, NO_LIMITS, "with-actions" },
};
static const struct sopt_def key_options[] = {
	{ SOPT_COMPUTED, "computed", SOPT_TYPE_BOOL, NULL, NO_LIMITS, "yes" },
};

#define OPTIONS(a) a, COUNT(a)

static const struct section_def sections[SECTION_KIND_COUNT] = {
	{ SECTION_COVER, "cover", NULL, OPTIONS(cover_options), false },
	{ SECTION_CONTENTS, "contents", "Contents", OPTIONS(contents_options), false },
	{ SECTION_INTRODUCTION, "introduction", "Introduction", OPTIONS(introduction_options),
	  false },
	{ SECTION_TEXT, "text", NULL, NULL, 0, true },
	{ SECTION_SUMMARY, "summary", "Summary at a glance", OPTIONS(summary_options), false },
	{ SECTION_EXCEPTIONS, "exceptions", "Exceptions", OPTIONS(exceptions_options), false },
	{ SECTION_ACTION_PLAN, "action-plan", "Action plan", OPTIONS(action_plan_options),
	  false },
	{ SECTION_MILESTONES, "milestones", "Next key milestones", OPTIONS(milestones_options),
	  false },
	{ SECTION_SCORECARD, "scorecard", "KPI scorecard", OPTIONS(scorecard_options), false },
	{ SECTION_AUDITS, "audits", "Audit trends", OPTIONS(audits_options), false },
	{ SECTION_OUTCOMES, "outcomes", "Outcomes framework", OPTIONS(outcomes_options), false },
	{ SECTION_RECOMMENDATIONS, "recommendations", "Ofsted recommendations",
	  OPTIONS(recommendations_options), false },
	{ SECTION_EVIDENCE, "evidence", "Evidence by recommendation", OPTIONS(evidence_options),
	  false },
	{ SECTION_VOICE, "voice", "What children and partners will say", OPTIONS(voice_options),
	  false },
	{ SECTION_LEAD_SHEETS, "lead-sheets", "Lead update sheets", OPTIONS(lead_sheets_options),
	  false },
	{ SECTION_KEY, "key", "Key and definitions", OPTIONS(key_options), false },
};

const struct section_def *section_def_find(const char *name)
{
	for (size_t i = 0; i < SECTION_KIND_COUNT; i++)
		if (strcmp(sections[i].name, name) == 0)
			return &sections[i];
	return NULL;
}

const struct section_def *section_def_of(enum section_kind kind)
{
	return &sections[kind];
}

size_t section_option_count(const struct section_def *d)
{
	return COUNT(common_options) + d->n_options;
}

const struct sopt_def *section_option_at(const struct section_def *d, size_t i)
{
	return i < COUNT(common_options) ? &common_options[i]
					 : &d->options[i - COUNT(common_options)];
}

const struct sopt_def *section_option_find(const struct section_def *d, const char *name)
{
	for (size_t i = 0; i < section_option_count(d); i++)
		if (strcmp(section_option_at(d, i)->name, name) == 0)
			return section_option_at(d, i);
	return NULL;
}

static int choice_index(const char *const *choices, const char *s, size_t n)
{
	for (int i = 0; choices[i]; i++)
		if (strlen(choices[i]) == n && strncmp(choices[i], s, n) == 0)
			return i;
	return -1;
}

static bool is_space(char ch)
{
	return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r';
}

/* The words of s: *starts and *lens, up to max of them; returns the count
 * (which may exceed max). */
static size_t split_words(const char *s, const char **starts, size_t *lens, size_t max)
{
	size_t n = 0;
	const char *p = s;
	while (*p) {
		while (is_space(*p))
			p++;
		if (!*p)
			break;
		const char *w = p;
		while (*p && !is_space(*p))
			p++;
		if (n < max) {
			starts[n] = w;
			lens[n] = (size_t)(p - w);
		}
		n++;
	}
	return n;
}

#define MAX_WORDS 64

const char *sopt_parse(const struct sopt_def *def, const char *text, struct arena *a,
		       struct sopt_value *out)
{
	memset(out, 0, sizeof *out);
	const char *starts[MAX_WORDS];
	size_t lens[MAX_WORDS];
	switch (def->type) {
	case SOPT_TYPE_TEXT:
		out->text = arena_strdup(a, text);
		return NULL;
	case SOPT_TYPE_BOOL:
		if (strcmp(text, "yes") == 0) {
			out->number = 1;
			return NULL;
		}
		if (strcmp(text, "no") == 0) {
			out->number = 0;
			return NULL;
		}
		return arena_printf(a, "must be yes or no, not '%s'", text);
	case SOPT_TYPE_INT: {
		char *end;
		errno = 0;
		long v = strtol(text, &end, 10);
		if (end == text || *end || errno || v < def->min || v > def->max)
			return arena_printf(a, "must be a whole number from %ld to %ld, not '%s'",
					    def->min, def->max, text);
		out->number = v;
		return NULL;
	}
	case SOPT_TYPE_CHOICE: {
		int i = choice_index(def->choices, text, strlen(text));
		if (i < 0)
			return arena_printf(a, "must be one of %s, not '%s'",
					    sopt_choice_names(def, a), text);
		out->number = i;
		return NULL;
	}
	case SOPT_TYPE_LIST: {
		size_t n = split_words(text, starts, lens, MAX_WORDS);
		if (n == 0)
			return arena_printf(a, "names none of %s", sopt_choice_names(def, a));
		if (n > MAX_WORDS)
			return arena_printf(a, "names more than %d things", MAX_WORDS);
		unsigned char *items = arena_array(a, unsigned char, n);
		for (size_t i = 0; i < n; i++) {
			int k = choice_index(def->choices, starts[i], lens[i]);
			if (k < 0) {
				const char *word = arena_strndup(a, starts[i], lens[i]);
				size_t nc = 0;
				while (def->choices[nc])
					nc++;
				const char *near = nearest_name(word, def->choices, nc);
				return arena_printf(a, "names '%s', which is not one of %s%s%s%s", word,
						    sopt_choice_names(def, a),
						    near ? "; did you mean '" : "", near ? near : "",
						    near ? "'?" : "");
			}
			for (size_t j = 0; j < i; j++)
				if (items[j] == k)
					return arena_printf(a, "names '%s' twice",
							    def->choices[k]);
			items[i] = (unsigned char)k;
		}
		out->items = items;
		out->n_items = n;
		return NULL;
	}
	case SOPT_TYPE_WORDS: {
		size_t n = split_words(text, starts, lens, MAX_WORDS);
		if (n == 0)
			return arena_printf(a, "is empty");
		if (n > MAX_WORDS)
			return arena_printf(a, "names more than %d things", MAX_WORDS);
		out->words = arena_array(a, const char *, n);
		for (size_t i = 0; i < n; i++)
			out->words[i] = arena_strndup(a, starts[i], lens[i]);
		out->n_words = n;
		return NULL;
	}
	}
	return "has an unknown type";
}

static const char *join(struct arena *a, const char *const *names, size_t n, const char *last)
{
	struct strbuf sb = STRBUF_INIT;
	for (size_t i = 0; i < n; i++) {
		if (i)
			strbuf_adds(&sb, i + 1 == n ? last : ", ");
		strbuf_adds(&sb, names[i]);
	}
	const char *s = arena_strdup(a, strbuf_str(&sb));
	strbuf_release(&sb);
	return s;
}

const char *section_option_names(const struct section_def *d, struct arena *a)
{
	size_t n = section_option_count(d);
	const char **names = arena_array(a, const char *, n);
	for (size_t i = 0; i < n; i++)
		names[i] = section_option_at(d, i)->name;
	return join(a, names, n, " and ");
}

const char *section_names(struct arena *a)
{
	const char *names[SECTION_KIND_COUNT];
	for (size_t i = 0; i < SECTION_KIND_COUNT; i++)
		names[i] = sections[i].name;
	return join(a, names, SECTION_KIND_COUNT, " and ");
}

const char *sopt_choice_names(const struct sopt_def *def, struct arena *a)
{
	size_t n = 0;
	while (def->choices && def->choices[n])
		n++;
	return join(a, def->choices, n, " or ");
}

/* Levenshtein distance, capped: names here are short. */
static size_t distance(const char *s, const char *t)
{
	size_t ls = strlen(s), lt = strlen(t);
	if (ls > 40 || lt > 40)
		return (size_t)-1;
	size_t prev[41], cur[41];
	for (size_t j = 0; j <= lt; j++)
		prev[j] = j;
	for (size_t i = 1; i <= ls; i++) {
		cur[0] = i;
		for (size_t j = 1; j <= lt; j++) {
			size_t del = prev[j] + 1, ins = cur[j - 1] + 1;
			size_t sub = prev[j - 1] + (s[i - 1] != t[j - 1]);
			size_t m = del < ins ? del : ins;
			cur[j] = m < sub ? m : sub;
		}
		memcpy(prev, cur, (lt + 1) * sizeof prev[0]);
	}
	return prev[lt];
}

const char *nearest_name(const char *word, const char *const *names, size_t n)
{
	const char *best = NULL;
	size_t best_d = (size_t)-1;
	for (size_t i = 0; i < n; i++) {
		size_t d = distance(word, names[i]);
		if (d < best_d) {
			best_d = d;
			best = names[i];
		}
	}
	/* one or two slips in a word of some length; a prefix counts too */
	size_t len = strlen(word);
	if (best && best_d <= (len > 5 ? 2u : 1u))
		return best;
	for (size_t i = 0; i < n && len >= 3; i++)
		if (strncmp(names[i], word, len) == 0)
			return names[i];
	return NULL;
}
