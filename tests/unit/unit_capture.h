/* Catching what error() and warning() print, so a test can check the
 * message a bad input gets. Between capture_begin() and capture_end()
 * messages go to memory; capture_end() returns them as one line (each
 * message's newline turned into a space), valid until the next
 * capture_begin(). */
#ifndef BP_UNIT_CAPTURE_H
#define BP_UNIT_CAPTURE_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/diag.h"

static char *captured;
static size_t captured_len;
static FILE *capture_stream;

static inline void capture_begin(void)
{
	free(captured);
	captured = NULL;
	capture_stream = open_memstream(&captured, &captured_len);
	diag_set_stream(capture_stream);
}

static inline const char *capture_end(void)
{
	fclose(capture_stream);
	diag_set_stream(NULL);
	if (!captured)
		return "";
	/* One line per message; keep the TAP line readable. */
	for (char *nl = strchr(captured, '\n'); nl; nl = strchr(nl, '\n'))
		*nl = nl[1] ? ' ' : '\0';
	return captured;
}

#endif
