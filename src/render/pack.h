/** Writing a laid-out pack to its files: the PDF (rendered by cairo, then
 *  fixed by the PDF post-processor), an SVG per page (fixed by the SVG
 *  post-processor) and, on request, a PNG per page.
 *
 *  Every file appears whole or not at all (outfile.h): a failure half-way
 *  leaves the previous pack in place. Errors are reported through error();
 *  functions return 0 or -1. */
#ifndef BP_PACK_H
#define BP_PACK_H

#include <stdbool.h>

#include "layout/layout.h"

enum { PACK_PDF = 1 << 0, PACK_SVG = 1 << 1, PACK_PNG = 1 << 2 };

struct pack_output {
	const char *dir;        /* output directory; created when missing */
	const char *name;       /* "<plan-id>-<template>": the PDF is
				   dir/name.pdf, pages dir/name/page-NN.svg */
	unsigned formats;       /* PACK_PDF | PACK_SVG | PACK_PNG */
	double png_dpi;         /* PNG resolution */
};

struct pack_stats {
	double render_seconds, post_seconds;
	size_t pdf_bytes;
};

int pack_write(const struct layout_doc *ld, const struct pack_output *out,
	       struct pack_stats *stats);

/** Creates dir and its parents as needed. */
int pack_mkdirs(const char *dir);

#endif
