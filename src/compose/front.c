/* The front of a pack: the cover, the contents, the plan's own
 * introduction and the template's own words. */
#include <string.h>

#include "compose/internal.h"

static void add_line(struct composer *c, struct doc_section *s, const char *text,
		     enum doc_para_role role)
{
	if (!text || !*text)
		return;
	struct doc_paragraph *p = doc_add_paragraph(s, ctext(c, text));
	p->role = role;
}

/* The first board meeting on or after the report date, or NULL. */
static const struct meeting *next_meeting(const struct composer *c)
{
	const struct meeting *best = NULL;
	bp_day best_day = BP_DAY_NONE;
	const struct meeting_vec *v = &c->plan->governance.meetings;
	for (size_t i = 0; i < v->n; i++) {
		bp_day d = when_start(v->items[i]->date.when);
		if (d == BP_DAY_NONE || d < c->ev->as_at)
			continue;
		if (!best || d < best_day) {
			best = v->items[i];
			best_day = d;
		}
	}
	return best;
}

void compose_cover(struct composer *c, struct doc_section *s, const struct tpl_section *ts)
{
	const struct plan *p = c->plan;
	const struct pack_template *t = c->tpl;
	if (t->logo) {
		struct doc_image *img = doc_add_image(s, t->logo, t->logo_width, t->logo_alt);
		img->align = DOC_ALIGN_LEFT;
	}
	add_line(c, s, p->authority, DOC_PARA_SUBTITLE);
	add_line(c, s, p->title, DOC_PARA_TITLE);
	add_line(c, s, p->subtitle, DOC_PARA_SUBTITLE);
	const char *pack_title = ts->opts[SOPT_TITLE].text ? expand_placeholders(c, section_title(ts))
							   : t->title;
	add_line(c, s, pack_title, DOC_PARA_SUBTITLE);

	struct doc_panel *panel = doc_add_panel(s);
	const char *board = p->board ? p->board : p->governance.board;
	if (board)
		doc_panel_add(panel, ctext(c, "Board"), ctext(c, board));
	const struct meeting *m = next_meeting(c);
	if (m)
		doc_panel_add(panel, ctext(c, "Meeting"),
			      ctext(c, day_words(c, when_start(m->date.when))));
	if (p->period)
		doc_panel_add(panel, ctext(c, "Period"), ctext(c, p->period));
	doc_panel_add(panel, ctext(c, "Position as at"), ctext(c, day_words(c, c->ev->as_at)));
	if (p->version)
		doc_panel_add(panel, ctext(c, "Version"), ctext(c, p->version));
	if (p->label)
		doc_panel_add(panel, ctext(c, "Published as"), ctext(c, p->label));
	if (p->author)
		doc_panel_add(panel, ctext(c, "Author"), ctext(c, p->author));
	if (c->doc->marking)
		doc_panel_add(panel, ctext(c, "Protective marking"), ctext(c, c->doc->marking));
	if (!opt_bool(ts, SOPT_NOTICES))
		return;
	for (size_t i = 0; i < p->notices.n; i++) {
		const struct notice *n = p->notices.items[i];
		struct doc_paragraph *para = doc_add_paragraph(s, prose_text(c, &n->text));
		para->role = DOC_PARA_SMALL;
	}
}

void compose_contents(struct composer *c, struct doc_section *s, const struct tpl_section *ts)
{
	struct doc_contents *ct = doc_add_contents(s, (int)opt_int(ts, SOPT_DEPTH));
	ct->title = ctext(c, expand_placeholders(c, section_title(ts)));
}

void compose_introduction(struct composer *c, struct doc_section *s,
			  const struct tpl_section *ts)
{
	const struct plan *p = c->plan;
	static const char *const headings[] = { "Introduction", "Vision", "Goals", "Principles" };
	const struct prose *parts[] = { &p->introduction, &p->vision, &p->goals, &p->principles };
	section_heading(c, s, ts);
	size_t shown = 0;
	const struct sopt_value *v = &ts->opts[SOPT_PARTS];
	for (size_t i = 0; i < v->n_items; i++) {
		const struct prose *pr = parts[v->items[i]];
		if (!pr->n)
			continue;
		/* a part alone needs no heading of its own under the section's */
		if (v->n_items > 1)
			doc_add_heading(s, 2, ctext(c, headings[v->items[i]]),
					local_anchor(c, "part-%u", (unsigned)v->items[i] + 1));
		doc_add_paragraph(s, prose_text(c, pr));
		shown++;
	}
	if (!shown)
		say(c, s, "The plan gives no introduction, vision, goals or principles.");
}

void compose_text(struct composer *c, struct doc_section *s, const struct tpl_section *ts)
{
	if (ts->opts[SOPT_TITLE].text)
		section_heading(c, s, ts);
	for (size_t i = 0; i < ts->n_paragraphs; i++)
		doc_add_paragraph(s, ctext(c, expand_placeholders(c, ts->paragraphs[i])));
}
