#include "eval/kpidata.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/arena.h"
#include "base/strmap.h"
#include "eval/csvread.h"
#include "model/value.h"

#define MAX_DATA_FILE (64u * 1024 * 1024)

/* ---- values ------------------------------------------------------------ */


/* ---- measures and periods by name ------------------------------------- */

struct entry {
	const char *key;
	void *node;
	long row;           /* the data row, or 0 for a value of the plan */
	const struct dated_value *dv;
	int count;
	const char *names;      /* codes: the measures sharing it, in words */
	int listed;
};

/* A strmap whose values are entries, kept with their keys in an arena
 * that lives as long as the merge. */
struct map {
	struct strmap sm;
	struct arena *a;
};

static void map_init(struct map *m, struct arena *a, size_t expected)
{
	strmap_init(&m->sm, expected);
	m->a = a;
}

static void map_release(struct map *m)
{
	strmap_release(&m->sm);
}

static struct entry *map_find(const struct map *m, const char *key)
{
	return strmap_get(&m->sm, key);
}

/* The entry for key, created empty when it is not there. */
static struct entry *map_slot(struct map *m, const char *key)
{
	struct entry *e = map_find(m, key);
	if (e)
		return e;
	e = arena_new(m->a, struct entry);
	e->key = arena_strdup(m->a, key);
	strmap_put(&m->sm, e->key, e);
	return e;
}

