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
	unsigned processes;     /* 2: while this process writes the PDF, a
				   second one may write SVG pages (on a machine
				   of two cores or more, when no other work
				   shares them); 0 or 1: this process only */
};

/** The stages of pack_write(), in the order they run. */
enum pack_stage {
	PACK_STAGE_PDF,       /* cairo drawing the PDF */
	PACK_STAGE_PDF_FIX,   /* the PDF post-processor */
	PACK_STAGE_SVG,       /* SVG pages, drawn and post-processed */
	PACK_STAGE_PNG
};

/** What pack_write() reports back. The caller sets stage_end (or leaves
 *  it NULL) before the call: it is called as each stage ends, so that a
 *  caller can time the stages and measure their memory. */
struct pack_stats {
	size_t pdf_bytes;
	void (*stage_end)(void *user, enum pack_stage stage);
	void *user;
};

/** Writes the formats asked for. Pages that nothing drawn after the PDF
 *  needs (every page for a PDF alone) lose their drawing operations as
 *  the PDF is drawn (layout_release_page()): afterwards ld is good for
 *  its page count and layout_release() only. */
int pack_write(struct layout_doc *ld, const struct pack_output *out,
	       struct pack_stats *stats);

/** Creates dir and its parents as needed. */
int pack_mkdirs(const char *dir);

#endif
