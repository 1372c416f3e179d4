/* The sections of a pack and how each is built from the plan and its
 * evaluation. */
#include "compose/compose.h"

#include <stdio.h>
#include <string.h>

#include "base/arena.h"
#include "base/strbuf.h"

struct composer {
	const struct plan *plan;
	const struct plan_eval *ev;
	const struct pack_spec *spec;
	struct doc *doc;
	struct arena *a;
	struct diag_list *diags;
	bool has_impact;            /* some action has an impact rating */
	bool failed;
};

/* ---- text ------------------------------------------------------------ */

static struct doc_text *plain(struct composer *c, const char *s)
{
	return doc_text_plain(c->a, s ? s : "");
}

/* Prose (paragraphs, list items, inline markup) as one rich text. */
static struct doc_text *prose_text(struct composer *c, const struct prose *p)
{
	struct strbuf sb = STRBUF_INIT;
	for (size_t i = 0; i < p->n; i++) {
		if (i)
			strbuf_addc(&sb, '\n');
		if (p->blocks[i].kind == PROSE_BULLET)
			strbuf_adds(&sb, "\xe2\x80\xa2 ");
		strbuf_adds(&sb, p->blocks[i].markup);
	}
	char err[160];
	struct doc_text *t = doc_text_markup(c->a, strbuf_str(&sb), err, sizeof err);
	if (!t)  /* the parse stage escapes everything it writes: cannot happen */
		t = doc_text_plain(c->a, p->text);
	strbuf_release(&sb);
	return t;
}

static const char *fmt_day(struct composer *c, bp_day d)
{
	char buf[32];
	if (d == BP_DAY_NONE)
		return NULL;
	return arena_strdup(c->a, day_format(d, buf, sizeof buf));
}

static doc_rgb meaning_fill(enum status_meaning m)
{
	switch (m) {
	case MEANS_COMPLETE: return 0x0070C0;
	case MEANS_ON_TRACK: return 0x00B050;
	case MEANS_AT_RISK: return 0xFFC000;
	case MEANS_OFF_TRACK: return 0xC00000;
	case MEANS_NOT_STARTED: return 0xBFBFBF;
	case MEANS_NOT_APPLICABLE: break;
	}
	return 0xE7E6E6;
}

static const struct doc_status *status_of(struct composer *c, const struct status_def *s)
{
	if (!s)
		return NULL;
	return doc_status_new(c->doc, s->label, s->has_colour ? s->colour : meaning_fill(s->means));
}

/* A computed status: on the plan's scheme where it maps, else in words. */
static const struct doc_status *computed_status(struct composer *c, enum eval_status st,
						enum status_meaning meaning,
						const struct eval_mapped *mapped)
{
	if (mapped->status)
		return status_of(c, mapped->status);
	return doc_status_new(c->doc, eval_status_words(st), meaning_fill(meaning));
}

static const char *action_anchor(struct composer *c, const struct action *a)
{
	return arena_printf(c->a, "action-%zu", a->index);
}

static const char *area_anchor(struct composer *c, const struct area *ar)
{
	return arena_printf(c->a, "area-%zu", ar->index);
}

static const char *area_heading(struct composer *c, const struct area *ar)
{
	if (ar->ref)
		return arena_printf(c->a, "%s %s", ar->ref, ar->title);
	return ar->title;
}

static const char *leads_text(struct composer *c, const struct refs *leads)
{
	struct strbuf sb = STRBUF_INIT;
	for (size_t i = 0; i < leads->n; i++) {
		const struct person *p = leads->targets[i];
		if (i)
			strbuf_addc(&sb, '\n');
		strbuf_adds(&sb, p ? p->display : leads->ids[i]);
	}
	const char *s = arena_strdup(c->a, strbuf_str(&sb));
	strbuf_release(&sb);
	return s;
}

/* ---- cover ----------------------------------------------------------- */

static void add_line(struct composer *c, struct doc_section *s, const char *text,
		     enum doc_para_role role)
{
	if (!text || !*text)
		return;
	struct doc_paragraph *p = doc_add_paragraph(s, plain(c, text));
	p->role = role;
}

