/* Helpers every section uses: words, dates, anchors and links, statuses,
 * measures' values, tables and charts (internal.h). */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "base/strbuf.h"
#include "compose/internal.h"

/* ---- options ---------------------------------------------------------- */

bool opt_has(const struct tpl_section *ts, enum sopt k, int choice)
{
	const struct sopt_value *v = &ts->opts[k];
	for (size_t i = 0; i < v->n_items; i++)
		if (v->items[i] == choice)
			return true;
	return false;
}

const char *section_title(const struct tpl_section *ts)
{
	const char *t = ts->opts[SOPT_TITLE].text;
	return t ? t : ts->def->title;
}

/* ---- words ------------------------------------------------------------ */

struct doc_text *ctext(struct composer *c, const char *s)
{
	return doc_text_plain(c->a, s ? s : "");
}

struct doc_text *ctextf(struct composer *c, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *s = arena_vprintf(c->a, fmt, ap);
	va_end(ap);
	return doc_text_plain(c->a, s);
}

struct doc_text *prose_text(struct composer *c, const struct prose *p)
{
	struct strbuf sb = STRBUF_INIT;
	int number = 0;
	for (size_t i = 0; i < p->n; i++) {
		if (i)
			strbuf_addc(&sb, '\n');
		if (p->blocks[i].kind == PROSE_BULLET)
			strbuf_adds(&sb, "\xe2\x80\xa2 ");
		if (p->blocks[i].kind == PROSE_NUMBERED)
			strbuf_addf(&sb, "%d. ", ++number);
		else
			number = 0;
		strbuf_adds(&sb, p->blocks[i].markup);
	}
	char err[160];
	struct doc_text *t = doc_text_markup(c->a, strbuf_str(&sb), err, sizeof err);
	if (!t)  /* the parse stage escapes everything it keeps: cannot happen */
		t = doc_text_plain(c->a, p->text);
	strbuf_release(&sb);
	return t;
}

const char *day_words(struct composer *c, bp_day d)
{
	char buf[32];
	if (d == BP_DAY_NONE)
		return NULL;
	return arena_strdup(c->a, day_format(d, buf, sizeof buf));
}

const char *month_words(struct composer *c, bp_day d)
{
	static const char *const names[12] = {
		"January", "February", "March", "April", "May", "June",
		"July", "August", "September", "October", "November", "December"
	};
	int y, m, dd;
	day_to_ymd(d, &y, &m, &dd);
	return arena_printf(c->a, "%s %d", names[m - 1], y);
}

const char *count_words(struct composer *c, size_t n, const char *one, const char *many)
{
	return arena_printf(c->a, "%zu %s", n, n == 1 ? one : many);
}

const char *capitalised(struct composer *c, const char *s)
{
	char *t = arena_strdup(c->a, s ? s : "");
	if (t[0] >= 'a' && t[0] <= 'z')
		t[0] = (char)(t[0] - 'a' + 'A');
	return t;
}

struct doc_paragraph *say(struct composer *c, struct doc_section *s, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *text = arena_vprintf(c->a, fmt, ap);
	va_end(ap);
	return doc_add_paragraph(s, doc_text_plain(c->a, text));
}

const char *expand_placeholders(struct composer *c, const char *s)
{
	if (!s)
		return NULL;
	const struct plan *p = c->plan;
	const char *values[] = {
		p->title,
		p->authority,
		p->board ? p->board : p->governance.board,
		c->tpl->title,
		day_words(c, c->ev->as_at),
		p->version,
		p->period,
		c->doc->marking,
	};
	struct strbuf sb = STRBUF_INIT;
	for (const char *q = s; *q; q++) {
		bool done = false;
		if (*q == '{') {
			for (size_t i = 0; template_placeholders[i]; i++) {
				size_t n = strlen(template_placeholders[i]);
				if (strncmp(q + 1, template_placeholders[i], n) == 0 && q[n + 1] == '}') {
					strbuf_adds(&sb, values[i] ? values[i] : "");
					q += n + 1;
					done = true;
					break;
				}
			}
		}
		if (!done)
			strbuf_addc(&sb, *q);
	}
	const char *out = arena_strdup(c->a, strbuf_str(&sb));
	strbuf_release(&sb);
	return out;
}

