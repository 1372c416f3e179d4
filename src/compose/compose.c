/* The pack: document settings from the plan and the template, then each
 * of the template's sections in order. */
#include "compose/compose.h"

#include <string.h>

#include "compose/internal.h"

static const section_fn builders[SECTION_KIND_COUNT] = {
	[SECTION_COVER] = compose_cover,
	[SECTION_CONTENTS] = compose_contents,
	[SECTION_INTRODUCTION] = compose_introduction,
	[SECTION_TEXT] = compose_text,
	[SECTION_SUMMARY] = compose_summary,
	[SECTION_EXCEPTIONS] = compose_exceptions,
	[SECTION_ACTION_PLAN] = compose_action_plan,
	[SECTION_MILESTONES] = compose_milestones,
	[SECTION_SCORECARD] = compose_scorecard,
	[SECTION_AUDITS] = compose_audits,
	[SECTION_OUTCOMES] = compose_outcomes,
	[SECTION_RECOMMENDATIONS] = compose_recommendations,
	[SECTION_EVIDENCE] = compose_evidence,
	[SECTION_VOICE] = compose_voice,
	[SECTION_LEAD_SHEETS] = compose_lead_sheets,
	[SECTION_KEY] = compose_key,
};

static enum doc_orientation orientation_of(const struct composer *c,
					   const struct tpl_section *ts)
{
	const struct sopt_value *o = &ts->opts[SOPT_ORIENTATION];
	if (!o->set)
		return c->tpl->orientation;
	return o->number == ORIENT_LANDSCAPE ? DOC_LANDSCAPE : DOC_PORTRAIT;
}

/* Marks the rows of the first action-plan section, which other sections'
 * action refs link to. */
static void find_link_targets(struct composer *c)
{
	const struct pack_template *t = c->tpl;
	for (size_t i = 0; i < t->n_sections && !c->action_plan; i++)
		if (t->sections[i].def->kind == SECTION_ACTION_PLAN)
			c->action_plan = &t->sections[i];
	if (!c->action_plan)
		return;
	const struct plan *p = c->plan;
	c->action_row = arena_array(c->a, bool, p->actions.n ? p->actions.n : 1);
	c->area_heading = arena_array(c->a, bool, p->all_areas.n ? p->all_areas.n : 1);
	bool by_area = opt_int(c->action_plan, SOPT_GROUP_BY) != AP_GROUP_NONE;
	for (size_t i = 0; i < p->actions.n; i++) {
		const struct action *a = p->actions.items[i];
		c->action_row[i] = action_plan_shows(c, c->action_plan, a);
		for (const struct area *ar = a->area; by_area && c->action_row[i] && ar;
		     ar = ar->parent)
			c->area_heading[ar->index] = true;
	}
}

static const char *marking_of(const struct plan *p, const struct pack_template *t)
{
	if (t->marking && (t->marking_override || !p->marking))
		return t->marking;
	return p->marking;
}

int compose_pack(const struct plan *plan, const struct plan_eval *ev,
		 const struct pack_template *t, struct fonts *fonts, struct arena *a,
		 struct diag_list *diags, struct composed_pack *out)
{
	memset(out, 0, sizeof *out);
	struct composer c;
	memset(&c, 0, sizeof c);
	c.plan = plan;
	c.ev = ev;
	c.tpl = t;
	c.fonts = fonts;
	c.a = a;
	c.diags = diags;
	for (size_t i = 0; i < plan->actions.n; i++) {
		const struct action *ac = plan->actions.items[i];
		c.has_impact = c.has_impact || action_rating(ac, RATING_IMPACT);
		c.has_criteria = c.has_criteria || ac->criteria.present;
		c.has_milestones = c.has_milestones || ac->milestones.n;
	}

	struct doc *d = arena_new(a, struct doc);
	doc_init(d, a);
	c.doc = d;
	d->theme = t->theme;
	d->title = plan->title;
	d->subject = t->title ? arena_printf(a, "%s: %s", t->title, plan->title) : plan->title;
	d->author = plan->author ? plan->author : plan->authority;
	d->keywords = "improvement plan; board pack; children's services";
	d->lang = plan->lang;
	d->marking = marking_of(plan, t);
	d->as_at = day_words(&c, ev->as_at);
	d->version = plan->version;
	d->header_text = t->header ? expand_placeholders(&c, t->header) : plan->title;
	d->footer_text = t->footer ? expand_placeholders(&c, t->footer) : NULL;
	int y, m, dd;
	day_to_ymd(ev->as_at, &y, &m, &dd);
	d->year = y;
	d->month = m;
	d->day = dd;

	find_link_targets(&c);
	struct doc_section *cur = NULL;
	for (size_t i = 0; i < t->n_sections; i++) {
		const struct tpl_section *ts = &t->sections[i];
		enum doc_orientation o = orientation_of(&c, ts);
		if (!cur || opt_bool(ts, SOPT_NEW_PAGE) || cur->orientation != o)
			cur = doc_add_section(d, o);
		c.index = i;
		builders[ts->def->kind](&c, cur, ts);
	}
	if (c.failed)
		return -1;
	out->doc = d;
	out->charts = c.charts;
	out->n_charts = c.n_charts;
	return 0;
}
