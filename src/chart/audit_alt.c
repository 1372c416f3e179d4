/* The alternative text of the audit chart: what is charted, how the
 * latest round went across themes, then one sentence per theme with its
 * results, the targets still ahead and every round without a result, said
 * as such ("no result yet for October 2023"). */
#include <math.h>
#include <string.h>

#include "chart/internal.h"

static const char *pct(struct arena *a, double v)
{
	return chart_format_value(a, v, UNIT_PERCENT, -1);
}

static bool has_result(const struct audit_score_eval *se)
{
	return se->has_actual && se->state != EVAL_SCORE_NOT_YET;
}

static void intro(struct strbuf *sb, struct arena *a, const struct audit_eval *ae,
		  const char *title)
{
	const struct audit *au = ae->audit;
	size_t n_base = 0, n_other = 0;
	const char **base = arena_array(a, const char *, ae->n_rounds + 1);
	const char **other = arena_array(a, const char *, ae->n_rounds + 1);
	for (size_t r = 0; r < ae->n_rounds; r++) {
		const struct audit_round *round = ae->rounds[r].round;
		if (round->baseline)
			base[n_base++] = chart_round_words(a, round);
		else
			other[n_other++] = chart_round_words(a, round);
	}
	strbuf_addf(sb, "%s: %s for each of %zu theme%s", title,
		    au->measure ? au->measure : "audit results", ae->n_themes,
		    ae->n_themes == 1 ? "" : "s");
	if (n_base)
		strbuf_addf(sb, ", at the baseline (%s)", chart_join(a, base, n_base, "and"));
	if (n_other)
		strbuf_addf(sb, "%s at %zu audit round%s (%s)", n_base ? " and" : ",", n_other,
			    n_other == 1 ? "" : "s", chart_join(a, other, n_other, "and"));
	strbuf_adds(sb, ", with the target for each round. Higher is better.");
}

/* How the latest round with results went across the themes. */
static void latest_round(struct strbuf *sb, struct arena *a, const struct audit_eval *ae)
{
	for (size_t r = ae->n_rounds; r-- > 0;) {
		const struct audit_round_eval *re = &ae->rounds[r];
		if (re->round->baseline || re->results == 0)
			continue;
		const char *parts[3];
		size_t n = 0;
		parts[n++] = chart_printf(a, "%zu of %zu theme%s met %s target", re->met, ae->n_themes,
					  ae->n_themes == 1 ? "" : "s", re->met == 1 ? "its" : "their");
		if (re->below)
			parts[n++] = chart_printf(a, "%zu %s below it", re->below,
						  re->below == 1 ? "was" : "were");
		if (re->missing)
			parts[n++] = chart_printf(a, "%zu had no result", re->missing);
		strbuf_addf(sb, " In %s, %s.", chart_round_words(a, re->round),
			    chart_join(a, parts, n, "and"));
		return;
	}
}

static const char *against(struct arena *a, const struct audit_score_eval *se)
{
	if (!se->has_target)
		return "";
	if (se->state == EVAL_SCORE_MET)
		return chart_printf(a, ", against a target of %s (met)", pct(a, se->target));
	if (se->state == EVAL_SCORE_BELOW)
		return chart_printf(a, ", against a target of %s (%s below)", pct(a, se->target),
				    chart_format_delta(a, se->gap, UNIT_PERCENT));
	return chart_printf(a, ", against a target of %s", pct(a, se->target));
}

