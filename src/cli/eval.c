/* boardpack eval PLAN.xml [--as-at D] [--previous P] [--data F] --format json|csv */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/diag.h"
#include "base/exitcode.h"
#include "cli/commands.h"
#include "cli/options.h"
#include "eval/eval.h"
#include "eval/kpidata.h"
#include "eval/output.h"
#include "parse/parse.h"

static const char eval_usage[] =
	"usage: boardpack eval [options] PLAN.xml\n"
	"\n"
	"Evaluates the plan as at a report date: the status of every milestone\n"
	"and action from its dates, mapped onto the plan's scheme beside the\n"
	"reported rating; measures against their targets; audits; roll-ups; and,\n"
	"with --previous, what moved since the previous board. Prints every\n"
	"computed value with its reason, as JSON or CSV (docs/eval-json.md).\n"
	"\n";

#define MAX_DUE_SOON 3660

static int parse_days(const char *text, long *out)
{
	char *end;
	errno = 0;
	long v = strtol(text, &end, 10);
	if (!*text || *end || errno || v < 0 || v > MAX_DUE_SOON)
		return error("eval: --due-soon '%s' is not a number of days from 0 to %d", text,
			     MAX_DUE_SOON);
	*out = v;
	return 0;
}

/* Writes the evaluation to path through path.tmp, renamed into place only
 * when complete; to standard output when path is NULL. */
static int write_output(const struct plan_eval *ev, bool csv, const char *path)
{
	if (!path) {
		int rc = csv ? eval_write_csv(ev, stdout) : eval_write_json(ev, stdout);
		if (rc != 0 || fflush(stdout) != 0) {
			error("cannot write standard output");
			return EXIT_IO;
		}
		return EXIT_OK;
	}
	size_t n = strlen(path) + 5;
	char *tmp = xmalloc(n);
	snprintf(tmp, n, "%s.tmp", path);
	FILE *f = fopen(tmp, "wb");
	if (!f) {
		error("cannot write '%s': %s", tmp, strerror(errno));
		free(tmp);
		return EXIT_IO;
	}
	int rc = csv ? eval_write_csv(ev, f) : eval_write_json(ev, f);
	if (fclose(f) != 0)
		rc = -1;
	if (rc != 0) {
		error("cannot write '%s'", tmp);
		remove(tmp);
		free(tmp);
		return EXIT_IO;
	}
	if (rename(tmp, path) != 0) {
		error("cannot rename '%s' to '%s': %s", tmp, path, strerror(errno));
		remove(tmp);
		free(tmp);
		return EXIT_IO;
	}
	free(tmp);
	return EXIT_OK;
}

/* Worse of two exit codes: I/O beats plan errors beats success. */
static int worse(int a, int b)
{
	if (a == EXIT_IO || b == EXIT_IO)
		return EXIT_IO;
	return a != EXIT_OK ? a : b;
}

static int parse_one(const char *path, const struct parse_options *popt, struct plan **out)
{
	struct diag_list diags;
	diag_list_init(&diags);
	enum parse_status st = parse_plan(path, popt, &diags, out);
	diag_emit(&diags);
	diag_list_release(&diags);
	switch (st) {
	case PARSE_OK: return EXIT_OK;
	case PARSE_IO: return EXIT_IO;
	default: return EXIT_PLAN;
	}
}

int cmd_eval(int argc, char **argv)
{
	bool help = false;
	const char *as_at = NULL, *previous = NULL, *data = NULL, *format = "json";
	const char *output = NULL, *due_soon = NULL;
	struct option opts[] = {
		OPTION_STRING(0, "as-at", "DATE", "evaluate as at this report date (default: the plan's)", &as_at),
		OPTION_STRING(0, "previous", "PLAN.xml", "the plan as at the previous board: report movement", &previous),
		OPTION_STRING(0, "data", "FILE.csv", "merge KPI actuals: code, period or date, value, note", &data),
		OPTION_STRING(0, "due-soon", "DAYS", "days ahead that count as due soon (default: the plan's, else 14)", &due_soon),
		OPTION_STRING(0, "format", "json|csv", "output format (default json)", &format),
		OPTION_STRING('o', "output", "FILE", "write to FILE (through FILE.tmp) instead of standard output", &output),
		OPTION_FLAG('h', "help", "show this help", &help),
		OPTION_END,
	};
	char **plans;
	size_t n;
	if (options_parse("eval", opts, argc, argv, &plans, &n) != 0) {
		free(plans);
		return EXIT_USAGE;
	}
	if (help) {
		fputs(eval_usage, stdout);
		options_usage(opts, stdout);
		free(plans);
		return EXIT_OK;
	}
	if (n != 1) {
		if (n > 1)
			error("eval: give one plan (%zu given)", n);
		fputs(eval_usage, stderr);
		options_usage(opts, stderr);
		free(plans);
		return EXIT_USAGE;
	}
	const char *plan_path = plans[0];
	free(plans);
	bool csv = false;
	if (strcmp(format, "csv") == 0) {
		csv = true;
	} else if (strcmp(format, "json") != 0) {
		error("eval: --format '%s' is not json or csv", format);
		return EXIT_USAGE;
	}
	struct eval_options eopt;
	eval_options_init(&eopt);
	if (due_soon && parse_days(due_soon, &eopt.due_soon_days) != 0)
		return EXIT_USAGE;
	struct parse_options popt;
	parse_options_init(&popt);
	if (as_at) {
		int day;
		if (cli_parse_day(as_at, &day) != 0)
			return EXIT_USAGE;
		popt.as_at = day;
		eopt.as_at = day;
	}

	struct plan *plan = NULL, *prev = NULL;
	int rc = parse_one(plan_path, &popt, &plan);
	if (plan && data) {
		bp_day ref = eopt.as_at;
		if (ref == BP_DAY_NONE && plan->as_at.text && plan->as_at.when->kind == WHEN_POINT)
			ref = when_due(plan->as_at.when);
		struct diag_list diags;
		diag_list_init(&diags);
		enum kpidata_status ks = kpidata_merge(plan, data, ref, &diags);
		diag_emit(&diags);
		diag_list_release(&diags);
		rc = worse(rc, ks == KPIDATA_IO ? EXIT_IO : ks == KPIDATA_ERRORS ? EXIT_PLAN : EXIT_OK);
	}
	if (previous) {
		struct parse_options pp;
		parse_options_init(&pp);
		rc = worse(rc, parse_one(previous, &pp, &prev));
	}
	if (rc == EXIT_OK) {
		eopt.previous = prev;
		struct diag_list diags;
		diag_list_init(&diags);
		const struct plan_eval *ev = evaluate_plan(plan, &eopt, &diags);
		diag_emit(&diags);
		diag_list_release(&diags);
		rc = ev ? write_output(ev, csv, output) : EXIT_PLAN;
	}
	plan_free(prev);
	plan_free(plan);
	return rc;
}
