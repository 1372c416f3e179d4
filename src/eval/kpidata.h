/** KPI data from a CSV file merged into the plan's measures as actuals
 *  (docs/evaluation.md, "KPI data from CSV").
 *
 *  Each row is: measure code (or id), period or date, value, and an
 *  optional note; a first row of headings is recognised and skipped.
 *  Rows are read as a spreadsheet saves them: RFC 4180 quoting, CRLF or LF,
 *  an optional UTF-8 byte order mark. Every problem is reported against
 *  the file and row (`data.csv:12: error: …`): values that are not
 *  numbers, periods that are not dates, values impossible for the
 *  measure's unit, two values for the same measure and period (in the file
 *  or against the plan); an unknown code is a warning and its row is
 *  skipped. The actuals are appended to each measure's `actuals` in the
 *  plan's arena, with the file and row as their source. */
#ifndef BP_KPIDATA_H
#define BP_KPIDATA_H

#include "base/diag.h"
#include "model/model.h"

enum kpidata_status {
	KPIDATA_OK,       /* merged; there may be warnings */
	KPIDATA_ERRORS,   /* some rows are wrong: see diags */
	KPIDATA_IO        /* the file cannot be read */
};

/** Merges the file at path into plan. Dates written without a year are
 *  read against as_at, which is also the date after which values are
 *  noted as not yet known. */
enum kpidata_status kpidata_merge(struct plan *plan, const char *path, bp_day as_at,
				  struct diag_list *diags);

#endif
