/* Shared between the files of the chart module only: building a chart's
 * items and labels, placing labels without overlap, formatting. */
#ifndef BP_CHART_INTERNAL_H
#define BP_CHART_INTERNAL_H

#include <stdarg.h>

#include "base/arena.h"
#include "base/strbuf.h"
#include "chart/chart.h"

/* Colours of the chart's furniture. Text is dark enough for 4.5:1 on
 * white and on the light grid. */
#define CHART_TEXT 0x1F1F1Fu
#define CHART_MUTED_TEXT 0x505050u
#define CHART_AXIS 0x595959u
#define CHART_GRID 0xDDDDDDu
#define CHART_TRACK 0xE8E8E8u
#define CHART_WHITE 0xFFFFFFu

/* Text styles (fonts.h roles): tick and value labels, titles, and the
 * italic used for targets. */
#define CHART_FONT FONT_TABLE
#define CHART_FONT_BOLD FONT_TABLE_BOLD
#define CHART_FONT_ITALIC FONT_SMALL

/* Room kept between two labels, and between a label and a marker. */
#define CHART_LABEL_GAP 1.0

/* ---- building (build.c) ------------------------------------------------ */

struct chart *chart_new(struct fonts *f, struct arena *a, enum chart_kind kind,
			double width, double height);

struct chart_item *chart_item(struct chart *c, enum chart_item_kind kind);
/* A polyline of n points (copied). */
void chart_polyline(struct chart *c, const double *xy, size_t n, doc_rgb color, double width,
		    enum chart_dash dash);
void chart_segment(struct chart *c, double x0, double y0, double x1, double y1, doc_rgb color,
		   double width, enum chart_dash dash);
void chart_fill_rect(struct chart *c, struct chart_rect r, doc_rgb color);
/* A marker; it also becomes an obstacle labels keep clear of. */
void chart_marker(struct chart *c, double x, double y, double size, enum chart_marker shape,
		  doc_rgb color, bool hollow);

/* Shapes text on one line (wrap <= 0) or wrapped to wrap points. */
const struct shape *chart_shape(struct chart *c, const char *text, enum font_role role,
				double wrap);
/* Shapes text wrapped to wrap points in at most max_lines lines; text
 * that does not fit is cut after a word (or, for one long word, inside
 * it) and ends with an ellipsis. */
const struct shape *chart_shape_lines(struct chart *c, const char *text, enum font_role role,
				      double wrap, uint32_t max_lines);

/* Where a label may go: the point (x, y) of the box given by ax, ay (0
 * left or top, 0.5 centre, 1 right or bottom) sits on (x, y). */
struct chart_anchor {
	double x, y;
	double ax, ay;
};

enum {
	CHART_PLACE_BACKED = 1 << 0,   /* a box behind the text (white unless set) */
	CHART_PLACE_NUDGE = 1 << 1     /* try small vertical moves too */
};

/* Places a shaped label at the first candidate whose box lies within
 * bounds and overlaps no label and no obstacle; returns the label's index,
 * or -1 when every candidate fails (the label is dropped and counted). */
long chart_place(struct chart *c, const struct shape *s, const char *text,
		 enum chart_label_kind kind, doc_rgb color, const struct chart_anchor *cands,
		 size_t n_cands, struct chart_rect bounds, unsigned flags);
/* Marks a region labels must keep clear of. */
void chart_obstacle(struct chart *c, struct chart_rect r);

/* Lays out a legend of n entries in rows from (x, y) within width w;
 * returns the height used. */
struct chart_legend_entry {
	const char *text;
	doc_rgb color;
	enum chart_dash dash;       /* line sample; with line false: none */
	bool line;
	enum chart_marker marker;
	bool hollow;
	enum chart_fill fill;       /* swatch instead of line (status bars) */
	bool swatch;
	doc_rgb ink;
	enum font_role role;
};
double chart_legend(struct chart *c, const struct chart_legend_entry *e, size_t n, double x,
		    double y, double w);

/* The note saying which way is better at (x, y), with an arrow when it
 * is higher or lower ("Closer to England is better" for a measure kept in
 * line with in_line_ref; a plain statement when the plan does not say).
 * Sets c->direction and *height; returns the width used. */
double chart_direction_note(struct chart *c, enum measure_better better, const char *in_line_ref,
			    double x, double y, double *height);

/* Draws the y axis (grid lines and tick labels) of a panel whose plot and
 * y axis are set; labels right-aligned left of the plot. */
void chart_y_axis(struct chart *c, struct chart_panel *p, enum measure_unit unit);
/* Fills a value axis's ticks and their labels in unit (once). */
void chart_axis_ticks(struct chart *c, struct chart_axis *ax, enum measure_unit unit);
/* The widest tick label the y axis will have. */
double chart_y_label_width(struct chart *c, const struct chart_axis *ax, enum measure_unit unit);

/* Value → y within a panel's plot; day → x. */
double chart_y_of(const struct chart_panel *p, double v);
double chart_x_of(const struct chart_panel *p, double x);

/* ---- scales (scale.c) -------------------------------------------------- */

/* Month ticks between d0 and d1 every step months (1, 2, 3, 6, 12, 24,
 * 60): on the first days of months (Jan, Apr … for quarters) or, with
 * ends, on the last days (Mar, Jun … for quarters). */
