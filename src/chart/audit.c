/* The audit trend chart: for each theme, the % judged good at the
 * baseline and each audit round, the target for each round marked, on a
 * 0-100 % axis, in a grid of small panels (the Blackpool "practice
 * obsessions" table drawn). Results are circles joined by a line (the
 * baseline a square), targets are short bars with their values in
 * italics; rounds are placed by date when every round is dated, else
 * evenly. */
#include <math.h>
#include <string.h>

#include "chart/internal.h"
#include "layout/contrast.h"

#define AUDIT_W 760.0
#define PANEL_H 150.0
#define MIN_PANEL_W 170.0
#define MAX_COLS 4
#define GAP_X 14.0
#define GAP_Y 10.0
#define PAD 4.0

static doc_rgb line_colour(doc_rgb c)
{
	return contrast_adjust(c, CHART_WHITE, 3.0);
}

/* Whether every round has a date to place it by. */
static bool dated_rounds(const struct audit_eval *ae)
{
	if (ae->n_rounds == 0)
		return false;
	for (size_t r = 0; r < ae->n_rounds; r++)
		if (ae->rounds[r].date == BP_DAY_NONE)
			return false;
	for (size_t r = 1; r < ae->n_rounds; r++)
		if (ae->rounds[r].date <= ae->rounds[r - 1].date)
			return false;
	return true;
}

/* The round's tick label in a style: 0 "Apr 2023", 1 "Apr 23". */
static const char *round_tick(struct chart *c, const struct audit_round *round, bp_day day,
			      int style)
{
	const struct when *w = round->date.when;
	if (round->date.text && w->kind == WHEN_POINT &&
	    (w->points[0].precision == WHEN_PREC_DAY || w->points[0].precision == WHEN_PREC_MONTH))
		return chart_month_label(c->arena, day, style);
	if (round->date.text)
		return round->date.text;
	return round->label ? round->label : round->id;
}

/* The round in a sentence: "October 2023", else its label. */
const char *chart_round_words(struct arena *a, const struct audit_round *round)
{
	if (round->date.text && when_is_dated(round->date.when))
		return chart_when_words(a, &round->date);
	return round->label ? round->label : round->id;
}

/* Tick labels of the rounds: the first style whose labels fit side by
 * side within the panel; failing both, every other label. */
static void round_axis(struct chart *c, struct chart_panel *p, const struct audit_eval *ae)
{
	struct chart_rect bounds = p->frame;
	double base = p->plot.y + p->plot.h;
	size_t n = ae->n_rounds;
	const struct shape **sh = arena_array(c->arena, const struct shape *, n ? n : 1);
	size_t keep_every = 1;
	for (int attempt = 0; attempt < 3; attempt++) {
		int style = attempt == 0 ? 0 : 1;
		keep_every = attempt == 2 ? 2 : 1;
		bool fits = true;
		double prev_right = -1e9;
		for (size_t r = 0; r < n; r++) {
			p->x.tick_text[r] = round_tick(c, ae->rounds[r].round, ae->rounds[r].date, style);
			sh[r] = chart_shape(c, p->x.tick_text[r], CHART_FONT, 0);
			if (r % keep_every)
				continue;
			double x = chart_x_of(p, p->x.ticks[r]);
			double l = x - sh[r]->width / 2, rt = x + sh[r]->width / 2;
			if (l < prev_right + 4 || l < bounds.x - 0.01 || rt > bounds.x + bounds.w + 0.01)
				fits = false;
			prev_right = rt;
		}
		if (fits)
			break;
	}
	for (size_t r = 0; r < n; r++) {
		double x = chart_x_of(p, p->x.ticks[r]);
		chart_segment(c, x, base, x, base + 3, CHART_AXIS, 0.6, CHART_DASH_SOLID);
		if (r % keep_every) {
			p->x.tick_text[r] = NULL;
			continue;
		}
		struct chart_anchor at = { x, base + 4, 0.5, 0 };
		if (chart_place(c, sh[r], p->x.tick_text[r], CHART_LABEL_TICK, CHART_MUTED_TEXT, &at, 1,
				bounds, 0) < 0)
			p->x.tick_text[r] = NULL;
	}
}

