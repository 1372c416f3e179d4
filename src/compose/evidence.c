/* Evidence for a monitoring visit: one part per Ofsted recommendation (or
 * per focus area, or per priority when the plan records neither), each
 * with the actions that answer it, their status and evidence, the
 * measures and audit results that show change, and what children and
 * partners say. */
#include <string.h>

#include "compose/internal.h"

struct vec {
	const void **items;
	size_t n, cap;
};

static void vec_add(struct composer *c, struct vec *v, const void *x)
{
	for (size_t i = 0; i < v->n; i++)
		if (v->items[i] == x)
			return;
	if (v->n == v->cap) {
		size_t cap = v->cap ? v->cap * 2 : 8;
		v->items = arena_grow(c->a, v->items, v->n, cap, sizeof *v->items);
		v->cap = cap;
	}
	v->items[v->n++] = x;
}

struct part {
	const char *title;
	const struct prose *text;
	const char *note;                 /* judgement, source … */
	const char *no_action;            /* the sentence when no action answers */
	struct vec actions, measures, audits, voices;
};

static bool within(const struct area *ar, const struct area *ancestor)
{
	for (; ar; ar = ar->parent)
		if (ar == ancestor)
			return true;
	return false;
}

static bool area_or_parent_has_focus(const struct area *ar, const struct focus_area *f)
{
	for (; ar; ar = ar->parent)
		if (refs_has(&ar->focus, f))
			return true;
	return false;
}

/* Audits of the areas the part's actions sit in (or areas above them). */
static void add_audits_for(struct composer *c, struct part *pt, const struct area *ar)
{
	for (size_t i = 0; i < c->ev->n_audits; i++) {
		const struct audit *au = c->ev->audits[i].audit;
		if (au->area && ar && (within(ar, au->area) || within(au->area, ar)))
			vec_add(c, &pt->audits, &c->ev->audits[i]);
	}
}

static void add_voices_of_area(struct composer *c, struct part *pt, const struct area *ar)
{
	for (size_t i = 0; i < ar->voices.n; i++)
		vec_add(c, &pt->voices, ar->voices.items[i]);
	const struct voice_vec *pv = &c->plan->voices;
	for (size_t i = 0; i < pv->n; i++)
		if (pv->items[i]->area == ar)
			vec_add(c, &pt->voices, pv->items[i]);
}

static void add_action(struct composer *c, struct part *pt, const struct action *a)
{
	vec_add(c, &pt->actions, a);
	for (size_t i = 0; i < a->measures.n; i++)
		if (a->measures.targets[i])
			vec_add(c, &pt->measures, a->measures.targets[i]);
	add_audits_for(c, pt, a->area);
}

static void recommendation_part(struct composer *c, size_t i, struct part *pt)
{
	const struct recommendation_eval *re = &c->ev->recommendations[i];
	const struct recommendation *r = re->recommendation;
	pt->title = recommendation_title(c, r, i);
	pt->text = &r->text;
	pt->note = r->judgement ? arena_printf(c->a, "Judgement area: %s", r->judgement) : NULL;
	pt->no_action = "No action answers this recommendation directly.";
	for (size_t k = 0; k < re->n_actions; k++)
		add_action(c, pt, re->actions[k]);
	for (size_t k = 0; k < re->n_measures; k++)
		vec_add(c, &pt->measures, re->measures[k]);
	for (size_t k = 0; k < re->n_areas; k++) {
		add_audits_for(c, pt, re->areas[k]);
		add_voices_of_area(c, pt, re->areas[k]);
	}
}

