/* The evaluation as JSON (docs/eval-json.md). Keys are written in a fixed
 * order and every key is always present (null when there is no value), so
 * the shape does not change from one plan to another. */
#include <string.h>

#include "eval/jsonw.h"
#include "eval/output.h"

static void kday(struct jsonw *w, const char *key, bp_day d)
{
	char buf[32];
	jsonw_kstring(w, key, d == BP_DAY_NONE ? NULL : day_format_iso(d, buf, sizeof buf));
}

static void kcolour(struct jsonw *w, const char *key, const struct status_def *s)
{
	char buf[8];
	if (!s || !s->has_colour) {
		jsonw_knull(w, key);
		return;
	}
	snprintf(buf, sizeof buf, "#%06X", (unsigned)(s->colour & 0xFFFFFF));
	jsonw_kstring(w, key, buf);
}

static void status_obj(struct jsonw *w, const char *key, const struct status_def *s)
{
	jsonw_key(w, key);
	if (!s) {
		jsonw_null(w);
		return;
	}
	jsonw_object(w);
	jsonw_kstring(w, "scheme", s->scheme ? s->scheme->id : NULL);
	jsonw_kstring(w, "id", s->id);
	jsonw_kstring(w, "label", s->label);
	kcolour(w, "colour", s);
	jsonw_kstring(w, "means", status_meaning_name(s->means));
	jsonw_end(w);
}

static void refs_ids(struct jsonw *w, const char *key, const struct refs *r)
{
	jsonw_karray(w, key);
	for (size_t i = 0; i < r->n; i++)
		jsonw_string(w, r->ids[i]);
	jsonw_end(w);
}

static void by_status(struct jsonw *w, const char *key, const size_t *v)
{
	jsonw_kobject(w, key);
	for (int s = 0; s < EVAL_STATUS_COUNT; s++)
		jsonw_kint(w, eval_status_name((enum eval_status)s), (long long)v[s]);
	jsonw_end(w);
}

static void by_meaning(struct jsonw *w, const char *key, const size_t *v)
{
	jsonw_kobject(w, key);
	for (int m = 0; m < EVAL_MEANING_COUNT; m++)
		jsonw_kint(w, status_meaning_name((enum status_meaning)m), (long long)v[m]);
	jsonw_end(w);
}

static void counts(struct jsonw *w, const char *key, const struct eval_counts *k)
{
	jsonw_kobject(w, key);
	jsonw_kint(w, "actions", (long long)k->actions);
	by_status(w, "by_status", k->by_status);
	by_meaning(w, "by_meaning", k->by_meaning);
	by_meaning(w, "reported_by_meaning", k->reported_by_meaning);
	jsonw_kint(w, "unrated", (long long)k->unrated);
	jsonw_kint(w, "challenged", (long long)k->challenged);
	jsonw_kint(w, "stale", (long long)k->stale);
	jsonw_kint(w, "no_updates", (long long)k->no_updates);
	jsonw_kint(w, "drifted", (long long)k->drifted);
	jsonw_kint(w, "milestones", (long long)k->milestones);
	by_status(w, "milestones_by_status", k->milestones_by_status);
	jsonw_kint(w, "measures", (long long)k->measures);
	jsonw_kobject(w, "measures_by_rag");
	for (int r = 0; r < EVAL_RAG_COUNT; r++)
		jsonw_kint(w, eval_rag_name((enum eval_rag)r), (long long)k->measures_by_rag[r]);
	jsonw_end(w);
	jsonw_kstring(w, "worst", k->has_worst ? eval_status_name(k->worst) : NULL);
	jsonw_end(w);
}

