/* boardpack build PLAN.xml... : the board pack of each plan as PDF and SVG
 * (and PNG on request). */
#include <dirent.h>
#include <stdio.h>
#include <time.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/arena.h"
#include "base/diag.h"
#include "base/exitcode.h"
#include "base/strbuf.h"
#include "chart/chart.h"
#include "cli/batch.h"
#include "cli/commands.h"
#include "cli/load.h"
#include "cli/options.h"
#include "cli/timings.h"
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
	"\n"
	"With -j N, N packs are built at once, each plan and template in a process\n"
	"of its own: the files and messages are those of a serial build, a plan\n"
	"with errors stops only its own packs, a terminal shows a progress line and\n"
	"a summary ends the run.\n"
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

/* What every pack of a run shares. */
struct build_run {
	struct load_request req;
	struct pack_template **tpls;
	size_t n_tpls;
	struct pack_output base;
	bool quiet;
	bool timings;
	struct fonts fonts;
	bool fonts_ready;
	char **plans;
	/* In a worker of a parallel build: the plan it read last, kept for
	 * its next job if that is another template of the same plan. */
	struct loaded_plan cached;
	size_t cached_plan;          /* SIZE_MAX: none */
	int cached_rc;
	struct timings cached_timings;
};

/* The fonts, set up on first use: a worker sets up its own. */
static int run_fonts(struct build_run *run)
{
	if (!run->fonts_ready) {
		if (fonts_init(&run->fonts, NULL) != 0)
			return EXIT_IO;
		run->fonts_ready = true;
	}
	return EXIT_OK;
}

static void pack_stage_end(void *user, enum pack_stage stage)
{
	static const enum timings_stage stages[] = {
		[PACK_STAGE_PDF] = TIMINGS_PDF, [PACK_STAGE_PDF_FIX] = TIMINGS_PDF_FIX,
		[PACK_STAGE_SVG] = TIMINGS_SVG, [PACK_STAGE_PNG] = TIMINGS_PNG,
	};
	timings_lap(user, stages[stage]);
}

/* Builds one pack of an evaluated plan; returns an exit code. */
static int build_pack(struct build_run *run, const char *path, const struct loaded_plan *lp,
		      const struct pack_template *tpl, struct timings *tm)
{
	int rc = EXIT_OK;
	struct arena a;
	arena_init(&a);
	struct diag_list diags;
	diag_list_init(&diags);
	struct composed_pack cp;
	int crc = compose_pack(lp->plan, lp->ev, tpl, &run->fonts, &a, &diags, &cp);
	diag_emit(&diags);
	diag_list_release(&diags);
	if (tm)
		timings_lap(tm, TIMINGS_COMPOSE);
	struct layout_doc *ld = crc == 0 ? layout_doc(&run->fonts, cp.doc, &a) : NULL;
	if (tm)
		timings_lap(tm, TIMINGS_LAYOUT);
	size_t pages = 0;
	if (!ld) {
		rc = EXIT_PLAN;
	} else {
		struct pack_output out = run->base;
		out.name = arena_printf(&a, "%s-%s", lp->plan->id, tpl->name);
		struct pack_stats st = { 0, tm ? pack_stage_end : NULL, tm };
		if (pack_write(ld, &out, &st) != 0 ||
		    ((out.formats & PACK_SVG) && write_charts(&out, &cp) != 0))
			rc = EXIT_IO;
		else if (!run->quiet)
			fprintf(stderr, "%s: %s/%s.pdf, %zu pages\n", path, out.dir, out.name,
				ld->n_pages);
		if (tm && (out.formats & PACK_SVG))
			timings_lap(tm, TIMINGS_SVG);
		pages = ld->n_pages;
		layout_release(ld);
	}
	arena_release(&a);
	if (tm) {
		timings_lap(tm, TIMINGS_OTHER);
		struct strbuf label = STRBUF_INIT;
		strbuf_addf(&label, "%s: %s: %zu pages", path, tpl->name, pages);
		timings_print(tm, strbuf_str(&label));
		strbuf_release(&label);
	}
	return rc;
}

/* Builds the packs of plan i for templates [from, to); returns an exit
 * code. silent: another worker prints the plan's diagnostics. */
