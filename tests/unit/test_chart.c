/* Charts built from hand-made evaluations: geometry (every point inside
 * its plot, nice ticks covering the data, no two labels overlapping, no
 * label outside the chart), lower-is-better shown, missing values left
 * out rather than drawn at zero, the alternative text for the Blackpool
 * practice-obsessions audit, SVG that parses with <title> and <desc>, and
 * identical bytes from two renders.
 *
 * The data is the Blackpool plan's audit table (seeds/000) as published,
 * plus clearly synthetic measures. With BOARDPACK_TEST_KEEP_DIR set, each
 * chart is also written there as SVG and PNG to look at. */
#include <cairo.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "base/arena.h"
#include "base/diag.h"
#include "chart/chart.h"
#include "layout/contrast.h"
#include "layout/doc.h"
#include "layout/fonts.h"
#include "render/svgpost.h"
#include "unit.h"

static struct arena A;
static struct fonts F;

/* ---- data ----------------------------------------------------------- */

static bp_day ymd(int y, int m, int d)
{
	return day_from_ymd(y, m, d);
}

static void parse_when(struct when_text *w, const char *text)
{
	struct when_context ctx = { BP_DAY_NONE };
	memset(w, 0, sizeof *w);
	w->text = text;
	w->when = &when_empty;
	if (text) {
		struct when *parsed = arena_new(&A, struct when);
		when_parse(text, &ctx, parsed);
		w->when = parsed;
	}
}

static struct value value_of(const char *text)
{
	struct value v = { VALUE_NONE, text, 0 };
	if (!text)
		return v;
	if (strcmp(text, "TBC") == 0) {
		v.kind = VALUE_TBC;
		return v;
	}
	char digits[64];
	size_t n = 0;
	for (const char *p = text; *p && n + 1 < sizeof digits; p++)
		if ((*p >= '0' && *p <= '9') || *p == '.' || *p == '-')
			digits[n++] = *p;
	digits[n] = '\0';
	v.kind = VALUE_NUMBER;
	v.number = strtod(digits, NULL);
	return v;
}

static struct dated_value *dv(const char *value, const char *date)
{
	struct dated_value *d = arena_new(&A, struct dated_value);
	d->value = value_of(value);
	parse_when(&d->date, date);
	return d;
}

static bp_day when_day(const struct when_text *w)
{
	return w->text ? when_due(w->when) : BP_DAY_NONE;
}

static struct eval_point point_of(const struct dated_value *d)
{
	struct eval_point p = { d && d->value.kind == VALUE_NUMBER, d ? d->value.number : 0,
				d ? when_day(&d->date) : BP_DAY_NONE, d };
	return p;
}

/* A measure with its evaluation filled in the way eval documents it. */
struct kpi {
	struct measure m;
	struct measure_eval me;
};

static struct kpi *kpi_new(const char *code, const char *name, enum measure_unit unit,
			   enum measure_better better)
{
	struct kpi *k = arena_new(&A, struct kpi);
	k->m.code = code;
	k->m.name = name;
	k->m.unit = unit;
	k->m.better = better;
	k->me.measure = &k->m;
	return k;
}

static void kpi_actual(struct kpi *k, const char *value, const char *date)
{
	struct dated_value *d = dv(value, date);
	dated_value_vec_push(&A, &k->m.actuals, d);
	if (d->value.kind == VALUE_NUMBER)
		k->me.latest = point_of(d);
}

static void kpi_target(struct kpi *k, const char *value, const char *date)
{
	dated_value_vec_push(&A, &k->m.targets, dv(value, date));
}

static void kpi_baseline(struct kpi *k, const char *value, const char *date)
{
	k->m.baseline = dv(value, date);
	k->me.baseline = point_of(k->m.baseline);
}

static void kpi_bench(struct kpi *k, enum benchmark_kind kind, const char *value,
		      enum eval_trend position)
{
	struct dated_value *d = dv(value, NULL);
	d->bench_kind = kind;
	dated_value_vec_push(&A, &k->m.benchmarks, d);
	struct eval_benchmark *b = arena_grow(&A, k->me.benchmarks, k->me.n_benchmarks,
					      k->me.n_benchmarks + 1, sizeof *b);
	b[k->me.n_benchmarks] = (struct eval_benchmark){ d, 0, position, "" };
	k->me.benchmarks = b;
	k->me.n_benchmarks++;
}

static void kpi_rag(struct kpi *k, double target, enum eval_rag rag)
{
	k->me.target_now = (struct eval_point){ true, target, BP_DAY_NONE, NULL };
	k->me.rag_reference = k->me.target_now;
	k->me.rag = rag;
}

/* The Blackpool practice-obsessions audit (seeds/000, "How audit drives
 * our practice obsessions"): baseline April 2023, targets for the rounds
 * of October 2023, March 2024 and October 2024, outcomes not yet filled
 * in. */
static const struct {
	const char *ref, *title;
	double baseline, targets[3];
} obsessions[] = {
	{ "4", "Timely Analytical and Comprehensive Assessments", 48, { 60, 70, 70 } },
	{ "6", "Timely and Effective Plans", 39, { 50, 65, 70 } },
	{ "5", "Effective Co-ordination between agencies", 55, { 60, 75, 80 } },
	{ "8", "Regular and Timely Reviews", 39, { 50, 65, 70 } },
	{ "2", "Child Centred Work", 39, { 50, 65, 70 } },
	{ "10", "Improving outcomes for children", 34, { 50, 60, 70 } },
	{ "3", "Effective Management oversight", 30, { 50, 65, 80 } },
	{ NULL, "Overall Grade", 29, { 50, 60, 70 } },
};
#define N_THEMES (sizeof obsessions / sizeof obsessions[0])

/* A result for a theme in a round: < 0 for none. */
struct audit_fixture {
	struct audit au;
	struct audit_eval ae;
};

static void score(struct audit_score_eval *se, struct audit_round_eval *re,
		  const struct audit_round *r, double actual, bool has_target, double target,
		  bp_day as_at)
{
	memset(se, 0, sizeof *se);
	se->round = r;
	se->has_target = has_target;
	se->target = target;
	bool over = when_day(&r->date) <= as_at;
	if (actual < 0 || !over) {
		se->state = over ? EVAL_SCORE_MISSING : EVAL_SCORE_NOT_YET;
		if (over)
			re->missing++;
		return;
	}
	se->has_actual = true;
	se->actual = actual;
	re->results++;
	if (r->baseline) {
		se->state = EVAL_SCORE_BASELINE;
	} else if (!has_target) {
		se->state = EVAL_SCORE_RESULT;
	} else if (actual >= target) {
		se->state = EVAL_SCORE_MET;
		se->rag = EVAL_RAG_GREEN;
		se->gap = actual - target;
		re->met++;
	} else {
		se->state = EVAL_SCORE_BELOW;
		se->rag = EVAL_RAG_RED;
		se->gap = actual - target;
		re->below++;
	}
}

