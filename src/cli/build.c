/* boardpack build PLAN.xml... : the board pack of each plan as PDF and SVG
 * (and PNG on request). */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/arena.h"
#include "base/diag.h"
#include "base/exitcode.h"
#include "base/strbuf.h"
#include "chart/chart.h"
#include "cli/commands.h"
#include "cli/load.h"
#include "cli/options.h"
#include "compose/compose.h"
#include "compose/template.h"
#include "layout/fonts.h"
#include "layout/layout.h"
#include "render/pack.h"

static const char build_usage[] =
	"usage: boardpack build [options] PLAN.xml...\n"
	"\n"
	"Checks and evaluates each plan as at its report date and writes its board\n"
	"pack: DIR/<plan-id>-<template>.pdf, an SVG per page in\n"
	"DIR/<plan-id>-<template>/page-NN.svg and each chart on its own as\n"
	"DIR/<plan-id>-<template>/chart-NN-KIND.svg. A plan with errors gets no\n"
	"pack; the others are still built.\n"
	"\n"
	"The template is a built-in one (improvement-board, cabinet-appendix,\n"
	"ofsted-evidence, lead-updates), a template file of your own (a path, or a\n"
	"name ending in .xml), or several separated by commas. docs/templates.md\n"
	"describes how to write one.\n"
	"\n";

static int parse_formats(const char *s, unsigned *out)
{
	*out = 0;
	const char *p = s;
	while (*p) {
		const char *e = strchr(p, ',');
		size_t n = e ? (size_t)(e - p) : strlen(p);
		if (n == 3 && strncmp(p, "pdf", 3) == 0)
			*out |= PACK_PDF;
		else if (n == 3 && strncmp(p, "svg", 3) == 0)
			*out |= PACK_SVG;
		else if (n == 3 && strncmp(p, "png", 3) == 0)
			*out |= PACK_PNG;
		else
			return error("build: format '%.*s' is not pdf, svg or png", (int)n, p);
		p += n;
		if (*p == ',')
			p++;
	}
	if (!*out)
		return error("build: --format names no format");
	return 0;
}

static int parse_number(const char *what, const char *s, double lo, double hi, double *out)
{
	char *end;
	double v = strtod(s, &end);
	if (end == s || *end || !(v >= lo && v <= hi))
		return error("build: %s '%s' is not a number from %g to %g", what, s, lo, hi);
	*out = v;
	return 0;
}

/* Removes chart SVGs of an earlier run that this run did not write (a
 * pack whose plan lost a measure has fewer charts). */
static void remove_stale_charts(const char *dir, const struct composed_pack *cp)
{
	DIR *d = opendir(dir);
	if (!d)
		return;
	struct strbuf path = STRBUF_INIT;
	for (struct dirent *e; (e = readdir(d));) {
		size_t n = strlen(e->d_name);
		if (strncmp(e->d_name, "chart-", 6) != 0 || n < 10 ||
		    strcmp(e->d_name + n - 4, ".svg") != 0)
			continue;
		bool keep = false;
		for (size_t i = 0; i < cp->n_charts && !keep; i++)
			keep = strlen(cp->charts[i].name) == n - 4 &&
			       strncmp(cp->charts[i].name, e->d_name, n - 4) == 0;
		if (keep)
			continue;
		strbuf_reset(&path);
		strbuf_addf(&path, "%s/%s", dir, e->d_name);
		unlink(strbuf_str(&path));
	}
	strbuf_release(&path);
	closedir(d);
}

