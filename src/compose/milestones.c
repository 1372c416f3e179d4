/* Next key milestones: what is due, month by month, over the months after
 * the report date (milestones, or an action's own due date when it has
 * none), the open ones already overdue, and a timeline chart. */
#include <stdlib.h>
#include <string.h>

#include "compose/internal.h"

struct due_item {
	const struct action *action;
	const struct milestone *milestone;   /* NULL: the action's own date */
	bp_day due;
	enum eval_status status;
	const struct eval_mapped *mapped;
	enum status_meaning meaning;
	size_t order;                        /* plan order, to keep sorting stable */
};

struct due_list {
	struct due_item *items;
	size_t n, cap;
};

static void push(struct composer *c, struct due_list *l, struct due_item it)
{
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 32;
		l->items = arena_grow(c->a, l->items, l->n, cap, sizeof *l->items);
		l->cap = cap;
	}
	it.order = l->n;
	l->items[l->n++] = it;
}

static int by_due(const void *x, const void *y)
{
	const struct due_item *a = x, *b = y;
	if (a->due != b->due)
		return a->due < b->due ? -1 : 1;
	return a->order < b->order ? -1 : a->order > b->order;
}

/* Open milestones (and actions without milestones) due from..to. */
static void collect(struct composer *c, bp_day from, bp_day to, struct due_list *l)
{
	const struct plan *p = c->plan;
	for (size_t i = 0; i < p->actions.n; i++) {
		const struct action *a = p->actions.items[i];
		const struct action_eval *ae = &c->ev->actions[i];
		if (a->milestones.n == 0) {
			if (!status_done(ae->status) && ae->due != BP_DAY_NONE && ae->due >= from &&
			    ae->due <= to)
				push(c, l, (struct due_item){ a, NULL, ae->due, ae->status, &ae->mapped,
							      ae->meaning, 0 });
			continue;
		}
		for (size_t k = 0; k < a->milestones.n; k++) {
			const struct milestone_eval *me = &ae->milestones[k];
			if (status_done(me->status) || me->due == BP_DAY_NONE || me->due < from ||
			    me->due > to)
				continue;
			push(c, l, (struct due_item){ a, a->milestones.items[k], me->due, me->status,
						      &me->mapped, me->meaning, 0 });
		}
	}
	if (l->n > 1)
		qsort(l->items, l->n, sizeof *l->items, by_due);
}

static void due_table(struct composer *c, struct doc_section *s, const struct due_item *items,
		      size_t n)
{
	struct doc_table *t = new_table(c, s, 6);
	column(c, t, 0, DOC_WIDTH_FIXED, 62, "Due");
	column(c, t, 1, DOC_WIDTH_FIXED, 42, "Ref");
	column(c, t, 2, DOC_WIDTH_FR, 2, "Action");
	column(c, t, 3, DOC_WIDTH_FR, 2.4, "Milestone");
	column(c, t, 4, DOC_WIDTH_FR, 1.2, "Lead");
	column(c, t, 5, DOC_WIDTH_FR, 1.2, "Status");
	t->cols[1].row_header = true;
	for (size_t i = 0; i < n; i++) {
		const struct due_item *it = &items[i];
		const struct action *a = it->action;
		struct doc_row *row = doc_table_add_row(t);
		row->cells[0].text = ctext(c, day_words(c, it->due));
		row->cells[1].text = action_ref_text(c, a);
		row->cells[2].text = ctext(c, short_text(c, a->text.text, 160));
		if (it->milestone) {
			struct doc_text *m = ctext(c, it->milestone->text.text);
			if (it->milestone->due.text)
				doc_text_addf(m, DOC_ITALIC, "\nWritten as \xe2\x80\x9c%s\xe2\x80\x9d",
					      it->milestone->due.text);
			row->cells[3].text = m;
		} else {
			row->cells[3].text = ctextf(c, "The action itself is due (written as "
						    "\xe2\x80\x9c%s\xe2\x80\x9d)",
						    a->due.text ? a->due.text : "");
		}
		const struct refs *leads = it->milestone && it->milestone->leads.n
						   ? &it->milestone->leads : &a->leads;
		row->cells[4].text = ctext(c, leads_words(c, leads));
		row->cells[5].status = computed_fill(c, it->status, it->meaning, it->mapped);
		row->cells[5].text = ctext(c, status_words(c, it->status));
	}
}

static void timeline(struct composer *c, struct doc_section *s, const struct due_list *l,
		     bp_day from, int months)
{
	struct chart_milestone *ms = arena_array(c->a, struct chart_milestone, l->n ? l->n : 1);
	for (size_t i = 0; i < l->n; i++) {
		const struct due_item *it = &l->items[i];
		ms[i].ref = it->action->ref;
		ms[i].text = short_text(c, it->milestone ? it->milestone->text.text
							 : it->action->text.text, 60);
		ms[i].due = it->due;
		ms[i].status = it->status;
	}
	struct chart_options o;
	chart_options_init(&o);
	o.as_at = c->ev->as_at;
	o.width = frame_width(s);
	o.title = "Milestones due in the coming months";
	struct chart *ch = chart_timeline(c->fonts, c->a, ms, l->n, from, months, &o);
	if (ch)
		add_chart(c, s, ch, "timeline");
}

void compose_milestones(struct composer *c, struct doc_section *s, const struct tpl_section *ts)
{
	struct month_window win[12];
	size_t n = month_windows(c, (int)opt_int(ts, SOPT_MONTHS), win);
	section_heading(c, s, ts);
	struct due_list all = { NULL, 0, 0 };
	collect(c, win[0].from, win[n - 1].to, &all);
	const char *what = c->has_milestones ? "milestones" : "due dates";
	say(c, s, "%s not yet done and due from %s to %s, by month. Where an action has no "
		  "milestones its own due date is listed.",
	    count_words(c, all.n, c->has_milestones ? "milestone" : "due date", what),
	    day_words(c, win[0].from), day_words(c, win[n - 1].to));
	if (all.n && opt_bool(ts, SOPT_CHART))
		timeline(c, s, &all, win[0].from, (int)n + (win[0].from != win[0].to &&
							    day_month_end(win[0].from) != win[0].to));
	size_t k = 0;
	for (size_t m = 0; m < n; m++) {
		doc_add_heading(s, 2, ctext(c, win[m].title), local_anchor(c, "month-%zu", m + 1));
		size_t first = k;
		while (k < all.n && all.items[k].due <= win[m].to)
			k++;
		if (k == first)
			say(c, s, "Nothing is due from %s to %s.", day_words(c, win[m].from),
			    day_words(c, win[m].to));
		else
			due_table(c, s, all.items + first, k - first);
	}
	if (!opt_bool(ts, SOPT_OVERDUE))
		return;
	struct due_list late = { NULL, 0, 0 };
	collect(c, INT32_MIN + 1, c->ev->as_at, &late);
	size_t n_late = 0;
	for (size_t i = 0; i < late.n; i++)
		if (late.items[i].status == EVAL_OVERDUE)
			late.items[n_late++] = late.items[i];
	doc_add_heading(s, 2, ctext(c, "Already overdue and still open"),
			local_anchor(c, "overdue"));
	if (n_late == 0)
		say(c, s, "No %s overdue as at %s.", c->has_milestones ? "milestone is" : "action is",
		    day_words(c, c->ev->as_at));
	else
		due_table(c, s, late.items, n_late);
}
