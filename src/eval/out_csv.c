/* The evaluation as one flat CSV table (docs/eval-json.md, "CSV"): one row
 * per action, milestone, measure, audit score and movement, told apart by
 * the `kind` column; every row has every column. RFC 4180 quoting, CRLF
 * line ends and a UTF-8 byte order mark, which is what Excel needs to
 * read the file as UTF-8. */
#include <string.h>

#include "eval/jsonw.h"
#include "eval/output.h"

enum col {
	C_KIND, C_ID, C_REF, C_PARENT, C_NAME, C_STATUS, C_MEANING, C_SCHEME_STATUS,
	C_REPORTED, C_CHALLENGE, C_REASON, C_START, C_DUE, C_DONE, C_DAYS,
	C_DRIFT_MOVES, C_DRIFT_DAYS, C_STALENESS, C_LAST_UPDATE, C_VALUE, C_VALUE_DATE,
	C_TARGET, C_RAG, C_CHANGE, C_TREND, C_YEAR_CHANGE, C_YEAR_TREND, C_GAP_CLOSED,
	C_FILE, C_LINE, C_COUNT
};

static const char *const headings[C_COUNT] = {
	"kind", "id", "ref", "parent", "name", "status", "meaning", "scheme_status",
	"reported", "challenge", "reason", "start", "due", "done", "days",
	"drift_moves", "drift_days", "staleness", "last_update", "value", "value_date",
	"target", "rag", "change", "trend", "year_change", "year_trend", "gap_closed_percent",
	"file", "line"
};

/* Columns that carry free text from the plan: a leading = + - @ would make
 * a spreadsheet read the cell as a formula, so it is quoted with '. */
static bool is_text_col(int c)
{
	return c == C_NAME || c == C_REASON || c == C_CHALLENGE || c == C_REPORTED ||
	       c == C_SCHEME_STATUS || c == C_REF || c == C_ID || c == C_PARENT;
}

struct row {
	const char *cell[C_COUNT];
	char buf[C_COUNT][40];   /* numbers and dates formatted for the row */
};

static void row_clear(struct row *r)
{
	memset(r->cell, 0, sizeof r->cell);
}

static void set_num(struct row *r, int c, double x)
{
	r->cell[c] = eval_format_number(x, r->buf[c]);
}

static void set_int(struct row *r, int c, long long n)
{
	snprintf(r->buf[c], sizeof r->buf[c], "%lld", n);
	r->cell[c] = r->buf[c];
}

static void set_day(struct row *r, int c, bp_day d)
{
	if (d != BP_DAY_NONE)
		r->cell[c] = day_format_iso(d, r->buf[c], sizeof r->buf[c]);
}