size_t month_windows(struct composer *c, int months, struct month_window *out)
{
	static const char *const short_names[12] = {
		"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
	};
	bp_day as_at = c->ev->as_at;
	bp_day start = as_at + 1;
	bp_day end = day_month_end(start);
	if (as_at != day_month_end(as_at))
		end = day_month_end(day_add_months(day_month_end(as_at) + 1, 0));
	for (int i = 0; i < months && i < 12; i++) {
		struct month_window *w = &out[i];
		w->from = start;
		w->to = end;
		int y, m, d;
		day_to_ymd(end, &y, &m, &d);
		bp_day month_start = day_from_ymd(y, m, 1);
		if (start == month_start) {
			w->label = arena_printf(c->a, "%s %d", short_names[m - 1], y);
			w->title = month_words(c, end);
		} else {
			char from_buf[32], to_buf[32];
			day_format(start, from_buf, sizeof from_buf);
			day_format(end, to_buf, sizeof to_buf);
			w->label = arena_printf(c->a, "To %s", to_buf);
			w->title = arena_printf(c->a, "%s to %s", from_buf, to_buf);
		}
		start = end + 1;
		end = day_month_end(start);
	}
	return (size_t)(months < 12 ? months : 12);
}

/* ---- anchors and links -------------------------------------------------- */

struct doc_heading *section_heading(struct composer *c, struct doc_section *s,
				    const struct tpl_section *ts)
{
	return doc_add_heading(s, 1, ctext(c, expand_placeholders(c, section_title(ts))),
			       arena_printf(c->a, "s%zu", c->index + 1));
}

const char *local_anchor(struct composer *c, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *rest = arena_vprintf(c->a, fmt, ap);
	va_end(ap);
	return arena_printf(c->a, "s%zu-%s", c->index + 1, rest);
}

const char *action_anchor(struct composer *c, const struct action *a)
{
	return arena_printf(c->a, "action-%zu", a->index + 1);
}

const char *area_anchor(struct composer *c, const struct area *ar)
{
	return arena_printf(c->a, "area-%zu", ar->index + 1);
}

const char *area_title(struct composer *c, const struct area *ar)
{
	if (ar->ref && ar->title && strncmp(ar->title, ar->ref, strlen(ar->ref)) != 0)
		return arena_printf(c->a, "%s %s", ar->ref, ar->title);
	return ar->title ? ar->title : ar->ref ? ar->ref : ar->id;
}

const struct area *top_area(const struct area *ar)
{
	while (ar && ar->parent)
		ar = ar->parent;
	return ar;
}

const char *leads_words(struct composer *c, const struct refs *leads)
{
	struct strbuf sb = STRBUF_INIT;
	for (size_t i = 0; i < leads->n; i++) {
		const struct person *p = leads->targets[i];
		if (i)
			strbuf_addc(&sb, '\n');
		strbuf_adds(&sb, p ? p->display : leads->ids[i]);
	}
	const char *s = arena_strdup(c->a, strbuf_str(&sb));
	strbuf_release(&sb);
	return s;
}

const char *leads_list(struct composer *c, const struct refs *leads)
{
	struct strbuf sb = STRBUF_INIT;
	for (size_t i = 0; i < leads->n; i++) {
		const struct person *p = leads->targets[i];
		if (i)
			strbuf_adds(&sb, "; ");
		strbuf_adds(&sb, p ? p->display : leads->ids[i]);
	}
	const char *s = arena_strdup(c->a, strbuf_str(&sb));
	strbuf_release(&sb);
	return s;
}

bool refs_has(const struct refs *r, const void *target)
{
	for (size_t i = 0; i < r->n; i++)
		if (r->targets[i] == target)
			return true;
	return false;
}

void add_action_ref(struct composer *c, struct doc_text *t, const struct action *a)
{
	const char *ref = a->ref ? a->ref : a->id;
	if (c->action_row && c->action_row[a->index])
		doc_text_add_ref(t, ref, 0, action_anchor(c, a));
	else
		doc_text_add(t, ref, 0);
}

struct doc_text *action_ref_text(struct composer *c, const struct action *a)
{
	struct doc_text *t = doc_text_new(c->a);
	add_action_ref(c, t, a);
	return t;
}

const char *short_text(struct composer *c, const char *s, size_t n)
{
	if (!s)
		return "";
	size_t len = strlen(s);
	if (len <= n)
		return s;
	size_t cut = n;
	while (cut > n / 2 && s[cut] != ' ')
		cut--;
	if (s[cut] != ' ')
		cut = n;
	/* never cut inside a UTF-8 sequence */
	while (cut > 0 && ((unsigned char)s[cut] & 0xC0) == 0x80)
		cut--;
	return arena_printf(c->a, "%.*s\xe2\x80\xa6", (int)cut, s);
}

/* ---- statuses ------------------------------------------------------------- */

