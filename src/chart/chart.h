/** Charts: audit trends, KPI lines, scorecard sparklines and bullets,
 *  status distributions and milestone timelines, measured when they are
 *  built and drawn later.
 *
 *  Each chart kind has a builder that takes evaluated data (eval/eval.h)
 *  and returns a struct chart: the computed geometry (plot areas, nice
 *  ticks, scaled points), every label already shaped with pango through
 *  the fonts context and placed so that no two labels overlap (a label
 *  that cannot be placed is dropped, never drawn over another), the
 *  drawing as a list of items, an alternative text written from the data
 *  in plain English, and a data table. chart_draw() then only draws: it
 *  is a doc_draw_fn, so a chart enters a pack as a figure whose
 *  alternative text is the chart's (chart_add_figure()). chart_write_svg()
 *  writes one chart as a standalone SVG with <title> and <desc>, for
 *  pasting into Word reports.
 *
 *  Nothing depends on colour alone: series differ in marker shape and line
 *  pattern as well as colour (Okabe-Ito palette, safe for colour-blind
 *  readers), reference lines and points are labelled directly, RAG ratings
 *  are printed as words, and status bars carry fill patterns. Text keeps a
 *  contrast of at least 4.5:1 with what is behind it. docs/charts.md
 *  describes each chart for the officers who read them.
 *
 *  Units: points, y downwards from the chart's top-left corner.
 *
 *  Ownership: a chart and everything in it are allocated from the arena
 *  given to its builder and live until that arena is released. A chart
 *  points into the evaluation and the plan it was built from and into the
 *  fonts it was measured with; all three must outlive it. Drawing uses the
 *  same struct fonts (its faces), so draw with the fonts used to build. */
#ifndef BP_CHART_H
#define BP_CHART_H

#include <stdbool.h>
#include <stddef.h>

#include <cairo.h>

#include "eval/eval.h"
#include "layout/doc.h"
#include "layout/fonts.h"
#include "layout/shape.h"
#include "model/date.h"
#include "model/model.h"

struct arena;
struct svgpost_buffer;

enum chart_kind {
	CHART_KPI,        /* a measure over time against target and benchmarks */
	CHART_AUDIT,      /* audit themes across rounds: small multiples */
	CHART_SPARKLINE,  /* a measure's actuals in a table cell */
	CHART_BULLET,     /* latest against target and baseline in a cell */
	CHART_STATUS,     /* stacked status bars per priority and for the plan */
	CHART_TIMELINE    /* milestones due in the coming months */
};

/** The Okabe-Ito palette (Okabe and Ito, "Color Universal Design", 2002):
 *  eight colours told apart with every common colour-vision deficiency. */
#define CHART_BLACK 0x000000u
#define CHART_ORANGE 0xE69F00u
#define CHART_SKY_BLUE 0x56B4E9u
#define CHART_BLUISH_GREEN 0x009E73u
#define CHART_YELLOW 0xF0E442u
#define CHART_BLUE 0x0072B2u
#define CHART_VERMILLION 0xD55E00u
#define CHART_REDDISH_PURPLE 0xCC79A7u

enum chart_marker {
	CHART_MARKER_NONE,
	CHART_MARKER_CIRCLE,
	CHART_MARKER_SQUARE,
	CHART_MARKER_TRIANGLE,
	CHART_MARKER_DIAMOND,
	CHART_MARKER_TRIANGLE_DOWN,
	CHART_MARKER_CROSS,
	CHART_MARKER_BAR          /* a short horizontal bar: audit targets */
};

enum chart_dash {
	CHART_DASH_SOLID,
	CHART_DASH_DASHED,
	CHART_DASH_DOTTED,
	CHART_DASH_DASH_DOT,
	CHART_DASH_LONG
};

/** Fills of status segments: a pattern as well as a colour. */
enum chart_fill {
	CHART_FILL_SOLID,
	CHART_FILL_HATCH,         /* diagonal lines / */
	CHART_FILL_BACK_HATCH,    /* diagonal lines \ */
	CHART_FILL_CROSS_HATCH,
	CHART_FILL_DOTS,
	CHART_FILL_HORIZONTAL
};

