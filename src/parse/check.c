/* Resolution of references and the checks beyond the schema
 * (docs/plan-format.md, "Checks"). */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/strmap.h"
#include "model/value.h"
#include "parse/internal.h"

/* ---- an id index per kind ------------------------------------------- */

/* What an id names, and where, for "first used on line N". */
struct id_entry {
	void *node;
	const struct src_loc *loc;
};

struct id_index {
	struct strmap map;          /* id → struct id_entry */
	struct id_entry *entries;
	size_t n;
};

static void index_init(struct id_index *ix, size_t expected)
{
	strmap_init(&ix->map, expected);
	ix->entries = xcalloc(expected ? expected : 1, sizeof *ix->entries);
	ix->n = 0;
}

static void index_release(struct id_index *ix)
{
	strmap_release(&ix->map);
	free(ix->entries);
	ix->entries = NULL;
}

static void *index_get(struct id_index *ix, const char *id)
{
	struct id_entry *e = strmap_get(&ix->map, id);
	return e ? e->node : NULL;
}

struct checker {
	struct plan *plan;
	struct diag_list *diags;
	const struct parse_options *opt;
	struct id_index people, schemes, recs, focus, areas, actions, measures,
		outcomes, audits, milestones;
	bp_day as_at;
};

static void report(struct checker *c, enum diag_severity sev, const struct src_loc *loc,
		   long line, const char *fmt, ...) __attribute__((format(printf, 5, 6)));

static void report(struct checker *c, enum diag_severity sev, const struct src_loc *loc,
		   long line, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	diag_vadd(c->diags, sev, loc->file, loc->file_order, line ? line : loc->line, fmt, ap);
	va_end(ap);
}

/* Adds a node; reports a duplicate id of the same kind. */
static void index_put(struct checker *c, struct id_index *ix, const char *kind,
		      const char *id, void *node, const struct src_loc *loc)
{
	if (!id)
		return;
	bool added;
	struct strmap_slot *slot = strmap_slot(&ix->map, id, &added);
	if (!added) {
		const struct id_entry *e = slot->value;
		if (e->loc->file_order == loc->file_order)
			report(c, DIAG_ERROR, loc, 0, "duplicate %s id '%s' (first used on line %ld)",
			       kind, id, e->loc->line);
		else
			report(c, DIAG_ERROR, loc, 0, "duplicate %s id '%s' (first used in %s:%ld)",
			       kind, id, e->loc->file, e->loc->line);
		return;
	}
	/* entries was sized for every node of the kind: n never passes it */
	struct id_entry *e = &ix->entries[ix->n++];
	e->node = node;
	e->loc = loc;
	slot->value = e;
}

/* How a node is named in messages: "action '1.3'". */
static const char *action_name(const struct action *a)
{
	return a->ref ? a->ref : a->id;
}

/* Resolves every id of refs in ix; unknown ids are errors. */
static void resolve(struct checker *c, struct refs *r, struct id_index *ix,
		    const char *what, const struct src_loc *loc, const char *owner_fmt,
		    const char *owner)
{
	for (size_t i = 0; i < r->n; i++) {
		r->targets[i] = index_get(ix, r->ids[i]);
		if (!r->targets[i]) {
			char ownerbuf[256];
			snprintf(ownerbuf, sizeof ownerbuf, owner_fmt, owner);
			report(c, DIAG_ERROR, loc, r->line, "unknown %s '%s' in %s", what,
			       r->ids[i], ownerbuf);
		}
	}
}

static void check_when(struct checker *c, const struct when_text *w, const struct src_loc *loc,
		       const char *what, const char *owner)
{
	if (!w->text)
		return;
	if (w->when->kind == WHEN_UNKNOWN)
		report(c, DIAG_ERROR, loc, w->line, "cannot understand %s '%s' of %s: %s", what,
		       w->text, owner, w->when->why);
}