doc_rgb meaning_fill(enum status_meaning m)
{
	switch (m) {
	case MEANS_COMPLETE: return 0x0070C0;
	case MEANS_ON_TRACK: return 0x00B050;
	case MEANS_AT_RISK: return 0xFFC000;
	case MEANS_OFF_TRACK: return 0xC00000;
	case MEANS_NOT_STARTED: return 0xBFBFBF;
	case MEANS_NOT_APPLICABLE: break;
	}
	return 0xE7E6E6;
}

/* A status the plan gives no colour: the colour its label names ("RED",
 * "Amber"), else the colour of its meaning. Lancashire's AMBER means on
 * track; a green fill behind the word AMBER would contradict it. */
static doc_rgb label_fill(const struct status_def *s)
{
	static const struct {
		const char *word;
		doc_rgb fill;
	} named[] = {
		{ "red", 0xC00000 },  { "amber", 0xFFC000 }, { "green", 0x00B050 },
		{ "blue", 0x0070C0 }, { "grey", 0xBFBFBF },  { "gray", 0xBFBFBF },
		{ "orange", 0xF47738 }, { "purple", 0x7030A0 }, { "black", 0x000000 },
	};
	for (size_t i = 0; s->label && i < sizeof named / sizeof named[0]; i++)
		if (strcasecmp(s->label, named[i].word) == 0)
			return named[i].fill;
	return meaning_fill(s->means);
}

const struct doc_status *status_fill(struct composer *c, const struct status_def *s)
{
	if (!s)
		return NULL;
	return doc_status_new(c->doc, s->label, s->has_colour ? s->colour : label_fill(s));
}

const char *status_words(struct composer *c, enum eval_status st)
{
	return capitalised(c, eval_status_words(st));
}

bool status_done(enum eval_status st)
{
	return st == EVAL_DONE || st == EVAL_DONE_LATE;
}

const struct doc_status *computed_fill(struct composer *c, enum eval_status st,
				       enum status_meaning meaning,
				       const struct eval_mapped *mapped)
{
	if (mapped->status)
		return status_fill(c, mapped->status);
	return doc_status_new(c->doc, status_words(c, st), meaning_fill(meaning));
}

const char *rag_words(enum eval_rag r)
{
	switch (r) {
	case EVAL_RAG_GREEN: return "Green";
	case EVAL_RAG_AMBER: return "Amber";
	case EVAL_RAG_RED: return "Red";
	case EVAL_RAG_NONE: break;
	}
	return "Not rated";
}

const struct doc_status *rag_fill(struct composer *c, enum eval_rag r)
{
	static const doc_rgb fills[EVAL_RAG_COUNT] = {
		[EVAL_RAG_NONE] = 0xE7E6E6,
		[EVAL_RAG_GREEN] = 0x00B050,
		[EVAL_RAG_AMBER] = 0xFFC000,
		[EVAL_RAG_RED] = 0xC00000,
	};
	return doc_status_new(c->doc, rag_words(r), fills[r]);
}

const struct rating *action_rating(const struct action *a, enum rating_kind k)
{
	for (size_t i = 0; i < a->ratings.n; i++)
		if (a->ratings.items[i]->kind == k)
			return a->ratings.items[i];
	return NULL;
}

const struct rating *reported_rating(const struct action *a)
{
	const struct rating *r = action_rating(a, RATING_ACTION);
	return r ? r : action_rating(a, RATING_OVERALL);
}

const struct eval_rating *rating_eval(const struct action_eval *ae, const struct rating *r)
{
	for (size_t i = 0; r && i < ae->n_ratings; i++)
		if (ae->ratings[i].rating == r)
			return &ae->ratings[i];
	return NULL;
}

const struct update *latest_update(const struct update_vec *v)
{
	const struct update *latest = NULL;
	bp_day latest_day = BP_DAY_NONE;
	for (size_t i = 0; i < v->n; i++) {
		bp_day d = when_start(v->items[i]->date.when);
		if (!latest || (d != BP_DAY_NONE && d >= latest_day) ||
		    (d == BP_DAY_NONE && latest_day == BP_DAY_NONE)) {
			latest = v->items[i];
			latest_day = d != BP_DAY_NONE ? d : latest_day;
		}
	}
	return latest;
}

/* ---- measures -------------------------------------------------------------- */

static enum measure_unit unit_of(const struct measure_eval *me)
{
	return me->measure ? me->measure->unit : UNIT_NONE;
}

const char *value_words(struct composer *c, const struct measure_eval *me, double v)
{
	return chart_format_value(c->a, v, unit_of(me), -1);
}

