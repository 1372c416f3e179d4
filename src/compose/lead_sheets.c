/* Lead update sheets: for each lead, what they own, what is due and
 * overdue, and their last update — the sheet sent out before the board
 * asking for the next update. */
#include <string.h>

#include "compose/internal.h"

/* The first meeting on or after the report date, or BP_DAY_NONE. */
static bp_day next_meeting(const struct composer *c)
{
	bp_day best = BP_DAY_NONE;
	const struct meeting_vec *v = &c->plan->governance.meetings;
	for (size_t i = 0; i < v->n; i++) {
		bp_day d = when_start(v->items[i]->date.when);
		if (d != BP_DAY_NONE && d >= c->ev->as_at && (best == BP_DAY_NONE || d < best))
			best = d;
	}
	return best;
}

static bool leads_action(const struct action *a, const struct person *p)
{
	return refs_has(&a->leads, p);
}

static bool leads_milestone(const struct action *a, const struct milestone *m,
			    const struct person *p)
{
	return m->leads.n ? refs_has(&m->leads, p) : leads_action(a, p);
}

static bool has_work(const struct composer *c, const struct person *p)
{
	const struct plan *pl = c->plan;
	for (size_t i = 0; i < pl->actions.n; i++) {
		const struct action *a = pl->actions.items[i];
		if (leads_action(a, p))
			return true;
		for (size_t k = 0; k < a->milestones.n; k++)
			if (leads_milestone(a, a->milestones.items[k], p))
				return true;
	}
	for (size_t i = 0; i < pl->all_areas.n; i++)
		if (refs_has(&pl->all_areas.items[i]->leads, p))
			return true;
	return false;
}

static void reporting_panel(struct composer *c, struct doc_section *s, const struct person *p)
{
	const struct governance *g = &c->plan->governance;
	struct doc_panel *panel = doc_add_panel(s);
	if (p->role && p->name)
		doc_panel_add(panel, ctext(c, "Role"), ctext(c, p->role));
	if (p->organisation)
		doc_panel_add(panel, ctext(c, "Organisation"), ctext(c, p->organisation));
	if (p->email)
		doc_panel_add(panel, ctext(c, "Email"), ctext(c, p->email));
	struct doc_text *areas = doc_text_new(c->a);
	for (size_t i = 0; i < c->plan->all_areas.n; i++) {
		const struct area *ar = c->plan->all_areas.items[i];
		if (refs_has(&ar->leads, p))
			doc_text_addf(areas, 0, "%s%s", doc_text_empty(areas) ? "" : "\n",
				      area_title(c, ar));
	}
	if (!doc_text_empty(areas))
		doc_panel_add(panel, ctext(c, "Areas led"), areas);
	bp_day board = next_meeting(c);
	if (board == BP_DAY_NONE)
		return;
	doc_panel_add(panel, ctext(c, "Next board"), ctext(c, day_words(c, board)));
	if (g->updates_requested >= 0)
		doc_panel_add(panel, ctext(c, "Update requested"),
			      ctext(c, day_words(c, board - (bp_day)g->updates_requested)));
	if (g->updates_due >= 0)
		doc_panel_add(panel, ctext(c, "Update due back"),
			      ctext(c, day_words(c, board - (bp_day)g->updates_due)));
}

struct sheet_item {
	const struct action *action;
	const struct milestone *milestone;
	bp_day due;
	enum eval_status status;
	enum status_meaning meaning;
	const struct eval_mapped *mapped;
};

/* What p leads that is open and due in [from, to]. */
static size_t due_items(struct composer *c, const struct person *p, bp_day from, bp_day to,
			bool overdue_only, struct sheet_item *out)
{
	size_t n = 0;
	const struct plan *pl = c->plan;
	for (size_t i = 0; i < pl->actions.n; i++) {
		const struct action *a = pl->actions.items[i];
		const struct action_eval *ae = &c->ev->actions[i];
		if (a->milestones.n == 0) {
			if (leads_action(a, p) && !status_done(ae->status) && ae->due != BP_DAY_NONE &&
			    ae->due >= from && ae->due <= to &&
			    (!overdue_only || ae->status == EVAL_OVERDUE)) {
				if (out)
					out[n] = (struct sheet_item){ a, NULL, ae->due, ae->status,
								      ae->meaning, &ae->mapped };
				n++;
			}
			continue;
		}
		for (size_t k = 0; k < a->milestones.n; k++) {
			const struct milestone_eval *me = &ae->milestones[k];
			if (!leads_milestone(a, a->milestones.items[k], p) || status_done(me->status) ||
			    me->due == BP_DAY_NONE || me->due < from || me->due > to ||
			    (overdue_only && me->status != EVAL_OVERDUE))
				continue;
			if (out)
				out[n] = (struct sheet_item){ a, a->milestones.items[k], me->due,
							      me->status, me->meaning, &me->mapped };
			n++;
		}
	}
	return n;
}

static void items_table(struct composer *c, struct doc_section *s, const struct sheet_item *it,
			size_t n)
{
	struct doc_table *t = new_table(c, s, 4);
	column(c, t, 0, DOC_WIDTH_FIXED, 62, "Due");
	column(c, t, 1, DOC_WIDTH_FIXED, 42, "Ref");
	column(c, t, 2, DOC_WIDTH_FR, 3, "What is due");
	column(c, t, 3, DOC_WIDTH_FR, 1, "Status");
	t->cols[1].row_header = true;
	for (size_t i = 0; i < n; i++) {
		struct doc_row *row = doc_table_add_row(t);
		row->cells[0].text = ctext(c, day_words(c, it[i].due));
		row->cells[1].text = action_ref_text(c, it[i].action);
		row->cells[2].text = ctext(c, it[i].milestone ? it[i].milestone->text.text
							      : short_text(c, it[i].action->text.text,
									   200));
		row->cells[3].status = computed_fill(c, it[i].status, it[i].meaning, it[i].mapped);
		row->cells[3].text = ctext(c, status_words(c, it[i].status));
	}
}

