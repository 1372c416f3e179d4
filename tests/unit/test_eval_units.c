/* The small parts of the eval stage on their own: number formatting, the
 * JSON writer, the CSV reader, values as written in data files, the words
 * of reasons; then every sample plan evaluated and its JSON checked with
 * a strict validator, and its CSV table counted, twice for identical bytes. */
#include <ctype.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/diag.h"
#include "eval/csvread.h"
#include "eval/eval.h"
#include "eval/internal.h"
#include "eval/jsonw.h"
#include "eval/kpidata.h"
#include "model/value.h"
#include "eval/output.h"
#include "parse/parse.h"
#include "unit.h"

static void numbers(void)
{
	static const struct { double x; const char *want; } cases[] = {
		{ 0, "0" }, { -0.0, "0" }, { 1.5, "1.5" }, { 48.36065573770492, "48.3607" },
		{ 2.00004, "2" }, { -2.00004, "-2" }, { 0.00005, "0.0001" }, { -0.00004, "0" },
		{ 1234567.25, "1234567.25" }, { 100, "100" }, { 1e15, "1000000000000000" },
		{ -5.125, "-5.125" }, { 23.333333333, "23.3333" },
	};
	char buf[32];
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		CHECK_STR(eval_format_number(cases[i].x, buf), cases[i].want,
			  "number %.10g prints as %s", cases[i].x, cases[i].want);
	CHECK_STR(eval_format_number(NAN, buf), "", "NaN prints as nothing");
	CHECK_STR(eval_format_number(INFINITY, buf), "", "infinity prints as nothing");
}

static char *json_of(void (*write)(struct jsonw *))
{
	char *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);
	struct jsonw w;
	jsonw_init(&w, f);
	write(&w);
	jsonw_finish(&w);
	fclose(f);
	return out;
}

static void write_escapes(struct jsonw *w)
{
	jsonw_object(w);
	jsonw_kstring(w, "quote", "say \"hi\"\\now");
	jsonw_kstring(w, "control", "a\nb\tc\rd\x01" "e\x7f");
	jsonw_kstring(w, "separator", "x\xe2\x80\xa8y");
	jsonw_kstring(w, "bad", "ok\xff\xc3(");
	jsonw_kstring(w, "pound", "\xc2\xa3" "5");
	jsonw_kstring(w, "none", NULL);
	jsonw_karray(w, "empty");
	jsonw_end(w);
	jsonw_karray(w, "list");
	jsonw_int(w, -3);
	jsonw_number(w, 0.1);
	jsonw_bool(w, true);
	jsonw_null(w);
	jsonw_number(w, NAN);
	jsonw_end(w);
	jsonw_end(w);
}

static void json_writer(void)
{
	char *s = json_of(write_escapes);
	const char *want =
		"{\n"
		"  \"quote\": \"say \\\"hi\\\"\\\\now\",\n"
		"  \"control\": \"a\\nb\\tc\\rd\\u0001e\\u007f\",\n"
		"  \"separator\": \"x\\u2028y\",\n"
		"  \"bad\": \"ok\xef\xbf\xbd\xef\xbf\xbd(\",\n"
		"  \"pound\": \"\xc2\xa3" "5\",\n"
		"  \"none\": null,\n"
		"  \"empty\": [],\n"
		"  \"list\": [\n"
		"    -3,\n"
		"    0.1,\n"
		"    true,\n"
		"    null,\n"
		"    null\n"
		"  ]\n"
		"}\n";
	CHECK_STR(s, want, "JSON writer: escapes, nesting, numbers and nulls");
	free(s);
}

/* Reads all records of text; returns them as "a|b|c;" lines, or "error at
 * row N: …". */