/* Writes each chart of the pack as DIR/NAME/chart-NN-KIND.svg. */
static int write_charts(const struct pack_output *out, const struct composed_pack *cp)
{
	struct strbuf dir = STRBUF_INIT, path = STRBUF_INIT;
	strbuf_addf(&dir, "%s/%s", out->dir, out->name);
	int rc = pack_mkdirs(strbuf_str(&dir));
	for (size_t i = 0; rc == 0 && i < cp->n_charts; i++) {
		strbuf_reset(&path);
		strbuf_addf(&path, "%s/%s.svg", strbuf_str(&dir), cp->charts[i].name);
		char prefix[32];
		snprintf(prefix, sizeof prefix, "chart-%zu", i + 1);
		rc = chart_write_svg(cp->charts[i].chart, strbuf_str(&path), prefix);
	}
	if (rc == 0)
		remove_stale_charts(strbuf_str(&dir), cp);
	strbuf_release(&dir);
	strbuf_release(&path);
	return rc;
}

/* Builds one pack of an evaluated plan; returns an exit code. */
static int build_pack(const char *path, const struct loaded_plan *lp, struct fonts *fonts,
		      const struct pack_template *tpl, const struct pack_output *base, bool quiet)
{
	int rc = EXIT_OK;
	struct arena a;
	arena_init(&a);
	struct diag_list diags;
	diag_list_init(&diags);
	struct composed_pack cp;
	int crc = compose_pack(lp->plan, lp->ev, tpl, fonts, &a, &diags, &cp);
	diag_emit(&diags);
	diag_list_release(&diags);
	struct layout_doc *ld = crc == 0 ? layout_doc(fonts, cp.doc, &a) : NULL;
	if (!ld) {
		rc = EXIT_PLAN;
	} else {
		struct pack_output out = *base;
		out.name = arena_printf(&a, "%s-%s", lp->plan->id, tpl->name);
		struct pack_stats st;
		if (pack_write(ld, &out, &st) != 0 ||
		    ((out.formats & PACK_SVG) && write_charts(&out, &cp) != 0))
			rc = EXIT_IO;
		else if (!quiet)
			fprintf(stderr, "%s: %s/%s.pdf, %zu pages\n", path, out.dir, out.name,
				ld->n_pages);
		layout_release(ld);
	}
	arena_release(&a);
	return rc;
}

/* Builds every pack of one plan; returns an exit code. */
static int build_one(const char *path, const struct load_request *req, struct fonts *fonts,
		     struct pack_template *const *tpls, size_t n_tpls,
		     const struct pack_output *base, bool quiet)
{
	struct loaded_plan lp;
	int rc = load_and_evaluate(path, req, &lp);
	for (size_t i = 0; rc == EXIT_OK && i < n_tpls; i++)
		rc = exit_code_worse(rc, build_pack(path, &lp, fonts, tpls[i], base, quiet));
	loaded_plan_release(&lp);
	return rc;
}

/* Loads each template of a comma-separated list; returns an exit code. */
static int load_templates(const char *list, struct pack_template ***out, size_t *n_out)
{
	size_t cap = 1;
	for (const char *p = list; *p; p++)
		cap += *p == ',';
	struct pack_template **tpls = xcalloc(cap, sizeof *tpls);
	size_t n = 0;
	int rc = EXIT_OK;
	const char *p = list;
	while (rc == EXIT_OK) {
		const char *e = strchr(p, ',');
		size_t len = e ? (size_t)(e - p) : strlen(p);
		char *one = xmalloc(len + 1);
		memcpy(one, p, len);
		one[len] = '\0';
		if (!*one) {
			rc = EXIT_USAGE;
			error("build: --template names an empty template");
		} else {
			struct diag_list diags;
			diag_list_init(&diags);
			enum template_status st = template_load(one, &diags, &tpls[n]);
			diag_emit(&diags);
			diag_list_release(&diags);
			switch (st) {
			case TEMPLATE_OK: n++; break;
			case TEMPLATE_NOT_FOUND: rc = EXIT_USAGE; break;
			case TEMPLATE_IO: rc = EXIT_IO; break;
			case TEMPLATE_INVALID: rc = EXIT_PLAN; break;
			}
			for (size_t i = 0; rc == EXIT_OK && i + 1 < n; i++)
				if (strcmp(tpls[i]->name, tpls[n - 1]->name) == 0) {
					error("build: two templates are both called '%s': their packs "
					      "would overwrite each other", tpls[i]->name);
					rc = EXIT_USAGE;
				}
		}
		free(one);
		if (!e)
			break;
		p = e + 1;
	}
	*out = tpls;
	*n_out = n;
	return rc;
}

