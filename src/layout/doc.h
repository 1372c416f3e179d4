/** The document model: what compose builds from a plan and a template, and
 *  what layout typesets.
 *
 *  A document is a list of sections; a section (a run of pages with one
 *  orientation and one set of margins; each starts a new page) is a list of
 *  blocks: headings, paragraphs, bullet lists, label-value panels, tables
 *  (whose cells may hold a small figure, such as a sparkline), figures
 *  (drawn by a callback), PNG images, page breaks and a contents list.
 *  Text is struct doc_text: UTF-8 with bold, italic and link spans, built
 *  with doc_text_add() and friends (plain text needs no escaping) or
 *  parsed from a small markup with doc_text_markup().
 *
 *  Ownership: every object is allocated from the arena given to doc_init()
 *  and lives until that arena is released; strings passed in are copied,
 *  except a figure's user pointer. Nothing here calls pango or cairo. */
#ifndef BP_DOC_H
#define BP_DOC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <cairo.h>

struct arena;

/** Colours are 0xRRGGBB. */
typedef uint32_t doc_rgb;

enum { DOC_BOLD = 1 << 0, DOC_ITALIC = 1 << 1 };

/** A styled or linked range of a text, in bytes. Bytes outside every span
 *  are plain. A link goes to a web address (uri) or to an anchor of this
 *  document (dest), never both. */
struct doc_span {
	size_t start, end;
	unsigned style;     /* DOC_BOLD | DOC_ITALIC */
	const char *uri;
	const char *dest;
};

/** Rich text. text is valid UTF-8 (invalid input is repaired with U+FFFD)
 *  and NUL-terminated; spans are sorted and do not overlap. A newline
 *  starts a new line. */
struct doc_text {
	struct arena *arena;
	char *text;
	size_t len, cap;
	struct doc_span *spans;
	size_t n_spans, cap_spans;
};