/* A date that must be a single day or period ("done", update dates). */
static void check_point(struct checker *c, const struct when_text *w, const struct src_loc *loc,
			const char *what, const char *owner)
{
	if (!w->text)
		return;
	check_when(c, w, loc, what, owner);
	switch (w->when->kind) {
	case WHEN_TBC: case WHEN_ONGOING: case WHEN_CADENCE: case WHEN_RANGE:
	case WHEN_FROM: case WHEN_MULTI:
		report(c, DIAG_ERROR, loc, w->line, "%s '%s' of %s must be a date", what,
		       w->text, owner);
		break;
	default:
		break;
	}
}

static void check_not_future(struct checker *c, const struct when_text *w,
			     const struct src_loc *loc, const char *what, const char *owner)
{
	if (c->as_at == BP_DAY_NONE || !when_is_dated(w->when))
		return;
	bp_day d = when_start(w->when);
	if (d != BP_DAY_NONE && d > c->as_at) {
		char buf[32];
		report(c, DIAG_WARNING, loc, w->line, "%s '%s' of %s is after the as-at date %s",
		       what, w->text, owner, day_format(c->as_at, buf, sizeof buf));
	}
}

/* ---- scheme and status lookups -------------------------------------- */

static struct status_def *scheme_status(const struct scheme *s, const char *id)
{
	if (!s || !id)
		return NULL;
	for (size_t i = 0; i < s->statuses.n; i++)
		if (strcmp(s->statuses.items[i]->id, id) == 0)
			return s->statuses.items[i];
	return NULL;
}

static struct scheme *pick_scheme(struct checker *c, const char *scheme_id,
				  const struct src_loc *loc, long line)
{
	if (scheme_id) {
		struct scheme *s = index_get(&c->schemes, scheme_id);
		if (!s)
			report(c, DIAG_ERROR, loc, line, "unknown rating scheme '%s'", scheme_id);
		return s;
	}
	return c->plan->default_scheme;
}

static struct status_def *resolve_status(struct checker *c, struct scheme *s,
					 const char *status_id, const struct src_loc *loc,
					 const char *owner)
{
	if (!status_id)
		return NULL;
	if (!s) {
		if (c->plan->schemes.n == 0)
			report(c, DIAG_ERROR, loc, 0,
			       "status '%s' of %s needs a rating scheme: declare one in <schemes>",
			       status_id, owner);
		return NULL;
	}
	struct status_def *st = scheme_status(s, status_id);
	if (!st)
		report(c, DIAG_ERROR, loc, 0, "unknown status '%s' in %s (scheme '%s' has no such status)",
		       status_id, owner, s->id);
	return st;
}

/* ---- the checks ----------------------------------------------------- */

static void check_value_for_unit(struct checker *c, const struct value *v, enum measure_unit unit,
				 const struct src_loc *loc, const char *what, const char *owner)
{
	if (v->kind != VALUE_NUMBER)
		return;
	const char *problem = value_unit_problem(v->number, unit);
	if (problem)
		report(c, DIAG_ERROR, loc, 0, "%s %s of %s %s", what, v->text, owner, problem);
}