static char *lower_dup(struct arena *a, const char *s)
{
	char *d = arena_strdup(a, s);
	for (char *p = d; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	return d;
}

/* ---- the merge ---------------------------------------------------------- */

struct merger {
	struct plan *plan;
	const char *path;         /* in the plan's arena */
	int file_order;
	bp_day as_at;
	struct diag_list *diags;
	struct arena tmp;               /* the maps' entries and keys */
	struct map ids, codes, lower;   /* measure by id, by code, by either in lower case */
	struct map seen;                /* measure and period → first value */
	size_t errors;
	long row;
};

static void report(struct merger *m, enum diag_severity sev, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void report(struct merger *m, enum diag_severity sev, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	diag_vadd(m->diags, sev, m->path, m->file_order, m->row, fmt, ap);
	va_end(ap);
	if (sev == DIAG_ERROR)
		m->errors++;
}

/* For a code that several measures share, the first four ids in words. */
static void name_shared_codes(struct merger *m)
{
	const struct measure_vec *v = &m->plan->measures;
	for (size_t i = 0; i < v->n; i++) {
		const struct measure *ms = v->items[i];
		if (!ms->code)
			continue;
		struct entry *e = map_slot(&m->codes, ms->code);
		if (e->count < 2)
			continue;
		if (e->listed < 4)
			e->names = arena_printf(m->plan->arena, "%s%s'%s'", e->listed ? e->names : "",
						e->listed ? ", " : "", ms->id);
		else if (e->listed == 4)
			e->names = arena_printf(m->plan->arena, "%s, …", e->names);
		e->listed++;
	}
}

static void index_measures(struct merger *m)
{
	const struct measure_vec *v = &m->plan->measures;
	map_init(&m->ids, &m->tmp, v->n);
	map_init(&m->codes, &m->tmp, v->n);
	map_init(&m->lower, &m->tmp, v->n * 2);
	for (size_t i = 0; i < v->n; i++) {
		struct measure *ms = v->items[i];
		map_slot(&m->ids, ms->id)->node = ms;
		struct entry *e = map_slot(&m->lower, lower_dup(&m->tmp, ms->id));
		if (e->node != ms)
			e->count++;
		e->node = ms;
		if (!ms->code)
			continue;
		e = map_slot(&m->codes, ms->code);
		e->count++;
		if (!e->node)
			e->node = ms;
		e = map_slot(&m->lower, lower_dup(&m->tmp, ms->code));
		if (e->node != ms)
			e->count++;
		e->node = ms;
	}
}

/* The measure a code names: an id first, then a code, then either
 * regardless of case; NULL after reporting when none or several. */
static struct measure *find_measure(struct merger *m, const char *code)
{
	const struct entry *e = map_find(&m->ids, code);
	if (e)
		return e->node;
	const struct entry *shared = map_find(&m->codes, code);
	if (shared && shared->count == 1)
		return shared->node;
	if (shared) {
		report(m, DIAG_ERROR, "measure code '%s' names %d measures (%s): write the "
		       "measure's id instead", code, shared->count, shared->names);
		return NULL;
	}
	e = map_find(&m->lower, lower_dup(&m->tmp, code));
	if (e && e->count == 1)
		return e->node;
	report(m, DIAG_WARNING, "unknown measure code '%s': no measure of the plan has this id "
	       "or code; row skipped", code);
	return NULL;
}

static bool utf8_valid(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	while (*p) {
		unsigned char c = *p;
		size_t len = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3
							    : (c & 0xF8) == 0xF0 ? 4 : 0;
		if (len == 0 || (len == 2 && c < 0xC2))
			return false;
		for (size_t i = 1; i < len; i++)
			if ((p[i] & 0xC0) != 0x80)
				return false;
		p += len;
	}
	return true;
}

static char *trimmed(struct merger *m, const char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	size_t n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	return arena_strndup(m->plan->arena, s, n);
}

/* A period or date: ISO days and months ("2023-09-30", "2023-09") or any
 * single date or period the plan format understands. */
static bool read_period(struct merger *m, const char *text, struct when *w)
{
	memset(w, 0, sizeof *w);
	bp_day d = day_parse_iso(text);
	int y, mo;
	char extra;
	if (d != BP_DAY_NONE) {
		w->kind = WHEN_POINT;
		w->n_points = 1;
		w->points[0] = (struct when_point){ d, d, WHEN_PREC_DAY, false };
		return true;
	}
	if (strlen(text) == 7 && sscanf(text, "%4d-%2d%c", &y, &mo, &extra) == 2 &&
	    y >= BP_YEAR_MIN && y <= BP_YEAR_MAX && mo >= 1 && mo <= 12) {
		bp_day first = day_from_ymd(y, mo, 1);
		w->kind = WHEN_POINT;
		w->n_points = 1;
		w->points[0] = (struct when_point){ first, day_month_end(first), WHEN_PREC_MONTH, false };
		return true;
	}
	struct when_context ctx = { m->as_at };
	when_parse(text, &ctx, w);
	if (w->kind == WHEN_POINT)
		return true;
	if (w->kind == WHEN_UNKNOWN)
		report(m, DIAG_ERROR, "cannot understand the period or date '%s': %s", text, w->why);
	else
		report(m, DIAG_ERROR, "'%s' is not one date or period (%s); write a day such as "
		       "2023-09-30 or a period such as 'Sep 2023' or 'Q2 2023/24'", text,
		       when_kind_name(w->kind));
	return false;
}

static void merge_row(struct merger *m, char **f, size_t n)
{
	if (n < 3) {
		report(m, DIAG_ERROR, "row has %zu field%s; expected measure code, period or date, "
		       "value and an optional note", n, n == 1 ? "" : "s");
		return;
	}
	for (size_t i = 4; i < n; i++)
		if (*f[i]) {
			report(m, DIAG_ERROR, "row has %zu fields; expected at most 4 (measure code, "
			       "period or date, value, note)", n);
			return;
		}
	for (size_t i = 0; i < n && i < 4; i++)
		if (!utf8_valid(f[i])) {
			report(m, DIAG_ERROR, "field %zu is not valid UTF-8 (save the file as "
			       "\"CSV UTF-8\")", i + 1);
			return;
		}
	char *code = trimmed(m, f[0]), *period = trimmed(m, f[1]), *vtext = trimmed(m, f[2]);
	char *note = n > 3 ? trimmed(m, f[3]) : NULL;
	if (!*code) {
		report(m, DIAG_ERROR, "no measure code in the first field");
		return;
	}
	struct measure *ms = find_measure(m, code);
	if (!ms)
		return;
	if (!*period) {
		report(m, DIAG_ERROR, "no period or date for measure '%s'", code);
		return;
	}
	struct when w;
	if (!read_period(m, period, &w))
		return;
	struct value v;
	if (!*vtext) {
		report(m, DIAG_ERROR, "no value for measure '%s' for '%s' (write TBC when it is not "
		       "known)", code, period);
		return;
	}
	if (!value_parse(vtext, &v)) {
		report(m, DIAG_ERROR, "value '%s' of measure '%s' is not a number", vtext, code);
		return;
	}
	const char *problem = v.kind == VALUE_NUMBER ? value_unit_problem(v.number, ms->unit) : NULL;
	if (problem) {
		report(m, DIAG_ERROR, "value %s of measure '%s' %s", vtext, code, problem);
		return;
	}
	char key[96];
	snprintf(key, sizeof key, "%zu|%ld|%ld", ms->index, (long)when_start(&w), (long)when_due(&w));
	struct entry *e = map_slot(&m->seen, key);
	if (e->dv) {
		const struct dated_value *first = e->dv;
		bool same = first->value.kind == v.kind &&
			    (v.kind != VALUE_NUMBER || first->value.number == v.number);
		if (e->row)
			report(m, DIAG_ERROR, "second value for measure '%s' for '%s' (the first is on "
			       "row %ld)", code, period, e->row);
		else if (same)
			report(m, DIAG_WARNING, "measure '%s' already has this value for '%s' in the "
			       "plan (%s:%ld); row skipped", code, period, first->loc.file,
			       first->loc.line);
		else
			report(m, DIAG_ERROR, "measure '%s' for '%s' is %s here but %s in the plan "
			       "(%s:%ld)", code, period, vtext,
			       first->value.text ? first->value.text : "empty", first->loc.file,
			       first->loc.line);
		return;
	}
	if (when_start(&w) > m->as_at) {
		char buf[32];
		report(m, DIAG_WARNING, "value of measure '%s' for '%s' is after the report date "
		       "(%s) and is not used", code, period, day_format(m->as_at, buf, sizeof buf));
	}
	struct arena *a = m->plan->arena;
	struct dated_value *dv = arena_new(a, struct dated_value);
	dv->loc.file = m->path;
	dv->loc.file_order = m->file_order;
	dv->loc.line = m->row;
	dv->value = v;
	dv->value.text = vtext;
	dv->date.text = period;
	struct when *stored = arena_new(a, struct when);
	*stored = w;
	dv->date.when = stored;
	dv->date.line = m->row;
	dv->note = note && *note ? note : NULL;
	dated_value_vec_push(a, &ms->actuals, dv);
	e->dv = dv;
	e->row = m->row;
}

static bool is_heading(char **f, size_t n)
{
	static const char *const words[] = {
		"code", "measure", "measure code", "measure_code", "measure id", "measure_id", "id",
		"kpi", "kpi code", "indicator", "ref"
	};
	if (n < 3)
		return false;
	struct value v;
	if (value_parse(f[2], &v))
		return false;
	const char *s = f[0];
	while (*s == ' ')
		s++;
	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
		if (strcasecmp(s, words[i]) == 0)
			return true;
	return false;
}

static char *read_file(const char *path, size_t *len, struct diag_list *diags, int order)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		diag_add(diags, DIAG_ERROR, path, order, 0, "cannot open the data file: %s",
			 strerror(errno));
		return NULL;
	}
	size_t cap = 1 << 16, n = 0;
	char *buf = xmalloc(cap);
	for (;;) {
		if (n == cap) {
			if (cap >= MAX_DATA_FILE) {
				diag_add(diags, DIAG_ERROR, path, order, 0,
					 "the data file is larger than %u MB", MAX_DATA_FILE >> 20);
				free(buf);
				fclose(f);
				return NULL;
			}
			cap *= 2;
			buf = xrealloc(buf, cap, 1);
		}
		size_t got = fread(buf + n, 1, cap - n, f);
		n += got;
		if (got == 0)
			break;
	}
	bool bad = ferror(f);
	fclose(f);
	if (bad) {
		diag_add(diags, DIAG_ERROR, path, order, 0, "cannot read the data file");
		free(buf);
		return NULL;
	}
	*len = n;
	return buf;
}