static void compose_cover(struct composer *c, const struct pack_section *ps)
{
	const struct plan *p = c->plan;
	struct doc_section *s = doc_add_section(c->doc, ps->orientation);
	add_line(c, s, p->authority, DOC_PARA_SUBTITLE);
	add_line(c, s, p->title, DOC_PARA_TITLE);
	add_line(c, s, p->subtitle, DOC_PARA_SUBTITLE);
	add_line(c, s, c->spec->title, DOC_PARA_SUBTITLE);
	struct doc_panel *panel = doc_add_panel(s);
	const char *board = p->board ? p->board : p->governance.board;
	if (board)
		doc_panel_add(panel, plain(c, "Board"), plain(c, board));
	if (p->period)
		doc_panel_add(panel, plain(c, "Period"), plain(c, p->period));
	doc_panel_add(panel, plain(c, "Position as at"), plain(c, fmt_day(c, c->ev->as_at)));
	if (p->version)
		doc_panel_add(panel, plain(c, "Version"), plain(c, p->version));
	if (p->label)
		doc_panel_add(panel, plain(c, "Published as"), plain(c, p->label));
	if (p->author)
		doc_panel_add(panel, plain(c, "Author"), plain(c, p->author));
	const char *marking = c->spec->marking ? c->spec->marking : p->marking;
	if (marking)
		doc_panel_add(panel, plain(c, "Protective marking"), plain(c, marking));
	for (size_t i = 0; i < p->notices.n; i++) {
		const struct notice *n = p->notices.items[i];
		struct doc_paragraph *para = doc_add_paragraph(s, prose_text(c, &n->text));
		para->role = DOC_PARA_SMALL;
	}
}

static void compose_contents(struct composer *c, const struct pack_section *ps)
{
	struct doc_section *s = doc_add_section(c->doc, ps->orientation);
	struct doc_contents *ct = doc_add_contents(s, 2);
	ct->title = plain(c, ps->title ? ps->title : "Contents");
}

/* ---- action plan ----------------------------------------------------- */

enum ap_col { COL_REF, COL_ACTION, COL_LEAD, COL_DUE, COL_MILESTONES, COL_POSITION,
	      COL_REPORTED, COL_IMPACT, COL_COMPUTED, COL_COUNT };

struct ap_table {
	struct doc_table *t;
	size_t col[COL_COUNT];      /* table column of each, or SIZE_MAX */
};

static struct ap_table ap_table_new(struct composer *c, struct doc_section *s)
{
	struct ap_table at;
	size_t n = 0;
	for (int i = 0; i < COL_COUNT; i++) {
		if (i == COL_IMPACT && !c->has_impact)
			at.col[i] = (size_t)-1;
		else
			at.col[i] = n++;
	}
	at.t = doc_add_table(s, n);
	static const struct {
		const char *header;
		enum doc_width_kind kind;
		double value;
	} spec[COL_COUNT] = {
		[COL_REF] = { "Ref", DOC_WIDTH_FIXED, 40 },
		[COL_ACTION] = { "Action", DOC_WIDTH_FR, 3 },
		[COL_LEAD] = { "Lead", DOC_WIDTH_FR, 1.3 },
		[COL_DUE] = { "Due", DOC_WIDTH_FIXED, 62 },
		[COL_MILESTONES] = { "Milestones", DOC_WIDTH_FR, 3 },
		[COL_POSITION] = { "Current position", DOC_WIDTH_FR, 2.6 },
		[COL_REPORTED] = { "Reported", DOC_WIDTH_FIXED, 58 },
		[COL_IMPACT] = { "Impact", DOC_WIDTH_FIXED, 58 },
		[COL_COMPUTED] = { "Dates say", DOC_WIDTH_FR, 1.5 },
	};
	for (int i = 0; i < COL_COUNT; i++)
		if (at.col[i] != (size_t)-1)
			doc_table_column(at.t, at.col[i], spec[i].kind, spec[i].value,
					 plain(c, spec[i].header));
	at.t->cols[at.col[COL_REF]].row_header = true;
	return at;
}

static const struct rating *find_rating(const struct action *a, enum rating_kind k)
{
	for (size_t i = 0; i < a->ratings.n; i++)
		if (a->ratings.items[i]->kind == k)
			return a->ratings.items[i];
	return NULL;
}

static const struct eval_rating *rating_eval(const struct action_eval *ae, const struct rating *r)
{
	for (size_t i = 0; i < ae->n_ratings; i++)
		if (ae->ratings[i].rating == r)
			return &ae->ratings[i];
	return NULL;
}