static void value_label(struct chart *c, const struct chart_panel *p, const char *text,
			enum chart_label_kind kind, enum font_role role, doc_rgb color, double x,
			double y, bool target_first)
{
	const struct shape *s = chart_shape(c, text, role, 0);
	double r = target_first ? 8 : 3.5;
	struct chart_anchor result_cands[] = {
		{ x, y - 5, 0.5, 1 }, { x, y + 5, 0.5, 0 },
		{ x + 5, y, 0, 0.5 }, { x - 5, y, 1, 0.5 },
		{ x + 4, y - 4, 0, 1 }, { x - 4, y - 4, 1, 1 },
		{ x + 4, y + 4, 0, 0 }, { x - 4, y + 4, 1, 0 },
	};
	struct chart_anchor target_cands[] = {
		{ x + r + 2, y, 0, 0.5 }, { x - r - 2, y, 1, 0.5 },
		{ x, y - 3, 0.5, 1 }, { x, y + 3, 0.5, 0 },
		{ x + r + 1, y - 2, 0, 1 }, { x + r + 1, y + 2, 0, 0 },
	};
	struct chart_rect bounds = { p->plot.x, p->frame.y, p->frame.x + p->frame.w - p->plot.x,
				     p->plot.y + p->plot.h - p->frame.y };
	if (target_first)
		chart_place(c, s, text, kind, color, target_cands,
			    sizeof target_cands / sizeof target_cands[0], bounds,
			    CHART_PLACE_BACKED | CHART_PLACE_NUDGE);
	else
		chart_place(c, s, text, kind, color, result_cands,
			    sizeof result_cands / sizeof result_cands[0], bounds,
			    CHART_PLACE_BACKED | CHART_PLACE_NUDGE);
}

static bool has_result(const struct audit_score_eval *se)
{
	return se->has_actual && se->state != EVAL_SCORE_NOT_YET;
}

