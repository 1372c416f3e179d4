/* Tests of what layout keeps together across a page break: a heading with
 * the start of what follows it (a paragraph, a list, a table, a figure and
 * its caption, another heading and what that one introduces), a table's
 * header row with its first data row (or the first lines of a split row),
 * and a group band (priority) with the row after it.
 *
 * Each case is laid out many times behind a spacer figure whose height
 * grows in small steps, so the block lands at every height near the foot
 * of the page, including those where it used to be left stranded. All
 * documents are synthetic. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "layout/doc.h"
#include "layout/fonts.h"
#include "layout/layout.h"
#include "unit.h"
#include "unit_layout.h"

static struct fonts fonts;

static void print_problem(const char *what, void *user)
{
	(void)user;
	printf("# layout problem: %s\n", what);
}

static void draw_nothing(cairo_t *cr, double w, double h, void *user)
{
	(void)cr;
	(void)w;
	(void)h;
	(void)user;
}

/* The first page (0-based) with a body text containing needle, or -1. */
static long page_of(struct arena *a, const struct layout_doc *ld, const char *needle)
{
	for (size_t p = 0; p < ld->n_pages; p++)
		for (size_t i = 0; i < ld->pages[p].n_ops; i++) {
			const struct layout_op *op = &ld->pages[p].ops[i];
			if (op->kind == LAYOUT_OP_TEXT && !(op->flags & LAYOUT_TEXT_FURNITURE) &&
			    strstr(op_text(a, op), needle))
				return (long)p;
		}
	return -1;
}

/* The first page drawing figure fig, or -1. */
static long page_of_figure(const struct layout_doc *ld, const struct doc_figure *fig)
{
	for (size_t p = 0; p < ld->n_pages; p++)
		for (size_t i = 0; i < ld->pages[p].n_ops; i++)
			if (ld->pages[p].ops[i].kind == LAYOUT_OP_FIGURE &&
			    ld->pages[p].ops[i].u.figure.fig == fig)
				return (long)p;
	return -1;
}

/* Whether the last piece of content (text or picture, furniture aside) on
 * any page but the last is a heading. */
static bool heading_ends_a_page(const struct layout_doc *ld)
{
	for (size_t p = 0; p + 1 < ld->n_pages; p++) {
		const struct layout_op *last = NULL;
		for (size_t i = 0; i < ld->pages[p].n_ops; i++) {
			const struct layout_op *op = &ld->pages[p].ops[i];
			if ((op->kind == LAYOUT_OP_TEXT && !(op->flags & LAYOUT_TEXT_FURNITURE)) ||
			    op->kind == LAYOUT_OP_FIGURE || op->kind == LAYOUT_OP_IMAGE)
				last = op;
		}
		if (last && last->kind == LAYOUT_OP_TEXT && (last->flags & LAYOUT_TEXT_WRAP) &&
		    (last->tag == LAYOUT_TAG_H1 || last->tag == LAYOUT_TAG_H2 ||
		     last->tag == LAYOUT_TAG_H3))
			return true;
	}
	return false;
}

static const char *words(struct arena *a, const char *first, size_t n)
{
	static const char w[] = "children families practice partners review plan audit ";
	char *s = arena_array(a, char, strlen(first) + n + 2);
	size_t k = (size_t)snprintf(s, strlen(first) + 2, "%s ", first);
	for (size_t i = 0; i < n; i++)
		s[k++] = w[i % (sizeof w - 1)];
	s[k] = '\0';
	return s;
}

/* What the heading introduces in each case. */
enum follow {
	FOLLOW_PARAGRAPH,
	FOLLOW_LIST,
	FOLLOW_TABLE,
	FOLLOW_TALL_ROW,     /* a table whose first row would move whole */
	FOLLOW_SPLIT_ROW,    /* a table whose first row is split */
	FOLLOW_GROUP,        /* a table starting with a group band */
	FOLLOW_HEADINGS,     /* a second heading, then a table */
	FOLLOW_FIGURE,       /* a figure with a caption */
	FOLLOW_PANEL,
	FOLLOW_COUNT
};