static struct doc_text *milestones_text(struct composer *c, const struct action *a,
					const struct action_eval *ae)
{
	struct doc_text *t = doc_text_new(c->a);
	for (size_t i = 0; i < a->milestones.n; i++) {
		const struct milestone *m = a->milestones.items[i];
		const struct milestone_eval *me = &ae->milestones[i];
		if (i)
			doc_text_add(t, "\n", 0);
		const char *due = m->due.text ? m->due.text : "no date";
		doc_text_add(t, due, DOC_BOLD);
		doc_text_add(t, " \xe2\x80\x93 ", 0);
		doc_text_add(t, m->text.text, 0);
		const char *state = m->status ? m->status->label : NULL;
		doc_text_addf(t, DOC_ITALIC, " (%s%s%s)", eval_status_words(me->status),
			      state ? "; reported " : "", state ? state : "");
	}
	return t;
}

static struct doc_text *position_text(struct composer *c, const struct action *a)
{
	struct strbuf sb = STRBUF_INIT;
	const struct prose *parts[] = { &a->position, &a->commentary };
	for (size_t k = 0; k < 2; k++) {
		for (size_t i = 0; i < parts[k]->n; i++) {
			if (sb.len)
				strbuf_addc(&sb, '\n');
			strbuf_adds(&sb, parts[k]->blocks[i].markup);
		}
	}
	/* the latest update, dated */
	const struct update *latest = NULL;
	bp_day latest_day = BP_DAY_NONE;
	for (size_t i = 0; i < a->updates.n; i++) {
		bp_day d = when_start(&a->updates.items[i]->date.when);
		if (!latest || (d != BP_DAY_NONE && d >= latest_day)) {
			latest = a->updates.items[i];
			latest_day = d;
		}
	}
	if (latest) {
		if (sb.len)
			strbuf_addc(&sb, '\n');
		strbuf_adds(&sb, "<b>Update ");
		strbuf_add_escaped(&sb, latest->date.text, strlen(latest->date.text));
		strbuf_adds(&sb, ":</b> ");
		strbuf_adds(&sb, latest->text.n ? latest->text.blocks[0].markup : "");
	}
	char err[160];
	struct doc_text *t = doc_text_markup(c->a, strbuf_str(&sb), err, sizeof err);
	strbuf_release(&sb);
	return t ? t : doc_text_new(c->a);
}

static void action_row(struct composer *c, struct ap_table *at, const struct action *a)
{
	const struct action_eval *ae = &c->ev->actions[a->index];
	struct doc_row *row = doc_table_add_row(at->t);
	struct doc_cell *cells = row->cells;
	cells[at->col[COL_REF]].text = plain(c, a->ref ? a->ref : "");
	cells[at->col[COL_REF]].anchor = action_anchor(c, a);
	cells[at->col[COL_ACTION]].text = prose_text(c, &a->text);
	cells[at->col[COL_LEAD]].text = plain(c, leads_text(c, &a->leads));
	struct doc_text *due = doc_text_new(c->a);
	if (a->start.text)
		doc_text_addf(due, 0, "From %s\n", a->start.text);
	doc_text_add(due, a->due.text ? a->due.text : "", 0);
	cells[at->col[COL_DUE]].text = due;
	if (a->milestones.n)
		cells[at->col[COL_MILESTONES]].text = milestones_text(c, a, ae);
	cells[at->col[COL_POSITION]].text = position_text(c, a);

	const struct rating *r = find_rating(a, RATING_ACTION);
	if (!r)
		r = find_rating(a, RATING_OVERALL);
	if (r && r->status)
		cells[at->col[COL_REPORTED]].status = status_of(c, r->status);
	if (at->col[COL_IMPACT] != (size_t)-1) {
		const struct rating *ri = find_rating(a, RATING_IMPACT);
		if (ri && ri->status)
			cells[at->col[COL_IMPACT]].status = status_of(c, ri->status);
	}

	struct doc_cell *comp = &cells[at->col[COL_COMPUTED]];
	comp->status = computed_status(c, ae->status, ae->meaning, &ae->mapped);
	struct doc_text *why = doc_text_new(c->a);
	doc_text_add(why, eval_status_words(ae->status), DOC_BOLD);
	if (ae->reason)
		doc_text_addf(why, 0, ": %s", ae->reason);
	const struct eval_rating *er = r ? rating_eval(ae, r) : NULL;
	for (size_t i = 0; i < ae->n_ratings; i++)
		if (ae->ratings[i].challenged) {
			er = &ae->ratings[i];
			break;
		}
	if (er && er->challenged && er->challenge)
		doc_text_addf(why, DOC_BOLD, "\nChallenge: %s", er->challenge);
	comp->text = why;
}