static void panel(struct chart *c, struct chart_panel *p, const struct audit_eval *ae,
		  const struct audit_theme_eval *te, bool by_date, double title_h)
{
	struct arena *a = c->arena;
	const doc_rgb result_c = line_colour(CHART_BLUE), target_c = line_colour(CHART_VERMILLION);
	struct chart_rect bounds = { 0, 0, c->width, c->height };
	const struct audit_theme *th = te->theme;
	p->title = th->title ? th->title : th->ref ? th->ref : th->id;
	const char *title = th->ref && th->title ? chart_printf(a, "%s. %s", th->ref, th->title)
						 : p->title;
	const struct shape *ts = chart_shape_lines(c, title, CHART_FONT_BOLD, p->frame.w, 2);
	struct chart_anchor tat = { p->frame.x, p->frame.y, 0, 0 };
	chart_place(c, ts, ts->text, CHART_LABEL_TITLE, CHART_TEXT, &tat, 1, bounds, 0);

	const struct shape *probe = chart_shape(c, "100%", CHART_FONT, 0);
	double tick_h = probe->height;
	double top = p->frame.y + title_h + 4 + tick_h / 2;
	double bottom = p->frame.y + p->frame.h - tick_h - 4;
	double plot_h = bottom - top > 10 ? bottom - top : 10;
	int max_ticks = (int)(plot_h / 20) + 1;
	if (max_ticks > 6)
		max_ticks = 6;
	if (max_ticks < 3)
		max_ticks = 3;
	/* The axis is 0-100 % unless a result or target lies outside it. */
	double lo = 0, hi = 100;
	for (size_t r = 0; r < te->n_scores; r++) {
		const struct audit_score_eval *se = &te->scores[r];
		if (has_result(se)) {
			lo = fmin(lo, se->actual);
			hi = fmax(hi, se->actual);
		}
		if (se->has_target) {
			lo = fmin(lo, se->target);
			hi = fmax(hi, se->target);
		}
	}
	chart_nice_axis(lo, hi, max_ticks, false, true, &p->y);
	double left = p->frame.x + chart_y_label_width(c, &p->y, UNIT_PERCENT) + 5;
	p->plot = (struct chart_rect){ left, top, p->frame.x + p->frame.w - 4 - left, plot_h };

	size_t n = ae->n_rounds;
	p->x.n_ticks = n;
	p->x.ticks = arena_array(a, double, n ? n : 1);
	p->x.tick_text = arena_array(a, const char *, n ? n : 1);
	if (by_date) {
		p->x.time = true;
		double d0 = ae->rounds[0].date, d1 = ae->rounds[n - 1].date;
		double pad = (d1 - d0) * 0.1 > 20 ? (d1 - d0) * 0.1 : 20;
		p->x.min = d0 - pad;
		p->x.max = d1 + pad;
		for (size_t r = 0; r < n; r++)
			p->x.ticks[r] = ae->rounds[r].date;
	} else {
		p->x.min = -0.5;
		p->x.max = n ? (double)n - 0.5 : 0.5;
		for (size_t r = 0; r < n; r++)
			p->x.ticks[r] = (double)r;
	}
	chart_y_axis(c, p, UNIT_PERCENT);
	round_axis(c, p, ae);

	p->series = arena_array(a, struct chart_series, 2);
	p->n_series = 2;
	struct chart_series *res = &p->series[0], *tgt = &p->series[1];
	*res = (struct chart_series){ "Result", CHART_SERIES_ACTUAL, result_c, CHART_MARKER_CIRCLE,
				      CHART_DASH_SOLID, arena_array(a, struct chart_point, n ? n : 1),
				      n };
	*tgt = (struct chart_series){ "Target", CHART_SERIES_TARGET, target_c, CHART_MARKER_BAR,
				      CHART_DASH_SOLID, arena_array(a, struct chart_point, n ? n : 1),
				      n };
	/* Results joined in round order; a round without a result breaks the
	 * line rather than bridging a gap nobody measured. */
	double *xy = arena_array(a, double, 2 * (n + 1));
	size_t run = 0;
	for (size_t r = 0; r <= n; r++) {
		const struct audit_score_eval *se = r < n ? &te->scores[r] : NULL;
		if (se) {
			double x = chart_x_of(p, p->x.ticks[r]);
			bp_day day = ae->rounds[r].date;
			res->points[r] = (struct chart_point){ false, 0, day, 0, 0 };
			tgt->points[r] = (struct chart_point){ false, 0, day, 0, 0 };
			if (se->has_target)
				tgt->points[r] = (struct chart_point){ true, se->target, day, x,
								       chart_y_of(p, se->target) };
			if (has_result(se)) {
				res->points[r] = (struct chart_point){ true, se->actual, day, x,
								       chart_y_of(p, se->actual) };
				xy[2 * run] = x;
				xy[2 * run + 1] = res->points[r].y;
				run++;
				continue;
			}
		}
		chart_polyline(c, xy, run, result_c, 1.8, CHART_DASH_SOLID);
		run = 0;
	}
	for (size_t r = 0; r < n; r++)
		if (tgt->points[r].present)
			chart_marker(c, tgt->points[r].x, tgt->points[r].y, 6, CHART_MARKER_BAR, target_c,
				     false);
	for (size_t r = 0; r < n; r++)
		if (res->points[r].present)
			chart_marker(c, res->points[r].x, res->points[r].y, 6,
				     ae->rounds[r].round->baseline ? CHART_MARKER_SQUARE
								   : CHART_MARKER_CIRCLE,
				     result_c, false);
	for (size_t r = 0; r < n; r++)
		if (res->points[r].present)
			value_label(c, p, chart_format_value(a, res->points[r].value, UNIT_PERCENT, -1),
				    CHART_LABEL_VALUE, CHART_FONT, CHART_TEXT, res->points[r].x,
				    res->points[r].y, false);
	for (size_t r = 0; r < n; r++)
		if (tgt->points[r].present)
			value_label(c, p, chart_format_value(a, tgt->points[r].value, UNIT_PERCENT, -1),
				    CHART_LABEL_TARGET, CHART_FONT_ITALIC, target_c, tgt->points[r].x,
				    tgt->points[r].y, true);
}