static void mapped(struct jsonw *w, const struct eval_mapped *m)
{
	jsonw_kobject(w, "scheme_status");
	jsonw_kstring(w, "scheme", m->scheme ? m->scheme->id : NULL);
	jsonw_kstring(w, "id", m->status ? m->status->id : NULL);
	jsonw_kstring(w, "label", m->status ? m->status->label : NULL);
	kcolour(w, "colour", m->status);
	jsonw_kstring(w, "means", m->status ? status_meaning_name(m->status->means) : NULL);
	jsonw_kstring(w, "reason", m->reason);
	jsonw_end(w);
}

static void drift(struct jsonw *w, const struct eval_drift *d)
{
	jsonw_kobject(w, "drift");
	jsonw_kint(w, "moves", d->moves);
	jsonw_kint(w, "days", d->days);
	jsonw_kbool(w, "days_known", d->days_known);
	jsonw_kstring(w, "reason", d->reason);
	jsonw_end(w);
}

static void when_texts(struct jsonw *w, const char *key, const struct when_text *t, bp_day d)
{
	char k[32];
	snprintf(k, sizeof k, "%s_text", key);
	jsonw_kstring(w, k, t->text);
	kday(w, key, d);
}

static void loc(struct jsonw *w, const struct src_loc *l)
{
	jsonw_kstring(w, "file", l->file);
	jsonw_kint(w, "line", l->line);
}

static const char *milestone_key(const struct milestone *m, char *buf, size_t size)
{
	if (m->id)
		return m->id;
	snprintf(buf, size, "%s#%zu", m->action ? m->action->id : "?", m->index + 1);
	return buf;
}

static void milestone(struct jsonw *w, const struct milestone_eval *me)
{
	const struct milestone *m = me->milestone;
	char key[256];
	jsonw_object(w);
	jsonw_kstring(w, "id", m->id);
	jsonw_kstring(w, "key", milestone_key(m, key, sizeof key));
	jsonw_kstring(w, "ref", m->ref);
	jsonw_kint(w, "number", (long long)m->index + 1);
	jsonw_kstring(w, "text", m->text.text);
	refs_ids(w, "leads", &m->leads);
	jsonw_kstring(w, "period", m->period);
	when_texts(w, "start", &m->start, me->start);
	when_texts(w, "due", &m->due, me->due);
	when_texts(w, "done", &m->done, me->done);
	jsonw_kstring(w, "status", eval_status_name(me->status));
	jsonw_kstring(w, "meaning", status_meaning_name(me->meaning));
	jsonw_kstring(w, "reason", me->reason);
	jsonw_kint(w, "days", me->days);
	jsonw_kbool(w, "done_as_reported", me->done_as_reported);
	mapped(w, &me->mapped);
	jsonw_key(w, "reported");
	if (me->reported.status) {
		jsonw_object(w);
		status_obj(w, "status", me->reported.status);
		jsonw_kbool(w, "challenged", me->reported.challenged);
		jsonw_kstring(w, "challenge", me->reported.challenge);
		jsonw_end(w);
	} else {
		jsonw_null(w);
	}
	drift(w, &me->drift);
	loc(w, &m->loc);
	jsonw_end(w);
}

static void point(struct jsonw *w, const char *key, const struct eval_point *p)
{
	jsonw_key(w, key);
	if (!p->present) {
		jsonw_null(w);
		return;
	}
	jsonw_object(w);
	jsonw_knumber(w, "value", p->value);
	jsonw_kstring(w, "text", p->source ? p->source->value.text : NULL);
	kday(w, "date", p->date);
	jsonw_kstring(w, "date_text", p->source ? p->source->date.text : NULL);
	jsonw_kstring(w, "note", p->source ? p->source->note : NULL);
	jsonw_kstring(w, "file", p->source ? p->source->loc.file : NULL);
	if (p->source)
		jsonw_kint(w, "line", p->source->loc.line);
	else
		jsonw_knull(w, "line");
	jsonw_end(w);
}