struct chart_rect {
	double x, y, w, h;
};

/** An axis. Value axes: min, max and the tick step in the data's unit,
 *  with ticks at whole multiples of step (1, 2, 2.5 or 5 times a power of
 *  ten). Time axes (time true): days (bp_day) with ticks on the first day
 *  of months, step in months. Category axes (audit rounds placed by
 *  order): ticks at 0, 1, 2 … */
struct chart_axis {
	bool time;
	double min, max;
	double step;
	int decimals;              /* of tick labels (value axes) */
	size_t n_ticks;
	double *ticks;
	const char **tick_text;    /* NULL where a label was left out */
};

/** A data point: its value and, when placed, its position. Missing values
 *  (TBC, not recorded, round still to come) have present false and are
 *  not drawn. */
struct chart_point {
	bool present;
	double value;
	bp_day day;                /* BP_DAY_NONE: undated */
	double x, y;               /* in the chart; meaningful when present */
};

enum chart_series_role {
	CHART_SERIES_ACTUAL,       /* KPI actuals, audit results, sparkline */
	CHART_SERIES_TARGET,       /* dated targets / the trajectory through them */
	CHART_SERIES_BASELINE,
	CHART_SERIES_BENCHMARK,
	CHART_SERIES_STATUS        /* timeline milestones of one status */
};

struct chart_series {
	const char *name;          /* as in the legend: "Actual", "England" */
	enum chart_series_role role;
	doc_rgb color;
	enum chart_marker marker;
	enum chart_dash dash;
	struct chart_point *points;
	size_t n_points;
};

/** One plot: the KPI chart has one, the audit chart one per theme. */
struct chart_panel {
	const char *title;         /* the audit theme; NULL for the KPI chart */
	struct chart_rect frame;   /* the panel with its title and axes */
	struct chart_rect plot;    /* where data is drawn */
	struct chart_axis x, y;
	struct chart_series *series;
	size_t n_series;
};

enum chart_label_kind {
	CHART_LABEL_TITLE,
	CHART_LABEL_NOTE,          /* direction of improvement, latest status */
	CHART_LABEL_LEGEND,
	CHART_LABEL_TICK,
	CHART_LABEL_AXIS_TITLE,
	CHART_LABEL_VALUE,         /* a point's value */
	CHART_LABEL_TARGET,        /* a target's value */
	CHART_LABEL_REFERENCE,     /* a baseline or benchmark line's name */
	CHART_LABEL_CATEGORY,      /* a bar's row name, a milestone */
	CHART_LABEL_STATUS         /* a RAG word on its colour */
};

/** A text placed in the chart: box (x, y, w, h) holds the shaped text
 *  from its top-left corner. No two labels' boxes overlap. */
struct chart_label {
	enum chart_label_kind kind;
	const char *text;
	const struct shape *shape;
	double x, y, w, h;
	doc_rgb color;             /* contrast with the fill behind it >= 4.5 */
	bool backed;               /* drawn on a box (hides lines under it) */
	doc_rgb back;              /* the box's colour when backed */
	double pad;                /* the box's margin around the text */
};

enum chart_item_kind {
	CHART_ITEM_LINE,           /* polyline */
	CHART_ITEM_RECT,
	CHART_ITEM_MARKER,
	CHART_ITEM_ARROW           /* direction of improvement */
};

/** A drawing operation; chart_draw() runs them in order, then draws every
 *  label on top (labels never overlap, so their order does not matter). */
struct chart_item {
	enum chart_item_kind kind;
	doc_rgb color;             /* stroke, or fill of RECT and MARKER */
	double width;              /* stroke width */
	enum chart_dash dash;
	union {
		struct {
			const double *xy;   /* n (x, y) pairs */
			size_t n;
		} line;
		struct {
			struct chart_rect r;
			enum chart_fill fill;
			doc_rgb ink;        /* the pattern's lines or dots */
			bool stroke;        /* outline in color */
			doc_rgb outline;
		} rect;
		struct {
			double x, y, size;  /* centre; size across */
			enum chart_marker shape;
			bool hollow;        /* white inside, outlined */
		} marker;
		struct {
			double x, y, len;   /* tail at (x, y) */
			bool up;
		} arrow;
	} u;
};