/* results[t][r] for the three rounds after the baseline (< 0: none). */
static struct audit_fixture *blackpool_audit(bp_day as_at, double (*results)[3], size_t n_themes)
{
	static const char *const dates[] = { "April 2023", "Oct 2023", "March 2024", "Oct 2024" };
	static const char *const labels[] = { "Baseline April 2023", "Audit in Oct 2023",
					      "Audit in March 2024", "Audit in Oct 2024" };
	struct audit_fixture *fx = arena_new(&A, struct audit_fixture);
	struct audit *au = &fx->au;
	au->id = "practice-obsessions";
	au->title = "How audit drives our practice obsessions";
	au->measure = "% identified as good in audit";
	for (int r = 0; r < 4; r++) {
		struct audit_round *round = arena_new(&A, struct audit_round);
		round->id = labels[r];
		round->label = labels[r];
		parse_when(&round->date, dates[r]);
		round->baseline = r == 0;
		audit_round_vec_push(&A, &au->rounds, round);
	}
	struct audit_eval *ae = &fx->ae;
	ae->audit = au;
	ae->n_rounds = 4;
	ae->rounds = arena_array(&A, struct audit_round_eval, 4);
	for (int r = 0; r < 4; r++) {
		ae->rounds[r].round = au->rounds.items[r];
		ae->rounds[r].date = when_day(&au->rounds.items[r]->date);
		ae->rounds[r].held = ae->rounds[r].date <= as_at;
	}
	ae->n_themes = n_themes;
	ae->themes = arena_array(&A, struct audit_theme_eval, n_themes);
	for (size_t t = 0; t < n_themes; t++) {
		struct audit_theme *th = arena_new(&A, struct audit_theme);
		size_t src = t % N_THEMES;
		th->ref = obsessions[src].ref;
		th->title = obsessions[src].title;
		th->id = th->title;
		audit_theme_vec_push(&A, &au->themes, th);
		struct audit_theme_eval *te = &ae->themes[t];
		te->theme = th;
		te->n_scores = 4;
		te->scores = arena_array(&A, struct audit_score_eval, 4);
		score(&te->scores[0], &ae->rounds[0], au->rounds.items[0], obsessions[src].baseline,
		      false, 0, as_at);
		for (int r = 1; r < 4; r++)
			score(&te->scores[r], &ae->rounds[r], au->rounds.items[r],
			      results ? results[t][r - 1] : -1, true, obsessions[src].targets[r - 1],
			      as_at);
	}
	return fx;
}

/* ---- checks ----------------------------------------------------------- */

static bool rect_overlap(double ax, double ay, double aw, double ah, double bx, double by,
			 double bw, double bh)
{
	return ax < bx + bw && bx < ax + aw && ay < by + bh && by < ay + ah;
}

/* No two labels overlap; every label lies within the chart; every label
 * has shaped text. */
static void check_labels(const struct chart *c, const char *what)
{
	size_t overlaps = 0, outside = 0, empty = 0, faint = 0;
	const struct chart_label *first_a = NULL, *first_b = NULL;
	for (size_t i = 0; i < c->n_labels; i++) {
		const struct chart_label *l = &c->labels[i];
		if (contrast_ratio(l->color, l->backed ? l->back : 0xFFFFFF) < CONTRAST_MIN)
			faint++;
		if (!l->shape || !(l->w > 0) || !(l->h > 0))
			empty++;
		if (l->x < -1e-6 || l->y < -1e-6 || l->x + l->w > c->width + 1e-6 ||
		    l->y + l->h > c->height + 1e-6)
			outside++;
		for (size_t j = i + 1; j < c->n_labels; j++) {
			const struct chart_label *m = &c->labels[j];
			if (rect_overlap(l->x, l->y, l->w, l->h, m->x, m->y, m->w, m->h)) {
				if (!overlaps++) {
					first_a = l;
					first_b = m;
				}
			}
		}
	}
	CHECK(overlaps == 0, "%s: no two of %zu labels overlap (first: '%s' and '%s')", what,
	      c->n_labels, first_a ? first_a->text : "", first_b ? first_b->text : "");
	CHECK(outside == 0, "%s: every label lies inside the %gx%g chart (%zu outside)", what,
	      c->width, c->height, outside);
	CHECK(empty == 0, "%s: every label has shaped text", what);
	CHECK(faint == 0, "%s: every label has a contrast of 4.5:1 with its ground (%zu below)",
	      what, faint);
}

static void check_points(const struct chart *c, const char *what)
{
	size_t n = 0, out = 0;
	for (size_t p = 0; p < c->n_panels; p++) {
		const struct chart_panel *pn = &c->panels[p];
		const struct chart_rect r = pn->plot;
		for (size_t s = 0; s < pn->n_series; s++)
			for (size_t i = 0; i < pn->series[s].n_points; i++) {
				const struct chart_point *pt = &pn->series[s].points[i];
				if (!pt->present)
					continue;
				n++;
				if (pt->x < r.x - 1e-6 || pt->x > r.x + r.w + 1e-6 || pt->y < r.y - 1e-6 ||
				    pt->y > r.y + r.h + 1e-6 || !isfinite(pt->x) || !isfinite(pt->y))
					out++;
			}
	}
	CHECK(out == 0, "%s: all %zu points lie inside their plot area (%zu outside)", what, n, out);
}

static bool nice_step(double step)
{
	if (!(step > 0))
		return false;
	double e = floor(log10(step) + 1e-9);
	double m = step / pow(10, e);
	return fabs(m - 1) < 1e-6 || fabs(m - 2) < 1e-6 || fabs(m - 2.5) < 1e-6 ||
	       fabs(m - 5) < 1e-6 || fabs(m - 10) < 1e-6;
}

/* The value axis has nice ticks covering [lo, hi], labelled in order. */
static void check_value_axis(const struct chart_axis *ax, double lo, double hi, const char *what)
{
	CHECK(nice_step(ax->step), "%s: tick step %g is nice", what, ax->step);
	CHECK(ax->min <= lo + 1e-9 && ax->max >= hi - 1e-9, "%s: axis [%g, %g] covers [%g, %g]",
	      what, ax->min, ax->max, lo, hi);
	bool multiples = ax->ticks != NULL, texts = ax->ticks != NULL;
	for (size_t i = 0; ax->ticks && i < ax->n_ticks; i++) {
		double k = ax->ticks[i] / ax->step;
		if (fabs(k - round(k)) > 1e-6)
			multiples = false;
		if (i > 0 && !(ax->ticks[i] > ax->ticks[i - 1]))
			multiples = false;
		if (ax->tick_text && !ax->tick_text[i] && i == 0)
			texts = false;
	}
	CHECK(multiples, "%s: ticks are increasing multiples of the step", what);
	CHECK(texts, "%s: the ticks are labelled", what);
}

