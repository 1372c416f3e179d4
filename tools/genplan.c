/** genplan: writes a large, clearly synthetic improvement plan in the
 *  boardpack plan format (docs/plan.rnc), for scale tests and benchmarks.
 *
 *  The same arguments give the same bytes on any machine: every choice
 *  comes from a splitmix64 generator seeded with --seed, every number is
 *  an integer formatted here, and nothing reads the clock, the locale or
 *  the C library's rand(). Actions are written as they are made, so memory
 *  grows only with the number of measures, priorities and people, and the
 *  time per action is the same for a hundred actions as for a million.
 *  What the plans contain and every option: docs/genplan.md. */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))
#define PICK(g, a) ((a)[rng_below(&(g)->rng, ARRAY_LEN(a))])

/* "no such day", e.g. an action with no updates */
#define NO_DAY INT_MIN

#define EN_DASH "\xe2\x80\x93"
#define POUND "\xc2\xa3"

enum genplan_exit {
	GENPLAN_OK = 0,
	GENPLAN_IO_FAILED = 1,
	GENPLAN_USAGE = 2
};

/* ---- options ---------------------------------------------------------- */

struct options {
	long long actions;
	long long priorities;
	long long measures;
	long long audit_themes;
	long long audit_rounds;
	long long milestones;
	long long updates;
	long long months;
	unsigned long long seed;
	int as_at_year, as_at_month, as_at_day;
	const char *output;
};

/* The numeric options and their usage text side by side, so the parser and
 * --help cannot drift apart. */
struct numeric_option {
	const char *name;
	const char *metavar;
	long long min, max, def;
	size_t offset;
	const char *help;
};

static const struct numeric_option numeric_options[] = {
	{"actions", "M", 1, 10000000, 100, offsetof(struct options, actions),
	 "number of actions"},
	{"priorities", "N", 1, 999, 5, offsetof(struct options, priorities),
	 "number of priorities (each holds 1-3 themes)"},
	{"measures", "K", 0, 100000, 20, offsetof(struct options, measures),
	 "number of measures (KPIs)"},
	{"audit-themes", "T", 0, 1000, 8, offsetof(struct options, audit_themes),
	 "themes of the case audit (0: no audit)"},
	{"audit-rounds", "R", 0, 60, 4, offsetof(struct options, audit_rounds),
	 "rounds of the case audit, the first a baseline (0: no audit)"},
	{"milestones-per-action", "X", 0, 50, 3, offsetof(struct options, milestones),
	 "average milestones per action (each gets X-1 to X+1)"},
	{"updates-per-action", "U", 0, 50, 2, offsetof(struct options, updates),
	 "average dated updates per started action (U-1 to U+1)"},
	{"months", "S", 3, 240, 24, offsetof(struct options, months),
	 "length of the plan in months, around the as-at date"},
};

#define DEFAULT_SEED 1
#define DEFAULT_AS_AT_YEAR 2024
#define DEFAULT_AS_AT_MONTH 3
#define DEFAULT_AS_AT_DAY 15
#define AS_AT_YEAR_MIN 1925
#define AS_AT_YEAR_MAX 2175

static void usage(FILE *f)
{
	fputs("usage: genplan [options]\n"
	      "\n"
	      "Writes a synthetic improvement plan in the boardpack plan format\n"
	      "(docs/plan.rnc) for scale tests and benchmarks. The same options\n"
	      "always give the same bytes.\n"
	      "\n"
	      "options:\n",
	      f);
	for (size_t i = 0; i < ARRAY_LEN(numeric_options); i++) {
		const struct numeric_option *o = &numeric_options[i];
		char left[64];
		snprintf(left, sizeof left, "--%s %s", o->name, o->metavar);
		fprintf(f, "  %-28s %s\n  %-28s (%lld to %lld, default %lld)\n", left, o->help, "",
			o->min, o->max, o->def);
	}
	fprintf(f,
		"  %-28s seed of the generator, 0 to 18446744073709551615 (default %d)\n"
		"  %-28s the date the plan is accurate at (default %04d-%02d-%02d)\n"
		"  %-28s write to FILE (through FILE.tmp, renamed when complete)\n"
		"  %-28s instead of standard output\n"
		"  %-28s show this help\n"
		"  %-28s show the version\n"
		"\n"
		"Options also take the form --name=VALUE. Exit status: 0 written,\n"
		"1 the output could not be written, 2 bad options.\n",
		"--seed SEED", DEFAULT_SEED, "--as-at YYYY-MM-DD", DEFAULT_AS_AT_YEAR,
		DEFAULT_AS_AT_MONTH, DEFAULT_AS_AT_DAY, "-o, --output FILE", "", "-h, --help",
		"--version");
}