static int build_plan(struct build_run *run, size_t i, size_t from, size_t to, bool silent)
{
	const char *path = run->plans[i];
	int rc = run_fonts(run);
	if (rc != EXIT_OK)
		return rc;
	struct timings tm;
	if (run->timings)
		timings_start(&tm);
	struct load_request req = run->req;
	req.silent = silent;
	req.timings = run->timings ? &tm : NULL;
	struct loaded_plan lp;
	rc = load_and_evaluate(path, &req, &lp);
	for (size_t t = from; rc == EXIT_OK && t < to; t++) {
		struct timings *ptm = NULL;
		if (run->timings) {
			/* Reading and evaluating count towards the first pack. */
			if (t > from) {
				memset(tm.wall, 0, sizeof tm.wall);
				memset(tm.cpu, 0, sizeof tm.cpu);
				memset(tm.peak_kb, 0, sizeof tm.peak_kb);
			}
			ptm = &tm;
		}
		rc = exit_code_worse(rc, build_pack(run, path, &lp, run->tpls[t], ptm));
	}
	loaded_plan_release(&lp);
	return rc;
}

/* A job of a parallel build: one pack, that is one plan and one
 * template. The first template's job prints the plan's diagnostics, so
 * they appear once, as in a serial build; a worker that reads a plan keeps
 * it for the plan's next templates. */
static int build_job(size_t job, void *user)
{
	struct build_run *run = user;
	size_t plan = job / run->n_tpls, tpl = job % run->n_tpls;
	int rc = run_fonts(run);
	if (rc != EXIT_OK)
		return rc;
	struct timings *tm = run->timings ? &run->cached_timings : NULL;
	if (tm)
		timings_start(tm);
	if (run->cached_plan != plan) {
		if (run->cached_plan != SIZE_MAX)
			loaded_plan_release(&run->cached);
		struct load_request req = run->req;
		req.silent = tpl != 0;
		req.timings = tm;
		run->cached_rc = load_and_evaluate(run->plans[plan], &req, &run->cached);
		run->cached_plan = plan;
	}
	if (run->cached_rc != EXIT_OK)
		return run->cached_rc;
	return build_pack(run, run->plans[plan], &run->cached, run->tpls[tpl], tm);
}

static double seconds_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Every pack in up to `workers` processes; prints the summary line.
 * Returns an exit code, in the parent and in each worker (which goes on
 * to clean up and exit with it, as a serial run does). */