static const char *results(struct arena *a, const struct audit_eval *ae,
			   const struct audit_theme_eval *te)
{
	size_t n = 0, first = 0, last = 0;
	for (size_t r = 0; r < te->n_scores; r++) {
		if (!has_result(&te->scores[r]))
			continue;
		if (!n++)
			first = r;
		last = r;
	}
	if (n == 0)
		return NULL;
	const struct audit_score_eval *f = &te->scores[first], *l = &te->scores[last];
	const char *fw = chart_round_words(a, ae->rounds[first].round);
	const char *lw = chart_round_words(a, ae->rounds[last].round);
	if (n == 1) {
		if (ae->rounds[first].round->baseline)
			return chart_printf(a, "%s at the baseline in %s", pct(a, f->actual), fw);
		return chart_printf(a, "%s in %s%s", pct(a, f->actual), fw, against(a, f));
	}
	const char *middle = "";
	if (n > 2) {
		const char **items = arena_array(a, const char *, n);
		size_t k = 0;
		for (size_t r = first + 1; r < last; r++)
			if (has_result(&te->scores[r]))
				items[k++] = chart_printf(a, "%s in %s", pct(a, te->scores[r].actual),
							  chart_round_words(a, ae->rounds[r].round));
		middle = chart_printf(a, " (with %s between)", chart_join(a, items, k, "and"));
	}
	double delta = l->actual - f->actual;
	if (fabs(delta) < 1e-9)
		return chart_printf(a, "stayed at %s from %s to %s%s%s", pct(a, l->actual), fw, lw,
				    middle, against(a, l));
	return chart_printf(a, "%s from %s in %s to %s in %s%s%s", delta > 0 ? "rose" : "fell",
			    pct(a, f->actual), fw, pct(a, l->actual), lw, middle, against(a, l));
}

static void theme(struct strbuf *sb, struct arena *a, const struct audit_eval *ae,
		  const struct audit_theme_eval *te)
{
	const struct audit_theme *th = te->theme;
	const char *parts[4];
	size_t n = 0;
	const char *res = results(a, ae, te);
	if (res)
		parts[n++] = res;

	size_t k = te->n_scores;
	const char **ahead = arena_array(a, const char *, k + 1);
	const char **not_yet = arena_array(a, const char *, k + 1);
	const char **missing = arena_array(a, const char *, k + 1);
	size_t n_ahead = 0, n_not_yet = 0, n_missing = 0;
	for (size_t r = 0; r < k; r++) {
		const struct audit_score_eval *se = &te->scores[r];
		const char *w = chart_round_words(a, ae->rounds[r].round);
		if (se->state == EVAL_SCORE_NOT_YET) {
			not_yet[n_not_yet++] = w;
			if (se->has_target)
				ahead[n_ahead++] = chart_printf(a, "%s for %s", pct(a, se->target), w);
		} else if (se->state == EVAL_SCORE_MISSING) {
			missing[n_missing++] =
				se->has_target ? chart_printf(a, "%s (target %s)", w, pct(a, se->target)) : w;
		}
	}
	/* "next targets" once a round after the baseline has a result. */
	bool later = false;
	for (size_t r = 0; r < k; r++)
		if (has_result(&te->scores[r]) && !ae->rounds[r].round->baseline)
			later = true;
	if (n_ahead)
		parts[n++] = chart_printf(a, "%s%s %s", later ? "next " : "",
					  n_ahead == 1 ? "target" : "targets",
					  chart_join(a, ahead, n_ahead, "and"));
	if (n_missing)
		parts[n++] = chart_printf(a, "no result recorded for %s",
					  chart_join(a, missing, n_missing, "or"));
	if (n_not_yet)
		parts[n++] = chart_printf(a, "no result yet for %s",
					  chart_join(a, not_yet, n_not_yet, "or"));
	if (n == 0)
		parts[n++] = "nothing recorded";
	strbuf_addf(sb, " %s: ", th->title ? th->title : th->ref ? th->ref : th->id);
	for (size_t i = 0; i < n; i++)
		strbuf_addf(sb, "%s%s", i ? "; " : "", parts[i]);
	strbuf_adds(sb, ".");
}

const char *chart_audit_alt(struct arena *a, const struct audit_eval *ae, const char *title)
{
	struct strbuf sb = STRBUF_INIT;
	intro(&sb, a, ae, title);
	latest_round(&sb, a, ae);
	for (size_t t = 0; t < ae->n_themes; t++)
		theme(&sb, a, ae, &ae->themes[t]);
	char *s = arena_strdup(a, strbuf_str(&sb));
	strbuf_release(&sb);
	return s;
}