static void free_templates(struct pack_template **tpls, size_t n)
{
	for (size_t i = 0; i < n; i++)
		template_free(tpls[i]);
	free(tpls);
}

int cmd_build(int argc, char **argv)
{
	bool help = false, quiet = false, warnings = false;
	const char *as_at = NULL, *previous = NULL, *data = NULL, *outdir = "out";
	const char *formats = "pdf,svg", *dpi = "150", *template_name = "improvement-board";
	struct option opts[] = {
		OPTION_STRING(0, "as-at", "DATE", "evaluate as at this report date (default: the plan's)", &as_at),
		OPTION_STRING(0, "previous", "PLAN.xml", "the plan as at the previous board: show movement", &previous),
		OPTION_STRING(0, "data", "FILE.csv", "merge KPI actuals: code, period or date, value, note", &data),
		OPTION_STRING('o', "output", "DIR", "write the packs into DIR (default out)", &outdir),
		OPTION_STRING(0, "format", "LIST", "pdf, svg and/or png, comma-separated (default pdf,svg)", &formats),
		OPTION_STRING(0, "dpi", "N", "PNG resolution in dots per inch (default 150)", &dpi),
		OPTION_STRING('t', "template", "NAME|FILE",
			      "the pack(s) to make, comma-separated (default improvement-board)",
			      &template_name),
		OPTION_FLAG('q', "quiet", "print only problems", &quiet),
		OPTION_FLAG('W', "warnings", "print every warning (default: a count per plan)", &warnings),
		OPTION_FLAG('h', "help", "show this help", &help),
		OPTION_END,
	};
	char **plans;
	size_t n;
	if (options_parse("build", opts, argc, argv, &plans, &n) != 0) {
		free(plans);
		return EXIT_USAGE;
	}
	if (help) {
		fputs(build_usage, stdout);
		options_usage(opts, stdout);
		free(plans);
		return EXIT_OK;
	}
	int rc = EXIT_OK;
	struct pack_output base = { outdir, NULL, 0, 150 };
	struct load_request req;
	load_request_init(&req);
	req.previous = previous;
	req.data = data;
	req.show_warnings = warnings;
	if (n == 0) {
		fputs(build_usage, stderr);
		options_usage(opts, stderr);
		rc = EXIT_USAGE;
	} else if (parse_formats(formats, &base.formats) != 0 ||
		   parse_number("--dpi", dpi, 18, 1200, &base.png_dpi) != 0) {
		rc = EXIT_USAGE;
	} else if (as_at) {
		int day;
		if (cli_parse_day(as_at, &day) != 0)
			rc = EXIT_USAGE;
		else
			req.as_at = day;
	}
	if (rc != EXIT_OK) {
		free(plans);
		return rc;
	}
	struct pack_template **tpls;
	size_t n_tpls;
	rc = load_templates(template_name, &tpls, &n_tpls);
	if (rc != EXIT_OK) {
		free_templates(tpls, n_tpls);
		free(plans);
		return rc;
	}
	struct fonts fonts;
	if (fonts_init(&fonts, NULL) != 0) {
		free_templates(tpls, n_tpls);
		free(plans);
		return EXIT_IO;
	}
	for (size_t i = 0; i < n; i++)
		rc = exit_code_worse(rc, build_one(plans[i], &req, &fonts, tpls, n_tpls, &base,
						   quiet));
	fonts_release(&fonts);
	free_templates(tpls, n_tpls);
	free(plans);
	return rc;
}
