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

/** Whether doc is valid under each of the two forms the schema is
 *  compiled in (see schema.c): the quick one checked first and the one as
 *  written that gives the messages. They must always agree; the tests
 *  check that they do. */
void schema_forms_valid(const char *schema_path, xmlDocPtr doc, bool *quick, bool *as_written);

/** Frees the compiled schemas (at exit, to keep leak checkers quiet). */
void schema_release_all(void);

#endif