static void actions_table(struct composer *c, struct doc_section *s, const struct person *p,
			  size_t n)
{
	if (n == 0) {
		say(c, s, "No action of the plan names this lead; the areas above are theirs.");
		return;
	}
	struct doc_table *t = new_table(c, s, 5);
	column(c, t, 0, DOC_WIDTH_FIXED, 42, "Ref");
	column(c, t, 1, DOC_WIDTH_FR, 2.4, "Action");
	column(c, t, 2, DOC_WIDTH_FIXED, 62, "Due");
	column(c, t, 3, DOC_WIDTH_FR, 1.3, "Dates say");
	column(c, t, 4, DOC_WIDTH_FR, 2.2, "Last update");
	t->cols[0].row_header = true;
	const struct plan *pl = c->plan;
	for (size_t i = 0; i < pl->actions.n; i++) {
		const struct action *a = pl->actions.items[i];
		if (!leads_action(a, p))
			continue;
		const struct action_eval *ae = &c->ev->actions[i];
		struct doc_row *row = doc_table_add_row(t);
		row->cells[0].text = action_ref_text(c, a);
		row->cells[1].text = ctext(c, short_text(c, a->text.text, 220));
		row->cells[2].text = ctext(c, a->due.text ? a->due.text : day_words(c, ae->due));
		row->cells[3].status = computed_fill(c, ae->status, ae->meaning, &ae->mapped);
		row->cells[3].text = ctext(c, capitalised(c, ae->reason));
		const struct update *u = latest_update(&a->updates);
		struct doc_text *ut = doc_text_new(c->a);
		if (u) {
			doc_text_addf(ut, DOC_BOLD, "%s: ", u->date.text ? u->date.text : "Undated");
			doc_text_add(ut, short_text(c, u->text.text, 300), 0);
		} else {
			doc_text_add(ut, "No update recorded", DOC_ITALIC);
		}
		if (ae->staleness.state == EVAL_STALE_STALE)
			doc_text_addf(ut, DOC_ITALIC, "\n%s", capitalised(c, ae->staleness.reason));
		row->cells[4].text = ut;
	}
}

void compose_lead_sheets(struct composer *c, struct doc_section *s, const struct tpl_section *ts)
{
	const struct plan *pl = c->plan;
	long window = opt_int(ts, SOPT_WINDOW);
	bp_day as_at = c->ev->as_at;
	section_heading(c, s, ts);
	bp_day board = next_meeting(c);
	say(c, s, "One sheet for each lead: what they lead, what falls due in the %ld days after "
		  "%s, what is overdue, and their last update.%s",
	    window, day_words(c, as_at),
	    board != BP_DAY_NONE && pl->governance.updates_due >= 0
		    ? arena_printf(c->a, " Updates for the board on %s are due back by %s.",
				   day_words(c, board),
				   day_words(c, board - (bp_day)pl->governance.updates_due))
		    : "");
	size_t sheets = 0;
	for (size_t i = 0; i < pl->people.n; i++) {
		const struct person *p = pl->people.items[i];
		const struct lead_eval *le = &c->ev->leads[i];
		if (opt_int(ts, SOPT_LEADS) == LEADS_WITH_ACTIONS && !has_work(c, p))
			continue;
		if (sheets++ && opt_bool(ts, SOPT_PAGE_PER_LEAD))
			doc_add_page_break(s);
		doc_add_heading(s, 2, ctext(c, p->display), local_anchor(c, "lead-%zu", i + 1));
		reporting_panel(c, s, p);
		if (le->reason)
			say(c, s, "%s.", capitalised(c, le->reason));

		doc_add_heading(s, 3, ctext(c, "Actions led"), local_anchor(c, "lead-%zu-actions", i + 1));
		actions_table(c, s, p, le->counts.actions);

		doc_add_heading(s, 3, ctext(c, arena_printf(c->a, "Due by %s",
							    day_words(c, as_at + (bp_day)window))),
				local_anchor(c, "lead-%zu-due", i + 1));
		size_t n = due_items(c, p, as_at + 1, as_at + (bp_day)window, false, NULL);
		struct sheet_item *items = arena_array(c->a, struct sheet_item, n ? n : 1);
		due_items(c, p, as_at + 1, as_at + (bp_day)window, false, items);
		if (n)
			items_table(c, s, items, n);
		else
			say(c, s, "Nothing this lead leads falls due in the %ld days after %s.", window,
			    day_words(c, as_at));

		doc_add_heading(s, 3, ctext(c, "Overdue"), local_anchor(c, "lead-%zu-overdue", i + 1));
		n = due_items(c, p, INT32_MIN + 1, as_at, true, NULL);
		items = arena_array(c->a, struct sheet_item, n ? n : 1);
		due_items(c, p, INT32_MIN + 1, as_at, true, items);
		if (n)
			items_table(c, s, items, n);
		else
			say(c, s, "Nothing this lead leads is overdue as at %s.", day_words(c, as_at));
	}
	if (!sheets)
		say(c, s, "No person in the plan leads an action, a milestone or an area.");
}
