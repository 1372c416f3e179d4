/** The evaluated plan as JSON and as CSV, in the shapes documented in
 *  docs/eval-json.md (kept stable: people load them into Excel and Power
 *  BI). Both write the same bytes for the same evaluation. */
#ifndef BP_EVAL_OUTPUT_H
#define BP_EVAL_OUTPUT_H

#include <stdio.h>

#include "eval/eval.h"

/** The version of the output shapes, printed in both. */
#define EVAL_OUTPUT_VERSION 1

/** Write the evaluation to f. Return 0, or -1 when f reports an error. */
int eval_write_json(const struct plan_eval *ev, FILE *f);
int eval_write_csv(const struct plan_eval *ev, FILE *f);

#endif
