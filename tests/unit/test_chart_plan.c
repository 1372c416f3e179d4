/* Charts of the sample plans, parsed and evaluated: every measure's KPI
 * chart, sparkline and bullet, every audit, the status bars per priority
 * and for the plan, and the milestones of the three months after the
 * report date keep their points inside their plots and their labels
 * apart, and render to SVG that parses. The Blackpool audit, evaluated
 * as at the plan's date (23 Aug 2023), gives the alternative text of the
 * published table: a baseline for each theme and no results yet. */
#include <cairo.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <libxml/parser.h>

#include "base/arena.h"
#include "base/diag.h"
#include "chart/chart.h"
#include "eval/eval.h"
#include "parse/parse.h"
#include "render/svgpost.h"
#include "unit.h"

static struct fonts F;

/* With BOARDPACK_TEST_KEEP_DIR set, a chart is written there as SVG and
 * PNG to look at. */
static void keep(const struct chart *c, const char *path, const char *what)
{
	const char *dir = getenv("BOARDPACK_TEST_KEEP_DIR");
	if (!dir || !*dir)
		return;
	mkdir(dir, 0777);
	const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	char name[1024];
	snprintf(name, sizeof name, "%s/%.*s-%s.svg", dir, (int)strcspn(base, "."), base, what);
	chart_write_svg(c, name, what);
	cairo_surface_t *img = cairo_image_surface_create(CAIRO_FORMAT_RGB24, (int)ceil(c->width * 2),
							  (int)ceil(c->height * 2));
	cairo_t *cr = cairo_create(img);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_paint(cr);
	cairo_scale(cr, 2, 2);
	chart_draw(cr, c->width, c->height, (void *)c);
	cairo_destroy(cr);
	snprintf(name, sizeof name, "%s/%.*s-%s.png", dir, (int)strcspn(base, "."), base, what);
	cairo_surface_write_to_png(img, name);
	cairo_surface_destroy(img);
}