static void change(struct jsonw *w, const char *key, const struct eval_change *ch)
{
	jsonw_kobject(w, key);
	point(w, "from", &ch->from);
	if (ch->present)
		jsonw_knumber(w, "delta", ch->delta);
	else
		jsonw_knull(w, "delta");
	jsonw_kstring(w, "trend", eval_trend_name(ch->trend));
	jsonw_kstring(w, "reason", ch->reason);
	jsonw_end(w);
}

static const char *tolerance_kind(enum eval_tolerance_kind k)
{
	switch (k) {
	case EVAL_TOL_POINTS: return "percentage-points";
	case EVAL_TOL_PERCENT_OF_TARGET: return "percent-of-target";
	case EVAL_TOL_UNITS: break;
	}
	return "units";
}

/* The body of a measure's or a metric's evaluation. */
static void series(struct jsonw *w, const struct measure_eval *me)
{
	jsonw_kobject(w, "tolerance");
	jsonw_knumber(w, "value", me->tolerance);
	jsonw_kstring(w, "kind", tolerance_kind(me->tolerance_kind));
	jsonw_kstring(w, "source", me->tolerance_source);
	jsonw_end(w);
	point(w, "baseline", &me->baseline);
	jsonw_kobject(w, "target_now");
	if (me->target_now.present)
		jsonw_knumber(w, "value", me->target_now.value);
	else
		jsonw_knull(w, "value");
	jsonw_kstring(w, "reason", me->target_reason);
	jsonw_end(w);
	point(w, "final_target", &me->final_target);
	point(w, "latest", &me->latest);
	jsonw_kstring(w, "rag", eval_rag_name(me->rag));
	jsonw_kstring(w, "rag_reason", me->rag_reason);
	if (me->rag_reference.present)
		jsonw_knumber(w, "rag_reference", me->rag_reference.value);
	else
		jsonw_knull(w, "rag_reference");
	change(w, "previous", &me->previous);
	change(w, "year_ago", &me->year_ago);
	jsonw_karray(w, "benchmarks");
	for (size_t i = 0; i < me->n_benchmarks; i++) {
		const struct eval_benchmark *b = &me->benchmarks[i];
		jsonw_object(w);
		jsonw_kstring(w, "kind", benchmark_kind_name(b->benchmark->bench_kind));
		jsonw_kstring(w, "label", b->benchmark->label);
		jsonw_knumber(w, "value", b->benchmark->value.number);
		jsonw_kstring(w, "date_text", b->benchmark->date.text);
		if (b->position != EVAL_TREND_NONE)
			jsonw_knumber(w, "difference", b->difference);
		else
			jsonw_knull(w, "difference");
		jsonw_kstring(w, "position", eval_trend_name(b->position));
		jsonw_kstring(w, "reason", b->reason);
		jsonw_end(w);
	}
	jsonw_end(w);
	jsonw_kobject(w, "gap_closed");
	if (me->has_gap_closed)
		jsonw_knumber(w, "percent", me->gap_closed);
	else
		jsonw_knull(w, "percent");
	jsonw_kstring(w, "reason", me->gap_reason);
	jsonw_end(w);
	jsonw_karray(w, "missing");
	for (size_t i = 0; i < me->n_missing; i++)
		jsonw_string(w, me->missing[i]);
	jsonw_end(w);
}

