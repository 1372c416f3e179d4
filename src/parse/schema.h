/** Validation of plan files against the RelaxNG schema compiled into the
 *  binary (docs/plan.rng; readable form docs/plan.rnc). */
#ifndef BP_SCHEMA_H
#define BP_SCHEMA_H

#include <libxml/tree.h>
#include <stdbool.h>

#include "base/diag.h"

/** Validates doc against the embedded schema named by its source path
 *  ("docs/plan.rng"); each problem becomes an error at its line. Returns
 *  true when the document is valid. */
bool schema_validate(const char *schema_path, xmlDocPtr doc, const char *file,
		     int file_order, struct diag_list *diags);

/** Frees the compiled schemas (at exit, to keep leak checkers quiet). */
void schema_release_all(void);

#endif