static void data_table(struct chart *c, const struct audit_eval *ae)
{
	struct arena *a = c->arena;
	bool *with_target = arena_array(a, bool, ae->n_rounds + 1);
	size_t n_cols = 1;
	for (size_t r = 0; r < ae->n_rounds; r++) {
		for (size_t t = 0; t < ae->n_themes; t++)
			if (ae->themes[t].scores[r].has_target)
				with_target[r] = true;
		n_cols += with_target[r] ? 2 : 1;
	}
	struct chart_table *tb = &c->table;
	tb->n_cols = n_cols;
	tb->cap_rows = ae->n_themes;
	tb->head = arena_array(a, const char *, n_cols);
	tb->cells = arena_array(a, const char *, n_cols * (ae->n_themes ? ae->n_themes : 1));
	tb->head[0] = "Theme";
	size_t col = 1;
	for (size_t r = 0; r < ae->n_rounds; r++) {
		const struct audit_round *round = ae->rounds[r].round;
		const char *w = chart_round_words(a, round);
		if (with_target[r])
			tb->head[col++] = chart_printf(a, "%s target", w);
		tb->head[col++] = round->baseline ? chart_printf(a, "%s baseline", w)
						  : chart_printf(a, "%s result", w);
	}
	for (size_t t = 0; t < ae->n_themes; t++) {
		const struct audit_theme_eval *te = &ae->themes[t];
		const char **row = &tb->cells[t * n_cols];
		const struct audit_theme *th = te->theme;
		row[0] = th->ref && th->title ? chart_printf(a, "%s. %s", th->ref, th->title)
					      : th->title ? th->title : th->id;
		col = 1;
		for (size_t r = 0; r < ae->n_rounds; r++) {
			const struct audit_score_eval *se = &te->scores[r];
			if (with_target[r])
				row[col++] = se->has_target ? chart_format_value(a, se->target, UNIT_PERCENT, -1)
							    : "";
			row[col++] = has_result(se) ? chart_format_value(a, se->actual, UNIT_PERCENT, -1)
				     : se->state == EVAL_SCORE_MISSING ? "not recorded"
				     : se->state == EVAL_SCORE_NOT_YET ? "not yet"
				     : "";
		}
		tb->n_rows++;
	}
}

/* The audit restricted to themes [first, first + count), with the
 * rounds' counts redone for them. */
static const struct audit_eval *theme_subset(struct arena *a, const struct audit_eval *ae,
					     size_t first, size_t count)
{
	if (count == 0 || (first == 0 && count >= ae->n_themes))
		return ae;
	if (first > ae->n_themes)
		first = ae->n_themes;
	if (count > ae->n_themes - first)
		count = ae->n_themes - first;
	struct audit_eval *sub = arena_new(a, struct audit_eval);
	*sub = *ae;
	sub->themes = ae->themes + first;
	sub->n_themes = count;
	sub->rounds = arena_array(a, struct audit_round_eval, ae->n_rounds ? ae->n_rounds : 1);
	for (size_t r = 0; r < ae->n_rounds; r++) {
		struct audit_round_eval *re = &sub->rounds[r];
		*re = ae->rounds[r];
		re->met = re->below = re->missing = re->results = 0;
		for (size_t t = 0; t < count; t++) {
			const struct audit_score_eval *se = &sub->themes[t].scores[r];
			re->met += se->state == EVAL_SCORE_MET;
			re->below += se->state == EVAL_SCORE_BELOW;
			re->missing += se->state == EVAL_SCORE_MISSING;
			re->results += has_result(se);
		}
	}
	return sub;
}

