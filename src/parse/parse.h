/** parse: plan XML files → the plan model (model/model.h), checked.
 *
 *  parse_plan() reads the plan file and every part it includes, validates
 *  each against the compiled-in schema, builds the model, resolves
 *  references and runs the checks of docs/plan-format.md ("Checks"). All
 *  problems go to the diagnostic list; nothing is printed here. */
#ifndef BP_PARSE_H
#define BP_PARSE_H

#include "base/diag.h"
#include "model/model.h"

struct parse_options {
	/** The report date given on the command line, or BP_DAY_NONE to use
	 *  the plan's as-at. Year-less dates are read against it. */
	bp_day as_at;
	/** Limits (0: the defaults of docs/limits.md). */
	size_t max_files;
	size_t memory_budget;
};

enum parse_status {
	PARSE_OK,          /* a model was built; it may still have warnings */
	PARSE_ERRORS,      /* a model was built but has errors */
	PARSE_INVALID,     /* a file is not well-formed or not a valid plan */
	PARSE_IO           /* a file could not be read */
};

/** Parses the plan at path. Returns the status; *out receives the plan
 *  (free with plan_free) for PARSE_OK and PARSE_ERRORS, NULL otherwise. */
enum parse_status parse_plan(const char *path, const struct parse_options *opt,
			     struct diag_list *diags, struct plan **out);

/** The same for a plan held in memory; name is used in diagnostics and
 *  includes are resolved (and confined) to dir. */
enum parse_status parse_plan_buffer(const char *name, const char *data, size_t size,
				    const char *dir, const struct parse_options *opt,
				    struct diag_list *diags, struct plan **out);

void parse_options_init(struct parse_options *opt);

#endif
