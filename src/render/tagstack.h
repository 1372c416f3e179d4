/** A checked stack of PDF structure tags, kept beside cairo's own.
 *
 *  cairo 1.16 accepts a wrong structure name or an unbalanced
 *  cairo_tag_end() silently and then fails, or crashes, at
 *  cairo_show_page() or when the surface is finished. The renderer
 *  therefore pushes and pops every tag here first: a name that is not a
 *  standard structure type (or Link, or cairo's destination tag), an
 *  element where its parent does not allow it (TD outside TR, LI outside L,
 *  anything outside Document), a mismatched end, or tags left open at the
 *  end are bugs in boardpack and stop it through BUG(). */
#ifndef BP_TAGSTACK_H
#define BP_TAGSTACK_H

#include <stdbool.h>
#include <stddef.h>

#define TAGSTACK_MAX 512

struct tagstack {
	const char *names[TAGSTACK_MAX];
	size_t depth;
};

void tagstack_init(struct tagstack *ts);
/** True when name is a tag cairo accepts. */
bool tagstack_valid_name(const char *name);
/** True when name may be opened inside parent (NULL: at the top). */
bool tagstack_allowed(const char *parent, const char *name);
/** Checks and pushes name, which must stay valid while it is open. */
void tagstack_push(struct tagstack *ts, const char *name);
/** Checks that name is the innermost open tag and pops it. */
void tagstack_pop(struct tagstack *ts, const char *name);
/** Checks that nothing is left open. */
void tagstack_finish(const struct tagstack *ts);

#endif