static void check_people_and_schemes(struct checker *c)
{
	struct plan *p = c->plan;
	for (size_t i = 0; i < p->people.n; i++) {
		struct person *pe = p->people.items[i];
		index_put(c, &c->people, "person", pe->id, pe, &pe->loc);
		if (!pe->name && !pe->role)
			report(c, DIAG_ERROR, &pe->loc, 0, "person '%s' needs a name or a role", pe->id);
	}
	for (size_t i = 0; i < p->schemes.n; i++) {
		struct scheme *s = p->schemes.items[i];
		index_put(c, &c->schemes, "scheme", s->id, s, &s->loc);
		for (size_t j = 0; j < s->statuses.n; j++)
			for (size_t k = 0; k < j; k++)
				if (strcmp(s->statuses.items[j]->id, s->statuses.items[k]->id) == 0)
					report(c, DIAG_ERROR, &s->statuses.items[j]->loc, 0,
					       "duplicate status id '%s' in scheme '%s'",
					       s->statuses.items[j]->id, s->id);
		for (size_t j = 0; j < s->criteria.n; j++)
			for (size_t k = 0; k < j; k++)
				if (strcmp(s->criteria.items[j]->id, s->criteria.items[k]->id) == 0)
					report(c, DIAG_ERROR, &s->criteria.items[j]->loc, 0,
					       "duplicate criterion id '%s' in scheme '%s'",
					       s->criteria.items[j]->id, s->id);
		for (size_t j = 0; j < s->rules.n; j++) {
			struct scheme_rule *r = s->rules.items[j];
			r->status = scheme_status(s, r->status_id);
			if (!r->status)
				report(c, DIAG_ERROR, &r->loc, 0,
				       "rule gives status '%s', which scheme '%s' does not have",
				       r->status_id, s->id);
			if (r->kind == RULE_CRITICAL_MISSING) {
				bool any = false;
				for (size_t k = 0; k < s->criteria.n; k++)
					any = any || s->criteria.items[k]->critical;
				if (!any)
					report(c, DIAG_WARNING, &r->loc, 0,
					       "rule for a missing critical criterion, but scheme '%s' marks no criterion critical",
					       s->id);
			}
		}
	}
	if (p->default_scheme_id) {
		p->default_scheme = index_get(&c->schemes, p->default_scheme_id);
		if (!p->default_scheme)
			report(c, DIAG_ERROR, &p->loc, 0, "unknown default scheme '%s'",
			       p->default_scheme_id);
	} else if (p->schemes.n == 1) {
		p->default_scheme = p->schemes.items[0];
	} else if (p->schemes.n > 1) {
		p->default_scheme = p->schemes.items[0];
		report(c, DIAG_WARNING, &p->schemes.items[0]->loc, 0,
		       "several rating schemes and no default: add default=\"…\" to <schemes>; using '%s'",
		       p->schemes.items[0]->id);
	}
}

static void index_everything(struct checker *c)
{
	struct plan *p = c->plan;
	for (size_t i = 0; i < p->recommendations.n; i++) {
		struct recommendation *r = p->recommendations.items[i];
		index_put(c, &c->recs, "recommendation", r->id, r, &r->loc);
	}
	for (size_t i = 0; i < p->focus_areas.n; i++) {
		struct focus_area *f = p->focus_areas.items[i];
		index_put(c, &c->focus, "focus area", f->id, f, &f->loc);
	}
	for (size_t i = 0; i < p->all_areas.n; i++) {
		struct area *a = p->all_areas.items[i];
		index_put(c, &c->areas, "area", a->id, a, &a->loc);
	}
	for (size_t i = 0; i < p->actions.n; i++) {
		struct action *a = p->actions.items[i];
		index_put(c, &c->actions, "action", a->id, a, &a->loc);
		for (size_t j = 0; j < a->milestones.n; j++) {
			struct milestone *m = a->milestones.items[j];
			if (m->id)
				index_put(c, &c->milestones, "milestone", m->id, m, &m->loc);
		}
	}
	for (size_t i = 0; i < p->measures.n; i++) {
		struct measure *m = p->measures.items[i];
		index_put(c, &c->measures, "measure", m->id, m, &m->loc);
	}
	for (size_t i = 0; i < p->outcomes.n; i++) {
		struct outcome *o = p->outcomes.items[i];
		index_put(c, &c->outcomes, "outcome", o->id, o, &o->loc);
	}
	for (size_t i = 0; i < p->audits.n; i++) {
		struct audit *a = p->audits.items[i];
		index_put(c, &c->audits, "audit", a->id, a, &a->loc);
	}
}

static void check_updates(struct checker *c, struct update_vec *v, const char *owner)
{
	for (size_t i = 0; i < v->n; i++) {
		struct update *u = v->items[i];
		check_point(c, &u->date, &u->loc, "update date", owner);
		check_not_future(c, &u->date, &u->loc, "update date", owner);
		resolve(c, &u->by, &c->people, "person", &u->loc, "update of %s", owner);
	}
}

static void check_evidence(struct checker *c, struct evidence_vec *v, const char *owner)
{
	for (size_t i = 0; i < v->n; i++)
		check_when(c, &v->items[i]->date, &v->items[i]->loc, "evidence date", owner);
}