static const char *const follow_names[FOLLOW_COUNT] = {
	"a paragraph", "a list", "a table", "a table with a tall first row",
	"a table whose first row splits", "a table starting with a group band",
	"a second heading and a table", "a figure with a caption", "a label-value panel",
};

static struct doc_table *keep_table(struct arena *a, struct doc_section *s, size_t first_chars,
				    bool group)
{
	/* A narrow column makes tall rows of little text. */
	struct doc_table *t = doc_add_table(s, 3);
	doc_table_column(t, 0, DOC_WIDTH_FIXED, 50, doc_text_plain(a, "Ref"));
	doc_table_column(t, 1, DOC_WIDTH_FIXED, 120, doc_text_plain(a, "HEADROW action"));
	doc_table_column(t, 2, DOC_WIDTH_FR, 1, doc_text_plain(a, "Lead"));
	if (group)
		doc_table_add_group(t, doc_text_plain(a, "BAND Priority 1: practice"));
	for (int i = 0; i < 4; i++) {
		struct doc_row *r = doc_table_add_row(t);
		r->cells[0].text = doc_text_plain(a, arena_printf(a, "1.%d", i + 1));
		r->cells[1].text = doc_text_plain(
			a, words(a, i == 0 ? "FIRSTROW" : "LATERROW", i == 0 ? first_chars : 60));
		r->cells[2].text = doc_text_plain(a, "Head of Service");
	}
	return t;
}

struct keep_case {
	struct doc doc;
	const struct doc_figure *spacer;
	const struct doc_figure *follow_fig;
};

/* [spacer figure][H2 "KEEPHEAD"][what follows] in a portrait section. */
static void build_case(struct keep_case *kc, struct arena *a, enum follow f, double spacer_h)
{
	struct doc *d = &kc->doc;
	doc_init(d, a);
	d->title = "Keeping together";
	d->year = 2023;
	d->month = 9;
	d->day = 30;
	struct doc_section *s = doc_add_section(d, DOC_PORTRAIT);
	kc->spacer = doc_add_figure(s, 200, spacer_h, draw_nothing, NULL, "Spacer");
	kc->follow_fig = NULL;
	doc_add_heading(s, 2, doc_text_plain(a, "KEEPHEAD the heading that must not be alone"),
			NULL);
	switch (f) {
	case FOLLOW_PARAGRAPH:
		doc_add_paragraph(s, doc_text_plain(a, words(a, "FIRSTROW", 600)));
		break;
	case FOLLOW_LIST: {
		struct doc_list *l = doc_add_list(s);
		doc_list_add(l, 0, doc_text_plain(a, words(a, "FIRSTROW", 300)));
		doc_list_add(l, 0, doc_text_plain(a, words(a, "LATERROW", 80)));
		break;
	}
	case FOLLOW_TABLE:
		keep_table(a, s, 40, false)->caption = doc_text_plain(a, "Table caption");
		break;
	case FOLLOW_TALL_ROW:
		keep_table(a, s, 650, false);
		break;
	case FOLLOW_SPLIT_ROW:
		keep_table(a, s, 2100, false);
		break;
	case FOLLOW_GROUP:
		keep_table(a, s, 300, true);
		break;
	case FOLLOW_HEADINGS:
		doc_add_heading(s, 3, doc_text_plain(a, "SUBHEAD a second heading"), NULL);
		keep_table(a, s, 300, false);
		break;
	case FOLLOW_FIGURE: {
		struct doc_figure *fig = doc_add_figure(s, 300, 120, draw_nothing, NULL, "A chart");
		fig->caption = doc_text_plain(a, words(a, "CAPTION", 200));
		kc->follow_fig = fig;
		break;
	}
	case FOLLOW_PANEL: {
		struct doc_panel *p = doc_add_panel(s);
		doc_panel_add(p, doc_text_plain(a, "Lead"), doc_text_plain(a, words(a, "FIRSTROW", 500)));
		doc_panel_add(p, doc_text_plain(a, "Due"), doc_text_plain(a, "LATERROW 30 Sep 2023"));
		break;
	}
	case FOLLOW_COUNT:
		break;
	}
}