static bool has_label(const struct chart *c, const char *text)
{
	for (size_t i = 0; i < c->n_labels; i++)
		if (strcmp(c->labels[i].text, text) == 0)
			return true;
	return false;
}

static const struct chart_series *series_named(const struct chart_panel *p, const char *name)
{
	for (size_t s = 0; s < p->n_series; s++)
		if (strcmp(p->series[s].name, name) == 0)
			return &p->series[s];
	return NULL;
}

static xmlNodePtr first_child_element(xmlNodePtr n)
{
	for (xmlNodePtr c = n->children; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE)
			return c;
	return NULL;
}

static xmlNodePtr next_element(xmlNodePtr n)
{
	for (n = n->next; n; n = n->next)
		if (n->type == XML_ELEMENT_NODE)
			return n;
	return NULL;
}

static void keep(const struct chart *c, const char *name, const struct svgpost_buffer *svg)
{
	const char *dir = getenv("BOARDPACK_TEST_KEEP_DIR");
	if (!dir || !*dir)
		return;
	mkdir(dir, 0777);
	char path[1024];
	snprintf(path, sizeof path, "%s/%s.svg", dir, name);
	FILE *fp = fopen(path, "wb");
	if (fp) {
		fwrite(svg->data, 1, svg->len, fp);
		fclose(fp);
	}
	const double scale = 3;
	cairo_surface_t *img = cairo_image_surface_create(CAIRO_FORMAT_RGB24,
							  (int)ceil(c->width * scale),
							  (int)ceil(c->height * scale));
	cairo_t *cr = cairo_create(img);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_paint(cr);
	cairo_scale(cr, scale, scale);
	chart_draw(cr, c->width, c->height, (void *)c);
	cairo_destroy(cr);
	snprintf(path, sizeof path, "%s/%s.png", dir, name);
	cairo_surface_write_to_png(img, path);
	cairo_surface_destroy(img);
}

/* The chart as SVG parses, starts with <title> and <desc> holding the
 * chart's title and alternative text, and renders to the same bytes
 * twice. */