static void focus_part(struct composer *c, size_t i, struct part *pt)
{
	const struct plan *p = c->plan;
	const struct focus_area *f = p->focus_areas.items[i];
	pt->title = f->ref ? arena_printf(c->a, "%s %s", f->ref, f->title) : f->title;
	pt->text = &f->description;
	pt->note = f->judgement ? arena_printf(c->a, "Ofsted judgement area: %s", f->judgement)
				: NULL;
	pt->no_action = "No action is linked to this focus area.";
	for (size_t k = 0; k < p->actions.n; k++) {
		const struct action *a = p->actions.items[k];
		if (refs_has(&a->focus, f) || area_or_parent_has_focus(a->area, f))
			add_action(c, pt, a);
	}
	for (size_t k = 0; k < p->measures.n; k++)
		if (refs_has(&p->measures.items[k]->focus, f))
			vec_add(c, &pt->measures, p->measures.items[k]);
}

static void area_part(struct composer *c, size_t i, struct part *pt)
{
	const struct plan *p = c->plan;
	const struct area *ar = p->areas.items[i];
	pt->title = area_title(c, ar);
	pt->text = &ar->description;
	pt->no_action = "No action sits in this area.";
	for (size_t k = 0; k < p->actions.n; k++)
		if (within(p->actions.items[k]->area, ar))
			add_action(c, pt, p->actions.items[k]);
	for (size_t k = 0; k < p->measures.n; k++) {
		const struct measure *m = p->measures.items[k];
		for (size_t j = 0; j < m->areas.n; j++)
			if (m->areas.targets[j] && within(m->areas.targets[j], ar))
				vec_add(c, &pt->measures, m);
	}
	add_audits_for(c, pt, ar);
	for (size_t k = 0; k < p->all_areas.n; k++)
		if (within(p->all_areas.items[k], ar))
			add_voices_of_area(c, pt, p->all_areas.items[k]);
}

static struct doc_text *evidence_list(struct composer *c, const struct action *a)
{
	struct doc_text *t = evidence_text(c, a);
	if (doc_text_empty(t)) {
		const struct update *u = latest_update(&a->updates);
		if (u)
			doc_text_addf(t, 0, "Update %s: %s", u->date.text ? u->date.text : "undated",
				      short_text(c, u->text.text, 240));
	}
	return t;
}

static void actions_table(struct composer *c, struct doc_section *s, const struct part *pt)
{
	struct doc_table *t = new_table(c, s, 6);
	column(c, t, 0, DOC_WIDTH_FIXED, 42, "Ref");
	column(c, t, 1, DOC_WIDTH_FR, 2.4, "Action");
	column(c, t, 2, DOC_WIDTH_FIXED, 58, "Due");
	column(c, t, 3, DOC_WIDTH_FR, 1.5, "Dates say");
	column(c, t, 4, DOC_WIDTH_FIXED, 58, "Reported");
	column(c, t, 5, DOC_WIDTH_FR, 2, "Evidence or latest update");
	t->cols[0].row_header = true;
	for (size_t i = 0; i < pt->actions.n; i++) {
		const struct action *a = pt->actions.items[i];
		const struct action_eval *ae = &c->ev->actions[a->index];
		struct doc_row *row = doc_table_add_row(t);
		row->cells[0].text = action_ref_text(c, a);
		struct doc_text *what = ctext(c, short_text(c, a->text.text, 260));
		if (a->leads.n)
			doc_text_addf(what, DOC_ITALIC, "\nLead: %s", leads_list(c, &a->leads));
		row->cells[1].text = what;
		row->cells[2].text = ctext(c, a->due.text ? a->due.text : day_words(c, ae->due));
		row->cells[3].status = computed_fill(c, ae->status, ae->meaning, &ae->mapped);
		row->cells[3].text = ctext(c, capitalised(c, ae->reason));
		const struct rating *r = reported_rating(a);
		if (r && r->status)
			row->cells[4].status = status_fill(c, r->status);
		row->cells[5].text = evidence_list(c, a);
	}
}

/* The area a voice was written in (plan-level voices name theirs). */
static const struct area *voice_area(const struct composer *c, const struct voice *v)
{
	if (v->area)
		return v->area;
	const struct area_vec *all = &c->plan->all_areas;
	for (size_t i = 0; i < all->n; i++)
		for (size_t k = 0; k < all->items[i]->voices.n; k++)
			if (all->items[i]->voices.items[k] == v)
				return all->items[i];
	return NULL;
}