enum kpidata_status kpidata_merge(struct plan *plan, const char *path, bp_day as_at,
				  struct diag_list *diags)
{
	struct merger m;
	memset(&m, 0, sizeof m);
	m.plan = plan;
	m.path = arena_strdup(plan->arena, path);
	m.file_order = (int)plan->n_files + 1;
	m.as_at = as_at;
	m.diags = diags;
	size_t len;
	char *data = read_file(path, &len, diags, m.file_order);
	if (!data)
		return KPIDATA_IO;
	arena_init(&m.tmp);
	index_measures(&m);
	name_shared_codes(&m);
	size_t n_actuals = 0;
	for (size_t i = 0; i < plan->measures.n; i++)
		n_actuals += plan->measures.items[i]->actuals.n;
	map_init(&m.seen, &m.tmp, n_actuals + 64);
	/* the plan's own actuals, so the file cannot contradict them unseen */
	for (size_t i = 0; i < plan->measures.n; i++) {
		const struct measure *ms = plan->measures.items[i];
		for (size_t k = 0; k < ms->actuals.n; k++) {
			const struct dated_value *dv = ms->actuals.items[k];
			if (!dv->date.text || !when_is_dated(dv->date.when))
				continue;
			char key[96];
			snprintf(key, sizeof key, "%zu|%ld|%ld", ms->index,
				 (long)when_start(dv->date.when), (long)when_due(dv->date.when));
			struct entry *e = map_slot(&m.seen, key);
			if (!e->dv)
				e->dv = dv;
		}
	}

	struct csv_reader r;
	csv_reader_init(&r, data, len);
	bool first = true;
	int got;
	while ((got = csv_next(&r)) == 1) {
		m.row = r.row;
		if (r.n == 1 && r.fields[0][0] == '\0')
			continue;   /* a blank line */
		if (first) {
			first = false;
			if (is_heading(r.fields, r.n))
				continue;
		}
		merge_row(&m, r.fields, r.n);
	}
	if (got < 0) {
		m.row = r.row;
		report(&m, DIAG_ERROR, "%s", r.error);
	}
	csv_reader_release(&r);
	free(data);
	map_release(&m.ids);
	map_release(&m.codes);
	map_release(&m.lower);
	map_release(&m.seen);
	arena_release(&m.tmp);
	return m.errors ? KPIDATA_ERRORS : KPIDATA_OK;
}
