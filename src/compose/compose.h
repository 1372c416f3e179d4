/** compose: a plan, its evaluation and a pack's choice of sections → the
 *  document (layout/doc.h) the typesetter lays out.
 *
 *  A pack is an ordered list of sections (cover, contents, the action plan
 *  as RAG tables …), each with its options; compose_pack() walks the list
 *  and appends each section's blocks. compose reads the plan and the
 *  evaluation and never changes them.
 *
 *  Ownership: the document and everything in it are allocated from the
 *  arena passed in; they point into the plan and the evaluation, which
 *  must outlive the document. */
#ifndef BP_COMPOSE_H
#define BP_COMPOSE_H

#include <stdbool.h>

#include "base/diag.h"
#include "eval/eval.h"
#include "layout/doc.h"
#include "model/model.h"

enum pack_section_kind {
	SECTION_COVER,
	SECTION_CONTENTS,
	SECTION_ACTION_PLAN,
	SECTION_RAG_KEY
};

struct pack_section {
	enum pack_section_kind kind;
	enum doc_orientation orientation;
	const char *title;          /* heading; NULL: the section's own */
};

/** What a pack looks like: its sections in order and its page furniture. */
struct pack_spec {
	const char *name;           /* "plain" */
	const char *title;          /* "Action plan": printed on the cover */
	const struct pack_section *sections;
	size_t n_sections;
	const char *marking;        /* NULL: the plan's */
};

/** The plain pack every plan gets until templates choose: cover, contents,
 *  every action as RAG tables by priority, and the RAG key. */
const struct pack_spec *pack_plain(void);

/** Builds the document for plan as evaluated. Returns NULL after adding an
 *  error to diags when a section cannot be made. */
struct doc *compose_pack(const struct plan *plan, const struct plan_eval *ev,
			 const struct pack_spec *spec, struct arena *a,
			 struct diag_list *diags);

#endif