static void action(struct jsonw *w, const struct action_eval *ae)
{
	const struct action *a = ae->action;
	char key[256];
	jsonw_object(w);
	jsonw_kstring(w, "id", a->id);
	jsonw_kstring(w, "ref", a->ref);
	jsonw_kstring(w, "area", a->area ? a->area->id : NULL);
	jsonw_kstring(w, "text", a->text.text);
	refs_ids(w, "leads", &a->leads);
	when_texts(w, "start", &a->start, ae->start);
	when_texts(w, "due", &a->due, ae->due);
	when_texts(w, "done", &a->done, ae->done);
	jsonw_kstring(w, "status", eval_status_name(ae->status));
	jsonw_kstring(w, "meaning", status_meaning_name(ae->meaning));
	jsonw_kstring(w, "reason", ae->reason);
	jsonw_kint(w, "days", ae->days);
	jsonw_kbool(w, "done_as_reported", ae->done_as_reported);
	jsonw_kstring(w, "cause", ae->cause ? milestone_key(ae->cause, key, sizeof key) : NULL);
	jsonw_kint(w, "milestones_open", (long long)ae->milestones_open);
	jsonw_kint(w, "milestones_overdue", (long long)ae->milestones_overdue);
	mapped(w, &ae->mapped);
	jsonw_karray(w, "ratings");
	for (size_t i = 0; i < ae->n_ratings; i++) {
		const struct eval_rating *er = &ae->ratings[i];
		jsonw_object(w);
		jsonw_kstring(w, "kind", rating_kind_name(er->rating->kind));
		status_obj(w, "status", er->status);
		jsonw_kstring(w, "date_text", er->rating->date.text);
		jsonw_kbool(w, "ignored", er->ignored);
		jsonw_kbool(w, "challenged", er->challenged);
		jsonw_kstring(w, "challenge", er->challenge);
		jsonw_end(w);
	}
	jsonw_end(w);
	jsonw_kbool(w, "challenged", ae->challenged);
	jsonw_key(w, "criteria");
	if (ae->criteria.present) {
		const struct eval_criteria *ec = &ae->criteria;
		jsonw_object(w);
		jsonw_kstring(w, "scheme", ec->scheme ? ec->scheme->id : NULL);
		jsonw_kint(w, "met", (long long)ec->met);
		jsonw_kint(w, "total", (long long)ec->total);
		jsonw_karray(w, "missing");
		for (size_t i = 0; i < ec->n_missing; i++)
			jsonw_string(w, ec->missing[i]);
		jsonw_end(w);
		jsonw_kbool(w, "critical_missing", ec->critical_missing);
		status_obj(w, "status", ec->status);
		jsonw_kstring(w, "reason", ec->reason);
		jsonw_end(w);
	} else {
		jsonw_null(w);
	}
	drift(w, &ae->drift);
	jsonw_kobject(w, "staleness");
	jsonw_kstring(w, "state", eval_stale_name(ae->staleness.state));
	kday(w, "last_update", ae->staleness.last_update);
	if (ae->staleness.days_since >= 0)
		jsonw_kint(w, "days_since", ae->staleness.days_since);
	else
		jsonw_knull(w, "days_since");
	jsonw_kstring(w, "reason", ae->staleness.reason);
	jsonw_end(w);
	jsonw_karray(w, "milestones");
	for (size_t i = 0; i < ae->n_milestones; i++)
		milestone(w, &ae->milestones[i]);
	jsonw_end(w);
	jsonw_karray(w, "metrics");
	for (size_t i = 0; i < ae->n_metrics; i++) {
		const struct measure_eval *me = &ae->metrics[i];
		jsonw_object(w);
		jsonw_kstring(w, "name", me->metric->name);
		jsonw_kstring(w, "unit", me->metric->unit ? unit_name(me->metric->unit) : NULL);
		jsonw_kstring(w, "measure", me->metric->measure_id);
		series(w, me);
		jsonw_end(w);
	}
	jsonw_end(w);
	loc(w, &a->loc);
	jsonw_end(w);
}

static void measure(struct jsonw *w, const struct measure_eval *me)
{
	const struct measure *m = me->measure;
	jsonw_object(w);
	jsonw_kstring(w, "id", m->id);
	jsonw_kstring(w, "code", m->code);
	jsonw_kstring(w, "name", m->name);
	jsonw_kstring(w, "unit", unit_name(m->unit));
	jsonw_kstring(w, "better", better_name(m->better));
	jsonw_kstring(w, "trajectory", m->trajectory == TRAJECTORY_STEP ? "step" : "linear");
	series(w, me);
	loc(w, &m->loc);
	jsonw_end(w);
}

