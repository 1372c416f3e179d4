/** What eval and build both do before their own work: read the plan, merge
 *  KPI data, read the previous board's plan and evaluate, printing every
 *  diagnostic on the way. */
#ifndef BP_CLI_LOAD_H
#define BP_CLI_LOAD_H

#include <stdbool.h>

#include "cli/timings.h"
#include "eval/eval.h"
#include "model/model.h"

struct load_request {
	bp_day as_at;              /* BP_DAY_NONE: the plan's */
	long due_soon_days;        /* -1: the plan's, else the default */
	const char *previous;      /* the previous board's plan, or NULL */
	const char *data;          /* KPI data (CSV), or NULL */
	bool show_warnings;        /* else counted in one line per file */
	bool silent;               /* print no diagnostics at all (another
				      process prints this plan's) */
	struct timings *timings;   /* charged with reading and evaluating, or NULL */
};

struct loaded_plan {
	struct plan *plan;
	struct plan *previous;
	const struct plan_eval *ev;   /* in plan's arena */
};

void load_request_init(struct load_request *req);

/** Loads and evaluates the plan at path. Returns an exit code (EXIT_OK,
 *  EXIT_PLAN, EXIT_IO); with EXIT_OK, out holds the evaluated plan. */
int load_and_evaluate(const char *path, const struct load_request *req, struct loaded_plan *out);

void loaded_plan_release(struct loaded_plan *lp);

/** The worse of two exit codes: I/O beats plan errors beats success. */
int exit_code_worse(int a, int b);

#endif