static bool sound(const struct chart *c, char *why, size_t size)
{
	for (size_t p = 0; p < c->n_panels; p++) {
		const struct chart_panel *pn = &c->panels[p];
		for (size_t s = 0; s < pn->n_series; s++)
			for (size_t i = 0; i < pn->series[s].n_points; i++) {
				const struct chart_point *pt = &pn->series[s].points[i];
				if (pt->present &&
				    (pt->x < pn->plot.x - 1e-6 || pt->x > pn->plot.x + pn->plot.w + 1e-6 ||
				     pt->y < pn->plot.y - 1e-6 || pt->y > pn->plot.y + pn->plot.h + 1e-6)) {
					snprintf(why, size, "a point of '%s' lies outside its plot",
						 pn->series[s].name);
					return false;
				}
			}
	}
	for (size_t i = 0; i < c->n_labels; i++) {
		const struct chart_label *a = &c->labels[i];
		if (a->x < -1e-6 || a->y < -1e-6 || a->x + a->w > c->width + 1e-6 ||
		    a->y + a->h > c->height + 1e-6) {
			snprintf(why, size, "label '%s' lies outside the chart", a->text);
			return false;
		}
		for (size_t j = i + 1; j < c->n_labels; j++) {
			const struct chart_label *b = &c->labels[j];
			if (a->x < b->x + b->w && b->x < a->x + a->w && a->y < b->y + b->h &&
			    b->y < a->y + a->h) {
				snprintf(why, size, "labels '%s' and '%s' overlap", a->text, b->text);
				return false;
			}
		}
	}
	if (!c->alt || !*c->alt) {
		snprintf(why, size, "no alternative text");
		return false;
	}
	struct svgpost_buffer svg = { 0 };
	if (chart_svg(c, "c", &svg) < 0) {
		snprintf(why, size, "no SVG");
		return false;
	}
	xmlDocPtr doc = xmlReadMemory((const char *)svg.data, (int)svg.len, "c.svg", NULL,
				      XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	svgpost_buffer_release(&svg);
	if (!doc) {
		snprintf(why, size, "the SVG does not parse");
		return false;
	}
	xmlFreeDoc(doc);
	return true;
}

static void plan_charts(const char *path)
{
	struct parse_options popt;
	parse_options_init(&popt);
	struct diag_list diags;
	diag_list_init(&diags);
	struct plan *plan = NULL;
	enum parse_status st = parse_plan(path, &popt, &diags, &plan);
	CHECK(st == PARSE_OK && plan, "%s parses", path);
	diag_list_release(&diags);
	if (!plan)
		return;
	struct eval_options eopt;
	eval_options_init(&eopt);
	diag_list_init(&diags);
	const struct plan_eval *ev = evaluate_plan(plan, &eopt, &diags);
	diag_list_release(&diags);
	CHECK(ev != NULL, "%s evaluates", path);
	if (!ev) {
		plan_free(plan);
		return;
	}
	struct arena a;
	arena_init(&a);
	struct chart_options o;
	chart_options_init(&o);
	o.as_at = ev->as_at;
	char why[256] = "";
	size_t n = 0, bad = 0;
	const char *first_bad = NULL;
#define TRY(chart, what) do { \
		n++; \
		if (!sound((chart), why, sizeof why) && !bad++) \
			first_bad = arena_printf(&a, "%s: %s", (what), why); \
	} while (0)
	for (size_t i = 0; i < ev->n_measures; i++) {
		const struct measure_eval *me = &ev->measures[i];
		TRY(chart_kpi(&F, &a, me, &o), me->measure->id);
		TRY(chart_sparkline(&F, &a, me, &o), me->measure->id);
		TRY(chart_bullet(&F, &a, me, &o), me->measure->id);
	}
	for (size_t i = 0; i < ev->n_actions; i++)
		for (size_t k = 0; k < ev->actions[i].n_metrics; k++)
			TRY(chart_kpi(&F, &a, &ev->actions[i].metrics[k], &o), "a metric");
	for (size_t i = 0; i < ev->n_audits; i++)
		TRY(chart_audit(&F, &a, &ev->audits[i], &o), plan->audits.items[i]->id);
	size_t n_rows = plan->areas.n + 1;
	struct chart_status_row *rows = arena_array(&a, struct chart_status_row, n_rows);
	for (size_t i = 0; i < plan->areas.n; i++) {
		const struct area *ar = plan->areas.items[i];
		rows[i] = (struct chart_status_row){
			ar->ref ? arena_printf(&a, "%s %s", ar->ref, ar->title ? ar->title : "")
				: ar->title ? ar->title : ar->id,
			&ev->areas[ar->index].counts, false };
	}
	rows[n_rows - 1] = (struct chart_status_row){ "The plan", &ev->totals, true };
	struct chart *status = chart_status(&F, &a, rows, n_rows, &o);
	TRY(status, "status");
	keep(status, path, "status");
	struct chart_milestone *ms;
	size_t n_ms = chart_milestones_due(ev, ev->as_at, day_add_months(ev->as_at, 3), &a, &ms);
	struct chart *timeline = chart_timeline(&F, &a, ms, n_ms, ev->as_at, 3, &o);
	TRY(timeline, "timeline");
	keep(timeline, path, "timeline");
	CHECK(bad == 0, "%s: all %zu charts sound (%s)", path, n, first_bad ? first_bad : "");

	if (strstr(path, "blackpool") && ev->n_audits == 1) {
		struct chart *c = chart_audit(&F, &a, &ev->audits[0], &o);
		keep(c, path, "audit");
		CHECK(strstr(c->alt, "How audit drives our practice obsessions: % identified as good in "
			     "audit for each of 8 themes, at the baseline (April 2023) and at 3 audit "
			     "rounds (October 2023, March 2024 and October 2024), with the target for "
			     "each round. Higher is better. Timely Analytical and Comprehensive "
			     "Assessments: 48% at the baseline in April 2023; targets 60% for October "
			     "2023, 70% for March 2024 and 70% for October 2024; no result yet for "
			     "October 2023, March 2024 or October 2024.") == c->alt,
		      "the Blackpool audit, evaluated, says what the published table says");
		CHECK(strstr(c->alt, "Overall Grade: 29% at the baseline in April 2023; targets 50% "
			     "for October 2023, 60% for March 2024 and 70% for October 2024; no "
			     "result yet for October 2023, March 2024 or October 2024.") != NULL,
		      "the overall grade too");
		if (!strstr(c->alt, "Timely Analytical"))
			printf("# %s\n", c->alt);
	}
	arena_release(&a);
	plan_free(plan);
}

int main(void)
{
	const char *env = getenv("BOARDPACK_FONTS");
	if (fonts_init(&F, env && *env ? NULL : "fonts") < 0) {
		printf("not ok - fonts could not be set up\n");
		return 1;
	}
	static const char *const plans[] = {
		"sample-plans/blackpool-csc-2023.xml",
		"sample-plans/tameside-csc-2023.xml",
		"sample-plans/worcestershire-sip-2017.xml",
		"sample-plans/lancashire-cs-2018.xml",
	};
	for (size_t i = 0; i < sizeof plans / sizeof plans[0]; i++)
		plan_charts(plans[i]);
	fonts_release(&F);
	xmlCleanupParser();
	return unit_done();
}