static char *csv_records(const char *text)
{
	struct csv_reader r;
	csv_reader_init(&r, text, strlen(text));
	static char out[1024];
	size_t o = 0;
	int got;
	while ((got = csv_next(&r)) == 1) {
		o += (size_t)snprintf(out + o, sizeof out - o, "%ld:", r.row);
		for (size_t i = 0; i < r.n; i++)
			o += (size_t)snprintf(out + o, sizeof out - o, "%s%s", i ? "|" : "", r.fields[i]);
		o += (size_t)snprintf(out + o, sizeof out - o, ";");
	}
	if (got < 0)
		snprintf(out + o, sizeof out - o, "error at row %ld: %s", r.row, r.error);
	csv_reader_release(&r);
	return out;
}

static void csv_reader(void)
{
	CHECK_STR(csv_records("a,b,c\r\nd,e,f\r\n"), "1:a|b|c;2:d|e|f;", "CSV: CRLF records");
	CHECK_STR(csv_records("\xef\xbb\xbf" "a,b\nc,d"), "1:a|b;2:c|d;",
		  "CSV: a byte order mark is skipped; no final line end");
	CHECK_STR(csv_records("\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\"\nx,y\n"),
		  "1:a,b|say \"hi\"|two\nlines;2:x|y;", "CSV: quoted commas, quotes, line breaks");
	CHECK_STR(csv_records("a,,\n\nb\n"), "1:a||;2:;3:b;", "CSV: empty fields and a blank row");
	CHECK_STR(csv_records("a\rb\r"), "1:a;2:b;", "CSV: CR line ends");
	CHECK_STR(csv_records("a,b\nc,\"d\n"),
		  "1:a|b;error at row 2: a quoted field is not closed before the end of the file",
		  "CSV: unclosed quote reported at its row");
	CHECK(strstr(csv_records("a,b\"c\n"), "error at row 1: a quote inside a field") != NULL,
	      "CSV: stray quote in an unquoted field");
	CHECK(strstr(csv_records("\"a\"b,c\n"), "error at row 1: text after the closing quote") != NULL,
	      "CSV: text after a closing quote");
}

static void values(void)
{
	static const struct { const char *text; enum value_kind kind; double v; } ok[] = {
		{ "48", VALUE_NUMBER, 48 }, { "48%", VALUE_NUMBER, 48 },
		{ "\xc2\xa3" "2,000", VALUE_NUMBER, 2000 }, { "-1.5", VALUE_NUMBER, -1.5 },
		{ " 1,234.5 ", VALUE_NUMBER, 1234.5 }, { "TBC", VALUE_TBC, 0 }, { "tbc", VALUE_TBC, 0 },
		{ "n/a", VALUE_NA, 0 }, { "N/A", VALUE_NA, 0 }, { "0", VALUE_NUMBER, 0 },
		{ ".5", VALUE_NUMBER, 0.5 }, { "-\xc2\xa3" "3", VALUE_NUMBER, -3 },
	};
	for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
		struct value v;
		bool r = value_parse(ok[i].text, &v);
		CHECK(r && v.kind == ok[i].kind && v.number == ok[i].v, "value '%s' is read", ok[i].text);
	}
	static const char *const bad[] = { "", "abc", "12%%", "1.2.3", "5 apples", "%", "--1",
					   ",5", "1e5", "\xc2\xa3" };
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		struct value v;
		CHECK(!value_parse(bad[i], &v), "value '%s' is refused", bad[i]);
	}
}

