""""What we found", in sentences generated from the tables: every number computed, none typed.

Each function returns a list of plain sentences; `Findings` shows them in a notebook (Markdown/HTML)
and the front page and department cards join them into paragraphs. Reliability sentences read the
scores table `make evaluate` writes, so a result is never shown without how far to trust it.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

import pandas as pd

from analysis import periods, summaries, vocabulary
from analysis.report.data import score

# The scores each analysis shows beside its results: (analysis, measure) and the corpora in reading order.
CORPORA = list(vocabulary.SCORE_CORPORA)
HEADLINE = {
    "boilerplate": ("F1 on boilerplate",),
    "initiatives": ("precision of names", "recall of names"),
    "follow-through": ("agreement with hand coding", "Cohen's kappa"),
}
NOT_MEASURED = "Reliability not measured yet: run `make evaluate`, which writes the scores table, then rebuild the report."


@dataclass
class Findings:
    """Sentences shown as a bulleted list in a notebook and on a page (a boxed paragraph for a caveat)."""

    sentences: list[str]
    caveat: bool = False

    def html(self) -> str:
        if self.caveat:
            return "<p class=\"caveat\" style=\"border-left:6px solid #F46A25;background:#fef3ec;padding:8px 12px\">" + html.escape(
                self.paragraph()) + "</p>"
        return "<ul class=\"findings\">" + "".join(f"<li>{html.escape(s)}</li>" for s in self.sentences) + "</ul>"

    def _repr_html_(self) -> str:
        return self.html()

    def _repr_markdown_(self) -> str:
        return "\n".join(f"- {s}" for s in self.sentences)

    def paragraph(self) -> str:
        return " ".join(self.sentences)


def readable(frame: pd.DataFrame, percent: tuple[str, ...] = (), index: bool = False):
    """A table to read rather than compute with: left-aligned text, shares as percentages, blanks for missing
    values, two decimals (pandas' Styler, shown by notebooks and their HTML pages alike)."""
    def spaced(name):
        return str(name).replace("_", " ")

    frame = frame.rename(columns=spaced)
    shares = [spaced(c) for c in percent if spaced(c) in frame.columns]
    styler = frame.style.format(precision=2, na_rep="").format("{:.0%}", subset=shares, na_rep="\u2013")
    import hashlib

    styler = styler.set_uuid("t" + hashlib.sha1(repr((list(frame.columns), len(frame))).encode()).hexdigest()[:8])  # same page, same bytes
    styler = styler.set_properties(**{"text-align": "left", "vertical-align": "top"})
    styler = styler.set_table_styles([{"selector": "th", "props": [("text-align", "left")]}])
    return styler if index else styler.hide(axis="index")


def _pct(value: float) -> str:
    return f"{value:.0%}"


def _list(items: list[str], empty: str = "none") -> str:
    items = [str(i) for i in items]
    if not items:
        return empty
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


def plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"


# --- reliability -----------------------------------------------------------------------------------


def reliability(scores: pd.DataFrame, analysis: str) -> str:
    """One sentence: the analysis's headline scores on the seed page and on held-out pages, as measured."""
    parts = []
    for measure in HEADLINE[analysis]:
        values = [(corpus, score(scores, analysis, measure, corpus)) for corpus in CORPORA]
        shown = [f"{v[0]:.2f} ({corpus}, n={v[1]})" for corpus, v in values if v is not None]
        if shown:
            parts.append(f"{measure[:1].upper()}{measure[1:]} {'; '.join(shown)}")
    if not parts:
        return NOT_MEASURED
    return "Measured against hand labels (make evaluate). " + ". ".join(parts) + "."


def follow_through_reliability(scores: pd.DataFrame, short: bool = False) -> str:
    """The follow-through caveat with the measured held-out agreement (the figure to trust, not the seed's)."""
    held = score(scores, "follow-through", "agreement with hand coding", vocabulary.OTHER_PAGES)
    kappa = score(scores, "follow-through", "Cohen's kappa", vocabulary.OTHER_PAGES)
    seed = score(scores, "follow-through", "agreement with hand coding", vocabulary.SEED_IN_SAMPLE)
    if held is None:
        return "Reliability not measured yet (make evaluate)." if short else NOT_MEASURED
    kappa_text = f", kappa {kappa[0]:.2f}" if kappa else ""
    unseen = score(scores, "follow-through", "agreement with hand coding", vocabulary.UNSEEN_PAGES)
    lenient = score(scores, "follow-through", "lenient agreement with hand coding", vocabulary.UNSEEN_PAGES)
    lenient_text = f", {_pct(lenient[0])} counting any status the annotator called defensible" if lenient else ""
    if short and unseen:  # the cleanest figure, where it was measured
        return (f"Caution: on pages no rule was written from these statuses agreed with an independent annotator for "
                f"{_pct(unseen[0])} of {unseen[1]} plans{lenient_text}: pointers for a reader, not findings.")
    if short:
        return (f"Caution: on other pages (partly in sample) these statuses agreed with hand coding for {_pct(held[0])} of {held[1]} plans"
                f"{kappa_text}: pointers for a reader, not findings.")
    seed_text = f" (on the page the rules were written from, {_pct(seed[0])} of {seed[1]}, in sample)" if seed else ""
    held_text = (f"on other pages of the series, with thresholds chosen without each page, the method agreed with hand coding "
                 f"for {_pct(held[0])} of {held[1]} plans{kappa_text}{seed_text}; some rules were revised after reading those "
                 f"pages' errors, so that figure is partly in sample")
    if unseen:  # the cleanest figure leads, so that a reader who stops after one sentence has the one to trust
        lead = (f"on pages no rule was written from, labelled by an independent annotator, the method agreed for "
                f"{_pct(unseen[0])} of {unseen[1]} plans (the annotator's first choice){lenient_text}. Higher figures "
                f"elsewhere are optimistic: {held_text}.")
    else:
        lead = f"{held_text}."
    return (f"How far to trust these statuses: {lead} Statuses are reported follow-through in the departments' own words; "
            f"use them as pointers to read the plan and the evidence, not as findings.")


def edition_boilerplate_reliability(scores: pd.DataFrame, short: bool = False) -> str:
    """How far to trust the boilerplate call on the December 2012 edition: F1 against its hand labels with each
    action left out (the figure to trust), in sample beside it, and on other pages (partly in sample)."""
    held = score(scores, "boilerplate", "F1 on boilerplate", vocabulary.EDITION_2012_CROSS_VALIDATED)
    inside = score(scores, "boilerplate", "F1 on boilerplate", vocabulary.EDITION_2012_IN_SAMPLE)
    other = score(scores, "boilerplate", "F1 on boilerplate", vocabulary.OTHER_PAGES)
    if held is None:
        return "Reliability not measured yet (make evaluate)." if short else NOT_MEASURED
    if short:
        return f"Boilerplate call on this edition: F1 {held[0]:.2f} against hand labels, each action left out (n={held[1]})."
    inside_text = f" ({inside[0]:.2f} in sample)" if inside else ""
    other_text = f"; on fragments of other pages (partly in sample), {other[0]:.2f} (n={other[1]})" if other else ""
    return (f"How far to trust the boilerplate call behind these shares: against hand labels of {held[1]} sentences of this "
            f"edition, F1 on boilerplate is {held[0]:.2f} with the settings chosen without the action scored{inside_text}"
            f"{other_text}. A cell's share is the rules' call, not a hand count: compare rows and columns rather than single cells.")


def initiatives_reliability(scores: pd.DataFrame) -> str:
    """Short: the extractor's precision and recall of names on text it was not tuned on (fragments of other
    pages), else cross-validated on the 2012 edition."""
    choices = ((vocabulary.UNSEEN_PAGES, "on pages no rule was written from"), (vocabulary.OTHER_PAGES, "on other pages (partly in sample)"),
               (vocabulary.EDITION_2012_CROSS_VALIDATED, "on this edition, cross-validated"))
    for corpus, words in choices:
        p = score(scores, "initiatives", "precision of names", corpus)
        r = score(scores, "initiatives", "recall of names", corpus)
        if p and r:
            return f"Names found {words}: precision {p[0]:.2f}, recall {r[0]:.2f} (n={r[1]} names)."
    return "Reliability not measured yet (make evaluate)."


def shown_corpora(scores: pd.DataFrame) -> list[str]:
    """The corpora a reliability table shows: every standing one, and the pages no rule was written from only when
    they were scored (their text is not in the repository, so a build without it has no such rows)."""
    measured = set(scores["corpus"])
    return [c for c in CORPORA if c != vocabulary.UNSEEN_PAGES or c in measured]


def reliability_table(scores: pd.DataFrame) -> pd.DataFrame:
    """Analysis x measure rows, one column per corpus ("0.914 (n=186)"; empty where not measured)."""
    corpora = shown_corpora(scores)
    keys = [(a, m) for a, ms in HEADLINE.items() for m in ms]
    keys += [k for k in dict.fromkeys(zip(scores["analysis"], scores["measure"], strict=True)) if k not in keys]
    rows = []
    for analysis, measure in keys:
        values = {c: score(scores, analysis, measure, c) for c in corpora}
        if any(v is not None for v in values.values()):
            rows.append({"analysis": analysis, "measure": measure,
                         **{c: f"{v[0]:.3f} (n={v[1]})" if v is not None else "" for c, v in values.items()}})
    return pd.DataFrame(rows, columns=["analysis", "measure", *corpora])


# --- 01 overview -----------------------------------------------------------------------------------


def overview(statements: pd.DataFrame) -> list[str]:
    words = summaries.coverage(statements, "words")
    totals = words.sum(axis=1)
    names = statements.drop_duplicates("dept_abbr").set_index("dept_abbr")["department"]
    by_period = words.sum(axis=0)
    empty = int((words == 0).to_numpy().sum())
    shortest = totals.idxmin()
    return [
        f"The pages hold {len(statements)} statements ({int(statements['n_words'].sum()):,} words) from "
        f"{plural(statements['dept_abbr'].nunique(), 'department')} over {plural(words.shape[1], 'reporting period')}, "
        f"read from {plural(statements['source_file'].nunique(), 'page')}.",
        f"{names[totals.idxmax()]} wrote the most ({int(totals.max()):,} words, {_pct(totals.max() / totals.sum())} of all); "
        f"{names[shortest]} the least ({int(totals.min()):,} words); the median department wrote {int(totals.median()):,} words.",
        f"The longest period is {periods.text_label(by_period.idxmax())} ({int(by_period.max()):,} words), the shortest "
        f"{periods.text_label(by_period.idxmin())} ({int(by_period.min()):,} words).",
        f"{plural(empty, 'department-period cell')} of {words.size} have no text at all."
        if empty else "Every department wrote something for every period.",
    ]


# --- 02 boilerplate --------------------------------------------------------------------------------


def boilerplate(statements: pd.DataFrame, table: pd.DataFrame, departments: pd.DataFrame, sections: pd.DataFrame,
                scores: pd.DataFrame) -> list[str]:
    frame = summaries.classified(statements, table)
    n_b = int(frame["is_boilerplate"].sum())
    words = int(frame["n_words"].sum())
    words_b = int(frame.loc[frame["is_boilerplate"], "n_words"].sum())
    out = [f"{n_b} of {len(frame)} statements ({_pct(n_b / len(frame))}) are boilerplate: {words_b:,} of {words:,} words "
           f"({_pct(words_b / words)})."]
    reasons = frame.loc[frame["is_boilerplate"]].groupby("boilerplate_reason")["n_words"].sum().sort_values(ascending=False)
    if len(reasons):
        out.append("By words, the boilerplate is " + _list([f"{_pct(w / words_b)} {r.replace('_', ' ')}" for r, w in reasons.items()]) + ".")
    none = departments.loc[departments["substantive_share_words"] == 0].sort_values("department")
    out.append(f"{plural(len(none), 'department')} wrote nothing substantive in any period: {_list(none['department'].tolist())}."
               if len(none) else "Every department wrote at least one substantive statement.")
    top = departments.sort_values(["substantive_share_words", "dept_abbr"], ascending=[False, True]).iloc[0]
    out.append(f"{top['department']} is the most substantive ({_pct(top['substantive_share_words'])} of its {int(top['words']):,} "
               f"words); the median department's share is {_pct(departments['substantive_share_words'].median())}.")
    families = summaries.template_family_table(statements, table)
    if len(families):
        f = families.iloc[0]
        out.append(f"The most common template is used by {f['departments']} departments ({f['members'].replace('; ', ', ')}) in "
                   f"{f['statements']} statements; it reads: \u201c{f['example']}\u201d")
    change = summaries.plan_to_progress(sections)
    main = change[change["plan_section"] == "plan_2014"]
    if len(main):
        up, down = int((main["change"] > 0).sum()), int((main["change"] < 0).sum())
        out.append(f"Of {len(main)} departments with both 2014 plans and 2014 progress, {up} reported more substantively than they "
                   f"planned, {down} less and {len(main) - up - down} the same.")
    out.append(reliability(scores, "boilerplate"))
    return out


# --- 03 initiatives --------------------------------------------------------------------------------


def initiatives_found(table: pd.DataFrame, mentions: pd.DataFrame, statements: pd.DataFrame, boilerplate_table: pd.DataFrame,
                      scores: pd.DataFrame) -> list[str]:
    from analysis import initiatives
    from analysis.report.charts import carry_through_pairs, template_mentions

    named = initiatives.initiatives_only(table)
    named_mentions = mentions[mentions["initiative_id"].isin(named["initiative_id"])]
    reach = initiatives.reach(table)
    single = int((reach["n_departments"] == 1).sum())
    marked = template_mentions(named_mentions, boilerplate_table).merge(statements[["statement_id", "dept_abbr"]], on="statement_id")
    own = marked[~marked["in_template"]].groupby("initiative_id")["dept_abbr"].unique()
    travelling = reach[reach["n_departments"] >= 2]
    out = [
        f"Departments name {len(named)} initiatives ({len(named_mentions)} mentions in {named_mentions['statement_id'].nunique()} "
        f"of {len(statements)} statements).",
        f"{single} of {len(reach)} are named by one department only.",
    ]
    if len(travelling):
        described = []
        for r in travelling.itertuples():
            in_own_words = len(own.get(r.initiative_id, []))
            note = f", {in_own_words} in their own words" if in_own_words < r.n_departments else ""
            described.append(f"{r.name} ({r.n_departments} departments{note})")
        out.append(f"{plural(len(travelling), 'initiative')} travel across departments: {_list(described)}.")
    carried = carry_through_pairs(mentions, statements, table, boilerplate_table)
    summary = initiatives.carry_through_summary(carried)
    decided = int(summary[["carried", "related", "not_carried"]].to_numpy().sum())
    if decided:
        n_template = len(carried.loc[carried["from_template"], ["dept_abbr", "initiative_id"]].drop_duplicates())
        out.append(f"Of {decided} department\u2013initiative pairs named in a commitment or plan with a later progress report, "
                   f"{int(summary['carried'].sum())} are named again and {int(summary['related'].sum())} only under a related name"
                   + (f"; {n_template} pairs come only from a template sentence." if n_template else "."))
    out.append(reliability(scores, "initiatives"))
    return out


# --- 04 follow-through -----------------------------------------------------------------------------


def _status_counts(frame: pd.DataFrame) -> pd.Series:
    return frame["status"].value_counts().reindex(list(vocabulary.EVALUATED_STATUSES), fill_value=0)


def follow_through_found(follow: pd.DataFrame, summary: pd.DataFrame, scores: pd.DataFrame) -> list[str]:
    judged = summaries.judged(follow)
    counts = _status_counts(judged)
    applicable = len(judged) - int(counts["not_applicable"])
    out = [f"{len(judged)} plan statements have a progress report to judge them by; the action applied to {applicable}: "
           f"{counts['delivered']} reported delivered, {counts['partial']} partly, {counts['echoed']} only echoed and "
           f"{counts['not_reported']} not mentioned."]
    for section in ("plan_2014", "commitment_2012"):
        testable = judged[(judged["plan_section"] == section) & judged["plan_testable"]]
        if len(testable):
            c = _status_counts(testable)
            out.append(f"Of {len(testable)} testable {periods.text_label(section)}: {c['delivered']} reported delivered, "
                       f"{c['partial']} partly delivered, {c['echoed']} only echoed, {c['not_reported']} not mentioned.")
    pending = int((follow["status"] == "pending").sum())
    if pending:
        out.append(f"{plural(pending, '2015 plan')} pending: no progress report on them is in the pages.")
    no_testable = summary.loc[summary["delivery_rate"].isna() & (summary["plans"] > 0), "dept_abbr"].tolist()
    if no_testable:
        out.append(f"{plural(len(no_testable), 'department')} made no testable plan, so have no delivery rate: {_list(no_testable)}.")
    out.append(follow_through_reliability(scores))
    return out


# --- department cards ------------------------------------------------------------------------------


def department(abbr: str, statements: pd.DataFrame, departments: pd.DataFrame, follow: pd.DataFrame, table: pd.DataFrame,
               mentions: pd.DataFrame) -> list[str]:
    """A department's card in a few sentences."""
    from analysis import initiatives

    own = statements[statements["dept_abbr"] == abbr]
    row = departments.set_index("dept_abbr").loc[abbr]
    written_in = [periods.text_label(s) for s in sorted(own["section"].unique(), key=periods.order_key)]
    out = [f"{row['department']} wrote {len(own)} statements ({int(own['n_words'].sum()):,} words) in "
           f"{plural(len(written_in), 'period')}: {_list(written_in)}.",
           f"{_pct(row['substantive_share_words'])} of its words are substantive (all departments: median "
           f"{_pct(departments['substantive_share_words'].median())})."]
    reasons = {r: int(row[c]) for r, c in summaries.REASON_COLUMNS.items() if int(row[c])}
    if reasons:
        out.append("Boilerplate statements by reason: " + _list([f"{n} {r.replace('_', ' ')}" for r, n in reasons.items()]) + ".")
    ids = set(own["statement_id"])
    named = initiatives.initiatives_only(table)
    mine = named[named["initiative_id"].isin(mentions.loc[mentions["statement_id"].isin(ids), "initiative_id"])]
    out.append(f"It names {plural(len(mine), 'initiative')}" + (f": {_list(mine['name'].tolist())}." if len(mine) else "."))
    plans = follow[(follow["dept_abbr"] == abbr) & (follow["status"] != "pending") & ~follow["plan_is_lead_in"]]
    if len(plans):
        c = _status_counts(plans)
        out.append(f"Of its {plural(len(plans), 'plan')} with a progress report to judge them by ({int(plans['plan_testable'].sum())} "
                   f"testable): {c['delivered']} reported delivered, {c['partial']} partly delivered, {c['echoed']} only echoed, "
                   f"{c['not_reported']} not mentioned, {c['not_applicable']} not applicable.")
    return out


# --- 05 series -------------------------------------------------------------------------------------


def series_found(sections: pd.DataFrame, templates: pd.DataFrame, across: pd.DataFrame, restatements: pd.DataFrame,
                 scores: pd.DataFrame, edition: int = 2012) -> list[str]:
    """Notebook 05's findings: the sentences of `series.findings`, with the cells resting on one or two statements
    counted, then how far to trust the boilerplate call and the names (measured, from the scores table)."""
    from analysis import series
    from analysis.report.charts import series_statement_counts, thin_cells

    grid = series.substantive_grid(sections, edition=edition)
    thin = thin_cells(series_statement_counts(sections, grid, edition))
    return [*series.findings(grid, templates, across, restatements, thin=thin), edition_boilerplate_reliability(scores),
            edition_initiatives_reliability(scores)]


def edition_initiatives_reliability(scores: pd.DataFrame) -> str:
    """How far to trust the names on this edition: the held-out figure first, then this edition's own figure,
    which is in sample for the word lists (they were revised while reading its misses)."""
    inside = [score(scores, "initiatives", m, vocabulary.EDITION_2012_IN_SAMPLE) for m in ("precision of names", "recall of names")]
    inside_text = (f" On this edition's own hand list the rules score precision {inside[0][0]:.2f}, recall {inside[1][0]:.2f} "
                   f"(n={inside[1][1]} names), but that is in sample: their word lists were revised while reading its misses."
                   if all(inside) else "")
    return f"How far to trust the names: {initiatives_reliability(scores)}{inside_text}"