static void voices(struct composer *c, struct doc_section *s, const struct part *pt)
{
	struct doc_list *l = doc_add_list(s);
	for (size_t i = 0; i < pt->actions.n; i++) {
		const struct action *a = pt->actions.items[i];
		for (size_t k = 0; k < a->voices.n; k++) {
			const struct voice *v = a->voices.items[k];
			struct doc_text *t = doc_text_new(c->a);
			doc_text_addf(t, DOC_BOLD, "%s, action ", capitalised(c, v->of ? v->of : "voice"));
			add_action_ref(c, t, a);
			doc_text_add(t, ": ", DOC_BOLD);
			doc_text_addf(t, DOC_ITALIC, "\xe2\x80\x9c%s\xe2\x80\x9d", v->text.text);
			doc_list_add(l, 0, t);
		}
	}
	for (size_t i = 0; i < pt->voices.n; i++) {
		const struct voice *v = pt->voices.items[i];
		const struct area *ar = voice_area(c, v);
		struct doc_text *t = doc_text_new(c->a);
		doc_text_addf(t, DOC_BOLD, "%s%s%s: ", capitalised(c, v->of ? v->of : "voice"),
			      ar ? ", " : "", ar ? area_title(c, ar) : "");
		doc_text_addf(t, DOC_ITALIC, "\xe2\x80\x9c%s\xe2\x80\x9d", v->text.text);
		doc_list_add(l, 0, t);
	}
}

static size_t voice_count(const struct part *pt)
{
	size_t n = pt->voices.n;
	for (size_t i = 0; i < pt->actions.n; i++)
		n += ((const struct action *)pt->actions.items[i])->voices.n;
	return n;
}

static bool plan_has_voices(const struct plan *p)
{
	if (p->voices.n)
		return true;
	for (size_t i = 0; i < p->actions.n; i++)
		if (p->actions.items[i]->voices.n)
			return true;
	for (size_t i = 0; i < p->all_areas.n; i++)
		if (p->all_areas.items[i]->voices.n)
			return true;
	return false;
}

static void part_blocks(struct composer *c, struct doc_section *s, const struct tpl_section *ts,
			const struct part *pt, size_t index)
{
	doc_add_heading(s, 2, ctext(c, pt->title), local_anchor(c, "part-%zu", index + 1));
	if (pt->text && pt->text->n)
		doc_add_paragraph(s, prose_text(c, pt->text));
	if (pt->note)
		say(c, s, "%s.", pt->note);

	doc_add_heading(s, 3, ctext(c, "Actions and their evidence"),
			local_anchor(c, "part-%zu-actions", index + 1));
	if (pt->actions.n) {
		size_t done = 0, overdue = 0;
		for (size_t i = 0; i < pt->actions.n; i++) {
			const struct action *a = pt->actions.items[i];
			done += status_done(c->ev->actions[a->index].status);
			overdue += c->ev->actions[a->index].status == EVAL_OVERDUE;
		}
		say(c, s, "%s: %zu done and %zu overdue as at %s.",
		    capitalised(c, count_words(c, pt->actions.n, "action", "actions")), done, overdue,
		    day_words(c, c->ev->as_at));
		actions_table(c, s, pt);
	} else {
		say(c, s, "%s", pt->no_action);
	}
	if (c->plan->measures.n) {
		doc_add_heading(s, 3, ctext(c, "Measures that show change"),
				local_anchor(c, "part-%zu-measures", index + 1));
		if (pt->measures.n) {
			measures_table(c, s, (const struct measure *const *)pt->measures.items,
				       pt->measures.n);
			if (opt_bool(ts, SOPT_CHARTS))
				measure_charts(c, s, (const struct measure *const *)pt->measures.items,
					       pt->measures.n);
		} else {
			say(c, s, "No measure is linked to this part of the plan.");
		}
	}
	if (c->ev->n_audits) {
		doc_add_heading(s, 3, ctext(c, "Case audit results"),
				local_anchor(c, "part-%zu-audits", index + 1));
		for (size_t i = 0; i < pt->audits.n; i++) {
			const struct audit_eval *ae = pt->audits.items[i];
			say(c, s, "%s:", ae->audit->title ? ae->audit->title : ae->audit->id);
			audit_table(c, s, ae);
		}
		if (!pt->audits.n)
			say(c, s, "No case audit is linked to this part of the plan.");
	}
	if (plan_has_voices(c->plan)) {
		doc_add_heading(s, 3, ctext(c, "What children and partners say"),
				local_anchor(c, "part-%zu-voice", index + 1));
		if (voice_count(pt))
			voices(c, s, pt);
		else
			say(c, s, "The plan records no voice of children or partners here.");
	}
}

