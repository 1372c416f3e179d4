/* Voice: what children, partners and families will say when the plan has
 * worked, priority by priority, as the plan writes it. */
#include <string.h>
#include <strings.h>

#include "compose/internal.h"

static bool wanted(const struct tpl_section *ts, const struct voice *v)
{
	const struct sopt_value *of = &ts->opts[SOPT_OF];
	if (!of->n_words)
		return true;
	for (size_t i = 0; i < of->n_words; i++)
		if (v->of && strcasecmp(of->words[i], v->of) == 0)
			return true;
	return false;
}

static const char *voice_heading(struct composer *c, const struct voice *v)
{
	if (v->title)
		return v->title;
	return arena_printf(c->a, "What %s will say", v->of ? v->of : "people");
}

/* Adds v to l; with l NULL, only counts. */
static void add_voice(struct composer *c, struct doc_list *l, const struct voice *v,
		      const struct action *a)
{
	if (!l)
		return;
	struct doc_text *t = doc_text_new(c->a);
	doc_text_add(t, voice_heading(c, v), DOC_BOLD);
	if (a) {
		doc_text_add(t, " (action ", 0);
		add_action_ref(c, t, a);
		doc_text_add(t, ")", 0);
	}
	doc_text_add(t, ": ", DOC_BOLD);
	doc_text_addf(t, DOC_ITALIC, "\xe2\x80\x9c%s\xe2\x80\x9d", v->text.text);
	doc_list_add(l, 0, t);
}

static bool within(const struct area *ar, const struct area *ancestor)
{
	for (; ar; ar = ar->parent)
		if (ar == ancestor)
			return true;
	return false;
}

/* Voices of the area tree under ar, in document order: each area's own,
 * then its actions', and plan-level voices given for the top area. Returns
 * how many there are; l NULL only counts. */
static size_t area_voices(struct composer *c, const struct tpl_section *ts,
			  const struct area *ar, struct doc_list *l)
{
	size_t n = 0;
	for (size_t i = 0; i < ar->voices.n; i++)
		if (wanted(ts, ar->voices.items[i])) {
			add_voice(c, l, ar->voices.items[i], NULL);
			n++;
		}
	for (size_t i = 0; i < ar->n_items; i++) {
		const struct area_item *it = &ar->items[i];
		if (it->kind == AREA_ITEM_AREA) {
			n += area_voices(c, ts, it->u.area, l);
			continue;
		}
		const struct action *a = it->u.action;
		for (size_t k = 0; k < a->voices.n; k++)
			if (wanted(ts, a->voices.items[k])) {
				add_voice(c, l, a->voices.items[k], a);
				n++;
			}
	}
	return n;
}

static size_t top_voices(struct composer *c, const struct tpl_section *ts,
			 const struct area *top, struct doc_list *l)
{
	const struct plan *p = c->plan;
	size_t n = area_voices(c, ts, top, l);
	for (size_t k = 0; k < p->voices.n; k++)
		if (p->voices.items[k]->area && within(p->voices.items[k]->area, top) &&
		    wanted(ts, p->voices.items[k])) {
			add_voice(c, l, p->voices.items[k], NULL);
			n++;
		}
	return n;
}

void compose_voice(struct composer *c, struct doc_section *s, const struct tpl_section *ts)
{
	const struct plan *p = c->plan;
	section_heading(c, s, ts);
	size_t total = 0;
	for (size_t i = 0; i < p->areas.n; i++) {
		const struct area *top = p->areas.items[i];
		if (!top_voices(c, ts, top, NULL))
			continue;
		doc_add_heading(s, 2, ctext(c, area_title(c, top)), local_anchor(c, "area-%zu", i + 1));
		total += top_voices(c, ts, top, doc_add_list(s));
	}
	struct doc_list *l = NULL;
	for (size_t k = 0; k < p->voices.n; k++) {
		if (p->voices.items[k]->area || !wanted(ts, p->voices.items[k]))
			continue;
		if (!l) {
			doc_add_heading(s, 2, ctext(c, "Across the plan"), local_anchor(c, "plan"));
			l = doc_add_list(s);
		}
		add_voice(c, l, p->voices.items[k], NULL);
		total++;
	}
	if (!total)
		say(c, s, "The plan records nothing children, families or partners will say.");
}