/** A segment of a status bar. */
struct chart_bar {
	size_t row;                /* index of the bar, top first */
	size_t category;           /* index into the chart's status categories */
	size_t count;
	struct chart_rect r;
};

/** A table of the chart's data, for the optional table under a figure.
 *  cells[row * n_cols + col]; the first column heads its row. */
struct chart_table {
	size_t n_cols, n_rows, cap_rows;
	const char **head;
	const char **cells;
};

struct chart {
	enum chart_kind kind;
	struct fonts *fonts;
	struct arena *arena;
	double width, height;
	const char *title;         /* the accessible name (SVG <title>) */
	const char *alt;           /* the alternative text, from the data */
	enum measure_better better;
	const char *direction;     /* "Higher is better" as shown; NULL: none */
	struct chart_panel *panels;
	size_t n_panels;
	struct chart_bar *bars;
	size_t n_bars;
	struct chart_label *labels;
	size_t n_labels, cap_labels;
	size_t dropped_labels;     /* labels left out to avoid an overlap */
	struct chart_item *items;
	size_t n_items, cap_items;
	/* Marks labels keep clear of: markers, bars, the RAG box … */
	struct chart_rect *obstacles;
	size_t n_obstacles, cap_obstacles;
	struct chart_table table;
};

enum {
	CHART_SHOW_TITLE = 1 << 0,   /* print the title at the top of the chart */
	CHART_NO_LEGEND = 1 << 1
};

/** What every builder accepts. */
struct chart_options {
	double width, height;   /* points; 0: the kind's default (see below) */
	bp_day as_at;           /* the report date: actuals after it are left
				   out; BP_DAY_NONE: every actual is shown */
	const char *title;      /* NULL: from the data (the measure's name …) */
	unsigned flags;
	/* The audit chart: themes [theme_first, theme_first + theme_count)
	 * only (count 0: all), to split a long audit over several pages. */
	size_t theme_first, theme_count;
};

/** Default sizes: KPI 380 x 250 (two fit across, or one in half of a
 *  landscape A4 page); audit 760 wide, 150 per row of panels; sparkline
 *  80 x 18; bullet 120 x 18; status 500 wide, 22 per bar; timeline 760
 *  wide, 16 per lane. */
void chart_options_init(struct chart_options *o);

/** A measure's (or an action metric's) actuals over time, the target
 *  trajectory through its dated targets (linear or step, as the measure
 *  says), the baseline and the benchmarks in force, axes in the measure's
 *  unit, and which way is better. me->measure or me->metric must be set. */
struct chart *chart_kpi(struct fonts *f, struct arena *a, const struct measure_eval *me,
			const struct chart_options *o);

/** An audit's themes: % judged good at the baseline and each round, the
 *  target for each round marked, a 0-100 % axis, points labelled; one
 *  small panel per theme in a grid (four to a row on landscape A4; a
 *  given height is shared by the rows, at least 60 points each). */
struct chart *chart_audit(struct fonts *f, struct arena *a, const struct audit_eval *ae,
			  const struct chart_options *o);

/** A measure's actuals as a line with its latest point marked and the
 *  target trajectory dashed, to fit a scorecard cell. */
struct chart *chart_sparkline(struct fonts *f, struct arena *a, const struct measure_eval *me,
			      const struct chart_options *o);

/** The latest actual as a bar against the target (a tall tick) and the
 *  baseline (a short tick), to fit a scorecard cell. */
struct chart *chart_bullet(struct fonts *f, struct arena *a, const struct measure_eval *me,
			   const struct chart_options *o);

/** One bar of the status chart: a priority's counts, or the plan's. */
struct chart_status_row {
	const char *label;
	const struct eval_counts *counts;
	bool total;             /* the plan as a whole: set apart, in bold */
};