static void check_due_changes(struct checker *c, struct due_change_vec *v, const char *owner)
{
	for (size_t i = 0; i < v->n; i++) {
		struct due_change *d = v->items[i];
		check_point(c, &d->date, &d->loc, "date of due-date change", owner);
		check_when(c, &d->from, &d->loc, "previous due date", owner);
		check_when(c, &d->to, &d->loc, "new due date", owner);
	}
}

static void check_start_due(struct checker *c, const struct when_text *start,
			    const struct when_text *due, const struct src_loc *loc,
			    const char *owner)
{
	if (!when_is_dated(start->when) || !when_is_dated(due->when))
		return;
	bp_day s = when_start(start->when), d = when_due(due->when);
	if (s != BP_DAY_NONE && d != BP_DAY_NONE && s > d)
		report(c, DIAG_WARNING, loc, start->line, "%s starts ('%s') after it is due ('%s')",
		       owner, start->text, due->text);
}

static void check_start_due(struct checker *c, const struct when_text *start,
			    const struct when_text *due, const struct src_loc *loc,
			    const char *owner);

static void check_milestone(struct checker *c, struct action *a, struct milestone *m)
{
	char owner[300];
	const char *mtext = m->text.text;
	if (m->id)
		snprintf(owner, sizeof owner, "milestone '%s' of action '%s'", m->id, action_name(a));
	else
		snprintf(owner, sizeof owner, "milestone %zu of action '%s'", m->index + 1, action_name(a));
	(void)mtext;
	resolve(c, &m->leads, &c->people, "lead", &m->loc, "%s", owner);
	check_when(c, &m->start, &m->loc, "start date", owner);
	check_when(c, &m->due, &m->loc, "due date", owner);
	check_start_due(c, &m->start, &m->due, &m->loc, owner);
	check_point(c, &m->done, &m->loc, "done date", owner);
	check_not_future(c, &m->done, &m->loc, "done date", owner);
	m->scheme = pick_scheme(c, m->scheme_id, &m->loc, 0);
	m->status = resolve_status(c, m->scheme, m->status_id, &m->loc, owner);
	check_updates(c, &m->updates, owner);
	check_evidence(c, &m->evidence, owner);
	check_due_changes(c, &m->due_changes, owner);
}