__attribute__((format(printf, 1, 2))) static int usage_error(const char *fmt, ...)
{
	va_list ap;
	fputs("genplan: error: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputs("\nTry 'genplan --help'.\n", stderr);
	return GENPLAN_USAGE;
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* ---- calendar --------------------------------------------------------- */

/* Days are counted from 1970-01-01 in the proleptic Gregorian calendar
 * (the civil-from-days algorithm), months as year * 12 + month - 1. */

static bool is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int days_in_month(int y, int m)
{
	static const int len[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	return m == 2 && is_leap(y) ? 29 : len[m - 1];
}

static int day_from_ymd(int y, int m, int d)
{
	y -= m <= 2;
	int era = (y >= 0 ? y : y - 399) / 400;
	int yoe = y - era * 400;
	int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void day_to_ymd(int day, int *y, int *m, int *d)
{
	int z = day + 719468;
	int era = (z >= 0 ? z : z - 146096) / 146097;
	int doe = z - era * 146097;
	int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = yoe + era * 400 + (*m <= 2);
}

static int month_of_day(int day)
{
	int y, m, d;
	day_to_ymd(day, &y, &m, &d);
	return y * 12 + m - 1;
}

static int month_first_day(int month)
{
	return day_from_ymd(month / 12, month % 12 + 1, 1);
}

static int month_last_day(int month)
{
	int y = month / 12, m = month % 12 + 1;
	return day_from_ymd(y, m, days_in_month(y, m));
}

/* 1 = Monday ... 7 = Sunday; day 0 was a Thursday. */
static int weekday(int day)
{
	return ((day % 7 + 7 + 3) % 7) + 1;
}

static const char *const month_short[12] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
					    "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
static const char *const month_long[12] = {"January", "February", "March",     "April",
					   "May",     "June",     "July",      "August",
					   "September", "October", "November", "December"};

/* The forms people write dates in. Every form covers a period; a due
 * date written in it falls at the period's end, a start at its beginning. */
enum date_form {
	DF_DAY_MON_YEAR,   /* 16 Mar 2023 */
	DF_DAY_MONTH_YEAR, /* 31 August 2023 */
	DF_MON_YEAR,       /* Oct 2024 */
	DF_MON_YY,         /* Sep 23 */
	DF_MON_DASH_YY,    /* Jul-20 */
	DF_SLASHES,        /* 30/09/23 */
	DF_DOTS,           /* 30.09.23 */
	DF_QUARTER,        /* Q1 2023/24, financial year: Q1 is April to June */
	DF_FIN_YEAR,       /* 2023/24 */
	DF_TERM,           /* Spring Term 2024 */
	DF_COUNT
};

/* How often each form is chosen for start and due dates, in percent. */
static const int date_form_weight[DF_COUNT] = {30, 10, 10, 12, 5, 10, 5, 8, 3, 7};

struct span {
	int first, last;
};

/* Writes `day` in form `f` and returns the period the text covers. Forms
 * with two-digit years are only used for 2000-2099, which readers take
 * them to mean; terms are not used for August, which has none. */
static struct span format_date(char *buf, size_t size, int day, enum date_form f)
{
	int y, m, d;
	day_to_ymd(day, &y, &m, &d);
	bool two_digit_ok = y >= 2000 && y <= 2099;
	if (!two_digit_ok && (f == DF_SLASHES || f == DF_DOTS))
		f = DF_DAY_MON_YEAR;
	if (!two_digit_ok && (f == DF_MON_YY || f == DF_MON_DASH_YY))
		f = DF_MON_YEAR;
	if (f == DF_TERM && m == 8)
		f = DF_MON_YEAR;
	int month = y * 12 + m - 1;
	struct span s = {month_first_day(month), month_last_day(month)};
	int fy = m >= 4 ? y : y - 1;
	switch (f) {
	case DF_DAY_MON_YEAR:
		snprintf(buf, size, "%d %s %d", d, month_short[m - 1], y);
		s.first = s.last = day;
		break;
	case DF_DAY_MONTH_YEAR:
		snprintf(buf, size, "%d %s %d", d, month_long[m - 1], y);
		s.first = s.last = day;
		break;
	case DF_MON_YEAR:
		snprintf(buf, size, "%s %d", month_short[m - 1], y);
		break;
	case DF_MON_YY:
		snprintf(buf, size, "%s %02d", month_short[m - 1], y % 100);
		break;
	case DF_MON_DASH_YY:
		snprintf(buf, size, "%s-%02d", month_short[m - 1], y % 100);
		break;
	case DF_SLASHES:
		snprintf(buf, size, "%02d/%02d/%02d", d, m, y % 100);
		s.first = s.last = day;
		break;
	case DF_DOTS:
		snprintf(buf, size, "%02d.%02d.%02d", d, m, y % 100);
		s.first = s.last = day;
		break;
	case DF_QUARTER: {
		int q = m >= 4 ? (m - 4) / 3 + 1 : 4;
		int q_first = fy * 12 + 3 + (q - 1) * 3;
		snprintf(buf, size, "Q%d %d/%02d", q, fy, (fy + 1) % 100);
		s.first = month_first_day(q_first);
		s.last = month_last_day(q_first + 2);
		break;
	}
	case DF_FIN_YEAR:
		snprintf(buf, size, "%d/%02d", fy, (fy + 1) % 100);
		s.first = month_first_day(fy * 12 + 3);
		s.last = month_last_day(fy * 12 + 14);
		break;
	case DF_TERM:
		if (m <= 3) {
			snprintf(buf, size, "Spring Term %d", y);
			s.first = day_from_ymd(y, 1, 1);
			s.last = day_from_ymd(y, 3, 31);
		} else if (m <= 7) {
			snprintf(buf, size, "Summer Term %d", y);
			s.first = day_from_ymd(y, 4, 1);
			s.last = day_from_ymd(y, 7, 31);
		} else {
			snprintf(buf, size, "Autumn Term %d", y);
			s.first = day_from_ymd(y, 9, 1);
			s.last = day_from_ymd(y, 12, 31);
		}
		break;
	case DF_COUNT:
		break;
	}
	return s;
}

/* ---- random choices --------------------------------------------------- */

/* splitmix64: tiny, fast, and the same sequence everywhere. */
struct rng {
	uint64_t state;
};

static uint64_t rng_next(struct rng *r)
{
	uint64_t z = (r->state += UINT64_C(0x9E3779B97F4A7C15));
	z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
	return z ^ (z >> 31);
}

static uint64_t rng_below(struct rng *r, uint64_t n)
{
	return n ? rng_next(r) % n : 0;
}

/* A whole number from lo to hi inclusive (lo when hi < lo). */
static int rng_int(struct rng *r, int lo, int hi)
{
	return hi <= lo ? lo : lo + (int)rng_below(r, (uint64_t)(hi - lo) + 1);
}

static bool rng_permille(struct rng *r, int per_mille)
{
	return (int)rng_below(r, 1000) < per_mille;
}

static enum date_form rng_date_form(struct rng *r)
{
	int x = (int)rng_below(r, 100);
	for (int f = 0; f < DF_COUNT; f++) {
		if (x < date_form_weight[f])
			return (enum date_form)f;
		x -= date_form_weight[f];
	}
	return DF_DAY_MON_YEAR;
}

/* Forms for days something happened (updates, completions). */
static enum date_form rng_day_form(struct rng *r)
{
	static const enum date_form forms[] = {DF_DAY_MON_YEAR, DF_DAY_MON_YEAR,  DF_DAY_MON_YEAR,
					       DF_DAY_MON_YEAR, DF_DAY_MONTH_YEAR, DF_SLASHES,
					       DF_SLASHES,      DF_DOTS};
	return forms[rng_below(r, ARRAY_LEN(forms))];
}

/* ---- output ----------------------------------------------------------- */

#define OUT_BUFFER_SIZE (1 << 16)

struct out {
	FILE *file;
	char *buf;
	size_t n;
	bool failed;
};

static void out_flush(struct out *o)
{
	if (o->n && fwrite(o->buf, 1, o->n, o->file) != o->n)
		o->failed = true;
	o->n = 0;
}

static void out_mem(struct out *o, const char *s, size_t n)
{
	if (n > OUT_BUFFER_SIZE - o->n) {
		out_flush(o);
		if (n > OUT_BUFFER_SIZE) {
			if (fwrite(s, 1, n, o->file) != n)
				o->failed = true;
			return;
		}
	}
	memcpy(o->buf + o->n, s, n);
	o->n += n;
}

static void out_str(struct out *o, const char *s)
{
	out_mem(o, s, strlen(s));
}

/* Escapes the XML special characters; quotes too inside attributes. */
static void out_escaped(struct out *o, const char *s, bool attribute)
{
	const char *run = s;
	for (; *s; s++) {
		const char *entity = NULL;
		switch (*s) {
		case '&':
			entity = "&amp;";
			break;
		case '<':
			entity = "&lt;";
			break;
		case '>':
			entity = "&gt;";
			break;
		case '"':
			entity = attribute ? "&quot;" : NULL;
			break;
		default:
			break;
		}
		if (entity) {
			out_mem(o, run, (size_t)(s - run));
			out_str(o, entity);
			run = s + 1;
		}
	}
	out_mem(o, run, (size_t)(s - run));
}

static void out_attr(struct out *o, const char *name, const char *value)
{
	out_str(o, " ");
	out_str(o, name);
	out_str(o, "=\"");
	out_escaped(o, value, true);
	out_str(o, "\"");
}

__attribute__((format(printf, 3, 4))) static void out_attrf(struct out *o, const char *name,
							    const char *fmt, ...)
{
	char value[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(value, sizeof value, fmt, ap);
	va_end(ap);
	out_attr(o, name, value);
}

/* <name>text</name> on a line of its own, indented. */
static void out_element(struct out *o, int indent, const char *name, const char *text)
{
	static const char spaces[] = "                                ";
	out_mem(o, spaces, (size_t)indent * 2);
	out_str(o, "<");
	out_str(o, name);
	out_str(o, ">");
	out_escaped(o, text, false);
	out_str(o, "</");
	out_str(o, name);
	out_str(o, ">\n");
}

static void out_indent(struct out *o, int indent)
{
	static const char spaces[] = "                                ";
	out_mem(o, spaces, (size_t)indent * 2);
}

/* ---- prose ------------------------------------------------------------ */

/* The longest prose any one element gets: text.type allows 2000. */
#define TEXT_MAX 2000

struct text {
	char s[TEXT_MAX + 400];
	size_t n;
};

static void text_clear(struct text *t)
{
	t->n = 0;
	t->s[0] = '\0';
}

static void text_add(struct text *t, const char *s)
{
	size_t room = sizeof t->s - 1 - t->n;
	size_t k = strlen(s);
	if (k > room)
		k = room;
	memcpy(t->s + t->n, s, k);
	t->n += k;
	t->s[t->n] = '\0';
}

__attribute__((format(printf, 2, 3))) static void text_addf(struct text *t, const char *fmt, ...)
{
	size_t room = sizeof t->s - t->n;
	va_list ap;
	va_start(ap, fmt);
	int k = vsnprintf(t->s + t->n, room, fmt, ap);
	va_end(ap);
	if (k < 0)
		return;
	t->n += (size_t)k < room ? (size_t)k : room - 1;
}

/* Starts a new sentence: a space after the last one. Returns where the
 * sentence begins so its first letter can be capitalised. */
static size_t text_sentence(struct text *t)
{
	if (t->n && t->s[t->n - 1] != ' ')
		text_add(t, " ");
	return t->n;
}

static void text_capitalise(struct text *t, size_t at)
{
	if (at < t->n && t->s[at] >= 'a' && t->s[at] <= 'z')
		t->s[at] = (char)(t->s[at] - 'a' + 'A');
}

/* Cuts the text to at most max bytes, as an editor shortening a cell
 * would: after the last whole sentence that leaves at least min bytes,
 * or failing that at a word boundary with a full stop. */
static void text_limit(struct text *t, size_t min, size_t max)
{
	if (t->n <= max)
		return;
	for (size_t end = max; end >= min && end > 0; end--) {
		if (t->s[end - 1] == '.' && t->s[end] == ' ') {
			t->n = end;
			t->s[t->n] = '\0';
			return;
		}
	}
	size_t cut = max - 1;
	while (cut > 0 && t->s[cut] != ' ')
		cut--;
	while (cut > 0 && strchr(" ,;:(", t->s[cut - 1]))
		cut--;
	if (t->s[cut - 1] == '.') {
		t->n = cut;
	} else {
		t->s[cut] = '.';
		t->n = cut + 1;
	}
	t->s[t->n] = '\0';
}

/* ---- vocabulary ------------------------------------------------------- */

static const char *const first_names[] = {
	"Alex",  "Sam",   "Jo",   "Chris",   "Pat",    "Robin",   "Morgan", "Taylor", "Jamie", "Casey",
	"Drew",  "Riley", "Kim",  "Frankie", "Jordan", "Charlie", "Sky",    "Lee",    "Toni",  "Ash"};
static const char *const surnames[] = {
	"Example",  "Sample",    "Placeholder", "Testcase", "Synthetic", "Madeup",    "Fictional",
	"Pretend",  "Specimen",  "Dummy",       "Mockley",  "Notreal",   "Imaginary", "Invented",
	"Trialson", "Exampleton", "Demo",       "Fabricate", "Prototype", "Sampleby"};

/* The first people of every plan hold these roles; later ones are managers
 * across the service. */
static const char *const senior_roles[] = {
	"Independent Chair of the Improvement Board",
	"Director of Children's Services",
	"Assistant Director, Children's Social Care",
	"Assistant Director, Quality Assurance and Improvement",
	"Assistant Director, Education",
	"Head of Commissioning",
	"Principal Social Worker",
	"Head of Virtual School",
	"Head of Service, Children in Care & Care Leavers",
	"Head of Service, Front Door and MASH",
	"Head of Safeguarding and Quality Assurance",
	"Head of Performance and Intelligence",
	"Workforce Development Manager",
	"Head of Service, Early Help",
	"Head of Fostering and Adoption",
	"Head of Service, Adolescents and Exploitation"};
static const char *const manager_grades[] = {"Service Manager", "Team Manager", "Practice Lead"};
static const char *const teams[] = {
	"Assessment",       "Child Protection", "Children in Care", "Care Leavers",
	"Early Help",       "Fostering",        "Adoption",         "Disabled Children",
	"MASH",             "Edge of Care",     "Reviewing Service", "Quality Assurance",
	"Exploitation Hub", "Court and PLO",    "Family Support",   "Workforce Academy"};

struct role_only_person {
	const char *id, *role, *organisation;
};
static const struct role_only_person role_only_people[] = {
	{"dmt", "Departmental Management Team", NULL},
	{"designated-nurse", "Designated Nurse for Children in Care",
	 "Example Integrated Care Board (synthetic)"},
	{"police-di", "Detective Inspector, Public Protection", "Example Constabulary (synthetic)"},
	{"partnership-manager", "Safeguarding Children Partnership Manager", NULL}};

static const char *const priority_titles[] = {
	"Quality of practice: \"brilliant at the basics\"",
	"Working in partnership",
	"Commissioning & sufficiency",
	"Leadership and workforce",
	"Early help and prevention",
	"Children in care and care leavers",
	"Learning, audit and quality assurance",
	"Voice and participation of children & families"};

static const char *const theme_titles[] = {
	"Application of thresholds",
	"Front door & MASH",
	"Practice basics",
	"Permanence",
	"Care leavers",
	"Children in specific circumstances",
	"Partner organisations and services",
	"Voice of child and family",
	"Placement sufficiency",
	"Foster carer recruitment",
	"Management oversight and supervision",
	"Workforce stability",
	"Exploitation and missing children",
	"Court work and pre-proceedings",
	"Education of children in care",
	"Health of children in care",
	"Disabled children",
	"Performance information",
	"Early help assessment and planning",
	"Domestic abuse and neglect",
	"Life story work",
	"Transitions to adulthood"};

static const char *const priority_outcomes[] = {
	"Children and young people receive a consistently good service from practitioners who know them well.",
	"The views and experiences of children, parents and partners shape how services are designed and delivered.",
	"We have the right homes and services in the right place to meet the needs of the children we look after.",
	"Leaders are visible, know their services well and create the conditions for good practice to flourish.",
	"Families get the right help at the right time, the first time, from the service best placed to help them.",
	"Children in care and care leavers live in stable homes and are supported into education, work and adulthood."};

static const char *const action_verbs[] = {
	"embed",     "review",   "strengthen",  "develop", "improve", "re-launch",
	"implement", "refresh",  "roll out",    "establish", "redesign", "align",
	"audit",     "standardise", "extend",   "co-produce"};

static const char *const action_objects[] = {
	"the quality and timeliness of assessments",
	"management oversight of child protection plans",
	"reflective supervision for social workers and team managers",
	"the early help offer for families",
	"pathway plans for care leavers from the age of 16",
	"placement sufficiency and the range of local foster placements",
	"the multi-agency safeguarding hub (MASH) front door",
	"return home interviews for children who go missing",
	"life story work for children in care",
	"the Public Law Outline (PLO) process and pre-proceedings work",
	"personal education plans (PEPs) for children in care",
	"initial and review health assessments for children in care",
	"the practice model and practice standards",
	"chronologies on children's case files",
	"the quality assurance and case audit framework",
	"strategy discussions and section 47 enquiries",
	"permanence planning by the second looked-after review",
	"the recruitment and assessment of foster carers",
	"the local offer for care leavers",
	"the response to children at risk of exploitation",
	"the workforce development programme",
	"caseload management for caseloads of fewer than 20 children (<20)",
	"the application of the threshold document",
	"the voice of the child in plans and reviews",
	"child in need plans and core group meetings",
	"the use of performance data by team managers",
	"the response to domestic abuse at the front door",
	"support for children & young people with a disability",
	"transitions for young people moving to adult services",
	"the tracking of children on reduced education timetables",
	"the oversight of independent reviewing officers",
	"joint working with health and police partners",
	"the edge of care offer for adolescents",
	"family network meetings and family group conferences"};

static const char *const action_purposes[] = {
	"so that children receive the right help at the right time",
	"so that plans are specific, measurable and reviewed within timescale",
	"so that the voice of the child is evident on every file",
	"so that decisions are timely, recorded and understood by families",
	"in line with the refreshed practice standards",
	"across the partnership and in every locality team",
	"so that fewer children experience drift and delay",
	"so that children are seen, and seen alone, within timescale",
	"so that risk is understood and managed consistently",
	"so that young people are well prepared for adulthood",
	"so that children live close to home with the people who matter to them",
	"so that managers have a clear line of sight of practice",
	"to secure timely permanence for children",
	"to reduce repeat referrals within 12 months"};

static const char *const action_extras[] = {
	"This includes a clear escalation route for partner agencies.",
	"Progress will be reported to the Improvement Board every six weeks.",
	"Practice leads will model good practice through weekly workshops.",
	"The work will be co-produced with the Children in Care Council.",
	"Learning from audits will be shared through monthly practice briefings.",
	"Team managers will track compliance through the weekly performance clinic.",
	"Partners will be consulted through the Safeguarding Children Partnership.",
	"Findings will inform the workforce development plan for the year.",
	"The service's \"Brilliant at the Basics\" standards apply throughout."};

static const char *const practice_basics[] = {
	"Assessments",   "Visits to children",   "Voice of the child", "Plans",
	"Chronologies",  "Supervision",          "Management oversight", "Case recording",
	"Genograms and ecomaps", "Closure summaries"};

static const char *const know_sources[] = {
	"performance data",      "audit activity",
	"deep dive audits",      "the performance scorecard",
	"feedback from children and families", "supervision records",
	"dip sampling of case files", "feedback from partner agencies",
	"the quarterly practice review", "IRO escalation records"};
static const char *const know_verbs[] = {"will demonstrate", "will evidence", "will show",
					 "will confirm"};
static const char *const know_findings[] = {
	"that assessments are completed within 45 working days",
	"an increase in the proportion of plans judged good or better",
	"that children are seen and seen alone",
	"fewer re-referrals within 12 months",
	"that supervision is regular, reflective and recorded",
	"that children's plans are reviewed within timescale",
	"fewer placement moves for children in care",
	"that care leavers are in touch and in suitable accommodation",
	"that decisions at the front door are timely and consistent with thresholds",
	"that partners contribute to assessments and plans",
	"that life story work is evident on children's files",
	"a reduction in the number of children in unregistered placements"};

static const char *const opening_phrases[] = {
	"since the last Improvement Board", "during this reporting period",
	"as at the end of the quarter",     "over the last six weeks",
	"following the deep dive",          "since the practice week"};

static const char *const documents[] = {
	"practice standards",     "threshold document",       "supervision policy",
	"quality assurance framework", "placement sufficiency strategy", "local offer for care leavers",
	"early help strategy",    "exploitation toolkit",     "PLO tracker",
	"workforce strategy",     "life story work guidance", "practice model handbook"};

static const char *const staff_groups[] = {
	"social workers",     "team managers",         "early help practitioners",
	"independent reviewing officers", "foster carers", "personal advisers",
	"partner agencies",   "family support workers"};

static const char *const risk_sentences[] = {
	"Recruitment of experienced social workers remains a risk to pace.",
	"Capacity in the quality assurance team has delayed the next dip sample.",
	"Sickness in the team has slowed progress; cover is in place.",
	"Partner attendance at strategy discussions is still inconsistent.",
	"The case management system change request is awaiting a release date.",
	"Placement costs continue to rise faster than the budget allows.",
	"Demand at the front door rose by a fifth over the winter & has stretched capacity."};

static const char *const next_sentences[] = {
	"Next steps are to embed the changes and test their impact through audit.",
	"The Head of Service will review compliance monthly and escalate any drift.",
	"Learning will be shared at the next practice development day.",
	"The action will be considered for closure once two audits show sustained improvement.",
	"A task and finish group will report back to the Senior Leadership Team.",
	"Performance will be tracked weekly in the performance clinic."};


static const char *const children_say[] = {
	"they know who their social worker is and that they are listened to",
	"their plan is easy to understand and they helped to write it",
	"they feel safe and supported at home",
	"they don't have to keep repeating their story",
	"they were involved in decisions about where they live",
	"the adults around them work together and keep their promises",
	"they know why decisions were made about their lives",
	"they have the help they need to stay in education"};
static const char *const partners_say[] = {
	"decisions at the front door are timely and clearly explained",
	"they are invited to and valued in strategy discussions",
	"they understand the threshold document and use it with confidence",
	"information is shared promptly and plans are clear about who does what"};
static const char *const families_say[] = {
	"they understand why children's services are involved and what needs to change",
	"their worker is consistent and easy to contact",
	"they were offered help early, before things got worse"};

static const char *const due_change_reasons[] = {
	"a delay in recruitment to the project lead post",
	"agreement at the Improvement Board",
	"the restructure of the front door",
	"the need to align with the partnership's timetable",
	"the case management system release being moved"};

static const char *const inspection_codes[] = {"ILAC", "FV1", "FV2", "ILAC, FV1",
					       "ILAC, FV1, FV2", "JTAI"};

struct recommendation_text {
	const char *judgement;
	const char *text;
};
static const struct recommendation_text recommendations[] = {
	{"Help and protection",
	 "The quality and timeliness of assessments, so that they consistently reflect children's lived experience."},
	{"Impact of leaders",
	 "Management oversight and supervision, so that children's plans progress without drift or delay."},
	{"Help and protection",
	 "The response to children at risk of exploitation, including the timeliness of return home interviews."},
	{"Children in care", "Permanence planning for children in care, including the use of family networks."},
	{"Care leavers", "The quality of pathway plans and the range of suitable accommodation for care leavers."},
	{"Help and protection",
	 "The quality of child protection plans, so that they are specific about what needs to change and by when."},
	{"Children in care",
	 "The sufficiency of local placements that meet children's assessed needs & keep them close to home."},
	{"Impact of leaders",
	 "The use of performance information and quality assurance to understand the quality of practice."},
	{"Help and protection", "The consistency of the early help offer across all partner agencies."},
	{"Children in care", "Life story work for children in care, so that children understand their histories."}};

/* Coverage: actions answer recommendations 1-9 from the start of the plan;
 * the last one is answered only by every 250th action, so small plans show
 * a recommendation that nothing answers. */
#define RARE_RECOMMENDATION_EVERY 250

struct focus_area_text {
	const char *title, *judgement;
};
static const struct focus_area_text focus_areas[] = {
	{"Application of thresholds", "Help and protection"},
	{"Front door and MASH", "Help and protection"},
	{"Practice basics", "Impact of leaders"},
	{"Permanence", "Children in care"},
	{"Care leavers", "Care leavers"},
	{"Children in specific circumstances", "Help and protection"},
	{"Partnership with health", "Children in care"},
	{"Voice of the child and family", "Impact of leaders"},
	{"Placement sufficiency", "Children in care"},
	{"Workforce stability", "Impact of leaders"}};

static const char *const outcome_texts[] = {
	"Children remain safely with their families wherever it is safe for them to do so.",
	"Children who cannot live with their families live close to home and keep the relationships that matter to them.",
	"Families receive the right support at the right time, the first time.",
	"Children in care have their physical, emotional and mental health needs met.",
	"Young people feel supported into adulthood and into education, employment or training.",
	"Children's wishes and feelings are heard, understood and acted upon."};

static const char *const audit_theme_titles[] = {
	"Voice of the child",        "Quality of assessment",  "Analysis of risk",
	"Management oversight",      "Supervision",            "Child protection plans",
	"Child in need plans",       "Care plans",             "Pathway plans",
	"Chronologies",              "Life story work",        "Strategy discussions",
	"Permanence planning",       "Direct work with children", "Case recording",
	"Family network involvement"};

static const char *const localities[] = {"North", "South", "East", "West", "Central"};

/* ---- measures --------------------------------------------------------- */

enum direction { BETTER_LOWER = -1, BETTER_IN_LINE = 0, BETTER_HIGHER = 1 };

/* A kind of measure. Values are in tenths of the unit so that every
 * calculation is exact integer arithmetic. */
struct measure_kind {
	const char *prefix;
	const char *name;
	const char *unit;
	enum direction better;
	int base;     /* typical value at the start of the plan */
	int gain;     /* the improvement the plan aims for */
	int noise;    /* month-to-month wobble */
	int lo, hi;   /* what the value can be */
	int decimals; /* 0 or 1 */
	const char *source;
};

static const struct measure_kind measure_kinds[] = {
	{"CIN", "Re-referrals to children's social care within 12 months", "percent", BETTER_LOWER,
	 240, 60, 15, 0, 1000, 1, "Case management system"},
	{"CIN", "Assessments completed within 45 working days", "percent", BETTER_HIGHER, 720, 150,
	 30, 0, 1000, 1, "Case management system"},
	{"CP", "Children subject to a child protection plan, rate per 10,000", "rate-per-10000",
	 BETTER_IN_LINE, 520, 80, 15, 0, 2000, 1, "Case management system"},
	{"CP", "Child protection visits within timescale", "percent", BETTER_HIGHER, 810, 120, 25, 0,
	 1000, 1, "Case management system"},
	{"CF", "Children in care, rate per 10,000", "rate-per-10000", BETTER_LOWER, 960, 100, 12,
	 0, 3000, 1, "Case management system"},
	{"CF", "Children in care with three or more placements in the year", "percent",
	 BETTER_LOWER, 110, 30, 8, 0, 1000, 1, "Case management system"},
	{"CF", "Average days between entering care and moving in with an adoptive family", "days",
	 BETTER_LOWER, 4800, 900, 250, 1000, 12000, 0, "Adoption tracker"},
	{"CL", "Care leavers aged 19-21 in education, employment or training", "percent",
	 BETTER_HIGHER, 520, 100, 25, 0, 1000, 1, "Leaving care team records"},
	{"CL", "Care leavers in suitable accommodation", "percent", BETTER_HIGHER, 860, 60, 15, 0,
	 1000, 1, "Leaving care team records"},
	{"EH", "Early help assessments completed in the month", "count", BETTER_HIGHER, 1400, 300,
	 120, 0, 100000, 0, "Early help module"},
	{"SG", "Return home interviews offered within 72 hours", "percent", BETTER_HIGHER, 640, 180,
	 40, 0, 1000, 1, "Missing from home tracker"},
	{"WF", "Social worker vacancy rate", "percent", BETTER_LOWER, 190, 70, 12, 0, 1000, 1,
	 "Workforce data"},
	{"WF", "Agency social workers as a share of the workforce", "percent", BETTER_LOWER, 220, 80,
	 12, 0, 1000, 1, "Workforce data"},
	{"WF", "Supervision within timescale", "percent", BETTER_HIGHER, 700, 200, 35, 0, 1000, 1,
	 "Case management system"},
	{"HL", "Initial health assessments within 20 working days", "percent", BETTER_HIGHER, 420,
	 300, 60, 0, 1000, 1, "Health partner returns"},
	{"ED", "Personal education plans completed on time", "percent", BETTER_HIGHER, 780, 150, 30,
	 0, 1000, 1, "Virtual School"},
	{"LG", "Children in care for whom legal proceedings took more than 26 weeks", "count",
	 BETTER_LOWER, 350, 120, 40, 0, 5000, 0, "Legal services tracker"},
	{"FN", "Average weekly cost of an external residential placement", "gbp", BETTER_LOWER, 52000,
	 4000, 900, 10000, 200000, 0, "Finance system"},
	{"QA", "Case audits judged good or better", "percent", BETTER_HIGHER, 380, 300, 40, 0, 1000,
	 1, "Quality assurance framework"},
	{"CP", "Child protection plans lasting two years or more", "percent", BETTER_LOWER, 50, 25, 6,
	 0, 1000, 1, "Case management system"}};

struct measure_slot {
	char code[32];
	char id[40];
	int kind;
	int occurrence; /* how many times the kind has been used before */
	int n_actions;
	char actions[3][64]; /* the first actions that name this measure */
};

/* ---- the generator ---------------------------------------------------- */

struct person {
	char id[48];
	char name[64];
};

struct gen {
	const struct options *opt;
	struct rng rng;
	struct out out;
	int as_at;           /* day */
	int plan_first_month;
	int plan_first, plan_last; /* days */
	struct person *people;
	int n_people;        /* the first two are the chair and the director */
	struct measure_slot *measures;
	int n_measures;
	int n_outcomes;
	long long n_actions_written;
};

/* Someone who can lead an action: anyone but the independent chair. */
static const char *random_lead(struct gen *g)
{
	return g->people[rng_int(&g->rng, 1, g->n_people - 1)].id;
}

static void random_leads(struct gen *g, char *buf, size_t size, int max)
{
	const char *a = random_lead(g);
	if (max > 1 && rng_permille(&g->rng, 300)) {
		const char *b = random_lead(g);
		if (strcmp(a, b) != 0) {
			snprintf(buf, size, "%s %s", a, b);
			return;
		}
	}
	snprintf(buf, size, "%s", a);
}

static void format_month_year(char *buf, size_t size, int month)
{
	snprintf(buf, size, "%s %d", month_long[month % 12], month / 12);
}

/* A weekday on or before `day` (not before `floor`): updates and meetings
 * fall in the working week. */
static int working_day(int day, int floor)
{
	int wd = weekday(day);
	int moved = wd == 6 ? day - 1 : wd == 7 ? day - 2 : day;
	return moved >= floor ? moved : day;
}

static void emit_date_attr(struct gen *g, const char *name, int day, enum date_form f)
{
	char buf[48];
	format_date(buf, sizeof buf, day, f);
	out_attr(&g->out, name, buf);
}

/* ---- prose generators ------------------------------------------------- */

static void add_action_sentence(struct gen *g, struct text *t)
{
	size_t at = text_sentence(t);
	const char *verb = PICK(g, action_verbs);
	const char *object = PICK(g, action_objects);
	const char *purpose = PICK(g, action_purposes);
	text_addf(t, "%s %s %s.", verb, object, purpose);
	text_capitalise(t, at);
}

static void add_progress_sentence(struct gen *g, struct text *t)
{
	size_t at = text_sentence(t);
	struct rng *r = &g->rng;
	int total, cases, now, before;
	const char *doc, *staff;
	switch (rng_below(r, 8)) {
	case 0:
		total = rng_int(r, 8, 30);
		text_addf(t, "%d of %d team managers have completed the training.",
			  rng_int(r, total / 2, total), total);
		break;
	case 1:
		cases = rng_int(r, 20, 60);
		now = rng_int(r, 45, 80);
		before = rng_int(r, 25, 44);
		text_addf(t, "The audit of %d cases found that %d%% were good or better, up from %d%%.",
			  cases, now, before);
		break;
	case 2:
		text_addf(t, "The revised %s has been agreed by the Senior Leadership Team.",
			  PICK(g, documents));
		break;
	case 3:
		text_addf(t, "The task and finish group has met %d times and has agreed its terms of reference.",
			  rng_int(r, 2, 9));
		break;
	case 4:
		now = rng_int(r, 80, 97);
		before = rng_int(r, 60, 79);
		text_addf(t, "%d%% of children had a visit within timescale in the last month, up from %d%%.",
			  now, before);
		break;
	case 5:
		doc = PICK(g, documents);
		staff = PICK(g, staff_groups);
		text_addf(t, "The %s has been launched in all locality teams and briefed to %s.", doc,
			  staff);
		break;
	case 6:
		text_addf(t, "A dip sample of %d files showed clearer analysis of risk and better recording of children's views.",
			  rng_int(r, 10, 40));
		break;
	default:
		text_add(t, "The new tracker is in place and is reviewed weekly by the Head of Service.");
		break;
	}
	text_capitalise(t, at);
}

/* Commentary and current positions: what happened, what is in the way,
 * what happens next, until the text reaches its target length. */
static void make_commentary(struct gen *g, struct text *t, size_t min, size_t max)
{
	size_t target = (size_t)rng_int(&g->rng, (int)min, (int)max);
	text_clear(t);
	text_addf(t, "%s, ", PICK(g, opening_phrases));
	text_capitalise(t, 0);
	size_t mark = t->n;
	add_progress_sentence(g, t);
	/* the first sentence continues the opening phrase: "The" becomes
	 * "the", but "MASH" and "PLO" keep their capitals */
	char next = t->s[mark + 1];
	if (t->s[mark] >= 'A' && t->s[mark] <= 'Z' && ((next >= 'a' && next <= 'z') || next == ' '))
		t->s[mark] = (char)(t->s[mark] - 'A' + 'a');
	while (t->n < target) {
		switch (rng_below(&g->rng, 4)) {
		case 0:
			text_sentence(t);
			text_add(t, PICK(g, risk_sentences));
			break;
		case 1:
			text_sentence(t);
			text_add(t, PICK(g, next_sentences));
			break;
		default:
			add_progress_sentence(g, t);
			break;
		}
	}
	text_limit(t, min, max);
}

static void make_action_text(struct gen *g, struct text *t)
{
	size_t target = (size_t)rng_int(&g->rng, 60, 300);
	text_clear(t);
	add_action_sentence(g, t);
	while (t->n < target) {
		if (rng_permille(&g->rng, 500)) {
			text_sentence(t);
			text_add(t, PICK(g, action_extras));
		} else {
			add_action_sentence(g, t);
		}
	}
	text_limit(t, 60, 300);
}

static void make_how_we_will_know(struct gen *g, struct text *t)
{
	size_t target = (size_t)rng_int(&g->rng, 60, 400);
	text_clear(t);
	while (t->n < target) {
		size_t at = text_sentence(t);
		const char *source = PICK(g, know_sources);
		const char *verb = PICK(g, know_verbs);
		const char *finding = PICK(g, know_findings);
		text_addf(t, "%s %s %s.", source, verb, finding);
		text_capitalise(t, at);
	}
	text_limit(t, 60, 400);
}

static void make_milestone_text(struct gen *g, struct text *t)
{
	const char *doc = PICK(g, documents);
	text_clear(t);
	switch (rng_below(&g->rng, 10)) {
	case 0:
		text_addf(t, "Draft %s shared with the Senior Leadership Team", doc);
		break;
	case 1:
		text_addf(t, "%s approved by the Improvement Board", doc);
		break;
	case 2:
		text_addf(t, "Training on the %s delivered to all %s", doc, PICK(g, staff_groups));
		break;
	case 3:
		text_addf(t, "Dip sample of %d cases completed and findings reported",
			  rng_int(&g->rng, 10, 60));
		break;
	case 4:
		text_add(t, "Task and finish group established with partner representation");
		break;
	case 5:
		text_addf(t, "Revised %s published and briefed to %s", doc, PICK(g, staff_groups));
		break;
	case 6:
		text_addf(t, "Baseline audit against the %s completed", doc);
		break;
	case 7:
		text_add(t, "Review of impact presented to the Improvement Board");
		break;
	case 8:
		text_addf(t, "Performance report on the %s added to the monthly scorecard", doc);
		break;
	default:
		text_addf(t, "Feedback gathered from %d children & young people",
			  rng_int(&g->rng, 10, 80));
		break;
	}
	text_capitalise(t, 0);
}

static void make_voice(struct gen *g, struct text *t, const char *of)
{
	text_clear(t);
	if (strcmp(of, "children") == 0) {
		const char *who = rng_permille(&g->rng, 700) ? "Children" : "Young people";
		text_addf(t, "%s will say %s.", who, PICK(g, children_say));
	} else if (strcmp(of, "partners") == 0) {
		text_addf(t, "Partners will say %s.", PICK(g, partners_say));
	} else {
		text_addf(t, "Parents and carers will say %s.", PICK(g, families_say));
	}
}

static void emit_voice(struct gen *g, int indent, const char *of, const char *title)
{
	struct out *o = &g->out;
	struct text t;
	make_voice(g, &t, of);
	out_indent(o, indent);
	out_str(o, "<voice");
	out_attr(o, "of", of);
	if (title)
		out_attr(o, "title", title);
	out_str(o, ">");
	out_escaped(o, t.s, false);
	out_str(o, "</voice>\n");
}

/* ---- plan sections ---------------------------------------------------- */

static void emit_paragraphs(struct gen *g, int indent, const char *name, size_t min, size_t max,
			    int paragraphs)
{
	struct out *o = &g->out;
	struct text t;
	out_indent(o, indent);
	out_str(o, "<");
	out_str(o, name);
	out_str(o, ">");
	if (paragraphs <= 1) {
		make_commentary(g, &t, min, max);
		out_escaped(o, t.s, false);
	} else {
		for (int i = 0; i < paragraphs; i++) {
			make_commentary(g, &t, min / (size_t)paragraphs, max / (size_t)paragraphs);
			out_str(o, "<p>");
			out_escaped(o, t.s, false);
			out_str(o, "</p>");
		}
	}
	out_str(o, "</");
	out_str(o, name);
	out_str(o, ">\n");
}

static void emit_header(struct gen *g)
{
	struct out *o = &g->out;
	const struct options *opt = g->opt;
	char buf[256], first[32], last[32];
	out_str(o, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
	snprintf(buf, sizeof buf,
		 "<!-- Synthetic plan written by genplan (seed %llu, %lld actions): every name, date and figure in it is made up. -->\n",
		 opt->seed, opt->actions);
	out_str(o, buf);
	out_str(o, "<plan xmlns=\"urn:boardpack:plan:1\" format=\"1\"");
	out_attrf(o, "id", "synthetic-s%llu-a%lld", opt->seed, opt->actions);
	out_attrf(o, "version", "genplan 1, seed %llu", opt->seed);
	emit_date_attr(g, "as-at", g->as_at, DF_DAY_MONTH_YEAR);
	out_attr(o, "marking", "OFFICIAL");
	format_date(first, sizeof first, g->plan_first, DF_MON_YEAR);
	format_date(last, sizeof last, g->plan_last, DF_MON_YEAR);
	out_attrf(o, "period", "%s " EN_DASH " %s", first, last);
	out_attr(o, "lang", "en-GB");
	out_attr(o, "tolerance", "5");
	out_attr(o, "due-soon", "30");
	out_str(o, ">\n");
	snprintf(buf, sizeof buf, "Synthetic improvement plan (seed %llu, %lld action%s)", opt->seed,
		 opt->actions, opt->actions == 1 ? "" : "s");
	out_element(o, 1, "title", buf);
	out_element(o, 1, "subtitle", "Children's services improvement plan for testing and benchmarks");
	out_element(o, 1, "authority", "Example Borough Council (synthetic)");
	out_element(o, 1, "author", "Performance and Improvement Team (synthetic)");
	out_element(o, 1, "board", "Children's Services Improvement Board");
	out_str(o, "  <introduction><p>This plan was generated by genplan to test and benchmark "
		   "boardpack. Every person, date, figure and finding in it is made up; it describes "
		   "no real council.</p><p>Its shape follows real improvement plans: priorities and "
		   "themes, actions with milestones and dated updates, a BRAG rating scheme, Ofsted "
		   "recommendations, focus areas, measures with targets and monthly actuals, an "
		   "outcomes framework and a case audit.</p></introduction>\n");
	out_str(o, "  <vision>All children and young people in the borough have the best start in "
		   "life, grow up safely in their families and communities, and achieve their best "
		   "outcomes.</vision>\n");
	out_str(o, "  <notice lang=\"en\" title=\"Other languages and formats\">If you need this "
		   "document in another language or format, contact the Performance and Improvement "
		   "Team (synthetic) at <a href=\"https://example.org/contact\">example.org</a>."
		   "</notice>\n");
}

static void emit_governance(struct gen *g)
{
	struct out *o = &g->out;
	out_str(o, "  <governance board=\"Children's Services Improvement Board\"");
	out_attrf(o, "chair", "%s (independent chair)", g->people[0].name);
	out_str(o, " cadence=\"Every six weeks\" update-cadence=\"Monthly\" updates-requested=\"21\""
		   " updates-due=\"14\" chair-briefed=\"7\">\n");
	/* meetings every six weeks, on Tuesdays */
	int day = g->plan_first + 20;
	while (weekday(day) != 2)
		day++;
	int n = 0;
	for (; day <= g->plan_last; day += 42, n++) {
		char buf[48];
		format_date(buf, sizeof buf, day, DF_DAY_MON_YEAR);
		out_indent(o, 2);
		out_str(o, "<meeting");
		out_attr(o, "date", buf);
		out_str(o, n % 4 == 3 ? ">Improvement Board with Ofsted monitoring feedback</meeting>\n"
				      : ">Improvement Board</meeting>\n");
	}
	out_str(o, "    <note>Leads update their actions monthly. Updates are requested three weeks "
		   "before each board, are due two weeks before it, and the chair is briefed one week "
		   "before.</note>\n");
	out_str(o, "  </governance>\n");
}

static void make_people(struct gen *g)
{
	/* More actions bring more managers, as in large authorities; named
	 * people are first-name/surname pairs, unique up to 400. */
	long long named = 16 + g->opt->actions / 200;
	if (named > 400)
		named = 400;
	g->n_people = (int)named + (int)ARRAY_LEN(role_only_people);
	g->people = calloc((size_t)g->n_people, sizeof *g->people);
	if (!g->people) {
		fputs("genplan: error: out of memory\n", stderr);
		exit(GENPLAN_IO_FAILED);
	}
	for (int i = 0; i < (int)named; i++) {
		const char *fn = first_names[i % 20];
		const char *sn = surnames[(i / 20 + i) % 20];
		snprintf(g->people[i].name, sizeof g->people[i].name, "%s %s", fn, sn);
		snprintf(g->people[i].id, sizeof g->people[i].id, "%s-%s", fn, sn);
		for (char *c = g->people[i].id; *c; c++)
			if (*c >= 'A' && *c <= 'Z')
				*c = (char)(*c - 'A' + 'a');
	}
	for (size_t i = 0; i < ARRAY_LEN(role_only_people); i++) {
		struct person *p = &g->people[named + (long long)i];
		snprintf(p->id, sizeof p->id, "%s", role_only_people[i].id);
		snprintf(p->name, sizeof p->name, "%s", role_only_people[i].role);
	}
}

static void emit_people(struct gen *g)
{
	struct out *o = &g->out;
	int named = g->n_people - (int)ARRAY_LEN(role_only_people);
	out_str(o, "  <people>\n");
	for (int i = 0; i < named; i++) {
		const struct person *p = &g->people[i];
		char role[128], email[96];
		if (i < (int)ARRAY_LEN(senior_roles))
			snprintf(role, sizeof role, "%s", senior_roles[i]);
		else
			snprintf(role, sizeof role, "%s, %s", manager_grades[i % 3],
				 teams[(i / 3) % ARRAY_LEN(teams)]);
		snprintf(email, sizeof email, "%s@example.org", p->id);
		for (char *c = email; *c; c++)
			if (*c == '-')
				*c = '.';
		out_str(o, "    <person");
		out_attr(o, "id", p->id);
		out_attr(o, "name", p->name);
		out_attr(o, "role", role);
		out_attr(o, "email", email);
		out_str(o, "/>\n");
	}
	for (size_t i = 0; i < ARRAY_LEN(role_only_people); i++) {
		out_str(o, "    <person");
		out_attr(o, "id", role_only_people[i].id);
		out_attr(o, "role", role_only_people[i].role);
		if (role_only_people[i].organisation)
			out_attr(o, "organisation", role_only_people[i].organisation);
		out_str(o, "/>\n");
	}
	out_str(o, "  </people>\n");
}

static void emit_schemes(struct gen *g)
{
	out_str(&g->out,
		"  <schemes default=\"brag\">\n"
		"    <scheme id=\"brag\" name=\"BRAG\">\n"
		"      <status id=\"blue\" label=\"Blue\" colour=\"#1F5AA6\" means=\"complete\">Complete: "
		"the action is finished and the evidence is in place.</status>\n"
		"      <status id=\"green\" label=\"Green\" colour=\"#2E7D32\" means=\"on-track\">On track "
		"to be delivered by the due date.</status>\n"
		"      <status id=\"amber\" label=\"Amber\" colour=\"#F2A900\" means=\"at-risk\">Some "
		"slippage or risk; recoverable with the mitigation described.</status>\n"
		"      <status id=\"red\" label=\"Red\" colour=\"#C62828\" means=\"off-track\">Off track: "
		"the due date will be missed or has passed without completion.</status>\n"
		"      <status id=\"grey\" label=\"Grey\" colour=\"#757575\" means=\"not-started\">Not yet "
		"started; the start date is in the future.</status>\n"
		"      <note>Leads rate their own actions; the Improvement Board challenges any rating "
		"the evidence does not support.</note>\n"
		"    </scheme>\n"
		"  </schemes>\n");
}

static void emit_recommendations(struct gen *g)
{
	struct out *o = &g->out;
	char date[48];
	format_date(date, sizeof date, g->plan_first - 45, DF_DAY_MONTH_YEAR);
	out_str(o, "  <recommendations source=\"Ofsted inspection of local authority children's "
		   "services (synthetic)\"");
	out_attr(o, "date", date);
	out_str(o, ">\n");
	for (size_t i = 0; i < ARRAY_LEN(recommendations); i++) {
		out_str(o, "    <recommendation");
		out_attrf(o, "id", "rec%zu", i + 1);
		out_attrf(o, "ref", "%zu", i + 1);
		out_attrf(o, "areas", "area-%lld", (long long)i % g->opt->priorities + 1);
		out_attr(o, "judgement", recommendations[i].judgement);
		out_str(o, ">");
		out_escaped(o, recommendations[i].text, false);
		out_str(o, "</recommendation>\n");
	}
	out_str(o, "  </recommendations>\n");
}

static void emit_focus_areas(struct gen *g)
{
	struct out *o = &g->out;
	out_str(o, "  <focus-areas>\n");
	for (size_t i = 0; i < ARRAY_LEN(focus_areas); i++) {
		out_str(o, "    <focus-area");
		out_attrf(o, "id", "fa%zu", i + 1);
		out_attrf(o, "ref", "FA%zu", i + 1);
		out_attr(o, "title", focus_areas[i].title);
		out_attr(o, "judgement", focus_areas[i].judgement);
		out_attr(o, "lead", random_lead(g));
		if (i % 3 == 2)
			out_attrf(o, "recommendations", "rec%zu rec%zu", i + 1, (i + 4) % 10 + 1);
		else
			out_attrf(o, "recommendations", "rec%zu", i + 1);
		out_str(o, "><description>");
		struct text t;
		make_how_we_will_know(g, &t);
		out_escaped(o, t.s, false);
		out_str(o, "</description></focus-area>\n");
	}
	out_str(o, "  </focus-areas>\n");
}

static void emit_outcomes(struct gen *g)
{
	struct out *o = &g->out;
	out_str(o, "  <outcomes title=\"Outcomes framework\">\n");
	for (int i = 0; i < g->n_outcomes; i++) {
		out_str(o, "    <outcome");
		out_attrf(o, "id", "out%d", i + 1);
		out_attrf(o, "ref", "O%d", i + 1);
		out_attrf(o, "recommendations", "rec%d rec%d", i + 1, (i + 6) % 10 + 1);
		out_attrf(o, "areas", "area-%lld", (long long)i % g->opt->priorities + 1);
		out_str(o, ">");
		out_escaped(o, outcome_texts[i], false);
		out_str(o, "</outcome>\n");
	}
	out_str(o, "  </outcomes>\n");
}

/* ---- actions ---------------------------------------------------------- */

/* What the dates say about an action as at the report date. */
enum progress {
	PROGRESS_DONE,
	PROGRESS_OVERDUE,
	PROGRESS_UNDER_WAY,
	PROGRESS_NOT_STARTED,
	PROGRESS_OPEN_ENDED /* due TBC, Ongoing or a cadence */
};

static const char *reported_status(struct gen *g, enum progress p, int days_to_due)
{
	int x = (int)rng_below(&g->rng, 100);
	switch (p) {
	case PROGRESS_DONE:
		return x < 92 ? "blue" : "green";
	case PROGRESS_OVERDUE:
		/* a few leads rate overdue work kinder than the dates allow */
		return x < 68 ? "red" : x < 90 ? "amber" : "green";
	case PROGRESS_UNDER_WAY:
		if (days_to_due < 30)
			return x < 45 ? "amber" : x < 85 ? "green" : "red";
		return x < 65 ? "green" : x < 90 ? "amber" : "red";
	case PROGRESS_NOT_STARTED:
		return x < 75 ? "grey" : "green";
	case PROGRESS_OPEN_ENDED:
		return x < 70 ? "green" : "amber";
	}
	return "green";
}

/* Impact usually lags the delivery of an action. */
static const char *impact_status(struct gen *g, const char *action_status)
{
	int x = (int)rng_below(&g->rng, 100);
	if (strcmp(action_status, "blue") == 0)
		return x < 50 ? "green" : x < 85 ? "amber" : "blue";
	if (strcmp(action_status, "green") == 0)
		return x < 55 ? "amber" : "green";
	if (strcmp(action_status, "amber") == 0)
		return x < 60 ? "amber" : "red";
	return action_status;
}

static void emit_rating(struct gen *g, int indent, const char *kind, const char *status, int date)
{
	struct out *o = &g->out;
	out_indent(o, indent);
	out_str(o, "<rating");
	if (kind)
		out_attr(o, "kind", kind);
	out_attr(o, "status", status);
	emit_date_attr(g, "date", date, DF_DAY_MON_YEAR);
	if (rng_permille(&g->rng, 300)) {
		out_str(o, ">");
		if (strcmp(status, "red") == 0)
			out_escaped(o, PICK(g, risk_sentences), false);
		else if (strcmp(status, "amber") == 0)
			out_str(o, "Some slippage; mitigation agreed with the Head of Service.");
		else if (strcmp(status, "blue") == 0)
			out_str(o, "Complete; impact to be tested through the next audit round.");
		else if (strcmp(status, "grey") == 0)
			out_str(o, "Not yet started.");
		else
			out_str(o, "On track against the agreed milestones.");
		out_str(o, "</rating>\n");
	} else {
		out_str(o, "/>\n");
	}
}

static void emit_evidence(struct gen *g, int indent, const char *action_id, int n, int day)
{
	struct out *o = &g->out;
	char when[48];
	format_month_year(when, sizeof when, month_of_day(day));
	out_indent(o, indent);
	out_str(o, "<evidence");
	emit_date_attr(g, "date", day, DF_DAY_MON_YEAR);
	if (rng_permille(&g->rng, 400))
		out_attrf(o, "href", "https://example.org/evidence/%s-%d.pdf", action_id, n);
	out_str(o, ">");
	char buf[256];
	switch (rng_below(&g->rng, 5)) {
	case 0:
		snprintf(buf, sizeof buf, "Case audit report, %s", when);
		break;
	case 1:
		snprintf(buf, sizeof buf, "Minutes of the Improvement Board, %s", when);
		break;
	case 2:
		snprintf(buf, sizeof buf, "Performance scorecard, %s", when);
		break;
	case 3:
		snprintf(buf, sizeof buf, "Training attendance records for %s", PICK(g, staff_groups));
		break;
	default:
		snprintf(buf, sizeof buf, "Revised %s, published %s", PICK(g, documents), when);
		break;
	}
	out_escaped(o, buf, false);
	out_str(o, "</evidence>\n");
}

/* Dated progress updates, oldest first, all before the report date. */
static int emit_updates(struct gen *g, int indent, int count, int from, int until, const char *by)
{
	struct out *o = &g->out;
	int last = NO_DAY;
	if (count <= 0 || until <= from)
		return last;
	int gap = (until - from) / count;
	if (gap < 1)
		gap = 1;
	for (int k = 0; k < count; k++) {
		int day = from + gap * k + rng_int(&g->rng, 0, gap - 1);
		if (day >= until)
			day = until - 1;
		day = working_day(day, from);
		if (last != NO_DAY && day < last)
			day = last;
		last = day;
		struct text t;
		make_commentary(g, &t, 60, 500);
		out_indent(o, indent);
		out_str(o, "<update");
		emit_date_attr(g, "date", day, rng_day_form(&g->rng));
		if (by)
			out_attr(o, "by", by);
		out_str(o, ">");
		out_escaped(o, t.s, false);
		out_str(o, "</update>\n");
	}
	return last;
}

static void emit_milestones(struct gen *g, const char *action_id, const char *ref, int count,
			    int start, int due, enum progress progress, int action_done)
{
	struct out *o = &g->out;
	struct rng *r = &g->rng;
	struct text t;
	int as_at = g->as_at;
	for (int k = 0; k < count; k++) {
		int step = (due - start) / count;
		int mdue = start + (int)((long long)(due - start) * (k + 1) / count);
		if (k < count - 1)
			mdue -= rng_int(r, 0, step / 3 < 10 ? step / 3 : 10);
		if (mdue < start)
			mdue = start;
		char due_text[48] = "TBC";
		enum date_form form = rng_permille(r, 750) ? rng_day_form(r)
				     : rng_permille(r, 500) ? DF_MON_YEAR
							    : DF_MON_YY;
		struct span ds = format_date(due_text, sizeof due_text, mdue, form);
		int mdue_eff = ds.last;

		bool done = false;
		int done_day = 0;
		if (progress == PROGRESS_DONE) {
			done = true;
			done_day = mdue_eff + rng_int(r, -20, 10);
			if (done_day > action_done)
				done_day = action_done;
		} else if (mdue_eff < as_at && rng_permille(r, 750)) {
			done = true;
			done_day = mdue_eff + rng_int(r, -25, 20);
		} else if (start < as_at && progress != PROGRESS_NOT_STARTED &&
			   rng_permille(r, 100)) {
			done = true;
			done_day = rng_int(r, start, as_at - 1);
		}
		if (done) {
			if (done_day >= as_at)
				done_day = as_at - 1;
			if (done_day < start)
				done_day = start;
		}
		bool tbc = !done && mdue_eff > as_at + 60 && rng_permille(r, 30);
		if (tbc)
			snprintf(due_text, sizeof due_text, "TBC");

		const char *status = NULL;
		int x = (int)rng_below(r, 100);
		if (done)
			status = x < 90 ? "blue" : "green";
		else if (tbc)
			status = x < 60 ? "amber" : "grey";
		else if (mdue_eff < as_at)
			status = x < 70 ? "red" : x < 95 ? "amber" : "green";
		else if (mdue_eff - as_at <= 30)
			status = x < 40 ? "amber" : "green";
		else if (start > as_at)
			status = x < 60 ? "grey" : "green";
		else
			status = x < 85 ? "green" : "amber";

		out_str(o, "      <milestone");
		out_attrf(o, "id", "%s-m%d", action_id, k + 1);
		if (k < 26)
			out_attrf(o, "ref", "%s%c", ref, 'a' + k);
		else
			out_attrf(o, "ref", "%s-%d", ref, k + 1);
		if (rng_permille(r, 300))
			out_attr(o, "lead", random_lead(g));
		out_attr(o, "due", due_text);
		if (done)
			emit_date_attr(g, "done", done_day, rng_day_form(r));
		if (!rng_permille(r, 120))
			out_attr(o, "status", status);
		out_str(o, ">");
		make_milestone_text(g, &t);
		out_str(o, "<text>");
		out_escaped(o, t.s, false);
		out_str(o, "</text>");
		bool nested = false;
		if (rng_permille(r, 200)) {
			make_commentary(g, &t, 60, 300);
			out_str(o, "<position>");
			out_escaped(o, t.s, false);
			out_str(o, "</position>");
		}
		int updated_until = done ? done_day + 1 : as_at;
		if (start < updated_until - 7 && rng_permille(r, 100)) {
			out_str(o, "\n");
			nested = true;
			emit_updates(g, 4, 1, start, updated_until, NULL);
		}
		if (done && rng_permille(r, 200)) {
			if (!nested)
				out_str(o, "\n");
			nested = true;
			emit_evidence(g, 4, action_id, 10 + k, done_day);
		}
		if (!tbc && ds.first == ds.last && mdue - 40 > start && rng_permille(r, 50)) {
			char from[48];
			int old_due = mdue - rng_int(r, 14, 40);
			format_date(from, sizeof from, old_due, form);
			if (!nested)
				out_str(o, "\n");
			nested = true;
			out_str(o, "        <due-change");
			emit_date_attr(g, "date", rng_int(r, start, old_due), DF_DAY_MON_YEAR);
			out_attr(o, "from", from);
			out_attr(o, "to", due_text);
			out_str(o, ">Moved with the agreement of the Head of Service.</due-change>\n");
		}
		if (nested)
			out_str(o, "      ");
		out_str(o, "</milestone>\n");
	}
}

static void emit_due_changes(struct gen *g, int start, int due_day, const char *due_text,
			     enum date_form form)
{
	struct out *o = &g->out;
	struct rng *r = &g->rng;
	int changes = rng_permille(r, 250) ? 2 : 1;
	int old_due[2];
	old_due[changes - 1] = due_day - rng_int(r, 30, 150);
	if (changes == 2)
		old_due[0] = old_due[1] - rng_int(r, 30, 120);
	if (old_due[0] < start + 30)
		return;
	int last_change = start;
	for (int c = 0; c < changes; c++) {
		char from[48], to[48];
		format_date(from, sizeof from, old_due[c], form);
		if (c + 1 < changes)
			format_date(to, sizeof to, old_due[c + 1], form);
		else
			snprintf(to, sizeof to, "%s", due_text);
		if (strcmp(from, to) == 0)
			continue;
		int latest = old_due[c] < g->as_at - 1 ? old_due[c] : g->as_at - 1;
		int when = working_day(rng_int(r, last_change, latest), last_change);
		last_change = when;
		out_str(o, "      <due-change");
		emit_date_attr(g, "date", when, DF_DAY_MON_YEAR);
		out_attr(o, "from", from);
		out_attr(o, "to", to);
		out_str(o, ">");
		struct text t;
		text_clear(&t);
		text_addf(&t, "Timescales changed to %s following %s.", to, PICK(g, due_change_reasons));
		out_escaped(o, t.s, false);
		out_str(o, "</due-change>\n");
	}
}

struct metric_kind {
	const char *name, *unit;
	int baseline, target;
};
static const struct metric_kind metric_kinds[] = {
	{"Staff trained in the practice model", "count", 40, 220},
	{"Plans judged good or better in audit", "percent", 35, 70},
	{"Children with an up-to-date chronology", "percent", 55, 90},
	{"Average caseload per social worker", "number", 24, 18},
	{"Foster carer households approved this year", "count", 6, 20},
	{"Care leavers with a pathway plan reviewed in the last six months", "percent", 62, 95}};

static void emit_metric(struct gen *g, int start, const char *due_text, bool due_dated)
{
	struct out *o = &g->out;
	const struct metric_kind *m = &PICK(g, metric_kinds);
	int progress = rng_int(&g->rng, 10, 100);
	int current = m->baseline + (m->target - m->baseline) * progress / 100;
	out_str(o, "      <metric");
	out_attr(o, "name", m->name);
	out_attr(o, "unit", m->unit);
	out_attrf(o, "current", "%d", current);
	emit_date_attr(g, "current-date", month_last_day(month_of_day(g->as_at) - 1),
		       DF_DAY_MON_YEAR);
	out_attrf(o, "target", "%d", m->target);
	if (due_dated)
		out_attr(o, "target-date", due_text);
	out_attrf(o, "baseline", "%d", m->baseline);
	emit_date_attr(g, "baseline-date", start, DF_MON_YEAR);
	out_str(o, ">Figures from the monthly performance report.</metric>\n");
}

/* Which recommendations an action answers, keeping every one of rec1-rec9
 * answered from the ninth action on. */
static void action_recommendations(struct gen *g, long long idx, char *buf, size_t size)
{
	buf[0] = '\0';
	if (idx < 9) {
		snprintf(buf, size, "rec%lld", idx + 1);
	} else if (idx % RARE_RECOMMENDATION_EVERY == RARE_RECOMMENDATION_EVERY - 1) {
		snprintf(buf, size, "rec10");
	} else if (rng_permille(&g->rng, 450)) {
		int a = rng_int(&g->rng, 1, 9);
		int b = rng_int(&g->rng, 1, 9);
		if (a != b && rng_permille(&g->rng, 350))
			snprintf(buf, size, "rec%d rec%d", a < b ? a : b, a < b ? b : a);
		else
			snprintf(buf, size, "rec%d", a);
	}
}

static void note_measure_action(struct measure_slot *m, const char *action_id)
{
	if (m->n_actions < (int)ARRAY_LEN(m->actions)) {
		snprintf(m->actions[m->n_actions], sizeof m->actions[0], "%s", action_id);
		m->n_actions++;
	}
}

static void action_measures(struct gen *g, long long idx, const char *action_id, char *buf,
			    size_t size)
{
	buf[0] = '\0';
	if (g->n_measures == 0)
		return;
	int first = -1, second = -1;
	if (idx < g->n_measures)
		first = (int)idx;
	else if (rng_permille(&g->rng, 300))
		first = rng_int(&g->rng, 0, g->n_measures - 1);
	if (first >= 0 && rng_permille(&g->rng, 150)) {
		second = rng_int(&g->rng, 0, g->n_measures - 1);
		if (second == first)
			second = -1;
	}
	if (first < 0)
		return;
	note_measure_action(&g->measures[first], action_id);
	if (second >= 0) {
		note_measure_action(&g->measures[second], action_id);
		snprintf(buf, size, "%s %s", g->measures[first].id, g->measures[second].id);
	} else {
		snprintf(buf, size, "%s", g->measures[first].id);
	}
}

/* When an action runs, as written and as evaluation will read it, and how
 * far it has got by the report date. */
struct action_when {
	char start_text[48]; /* empty: no start written */
	char due_text[48];
	int start_day;       /* the first day the start text covers */
	int due_day;         /* the last day the due text covers */
	enum date_form due_form;
	bool open_ended;     /* due TBC, Ongoing or a cadence */
	enum progress progress;
	int done_day;        /* PROGRESS_DONE only */
};

static void plan_action_dates(struct gen *g, enum date_form style, struct action_when *w)
{
	struct rng *r = &g->rng;
	int as_at = g->as_at;
	/* most actions start early in the plan */
	int latest_start = g->plan_last - 60;
	int start_day = rng_permille(r, 400) ? g->plan_first + rng_int(r, 0, 60)
					     : rng_int(r, g->plan_first, latest_start);
	int remaining = g->plan_last - start_day;
	int due_day = start_day + rng_int(r, remaining < 45 ? remaining : 45,
					  remaining < 420 ? remaining : 420);
	enum date_form start_form = rng_permille(r, 700) ? style : rng_date_form(r);
	w->due_form = rng_permille(r, 800) ? start_form : rng_date_form(r);
	int x = (int)rng_below(r, 1000);
	if (x < 50) {
		w->start_text[0] = '\0';
	} else if (x < 60) {
		snprintf(w->start_text, sizeof w->start_text, "TBC");
	} else {
		struct span s = format_date(w->start_text, sizeof w->start_text, start_day, start_form);
		start_day = s.first;
	}
	w->open_ended = true;
	x = (int)rng_below(r, 1000);
	if (x < 15) {
		snprintf(w->due_text, sizeof w->due_text, "TBC");
	} else if (x < 25) {
		snprintf(w->due_text, sizeof w->due_text, "Ongoing");
	} else if (x < 32) {
		snprintf(w->due_text, sizeof w->due_text, "Monthly");
	} else if (x < 40) {
		snprintf(w->due_text, sizeof w->due_text, "Quarterly Monitoring");
	} else {
		struct span s = format_date(w->due_text, sizeof w->due_text, due_day, w->due_form);
		due_day = s.last;
		w->open_ended = false;
	}

	w->done_day = 0;
	if (start_day > as_at) {
		w->progress = PROGRESS_NOT_STARTED;
	} else if (w->open_ended) {
		w->progress = PROGRESS_OPEN_ENDED;
	} else if (due_day < as_at) {
		w->progress = rng_permille(r, 700) ? PROGRESS_DONE : PROGRESS_OVERDUE;
	} else {
		w->progress = start_day < as_at - 14 && rng_permille(r, 120) ? PROGRESS_DONE
									     : PROGRESS_UNDER_WAY;
	}
	if (w->progress == PROGRESS_DONE) {
		int done_day = due_day < as_at ? due_day + rng_int(r, -45, 30)
					       : rng_int(r, as_at - 90, as_at - 1);
		if (done_day >= as_at)
			done_day = as_at - 1;
		if (done_day < start_day)
			done_day = start_day;
		w->done_day = done_day;
	}
	w->start_day = start_day;
	w->due_day = due_day;
}

static void emit_action(struct gen *g, int p, int th, long long a, enum date_form style)
{
	struct out *o = &g->out;
	struct rng *r = &g->rng;
	const struct options *opt = g->opt;
	long long idx = g->n_actions_written++;
	int as_at = g->as_at;
	char id[64], ref[64], buf[160];
	snprintf(id, sizeof id, "act-%d.%d.%lld", p, th, a);
	snprintf(ref, sizeof ref, "%d.%d.%lld", p, th, a);

	struct action_when w;
	plan_action_dates(g, style, &w);
	int start_day = w.start_day, due_day = w.due_day, done_day = w.done_day;
	enum progress progress = w.progress;
	bool open_ended = w.open_ended;

	char leads[128];
	random_leads(g, leads, sizeof leads, 2);
	out_str(o, "    <action");
	out_attr(o, "id", id);
	out_attr(o, "ref", ref);
	out_attr(o, "lead", leads);
	if (w.start_text[0])
		out_attr(o, "start", w.start_text);
	out_attr(o, "due", w.due_text);
	if (progress == PROGRESS_DONE)
		emit_date_attr(g, "done", done_day, rng_day_form(r));
	if (rng_permille(r, 500))
		out_attrf(o, "focus", "fa%d", (p - 1 + rng_int(r, 0, 2)) % (int)ARRAY_LEN(focus_areas) + 1);
	/* "all recommendations" would answer the rare one too, so it waits
	 * until the plan is large enough to answer that anyway */
	if (idx >= RARE_RECOMMENDATION_EVERY && rng_permille(r, 5)) {
		out_attr(o, "all-recommendations", "yes");
	} else {
		action_recommendations(g, idx, buf, sizeof buf);
		if (buf[0])
			out_attr(o, "recommendations", buf);
	}
	action_measures(g, idx, id, buf, sizeof buf);
	if (buf[0])
		out_attr(o, "measures", buf);
	if (rng_permille(r, 400))
		out_attr(o, "inspection", PICK(g, inspection_codes));
	if (rng_permille(r, 50)) {
		int number = rng_int(r, 1, 12);
		int letter = 'a' + rng_int(r, 0, 3);
		out_attrf(o, "kpi-refs", "%d%c", number, letter);
	}
	out_str(o, ">\n");

	struct text t;
	if (rng_permille(r, 100)) {
		/* the "practice basics" shape: a lead-in and a bullet list */
		text_clear(&t);
		const char *verb = PICK(g, action_verbs);
		text_addf(&t, "%s %s, covering:", verb, PICK(g, action_objects));
		text_capitalise(&t, 0);
		out_str(o, "      <text>");
		out_escaped(o, t.s, false);
		out_str(o, "<ul>");
		int n = rng_int(r, 3, 6);
		int first = rng_int(r, 0, (int)ARRAY_LEN(practice_basics) - 1);
		for (int i = 0; i < n; i++) {
			out_str(o, "<li>");
			out_str(o, practice_basics[(first + i) % ARRAY_LEN(practice_basics)]);
			out_str(o, "</li>");
		}
		out_str(o, "</ul></text>\n");
	} else {
		make_action_text(g, &t);
		out_element(o, 3, "text", t.s);
	}
	if (rng_permille(r, 700)) {
		make_how_we_will_know(g, &t);
		out_element(o, 3, "how-we-will-know", t.s);
	}
	bool started = progress != PROGRESS_NOT_STARTED;
	if (started && rng_permille(r, 550)) {
		if (rng_permille(r, 3))
			emit_paragraphs(g, 3, "position", 1200, 2000, rng_int(r, 3, 5));
		else
			emit_paragraphs(g, 3, "position", 80, 600, 1);
	}
	if (started && rng_permille(r, 400)) {
		if (rng_permille(r, 3))
			emit_paragraphs(g, 3, "commentary", 1200, 2000, rng_int(r, 3, 5));
		else
			emit_paragraphs(g, 3, "commentary", 80, 600, 1);
	}
	if (rng_permille(r, 500))
		emit_voice(g, 3, "children",
			   rng_permille(r, 500) ? "What our children will say" : NULL);
	if (rng_permille(r, 150))
		emit_voice(g, 3, "partners", "What our partners will say");
	if (rng_permille(r, 50))
		emit_voice(g, 3, "families", NULL);

	int n_milestones = opt->milestones ? rng_int(r, (int)opt->milestones - 1,
						     (int)opt->milestones + 1)
					   : 0;
	emit_milestones(g, id, ref, n_milestones, start_day, due_day, progress, done_day);

	int last_update = NO_DAY;
	if (started && start_day < as_at && opt->updates) {
		int n = rng_int(r, (int)opt->updates - 1, (int)opt->updates + 1);
		/* some actions have gone quiet: their last update is months old */
		int until = rng_permille(r, 80) ? as_at - 120 : as_at;
		if (progress == PROGRESS_DONE && done_day + 21 < until)
			until = done_day + 21;
		int from = until - 45 * n - 30;
		if (from < start_day)
			from = start_day;
		char by[48];
		snprintf(by, sizeof by, "%.*s", (int)strcspn(leads, " "), leads);
		last_update = emit_updates(g, 3, n, from, until, by);
	}

	if (!rng_permille(r, 80)) {
		int rated = last_update != NO_DAY ? last_update : as_at - rng_int(r, 1, 20);
		int days_to_due = due_day - as_at;
		const char *status = reported_status(g, progress, days_to_due);
		if (rng_permille(r, 350)) {
			emit_rating(g, 3, "action", status, rated);
			emit_rating(g, 3, "impact", impact_status(g, status), rated);
		} else {
			emit_rating(g, 3, rng_permille(r, 200) ? "overall" : NULL, status, rated);
		}
	}

	if (started && start_day < as_at) {
		int n = progress == PROGRESS_DONE ? (rng_permille(r, 600) ? rng_int(r, 1, 2) : 0)
						  : (rng_permille(r, 250) ? 1 : 0);
		int when[2];
		when[0] = rng_int(r, start_day, as_at - 1);
		when[1] = rng_int(r, start_day, as_at - 1);
		if (when[1] < when[0]) {
			int swap = when[0];
			when[0] = when[1];
			when[1] = swap;
		}
		for (int i = 0; i < n; i++)
			emit_evidence(g, 3, id, i + 1, when[i]);
	}
	if (rng_permille(r, 60))
		emit_metric(g, start_day, w.due_text, !open_ended);
	if (!open_ended && start_day < as_at - 30 && rng_permille(r, 190))
		emit_due_changes(g, start_day, due_day, w.due_text, w.due_form);
	if (rng_permille(r, 30))
		out_str(o, "      <xref plan=\"SEND Written Statement of Action (synthetic)\""
			   " ref=\"WSoA 2.4\">Shared with the SEND written statement of action; "
			   "progress is reported to both boards.</xref>\n");
	out_str(o, "    </action>\n");
}

/* ---- areas ------------------------------------------------------------ */

static void emit_areas(struct gen *g)
{
	struct out *o = &g->out;
	struct rng *r = &g->rng;
	int n_priorities = (int)g->opt->priorities;
	int *themes_in = calloc((size_t)n_priorities, sizeof *themes_in);
	int total_themes = 0;
	if (!themes_in) {
		fputs("genplan: error: out of memory\n", stderr);
		exit(GENPLAN_IO_FAILED);
	}
	for (int p = 0; p < n_priorities; p++) {
		themes_in[p] = rng_int(r, 1, 3);
		total_themes += themes_in[p];
	}
	/* share the actions among themes in proportion to random weights */
	long long *actions_in = calloc((size_t)total_themes, sizeof *actions_in);
	int *weight = calloc((size_t)total_themes, sizeof *weight);
	if (!actions_in || !weight) {
		fputs("genplan: error: out of memory\n", stderr);
		exit(GENPLAN_IO_FAILED);
	}
	long long weight_sum = 0, shared = 0;
	for (int i = 0; i < total_themes; i++) {
		weight[i] = rng_int(r, 1, 4);
		weight_sum += weight[i];
	}
	for (int i = 0; i < total_themes; i++) {
		actions_in[i] = g->opt->actions * weight[i] / weight_sum;
		shared += actions_in[i];
	}
	for (int i = 0; shared < g->opt->actions; i = (i + 1) % total_themes, shared++)
		actions_in[i]++;

	out_str(o, "  <areas>\n");
	int theme_index = 0;
	for (int p = 1; p <= n_priorities; p++) {
		char title[160], recs[128] = "";
		const char *base = priority_titles[(p - 1) % ARRAY_LEN(priority_titles)];
		if (p <= (int)ARRAY_LEN(priority_titles))
			snprintf(title, sizeof title, "%s", base);
		else
			snprintf(title, sizeof title, "%s, part %d", base,
				 (p - 1) / (int)ARRAY_LEN(priority_titles) + 1);
		for (int k = 0; k < (int)ARRAY_LEN(recommendations); k++) {
			if (k % n_priorities != p - 1)
				continue;
			size_t len = strlen(recs);
			snprintf(recs + len, sizeof recs - len, "%srec%d", len ? " " : "", k + 1);
		}
		out_str(o, "  <area");
		out_attrf(o, "id", "area-%d", p);
		out_attrf(o, "ref", "%d", p);
		out_attr(o, "kind", "Priority");
		out_attr(o, "title", title);
		out_attr(o, "lead", random_lead(g));
		out_attr(o, "sponsor", g->people[1].id);
		out_attrf(o, "focus", "fa%d", (p - 1) % (int)ARRAY_LEN(focus_areas) + 1);
		if (recs[0])
			out_attr(o, "recommendations", recs);
		out_str(o, ">\n");

		struct text t;
		text_clear(&t);
		text_add(&t, "This priority covers ");
		for (int k = 0; k < themes_in[p - 1]; k++) {
			const char *tt = theme_titles[(theme_index + k) % ARRAY_LEN(theme_titles)];
			text_addf(&t, "%s%s", k == 0 ? "" : k + 1 == themes_in[p - 1] ? " and " : ", ", tt);
		}
		text_add(&t, ". ");
		text_add(&t, PICK(g, action_extras));
		out_element(o, 2, "description", t.s);
		out_element(o, 2, "outcome", priority_outcomes[(p - 1) % ARRAY_LEN(priority_outcomes)]);
		make_action_text(g, &t);
		out_element(o, 2, "approach", t.s);
		emit_voice(g, 2, "children", "What our children will say");
		emit_updates(g, 2, 1, g->as_at - 40, g->as_at, g->people[1].id);

		for (int th = 1; th <= themes_in[p - 1]; th++, theme_index++) {
			out_str(o, "   <area");
			out_attrf(o, "id", "area-%d.%d", p, th);
			out_attrf(o, "ref", "%d.%d", p, th);
			out_attr(o, "kind", "Theme");
			out_attr(o, "title", theme_titles[theme_index % ARRAY_LEN(theme_titles)]);
			out_attr(o, "lead", random_lead(g));
			if (rng_permille(r, 300))
				out_attrf(o, "focus", "fa%d",
					  rng_int(r, 1, (int)ARRAY_LEN(focus_areas)));
			out_str(o, ">\n");
			if (rng_permille(r, 400)) {
				make_how_we_will_know(g, &t);
				out_element(o, 3, "description", t.s);
			}
			/* each theme has a house style for writing dates */
			enum date_form style = rng_date_form(r);
			for (long long a = 1; a <= actions_in[theme_index]; a++)
				emit_action(g, p, th, a, style);
			out_str(o, "   </area>\n");
		}
		out_str(o, "  </area>\n");
	}
	out_str(o, "  </areas>\n");
	free(weight);
	free(actions_in);
	free(themes_in);
}

/* ---- measures --------------------------------------------------------- */

static void make_measure_slots(struct gen *g)
{
	int n = (int)g->opt->measures;
	g->n_measures = n;
	if (n == 0)
		return;
	g->measures = calloc((size_t)n, sizeof *g->measures);
	if (!g->measures) {
		fputs("genplan: error: out of memory\n", stderr);
		exit(GENPLAN_IO_FAILED);
	}
	int n_kinds = (int)ARRAY_LEN(measure_kinds);
	for (int k = 0; k < n; k++) {
		struct measure_slot *m = &g->measures[k];
		int kind = k % n_kinds;
		/* codes number the kinds sharing a prefix: CIN1, CIN2, then
		 * CIN3, CIN4 for the next locality, and so on */
		int in_family = 0, family_size = 0;
		for (int i = 0; i < n_kinds; i++) {
			if (strcmp(measure_kinds[i].prefix, measure_kinds[kind].prefix) != 0)
				continue;
			if (i < kind)
				in_family++;
			family_size++;
		}
		m->kind = kind;
		m->occurrence = k / n_kinds;
		snprintf(m->code, sizeof m->code, "%s%d", measure_kinds[kind].prefix,
			 in_family + 1 + m->occurrence * family_size);
		snprintf(m->id, sizeof m->id, "m-%s", m->code);
		for (char *c = m->id; *c; c++)
			if (*c >= 'A' && *c <= 'Z')
				*c = (char)(*c - 'A' + 'a');
	}
}

/* Writes a value held in tenths as the plan would print it: one decimal
 * or a whole number, thousands grouped for counts and money. */
static void format_value(char *buf, size_t size, int tenths, const struct measure_kind *k,
			 bool percent_sign)
{
	if (k->decimals) {
		snprintf(buf, size, "%d.%d%s", tenths / 10, tenths % 10, percent_sign ? "%" : "");
		return;
	}
	int whole = (tenths + 5) / 10;
	char digits[24], grouped[40];
	int n = snprintf(digits, sizeof digits, "%d", whole);
	bool group = strcmp(k->unit, "gbp") == 0 || strcmp(k->unit, "count") == 0;
	size_t j = 0;
	for (int i = 0; i < n; i++) {
		if (group && i > 0 && (n - i) % 3 == 0)
			grouped[j++] = ',';
		grouped[j++] = digits[i];
	}
	grouped[j] = '\0';
	snprintf(buf, size, "%s%s", strcmp(k->unit, "gbp") == 0 ? POUND : "", grouped);
}

static int clamp(int v, int lo, int hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

static void emit_value_element(struct gen *g, const char *name, const char *value, int day,
			       enum date_form form, const char *note)
{
	struct out *o = &g->out;
	out_str(o, "      <");
	out_str(o, name);
	out_attr(o, "value", value);
	if (day != NO_DAY)
		emit_date_attr(g, "date", day, form);
	if (note)
		out_attr(o, "note", note);
	out_str(o, "/>\n");
}

static void emit_measure(struct gen *g, int index, int *series)
{
	struct out *o = &g->out;
	struct rng *r = &g->rng;
	const struct measure_slot *m = &g->measures[index];
	const struct measure_kind *k = &measure_kinds[m->kind];
	int months = (int)g->opt->months;
	int first_month = month_of_day(g->as_at) - months; /* of the actuals */
	bool percent_sign = strcmp(k->unit, "percent") == 0 && rng_permille(r, 250);

	int base = clamp(k->base * rng_int(r, 90, 110) / 100, k->lo, k->hi);
	int gain = k->gain * rng_int(r, 80, 120) / 100;
	int neighbours, goal;
	if (k->better == BETTER_IN_LINE) {
		neighbours = base - gain;
		goal = neighbours;
	} else {
		goal = base + (int)k->better * gain;
		neighbours = base + (int)k->better * gain / 2 + rng_int(r, -k->noise, k->noise);
	}
	goal = clamp(goal, k->lo, k->hi);
	neighbours = clamp(neighbours, k->lo, k->hi);
	int england = clamp(base + (goal - base) / 4 + rng_int(r, -k->noise, k->noise), k->lo, k->hi);

	/* the fate of the measure: most improve, some stall, some get worse */
	int x = (int)rng_below(r, 100);
	int pace = x < 60 ? rng_int(r, 70, 120) : x < 85 ? rng_int(r, -10, 20) : rng_int(r, -60, -20);
	int wobble = 0;
	for (int i = 0; i < months; i++) {
		int steps = first_month + i - g->plan_first_month;
		if (steps < 0)
			steps = 0;
		long long trend = (long long)(goal - base) * pace * steps / (100LL * months);
		wobble = wobble / 2 + rng_int(r, -k->noise, k->noise);
		series[i] = clamp(base + (int)trend + wobble, k->lo, k->hi);
	}

	out_str(o, "    <measure");
	out_attr(o, "id", m->id);
	out_attr(o, "code", m->code);
	out_attr(o, "unit", k->unit);
	out_attr(o, "better", k->better == BETTER_HIGHER  ? "higher"
			      : k->better == BETTER_LOWER ? "lower"
							  : "in-line");
	if (rng_permille(r, 300)) {
		int tolerance = k->noise * 2;
		if (k->decimals)
			out_attrf(o, "tolerance", "%d.%d", tolerance / 10, tolerance % 10);
		else
			out_attrf(o, "tolerance", "%d", (tolerance + 5) / 10);
	}
	x = (int)rng_below(r, 10);
	if (x < 5)
		out_attr(o, "trajectory", "linear");
	else if (x < 7)
		out_attr(o, "trajectory", "step");
	out_attr(o, "frequency", "Monthly");
	out_attrf(o, "source", "%s (synthetic)", k->source);
	out_attr(o, "owner", random_lead(g));
	if (g->n_outcomes > 1 && rng_permille(r, 300))
		out_attrf(o, "outcomes", "out%d out%d", index % g->n_outcomes + 1,
			  (index + 1) % g->n_outcomes + 1);
	else
		out_attrf(o, "outcomes", "out%d", index % g->n_outcomes + 1);
	if (rng_permille(r, 400))
		out_attrf(o, "focus", "fa%d", rng_int(r, 1, (int)ARRAY_LEN(focus_areas)));
	if (m->n_actions) {
		char list[160] = "";
		for (int i = 0; i < m->n_actions; i++) {
			size_t len = strlen(list);
			snprintf(list + len, sizeof list - len, "%s%s", i ? " " : "", m->actions[i]);
		}
		out_attr(o, "actions", list);
	}
	if (rng_permille(r, 500))
		out_attrf(o, "recommendations", "rec%d", rng_int(r, 1, 9));
	out_attrf(o, "areas", "area-%lld", (long long)index % g->opt->priorities + 1);
	out_str(o, ">\n");

	char name[200];
	if (m->occurrence == 0)
		snprintf(name, sizeof name, "%s", k->name);
	else if (m->occurrence <= (int)ARRAY_LEN(localities))
		snprintf(name, sizeof name, "%s (%s locality)", k->name,
			 localities[m->occurrence - 1]);
	else
		snprintf(name, sizeof name, "%s (locality %d)", k->name, m->occurrence + 1);
	out_element(o, 3, "name", name);
	char def[400];
	snprintf(def, sizeof def, "%s, as reported each month. Source: %s. %s.", name, k->source,
		 k->better == BETTER_HIGHER  ? "Higher is better"
		 : k->better == BETTER_LOWER ? "Lower is better"
					     : "Best in line with statistical neighbours");
	out_element(o, 3, "definition", def);

	char value[48];
	int baseline_month = g->plan_first_month - 1;
	int baseline_value = series[clamp(baseline_month - first_month, 0, months - 1)];
	if (index % 13 == 12) {
		emit_value_element(g, "baseline", "TBC", month_last_day(baseline_month), DF_MON_YEAR,
				   "Baseline to be confirmed once the new recording is in place");
	} else {
		format_value(value, sizeof value, baseline_value, k, percent_sign);
		if (rng_permille(r, 250))
			emit_value_element(g, "baseline", value, month_last_day(baseline_month - 6),
					   DF_FIN_YEAR, "Outturn");
		else
			emit_value_element(g, "baseline", value, month_last_day(baseline_month),
					   DF_MON_YEAR, NULL);
	}

	int n_targets = rng_int(r, 2, 4);
	enum date_form target_form = (enum date_form)PICK(g, ((const int[]){DF_DAY_MON_YEAR, DF_MON_YEAR, DF_QUARTER}));
	for (int i = 0; i < n_targets; i++) {
		int month = g->plan_first_month + (i + 1) * months / n_targets - 1;
		int target = baseline_value + (goal - baseline_value) * (i + 1) / n_targets;
		enum date_form f = target_form;
		if (f == DF_QUARTER && month % 3 != 2)
			f = DF_DAY_MON_YEAR;
		format_value(value, sizeof value, target, k, percent_sign);
		emit_value_element(g, "target", value, month_last_day(month), f,
				   i + 1 < n_targets ? "Interim target" : NULL);
	}

	enum date_form actual_form =
		(enum date_form)PICK(g, ((const int[]){DF_MON_YEAR, DF_MON_YY, DF_DAY_MON_YEAR, DF_SLASHES}));
	bool provisional = rng_permille(r, 100);
	for (int i = 0; i < months; i++) {
		format_value(value, sizeof value, series[i], k, percent_sign);
		emit_value_element(g, "actual", value, month_last_day(first_month + i), actual_form,
				   provisional && i == months - 1 ? "Provisional" : NULL);
	}

	char fy[16];
	format_date(fy, sizeof fy, month_last_day(baseline_month - 6), DF_FIN_YEAR);
	char label[64];
	out_str(o, "      <benchmark kind=\"statistical-neighbours\"");
	snprintf(label, sizeof label, "Statistical neighbours average %s", fy);
	out_attr(o, "label", label);
	format_value(value, sizeof value, neighbours, k, percent_sign);
	out_attr(o, "value", value);
	out_attr(o, "date", fy);
	out_str(o, "/>\n      <benchmark kind=\"england\"");
	snprintf(label, sizeof label, "England average %s", fy);
	out_attr(o, "label", label);
	format_value(value, sizeof value, england, k, percent_sign);
	out_attr(o, "value", value);
	out_attr(o, "date", fy);
	out_str(o, "/>\n");
	if (rng_permille(r, 300)) {
		out_str(o, "      <benchmark kind=\"last-year\"");
		snprintf(label, sizeof label, "Our outturn %s", fy);
		out_attr(o, "label", label);
		format_value(value, sizeof value, base, k, percent_sign);
		out_attr(o, "value", value);
		out_attr(o, "date", fy);
		out_str(o, "/>\n");
	}
	out_str(o, "    </measure>\n");
}

static void emit_measures(struct gen *g)
{
	if (g->n_measures == 0)
		return;
	int *series = calloc((size_t)g->opt->months, sizeof *series);
	if (!series) {
		fputs("genplan: error: out of memory\n", stderr);
		exit(GENPLAN_IO_FAILED);
	}
	out_str(&g->out, "  <measures>\n");
	for (int i = 0; i < g->n_measures; i++)
		emit_measure(g, i, series);
	out_str(&g->out, "  </measures>\n");
	free(series);
}

/* ---- audit ------------------------------------------------------------ */

/* What the service is doing to lift an audit theme. */
static void make_development(struct gen *g, struct text *t, const char *theme)
{
	struct rng *r = &g->rng;
	text_clear(t);
	const char *staff = PICK(g, staff_groups);
	text_addf(t, "Monthly practice workshops on %c%s for %s, with %d attending so far.",
		  theme[0] - 'A' + 'a', theme + 1, staff, rng_int(r, 20, 140));
	if (rng_permille(r, 600)) {
		const char *doc = PICK(g, documents);
		text_addf(t, " Training on the %s delivered to all %s.", doc, PICK(g, staff_groups));
	}
	if (rng_permille(r, 500))
		text_addf(t, " Practice leads dip sample %d cases a month and feed back to the worker "
			     "and their manager.",
			  rng_int(r, 5, 20));
}

static void emit_audit(struct gen *g)
{
	struct out *o = &g->out;
	struct rng *r = &g->rng;
	int rounds = (int)g->opt->audit_rounds;
	int themes = (int)g->opt->audit_themes;
	if (rounds == 0 || themes == 0)
		return;
	int months = (int)g->opt->months;
	int *round_day = calloc((size_t)rounds, sizeof *round_day);
	if (!round_day) {
		fputs("genplan: error: out of memory\n", stderr);
		exit(GENPLAN_IO_FAILED);
	}
	out_str(o, "  <audits>\n    <audit id=\"audit1\" title=\"Practice obsessions case audit\""
		   " measure=\"% judged good\">\n      <description>Each round audits a sample of "
		   "cases against the practice standards; the first round is the baseline. Targets "
		   "rise towards good practice in every theme.</description>\n");
	/* rounds at month ends spread over the plan; more rounds than months
	 * are spread over the days instead, so no two share a date */
	int first_round = month_last_day(g->plan_first_month);
	for (int i = 0; i < rounds; i++) {
		int month = g->plan_first_month + (rounds > 1 ? i * (months - 1) / (rounds - 1) : 0);
		if (rounds <= months) {
			round_day[i] = working_day(month_last_day(month), month_first_day(month));
		} else {
			round_day[i] = first_round + i * (g->plan_last - first_round) / (rounds - 1);
			month = month_of_day(round_day[i]);
		}
		out_str(o, "      <round");
		out_attrf(o, "id", "round%d", i + 1);
		char label[64];
		format_month_year(label, sizeof label, month);
		if (i == 0) {
			out_attrf(o, "label", "Baseline (%s)", label);
		} else {
			out_attrf(o, "label", "Round %d (%s)", i, label);
		}
		emit_date_attr(g, "date", round_day[i], DF_DAY_MON_YEAR);
		if (i == 0)
			out_attr(o, "baseline", "yes");
		out_str(o, "/>\n");
	}
	for (int i = 0; i < themes; i++) {
		int n_titles = (int)ARRAY_LEN(audit_theme_titles);
		char title[128];
		if (i < n_titles)
			snprintf(title, sizeof title, "%s", audit_theme_titles[i]);
		else
			snprintf(title, sizeof title, "%s (%d)", audit_theme_titles[i % n_titles],
				 i / n_titles + 1);
		out_str(o, "      <theme");
		out_attrf(o, "id", "theme%d", i + 1);
		out_attrf(o, "ref", "%d", i + 1);
		out_attr(o, "title", title);
		out_str(o, ">\n");
		int baseline = rng_int(r, 25, 55);
		int goal = rng_int(r, 70, 85);
		int actual = baseline;
		for (int k = 0; k < rounds; k++) {
			int target = k == 0 ? baseline
					    : (baseline + (goal - baseline) * k / (rounds - 1) + 2) / 5 * 5;
			out_str(o, "        <score");
			out_attrf(o, "round", "round%d", k + 1);
			if (k > 0)
				out_attrf(o, "target", "%d", target);
			bool known = round_day[k] < g->as_at;
			if (known) {
				if (k > 0) {
					int pace = rng_int(r, 30, 110);
					int wobble = rng_int(r, -6, 6);
					actual = clamp(actual + (target - actual) * pace / 100 + wobble, 0,
						       100);
				}
				out_attrf(o, "actual", "%d", actual);
			}
			if (known && rng_permille(r, 400))
				out_str(o, ">");
			else
				known = false;
			if (known) {
				char note[64];
				snprintf(note, sizeof note, "%d cases audited", rng_int(r, 12, 60));
				out_str(o, note);
				out_str(o, "</score>\n");
			} else {
				out_str(o, "/>\n");
			}
		}
		if (rng_permille(r, 400)) {
			struct text t;
			make_development(g, &t, audit_theme_titles[i % n_titles]);
			out_element(o, 4, "development", t.s);
		}
		out_str(o, "      </theme>\n");
	}
	out_str(o, "    </audit>\n  </audits>\n");
	free(round_day);
}

static void emit_voices(struct gen *g)
{
	struct out *o = &g->out;
	out_str(o, "  <voices area=\"area-1\">\n");
	emit_voice(g, 2, "children", NULL);
	emit_voice(g, 2, "partners", NULL);
	out_str(o, "  </voices>\n  <voices>\n");
	emit_voice(g, 2, "families", NULL);
	out_str(o, "    <voice of=\"staff\" title=\"What our staff will say\">Staff will say they "
		   "have manageable caseloads, regular reflective supervision and leaders who know "
		   "their work.</voice>\n  </voices>\n");
}

/* ---- the whole plan --------------------------------------------------- */

static void emit_plan(struct gen *g)
{
	emit_header(g);
	emit_governance(g);
	emit_people(g);
	emit_schemes(g);
	emit_recommendations(g);
	emit_focus_areas(g);
	emit_outcomes(g);
	emit_areas(g);
	emit_measures(g);
	emit_audit(g);
	emit_voices(g);
	out_str(&g->out, "</plan>\n");
	out_flush(&g->out);
}

/* ---- command line ----------------------------------------------------- */

static int parse_whole_number(const char *name, const char *text, long long min, long long max,
			      long long *value)
{
	const char *p = text;
	if (*p == '-' || *p == '+')
		p++;
	if (!is_digit(*p))
		return usage_error("--%s needs a whole number, not '%s'", name, text);
	errno = 0;
	char *end;
	long long v = strtoll(text, &end, 10);
	if (*end != '\0')
		return usage_error("--%s needs a whole number, not '%s'", name, text);
	if (errno == ERANGE || v < min || v > max)
		return usage_error("--%s must be from %lld to %lld, not '%s'", name, min, max, text);
	*value = v;
	return GENPLAN_OK;
}

static int parse_seed(const char *text, unsigned long long *seed)
{
	for (const char *p = text; *p; p++)
		if (!is_digit(*p))
			return usage_error("--seed needs a whole number from 0 to %llu, not '%s'",
					   (unsigned long long)UINT64_MAX, text);
	errno = 0;
	char *end;
	unsigned long long v = strtoull(text, &end, 10);
	if (*text == '\0' || *end != '\0' || errno == ERANGE || v > UINT64_MAX)
		return usage_error("--seed needs a whole number from 0 to %llu, not '%s'",
				   (unsigned long long)UINT64_MAX, text);
	*seed = v;
	return GENPLAN_OK;
}

static int parse_as_at(const char *text, struct options *opt)
{
	bool shape = strlen(text) == 10 && text[4] == '-' && text[7] == '-';
	for (int i = 0; shape && i < 10; i++)
		if (i != 4 && i != 7 && !is_digit(text[i]))
			shape = false;
	if (!shape)
		return usage_error("--as-at needs a date written YYYY-MM-DD, not '%s'", text);
	int y = atoi(text), m = atoi(text + 5), d = atoi(text + 8);
	if (m < 1 || m > 12 || d < 1 || d > days_in_month(y, m))
		return usage_error("--as-at: '%s' is not a date in the calendar", text);
	if (y < AS_AT_YEAR_MIN || y > AS_AT_YEAR_MAX)
		return usage_error("--as-at must be in the years %d to %d, not '%s'", AS_AT_YEAR_MIN,
				   AS_AT_YEAR_MAX, text);
	opt->as_at_year = y;
	opt->as_at_month = m;
	opt->as_at_day = d;
	return GENPLAN_OK;
}

/* Returns GENPLAN_OK to go on, or the exit status to stop with; -1 means
 * stop with success (after --help or --version). */
static int parse_options(int argc, char **argv, struct options *opt)
{
	for (size_t i = 0; i < ARRAY_LEN(numeric_options); i++)
		*(long long *)((char *)opt + numeric_options[i].offset) = numeric_options[i].def;
	opt->seed = DEFAULT_SEED;
	opt->as_at_year = DEFAULT_AS_AT_YEAR;
	opt->as_at_month = DEFAULT_AS_AT_MONTH;
	opt->as_at_day = DEFAULT_AS_AT_DAY;
	opt->output = NULL;

	for (int i = 1; i < argc; i++) {
		const char *arg = argv[i];
		if (strcmp(arg, "-h") == 0 || strcmp(arg, "--help") == 0) {
			usage(stdout);
			return -1;
		}
		if (strcmp(arg, "--version") == 0) {
			puts("genplan 1 (boardpack plan format 1)");
			return -1;
		}
		if (arg[0] == '-' && arg[1] && arg[1] != '-' && strcmp(arg, "-o") != 0)
			return usage_error("unknown option '%s'", arg);
		if (strncmp(arg, "--", 2) != 0 && strcmp(arg, "-o") != 0)
			return usage_error("unexpected argument '%s'", arg);
		/* split --name=value; otherwise the value is the next argument */
		char name[64];
		const char *value = NULL;
		const char *eq = strchr(arg, '=');
		const char *bare = strcmp(arg, "-o") == 0 ? "output" : arg + 2;
		size_t len = eq ? (size_t)(eq - bare) : strlen(bare);
		if (len == 0 || len >= sizeof name)
			return usage_error("unknown option '%s'", arg);
		memcpy(name, bare, len);
		name[len] = '\0';
		const struct numeric_option *numeric = NULL;
		for (size_t k = 0; k < ARRAY_LEN(numeric_options); k++)
			if (strcmp(name, numeric_options[k].name) == 0)
				numeric = &numeric_options[k];
		if (!numeric && strcmp(name, "seed") != 0 && strcmp(name, "as-at") != 0 &&
		    strcmp(name, "output") != 0)
			return usage_error("unknown option '%s'", arg);
		if (eq && strcmp(arg, "-o") != 0) {
			value = eq + 1;
		} else {
			if (i + 1 >= argc)
				return usage_error("%s needs a value", arg);
			value = argv[++i];
		}
		int rc;
		if (numeric)
			rc = parse_whole_number(name, value, numeric->min, numeric->max,
						(long long *)((char *)opt + numeric->offset));
		else if (strcmp(name, "seed") == 0)
			rc = parse_seed(value, &opt->seed);
		else if (strcmp(name, "as-at") == 0)
			rc = parse_as_at(value, opt);
		else if (value[0] == '\0')
			rc = usage_error("--output needs a file name");
		else {
			opt->output = value;
			rc = GENPLAN_OK;
		}
		if (rc != GENPLAN_OK)
			return rc;
	}
	return GENPLAN_OK;
}

int main(int argc, char **argv)
{
	struct options opt;
	int rc = parse_options(argc, argv, &opt);
	if (rc == -1)
		return GENPLAN_OK;
	if (rc != GENPLAN_OK)
		return rc;

	struct gen g;
	memset(&g, 0, sizeof g);
	g.opt = &opt;
	g.rng.state = opt.seed;
	g.as_at = day_from_ymd(opt.as_at_year, opt.as_at_month, opt.as_at_day);
	/* the report date sits three fifths of the way through the plan */
	int months_before = (int)opt.months * 3 / 5;
	g.plan_first_month = month_of_day(g.as_at) - months_before;
	g.plan_first = month_first_day(g.plan_first_month);
	g.plan_last = month_last_day(g.plan_first_month + (int)opt.months - 1);
	g.n_outcomes = (int)ARRAY_LEN(outcome_texts);
	make_people(&g);
	make_measure_slots(&g);

	char *tmp_path = NULL;
	bool to_stdout = !opt.output || strcmp(opt.output, "-") == 0;
	if (to_stdout) {
		g.out.file = stdout;
	} else {
		size_t len = strlen(opt.output);
		tmp_path = malloc(len + 5);
		if (!tmp_path) {
			fputs("genplan: error: out of memory\n", stderr);
			return GENPLAN_IO_FAILED;
		}
		memcpy(tmp_path, opt.output, len);
		memcpy(tmp_path + len, ".tmp", 5);
		g.out.file = fopen(tmp_path, "wb");
		if (!g.out.file) {
			fprintf(stderr, "genplan: error: cannot create '%s': %s\n", tmp_path,
				strerror(errno));
			free(tmp_path);
			return GENPLAN_IO_FAILED;
		}
	}
	g.out.buf = malloc(OUT_BUFFER_SIZE);
	if (!g.out.buf) {
		fputs("genplan: error: out of memory\n", stderr);
		return GENPLAN_IO_FAILED;
	}

	emit_plan(&g);

	const char *shown = to_stdout ? "standard output" : tmp_path;
	bool failed = g.out.failed || ferror(g.out.file);
	int saved_errno = errno;
	if (to_stdout) {
		if (fflush(stdout) != 0)
			failed = true, saved_errno = errno;
	} else if (fclose(g.out.file) != 0) {
		failed = true;
		saved_errno = errno;
	}
	if (failed) {
		fprintf(stderr, "genplan: error: cannot write to %s: %s\n", shown,
			strerror(saved_errno));
		if (tmp_path)
			remove(tmp_path);
		rc = GENPLAN_IO_FAILED;
	} else if (tmp_path && rename(tmp_path, opt.output) != 0) {
		fprintf(stderr, "genplan: error: cannot rename '%s' to '%s': %s\n", tmp_path,
			opt.output, strerror(errno));
		remove(tmp_path);
		rc = GENPLAN_IO_FAILED;
	}
	free(tmp_path);
	free(g.out.buf);
	free(g.measures);
	free(g.people);
	return rc;
}