void compose_evidence(struct composer *c, struct doc_section *s, const struct tpl_section *ts)
{
	const struct plan *p = c->plan;
	enum evidence_by by = (enum evidence_by)opt_int(ts, SOPT_BY);
	if (by == EV_BY_AUTO)
		by = p->recommendations.n ? EV_BY_RECOMMENDATION
		     : p->focus_areas.n   ? EV_BY_FOCUS_AREA
					  : EV_BY_AREA;
	if (ts->opts[SOPT_TITLE].text || by == EV_BY_RECOMMENDATION)
		section_heading(c, s, ts);
	else  /* the section's own title says what the parts are */
		doc_add_heading(s, 1, ctext(c, by == EV_BY_FOCUS_AREA ? "Evidence by focus area"
								      : "Evidence by priority"),
				arena_printf(c->a, "s%zu", c->index + 1));
	size_t n = by == EV_BY_RECOMMENDATION ? p->recommendations.n
		   : by == EV_BY_FOCUS_AREA   ? p->focus_areas.n
					      : p->areas.n;
	const char *unit = by == EV_BY_RECOMMENDATION ? "Ofsted recommendation"
			   : by == EV_BY_FOCUS_AREA   ? "focus area"
						      : "priority";
	if (n == 0) {
		say(c, s, "The plan records no %ss, so there is no part to show.", unit);
		return;
	}
	const char *why = "";
	if (opt_int(ts, SOPT_BY) == EV_BY_AUTO && by != EV_BY_RECOMMENDATION)
		why = by == EV_BY_FOCUS_AREA
			      ? " The plan records no Ofsted recommendations, so the evidence is set "
				"out by focus area."
			      : " The plan records no Ofsted recommendations or focus areas, so the "
				"evidence is set out by priority.";
	say(c, s, "One part for each %s: the actions that answer it with their status as at %s "
		  "and their evidence, the measures and audit results that show change, and what "
		  "children and partners say.%s",
	    unit, day_words(c, c->ev->as_at), why);
	if (by == EV_BY_RECOMMENDATION && c->ev->n_all_recommendation_actions) {
		struct doc_text *t = ctextf(c, "%s every recommendation and %s not repeated in each "
					    "part: ",
					    capitalised(c, count_words(c, c->ev->n_all_recommendation_actions,
								       "action answers",
								       "actions answer")),
					    c->ev->n_all_recommendation_actions == 1 ? "is" : "are");
		for (size_t i = 0; i < c->ev->n_all_recommendation_actions; i++) {
			if (i)
				doc_text_add(t, ", ", 0);
			add_action_ref(c, t, c->ev->all_recommendation_actions[i]);
		}
		doc_text_add(t, ".", 0);
		doc_add_paragraph(s, t);
	}
	for (size_t i = 0; i < n; i++) {
		struct part pt;
		memset(&pt, 0, sizeof pt);
		if (by == EV_BY_RECOMMENDATION)
			recommendation_part(c, i, &pt);
		else if (by == EV_BY_FOCUS_AREA)
			focus_part(c, i, &pt);
		else
			area_part(c, i, &pt);
		if (i && opt_bool(ts, SOPT_PAGE_PER_PART))
			doc_add_page_break(s);
		part_blocks(c, s, ts, &pt, i);
	}
}