static void check_action(struct checker *c, struct action *a)
{
	char owner[300];
	snprintf(owner, sizeof owner, "action '%s'", action_name(a));
	resolve(c, &a->leads, &c->people, "lead", &a->loc, "%s", owner);
	resolve(c, &a->focus, &c->focus, "focus area", &a->loc, "%s", owner);
	resolve(c, &a->recommendations, &c->recs, "recommendation", &a->loc, "%s", owner);
	resolve(c, &a->measures, &c->measures, "measure", &a->loc, "%s", owner);
	resolve(c, &a->see, &c->actions, "action", &a->loc, "%s", owner);
	check_when(c, &a->start, &a->loc, "start date", owner);
	check_when(c, &a->due, &a->loc, "due date", owner);
	check_point(c, &a->done, &a->loc, "done date", owner);
	check_not_future(c, &a->done, &a->loc, "done date", owner);
	check_start_due(c, &a->start, &a->due, &a->loc, owner);

	if (a->leads.n == 0) {
		bool milestone_leads = a->milestones.n > 0;
		for (size_t i = 0; i < a->milestones.n; i++)
			milestone_leads = milestone_leads && a->milestones.items[i]->leads.n > 0;
		if (!milestone_leads)
			report(c, DIAG_WARNING, &a->loc, 0, "%s has no lead", owner);
	}
	bool has_due = a->due.text && a->due.when->kind != WHEN_EMPTY;
	for (size_t i = 0; i < a->milestones.n && !has_due; i++)
		has_due = a->milestones.items[i]->due.text &&
			  a->milestones.items[i]->due.when->kind != WHEN_EMPTY;
	if (!has_due && !a->done.text)
		report(c, DIAG_WARNING, &a->loc, 0, "%s has no due date", owner);

	for (size_t i = 0; i < a->milestones.n; i++)
		check_milestone(c, a, a->milestones.items[i]);
	check_updates(c, &a->updates, owner);
	check_evidence(c, &a->evidence, owner);
	check_due_changes(c, &a->due_changes, owner);

	bool kinds[3] = { false, false, false };
	for (size_t i = 0; i < a->ratings.n; i++) {
		struct rating *r = a->ratings.items[i];
		r->scheme = pick_scheme(c, r->scheme_id, &r->loc, 0);
		r->status = resolve_status(c, r->scheme, r->status_id, &r->loc, owner);
		check_point(c, &r->date, &r->loc, "rating date", owner);
		if (kinds[r->kind])
			report(c, DIAG_ERROR, &r->loc, 0, "%s has more than one %s rating", owner,
			       rating_kind_name(r->kind));
		kinds[r->kind] = true;
	}
	if (a->criteria.present) {
		struct criteria_met *cm = &a->criteria;
		cm->scheme = pick_scheme(c, cm->scheme_id, &cm->loc, 0);
		if (cm->scheme && cm->scheme->criteria.n == 0)
			report(c, DIAG_ERROR, &cm->loc, 0, "scheme '%s' has no criteria, but %s lists criteria met",
			       cm->scheme->id, owner);
		for (size_t i = 0; i < cm->met.n; i++) {
			struct criterion *found = NULL;
			for (size_t k = 0; cm->scheme && k < cm->scheme->criteria.n; k++)
				if (strcmp(cm->scheme->criteria.items[k]->id, cm->met.ids[i]) == 0)
					found = cm->scheme->criteria.items[k];
			cm->met.targets[i] = found;
			if (!found && cm->scheme && cm->scheme->criteria.n)
				report(c, DIAG_ERROR, &cm->loc, 0, "unknown criterion '%s' in %s",
				       cm->met.ids[i], owner);
		}
	}
	for (size_t i = 0; i < a->metrics.n; i++) {
		struct metric *m = a->metrics.items[i];
		check_when(c, &m->current_date, &m->loc, "metric date", owner);
		check_when(c, &m->target_date, &m->loc, "metric target date", owner);
		check_when(c, &m->baseline_date, &m->loc, "metric baseline date", owner);
		if (m->measure_id) {
			m->measure = index_get(&c->measures, m->measure_id);
			if (!m->measure)
				report(c, DIAG_ERROR, &m->loc, 0, "unknown measure '%s' in %s",
				       m->measure_id, owner);
		}
		enum measure_unit u = m->unit;
		check_value_for_unit(c, &m->current, u, &m->loc, "current value", owner);
		check_value_for_unit(c, &m->target, u, &m->loc, "target", owner);
		check_value_for_unit(c, &m->baseline, u, &m->loc, "baseline", owner);
	}
}

static void check_areas(struct checker *c)
{
	struct plan *p = c->plan;
	for (size_t i = 0; i < p->all_areas.n; i++) {
		struct area *a = p->all_areas.items[i];
		char owner[300];
		snprintf(owner, sizeof owner, "area '%s'", a->ref ? a->ref : a->id);
		resolve(c, &a->leads, &c->people, "lead", &a->loc, "%s", owner);
		resolve(c, &a->sponsors, &c->people, "sponsor", &a->loc, "%s", owner);
		resolve(c, &a->focus, &c->focus, "focus area", &a->loc, "%s", owner);
		resolve(c, &a->recommendations, &c->recs, "recommendation", &a->loc, "%s", owner);
		check_updates(c, &a->updates, owner);
		check_evidence(c, &a->evidence, owner);
		if (a->depth == 4)
			report(c, DIAG_WARNING, &a->loc, 0,
			       "%s is nested %d levels deep; packs show three levels of areas",
			       owner, a->depth);
	}
}