static void area_rows(struct composer *c, struct ap_table *at, const struct area *ar)
{
	for (size_t i = 0; i < ar->n_items; i++) {
		const struct area_item *it = &ar->items[i];
		if (it->kind == AREA_ITEM_ACTION) {
			action_row(c, at, it->u.action);
		} else {
			const struct area *sub = it->u.area;
			struct doc_row *g = doc_table_add_group(at->t, plain(c, area_heading(c, sub)));
			g->cells[0].anchor = area_anchor(c, sub);
			area_rows(c, at, sub);
		}
	}
}

static size_t count_actions(const struct area *ar)
{
	size_t n = 0;
	for (size_t i = 0; i < ar->n_items; i++)
		n += ar->items[i].kind == AREA_ITEM_ACTION ? 1 : count_actions(ar->items[i].u.area);
	return n;
}

static void compose_action_plan(struct composer *c, const struct pack_section *ps)
{
	const struct plan *p = c->plan;
	struct doc_section *s = doc_add_section(c->doc, ps->orientation);
	doc_add_heading(s, 1, plain(c, ps->title ? ps->title : "Action plan"), "action-plan");
	struct doc_paragraph *intro = doc_add_paragraph(s, NULL);
	struct doc_text *t = doc_text_new(c->a);
	doc_text_addf(t, 0, "%zu actions as at %s. \xe2\x80\x9cReported\xe2\x80\x9d is the rating "
		      "the plan gives; \xe2\x80\x9c" "Dates say\xe2\x80\x9d is the status boardpack "
		      "works out from the due dates and completion, on the plan's own scheme, "
		      "with a challenge where the reported rating is kinder than the dates allow.",
		      p->actions.n, fmt_day(c, c->ev->as_at));
	intro->text = t;
	bool first = true;
	for (size_t i = 0; i < p->areas.n; i++) {
		const struct area *ar = p->areas.items[i];
		if (count_actions(ar) == 0)
			continue;
		if (!first)
			doc_add_page_break(s);
		first = false;
		doc_add_heading(s, 2, plain(c, area_heading(c, ar)), area_anchor(c, ar));
		if (ar->description.n) {
			struct doc_paragraph *d = doc_add_paragraph(s, prose_text(c, &ar->description));
			d->role = DOC_PARA_BODY;
		}
		struct ap_table at = ap_table_new(c, s);
		area_rows(c, &at, ar);
	}
}

/* ---- key --------------------------------------------------------------- */

