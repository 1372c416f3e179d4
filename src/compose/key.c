/* GNU and POSIX functions (realpath, open_memstream, strcasestr …) are
 * used here: ask for them whatever the compiler is told. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
/* The key: every rating scheme of the plan with its labels, colours and
 * definitions (and criteria and rules), and what the statuses worked out
 * from the dates mean. */
#include <string.h>

#include "base/strbuf.h"
#include "compose/internal.h"

static const char *rule_words(struct composer *c, const struct scheme_rule *r)
{
	const char *label = r->status ? r->status->label : r->status_id;
	switch (r->kind) {
	case RULE_CRITICAL_MISSING:
		return arena_printf(c->a, "A critical criterion not in place: %s", label);
	case RULE_MISSING:
		return r->count == 0 ? arena_printf(c->a, "All criteria in place: %s", label)
				     : arena_printf(c->a, "%ld criteri%s not in place: %s", r->count,
						    r->count == 1 ? "on" : "a", label);
	case RULE_MISSING_AT_LEAST:
		return arena_printf(c->a, "%ld or more criteria not in place: %s", r->count, label);
	}
	return label;
}

static void scheme_table(struct composer *c, struct doc_section *s, const struct scheme *sc)
{
	struct doc_table *t = new_table(c, s, 3);
	column(c, t, 0, DOC_WIDTH_FIXED, 100, "Status");
	column(c, t, 1, DOC_WIDTH_FIXED, 90, "Means");
	column(c, t, 2, DOC_WIDTH_FR, 1, "Definition");
	t->cols[0].row_header = true;
	for (size_t k = 0; k < sc->statuses.n; k++) {
		const struct status_def *st = sc->statuses.items[k];
		struct doc_row *row = doc_table_add_row(t);
		row->cells[0].status = status_fill(c, st);
		row->cells[1].text = ctext(c, capitalised(c, status_meaning_name(st->means)));
		struct doc_text *def = prose_text(c, &st->definition);
		if (st->definition_action.n || st->definition_impact.n) {
			struct strbuf sb = STRBUF_INIT;
			if (st->definition_action.n)
				strbuf_addf(&sb, "Action: %s", st->definition_action.text);
			if (st->definition_impact.n)
				strbuf_addf(&sb, "%sImpact: %s", sb.len ? "\n" : "",
					    st->definition_impact.text);
			def = ctext(c, strbuf_str(&sb));
			strbuf_release(&sb);
		}
		row->cells[2].text = def;
	}
}

void compose_key(struct composer *c, struct doc_section *s, const struct tpl_section *ts)
{
	const struct plan *p = c->plan;
	section_heading(c, s, ts);
	if (!p->schemes.n)
		say(c, s, "The plan declares no rating scheme of its own, so statuses are shown "
			  "in words.");
	for (size_t i = 0; i < p->schemes.n; i++) {
		const struct scheme *sc = p->schemes.items[i];
		doc_add_heading(s, 2, ctext(c, sc->name ? sc->name : sc->id),
				local_anchor(c, "scheme-%zu", i + 1));
		scheme_table(c, s, sc);
		if (sc->criteria.n) {
			doc_add_heading(s, 3, ctext(c, "Criteria"),
					local_anchor(c, "scheme-%zu-criteria", i + 1));
			struct doc_list *l = doc_add_list(s);
			for (size_t k = 0; k < sc->criteria.n; k++) {
				const struct criterion *cr = sc->criteria.items[k];
				bool says = strcasestr(cr->text, "critical") != NULL;
				doc_list_add(l, 0, ctext(c, arena_printf(c->a, "%s%s", cr->text,
									 cr->critical && !says
										 ? " (critical)"
										 : "")));
			}
		}
		if (sc->rules.n) {
			doc_add_heading(s, 3, ctext(c, "Rules, the first that applies decides"),
					local_anchor(c, "scheme-%zu-rules", i + 1));
			struct doc_list *l = doc_add_list(s);
			for (size_t k = 0; k < sc->rules.n; k++)
				doc_list_add(l, 0, ctext(c, rule_words(c, sc->rules.items[k])));
		}
		if (sc->note.n)
			doc_add_paragraph(s, prose_text(c, &sc->note));
	}
	if (!opt_bool(ts, SOPT_COMPUTED))
		return;
	doc_add_heading(s, 2, ctext(c, "Statuses worked out from the dates"),
			local_anchor(c, "computed"));
	say(c, s, "Beside each reported rating the pack shows the status the dates give as at "
		  "%s (a due date within %ld days counts as due soon), on the plan's own scheme "
		  "where it has a status of that meaning.",
	    day_words(c, c->ev->as_at), c->ev->due_soon_days);
	struct doc_table *t = new_table(c, s, 2);
	column(c, t, 0, DOC_WIDTH_FIXED, 110, "Status");
	column(c, t, 1, DOC_WIDTH_FR, 1, "When");
	t->cols[0].row_header = true;
	static const char *when[EVAL_STATUS_COUNT] = {
		"completed on or before its due date",
		"completed after its due date",
		"not complete, due after the due-soon window",
		"not complete, due within the due-soon window",
		"not complete and its due date has passed",
		"starts after the report date",
		"no due date given",
		"due date to be confirmed",
		"ongoing work with no end date",
		"recurring work (monthly, quarterly, termly \xe2\x80\xa6)",
	};
	for (int k = 0; k < EVAL_STATUS_COUNT; k++) {
		struct doc_row *row = doc_table_add_row(t);
		row->cells[0].text = ctext(c, status_words(c, (enum eval_status)k));
		row->cells[1].text = ctext(c, when[k]);
	}
}