struct doc_text *doc_text_new(struct arena *a);
/** A plain text holding a copy of s (NULL gives an empty text). */
struct doc_text *doc_text_plain(struct arena *a, const char *s);
/** Appends s in the given style. */
void doc_text_add(struct doc_text *t, const char *s, unsigned style);
void doc_text_addf(struct doc_text *t, unsigned style, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/** Appends s as a link to a web address. */
void doc_text_add_link(struct doc_text *t, const char *s, unsigned style, const char *uri);
/** Appends s as a link to an anchor of the document (a heading's or a table
 *  cell's). Layout reports a link to an anchor that does not exist. */
void doc_text_add_ref(struct doc_text *t, const char *s, unsigned style, const char *anchor);
bool doc_text_empty(const struct doc_text *t);

/** Parses a small markup: <b>, <i>, <a href="..."> (an href starting with
 *  '#' is an internal link to that anchor), the entities &amp; &lt; &gt;
 *  &quot; &apos; and numeric character references. Returns NULL and writes
 *  a message into err on anything else. */
struct doc_text *doc_text_markup(struct arena *a, const char *markup, char *err, size_t errsize);
/** s with & < > " ' escaped, for building markup around user text. */
char *doc_markup_escape(struct arena *a, const char *s);

enum doc_align { DOC_ALIGN_LEFT, DOC_ALIGN_CENTER, DOC_ALIGN_RIGHT };
enum doc_orientation { DOC_PORTRAIT, DOC_LANDSCAPE };

/** Margins in points. */
struct doc_margins {
	double top, right, bottom, left;
};

/** Colours of a pack, chosen by the template. Layout keeps every text at a
 *  contrast of at least 4.5:1 with what is behind it: text on a fill gets
 *  black or white, and a text colour too light for white paper is
 *  darkened. */
struct doc_theme {
	doc_rgb text;         /* body text */
	doc_rgb accent;       /* headings */
	doc_rgb link;
	doc_rgb header_fill;  /* table header rows */
	doc_rgb group_fill;   /* group rows (priority bands) */
	doc_rgb label_fill;   /* label cells of label-value panels */
	doc_rgb rule;         /* table grid lines */
};

enum doc_block_kind {
	DOC_HEADING,
	DOC_PARAGRAPH,
	DOC_LIST,
	DOC_PANEL,
	DOC_TABLE,
	DOC_FIGURE,
	DOC_IMAGE,
	DOC_PAGE_BREAK,
	DOC_CONTENTS
};

/** Headings level 1 to 3. Every heading gets a named destination (its
 *  anchor, or a generated one) for bookmarks and the contents. */
struct doc_heading {
	int level;
	struct doc_text *text;
	const char *anchor;     /* NULL: generated */
	bool in_contents;       /* listed in the contents (default true) */
};

enum doc_para_role {
	DOC_PARA_BODY,
	DOC_PARA_SMALL,     /* notes, sources */
	DOC_PARA_TITLE,     /* cover title */
	DOC_PARA_SUBTITLE
};

struct doc_paragraph {
	struct doc_text *text;
	enum doc_para_role role;
	enum doc_align align;
};

struct doc_list_item {
	int level;              /* 0 outermost; at most one deeper than the item before */
	struct doc_text *text;
};

struct doc_list {
	struct arena *arena;
	struct doc_list_item *items;
	size_t n, cap;
};

struct doc_panel_row {
	struct doc_text *label;
	struct doc_text *value;
};

/** Label-value pairs ("Lead: Head of Service"), set as a two-column table
 *  whose labels are row headers. */
struct doc_panel {
	struct arena *arena;
	struct doc_panel_row *rows;
	size_t n, cap;
};

enum doc_width_kind {
	DOC_WIDTH_AUTO,    /* from the content: between the widest word and the
			      longest line */
	DOC_WIDTH_FIXED,   /* value points, padding included */
	DOC_WIDTH_FR       /* value shares of what fixed and auto columns leave */
};

struct doc_column {
	enum doc_width_kind kind;
	double value;
	struct doc_text *header;   /* NULL: empty header cell */
	enum doc_align align;
	bool row_header;           /* cells of this column head their row (TH) */
};

/** A status shown as its label on a coloured fill; the label is always
 *  printed, so the status never depends on colour alone. */
struct doc_status {
	const char *label;
	doc_rgb fill;
};

struct doc_figure;

/** A table cell. From the top its content is the status label, then the
 *  text; a figure (a small chart such as a sparkline) goes between the
 *  two, or below the text when figure_below is set. */
struct doc_cell {
	struct doc_text *text;        /* NULL: empty */
	const struct doc_status *status;  /* NULL: none; drawn above the text */
	const char *anchor;           /* a destination other text can link to */
	const char *link_dest;        /* the whole cell links to this anchor */
	const char *link_uri;         /* ... or to this web address */
	const struct doc_figure *figure;  /* NULL: none; see doc_cell_figure() */
	bool figure_below;            /* the figure after the text, not before */
};

enum doc_row_kind { DOC_ROW_DATA, DOC_ROW_GROUP };

struct doc_row {
	enum doc_row_kind kind;
	struct doc_cell *cells;       /* n_cols cells; a group row uses cells[0] */
	doc_rgb group_fill;           /* group rows; 0 with has_fill false: theme */
	bool has_fill;
};

struct doc_table {
	struct arena *arena;
	size_t n_cols;
	struct doc_column *cols;
	bool header;                  /* print the header row (default true) */
	struct doc_text *caption;     /* printed above the table; may be NULL */
	struct doc_row **rows;
	size_t n_rows, cap_rows;
};

/** Draws a figure into the box (0, 0)-(width, height) of cr, in points.
 *  Called once per output (PDF, each SVG, each PNG); must draw the same
 *  each time. */
typedef void (*doc_draw_fn)(cairo_t *cr, double width, double height, void *user);

/** A figure: a block of its own, or the picture of a table cell
 *  (doc_cell_figure()), where it is a Figure element inside the cell's TD
 *  and takes the cell's width for the frame's. */
struct doc_figure {
	double width, height;   /* points; width 0 takes the frame width. A
				   figure too big for the frame is scaled down,
				   keeping its proportions */
	doc_draw_fn draw;
	void *user;
	const char *alt;        /* alternative text: required */
	struct doc_text *caption;   /* blocks only: a cell's figure has none */
	enum doc_align align;       /* across the frame, or the cell */
};

struct doc_image {
	const char *path;       /* PNG file */
	double width;           /* points; 0: the image's pixels at 96 dpi */
	const char *alt;        /* required */
	enum doc_align align;
};

struct doc_contents {
	struct doc_text *title;   /* NULL: "Contents" */
	int depth;                /* headings of levels 1..depth are listed */
};

struct doc_block {
	enum doc_block_kind kind;
	struct doc_block *next;
	union {
		struct doc_heading heading;
		struct doc_paragraph para;
		struct doc_list list;
		struct doc_panel panel;
		struct doc_table table;
		struct doc_figure figure;
		struct doc_image image;
		struct doc_contents contents;
	} u;
};

struct doc_section {
	struct doc *doc;
	enum doc_orientation orientation;
	struct doc_margins margins;
	struct doc_block *first, *last;
	struct doc_section *next;
};

/** The document. Fields are set directly by the builder; NULL strings are
 *  left out. */
struct doc {
	struct arena *arena;
	const char *title;      /* PDF title, and the running header's default */
	const char *subject;
	const char *author;
	const char *keywords;
	const char *creator;    /* default "boardpack" */
	const char *lang;       /* BCP 47; default "en-GB" */
	const char *marking;    /* protective marking, e.g. "OFFICIAL-SENSITIVE":
				   top and bottom of every page and once at the
				   start of the body */
	const char *header_text;  /* top left of every page; default title */
	const char *as_at;      /* "30 Sep 2023": "Data as at ..." in the footer */
	const char *version;    /* "Version ..." in the footer */
	const char *footer_text;  /* replaces the as-at and version text */
	int year, month, day;   /* the PDF's creation and modification date;
				   0: $SOURCE_DATE_EPOCH, else the run's time */
	struct doc_theme theme;
	struct doc_section *first, *last;
};

void doc_init(struct doc *d, struct arena *a);
struct doc_theme doc_theme_default(void);

/** A new section at the end, with default margins for its orientation. */
struct doc_section *doc_add_section(struct doc *d, enum doc_orientation o);

struct doc_heading *doc_add_heading(struct doc_section *s, int level,
				    struct doc_text *text, const char *anchor);
struct doc_paragraph *doc_add_paragraph(struct doc_section *s, struct doc_text *text);
struct doc_list *doc_add_list(struct doc_section *s);
void doc_list_add(struct doc_list *l, int level, struct doc_text *text);
struct doc_panel *doc_add_panel(struct doc_section *s);
void doc_panel_add(struct doc_panel *p, struct doc_text *label, struct doc_text *value);

/** A table of n_cols columns, all automatic width with empty headers until
 *  doc_table_column() says otherwise. */
struct doc_table *doc_add_table(struct doc_section *s, size_t n_cols);
void doc_table_column(struct doc_table *t, size_t col, enum doc_width_kind kind,
		      double value, struct doc_text *header);
/** A data row of empty cells, to fill in through row->cells[i]. */
struct doc_row *doc_table_add_row(struct doc_table *t);
/** A full-width band, such as a priority's title. */
struct doc_row *doc_table_add_group(struct doc_table *t, struct doc_text *text);
/** Gives cell c of table t a picture drawn by draw (a sparkline, a bullet
 *  chart) of width x height points, with its alternative text (required).
 *  The row is made tall enough for it; a picture wider than its column,
 *  or taller than half the frame, is scaled down keeping its proportions.
 *  The figure is never split between pages; its align field places it
 *  across the cell (default left). */
struct doc_figure *doc_cell_figure(struct doc_table *t, struct doc_cell *c, double width,
				   double height, doc_draw_fn draw, void *user, const char *alt);
/** A status for cells, allocated from the document's arena. */
const struct doc_status *doc_status_new(struct doc *d, const char *label, doc_rgb fill);

struct doc_figure *doc_add_figure(struct doc_section *s, double width, double height,
				  doc_draw_fn draw, void *user, const char *alt);
struct doc_image *doc_add_image(struct doc_section *s, const char *path, double width,
				const char *alt);
void doc_add_page_break(struct doc_section *s);
struct doc_contents *doc_add_contents(struct doc_section *s, int depth);

#endif
