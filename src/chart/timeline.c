/* The milestone timeline: the coming months as bands, each milestone a
 * marker at its due date whose shape (and colour) says its status, with
 * its day, its action's ref and its text beside it; three or more of one
 * status on one day share a mark ("31 Oct: 12 milestones"). Marks are
 * stacked in lanes so that no two labels meet; lanes are added as needed,
 * up to what the height allows, and a label with no room left is dropped
 * (the table and the alternative text still list every milestone). */
#include <stdlib.h>
#include <string.h>

#include "chart/internal.h"
#include "layout/contrast.h"

#define TL_W 760.0
#define LANE_H 16.0
#define MAX_LANES 24
#define LABEL_MAX_W 190.0
#define PAD 4.0
#define LIST_MAX 15

struct tl_style {
	doc_rgb color;
	enum chart_marker marker;
	bool hollow;
};

static struct tl_style style_of(enum chart_status_category k)
{
	struct tl_style s;
	switch (k) {
	case CHART_STATUS_DONE: s = (struct tl_style){ CHART_BLUISH_GREEN, CHART_MARKER_DIAMOND, false }; break;
	case CHART_STATUS_DUE_SOON: s = (struct tl_style){ CHART_ORANGE, CHART_MARKER_TRIANGLE, false }; break;
	case CHART_STATUS_OVERDUE: s = (struct tl_style){ CHART_VERMILLION, CHART_MARKER_CROSS, false }; break;
	case CHART_STATUS_NOT_STARTED: s = (struct tl_style){ CHART_BLACK, CHART_MARKER_SQUARE, true }; break;
	case CHART_STATUS_ON_TRACK:
	default: s = (struct tl_style){ CHART_BLUE, CHART_MARKER_CIRCLE, true }; break;
	}
	s.color = contrast_adjust(s.color, CHART_WHITE, 3.0);
	return s;
}

/* ---- collecting milestones ----------------------------------------- */

struct keyed {
	struct chart_milestone m;
	size_t order;
};

static int cmp_keyed(const void *x, const void *y)
{
	const struct keyed *a = x, *b = y;
	if (a->m.due != b->m.due)
		return a->m.due < b->m.due ? -1 : 1;
	return (a->order > b->order) - (a->order < b->order);
}

static bool open_status(enum eval_status s)
{
	return s != EVAL_DONE && s != EVAL_DONE_LATE;
}

size_t chart_milestones_due(const struct plan_eval *ev, bp_day from, bp_day to,
			    struct arena *a, struct chart_milestone **out)
{
	size_t n = 0, cap = 16;
	struct keyed *k = arena_array(a, struct keyed, cap);
	for (size_t i = 0; i < ev->n_actions; i++) {
		const struct action_eval *ae = &ev->actions[i];
		const struct action *act = ae->action;
		/* An action without milestones is its own milestone. */
		size_t count = ae->n_milestones ? ae->n_milestones : 1;
		for (size_t j = 0; j < count; j++) {
			bp_day due = ae->n_milestones ? ae->milestones[j].due : ae->due;
			enum eval_status st = ae->n_milestones ? ae->milestones[j].status : ae->status;
			const char *text = ae->n_milestones ? ae->milestones[j].milestone->text.text
							    : act->text.text;
			if (due == BP_DAY_NONE || due < from || due > to || !open_status(st))
				continue;
			if (n == cap) {
				k = arena_grow(a, k, n, cap * 2, sizeof *k);
				cap *= 2;
			}
			k[n].m = (struct chart_milestone){ act->ref ? act->ref : act->id,
							   chart_short_text(a, text ? text : "", 70), due,
							   st };
			k[n].order = n;
			n++;
		}
	}
	qsort(k, n, sizeof *k, cmp_keyed);
	struct chart_milestone *m = arena_array(a, struct chart_milestone, n ? n : 1);
	for (size_t i = 0; i < n; i++)
		m[i] = k[i].m;
	*out = m;
	return n;
}

/* ---- the chart --------------------------------------------------------- */

/* A mark on the timeline: one milestone, or several of one status due on
 * one day. */
struct mark {
	bp_day due;
	enum chart_status_category cat;
	size_t count;
	size_t first;               /* index into the milestones */
	int lane;
	bool left, labelled;
	const struct shape *label;
};

static const char *status_words(enum eval_status s)
{
	return eval_status_words(s);
}

static const char *milestone_name(struct arena *a, const struct chart_milestone *m)
{
	return m->ref && *m->ref ? chart_printf(a, "%s %s", m->ref, m->text) : m->text;
}

/* On the chart the day leads, so dates can be read without a scale:
 * "30 Sep: 1.1 Refresh the terms…". */