static void check_measure(struct checker *c, struct measure *m)
{
	char owner[300];
	snprintf(owner, sizeof owner, "measure '%s'", m->code ? m->code : m->id);
	resolve(c, &m->owner, &c->people, "owner", &m->loc, "%s", owner);
	resolve(c, &m->outcomes, &c->outcomes, "outcome", &m->loc, "%s", owner);
	resolve(c, &m->focus, &c->focus, "focus area", &m->loc, "%s", owner);
	resolve(c, &m->actions, &c->actions, "action", &m->loc, "%s", owner);
	resolve(c, &m->recommendations, &c->recs, "recommendation", &m->loc, "%s", owner);
	resolve(c, &m->areas, &c->areas, "area", &m->loc, "%s", owner);
	if (m->better == BETTER_UNKNOWN)
		report(c, DIAG_WARNING, &m->loc, 0,
		       "%s has no direction: add better=\"higher\", \"lower\" or \"in-line\"", owner);
	bool has_target = false;
	for (size_t i = 0; i < m->targets.n; i++)
		has_target = has_target || m->targets.items[i]->value.kind == VALUE_NUMBER;
	if (!has_target)
		report(c, DIAG_WARNING, &m->loc, 0, "%s has no target", owner);
	if (m->unit == UNIT_PERCENT && m->has_tolerance && m->tolerance > 100)
		report(c, DIAG_ERROR, &m->loc, 0, "tolerance of %s is more than 100 percentage points", owner);

	bp_day base_day = BP_DAY_NONE;
	if (m->baseline) {
		struct dated_value *b = m->baseline;
		check_when(c, &b->date, &b->loc, "baseline date", owner);
		check_value_for_unit(c, &b->value, m->unit, &b->loc, "baseline", owner);
		if (when_is_dated(b->date.when))
			base_day = when_start(b->date.when);
	}
	for (size_t i = 0; i < m->targets.n; i++) {
		struct dated_value *t = m->targets.items[i];
		check_when(c, &t->date, &t->loc, "target date", owner);
		check_value_for_unit(c, &t->value, m->unit, &t->loc, "target", owner);
		if (base_day != BP_DAY_NONE && when_is_dated(t->date.when) &&
		    when_due(t->date.when) < base_day)
			report(c, DIAG_ERROR, &t->loc, 0,
			       "target of %s is dated '%s', before its baseline ('%s')", owner,
			       t->date.text, m->baseline->date.text);
	}
	for (size_t i = 0; i < m->actuals.n; i++) {
		struct dated_value *v = m->actuals.items[i];
		check_when(c, &v->date, &v->loc, "date of actual", owner);
		check_value_for_unit(c, &v->value, m->unit, &v->loc, "actual", owner);
		if (!v->date.text)
			report(c, DIAG_ERROR, &v->loc, 0, "actual of %s has no date", owner);
		else
			check_not_future(c, &v->date, &v->loc, "actual", owner);
		for (size_t k = 0; k < i; k++) {
			struct dated_value *w = m->actuals.items[k];
			if (v->date.text && w->date.text && when_is_dated(v->date.when) &&
			    when_is_dated(w->date.when) &&
			    when_start(v->date.when) == when_start(w->date.when) &&
			    when_due(v->date.when) == when_due(w->date.when)) {
				report(c, DIAG_ERROR, &v->loc, 0,
				       "%s has two actuals for '%s' (the first on line %ld)",
				       owner, v->date.text, w->loc.line);
				break;
			}
		}
	}
	for (size_t i = 0; i < m->benchmarks.n; i++) {
		struct dated_value *v = m->benchmarks.items[i];
		check_when(c, &v->date, &v->loc, "benchmark date", owner);
		check_value_for_unit(c, &v->value, m->unit, &v->loc, "benchmark", owner);
	}
}