static void audit(struct jsonw *w, const struct audit_eval *ae)
{
	const struct audit *au = ae->audit;
	jsonw_object(w);
	jsonw_kstring(w, "id", au->id);
	jsonw_kstring(w, "title", au->title);
	jsonw_kstring(w, "measure", au->measure);
	jsonw_karray(w, "rounds");
	for (size_t r = 0; r < ae->n_rounds; r++) {
		const struct audit_round_eval *re = &ae->rounds[r];
		jsonw_object(w);
		jsonw_kstring(w, "id", re->round->id);
		jsonw_kstring(w, "label", re->round->label);
		when_texts(w, "date", &re->round->date, re->date);
		jsonw_kbool(w, "baseline", re->round->baseline);
		jsonw_kbool(w, "held", re->held);
		jsonw_kint(w, "results", (long long)re->results);
		jsonw_kint(w, "met", (long long)re->met);
		jsonw_kint(w, "below", (long long)re->below);
		jsonw_kint(w, "missing", (long long)re->missing);
		jsonw_end(w);
	}
	jsonw_end(w);
	jsonw_karray(w, "themes");
	for (size_t t = 0; t < ae->n_themes; t++) {
		const struct audit_theme_eval *te = &ae->themes[t];
		jsonw_object(w);
		jsonw_kstring(w, "id", te->theme->id);
		jsonw_kstring(w, "ref", te->theme->ref);
		jsonw_kstring(w, "title", te->theme->title);
		if (te->latest.present)
			jsonw_knumber(w, "latest", te->latest.value);
		else
			jsonw_knull(w, "latest");
		jsonw_kstring(w, "latest_round", te->latest_round ? te->latest_round->id : NULL);
		change(w, "since_baseline", &te->since_baseline);
		change(w, "since_previous", &te->since_previous);
		jsonw_kstring(w, "next_round", te->next_round ? te->next_round->id : NULL);
		if (te->next_round)
			jsonw_knumber(w, "next_target", te->next_target);
		else
			jsonw_knull(w, "next_target");
		jsonw_kstring(w, "reason", te->reason);
		jsonw_karray(w, "scores");
		for (size_t r = 0; r < te->n_scores; r++) {
			const struct audit_score_eval *se = &te->scores[r];
			jsonw_object(w);
			jsonw_kstring(w, "round", se->round->id);
			jsonw_kstring(w, "state", eval_score_state_name(se->state));
			if (se->has_actual)
				jsonw_knumber(w, "actual", se->actual);
			else
				jsonw_knull(w, "actual");
			if (se->has_target)
				jsonw_knumber(w, "target", se->target);
			else
				jsonw_knull(w, "target");
			if (se->has_actual && se->has_target && !se->round->baseline)
				jsonw_knumber(w, "gap", se->gap);
			else
				jsonw_knull(w, "gap");
			jsonw_kstring(w, "rag", eval_rag_name(se->rag));
			change(w, "change", &se->change);
			jsonw_kstring(w, "reason", se->reason);
			jsonw_end(w);
		}
		jsonw_end(w);
		jsonw_end(w);
	}
	jsonw_end(w);
	loc(w, &au->loc);
	jsonw_end(w);
}

static void schemes(struct jsonw *w, const struct plan *p)
{
	jsonw_karray(w, "schemes");
	for (size_t i = 0; i < p->schemes.n; i++) {
		const struct scheme *s = p->schemes.items[i];
		jsonw_object(w);
		jsonw_kstring(w, "id", s->id);
		jsonw_kstring(w, "name", s->name);
		jsonw_kbool(w, "default", s == p->default_scheme);
		jsonw_karray(w, "statuses");
		for (size_t k = 0; k < s->statuses.n; k++) {
			const struct status_def *st = s->statuses.items[k];
			jsonw_object(w);
			jsonw_kstring(w, "id", st->id);
			jsonw_kstring(w, "label", st->label);
			kcolour(w, "colour", st);
			jsonw_kstring(w, "means", status_meaning_name(st->means));
			jsonw_end(w);
		}
		jsonw_end(w);
		jsonw_end(w);
	}
	jsonw_end(w);
}