const char *point_words(struct composer *c, const struct measure_eval *me,
			const struct eval_point *p)
{
	if (!p->present)
		return NULL;
	const char *v = value_words(c, me, p->value);
	const char *when = p->source && p->source->date.text ? p->source->date.text
			   : p->date != BP_DAY_NONE ? day_words(c, p->date) : NULL;
	return when ? arena_printf(c->a, "%s (%s)", v, when) : v;
}

const char *measure_name(struct composer *c, const struct measure *m)
{
	const char *name = m->name ? m->name : m->id;
	return m->code ? arena_printf(c->a, "%s: %s", m->code, name) : name;
}

const char *trend_words(struct composer *c, const struct measure_eval *me,
			const struct eval_change *ch)
{
	(void)me;
	if (!ch->present || ch->trend == EVAL_TREND_NONE)
		return NULL;
	static const char *const words[] = {
		[EVAL_TREND_NONE] = "", [EVAL_TREND_BETTER] = "Better \xe2\x86\x91",
		[EVAL_TREND_SAME] = "No change", [EVAL_TREND_WORSE] = "Worse \xe2\x86\x93",
		[EVAL_TREND_UP] = "Up", [EVAL_TREND_DOWN] = "Down",
	};
	if (ch->reason)
		return arena_printf(c->a, "%s\n%s", words[ch->trend], ch->reason);
	return words[ch->trend];
}

bool measure_has_data(const struct measure_eval *me)
{
	return me->latest.present || me->baseline.present || me->target_now.present ||
	       me->final_target.present;
}

/* ---- tables and charts ------------------------------------------------------- */

struct doc_table *new_table(struct composer *c, struct doc_section *s, size_t n_cols)
{
	(void)c;
	return doc_add_table(s, n_cols);
}

void column(struct composer *c, struct doc_table *t, size_t i, enum doc_width_kind kind,
	    double value, const char *header)
{
	doc_table_column(t, i, kind, value, ctext(c, header));
}

static const char *chart_file_name(struct composer *c, const char *kind)
{
	return arena_printf(c->a, "chart-%02zu-%s", c->n_charts + 1, kind);
}

void record_chart(struct composer *c, const struct chart *ch, const char *kind)
{
	if (c->n_charts == c->cap_charts) {
		size_t cap = c->cap_charts ? c->cap_charts * 2 : 8;
		c->charts = arena_grow(c->a, c->charts, c->n_charts, cap, sizeof *c->charts);
		c->cap_charts = cap;
	}
	c->charts[c->n_charts].name = chart_file_name(c, kind);
	c->charts[c->n_charts].chart = ch;
	c->n_charts++;
}

void add_chart(struct composer *c, struct doc_section *s, const struct chart *ch,
	       const char *kind)
{
	chart_add_figure(s, ch, NULL);
	record_chart(c, ch, kind);
}

struct chart_pair {
	const struct chart *left, *right;
};

static void draw_pair(cairo_t *cr, double width, double height, void *user)
{
	const struct chart_pair *p = user;
	double half = width / 2;
	cairo_save(cr);
	chart_draw(cr, half, height, (void *)p->left);
	cairo_restore(cr);
	cairo_save(cr);
	cairo_translate(cr, half, 0);
	chart_draw(cr, half, height, (void *)p->right);
	cairo_restore(cr);
}

void add_chart_pair(struct composer *c, struct doc_section *s, const struct chart *left,
		    const struct chart *right)
{
	struct chart_pair *p = arena_new(c->a, struct chart_pair);
	p->left = left;
	p->right = right;
	double h = left->height > right->height ? left->height : right->height;
	const char *alt = arena_printf(c->a, "Two charts. Left: %s Right: %s", left->alt,
				       right->alt);
	doc_add_figure(s, left->width + right->width, h, draw_pair, p, alt);
	record_chart(c, left, "kpi");
	record_chart(c, right, "kpi");
}

double frame_width(const struct doc_section *s)
{
	double page = s->orientation == DOC_LANDSCAPE ? 841.8898 : 595.2756;
	return page - s->margins.left - s->margins.right;
}

struct doc_text *evidence_text(struct composer *c, const struct action *a)
{
	struct doc_text *t = doc_text_new(c->a);
	for (size_t i = 0; i < a->evidence.n; i++) {
		const struct evidence *e = a->evidence.items[i];
		if (i)
			doc_text_add(t, "\n", 0);
		if (e->date.text)
			doc_text_addf(t, DOC_BOLD, "%s: ", e->date.text);
		const char *words = e->text.n ? e->text.text : e->href;
		if (e->href)
			doc_text_add_link(t, words, 0, e->href);
		else
			doc_text_add(t, words ? words : "", 0);
	}
	return t;
}