static void check_audits(struct checker *c)
{
	struct plan *p = c->plan;
	for (size_t i = 0; i < p->audits.n; i++) {
		struct audit *au = p->audits.items[i];
		char owner[300];
		snprintf(owner, sizeof owner, "audit '%s'", au->id);
		for (size_t j = 0; j < au->rounds.n; j++) {
			struct audit_round *r = au->rounds.items[j];
			check_when(c, &r->date, &r->loc, "round date", owner);
			for (size_t k = 0; k < j; k++)
				if (strcmp(au->rounds.items[k]->id, r->id) == 0)
					report(c, DIAG_ERROR, &r->loc, 0, "duplicate round id '%s' in %s",
					       r->id, owner);
			if (j > 0 && when_is_dated(r->date.when) &&
			    when_is_dated(au->rounds.items[j - 1]->date.when) &&
			    when_start(r->date.when) < when_start(au->rounds.items[j - 1]->date.when))
				report(c, DIAG_WARNING, &r->loc, 0,
				       "round '%s' of %s is dated before the round listed above it",
				       r->id, owner);
		}
		for (size_t j = 0; j < au->themes.n; j++) {
			struct audit_theme *t = au->themes.items[j];
			for (size_t k = 0; k < j; k++)
				if (strcmp(au->themes.items[k]->id, t->id) == 0)
					report(c, DIAG_ERROR, &t->loc, 0, "duplicate theme id '%s' in %s",
					       t->id, owner);
			char towner[400];
			snprintf(towner, sizeof towner, "theme '%s' of %s", t->id, owner);
			for (size_t k = 0; k < t->scores.n; k++) {
				struct audit_score *s = t->scores.items[k];
				for (size_t r = 0; r < au->rounds.n; r++)
					if (strcmp(au->rounds.items[r]->id, s->round_id) == 0)
						s->round = au->rounds.items[r];
				if (!s->round)
					report(c, DIAG_ERROR, &s->loc, 0, "unknown round '%s' in %s",
					       s->round_id, towner);
				for (size_t q = 0; q < k; q++)
					if (strcmp(t->scores.items[q]->round_id, s->round_id) == 0)
						report(c, DIAG_ERROR, &s->loc, 0,
						       "two scores for round '%s' in %s", s->round_id, towner);
				check_value_for_unit(c, &s->target, UNIT_PERCENT, &s->loc, "target", towner);
				check_value_for_unit(c, &s->actual, UNIT_PERCENT, &s->loc, "result", towner);
			}
		}
	}
}

static void check_recommendation_coverage(struct checker *c)
{
	struct plan *p = c->plan;
	if (p->recommendations.n == 0)
		return;
	bool all = false;
	char *covered = xcalloc(p->recommendations.n, 1);
	/* index of each recommendation, by pointer */
	for (size_t i = 0; i < p->actions.n; i++) {
		struct action *a = p->actions.items[i];
		if (a->all_recommendations)
			all = true;
		for (size_t k = 0; k < a->recommendations.n; k++) {
			struct recommendation *r = a->recommendations.targets[k];
			for (size_t j = 0; r && j < p->recommendations.n; j++)
				if (p->recommendations.items[j] == r)
					covered[j] = 1;
		}
		/* an action answers what the areas around it answer */
		for (struct area *ar = a->area; ar; ar = ar->parent)
			for (size_t k = 0; k < ar->recommendations.n; k++) {
				struct recommendation *r = ar->recommendations.targets[k];
				for (size_t j = 0; r && j < p->recommendations.n; j++)
					if (p->recommendations.items[j] == r)
						covered[j] = 1;
			}
	}
	for (size_t j = 0; j < p->recommendations.n && !all; j++) {
		struct recommendation *r = p->recommendations.items[j];
		if (!covered[j])
			report(c, DIAG_WARNING, &r->loc, 0,
			       "recommendation '%s' is not addressed by any action",
			       r->ref ? r->ref : r->id);
	}
	free(covered);
}