static void rollups(struct jsonw *w, const struct plan_eval *ev)
{
	jsonw_karray(w, "areas");
	for (size_t i = 0; i < ev->n_areas; i++) {
		const struct area_eval *ae = &ev->areas[i];
		const struct area *a = ae->area;
		jsonw_object(w);
		jsonw_kstring(w, "id", a->id);
		jsonw_kstring(w, "ref", a->ref);
		jsonw_kstring(w, "kind", a->kind);
		jsonw_kstring(w, "title", a->title);
		jsonw_kint(w, "depth", a->depth);
		jsonw_kstring(w, "parent", a->parent ? a->parent->id : NULL);
		refs_ids(w, "leads", &a->leads);
		counts(w, "counts", &ae->counts);
		jsonw_kstring(w, "reason", ae->reason);
		jsonw_end(w);
	}
	jsonw_end(w);
	jsonw_karray(w, "leads");
	for (size_t i = 0; i < ev->n_leads; i++) {
		const struct lead_eval *le = &ev->leads[i];
		jsonw_object(w);
		jsonw_kstring(w, "id", le->person->id);
		jsonw_kstring(w, "name", le->person->name);
		jsonw_kstring(w, "role", le->person->role);
		jsonw_kstring(w, "display", le->person->display);
		counts(w, "counts", &le->counts);
		jsonw_kstring(w, "reason", le->reason);
		jsonw_end(w);
	}
	jsonw_end(w);
	jsonw_karray(w, "focus_areas");
	for (size_t i = 0; i < ev->n_focus; i++) {
		const struct focus_eval *fe = &ev->focus[i];
		jsonw_object(w);
		jsonw_kstring(w, "id", fe->focus->id);
		jsonw_kstring(w, "ref", fe->focus->ref);
		jsonw_kstring(w, "title", fe->focus->title);
		counts(w, "counts", &fe->counts);
		jsonw_kstring(w, "reason", fe->reason);
		jsonw_end(w);
	}
	jsonw_end(w);
	jsonw_karray(w, "recommendations");
	for (size_t i = 0; i < ev->n_recommendations; i++) {
		const struct recommendation_eval *re = &ev->recommendations[i];
		jsonw_object(w);
		jsonw_kstring(w, "id", re->recommendation->id);
		jsonw_kstring(w, "ref", re->recommendation->ref);
		jsonw_kstring(w, "text", re->recommendation->text.text);
		jsonw_karray(w, "actions");
		for (size_t k = 0; k < re->n_actions; k++)
			jsonw_string(w, re->actions[k]->id);
		jsonw_end(w);
		jsonw_kint(w, "actions_answering_all", (long long)re->n_all);
		jsonw_karray(w, "measures");
		for (size_t k = 0; k < re->n_measures; k++)
			jsonw_string(w, re->measures[k]->id);
		jsonw_end(w);
		jsonw_karray(w, "areas");
		for (size_t k = 0; k < re->n_areas; k++)
			jsonw_string(w, re->areas[k]->id);
		jsonw_end(w);
		jsonw_kbool(w, "addressed", re->addressed);
		counts(w, "counts", &re->counts);
		jsonw_kstring(w, "reason", re->reason);
		jsonw_end(w);
	}
	jsonw_end(w);
	jsonw_karray(w, "actions_answering_all");
	for (size_t i = 0; i < ev->n_all_recommendation_actions; i++)
		jsonw_string(w, ev->all_recommendation_actions[i]->id);
	jsonw_end(w);
}

