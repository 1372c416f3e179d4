#include "cli/load.h"

#include <stdio.h>
#include <string.h>

#include "base/diag.h"
#include "base/exitcode.h"
#include "eval/kpidata.h"
#include "parse/parse.h"

void load_request_init(struct load_request *req)
{
	req->as_at = BP_DAY_NONE;
	req->due_soon_days = -1;
	req->previous = NULL;
	req->data = NULL;
	req->show_warnings = true;
	req->silent = false;
	req->timings = NULL;
}

/* Prints the diagnostics; without show_warnings, warnings are only
 * counted. */
static void emit(struct diag_list *diags, const char *file, const struct load_request *req)
{
	if (req->silent)
		return;
	if (req->show_warnings) {
		diag_emit(diags);
		return;
	}
	diag_emit_min(diags, DIAG_ERROR);
	if (diags->warnings)
		fprintf(stderr, "%s: %zu warning%s (boardpack check lists them)\n", file,
			diags->warnings, diags->warnings == 1 ? "" : "s");
}

int exit_code_worse(int a, int b)
{
	if (a == EXIT_IO || b == EXIT_IO)
		return EXIT_IO;
	return a != EXIT_OK ? a : b;
}

static int parse_one(const char *path, bp_day as_at, const struct load_request *req,
		     struct plan **out)
{
	struct parse_options popt;
	parse_options_init(&popt);
	popt.as_at = as_at;
	struct diag_list diags;
	diag_list_init(&diags);
	enum parse_status st = parse_plan(path, &popt, &diags, out);
	emit(&diags, path, req);
	diag_list_release(&diags);
	switch (st) {
	case PARSE_OK: return EXIT_OK;
	case PARSE_IO: return EXIT_IO;
	default: return EXIT_PLAN;
	}
}

int load_and_evaluate(const char *path, const struct load_request *req, struct loaded_plan *out)
{
	memset(out, 0, sizeof *out);
	int rc = parse_one(path, req->as_at, req, &out->plan);
	if (out->plan && req->data) {
		bp_day ref = req->as_at;
		const struct plan *p = out->plan;
		if (ref == BP_DAY_NONE && p->as_at.text && p->as_at.when->kind == WHEN_POINT)
			ref = when_due(p->as_at.when);
		struct diag_list diags;
		diag_list_init(&diags);
		enum kpidata_status ks = kpidata_merge(out->plan, req->data, ref, &diags);
		emit(&diags, req->data, req);
		diag_list_release(&diags);
		rc = exit_code_worse(rc, ks == KPIDATA_IO       ? EXIT_IO
					 : ks == KPIDATA_ERRORS ? EXIT_PLAN
								: EXIT_OK);
	}
	if (req->previous)
		rc = exit_code_worse(rc, parse_one(req->previous, BP_DAY_NONE, req, &out->previous));
	if (req->timings)
		timings_lap(req->timings, TIMINGS_READ);
	if (rc != EXIT_OK)
		return rc;
	struct eval_options eopt;
	eval_options_init(&eopt);
	eopt.as_at = req->as_at;
	eopt.due_soon_days = req->due_soon_days;
	eopt.previous = out->previous;
	struct diag_list diags;
	diag_list_init(&diags);
	out->ev = evaluate_plan(out->plan, &eopt, &diags);
	emit(&diags, path, req);
	diag_list_release(&diags);
	if (req->timings)
		timings_lap(req->timings, TIMINGS_EVALUATE);
	return out->ev ? EXIT_OK : EXIT_PLAN;
}

void loaded_plan_release(struct loaded_plan *lp)
{
	plan_free(lp->previous);
	plan_free(lp->plan);
	memset(lp, 0, sizeof *lp);
}