size_t check_plan(struct plan *plan, const struct parse_options *opt, struct diag_list *diags)
{
	struct checker c;
	memset(&c, 0, sizeof c);
	c.plan = plan;
	c.diags = diags;
	c.opt = opt;
	size_t before = diags->errors;
	index_init(&c.people, plan->people.n);
	index_init(&c.schemes, plan->schemes.n);
	index_init(&c.recs, plan->recommendations.n);
	index_init(&c.focus, plan->focus_areas.n);
	index_init(&c.areas, plan->all_areas.n);
	index_init(&c.actions, plan->actions.n);
	index_init(&c.measures, plan->measures.n);
	index_init(&c.outcomes, plan->outcomes.n);
	index_init(&c.audits, plan->audits.n);
	size_t n_milestones = 0;
	for (size_t i = 0; i < plan->actions.n; i++)
		n_milestones += plan->actions.items[i]->milestones.n;
	index_init(&c.milestones, n_milestones);

	c.as_at = opt->as_at;
	if (plan->as_at.text) {
		const struct when *w = plan->as_at.when;
		if (w->kind == WHEN_UNKNOWN)
			report(&c, DIAG_ERROR, &plan->loc, 0, "cannot understand as-at date '%s': %s",
			       plan->as_at.text, w->why);
		else if (w->kind != WHEN_POINT)
			report(&c, DIAG_ERROR, &plan->loc, 0,
			       "as-at '%s' must be a date such as '24/02/2017'", plan->as_at.text);
		else if (c.as_at == BP_DAY_NONE)
			c.as_at = when_due(w);
	} else if (opt->as_at == BP_DAY_NONE) {
		report(&c, DIAG_WARNING, &plan->loc, 0,
		       "plan has no as-at date: add as-at=\"…\" or give --as-at");
	}

	check_people_and_schemes(&c);
	index_everything(&c);
	check_areas(&c);
	for (size_t i = 0; i < plan->actions.n; i++)
		check_action(&c, plan->actions.items[i]);
	for (size_t i = 0; i < plan->measures.n; i++)
		check_measure(&c, plan->measures.items[i]);
	for (size_t i = 0; i < plan->recommendations.n; i++) {
		struct recommendation *r = plan->recommendations.items[i];
		resolve(&c, &r->areas, &c.areas, "area", &r->loc, "recommendation '%s'",
			r->ref ? r->ref : r->id);
	}
	for (size_t i = 0; i < plan->focus_areas.n; i++) {
		struct focus_area *f = plan->focus_areas.items[i];
		resolve(&c, &f->leads, &c.people, "lead", &f->loc, "focus area '%s'", f->id);
		resolve(&c, &f->recommendations, &c.recs, "recommendation", &f->loc,
			"focus area '%s'", f->id);
	}
	for (size_t i = 0; i < plan->outcomes.n; i++) {
		struct outcome *o = plan->outcomes.items[i];
		resolve(&c, &o->recommendations, &c.recs, "recommendation", &o->loc, "outcome '%s'", o->id);
		resolve(&c, &o->areas, &c.areas, "area", &o->loc, "outcome '%s'", o->id);
	}
	for (size_t i = 0; i < plan->voices.n; i++) {
		struct voice *v = plan->voices.items[i];
		if (v->area_id) {
			v->area = index_get(&c.areas, v->area_id);
			if (!v->area)
				report(&c, DIAG_ERROR, &v->loc, 0, "unknown area '%s' for voices", v->area_id);
		}
	}
	for (size_t i = 0; i < plan->audits.n; i++) {
		struct audit *au = plan->audits.items[i];
		if (au->area_id) {
			au->area = index_get(&c.areas, au->area_id);
			if (!au->area)
				report(&c, DIAG_ERROR, &au->loc, 0, "unknown area '%s' in audit '%s'",
				       au->area_id, au->id);
		}
	}
	check_when(&c, &plan->people_as_at, &plan->loc, "as-at date", "the people list");
	if (plan->governance.present) {
		for (size_t i = 0; i < plan->governance.members.n; i++) {
			struct member *m = plan->governance.members.items[i];
			if (m->person_id) {
				m->person = index_get(&c.people, m->person_id);
				if (!m->person)
					report(&c, DIAG_ERROR, &m->loc, 0,
					       "unknown person '%s' in board members", m->person_id);
			} else if (!m->name && !m->role) {
				report(&c, DIAG_ERROR, &m->loc, 0,
				       "board member needs a person, a name or a role");
			}
		}
		for (size_t i = 0; i < plan->governance.meetings.n; i++) {
			struct meeting *m = plan->governance.meetings.items[i];
			check_point(&c, &m->date, &m->loc, "meeting date", "the board");
		}
	}
	check_audits(&c);
	check_recommendation_coverage(&c);

	index_release(&c.people);
	index_release(&c.schemes);
	index_release(&c.recs);
	index_release(&c.focus);
	index_release(&c.areas);
	index_release(&c.actions);
	index_release(&c.measures);
	index_release(&c.outcomes);
	index_release(&c.audits);
	index_release(&c.milestones);
	return diags->errors - before;
}