static void movement(struct jsonw *w, const struct eval_movement *mv)
{
	jsonw_key(w, "movement");
	if (!mv) {
		jsonw_null(w);
		return;
	}
	jsonw_object(w);
	jsonw_kstring(w, "previous_file", mv->previous_path);
	kday(w, "previous_as_at", mv->previous_as_at);
	jsonw_kobject(w, "counts");
	for (int k = 0; k < EVAL_MOVE_COUNT; k++)
		jsonw_kint(w, eval_move_name((enum eval_move_kind)k), (long long)mv->counts[k]);
	jsonw_end(w);
	jsonw_karray(w, "moves");
	for (size_t i = 0; i < mv->n_moves; i++) {
		const struct eval_move *m = &mv->moves[i];
		jsonw_object(w);
		jsonw_kstring(w, "kind", eval_move_name(m->kind));
		jsonw_kstring(w, "subject", eval_subject_name(m->subject));
		jsonw_kstring(w, "id", m->id);
		jsonw_kstring(w, "ref", m->ref);
		jsonw_kstring(w, "text", m->text);
		jsonw_kstring(w, "from", m->from);
		jsonw_kstring(w, "to", m->to);
		jsonw_kstring(w, "basis", m->basis);
		if (m->kind == EVAL_MOVE_DUE_MOVED)
			jsonw_kint(w, "days", m->days);
		else
			jsonw_knull(w, "days");
		if (m->kind == EVAL_MOVE_BETTER || m->kind == EVAL_MOVE_WORSE)
			jsonw_knumber(w, "delta", m->delta);
		else
			jsonw_knull(w, "delta");
		jsonw_kstring(w, "reason", m->reason);
		jsonw_end(w);
	}
	jsonw_end(w);
	jsonw_end(w);
}

int eval_write_json(const struct plan_eval *ev, FILE *f)
{
	const struct plan *p = ev->plan;
	struct jsonw w;
	jsonw_init(&w, f);
	jsonw_object(&w);
	jsonw_kint(&w, "boardpack_eval", EVAL_OUTPUT_VERSION);
	jsonw_kobject(&w, "plan");
	jsonw_kstring(&w, "id", p->id);
	jsonw_kstring(&w, "title", p->title);
	jsonw_kstring(&w, "authority", p->authority);
	jsonw_kstring(&w, "version", p->version);
	jsonw_kstring(&w, "period", p->period);
	jsonw_kstring(&w, "marking", p->marking);
	jsonw_kstring(&w, "file", p->path);
	jsonw_end(&w);
	jsonw_kobject(&w, "as_at");
	kday(&w, "date", ev->as_at);
	jsonw_kstring(&w, "text", p->as_at.text);
	jsonw_kstring(&w, "source", ev->as_at_source);
	jsonw_end(&w);
	jsonw_kobject(&w, "due_soon");
	jsonw_kint(&w, "days", ev->due_soon_days);
	jsonw_kstring(&w, "source", ev->due_soon_source);
	jsonw_end(&w);
	jsonw_kobject(&w, "update_cadence");
	jsonw_kint(&w, "days", ev->cadence_days);
	jsonw_kstring(&w, "text", ev->cadence_text);
	jsonw_kstring(&w, "source", ev->cadence_source);
	jsonw_end(&w);
	schemes(&w, p);
	counts(&w, "totals", &ev->totals);
	jsonw_karray(&w, "actions");
	for (size_t i = 0; i < ev->n_actions; i++)
		action(&w, &ev->actions[i]);
	jsonw_end(&w);
	jsonw_karray(&w, "measures");
	for (size_t i = 0; i < ev->n_measures; i++)
		measure(&w, &ev->measures[i]);
	jsonw_end(&w);
	jsonw_karray(&w, "audits");
	for (size_t i = 0; i < ev->n_audits; i++)
		audit(&w, &ev->audits[i]);
	jsonw_end(&w);
	rollups(&w, ev);
	movement(&w, ev->movement);
	jsonw_end(&w);
	jsonw_finish(&w);
	return ferror(f) ? -1 : 0;
}