static const char *milestone_label(struct arena *a, const struct chart_milestone *m)
{
	return chart_printf(a, "%s: %s", chart_day_month(a, m->due), milestone_name(a, m));
}

static const char *alt_text(struct arena *a, const struct chart_milestone *ms, const size_t *idx,
			    size_t n, bp_day from, bp_day x0, bp_day x1, int months,
			    const char *title)
{
	struct strbuf sb = STRBUF_INIT;
	bp_day last = x1 - 1;
	/* The span is said from the day given (the report date, usually)
	 * unless a milestone shown falls before it. */
	bp_day first = n && ms[idx[0]].due < from ? x0 : from;
	strbuf_addf(&sb, "%s: %zu milestone%s due from %s to %s, by month.", title, n,
		    n == 1 ? "" : "s", chart_day_words(a, first), chart_day_words(a, last));
	for (int m = 0; m < months; m++) {
		bp_day a0 = day_add_months(x0, m), a1 = day_add_months(x0, m + 1);
		size_t cnt[CHART_STATUS_CATEGORY_COUNT] = { 0 };
		size_t total = 0;
		for (size_t i = 0; i < n; i++) {
			const struct chart_milestone *mm = &ms[idx[i]];
			if (mm->due >= a0 && mm->due < a1) {
				cnt[chart_status_category(mm->status)]++;
				total++;
			}
		}
		const char *month = chart_month_label(a, a0, 0);
		if (!total) {
			strbuf_addf(&sb, " %s: none.", month);
			continue;
		}
		const char *items[CHART_STATUS_CATEGORY_COUNT];
		size_t k = 0;
		for (int c = 0; c < CHART_STATUS_CATEGORY_COUNT; c++)
			if (cnt[c]) {
				const char *w = chart_status_category_name((enum chart_status_category)c);
				items[k++] = chart_printf(a, "%zu %s", cnt[c], chart_lower_first(a, w));
			}
		strbuf_addf(&sb, " %s: %zu (%s).", month, total, chart_join(a, items, k, "and"));
	}
	if (n && n <= LIST_MAX) {
		strbuf_adds(&sb, " In date order:");
		for (size_t i = 0; i < n; i++) {
			const struct chart_milestone *mm = &ms[idx[i]];
			strbuf_addf(&sb, "%s %s, due %s, %s", i ? ";" : "", milestone_name(a, mm),
				    chart_day_words(a, mm->due), status_words(mm->status));
		}
		strbuf_adds(&sb, ".");
	} else if (n) {
		strbuf_adds(&sb, " The table lists every milestone.");
	}
	char *s = arena_strdup(a, strbuf_str(&sb));
	strbuf_release(&sb);
	return s;
}