/* Spacer heights to try: from `from` points to the foot of the frame
 * (a portrait frame is about 714 points high), `step` apart. What follows
 * a heading needs up to about 200 points to start, or half a page for a
 * first row that would otherwise move whole. */
struct sweep {
	double from, step;
};

static size_t sweep_count(struct sweep sw)
{
	return (size_t)floor((712 - sw.from) / sw.step) + 1;
}

static void test_heading_near_the_foot(void)
{
	struct arena a;
	arena_init(&a);
	for (int f = 0; f < FOLLOW_COUNT; f++) {
		struct sweep sw = { 480, 4 };
		if (f == FOLLOW_TALL_ROW)
			sw = (struct sweep){ 360, 5 };
		size_t layouts = 0, alone = 0, apart = 0, problems = 0, moved = 0;
		for (double h = sw.from; h <= 712; h += sw.step) {
			struct keep_case kc;
			build_case(&kc, &a, (enum follow)f, h);
			struct layout_doc *ld = layout_doc(&fonts, &kc.doc, &a);
			if (!ld)
				continue;
			layouts++;
			long head = page_of(&a, ld, "KEEPHEAD");
			long next = f == FOLLOW_FIGURE ? page_of_figure(ld, kc.follow_fig)
				    : page_of(&a, ld, "FIRSTROW");
			if (heading_ends_a_page(ld))
				alone++;
			if (head < 0 || next != head)
				apart++;
			if (head > 0)
				moved++;
			if (f == FOLLOW_HEADINGS && page_of(&a, ld, "SUBHEAD") != head)
				apart++;
			if (f == FOLLOW_FIGURE && page_of(&a, ld, "CAPTION") != next)
				apart++;
			if (f == FOLLOW_GROUP && page_of(&a, ld, "BAND") != head)
				apart++;
			problems += layout_check(ld, problems ? NULL : print_problem, NULL);
			layout_release(ld);
		}
		CHECK(layouts == sweep_count(sw), "a heading before %s lays out at every height (%zu)",
		      follow_names[f], layouts);
		CHECK_INT(alone, 0, "a heading before %s never ends a page", follow_names[f]);
		CHECK_INT(apart, 0, "a heading before %s starts on the page where it starts",
			  follow_names[f]);
		/* The test is only worth something if the heading was pushed
		 * over at some heights and stayed at others. */
		CHECK(moved > 0 && moved < layouts,
		      "a heading before %s was tried on both sides of a break (%zu of %zu moved)",
		      follow_names[f], moved, layouts);
		CHECK_INT(problems, 0, "the layouts with %s pass the self-check", follow_names[f]);
	}
	arena_release(&a);
}

/* A table starting near the foot of a page, with no heading before it: its
 * header row and its first data row (or the first lines of it) share a
 * page. */