static void write_cell(FILE *f, const char *s, bool text)
{
	if (!s)
		return;
	bool formula = text && (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@');
	bool quote = formula || strpbrk(s, ",\"\r\n") != NULL;
	if (!quote) {
		fputs(s, f);
		return;
	}
	putc('"', f);
	if (formula)
		putc('\'', f);
	for (; *s; s++) {
		if (*s == '"')
			putc('"', f);
		putc(*s, f);
	}
	putc('"', f);
}

static void write_row(FILE *f, const struct row *r)
{
	for (int c = 0; c < C_COUNT; c++) {
		if (c)
			putc(',', f);
		write_cell(f, r->cell[c], is_text_col(c));
	}
	fputs("\r\n", f);
}

static const char *first_line(const char *s, char *buf, size_t size)
{
	if (!s)
		return NULL;
	size_t n = strcspn(s, "\n");
	if (n >= size) {
		n = size - 1;
		while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
			n--;   /* never cut a UTF-8 sequence */
	}
	memcpy(buf, s, n);
	buf[n] = '\0';
	return buf;
}

static void milestone_key(const struct milestone *m, char *buf, size_t size)
{
	if (m->id)
		snprintf(buf, size, "%s", m->id);
	else
		snprintf(buf, size, "%s#%zu", m->action ? m->action->id : "?", m->index + 1);
}

static void actions(FILE *f, const struct plan_eval *ev)
{
	struct row r;
	char name[1024], key[256];
	for (size_t i = 0; i < ev->n_actions; i++) {
		const struct action_eval *ae = &ev->actions[i];
		const struct action *a = ae->action;
		row_clear(&r);
		r.cell[C_KIND] = "action";
		r.cell[C_ID] = a->id;
		r.cell[C_REF] = a->ref;
		r.cell[C_PARENT] = a->area ? a->area->id : NULL;
		r.cell[C_NAME] = first_line(a->text.text, name, sizeof name);
		r.cell[C_STATUS] = eval_status_name(ae->status);
		r.cell[C_MEANING] = status_meaning_name(ae->meaning);
		r.cell[C_SCHEME_STATUS] = ae->mapped.status ? ae->mapped.status->label : NULL;
		const char *challenge = NULL;
		for (size_t k = 0; k < ae->n_ratings; k++) {
			const struct eval_rating *er = &ae->ratings[k];
			if (er->ignored || !er->status || er->rating->kind == RATING_IMPACT)
				continue;
			if (!r.cell[C_REPORTED])
				r.cell[C_REPORTED] = er->status->label;
			if (er->challenged && !challenge)
				challenge = er->challenge;
		}
		r.cell[C_CHALLENGE] = challenge;
		r.cell[C_REASON] = ae->reason;
		set_day(&r, C_START, ae->start);
		set_day(&r, C_DUE, ae->due);
		set_day(&r, C_DONE, ae->done);
		set_int(&r, C_DAYS, ae->days);
		set_int(&r, C_DRIFT_MOVES, ae->drift.moves);
		set_int(&r, C_DRIFT_DAYS, ae->drift.days);
		r.cell[C_STALENESS] = eval_stale_name(ae->staleness.state);
		set_day(&r, C_LAST_UPDATE, ae->staleness.last_update);
		r.cell[C_FILE] = a->loc.file;
		set_int(&r, C_LINE, a->loc.line);
		write_row(f, &r);
		for (size_t k = 0; k < ae->n_milestones; k++) {
			const struct milestone_eval *me = &ae->milestones[k];
			const struct milestone *m = me->milestone;
			row_clear(&r);
			milestone_key(m, key, sizeof key);
			r.cell[C_KIND] = "milestone";
			r.cell[C_ID] = key;
			r.cell[C_REF] = m->ref;
			r.cell[C_PARENT] = a->id;
			r.cell[C_NAME] = first_line(m->text.text, name, sizeof name);
			r.cell[C_STATUS] = eval_status_name(me->status);
			r.cell[C_MEANING] = status_meaning_name(me->meaning);
			r.cell[C_SCHEME_STATUS] = me->mapped.status ? me->mapped.status->label : NULL;
			r.cell[C_REPORTED] = me->reported.status ? me->reported.status->label : NULL;
			r.cell[C_CHALLENGE] = me->reported.challenge;
			r.cell[C_REASON] = me->reason;
			set_day(&r, C_START, me->start);
			set_day(&r, C_DUE, me->due);
			set_day(&r, C_DONE, me->done);
			set_int(&r, C_DAYS, me->days);
			set_int(&r, C_DRIFT_MOVES, me->drift.moves);
			set_int(&r, C_DRIFT_DAYS, me->drift.days);
			r.cell[C_FILE] = m->loc.file;
			set_int(&r, C_LINE, m->loc.line);
			write_row(f, &r);
		}
	}
}

static void measures(FILE *f, const struct plan_eval *ev)
{
	struct row r;
	for (size_t i = 0; i < ev->n_measures; i++) {
		const struct measure_eval *me = &ev->measures[i];
		const struct measure *m = me->measure;
		row_clear(&r);
		r.cell[C_KIND] = "measure";
		r.cell[C_ID] = m->id;
		r.cell[C_REF] = m->code;
		r.cell[C_NAME] = m->name;
		r.cell[C_REASON] = me->rag_reason;
		if (me->latest.present) {
			set_num(&r, C_VALUE, me->latest.value);
			set_day(&r, C_VALUE_DATE, me->latest.date);
		}
		if (me->target_now.present)
			set_num(&r, C_TARGET, me->target_now.value);
		r.cell[C_RAG] = eval_rag_name(me->rag);
		if (me->previous.present) {
			set_num(&r, C_CHANGE, me->previous.delta);
			r.cell[C_TREND] = eval_trend_name(me->previous.trend);
		}
		if (me->year_ago.present) {
			set_num(&r, C_YEAR_CHANGE, me->year_ago.delta);
			r.cell[C_YEAR_TREND] = eval_trend_name(me->year_ago.trend);
		}
		if (me->has_gap_closed)
			set_num(&r, C_GAP_CLOSED, me->gap_closed);
		r.cell[C_FILE] = m->loc.file;
		set_int(&r, C_LINE, m->loc.line);
		write_row(f, &r);
	}
}

static void audits(FILE *f, const struct plan_eval *ev)
{
	struct row r;
	for (size_t i = 0; i < ev->n_audits; i++) {
		const struct audit_eval *ae = &ev->audits[i];
		for (size_t t = 0; t < ae->n_themes; t++) {
			const struct audit_theme_eval *te = &ae->themes[t];
			for (size_t s = 0; s < te->n_scores; s++) {
				const struct audit_score_eval *se = &te->scores[s];
				row_clear(&r);
				r.cell[C_KIND] = "audit-score";
				r.cell[C_ID] = te->theme->id;
				r.cell[C_REF] = se->round->id;
				r.cell[C_PARENT] = ae->audit->id;
				r.cell[C_NAME] = te->theme->title;
				r.cell[C_STATUS] = eval_score_state_name(se->state);
				r.cell[C_REASON] = se->reason;
				if (se->has_actual)
					set_num(&r, C_VALUE, se->actual);
				set_day(&r, C_VALUE_DATE, ae->rounds[s].date);
				if (se->has_target)
					set_num(&r, C_TARGET, se->target);
				r.cell[C_RAG] = eval_rag_name(se->rag);
				if (se->change.present) {
					set_num(&r, C_CHANGE, se->change.delta);
					r.cell[C_TREND] = eval_trend_name(se->change.trend);
				}
				r.cell[C_FILE] = se->score ? se->score->loc.file : se->round->loc.file;
				set_int(&r, C_LINE, se->score ? se->score->loc.line : se->round->loc.line);
				write_row(f, &r);
			}
		}
	}
}

static void moves(FILE *f, const struct plan_eval *ev)
{
	if (!ev->movement)
		return;
	struct row r;
	for (size_t i = 0; i < ev->movement->n_moves; i++) {
		const struct eval_move *m = &ev->movement->moves[i];
		row_clear(&r);
		r.cell[C_KIND] = "movement";
		r.cell[C_ID] = m->id;
		r.cell[C_REF] = m->ref;
		r.cell[C_PARENT] = eval_subject_name(m->subject);
		r.cell[C_NAME] = m->text;
		r.cell[C_STATUS] = eval_move_name(m->kind);
		r.cell[C_REASON] = m->reason;
		if (m->kind == EVAL_MOVE_DUE_MOVED)
			set_int(&r, C_DAYS, m->days);
		if (m->kind == EVAL_MOVE_BETTER || m->kind == EVAL_MOVE_WORSE)
			set_num(&r, C_CHANGE, m->delta);
		write_row(f, &r);
	}
}

int eval_write_csv(const struct plan_eval *ev, FILE *f)
{
	fputs("\xef\xbb\xbf", f);
	struct row r;
	row_clear(&r);
	for (int c = 0; c < C_COUNT; c++)
		r.cell[c] = headings[c];
	write_row(f, &r);
	actions(f, ev);
	measures(f, ev);
	audits(f, ev);
	moves(f, ev);
	return ferror(f) ? -1 : 0;
}
