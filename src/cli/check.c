/* boardpack check PLAN.xml... */
#include <stdio.h>
#include <stdlib.h>

#include "base/diag.h"
#include "base/exitcode.h"
#include "cli/commands.h"
#include "cli/options.h"
#include "parse/parse.h"

/* One line per plan on standard output: what it holds. */
static void print_summary(const struct plan *p)
{
	size_t milestones = 0, updates = 0, ratings = 0;
	for (size_t i = 0; i < p->actions.n; i++) {
		const struct action *a = p->actions.items[i];
		milestones += a->milestones.n;
		updates += a->updates.n;
		ratings += a->ratings.n;
		for (size_t k = 0; k < a->milestones.n; k++)
			updates += a->milestones.items[k]->updates.n;
	}
	size_t themes = 0;
	for (size_t i = 0; i < p->audits.n; i++)
		themes += p->audits.items[i]->themes.n;
	printf("%s: %zu areas, %zu actions, %zu milestones, %zu updates, %zu ratings, "
	       "%zu measures, %zu outcomes, %zu recommendations, %zu focus areas, "
	       "%zu audits (%zu themes), %zu people, %zu files\n",
	       p->path, p->all_areas.n, p->actions.n, milestones, updates, ratings,
	       p->measures.n, p->outcomes.n, p->recommendations.n, p->focus_areas.n,
	       p->audits.n, themes, p->people.n, p->n_files);
}

static const char check_usage[] =
	"usage: boardpack check [options] PLAN.xml...\n"
	"\n"
	"Reads each plan and the parts it includes, checks it against the plan\n"
	"format and its own references and dates, and prints every problem as\n"
	"'file:line: error|warning: message'.\n"
	"\n";

int cmd_check(int argc, char **argv)
{
	bool help = false, quiet = false, summary = false;
	const char *as_at = NULL;
	struct option opts[] = {
		OPTION_STRING(0, "as-at", "DATE", "check as at this report date (default: the plan's)", &as_at),
		OPTION_FLAG('q', "quiet", "print no summary line", &quiet),
		OPTION_FLAG('s', "summary", "print what each plan holds (counts) on standard output", &summary),
		OPTION_FLAG('h', "help", "show this help", &help),
		OPTION_END,
	};
	char **plans;
	size_t n;
	if (options_parse("check", opts, argc, argv, &plans, &n) != 0) {
		free(plans);
		return EXIT_USAGE;
	}
	if (help) {
		fputs(check_usage, stdout);
		options_usage(opts, stdout);
		free(plans);
		return EXIT_OK;
	}
	if (n == 0) {
		fputs(check_usage, stderr);
		options_usage(opts, stderr);
		free(plans);
		return EXIT_USAGE;
	}
	struct parse_options popt;
	parse_options_init(&popt);
	if (as_at) {
		int day;
		if (cli_parse_day(as_at, &day) != 0) {
			free(plans);
			return EXIT_USAGE;
		}
		popt.as_at = day;
	}

	int rc = EXIT_OK;
	size_t errors = 0, warnings = 0;
	for (size_t i = 0; i < n; i++) {
		struct diag_list diags;
		diag_list_init(&diags);
		struct plan *plan = NULL;
		enum parse_status st = parse_plan(plans[i], &popt, &diags, &plan);
		diag_emit(&diags);
		errors += diags.errors;
		warnings += diags.warnings;
		if (st == PARSE_IO)
			rc = EXIT_IO;
		else if (st != PARSE_OK && rc == EXIT_OK)
			rc = EXIT_PLAN;
		if (summary && plan)
			print_summary(plan);
		plan_free(plan);
		diag_list_release(&diags);
	}
	if (!quiet)
		fprintf(stderr, "%zu error%s and %zu warning%s in %zu plan%s\n", errors,
			errors == 1 ? "" : "s", warnings, warnings == 1 ? "" : "s", n,
			n == 1 ? "" : "s");
	free(plans);
	return rc;
}