static void words(void)
{
	struct arena a;
	arena_init(&a);
	struct eval_ctx *c = xcalloc(1, sizeof *c);
	c->arena = &a;
	CHECK_STR(ev_days(c, 1), "1 day", "one day");
	CHECK_STR(ev_days(c, 0), "0 days", "no days");
	CHECK_STR(ev_days(c, -12), "-12 days", "negative days");
	CHECK_STR(ev_day(c, day_from_ymd(2024, 2, 29)), "29 Feb 2024", "a leap day");
	CHECK_STR(ev_value(c, 48, UNIT_PERCENT), "48%", "a percentage");
	CHECK_STR(ev_value(c, 2000, UNIT_GBP), "\xc2\xa3" "2,000", "pounds with a thousands separator");
	CHECK_STR(ev_value(c, -2000.5, UNIT_GBP), "-\xc2\xa3" "2,000.5", "negative pounds");
	CHECK_STR(ev_value(c, 12.345, UNIT_RATE_10000), "12.35 per 10,000", "a rate, two decimals");
	CHECK_STR(ev_value(c, 1, UNIT_DAYS), "1 day", "one day as a value");
	CHECK_STR(ev_delta(c, -3.5, UNIT_PERCENT), "3.5 percentage points", "a difference of percentages");
	CHECK_STR(ev_delta(c, 1, UNIT_PERCENT), "1 percentage point", "one percentage point");
	CHECK_STR(ev_value(c, 1234567, UNIT_COUNT), "1,234,567", "a count");
	CHECK_STR(ev_printf(c, "%s=%d, %ld, %zu%%", "x", -7, 1234567890L, (size_t)42),
		  "x=-7, 1234567890, 42%", "reason formatting");
	CHECK_STR(ev_printf(c, "%04d", 7), "0007", "other conversions still work");
	CHECK_STR(ev_short_text(c, "Work with HR to create new structure and job descriptions", 30),
		  "Work with HR to create new\xe2\x80\xa6", "cut at a word boundary");
	CHECK_STR(ev_short_text(c, "  Short\nsecond line", 30), "Short", "first line only");
	CHECK_STR(ev_short_text(c, "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9", 5),
		  "\xc3\xa9\xc3\xa9\xe2\x80\xa6", "never splits a UTF-8 sequence");
	free(c);
	arena_release(&a);
}

/* ---- a strict JSON validator (RFC 8259) -------------------------------- */

static const char *ws(const char *p)
{
	while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
		p++;
	return p;
}

static const char *value(const char *p, int depth);

static const char *string(const char *p)
{
	if (*p != '"')
		return NULL;
	for (p++; *p != '"'; p++) {
		if ((unsigned char)*p < 0x20)
			return NULL;
		if (*p == '\\') {
			p++;
			if (*p == 'u') {
				for (int i = 1; i <= 4; i++)
					if (!isxdigit((unsigned char)p[i]))
						return NULL;
				p += 4;
			} else if (!strchr("\"\\/bfnrt", *p) || !*p) {
				return NULL;
			}
		}
	}
	return p + 1;
}

static const char *number(const char *p)
{
	if (*p == '-')
		p++;
	if (*p == '0')
		p++;
	else if (isdigit((unsigned char)*p))
		while (isdigit((unsigned char)*p))
			p++;
	else
		return NULL;
	if (*p == '.') {
		p++;
		if (!isdigit((unsigned char)*p))
			return NULL;
		while (isdigit((unsigned char)*p))
			p++;
	}
	return p;
}

static const char *value(const char *p, int depth)
{
	if (depth > 64)
		return NULL;
	p = ws(p);
	if (*p == '{' || *p == '[') {
		char close = *p == '{' ? '}' : ']';
		bool obj = *p == '{';
		p = ws(p + 1);
		if (*p == close)
			return p + 1;
		for (;;) {
			if (obj) {
				p = string(ws(p));
				if (!p)
					return NULL;
				p = ws(p);
				if (*p++ != ':')
					return NULL;
			}
			p = value(p, depth + 1);
			if (!p)
				return NULL;
			p = ws(p);
			if (*p == ',') {
				p++;
				continue;
			}
			return *p == close ? p + 1 : NULL;
		}
	}
	if (*p == '"')
		return string(p);
	if (strncmp(p, "true", 4) == 0)
		return p + 4;
	if (strncmp(p, "false", 5) == 0)
		return p + 5;
	if (strncmp(p, "null", 4) == 0)
		return p + 4;
	return number(p);
}

static bool valid_json(const char *s)
{
	const char *p = value(s, 0);
	return p && *ws(p) == '\0';
}