static void check_svg(const struct chart *c, const char *name)
{
	struct svgpost_buffer one = { 0 }, two = { 0 };
	int rc1 = chart_svg(c, name, &one), rc2 = chart_svg(c, name, &two);
	CHECK(rc1 == 0 && rc2 == 0, "%s: SVG rendered", name);
	if (rc1 || rc2)
		return;
	CHECK(one.len == two.len && memcmp(one.data, two.data, one.len) == 0,
	      "%s: two renders give identical bytes (%zu, %zu)", name, one.len, two.len);
	xmlDocPtr doc = xmlReadMemory((const char *)one.data, (int)one.len, "chart.svg", NULL,
				      XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	CHECK(doc != NULL, "%s: the SVG is well-formed XML", name);
	if (doc) {
		xmlNodePtr root = xmlDocGetRootElement(doc);
		CHECK(root && xmlStrEqual(root->name, BAD_CAST "svg"), "%s: the root is <svg>", name);
		xmlNodePtr t = root ? first_child_element(root) : NULL;
		xmlNodePtr d = t ? next_element(t) : NULL;
		CHECK(t && xmlStrEqual(t->name, BAD_CAST "title"), "%s: <title> comes first", name);
		CHECK(d && xmlStrEqual(d->name, BAD_CAST "desc"), "%s: <desc> follows", name);
		if (t && d) {
			xmlChar *tt = xmlNodeGetContent(t), *dd = xmlNodeGetContent(d);
			CHECK_STR((const char *)tt, c->title, "%s: <title> is the chart's title", name);
			CHECK_STR((const char *)dd, c->alt, "%s: <desc> is the alternative text", name);
			xmlFree(tt);
			xmlFree(dd);
		}
		xmlChar *role = root ? xmlGetProp(root, BAD_CAST "role") : NULL;
		CHECK(role && xmlStrEqual(role, BAD_CAST "img"), "%s: role=\"img\"", name);
		xmlFree(role);
		xmlChar *w = root ? xmlGetProp(root, BAD_CAST "width") : NULL;
		char want[64];
		snprintf(want, sizeof want, "%gpt", c->width);
		CHECK(w && strcmp((const char *)w, want) == 0, "%s: sized in points (%s)", name,
		      w ? (const char *)w : "none");
		xmlFree(w);
		xmlFreeDoc(doc);
	}
	keep(c, name, &one);
	svgpost_buffer_release(&one);
	svgpost_buffer_release(&two);
}

static void check_all(const struct chart *c, const char *name)
{
	check_points(c, name);
	check_labels(c, name);
	CHECK(c->alt && strlen(c->alt) > 40, "%s: has an alternative text", name);
	CHECK(c->table.n_cols > 0 && c->table.head != NULL, "%s: has a data table", name);
	check_svg(c, name);
}

static bool contains(const char *hay, const char *needle)
{
	bool found = hay && strstr(hay, needle);
	if (!found)
		printf("# looked for \"%s\" in \"%s\"\n", needle, hay ? hay : "(null)");
	return found;
}

/* ---- KPI charts --------------------------------------------------------- */

static struct kpi *assessment_kpi(void)
{
	/* Synthetic data on the Blackpool assessments theme's scale. */
	struct kpi *k = kpi_new("KPI1", "Assessments completed within 45 working days",
				UNIT_PERCENT, BETTER_HIGHER);
	kpi_baseline(k, "48%", "April 2023");
	kpi_actual(k, "52%", "June 2023");
	kpi_actual(k, "TBC", "September 2023");
	kpi_actual(k, "58%", "December 2023");
	kpi_actual(k, "61%", "March 2024");
	kpi_target(k, "60%", "Oct 2023");
	kpi_target(k, "70%", "March 2024");
	kpi_target(k, "TBC", "Oct 2024");
	kpi_bench(k, BENCH_ENGLAND, "58%", EVAL_TREND_BETTER);
	kpi_bench(k, BENCH_STAT_NEIGHBOURS, "63%", EVAL_TREND_WORSE);
	kpi_rag(k, 70, EVAL_RAG_RED);
	return k;
}

static void test_kpi(void)
{
	struct chart_options o;
	chart_options_init(&o);
	o.as_at = ymd(2024, 4, 15);
	struct kpi *k = assessment_kpi();
	struct chart *c = chart_kpi(&F, &A, &k->me, &o);
	check_all(c, "kpi-percent");
	CHECK(c->width == 380 && c->height == 250, "the KPI chart fits half a landscape A4 page");
	CHECK_STR(c->title, "KPI1: Assessments completed within 45 working days", "title");
	CHECK_STR(c->direction, "Higher is better", "which way is better is shown");
	CHECK(has_label(c, "Higher is better"), "and drawn as a label");
	const struct chart_panel *p = &c->panels[0];
	check_value_axis(&p->y, 48, 70, "kpi-percent y");
	CHECK(p->y.min >= 0 && p->y.max <= 100, "a percent axis stays within 0-100 (%g-%g)",
	      p->y.min, p->y.max);
	CHECK(has_label(c, "60%") || has_label(c, "50%"), "ticks are labelled in the unit");
	CHECK(has_label(c, "England 58%"), "the England line is labelled directly");
	CHECK(has_label(c, "Stat. neighbours 63%"), "the statistical neighbours line too");
	CHECK(has_label(c, "Red"), "the RAG is printed as a word");

	/* The TBC actual of September 2023 is a gap, not a zero. */
	const struct chart_series *act = series_named(p, "Actual");
	CHECK(act && act->n_points == 4, "four actuals, the TBC one included as a gap");
	if (act && act->n_points == 4) {
		CHECK(!act->points[1].present, "the TBC actual is not a point");
		double gap_x = p->plot.x + (ymd(2023, 9, 30) - p->x.min) / (p->x.max - p->x.min) * p->plot.w;
		double zero_y = p->plot.y + p->plot.h;
		size_t at_gap = 0, at_zero = 0;
		for (size_t i = 0; i < c->n_items; i++) {
			const struct chart_item *it = &c->items[i];
			if (it->kind == CHART_ITEM_MARKER && fabs(it->u.marker.x - gap_x) < 0.5)
				at_gap++;
			if (it->kind == CHART_ITEM_LINE && it->color == act->color)
				for (size_t v = 0; v < it->u.line.n; v++) {
					if (fabs(it->u.line.xy[2 * v] - gap_x) < 0.5)
						at_gap++;
					if (fabs(it->u.line.xy[2 * v + 1] - zero_y) < 0.5)
						at_zero++;
				}
		}
		CHECK(at_gap == 0, "nothing is drawn at the missing value's date");
		CHECK(at_zero == 0, "no actual is drawn at zero");
	}
	const struct chart_series *tg = series_named(p, "Target");
	CHECK(tg && tg->n_points == 2, "the two numeric targets are points; the TBC one is not");

	const char *alt = c->alt;
	CHECK(contains(alt, "Line chart of Assessments completed within 45 working days (KPI1). "
		       "Higher is better."), "alt: what and which way is better");
	CHECK(contains(alt, "It rose from 52% in June 2023 to 61% in March 2024, an improvement "
		       "(3 values), against a target of 70%: rated red."),
	      "alt: the trend, the latest against target and the RAG");
	CHECK(contains(alt, "The baseline was 48% in April 2023."), "alt: the baseline");
	CHECK(contains(alt, "Targets: 60% by October 2023 and 70% by March 2024, on a straight line "
		       "from the baseline."), "alt: the targets and the trajectory");
	CHECK(contains(alt, "Benchmarks: England 58% and Statistical neighbours 63%. The latest value "
		       "is better than England and worse than the statistical neighbours' average."),
	      "alt: the benchmarks and where the latest stands");
	CHECK(contains(alt, "The value for September 2023 is TBC."), "alt: the TBC actual said");
	CHECK(contains(alt, "The target for October 2024 is TBC."), "alt: the TBC target said");

	/* A figure in a document carries the chart's alternative text. */
	struct doc d;
	doc_init(&d, &A);
	struct doc_section *s = doc_add_section(&d, DOC_LANDSCAPE);
	struct doc_figure *fig = chart_add_figure(s, c, "Figure 1: assessments");
	CHECK(fig && fig->alt && strcmp(fig->alt, c->alt) == 0, "the figure's alt is the chart's");
	CHECK(fig && fig->draw == chart_draw && fig->user == c, "the figure is drawn by chart_draw");
	CHECK(fig && fig->width == c->width && fig->height == c->height, "at the chart's size");
	struct doc_table *t = chart_add_table(s, c);
	CHECK(t && t->n_cols == 3 && t->n_rows == c->table.n_rows && t->n_rows == 10,
	      "the data table has a row per value (%zu)", t ? t->n_rows : 0);
}

static void test_kpi_lower(void)
{
	struct chart_options o;
	chart_options_init(&o);
	o.as_at = ymd(2024, 3, 31);
	o.flags = CHART_SHOW_TITLE;
	struct kpi *k = kpi_new("CIN8", "Re-referrals within 12 months, rate per 10,000 children",
				UNIT_RATE_10000, BETTER_LOWER);
	kpi_baseline(k, "31.5", "Q4 2022/23");
	kpi_actual(k, "30.2", "Q1 2023/24");
	kpi_actual(k, "28.9", "Q2 2023/24");
	kpi_actual(k, "27.4", "Q3 2023/24");
	kpi_actual(k, "27.9", "Q4 2023/24");
	kpi_target(k, "25", "31/03/2025");
	k->m.trajectory = TRAJECTORY_STEP;
	kpi_bench(k, BENCH_STAT_NEIGHBOURS, "24.1", EVAL_TREND_WORSE);
	kpi_rag(k, 26.8, EVAL_RAG_AMBER);
	struct chart *c = chart_kpi(&F, &A, &k->me, &o);
	check_all(c, "kpi-lower");
	CHECK_STR(c->direction, "Lower is better", "lower is better is shown");
	CHECK(has_label(c, "Lower is better"), "as a label");
	bool down = false;
	for (size_t i = 0; i < c->n_items; i++)
		if (c->items[i].kind == CHART_ITEM_ARROW && !c->items[i].u.arrow.up)
			down = true;
	CHECK(down, "with an arrow pointing down");
	check_value_axis(&c->panels[0].y, 24.1, 31.5, "kpi-lower y");
	bool plain_ticks = true;
	for (size_t i = 0; i < c->panels[0].y.n_ticks; i++)
		if (c->panels[0].y.tick_text[i] && strchr(c->panels[0].y.tick_text[i], ' '))
			plain_ticks = false;
	CHECK(has_label(c, "Rate per 10,000") && plain_ticks,
	      "a rate axis says its unit once, above the ticks");
	CHECK(has_label(c, "27.9 per 10,000"), "the latest value carries its unit");
	CHECK(has_label(c, "Stat. neighbours\n24.1 per 10,000") ||
	      has_label(c, "Stat. neighbours 24.1 per 10,000"), "a long reference name is kept, "
	      "on two lines when needed");
	CHECK(has_label(c, c->title), "the title is drawn when asked");
	CHECK(contains(c->alt, "Lower is better."), "alt: lower is better");
	CHECK(contains(c->alt, "It fell from 30.2 per 10,000 in Q1 2023/24 to 27.9 per 10,000 in "
		       "Q4 2023/24, an improvement"), "alt: a fall is an improvement here");
	CHECK(contains(c->alt, "rated amber"), "alt: the RAG");
	CHECK(contains(c->alt, "each in force until its date"), "alt: a step trajectory");
}

static void test_kpi_edges(void)
{
	struct chart_options o;
	chart_options_init(&o);
	o.as_at = ymd(2024, 1, 31);

	struct kpi *one = kpi_new(NULL, "Average days from referral to assessment", UNIT_DAYS,
				  BETTER_LOWER);
	kpi_actual(one, "35", "December 2023");
	struct chart *c = chart_kpi(&F, &A, &one->me, &o);
	check_all(c, "kpi-single");
	check_value_axis(&c->panels[0].y, 35, 35, "kpi-single y");
	CHECK(contains(c->alt, "The actual value was 35 days in December 2023."), "alt: one value");
	CHECK(contains(c->alt, "No target is set."), "alt: no target said");

	struct kpi *none = kpi_new(NULL, "Early Help assessment rate per 10,000", UNIT_RATE_10000,
				   BETTER_UNKNOWN);
	kpi_baseline(none, "TBC", "April 2023");
	c = chart_kpi(&F, &A, &none->me, &o);
	check_all(c, "kpi-empty");
	CHECK(has_label(c, "No values to chart yet"), "an empty chart says so");
	CHECK(contains(c->alt, "No actual value is known yet."), "alt: no actual yet");
	CHECK(contains(c->alt, "The baseline for April 2023 is TBC."), "alt: the TBC baseline");
	CHECK(contains(c->alt, "The plan does not say whether higher or lower is better."),
	      "alt: unknown direction said");

	struct kpi *zero = kpi_new(NULL, "Children missing from care for 24 hours or more",
				   UNIT_COUNT, BETTER_LOWER);
	kpi_actual(zero, "0", "Jan 2023");
	kpi_actual(zero, "0", "Feb 2023");
	kpi_actual(zero, "0", "Mar 2023");
	c = chart_kpi(&F, &A, &zero->me, &o);
	check_all(c, "kpi-zero");
	check_value_axis(&c->panels[0].y, 0, 0, "kpi-zero y");
	CHECK(contains(c->alt, "It stayed at 0 from January 2023 to March 2023"), "alt: unchanged");

	struct kpi *neg = kpi_new(NULL, "Net change in foster carers", UNIT_NUMBER, BETTER_HIGHER);
	kpi_actual(neg, "-3", "Q1 2023/24");
	kpi_actual(neg, "-1", "Q2 2023/24");
	kpi_actual(neg, "4", "Q3 2023/24");
	kpi_target(neg, "2", "Q3 2023/24");
	c = chart_kpi(&F, &A, &neg->me, &o);
	check_all(c, "kpi-negative");
	check_value_axis(&c->panels[0].y, -3, 4, "kpi-negative y");

	struct kpi *tiny = kpi_new(NULL, "Synthetic small ratio", UNIT_RATIO, BETTER_LOWER);
	kpi_actual(tiny, "0.001", "Jan 2023");
	kpi_actual(tiny, "0.0012", "Apr 2023");
	kpi_actual(tiny, "0.0009", "Jul 2023");
	c = chart_kpi(&F, &A, &tiny->me, &o);
	check_all(c, "kpi-tiny");
	check_value_axis(&c->panels[0].y, 0.0009, 0.0012, "kpi-tiny y");

	struct kpi *big = kpi_new(NULL, "Synthetic placement spend", UNIT_GBP, BETTER_LOWER);
	kpi_actual(big, "1000000", "2021/22");
	kpi_actual(big, "1250000", "2022/23");
	kpi_target(big, "900000", "2023/24");
	kpi_bench(big, BENCH_LAST_YEAR, "1250000", EVAL_TREND_SAME);
	c = chart_kpi(&F, &A, &big->me, &o);
	check_all(c, "kpi-million");
	check_value_axis(&c->panels[0].y, 900000, 1250000, "kpi-million y");
	CHECK(has_label(c, "\xc2\xa3" "1,000,000") || has_label(c, "\xc2\xa3" "1,200,000") ||
	      has_label(c, "\xc2\xa3" "1,250,000"), "pound ticks with thousands separators");

	/* Many noisy values in a small chart: labels still never overlap. */
	struct kpi *many = kpi_new(NULL, "Synthetic weekly contacts", UNIT_COUNT, BETTER_UNKNOWN);
	for (int i = 0; i < 120; i++) {
		char date[32], value[32];
		bp_day dday = ymd(2021, 1, 4) + 7 * i;
		day_format_iso(dday, date, sizeof date);
		int y, m, dd;
		day_to_ymd(dday, &y, &m, &dd);
		snprintf(date, sizeof date, "%02d/%02d/%04d", dd, m, y);
		snprintf(value, sizeof value, "%d", 200 + (i * 37) % 91 - (i % 7) * 9);
		kpi_actual(many, value, date);
	}
	o.width = 240;
	o.height = 140;
	c = chart_kpi(&F, &A, &many->me, &o);
	check_all(c, "kpi-many");
	o.width = o.height = 0;

	/* Actuals after the report date are left out. */
	struct kpi *late = kpi_new(NULL, "Synthetic late data", UNIT_PERCENT, BETTER_HIGHER);
	kpi_actual(late, "40%", "Nov 2023");
	kpi_actual(late, "45%", "March 2024");
	c = chart_kpi(&F, &A, &late->me, &o);
	CHECK(c->panels[0].n_series && series_named(&c->panels[0], "Actual")->n_points == 1,
	      "an actual after the report date is not drawn");
}

static void test_metric(void)
{
	struct metric mt;
	memset(&mt, 0, sizeof mt);
	mt.name = "Care leavers in suitable accommodation";
	mt.unit = UNIT_PERCENT;
	mt.better = BETTER_HIGHER;
	mt.current = value_of("88%");
	parse_when(&mt.current_date, "Sep 2023");
	mt.target = value_of("95%");
	parse_when(&mt.target_date, "March 2024");
	mt.baseline = value_of("82%");
	parse_when(&mt.baseline_date, "March 2023");
	struct measure_eval me;
	memset(&me, 0, sizeof me);
	me.metric = &mt;
	struct chart_options o;
	chart_options_init(&o);
	o.as_at = ymd(2023, 10, 31);
	struct chart *c = chart_kpi(&F, &A, &me, &o);
	check_all(c, "kpi-metric");
	CHECK(contains(c->alt, "The actual value was 88% in September 2023."), "metric: current");
	CHECK(contains(c->alt, "Target: 95% by March 2024, on a straight line from the baseline."),
	      "metric: target");
}

/* ---- scorecard charts ------------------------------------------------- */

static void test_scorecard(void)
{
	struct chart_options o;
	chart_options_init(&o);
	o.as_at = ymd(2024, 4, 15);
	struct kpi *k = assessment_kpi();
	struct chart *c = chart_sparkline(&F, &A, &k->me, &o);
	check_all(c, "sparkline");
	CHECK(c->width == 80 && c->height == 18, "a sparkline fits a table cell (80 x 18)");
	CHECK(contains(c->alt, "Sparkline of Assessments"), "sparkline alt");
	const struct chart_series *act = series_named(&c->panels[0], "Actual");
	CHECK(act && !act->points[1].present, "sparkline: the TBC value is a gap");

	c = chart_bullet(&F, &A, &k->me, &o);
	check_all(c, "bullet");
	CHECK(c->width == 120 && c->height == 18, "a bullet chart fits a table cell (120 x 18)");
	const struct chart_panel *p = &c->panels[0];
	const struct chart_series *bar = series_named(p, "Actual"), *tgt = series_named(p, "Target"),
				  *base = series_named(p, "Baseline");
	CHECK(bar && tgt && base, "bullet: actual, target and baseline");
	if (bar && tgt && base) {
		CHECK(base->points[0].x < bar->points[0].x && bar->points[0].x < tgt->points[0].x,
		      "bullet: baseline 48%% < actual 61%% < target 70%% from left to right");
		CHECK(p->x.min == 0, "bullet: bars start at zero");
	}
	CHECK(contains(c->alt, "Bullet chart of"), "bullet alt");

	struct kpi *none = kpi_new(NULL, "Synthetic empty", UNIT_COUNT, BETTER_HIGHER);
	c = chart_sparkline(&F, &A, &none->me, &o);
	check_labels(c, "sparkline-empty");
	CHECK(has_label(c, "No data yet"), "an empty sparkline says so");
	c = chart_bullet(&F, &A, &none->me, &o);
	check_labels(c, "bullet-empty");
}

/* ---- the audit chart ------------------------------------------------- */

static const char blackpool_alt[] =
	"How audit drives our practice obsessions: % identified as good in audit for each of 8 "
	"themes, at the baseline (April 2023) and at 3 audit rounds (October 2023, March 2024 and "
	"October 2024), with the target for each round. Higher is better."
	" Timely Analytical and Comprehensive Assessments: 48% at the baseline in April 2023; "
	"targets 60% for October 2023, 70% for March 2024 and 70% for October 2024; no result yet "
	"for October 2023, March 2024 or October 2024."
	" Timely and Effective Plans: 39% at the baseline in April 2023; targets 50% for October "
	"2023, 65% for March 2024 and 70% for October 2024; no result yet for October 2023, March "
	"2024 or October 2024."
	" Effective Co-ordination between agencies: 55% at the baseline in April 2023; targets 60% "
	"for October 2023, 75% for March 2024 and 80% for October 2024; no result yet for October "
	"2023, March 2024 or October 2024."
	" Regular and Timely Reviews: 39% at the baseline in April 2023; targets 50% for October "
	"2023, 65% for March 2024 and 70% for October 2024; no result yet for October 2023, March "
	"2024 or October 2024."
	" Child Centred Work: 39% at the baseline in April 2023; targets 50% for October 2023, 65% "
	"for March 2024 and 70% for October 2024; no result yet for October 2023, March 2024 or "
	"October 2024."
	" Improving outcomes for children: 34% at the baseline in April 2023; targets 50% for "
	"October 2023, 60% for March 2024 and 70% for October 2024; no result yet for October 2023, "
	"March 2024 or October 2024."
	" Effective Management oversight: 30% at the baseline in April 2023; targets 50% for October "
	"2023, 65% for March 2024 and 80% for October 2024; no result yet for October 2023, March "
	"2024 or October 2024."
	" Overall Grade: 29% at the baseline in April 2023; targets 50% for October 2023, 60% for "
	"March 2024 and 70% for October 2024; no result yet for October 2023, March 2024 or October "
	"2024.";

static void test_audit(void)
{
	struct chart_options o;
	chart_options_init(&o);
	/* The plan's data is accurate as at 23 August 2023. */
	bp_day as_at = ymd(2023, 8, 23);
	o.as_at = as_at;
	struct audit_fixture *fx = blackpool_audit(as_at, NULL, N_THEMES);
	struct chart *c = chart_audit(&F, &A, &fx->ae, &o);
	check_all(c, "audit-blackpool");
	CHECK_STR(c->alt, blackpool_alt, "the alternative text says exactly what the table says");
	CHECK_STR(c->title, "How audit drives our practice obsessions", "title from the audit");
	CHECK_INT(c->n_panels, 8, "a panel per theme");
	CHECK(c->panels[3].frame.y == c->panels[0].frame.y &&
	      c->panels[4].frame.y > c->panels[0].frame.y, "four panels to a row on landscape A4");
	bool axes = true, counts = true, labelled = true;
	for (size_t t = 0; t < c->n_panels; t++) {
		const struct chart_panel *p = &c->panels[t];
		if (!(p->y.min == 0 && p->y.max == 100 && nice_step(p->y.step)))
			axes = false;
		const struct chart_series *res = series_named(p, "Result"), *tgt = series_named(p, "Target");
		size_t nr = 0, nt = 0;
		for (size_t r = 0; r < 4; r++) {
			nr += res->points[r].present;
			nt += tgt->points[r].present;
		}
		if (nr != 1 || !res->points[0].present || nt != 3 || tgt->points[0].present)
			counts = false;
		char want[16];
		snprintf(want, sizeof want, "%g%%", obsessions[t].baseline);
		if (!has_label(c, want))
			labelled = false;
	}
	CHECK(axes, "every panel has a 0-100 %% axis with nice ticks");
	CHECK(counts, "every panel: the baseline result and three targets, no later results");
	CHECK(labelled, "every baseline result is labelled");
	CHECK(has_label(c, "Higher is better"), "higher is better is shown");
	CHECK(has_label(c, "60%") && has_label(c, "80%"), "targets are labelled");
	CHECK_INT(c->table.n_rows, 8, "the table has a row per theme");
	CHECK_INT(c->table.n_cols, 8, "theme, baseline, and target and result for 3 rounds");
	CHECK_STR(c->table.head[2], "October 2023 target", "table heading");
	CHECK_STR(c->table.cells[0 * 8 + 3], "not yet", "table: no result yet said");

	/* Results in: rose to 61% against 60% (met); 45% against 50%
	 * (below); a round held with no result recorded. */
	double results[N_THEMES][3];
	for (size_t t = 0; t < N_THEMES; t++)
		results[t][0] = results[t][1] = results[t][2] = -1;
	results[0][0] = 61;
	results[1][0] = 45;
	as_at = ymd(2023, 11, 15);
	o.as_at = as_at;
	fx = blackpool_audit(as_at, results, N_THEMES);
	c = chart_audit(&F, &A, &fx->ae, &o);
	check_all(c, "audit-results");
	CHECK(contains(c->alt, "In October 2023, 1 of 8 themes met its target, 1 was below it and 6 "
		       "had no result."), "alt: the latest round across themes");
	CHECK(contains(c->alt, " Timely Analytical and Comprehensive Assessments: rose from 48% in "
		       "April 2023 to 61% in October 2023, against a target of 60% (met); next targets "
		       "70% for March 2024 and 70% for October 2024; no result yet for March 2024 or "
		       "October 2024."), "alt: a rise that met its target");
	CHECK(contains(c->alt, " Timely and Effective Plans: rose from 39% in April 2023 to 45% in "
		       "October 2023, against a target of 50% (5 percentage points below)"),
	      "alt: a rise below target");
	CHECK(contains(c->alt, " Effective Co-ordination between agencies: 55% at the baseline in "
		       "April 2023; targets 75% for March 2024 and 80% for October 2024; no result "
		       "recorded for October 2023 (target 60%); no result yet for March 2024 or October "
		       "2024."), "alt: a round held without a result is said so");
	const struct chart_series *res = series_named(&c->panels[0], "Result");
	CHECK(res->points[1].present && res->points[1].value == 61, "the October result is drawn");
	res = series_named(&c->panels[2], "Result");
	CHECK(!res->points[1].present, "a missing result is not drawn");

	/* Many themes in a portrait frame: smaller multiples, still no
	 * overlaps. */
	o.width = 515;
	fx = blackpool_audit(as_at, NULL, N_THEMES);
	c = chart_audit(&F, &A, &fx->ae, &o);
	check_all(c, "audit-portrait");
	CHECK(c->panels[1].frame.y > c->panels[0].frame.y || c->panels[2].frame.y > c->panels[0].frame.y,
	      "portrait: fewer panels to a row");
	o.width = 0;

	/* A long audit split over pages: themes 5 to 8 only. */
	fx = blackpool_audit(as_at, results, N_THEMES);
	o.theme_first = 4;
	o.theme_count = 4;
	c = chart_audit(&F, &A, &fx->ae, &o);
	check_all(c, "audit-part");
	CHECK_INT(c->n_panels, 4, "a part of the audit: four panels");
	CHECK_STR(c->title, "How audit drives our practice obsessions (themes 5 to 8 of 8)",
		  "the part says which themes it holds");
	CHECK(contains(c->alt, "for each of 4 themes") && !strstr(c->alt, "Timely Analytical"),
	      "the part's alternative text covers its themes only");
	CHECK(!strstr(c->alt, "In October 2023"), "and counts results of its themes only");
	o.theme_first = o.theme_count = 0;
	fx = blackpool_audit(as_at, NULL, 1);
	c = chart_audit(&F, &A, &fx->ae, &o);
	check_all(c, "audit-one");

	/* Titles too long for a panel are cut at a word, with an ellipsis;
	 * a word too long for a line is cut inside. */
	fx = blackpool_audit(as_at, NULL, 3);
	fx->au.themes.items[0]->title =
		"Timely, analytical and comprehensive assessments that consider the whole family, "
		"the child's lived experience, culture and identity, and the views of partners";
	fx->au.themes.items[1]->title = "Multiagencysafeguardingpartnershipcoordinationarrangements"
					"andescalationpathwaysreview";
	o.width = 560;
	c = chart_audit(&F, &A, &fx->ae, &o);
	check_all(c, "audit-long-titles");
	size_t cut = 0;
	for (size_t i = 0; i < c->n_labels; i++)
		if (c->labels[i].kind == CHART_LABEL_TITLE) {
			const char *t = c->labels[i].text;
			size_t n = strlen(t);
			if (c->labels[i].shape->n_lines <= 2 && n > 3 &&
			    strcmp(t + n - 3, "\xe2\x80\xa6") == 0)
				cut++;
		}
	CHECK(cut == 2, "both long titles are cut to two lines with an ellipsis (%zu)", cut);
	o.width = 0;
}

/* ---- status and timeline ---------------------------------------------- */

static void test_status(void)
{
	static struct eval_counts k[4];
	memset(k, 0, sizeof k);
	k[0].by_status[EVAL_DONE] = 4;
	k[0].by_status[EVAL_DONE_LATE] = 1;
	k[0].by_status[EVAL_ON_TRACK] = 3;
	k[0].by_status[EVAL_OVERDUE] = 2;
	k[0].by_status[EVAL_DUE_SOON] = 1;
	k[0].by_status[EVAL_NOT_STARTED] = 1;
	k[1].by_status[EVAL_ON_TRACK] = 7;
	k[1].by_status[EVAL_TBC] = 1;
	k[2].by_status[EVAL_OVERDUE] = 1;
	for (int s = 0; s < EVAL_STATUS_COUNT; s++)
		k[3].by_status[s] = k[0].by_status[s] + k[1].by_status[s] + k[2].by_status[s];
	struct chart_status_row rows[] = {
		{ "1. Strategic Partnerships", &k[0], false },
		{ "2. Early help and supporting families", &k[1], false },
		{ "3. Transformation", &k[2], false },
		{ "The plan", &k[3], true },
	};
	struct chart_options o;
	chart_options_init(&o);
	struct chart *c = chart_status(&F, &A, rows, 4, &o);
	check_all(c, "status");
	const struct chart_panel *p = &c->panels[0];
	static const size_t totals[] = { 12, 8, 1, 21 };
	bool sums = true, order = true, counted = true;
	for (size_t r = 0; r < 4; r++) {
		double w = 0, x = -1;
		size_t n = 0;
		for (size_t b = 0; b < c->n_bars; b++) {
			if (c->bars[b].row != r)
				continue;
			w += c->bars[b].r.w;
			n += c->bars[b].count;
			if (c->bars[b].r.x < x - 1e-9)
				order = false;
			x = c->bars[b].r.x;
		}
		if (fabs(w - p->plot.w) > 1e-6)
			sums = false;
		if (n != totals[r])
			counted = false;
	}
	CHECK(counted, "the segments of each bar add up to its actions");
	CHECK(sums, "every bar fills the plot width (100 %%)");
	CHECK(order, "segments run left to right in category order");
	CHECK(contains(c->alt, "1. Strategic Partnerships: 12 actions: 5 done, 3 on track, 1 due soon, "
		       "2 overdue and 1 not started."), "alt: a priority's counts");
	CHECK(contains(c->alt, "The plan: 21 actions:"), "alt: the plan's total");
	CHECK(contains(c->alt, "1 with no date or TBC"), "alt: undated actions named");
	CHECK(has_label(c, "12 actions") && has_label(c, "21 actions"), "row totals printed");
	CHECK(has_label(c, "7"), "a wide segment carries its count");
	CHECK(has_label(c, "Overdue") && has_label(c, "Due soon"), "the legend names statuses");
	CHECK_STR(c->table.head[c->table.n_cols - 1], "Actions", "table total column");
	enum chart_fill seen[CHART_STATUS_CATEGORY_COUNT];
	size_t n_seen = 0;
	for (size_t i = 0; i < c->n_items; i++) {
		const struct chart_item *it = &c->items[i];
		if (it->kind != CHART_ITEM_RECT || it->u.rect.r.h < 12)
			continue;
		bool known = false;
		for (size_t s = 0; s < n_seen; s++)
			if (seen[s] == it->u.rect.fill)
				known = true;
		if (!known && n_seen < CHART_STATUS_CATEGORY_COUNT)
			seen[n_seen++] = it->u.rect.fill;
	}
	CHECK(n_seen >= 5, "statuses differ in fill pattern, not colour alone (%zu)",
	      n_seen);
}

static void test_timeline(void)
{
	static const char *const texts[] = {
		"Consult with the wider partnership on the priorities and objectives",
		"Approve final strategy through strategic and democratic process",
		"Develop outcomes framework",
		"Advertise posts and recruit to new positions",
		"Implement new meeting and reporting structure for boards",
		"Agree Scrutineer and assurance process and recruit independent Scrutineer",
		"Agree terms of reference for delivery groups",
		"Refresh the terms of reference and expand membership",
		"Develop Corporate Parenting dashboard of key performance indicators",
		"Establish multi-agency Data Board with robust data sharing agreements",
	};
	struct chart_milestone ms[30];
	static const enum eval_status st[] = { EVAL_DUE_SOON, EVAL_ON_TRACK, EVAL_NOT_STARTED,
					       EVAL_OVERDUE, EVAL_ON_TRACK };
	for (int i = 0; i < 30; i++) {
		char *ref = arena_printf(&A, "1.%d", i % 7 + 1);
		/* Clusters on the same days, and month ends. */
		bp_day due = ymd(2023, 9, 1) + (i * 13) % 88;
		if (i % 5 == 0)
			due = ymd(2023, 10, 31);
		ms[i] = (struct chart_milestone){ ref, texts[i % 10], due, st[i % 5] };
	}
	struct chart_options o;
	chart_options_init(&o);
	struct chart *c = chart_timeline(&F, &A, ms, 30, ymd(2023, 9, 1), 3, &o);
	check_all(c, "timeline");
	CHECK(c->dropped_labels == 0, "with room to grow, every milestone is labelled (%zu dropped)",
	      c->dropped_labels);
	CHECK(contains(c->alt, "30 milestones due from 1 Sep 2023 to 30 Nov 2023"), "alt: the span");
	CHECK(contains(c->alt, "Oct 2023:"), "alt: by month");
	CHECK(contains(c->alt, "The table lists every milestone."), "alt: many milestones");
	CHECK_INT(c->table.n_rows, 30, "table: a row per milestone");
	CHECK(has_label(c, "Sep 2023") && has_label(c, "Nov 2023"), "months named");

	o.height = 90;
	c = chart_timeline(&F, &A, ms, 30, ymd(2023, 9, 1), 3, &o);
	check_all(c, "timeline-short");
	CHECK(c->height == 90, "a fixed height is kept");
	CHECK(c->dropped_labels > 0, "labels without room are dropped, not overlapped");

	/* A large plan: 2,000 milestones, every one a different text. */
	enum { N_BIG = 2000 };
	struct chart_milestone *big = arena_array(&A, struct chart_milestone, N_BIG);
	for (int i = 0; i < N_BIG; i++)
		big[i] = (struct chart_milestone){ arena_printf(&A, "%d.%d", i / 50 + 1, i % 50 + 1),
						   arena_printf(&A, "Synthetic milestone number %d", i),
						   ymd(2023, 9, 1) + (i * 7919) % 91,
						   st[i % 5] };
	o.height = 0;
	c = chart_timeline(&F, &A, big, N_BIG, ymd(2023, 9, 1), 3, &o);
	check_points(c, "timeline-2000");
	check_labels(c, "timeline-2000");
	CHECK_INT(c->table.n_rows, N_BIG, "timeline-2000: the table lists every milestone");

	c = chart_timeline(&F, &A, ms, 4, ymd(2023, 9, 10), 3, &o);
	check_all(c, "timeline-few");
	CHECK(contains(c->alt, "In date order:"), "alt lists a few milestones");
	CHECK(contains(c->alt, "due from 10 Sep 2023 to 30 Nov 2023"), "alt: from the day given");
	CHECK(has_label(c, "Report date"), "the report date is marked");
}

/* ---- files ------------------------------------------------------------ */

static void test_write(void)
{
	struct chart_options o;
	chart_options_init(&o);
	o.as_at = ymd(2023, 8, 23);
	struct audit_fixture *fx = blackpool_audit(o.as_at, NULL, N_THEMES);
	struct chart *c = chart_audit(&F, &A, &fx->ae, &o);
	char dir[] = "/tmp/bp-chart-XXXXXX";
	CHECK(mkdtemp(dir) != NULL, "a scratch directory");
	char *path = arena_printf(&A, "%s/audit.svg", dir);
	CHECK(chart_write_svg(c, path, "audit") == 0, "chart_write_svg writes the file");
	xmlDocPtr doc = xmlReadFile(path, NULL, XML_PARSE_NONET | XML_PARSE_NOERROR);
	CHECK(doc != NULL, "the written file parses");
	xmlFreeDoc(doc);
	remove(path);

	FILE *sink = fopen("/dev/null", "w");
	diag_set_stream(sink);
	char *bad = arena_printf(&A, "%s/missing/audit.svg", dir);
	CHECK(chart_write_svg(c, bad, "audit") < 0, "a directory that does not exist is an error");
	diag_set_stream(NULL);
	fclose(sink);
	remove(dir);
}

int main(void)
{
	arena_init(&A);
	const char *env = getenv("BOARDPACK_FONTS");
	if (fonts_init(&F, env && *env ? NULL : "fonts") < 0) {
		printf("not ok - fonts could not be set up\n");
		return 1;
	}
	test_kpi();
	test_kpi_lower();
	test_kpi_edges();
	test_metric();
	test_scorecard();
	test_audit();
	test_status();
	test_timeline();
	test_write();
	fonts_release(&F);
	arena_release(&A);
	xmlCleanupParser();
	return unit_done();
}
