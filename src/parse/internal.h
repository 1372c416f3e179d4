/* Shared between the files of the parse stage only. */
#ifndef BP_PARSE_INTERNAL_H
#define BP_PARSE_INTERNAL_H

#include "base/diag.h"
#include "model/model.h"
#include "parse/parse.h"

/** Resolves every reference and runs the semantic checks on a built plan.
 *  Returns the number of errors found. */
size_t check_plan(struct plan *plan, const struct parse_options *opt,
		  struct diag_list *diags);


#endif