/** Statuses are grouped for the bars; chart_status_category() says into
 *  which. */
enum chart_status_category {
	CHART_STATUS_DONE,          /* done, done late */
	CHART_STATUS_ON_TRACK,      /* on track, ongoing, recurring */
	CHART_STATUS_DUE_SOON,
	CHART_STATUS_OVERDUE,
	CHART_STATUS_NOT_STARTED,
	CHART_STATUS_NO_DATE,       /* no date, TBC */
	CHART_STATUS_CATEGORY_COUNT
};
enum chart_status_category chart_status_category(enum eval_status s);
/** "Done", "On track" … */
const char *chart_status_category_name(enum chart_status_category c);

/** Actions by computed status: a 100 % stacked bar per row, each segment
 *  labelled with its count where it fits, the row's total at its end. */
struct chart *chart_status(struct fonts *f, struct arena *a, const struct chart_status_row *rows,
			   size_t n_rows, const struct chart_options *o);

/** A milestone for the timeline. */
struct chart_milestone {
	const char *ref;        /* the action's ref, or NULL */
	const char *text;       /* what is due, short */
	bp_day due;
	enum eval_status status;
};

/** Milestones of ev due from `from` to `to` (inclusive) and not done, in
 *  due order; *out is allocated from a. */
size_t chart_milestones_due(const struct plan_eval *ev, bp_day from, bp_day to,
			    struct arena *a, struct chart_milestone **out);

/** Milestones on a month axis starting at the month of `from` for
 *  `months` months; marker shape by status, each labelled where room
 *  allows (lanes are added as needed, up to what the height allows). */
struct chart *chart_timeline(struct fonts *f, struct arena *a, const struct chart_milestone *ms,
			     size_t n, bp_day from, int months, const struct chart_options *o);

/** Draws the chart into (0, 0)-(width, height) of cr, scaled to fit and
 *  centred, on a white ground. A doc_draw_fn: user is the struct chart.
 *  Deterministic: the same chart always draws the same. */
void chart_draw(cairo_t *cr, double width, double height, void *user);

/** Renders the chart as an SVG (cairo, then svgpost: prefixed ids, the
 *  chart's title and alternative text as <title> and <desc>) into out,
 *  which must be empty. id_prefix as for svgpost ("chart-3"). Returns 0,
 *  or -1 after reporting through error(). */
int chart_svg(const struct chart *c, const char *id_prefix, struct svgpost_buffer *out);

/** chart_svg() written to path through a temporary file renamed into
 *  place, so a failed run never leaves a partial file. */
int chart_write_svg(const struct chart *c, const char *path, const char *id_prefix);

/** Adds the chart to a section as a figure with the chart's alternative
 *  text (and caption, when not NULL). */
struct doc_figure *chart_add_figure(struct doc_section *s, const struct chart *c,
				    const char *caption);

/** Adds the chart's data table to a section. */
struct doc_table *chart_add_table(struct doc_section *s, const struct chart *c);

/* ---- helpers with their own tests ---------------------------------- */

/** A nice value axis for data from lo to hi with at most max_ticks ticks:
 *  step 1, 2, 2.5 or 5 times a power of ten (integer_steps: no step below
 *  1 and no 2.5; for counts and days), min and max whole multiples of the
 *  step covering the data. Equal values get room around them; a percent
 *  axis whose data lies within 0-100 stays within it. */
void chart_nice_axis(double lo, double hi, int max_ticks, bool integer_steps, bool percent,
		     struct chart_axis *out);

/** A value in its unit as a board member reads it: "48%", "£2,000",
 *  "12.5 per 10,000", "35 days". decimals < 0: as many as the value needs
 *  (up to 2, more for values below 0.01). */
const char *chart_format_value(struct arena *a, double v, enum measure_unit unit, int decimals);

/** A date as written, in words: "30 Sep 2023" for a day, "October 2023"
 *  for a month, the text as written for quarters, terms and years. */
const char *chart_when_words(struct arena *a, const struct when_text *w);

#endif