static int build_parallel(struct build_run *run, size_t n_plans, unsigned workers)
{
	double start = seconds_now();
	size_t n_jobs = n_plans * run->n_tpls;
	char **labels = xcalloc(n_jobs, sizeof *labels);
	for (size_t j = 0; j < n_jobs; j++) {
		struct strbuf sb = STRBUF_INIT;
		const char *plan = run->plans[j / run->n_tpls];
		const char *base = strrchr(plan, '/');
		strbuf_addf(&sb, "%s", base ? base + 1 : plan);
		if (run->n_tpls > 1)
			strbuf_addf(&sb, " (%s)", run->tpls[j % run->n_tpls]->name);
		labels[j] = xstrdup(strbuf_str(&sb));
		strbuf_release(&sb);
	}
	struct batch b = {
		.n_jobs = n_jobs,
		.workers = workers,
		.run = build_job,
		.user = run,
		.labels = (const char *const *)labels,
		.noun = "pack",
		.progress = !run->quiet && isatty(STDERR_FILENO),
	};
	int rc = EXIT_OK;
	run->cached_plan = SIZE_MAX;
	if (batch_run(&b) != 0)
		rc = EXIT_RESOURCE;
	if (b.is_worker) {
		rc = b.worker_code;
		if (run->cached_plan != SIZE_MAX)
			loaded_plan_release(&run->cached);
	} else {
		size_t failed = 0, listed = 0, unlisted = 0;
		struct strbuf which = STRBUF_INIT;
		for (size_t j = 0; j < n_jobs; j++) {
			int code = b.codes[j];
			if (code == EXIT_OK)
				continue;
			failed++;
			if (code == EXIT_INTERNAL || rc == EXIT_INTERNAL)
				rc = EXIT_INTERNAL;
			else
				rc = exit_code_worse(rc, code);
		}
		/* Each plan with a pack not built, with the templates concerned
		 * unless none of its packs was built. */
		for (size_t p = 0; p < n_plans; p++) {
			size_t bad = 0;
			for (size_t t = 0; t < run->n_tpls; t++)
				bad += b.codes[p * run->n_tpls + t] != EXIT_OK;
			if (!bad)
				continue;
			if (listed == 5) {
				unlisted++;
				continue;
			}
			strbuf_addf(&which, "%s%s", listed++ ? ", " : "", run->plans[p]);
			if (bad == run->n_tpls)
				continue;
			strbuf_adds(&which, " (");
			for (size_t t = 0, k = 0; t < run->n_tpls; t++)
				if (b.codes[p * run->n_tpls + t] != EXIT_OK)
					strbuf_addf(&which, "%s%s", k++ ? ", " : "", run->tpls[t]->name);
			strbuf_adds(&which, ")");
		}
		if (unlisted)
			strbuf_addf(&which, " and %zu more plan%s", unlisted, unlisted == 1 ? "" : "s");
		double secs = seconds_now() - start;
		if (failed)
			fprintf(stderr, "%zu of %zu pack%s built in %.1f s; not built: %s\n",
				n_jobs - failed, n_jobs, n_jobs == 1 ? "" : "s", secs,
				strbuf_str(&which));
		else if (!run->quiet)
			fprintf(stderr, "%zu pack%s built in %.1f s with %u worker%s\n", n_jobs,
				n_jobs == 1 ? "" : "s", secs, b.workers, b.workers == 1 ? "" : "s");
		strbuf_release(&which);
	}
	batch_release(&b);
	for (size_t j = 0; j < n_jobs; j++)
		free(labels[j]);
	free(labels);
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

static int parse_workers(const char *s, unsigned *out)
{
	char *end;
	long v = strtol(s, &end, 10);
	if (end == s || *end || v < 1 || v > 256)
		return error("build: -j '%s' is not a number of workers from 1 to 256", s);
	*out = (unsigned)v;
	return 0;
}

int cmd_build(int argc, char **argv)
{
	bool help = false, quiet = false, warnings = false, timings = false;
	const char *as_at = NULL, *previous = NULL, *data = NULL, *outdir = "out";
	const char *formats = "pdf,svg", *dpi = "150", *template_name = "improvement-board";
	const char *jobs = NULL;
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
		OPTION_STRING('j', "jobs", "N", "build N packs at once, in separate processes", &jobs),
		OPTION_FLAG('q', "quiet", "print only problems", &quiet),
		OPTION_FLAG('W', "warnings", "print every warning (default: a count per plan)", &warnings),
		OPTION_FLAG(0, "timings", "print the time and memory each stage of each pack took", &timings),
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
	struct build_run run;
	memset(&run, 0, sizeof run);
	run.base = (struct pack_output){ outdir, NULL, 0, 150, 1 };
	run.quiet = quiet;
	run.timings = timings;
	run.plans = plans;
	load_request_init(&run.req);
	run.req.previous = previous;
	run.req.data = data;
	run.req.show_warnings = warnings;
	unsigned workers = 0;
	if (n == 0) {
		fputs(build_usage, stderr);
		options_usage(opts, stderr);
		rc = EXIT_USAGE;
	} else if (parse_formats(formats, &run.base.formats) != 0 ||
		   parse_number("--dpi", dpi, 18, 1200, &run.base.png_dpi) != 0 ||
		   (jobs && parse_workers(jobs, &workers) != 0)) {
		rc = EXIT_USAGE;
	} else if (as_at) {
		int day;
		if (cli_parse_day(as_at, &day) != 0)
			rc = EXIT_USAGE;
		else
			run.req.as_at = day;
	}
	if (rc != EXIT_OK) {
		free(plans);
		return rc;
	}
	rc = load_templates(template_name, &run.tpls, &run.n_tpls);
	/* One pack at a time may use a second core for its SVG pages; with
	 * -j the workers have the cores. */
	if (!workers && sysconf(_SC_NPROCESSORS_ONLN) >= 2)
		run.base.processes = 2;
	if (rc == EXIT_OK && workers) {
		rc = build_parallel(&run, n, workers);
	} else if (rc == EXIT_OK) {
		for (size_t i = 0; i < n; i++) {
			rc = exit_code_worse(rc, build_plan(&run, i, 0, run.n_tpls, false));
			if (!run.fonts_ready)
				break;  /* fonts_init reported why */
		}
	}
	if (run.fonts_ready)
		fonts_release(&run.fonts);
	free_templates(run.tpls, run.n_tpls);
	free(plans);
	return rc;
}