size_t chart_month_ticks(bp_day d0, bp_day d1, int step, bool ends, struct arena *a,
			 double **out);

/* Chooses a time axis for [d0, d1] drawn over width points: the smallest
 * month step whose labels fit side by side; sets ax (ticks and their
 * texts). */
void chart_time_axis(struct chart *c, bp_day d0, bp_day d1, double width, struct chart_axis *ax);

/* ---- words (format.c) -------------------------------------------------- */

const char *chart_printf(struct arena *a, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Appends v with thousands separators and the given decimals (< 0:
 * automatic). */
void chart_add_number(struct strbuf *sb, double v, int decimals);
/* A difference in words: "13 percentage points", "2.5 per 10,000". */
const char *chart_format_delta(struct arena *a, double d, enum measure_unit unit);
/* "30 Sep 2023". */
const char *chart_day_words(struct arena *a, bp_day d);
/* "30 Sep". */
const char *chart_day_month(struct arena *a, bp_day d);
/* A day as a month label: "Apr 2023" (style 0), "Apr 23" (1), "2023" (2). */
const char *chart_month_label(struct arena *a, bp_day d, int style);
/* The words for an eval_point: its source's date as written, else its
 * day; NULL when undated. */
const char *chart_point_words(struct arena *a, const struct eval_point *p);
/* "a", "a and b", "a, b and c" (conj "and" or "or"). */
const char *chart_join(struct arena *a, const char *const *items, size_t n, const char *conj);
/* "Higher is better." and friends. */
const char *chart_better_sentence(enum measure_better b);
/* "green" … with a capital when cap. */
const char *chart_rag_word(enum eval_rag r, bool cap);
doc_rgb chart_rag_colour(enum eval_rag r);
/* The day a when falls on for charting: a period counts at its last day,
 * as evaluation counts it. */
bp_day chart_when_day(const struct when *w);
/* text cut at a word boundary to at most max bytes, with "…". */
const char *chart_short_text(struct arena *a, const char *text, size_t max);
/* Copies s with its first letter upper-cased, or lower-cased (ASCII):
 * "On track" after a number reads "3 on track". */
const char *chart_capitalise(struct arena *a, const char *s);
const char *chart_lower_first(struct arena *a, const char *s);

/* ---- a measure's data (series.c) --------------------------------------- */

/* A value of a measure as charted: present false for TBC, n/a or not
 * given (missing says which). */
struct chart_value {
	bool present;
	double v;
	bp_day day;               /* BP_DAY_NONE: undated */
	const char *when;         /* the date in words, or NULL */
	const char *missing;      /* "TBC", "n/a", "not given" */
};

struct chart_bench {
	const char *name;         /* "England" */
	const char *short_name;   /* for labels: "Stat. neighbours" */
	const char *words;        /* in a sentence: "the statistical neighbours' average" */
	double v;
	const char *when;
	enum benchmark_kind kind;
	enum eval_trend position; /* latest against it */
};

/* What the KPI chart, the sparkline and the bullet draw and describe,
 * from a measure or an action's metric. */
struct chart_kpi_data {
	const char *name, *code;
	enum measure_unit unit;
	enum measure_better better;
	enum measure_trajectory trajectory;
	struct chart_value *actuals;   /* dated, known at the report date, by day */
	size_t n_actuals, n_present;
	struct chart_value *targets;   /* numeric and dated, by day */
	size_t n_targets;
	const char **target_gaps;      /* "the target for March 2024 is TBC" */
	size_t n_target_gaps;
	struct chart_value *missing_targets;  /* TBC or empty targets, as written */
	size_t n_missing_targets;
	struct chart_value standing;   /* an undated numeric target */
	struct chart_value baseline;   /* present: numeric (day may be NONE) */
	bool has_baseline;             /* a baseline is given at all */
	struct chart_bench *bench;
	size_t n_bench;
	const struct measure_eval *me;
};

void chart_kpi_data(struct arena *a, const struct measure_eval *me, bp_day as_at,
		    struct chart_kpi_data *out);
/* The last present actual, or NULL. */
const struct chart_value *chart_kpi_latest(const struct chart_kpi_data *d);
/* The target trajectory as (day, value) points across [d0, d1]: linear or
 * step through the targets, from the baseline when it is dated before the
 * first; *n points into *out (arena). Returns false when there is no
 * target. */
bool chart_kpi_trajectory(struct arena *a, const struct chart_kpi_data *d, double d0, double d1,
			  double **out, size_t *n);

/* The alternative texts, one file per kind. */
const char *chart_kpi_alt(struct arena *a, const struct chart_kpi_data *d, const char *kind_words);
const char *chart_audit_alt(struct arena *a, const struct audit_eval *ae, const char *title);

/* An audit round in a sentence: "October 2023", else its label (audit.c). */
const char *chart_round_words(struct arena *a, const struct audit_round *round);

/* ---- data tables (figure.c) ------------------------------------------ */

/* Starts the chart's data table: n_cols column headings (const char *)
 * follow; at most n_rows_max rows. */
void chart_table_init(struct chart *c, size_t n_cols, size_t n_rows_max, ...);
/* Adds a row: n_cols cells (const char *, NULL for empty) follow. */
void chart_table_row(struct chart *c, ...);

#endif