static size_t count(const char *s, const char *what)
{
	size_t n = 0;
	for (const char *p = s; (p = strstr(p, what)); p += strlen(what))
		n++;
	return n;
}

/* Every line break outside a quoted field is CRLF. */
static bool crlf_outside_quotes(const char *s)
{
	bool quoted = false;
	for (const char *p = s; *p; p++) {
		if (*p == '"')
			quoted = !quoted;
		else if (*p == '\n' && !quoted && (p == s || p[-1] != '\r'))
			return false;
	}
	return !quoted;
}

static char *render(const struct plan_eval *ev, bool csv)
{
	char *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);
	int rc = csv ? eval_write_csv(ev, f) : eval_write_json(ev, f);
	fclose(f);
	return rc == 0 ? out : (free(out), NULL);
}

static void quiet(const struct diag *d, void *user)
{
	(void)d;
	(void)user;
}

static void samples(void)
{
	static const char *const plans[] = {
		"sample-plans/blackpool-csc-2023.xml", "sample-plans/lancashire-cs-2018.xml",
		"sample-plans/tameside-csc-2023.xml", "sample-plans/worcestershire-sip-2017.xml",
	};
	diag_set_sink(quiet, NULL);
	for (size_t i = 0; i < sizeof plans / sizeof plans[0]; i++) {
		char *out[2] = { NULL, NULL }, *csv = NULL;
		size_t n_actions = 0, n_milestones = 0, n_measures = 0, n_scores = 0;
		for (int run = 0; run < 2; run++) {
			struct parse_options po;
			parse_options_init(&po);
			struct diag_list d;
			diag_list_init(&d);
			struct plan *p = NULL;
			enum parse_status st = parse_plan(plans[i], &po, &d, &p);
			if (run == 0)
				CHECK(st == PARSE_OK, "%s parses without errors", plans[i]);
			if (!p) {
				diag_list_release(&d);
				continue;
			}
			struct eval_options eo;
			eval_options_init(&eo);
			const struct plan_eval *ev = evaluate_plan(p, &eo, &d);
			if (ev) {
				out[run] = render(ev, false);
				if (run == 0) {
					csv = render(ev, true);
					n_actions = p->actions.n;
					for (size_t k = 0; k < p->actions.n; k++)
						n_milestones += p->actions.items[k]->milestones.n;
					n_measures = p->measures.n;
					for (size_t k = 0; k < p->audits.n; k++)
						n_scores += p->audits.items[k]->themes.n *
							    p->audits.items[k]->rounds.n;
				}
			}
			plan_free(p);
			diag_list_release(&d);
		}
		CHECK(out[0] && valid_json(out[0]), "%s: the JSON output is valid", plans[i]);
		CHECK(out[0] && out[1] && strcmp(out[0], out[1]) == 0,
		      "%s: two evaluations give the same bytes", plans[i]);
		CHECK(csv && strncmp(csv, "\xef\xbb\xbf" "kind,id,ref,", 15) == 0,
		      "%s: CSV starts with a byte order mark and the headings", plans[i]);
		CHECK_INT(csv ? count(csv, "\r\naction,") : 0, n_actions, "%s: one CSV row per action", plans[i]);
		CHECK_INT(csv ? count(csv, "\r\nmilestone,") : 0, n_milestones,
			  "%s: one CSV row per milestone", plans[i]);
		CHECK_INT(csv ? count(csv, "\r\nmeasure,") : 0, n_measures, "%s: one CSV row per measure", plans[i]);
		CHECK_INT(csv ? count(csv, "\r\naudit-score,") : 0, n_scores,
			  "%s: one CSV row per audit theme and round", plans[i]);
		CHECK(csv && crlf_outside_quotes(csv), "%s: CSV records end with CRLF", plans[i]);
		free(out[0]);
		free(out[1]);
		free(csv);
	}
}

int main(void)
{
	numbers();
	json_writer();
	csv_reader();
	values();
	words();
	samples();
	return unit_done();
}
