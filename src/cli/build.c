/* boardpack build PLAN.xml... : the board pack of each plan as PDF and SVG
 * (and PNG on request). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/diag.h"
#include "base/exitcode.h"
#include "cli/commands.h"
#include "cli/load.h"
#include "cli/options.h"
#include "compose/compose.h"
#include "layout/fonts.h"
#include "layout/layout.h"
#include "render/pack.h"

static const char build_usage[] =
	"usage: boardpack build [options] PLAN.xml...\n"
	"\n"
	"Checks and evaluates each plan as at its report date and writes its board\n"
	"pack: DIR/<plan-id>-<template>.pdf and an SVG per page in\n"
	"DIR/<plan-id>-<template>/page-NN.svg. A plan with errors gets no pack;\n"
	"the others are still built.\n"
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

/* Builds one plan's pack; returns an exit code. */
static int build_one(const char *path, const struct load_request *req, struct fonts *fonts,
		     const struct pack_spec *spec, const struct pack_output *base, bool quiet)
{
	struct loaded_plan lp;
	int rc = load_and_evaluate(path, req, &lp);
	if (rc != EXIT_OK) {
		loaded_plan_release(&lp);
		return rc;
	}
	struct arena a;
	arena_init(&a);
	struct diag_list diags;
	diag_list_init(&diags);
	struct doc *d = compose_pack(lp.plan, lp.ev, spec, &a, &diags);
	diag_emit(&diags);
	diag_list_release(&diags);
	struct layout_doc *ld = d ? layout_doc(fonts, d, &a) : NULL;
	if (!ld) {
		rc = EXIT_PLAN;
	} else {
		struct pack_output out = *base;
		out.name = arena_printf(&a, "%s-%s", lp.plan->id, spec->name);
		struct pack_stats st;
		if (pack_write(ld, &out, &st) != 0)
			rc = EXIT_IO;
		else if (!quiet)
			fprintf(stderr, "%s: %s/%s.pdf, %zu pages\n", path, out.dir, out.name,
				ld->n_pages);
		layout_release(ld);
	}
	arena_release(&a);
	loaded_plan_release(&lp);
	return rc;
}

int cmd_build(int argc, char **argv)
{
	bool help = false, quiet = false, warnings = false;
	const char *as_at = NULL, *previous = NULL, *data = NULL, *outdir = "out";
	const char *formats = "pdf,svg", *dpi = "150", *template_name = "plain";
	struct option opts[] = {
		OPTION_STRING(0, "as-at", "DATE", "evaluate as at this report date (default: the plan's)", &as_at),
		OPTION_STRING(0, "previous", "PLAN.xml", "the plan as at the previous board: show movement", &previous),
		OPTION_STRING(0, "data", "FILE.csv", "merge KPI actuals: code, period or date, value, note", &data),
		OPTION_STRING('o', "output", "DIR", "write the packs into DIR (default out)", &outdir),
		OPTION_STRING(0, "format", "LIST", "pdf, svg and/or png, comma-separated (default pdf,svg)", &formats),
		OPTION_STRING(0, "dpi", "N", "PNG resolution in dots per inch (default 150)", &dpi),
		OPTION_STRING('t', "template", "NAME", "the pack to make (default plain)", &template_name),
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
	} else if (strcmp(template_name, "plain") != 0) {
		error("build: unknown template '%s' (the templates are: plain)", template_name);
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
	struct fonts fonts;
	if (fonts_init(&fonts, NULL) != 0) {
		free(plans);
		return EXIT_IO;
	}
	for (size_t i = 0; i < n; i++)
		rc = exit_code_worse(rc, build_one(plans[i], &req, &fonts, pack_plain(), &base, quiet));
	fonts_release(&fonts);
	free(plans);
	return rc;
}