static void compose_rag_key(struct composer *c, const struct pack_section *ps)
{
	const struct plan *p = c->plan;
	struct doc_section *s = doc_add_section(c->doc, ps->orientation);
	doc_add_heading(s, 1, plain(c, ps->title ? ps->title : "Key and definitions"), "key");
	for (size_t i = 0; i < p->schemes.n; i++) {
		const struct scheme *sc = p->schemes.items[i];
		doc_add_heading(s, 2, plain(c, sc->name ? sc->name : sc->id), NULL);
		struct doc_table *t = doc_add_table(s, 3);
		doc_table_column(t, 0, DOC_WIDTH_FIXED, 90, plain(c, "Status"));
		doc_table_column(t, 1, DOC_WIDTH_FIXED, 90, plain(c, "Means"));
		doc_table_column(t, 2, DOC_WIDTH_FR, 1, plain(c, "Definition"));
		for (size_t k = 0; k < sc->statuses.n; k++) {
			const struct status_def *st = sc->statuses.items[k];
			struct doc_row *row = doc_table_add_row(t);
			row->cells[0].status = status_of(c, st);
			row->cells[1].text = plain(c, status_meaning_name(st->means));
			struct doc_text *def = prose_text(c, &st->definition);
			if (st->definition_action.n || st->definition_impact.n) {
				struct strbuf sb = STRBUF_INIT;
				if (st->definition_action.n)
					strbuf_addf(&sb, "Action: %s", st->definition_action.text);
				if (st->definition_impact.n)
					strbuf_addf(&sb, "%sImpact: %s", sb.len ? "\n" : "",
						    st->definition_impact.text);
				def = plain(c, strbuf_str(&sb));
				strbuf_release(&sb);
			}
			row->cells[2].text = def;
		}
		if (sc->criteria.n) {
			struct doc_list *l = doc_add_list(s);
			for (size_t k = 0; k < sc->criteria.n; k++) {
				const struct criterion *cr = sc->criteria.items[k];
				doc_list_add(l, 0, plain(c, arena_printf(c->a, "%s%s", cr->text,
									 cr->critical ? " (critical)" : "")));
			}
		}
	}
	doc_add_heading(s, 2, plain(c, "Statuses worked out from the dates"), NULL);
	struct doc_table *t = doc_add_table(s, 2);
	doc_table_column(t, 0, DOC_WIDTH_FIXED, 110, plain(c, "Status"));
	doc_table_column(t, 1, DOC_WIDTH_FR, 1, plain(c, "When"));
	static const char *when[EVAL_STATUS_COUNT] = {
		"completed on or before its due date",
		"completed after its due date",
		"not complete, due after the due-soon window",
		"not complete, due within the due-soon window",
		"not complete and its due date has passed",
		"starts after the report date",
		"no due date given",
		"due date to be confirmed",
		"ongoing work with no end date",
		"recurring work (monthly, quarterly, termly \xe2\x80\xa6)",
	};
	for (int k = 0; k < EVAL_STATUS_COUNT; k++) {
		struct doc_row *row = doc_table_add_row(t);
		row->cells[0].text = plain(c, eval_status_words((enum eval_status)k));
		row->cells[1].text = plain(c, when[k]);
	}
}

/* ---- the pack ---------------------------------------------------------- */

static const struct pack_section plain_sections[] = {
	{ SECTION_COVER, DOC_PORTRAIT, NULL },
	{ SECTION_CONTENTS, DOC_PORTRAIT, NULL },
	{ SECTION_ACTION_PLAN, DOC_LANDSCAPE, NULL },
	{ SECTION_RAG_KEY, DOC_PORTRAIT, NULL },
};

static const struct pack_spec plain_spec = {
	"plain", "Action plan", plain_sections,
	sizeof plain_sections / sizeof plain_sections[0], NULL,
};

const struct pack_spec *pack_plain(void)
{
	return &plain_spec;
}

struct doc *compose_pack(const struct plan *plan, const struct plan_eval *ev,
			 const struct pack_spec *spec, struct arena *a,
			 struct diag_list *diags)
{
	struct composer c;
	memset(&c, 0, sizeof c);
	c.plan = plan;
	c.ev = ev;
	c.spec = spec;
	c.a = a;
	c.diags = diags;
	for (size_t i = 0; i < plan->actions.n && !c.has_impact; i++)
		c.has_impact = find_rating(plan->actions.items[i], RATING_IMPACT) != NULL;

	struct doc *d = arena_new(a, struct doc);
	doc_init(d, a);
	c.doc = d;
	d->title = plan->title;
	d->subject = arena_printf(a, "%s: %s", spec->title, plan->title);
	d->author = plan->author ? plan->author : plan->authority;
	d->keywords = "improvement plan; board pack; children's services";
	d->lang = plan->lang;
	d->marking = spec->marking ? spec->marking : plan->marking;
	d->header_text = plan->title;
	d->as_at = fmt_day(&c, ev->as_at);
	d->version = plan->version;
	int y, m, dd;
	day_to_ymd(ev->as_at, &y, &m, &dd);
	d->year = y;
	d->month = m;
	d->day = dd;

	for (size_t i = 0; i < spec->n_sections; i++) {
		const struct pack_section *ps = &spec->sections[i];
		switch (ps->kind) {
		case SECTION_COVER: compose_cover(&c, ps); break;
		case SECTION_CONTENTS: compose_contents(&c, ps); break;
		case SECTION_ACTION_PLAN: compose_action_plan(&c, ps); break;
		case SECTION_RAG_KEY: compose_rag_key(&c, ps); break;
		}
	}
	return c.failed ? NULL : d;
}
