/** An RFC 4180 CSV reader over a buffer: comma-separated fields, fields in
 *  double quotes may hold commas, line breaks and doubled quotes; records
 *  end with CRLF, LF or CR. A UTF-8 byte order mark at the start is
 *  skipped. Rows are numbered as a spreadsheet numbers them (a blank line
 *  is a row), so messages can say `data.csv:12`. */
#ifndef BP_CSVREAD_H
#define BP_CSVREAD_H

#include <stddef.h>

#include "base/strbuf.h"

struct csv_reader {
	const char *p, *end;
	long row;           /* the record just read, from 1 */
	struct strbuf pool; /* the fields of the current record, NUL-separated */
	size_t *offsets;
	char **fields;
	size_t n, cap;
	char error[160];    /* when csv_next() returns -1 */
};

void csv_reader_init(struct csv_reader *r, const char *data, size_t len);
void csv_reader_release(struct csv_reader *r);

/** Reads the next record into r->fields[0..r->n-1]. Returns 1, 0 at the
 *  end of the data, or -1 with r->error set (the reader then stops). */
int csv_next(struct csv_reader *r);

#endif
