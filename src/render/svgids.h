/** The new ids of an SVG and the rewriting of references to them.
 *
 *  svgpost has two readers of cairo's bytes (a byte scanner for the XML
 *  cairo writes, libxml2 for anything else); both must give an id the same
 *  new name and rewrite a reference the same way, so both call this. The
 *  naming rule is svgpost.h's: "<prefix>-<stem><n>", the stem being the old
 *  id without its trailing digits and hyphens, n counting ids of that stem
 *  from 1 in the order they are defined.
 *
 *  A refusal (an id defined twice, a reference to an id never defined or to
 *  something outside the file, a malformed url()) is reported through
 *  error() unless the table was made quiet: the byte scanner is quiet
 *  because it hands any such file to libxml2, which reports it. */
#ifndef BP_SVGIDS_H
#define BP_SVGIDS_H

#include <stdbool.h>

#include "base/arena.h"
#include "base/strbuf.h"
#include "base/strmap.h"

struct svgids {
	const char *prefix;     /* valid as svgpost_options.id_prefix */
	bool quiet;             /* refusals are not reported */
	struct strmap fresh;    /* old id -> new id */
	struct strmap stems;    /* stem -> ids of that stem so far (a count) */
	struct arena arena;     /* the keys and new ids of both maps */
};

void svgids_init(struct svgids *ids, const char *prefix, bool quiet);
void svgids_release(struct svgids *ids);

/** Gives old its new id and returns it; NULL when old is already defined. */
const char *svgids_define(struct svgids *ids, const char *old);

/** The new id of old, or NULL when old was never defined. */
const char *svgids_lookup(struct svgids *ids, const char *old);

/** What an attribute holds, for svgids_rewrite(). */
enum svgids_attr {
	SVGIDS_ID,      /* id without a namespace: an id defined here */
	SVGIDS_HREF,    /* href in any namespace: "#id", or an embedded data: URI */
	SVGIDS_OTHER    /* anything else: may hold url(#id) references */
};

/** Rewrites the references in an attribute's value (its text, entities
 *  already replaced). Returns 1 with the new value appended to out, 0 when
 *  the value stays as it is (out untouched), -1 on a refusal. */
int svgids_rewrite(struct svgids *ids, enum svgids_attr kind, const char *value,
		   struct strbuf *out);

#endif