static void test_table_near_the_foot(void)
{
	struct arena a;
	arena_init(&a);
	static const size_t first[] = { 40, 650, 1550, 2100 };
	static const char *const what[] = {
		"a short first row", "a first row that moves whole",
		"a first row that splits only when half a page is left",
		"a first row taller than a page",
	};
	static const struct sweep sweeps[] = { { 480, 4 }, { 360, 5 }, { 260, 5 }, { 480, 4 } };
	for (size_t k = 0; k < 4; k++) {
		for (int group = 0; group < 2; group++) {
			size_t layouts = 0, apart = 0, problems = 0, moved = 0;
			for (double h = sweeps[k].from; h <= 712; h += sweeps[k].step) {
				struct doc d;
				doc_init(&d, &a);
				d.title = "Keeping together";
				struct doc_section *s = doc_add_section(&d, DOC_PORTRAIT);
				doc_add_figure(s, 200, h, draw_nothing, NULL, "Spacer");
				keep_table(&a, s, first[k], group);
				struct layout_doc *ld = layout_doc(&fonts, &d, &a);
				if (!ld)
					continue;
				layouts++;
				long head = page_of(&a, ld, "HEADROW");
				if (head < 0 || page_of(&a, ld, "FIRSTROW") != head ||
				    (group && page_of(&a, ld, "BAND") != head))
					apart++;
				moved += head > 0;
				problems += layout_check(ld, problems ? NULL : print_problem, NULL);
				layout_release(ld);
			}
			CHECK(layouts == sweep_count(sweeps[k]), "tables with %s%s lay out (%zu)", what[k],
			      group ? " after a group band" : "", layouts);
			CHECK_INT(apart, 0, "the header row%s never ends a page before %s",
				  group ? " and group band" : "", what[k]);
			CHECK(moved > 0 && moved < layouts,
			      "the table with %s%s was tried on both sides of a break (%zu of %zu "
			      "moved)", what[k], group ? " after a group band" : "", moved, layouts);
			CHECK_INT(problems, 0, "those layouts pass the self-check");
		}
	}
	arena_release(&a);
}

/* Group bands in the middle of a long table: each on the page where the
 * row after it starts, for rows of many heights. */
static void test_group_bands(void)
{
	struct arena a;
	arena_init(&a);
	size_t bands = 0, apart = 0, problems = 0;
	for (int variant = 0; variant < 6; variant++) {
		struct doc d;
		doc_init(&d, &a);
		d.title = "Keeping together";
		struct doc_section *s = doc_add_section(&d, variant % 2 ? DOC_LANDSCAPE : DOC_PORTRAIT);
		struct doc_table *t = doc_add_table(s, 2);
		doc_table_column(t, 0, DOC_WIDTH_FIXED, 50, doc_text_plain(&a, "Ref"));
		doc_table_column(t, 1, DOC_WIDTH_FR, 1, doc_text_plain(&a, "Action"));
		int n_groups = 0;
		for (int i = 0; i < 120; i++) {
			if (i % (5 + variant) == 0)
				doc_table_add_group(t, doc_text_plain(&a, arena_printf(&a, "GROUP%03d band", n_groups++)));
			struct doc_row *r = doc_table_add_row(t);
			r->cells[0].text = doc_text_plain(&a, arena_printf(&a, "ROW%03d", i));
			r->cells[1].text = doc_text_plain(&a, words(&a, "text", (size_t)(40 + (i * 97 + variant * 31) % 900)));
		}
		struct layout_doc *ld = layout_doc(&fonts, &d, &a);
		if (!ld) {
			apart++;
			continue;
		}
		for (int i = 0, g = 0; i < 120; i++) {
			if (i % (5 + variant) != 0)
				continue;
			bands++;
			long band = page_of(&a, ld, arena_printf(&a, "GROUP%03d", g++));
			if (band < 0 || band != page_of(&a, ld, arena_printf(&a, "ROW%03d", i)))
				apart++;
		}
		problems += layout_check(ld, problems ? NULL : print_problem, NULL);
		layout_release(ld);
	}
	CHECK(bands > 80, "the long tables have group bands (%zu)", bands);
	CHECK_INT(apart, 0, "every group band is on the page where the row after it starts");
	CHECK_INT(problems, 0, "the long tables with bands pass the self-check");
	arena_release(&a);
}

int main(void)
{
	if (fonts_init(&fonts, NULL) < 0) {
		printf("not ok - fonts are found and load\n");
		return 1;
	}
	test_heading_near_the_foot();
	test_table_near_the_foot();
	test_group_bands();
	fonts_release(&fonts);
	return unit_done();
}