struct chart *chart_timeline(struct fonts *f, struct arena *a, const struct chart_milestone *ms,
			     size_t n, bp_day from, int months, const struct chart_options *o)
{
	double W = o->width > 0 ? o->width : TL_W;
	if (months < 1)
		months = 1;
	if (months > 36)
		months = 36;
	int fy, fm, fd;
	day_to_ymd(from, &fy, &fm, &fd);
	bp_day x0 = day_from_ymd(fy, fm, 1), x1 = day_add_months(x0, months);
	struct chart *c = chart_new(f, a, CHART_TIMELINE, W, 1e6);
	c->title = o->title ? o->title
		   : chart_printf(a, "Milestones due %s to %s", chart_month_label(a, x0, 0),
				  chart_month_label(a, x1 - 1, 0));

	/* The milestones in range, by due date. */
	size_t *idx = arena_array(a, size_t, n ? n : 1);
	size_t m = 0;
	for (size_t i = 0; i < n; i++)
		if (ms[i].due != BP_DAY_NONE && ms[i].due >= x0 && ms[i].due < x1)
			idx[m++] = i;
	for (size_t i = 1; i < m; i++) {
		size_t t = idx[i], j = i;
		while (j > 0 && ms[idx[j - 1]].due > ms[t].due) {
			idx[j] = idx[j - 1];
			j--;
		}
		idx[j] = t;
	}
	c->alt = alt_text(a, ms, idx, m, from, x0, x1, months, c->title);
	chart_table_init(c, 4, m, "Due", "Action", "Milestone", "Status");
	for (size_t i = 0; i < m; i++) {
		const struct chart_milestone *mm = &ms[idx[i]];
		chart_table_row(c, chart_day_words(a, mm->due), mm->ref ? mm->ref : "", mm->text,
				status_words(mm->status));
	}

	struct chart_rect wide = { 0, 0, W, 1e6 };
	double y = PAD;
	if (o->flags & CHART_SHOW_TITLE) {
		const struct shape *s = chart_shape_lines(c, c->title, CHART_FONT_BOLD, W - 2 * PAD, 2);
		struct chart_anchor at = { PAD, y, 0, 0 };
		chart_place(c, s, c->title, CHART_LABEL_TITLE, CHART_TEXT, &at, 1, wide, 0);
		y += s->height + 4;
	}
	bool used[CHART_STATUS_CATEGORY_COUNT] = { false };
	for (size_t i = 0; i < m; i++)
		used[chart_status_category(ms[idx[i]].status)] = true;
	struct chart_legend_entry le[CHART_STATUS_CATEGORY_COUNT + 1];
	size_t nle = 0;
	for (int k = 0; k < CHART_STATUS_CATEGORY_COUNT; k++) {
		if (!used[k])
			continue;
		struct tl_style st = style_of((enum chart_status_category)k);
		le[nle++] = (struct chart_legend_entry){
			.text = chart_status_category_name((enum chart_status_category)k),
			.color = st.color, .marker = st.marker, .hollow = st.hollow, .role = CHART_FONT };
	}
	bool from_line = from > x0 && from < x1;
	if (from_line)
		le[nle++] = (struct chart_legend_entry){ .text = "Report date", .color = CHART_AXIS,
			.line = true, .dash = CHART_DASH_DASHED, .role = CHART_FONT };
	if (!(o->flags & CHART_NO_LEGEND) && nle)
		y += chart_legend(c, le, nle, PAD, y, W - 2 * PAD) + 6;

	c->n_panels = 1;
	c->panels = arena_new(a, struct chart_panel);
	struct chart_panel *p = c->panels;
	p->plot.x = PAD;
	p->plot.w = W - 2 * PAD;
	p->x.time = true;
	p->x.min = x0;
	p->x.max = x1;
	p->x.step = 1;
	double *ticks;
	p->x.n_ticks = chart_month_ticks(x0, x1 - 1, 1, false, a, &ticks);
	p->x.ticks = ticks;
	p->x.tick_text = arena_array(a, const char *, p->x.n_ticks ? p->x.n_ticks : 1);
	const struct shape *probe = chart_shape(c, "Sep 2023", CHART_FONT_BOLD, 0);
	double month_y = y;
	double lanes_top = y + probe->height + 6;

	/* What is drawn: one mark per milestone, except that three or more
	 * of one status due on one day (month ends gather dozens) share a
	 * mark labelled with their number. */
	struct mark *mk = arena_array(a, struct mark, m ? m : 1);
	size_t n_marks = 0;
	for (size_t i = 0; i < m;) {
		size_t j = i;
		while (j < m && ms[idx[j]].due == ms[idx[i]].due)
			j++;
		size_t count[CHART_STATUS_CATEGORY_COUNT] = { 0 };
		for (size_t k = i; k < j; k++)
			count[chart_status_category(ms[idx[k]].status)]++;
		bool grouped[CHART_STATUS_CATEGORY_COUNT] = { false };
		for (size_t k = i; k < j; k++) {
			enum chart_status_category cat = chart_status_category(ms[idx[k]].status);
			if (count[cat] >= 3 && grouped[cat])
				continue;
			grouped[cat] = true;
			mk[n_marks++] = (struct mark){ .due = ms[idx[k]].due, .cat = cat,
						       .count = count[cat] >= 3 ? count[cat] : 1,
						       .first = idx[k] };
		}
		i = j;
	}

	/* Lanes: each mark goes to the first lane with room for it and its
	 * label, the label on its right when it fits there. */
	int max_lanes = MAX_LANES;
	if (o->height > 0) {
		max_lanes = (int)((o->height - lanes_top - PAD - 4) / LANE_H);
		if (max_lanes < 1)
			max_lanes = 1;
	}
	double *lane_right = arena_array(a, double, (size_t)max_lanes);
	int n_lanes = 0;
	for (size_t i = 0; i < n_marks; i++) {
		struct mark *k = &mk[i];
		double mx = chart_x_of(p, k->due);
		const char *text = k->count > 1
			? chart_printf(a, "%s: %zu milestones", chart_day_month(a, k->due), k->count)
			: milestone_label(a, &ms[k->first]);
		k->label = chart_shape_lines(c, text, CHART_FONT, LABEL_MAX_W, 1);
		double lw = k->label->width;
		k->left = mx + 6 + lw > W - PAD;
		double l = k->left ? mx - 6 - lw : mx - 5, r = k->left ? mx + 5 : mx + 6 + lw;
		int lane = -1;
		for (int q = 0; q < n_lanes && lane < 0; q++)
			if (lane_right[q] + 3 <= l)
				lane = q;
		if (lane < 0 && n_lanes < max_lanes)
			lane = n_lanes++;
		k->labelled = lane >= 0;
		if (lane < 0) {
			/* No room for the label: the mark goes where it meets the
			 * least, and the table keeps the text. */
			lane = 0;
			for (int q = 1; q < n_lanes; q++)
				if (lane_right[q] < lane_right[lane])
					lane = q;
			r = mx + 5;
		}
		k->lane = lane;
		if (r > lane_right[lane] || lane_right[lane] == 0)
			lane_right[lane] = r;
	}
	if (n_lanes == 0)
		n_lanes = 1;
	double plot_bottom = lanes_top + n_lanes * LANE_H + 2;
	c->height = o->height > 0 ? o->height : plot_bottom + PAD + 2;
	p->plot.y = lanes_top - 2;
	p->plot.h = plot_bottom - p->plot.y;
	p->frame = (struct chart_rect){ 0, month_y, W, c->height - month_y };
	struct chart_rect bounds = { 0, 0, W, c->height };

	/* Month bands, shaded alternately, named at the top. */
	for (size_t t = 0; t < p->x.n_ticks; t++) {
		double bx = chart_x_of(p, p->x.ticks[t]);
		double ex = t + 1 < p->x.n_ticks ? chart_x_of(p, p->x.ticks[t + 1]) : p->plot.x + p->plot.w;
		if (t % 2)
			chart_fill_rect(c, (struct chart_rect){ bx, month_y, ex - bx, plot_bottom - month_y },
					0xF2F2F2u);
		chart_segment(c, bx, month_y, bx, plot_bottom, CHART_GRID, 0.6, CHART_DASH_SOLID);
		for (int style = 0; style <= 1; style++) {
			const char *name = chart_month_label(a, (bp_day)p->x.ticks[t], style);
			const struct shape *s = chart_shape(c, name, CHART_FONT_BOLD, 0);
			if (s->width + 4 > ex - bx && style == 0)
				continue;
			struct chart_anchor at = { (bx + ex) / 2, month_y, 0.5, 0 };
			if (chart_place(c, s, name, CHART_LABEL_TICK, CHART_TEXT, &at, 1,
					(struct chart_rect){ bx, month_y, ex - bx, probe->height + 2 }, 0) >= 0)
				p->x.tick_text[t] = name;
			break;
		}
	}
	chart_segment(c, p->plot.x, plot_bottom, p->plot.x + p->plot.w, plot_bottom, CHART_AXIS, 0.8,
		      CHART_DASH_SOLID);
	if (from_line) {
		double fx = chart_x_of(p, from);
		chart_segment(c, fx, lanes_top - 4, fx, plot_bottom, CHART_AXIS, 1.0, CHART_DASH_DASHED);
	}

	/* One series per status, points in lanes. */
	p->series = arena_array(a, struct chart_series, CHART_STATUS_CATEGORY_COUNT);
	int series_of[CHART_STATUS_CATEGORY_COUNT];
	for (int k = 0; k < CHART_STATUS_CATEGORY_COUNT; k++) {
		series_of[k] = -1;
		if (!used[k])
			continue;
		struct tl_style st = style_of((enum chart_status_category)k);
		struct chart_series *s = &p->series[p->n_series];
		s->name = chart_status_category_name((enum chart_status_category)k);
		s->role = CHART_SERIES_STATUS;
		s->color = st.color;
		s->marker = st.marker;
		s->points = arena_array(a, struct chart_point, m ? m : 1);
		series_of[k] = (int)p->n_series++;
	}
	for (size_t i = 0; i < n_marks; i++) {
		const struct mark *k = &mk[i];
		struct tl_style st = style_of(k->cat);
		double mx = chart_x_of(p, k->due);
		double my = lanes_top + k->lane * LANE_H + LANE_H / 2;
		chart_marker(c, mx, my, k->count > 1 ? 8.5 : 7, st.marker, st.color, st.hollow);
		struct chart_series *s = &p->series[series_of[k->cat]];
		s->points[s->n_points++] = (struct chart_point){ true, (double)k->count, k->due, mx, my };
	}
	for (size_t i = 0; i < n_marks; i++) {
		const struct mark *k = &mk[i];
		if (!k->labelled)
			continue;
		double mx = chart_x_of(p, k->due);
		double my = lanes_top + k->lane * LANE_H + LANE_H / 2;
		struct chart_anchor cands[] = { { mx + 6, my, 0, 0.5 }, { mx - 6, my, 1, 0.5 } };
		if (k->left) {
			struct chart_anchor t = cands[0];
			cands[0] = cands[1];
			cands[1] = t;
		}
		chart_place(c, k->label, k->label->text, CHART_LABEL_CATEGORY, CHART_TEXT, cands, 2,
			    bounds, CHART_PLACE_BACKED);
	}
	return c;
}