struct chart *chart_audit(struct fonts *f, struct arena *a, const struct audit_eval *all,
			  const struct chart_options *o)
{
	const struct audit_eval *ae = theme_subset(a, all, o->theme_first, o->theme_count);
	double W = o->width > 0 ? o->width : AUDIT_W;
	size_t n = ae->n_themes;
	size_t cols = (size_t)((W - 2 * PAD + GAP_X) / (MIN_PANEL_W + GAP_X));
	if (cols > MAX_COLS)
		cols = MAX_COLS;
	if (cols < 1)
		cols = 1;
	if (cols > n && n > 0)
		cols = n;
	size_t rows = n ? (n + cols - 1) / cols : 0;

	/* The header's height is measured on a scratch chart first: the
	 * chart's own height depends on it. */
	struct chart *c = chart_new(f, a, CHART_AUDIT, W, 1e6);
	const struct audit *au = ae->audit;
	c->better = BETTER_HIGHER;
	c->title = o->title ? o->title : au->title ? au->title : au->id;
	if (ae != all && !o->title)
		c->title = chart_printf(a, "%s (themes %zu to %zu of %zu)", c->title,
					o->theme_first + 1, o->theme_first + n, all->n_themes);
	c->alt = chart_audit_alt(a, ae, c->title);
	data_table(c, ae);

	double y = PAD;
	struct chart_rect wide = { 0, 0, W, 1e6 };
	if (o->flags & CHART_SHOW_TITLE) {
		const struct shape *s = chart_shape_lines(c, c->title, CHART_FONT_BOLD, W - 2 * PAD, 2);
		struct chart_anchor at = { PAD, y, 0, 0 };
		chart_place(c, s, c->title, CHART_LABEL_TITLE, CHART_TEXT, &at, 1, wide, 0);
		y += s->height + 4;
	}
	double note_h;
	double note_w = chart_direction_note(c, BETTER_HIGHER, NULL, PAD, y, &note_h);
	const doc_rgb result_c = line_colour(CHART_BLUE), target_c = line_colour(CHART_VERMILLION);
	const char *measure = au->measure ? chart_printf(a, "Result (%s)", au->measure) : "Result";
	struct chart_legend_entry le[] = {
		{ .text = measure, .color = result_c, .line = true, .marker = CHART_MARKER_CIRCLE,
		  .role = CHART_FONT },
		{ .text = "Baseline", .color = result_c, .marker = CHART_MARKER_SQUARE,
		  .role = CHART_FONT },
		{ .text = "Target for the round", .color = target_c, .marker = CHART_MARKER_BAR,
		  .role = CHART_FONT_ITALIC },
	};
	double lh = 0;
	if (!(o->flags & CHART_NO_LEGEND))
		lh = chart_legend(c, le, sizeof le / sizeof le[0], PAD + note_w + 16, y,
				  W - 2 * PAD - note_w - 16);
	y += (lh > note_h ? lh : note_h) + 8;

	double panel_w = cols ? (W - 2 * PAD - (double)(cols - 1) * GAP_X) / (double)cols : W;
	double panel_h = PANEL_H;
	if (o->height > 0 && rows)
		panel_h = (o->height - y - PAD - (double)(rows - 1) * GAP_Y) / (double)rows;
	if (panel_h < 60)
		panel_h = 60;
	c->height = y + (double)rows * panel_h + (rows ? (double)(rows - 1) * GAP_Y : 0) + PAD;
	if (n == 0) {
		c->height = y + 30;
		const struct shape *s = chart_shape(c, "No themes to chart", CHART_FONT_ITALIC, 0);
		struct chart_anchor at = { PAD, y, 0, 0 };
		chart_place(c, s, s->text, CHART_LABEL_NOTE, CHART_MUTED_TEXT, &at, 1,
			    (struct chart_rect){ 0, 0, W, c->height }, 0);
		return c;
	}

	/* Titles take the same height in every panel, so the plots line up. */
	double title_h = 0;
	for (size_t t = 0; t < n; t++) {
		const struct audit_theme *th = ae->themes[t].theme;
		const char *title = th->ref && th->title ? chart_printf(a, "%s. %s", th->ref, th->title)
							 : th->title ? th->title : th->id;
		double h = chart_shape_lines(c, title, CHART_FONT_BOLD, panel_w, 2)->height;
		if (h > title_h)
			title_h = h;
	}
	bool by_date = dated_rounds(ae);
	c->n_panels = n;
	c->panels = arena_array(a, struct chart_panel, n);
	for (size_t t = 0; t < n; t++) {
		struct chart_panel *p = &c->panels[t];
		size_t row = t / cols, col = t % cols;
		p->frame = (struct chart_rect){ PAD + (double)col * (panel_w + GAP_X),
						y + (double)row * (panel_h + GAP_Y), panel_w, panel_h };
		panel(c, p, ae, &ae->themes[t], by_date, title_h);
	}
	return c;
}
