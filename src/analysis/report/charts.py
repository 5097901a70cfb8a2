"""Every chart of the project, one function each: tables in, a `plots.Chart` out (figure, title,
subtitle, alt text and the data shown), every number in the words computed from the tables.

The analysis modules (spaCy, scikit-learn) are imported inside the functions that need them, so a
notebook that only draws boilerplate charts starts fast. Notebooks call these and keep the narrative; the department cards call the same functions on one
department's rows. `plots.export(chart, notebook=...)` writes the chart pack and displays the chart.
"""

from __future__ import annotations

import textwrap

import numpy as np
import pandas as pd
from matplotlib.lines import Line2D

from analysis import periods, plots, summaries, vocabulary
from analysis.plots import Chart
from analysis.report import findings

REASON_ORDER = [vocabulary.SUBSTANTIVE, *vocabulary.BOILERPLATE_REASONS]
REASON_COLOURS = dict(zip(REASON_ORDER, [plots.FOCUS, plots.CATEGORICAL[4], plots.CATEGORICAL[2], plots.CATEGORICAL[3], plots.CATEGORICAL[5]],
                          strict=True))
STATUS_ORDER = list(vocabulary.EVALUATED_STATUSES)
STATUS_COLOURS = dict(zip(STATUS_ORDER, [plots.CATEGORICAL[0], plots.CATEGORICAL[1], plots.CATEGORICAL[2], plots.CATEGORICAL[3], plots.CONTEXT],
                          strict=True))
CARRY_COLOURS = {"carried": plots.CATEGORICAL[1], "related": plots.CATEGORICAL[3], "not_carried": plots.CATEGORICAL[2], "pending": plots.CONTEXT}


def _words(reason: str) -> str:
    return reason.replace("_", " ")


def _plain_axes(ax, grid_axis: str = "x") -> None:
    ax.grid(axis="y" if grid_axis == "x" else "x", visible=False)
    ax.tick_params(axis="y", length=0)


def department_names(statements: pd.DataFrame) -> pd.Series:
    """Abbreviation -> canonical name, as the statements table spells them."""
    return statements.drop_duplicates("dept_abbr").set_index("dept_abbr")["department"]


# --- 01 overview ---------------------------------------------------------------------------------


def coverage_words(statements: pd.DataFrame) -> Chart:
    """Heat map of words per department and period, longest updates on top."""
    words = summaries.coverage(statements, "words")
    order = words.sum(axis=1).sort_values(ascending=True, kind="stable").index
    grid = words.loc[order]
    fig, ax = plots.new_figure(8.5, 1.8 + 0.33 * len(grid))
    plots.heatmap(ax, grid)
    ax.invert_yaxis()
    totals = words.sum(axis=1)
    names = department_names(statements)
    largest = names[totals.idxmax()]
    share = totals.max() / totals.sum()
    median = int(totals.median())
    tidy = grid.reset_index().melt(id_vars="dept_abbr", var_name="section", value_name="words")
    return Chart(
        fig,
        "01-coverage-words",
        title=f"{largest} wrote {share:.0%} of all words; the median department wrote {median:,} words",
        subtitle=f"Words per department and reporting period, {len(words)} departments, "
        f"{int(words.to_numpy().sum()):,} words in {len(statements)} statements",
        alt=(f"Heat map of words written by each of {len(words)} departments in each of {words.shape[1]} reporting periods, "
             f"the number written in each cell. {largest} has the longest updates ({int(totals.max()):,} words); the median "
             f"department wrote {median:,} words across all periods."),
        data=tidy,
    )


# --- 02 boilerplate ------------------------------------------------------------------------------


def substantive_share_ranked(departments: pd.DataFrame) -> Chart:
    """Departments ranked by the substantive share of their words; departments with none in grey."""
    ranked = departments.sort_values(["substantive_share_words", "dept_abbr"], ascending=[True, False]).reset_index(drop=True)
    fig, ax = plots.new_figure(8, 1.9 + 0.3 * len(ranked))
    colours = [plots.FOCUS if v > 0 else plots.CONTEXT for v in ranked["substantive_share_words"]]
    bars = ax.barh(ranked["dept_abbr"], ranked["substantive_share_words"] * 100, color=colours)
    ax.bar_label(bars, labels=[f"{v:.0%}" if v > 0 else "0%: no substantive statement" for v in ranked["substantive_share_words"]],
                 padding=3, fontsize=8, color=plots.TEXT)
    ax.set_xlim(0, 110)
    ax.set_xlabel("Substantive share of words (%)")
    _plain_axes(ax)
    none = ranked.loc[ranked["substantive_share_words"] == 0, "dept_abbr"].tolist()
    top = ranked.iloc[-1]
    median = ranked["substantive_share_words"].median()
    names = departments.set_index("dept_abbr")["department"]
    return Chart(
        fig,
        "02-substantive-share-ranked",
        title=f"{names[top['dept_abbr']]}: {top['substantive_share_words']:.0%} of words substantive; "
        f"{findings.plural(len(none), 'department')} {'has' if len(none) == 1 else 'have'} none",
        subtitle=f"Share of words in substantive statements, all periods; {len(ranked)} departments, "
        f"{int(ranked['words'].sum()):,} words, median {median:.0%}",
        alt=(f"Horizontal bar chart of the substantive share of words for {len(ranked)} departments, ranked. "
             f"{names[top['dept_abbr']]} is highest at {top['substantive_share_words']:.0%}; the median is {median:.0%}; "
             f"{len(none)} departments ({', '.join(none) or 'none'}) have no substantive statement at all."),
        data=ranked[["department", "dept_abbr", "words", "boilerplate_words", "substantive_share_words"]],
    )


def statements_per_cell(sections: pd.DataFrame, column: str = "section") -> pd.DataFrame:
    """Department x period (or x `column`, e.g. action) statement counts, from the sections table."""
    return sections.groupby(["dept_abbr", column])["statements"].sum().unstack(column)


def thin_cells(counts: pd.DataFrame) -> pd.DataFrame:
    """Cells of a share heat map that rest on fewer than `plots.THIN_CELL_STATEMENTS` statements: marked on
    every such map (`plots.heatmap(marked=...)`) so that one sentence's call is not read as a pattern."""
    return counts.notna() & (counts < plots.THIN_CELL_STATEMENTS)


def substantive_share_heatmap(departments: pd.DataFrame, sections: pd.DataFrame) -> Chart:
    """Department x period substantive share; cells resting on one or two statements are marked."""
    grid = summaries.share_grid(departments)
    counts = statements_per_cell(sections).reindex(index=grid.index, columns=grid.columns)
    thin = thin_cells(counts)
    fig, ax = plots.new_figure(8.5, 1.9 + 0.33 * len(grid))
    plots.heatmap(ax, grid, "{:.0%}", vmax=1, marked=thin)
    tidy = grid.reset_index().melt(id_vars="dept_abbr", var_name="section", value_name="substantive_share_words")
    tidy["statements"] = [counts.at[d, s] for d, s in zip(tidy["dept_abbr"], tidy["section"], strict=True)]
    by_period = sections.groupby("section").agg(words=("words", "sum"), b=("boilerplate_words", "sum"))
    share = (1 - by_period["b"] / by_period["words"]).reindex(grid.columns)
    best, worst = share.idxmax(), share.idxmin()
    n_thin = int(thin.to_numpy().sum())
    return Chart(
        fig,
        "02-substantive-share-heatmap",
        title=f"Most substantive: {periods.text_label(best)} ({share[best]:.0%} of words); "
        f"least: {periods.text_label(worst)} ({share[worst]:.0%})",
        subtitle=f"Substantive share of words by department and reporting period; {grid.shape[0]} departments x "
        f"{grid.shape[1]} periods. Hatched cells marked {plots.THIN_MARK} rest on one or two statements ({n_thin} cells); "
        "- no text",
        alt=(f"Heat map of the substantive share of words for {grid.shape[0]} departments in {grid.shape[1]} periods, value "
             f"written in each cell. Across departments, {periods.text_label(best)} has the highest share ({share[best]:.0%}) "
             f"and {periods.text_label(worst)} the lowest ({share[worst]:.0%}). {n_thin} cells rest on one or two statements "
             f"and are marked with an asterisk: a 0% or 100% there is one sentence, not a pattern."),
        data=tidy,
    )


def reasons_by_period(statements: pd.DataFrame, boilerplate: pd.DataFrame, *, name: str = "02-reasons-by-period",
                      who: str = "all departments") -> Chart:
    """Stacked bars: each period's words split by reason (substantive first). Used for one department too."""
    reasons = summaries.reason_words_by_period(statements, boilerplate).reindex(columns=REASON_ORDER, fill_value=0.0)
    words = statements.groupby("section")["n_words"].sum().reindex(reasons.index)
    fig, ax = plots.new_figure(8.5, 2.4 + 0.5 * len(reasons))
    left = pd.Series(0.0, index=reasons.index)
    ylabels = [f"{periods.text_label(s)}\n({int(words[s]):,} words)" for s in reasons.index]
    for reason in REASON_ORDER:
        width = reasons[reason] * 100
        bars = ax.barh(ylabels, width, left=left * 100, color=REASON_COLOURS[reason], label=_words(reason))
        for bar, w in zip(bars, width, strict=True):
            if w >= 7:
                ax.text(bar.get_x() + bar.get_width() / 2, bar.get_y() + bar.get_height() / 2, f"{w:.0f}%",
                        ha="center", va="center", fontsize=8, color="white")
        left = left + reasons[reason]
    ax.invert_yaxis()
    ax.set_xlim(0, 100)
    ax.set_xlabel("Share of the period's words (%)")
    _plain_axes(ax)
    ax.legend(ncols=5, loc="lower left", bbox_to_anchor=(0, 1.0), frameon=False, fontsize=8, borderaxespad=0.2)
    boiler = reasons.drop(columns="substantive")
    largest = boiler.idxmax(axis=1)[boiler.max(axis=1) > 0]
    if len(largest):
        lead, n_lead = largest.value_counts().index[0], int(largest.value_counts().iloc[0])
        title = f"{_words(lead).capitalize()} statements are the largest kind of boilerplate in {n_lead} of {len(reasons)} periods"
    else:
        title = f"No boilerplate in any of {len(reasons)} periods"
    if who != "all departments":
        total = float((reasons["substantive"] * words).sum() / words.sum()) if words.sum() else 0.0
        title = f"{who}: {total:.0%} of words substantive over {len(reasons)} periods"
    return Chart(
        fig,
        name,
        title=title,
        subtitle=f"Share of each reporting period's words by boilerplate reason (substantive first); {who}",
        alt=(f"Stacked horizontal bars, one per reporting period ({who}), splitting its words into substantive, not applicable, "
             "template, repeat and vague. " + "; ".join(f"{periods.text_label(s)}: {reasons.loc[s, 'substantive']:.0%} substantive "
                                                        f"of {int(words[s]):,} words" for s in reasons.index) + "."),
        data=reasons.reset_index().melt(id_vars="section", var_name="reason", value_name="share_of_words"),
    )


def template_families(statements: pd.DataFrame, boilerplate: pd.DataFrame) -> Chart:
    """One bar per template family, labelled by an example sentence and its member departments."""
    families = summaries.template_family_table(statements, boilerplate)
    fig, ax = plots.new_figure(10, 2.4 + 0.75 * max(len(families), 1))
    labels = ["\u201c" + textwrap.shorten(r.example, 70, placeholder=" \u2026") + "\u201d\n" + r.members for r in families.itertuples()]
    bars = ax.barh(labels, families["departments"], color=plots.FOCUS)
    for bar, n in zip(bars, families["statements"], strict=True):
        ax.text(bar.get_width() + 0.05, bar.get_y() + bar.get_height() / 2, f"{n} statements", va="center", fontsize=8, color=plots.TEXT)
    ax.invert_yaxis()
    ax.set_xlabel("Departments using the template")
    ax.set_xlim(0, families["departments"].max() + 1.2 if len(families) else 1)
    ax.xaxis.get_major_locator().set_params(integer=True)
    _plain_axes(ax)
    largest = families.iloc[0] if len(families) else None
    return Chart(
        fig,
        "02-template-families",
        title=(f"{len(families)} sentence templates recur; the largest is used by {largest['departments']} departments"
               if largest is not None else "No sentence template recurs across departments"),
        subtitle="Near-identical statements (names masked, tense normalised) used by 2 or more departments",
        alt=("Horizontal bar chart of template families, one bar per family labelled by an example sentence, with its member "
             "departments and the number of statements in it. "
             + " ".join(f"\u201c{textwrap.shorten(r.example, 90, placeholder=' …')}\u201d: {r.statements} statements from "
                        f"{r.departments} departments ({r.members})." for r in families.itertuples())),
        data=families,
    )


def plans_to_progress(sections: pd.DataFrame) -> Chart:
    """Dot plot in two panels: substantive share of each plan and of the progress report on it."""
    change = summaries.plan_to_progress(sections)
    pairs = [(p, q) for p, q in (("commitment_2012", "progress_2013"), ("plan_2014", "progress_2014"))
             if (change["plan_section"] == p).any()]
    depts = sorted(change["dept_abbr"].unique(), key=str.lower, reverse=True)
    fig, axes = plots.new_figure(9, 2.0 + 0.3 * len(depts), ncols=max(len(pairs), 1), sharey=True, squeeze=False)
    axes = axes[0]
    for ax, (plan, progress) in zip(axes, pairs, strict=False):
        pair = change[change["plan_section"] == plan].set_index("dept_abbr").reindex(depts)
        for y, (_, row) in enumerate(pair.iterrows()):
            if pd.notna(row["plan_substantive_share"]):
                ax.plot([row["plan_substantive_share"] * 100, row["progress_substantive_share"] * 100], [y, y],
                        color=plots.CONTEXT, lw=2, zorder=1)
        # plan: open ring, progress: filled dot inside it, so a department whose share did not change shows both
        ax.scatter(pair["plan_substantive_share"] * 100, range(len(depts)), s=90, facecolor="white",
                   edgecolor=plots.CATEGORICAL[3], linewidth=1.8, zorder=2, label="plan")
        ax.scatter(pair["progress_substantive_share"] * 100, range(len(depts)), s=22, color=plots.FOCUS, zorder=3, label="progress report")
        ax.set_xlim(-6, 106)
        ax.set_xlabel(f"{periods.text_label(plan)} \u2192 {periods.text_label(progress)}\nsubstantive share of words (%)")
        _plain_axes(ax)
    axes[0].set_yticks(range(len(depts)), depts)
    axes[0].legend(loc="lower left", bbox_to_anchor=(0, 1.0), ncols=2, frameon=False, fontsize=8, borderaxespad=0.2)
    main = change[change["plan_section"] == "plan_2014"]
    up, down = int((main["change"] > 0).sum()), int((main["change"] < 0).sum())
    return Chart(
        fig,
        "02-plans-to-progress",
        title=f"{up} departments reported more substantively on 2014 than they planned it, {down} less",
        subtitle=f"Substantive share of words in each plan (orange ring) and in the progress report on it (blue dot); "
        f"median change for 2014 {main['change'].median():+.0%}",
        alt=(f"Dot plot in {len(pairs)} panels (" + "; ".join(f"{periods.text_label(p)} against {periods.text_label(q)}" for p, q in pairs)
             + f"), one row per department, joining the substantive share of the plan (ring) to that of the progress report (dot). "
             f"For 2014, {up} departments' progress reports are more substantive than their plans, {down} less, and "
             f"{len(main) - up - down} unchanged; the median change is {main['change'].median():+.0%}."),
        data=change,
    )


# --- 03 initiatives ------------------------------------------------------------------------------


def initiatives_matrix(mentions: pd.DataFrame, statements: pd.DataFrame, table: pd.DataFrame) -> Chart:
    """Initiatives (rows) x departments (columns): mentions, blank where none."""
    from analysis import initiatives

    matrix = initiatives.department_matrix(mentions, statements, table)
    grid = matrix.T
    fig, ax = plots.new_figure(9.0, 2.2 + 0.28 * len(grid))
    plots.heatmap(ax, grid, blank_zero=True, xlabels=list(grid.columns), top_labels=True, cell_lines=True)
    reach = initiatives.reach(table)
    single = int((reach["n_departments"] == 1).sum())
    single_by_dept = reach.loc[reach["n_departments"] == 1, "departments"].value_counts()
    widest = reach.iloc[0]
    tidy = matrix.reset_index().melt(id_vars="dept_abbr", var_name="initiative", value_name="mentions")
    tidy = tidy[tidy["mentions"] > 0].reset_index(drop=True)
    most = f", {int(single_by_dept.iloc[0])} of them by {single_by_dept.index[0]}" if len(single_by_dept) else ""
    return Chart(
        fig,
        "03-initiatives-matrix",
        title=f"{single} of {len(reach)} named initiatives appear in one department's text only",
        subtitle=f"Mentions of each named initiative by department, all periods; {len(reach)} initiatives, "
        f"{matrix.shape[0]} departments name at least one, {int(matrix.to_numpy().sum())} mentions; blank: none",
        alt=(f"Grid of {len(reach)} named initiatives (rows) by {matrix.shape[0]} departments (columns) with the number of "
             f"mentions in each cell. {widest['name']} is named by the most departments ({widest['n_departments']}); "
             f"{single} initiatives are named by a single department{most}."),
        data=tidy,
    )


def initiatives_by_type(table: pd.DataFrame) -> Chart:
    from analysis import initiatives

    types = initiatives.by_type(table)
    types = types[types["is_initiative"]].sort_values(["initiatives", "type"], ascending=[True, False]).reset_index(drop=True)
    fig, ax = plots.new_figure(8.0, 1.9 + 0.35 * len(types))
    bars = ax.barh(types["type"], types["initiatives"], color=plots.FOCUS)
    ax.bar_label(bars, labels=[f"{n} ({m} mentions)" for n, m in zip(types["initiatives"], types["mentions"], strict=True)],
                 padding=3, fontsize=8, color=plots.TEXT)
    ax.set_xlabel("Named initiatives")
    ax.set_xlim(0, max(types["initiatives"].max(), 1) * 1.35)
    ax.xaxis.get_major_locator().set_params(integer=True)
    _plain_axes(ax)
    top = types.iloc[-1]
    return Chart(
        fig,
        "03-initiatives-by-type",
        title=f"The commonest type of named initiative is '{top['type']}': {top['initiatives']} of {int(types['initiatives'].sum())}",
        subtitle=f"Named initiatives by type (head-noun rules), with their mentions; {int(types['mentions'].sum())} mentions in all",
        alt=("Horizontal bar chart of the number of named initiatives of each type: "
             + "; ".join(f"{r.type} {r.initiatives} ({r.mentions} mentions)" for r in types[::-1].itertuples()) + "."),
        data=types[["type", "initiatives", "mentions"]],
    )


def template_mentions(mentions: pd.DataFrame, boilerplate: pd.DataFrame) -> pd.DataFrame:
    """Mentions with `in_template`: the sentence naming the initiative is a cross-department template."""
    template = boilerplate.set_index("statement_id")["template_id"].notna()
    return mentions.assign(in_template=mentions["statement_id"].map(template).fillna(False).astype(bool))


def carry_through_pairs(mentions: pd.DataFrame, statements: pd.DataFrame, table: pd.DataFrame, boilerplate: pd.DataFrame) -> pd.DataFrame:
    """initiatives.carry_through with `from_template`: every plan mention of the pair is in a template sentence."""
    from analysis import initiatives

    carried = initiatives.carry_through(mentions, statements, table)
    marked = template_mentions(mentions, boilerplate).merge(statements[["statement_id", "dept_abbr", "section"]], on="statement_id")
    only_template = marked.groupby(["dept_abbr", "initiative_id", "section"])["in_template"].all()
    keys = list(zip(carried["dept_abbr"], carried["initiative_id"], carried["plan_section"], strict=True))
    return carried.assign(from_template=[bool(only_template.get(k, False)) for k in keys])


def carry_through(mentions: pd.DataFrame, statements: pd.DataFrame, table: pd.DataFrame, boilerplate: pd.DataFrame) -> Chart:
    """One row per department-initiative pair named in a plan: a dot per period naming it, coloured by status."""
    from analysis import initiatives

    carried = carry_through_pairs(mentions, statements, table, boilerplate)
    summary = initiatives.carry_through_summary(carried)
    sections = list(periods.NAMES)
    pairs = carried.drop_duplicates(["dept_abbr", "initiative_id"]).reset_index(drop=True)
    timeline = initiatives.timeline(mentions, statements, table)
    fig, ax = plots.new_figure(9.5, 2.4 + 0.42 * len(pairs))
    labels = []
    for y, pair in enumerate(pairs.itertuples()):
        seen = timeline[(timeline["dept_abbr"] == pair.dept_abbr) & (timeline["name"] == pair.name)]
        xs = [sections.index(s) for s in seen["section"] if s in sections]
        if xs:
            ax.plot([min(xs), max(xs)], [y, y], color=plots.CONTEXT, linewidth=1, zorder=1)
        statuses = carried[(carried["dept_abbr"] == pair.dept_abbr) & (carried["initiative_id"] == pair.initiative_id)]
        for s in seen["section"]:
            plan = statuses[statuses["plan_section"] == s]
            colour = CARRY_COLOURS[plan["status"].iloc[0]] if len(plan) else plots.FOCUS
            ax.scatter(sections.index(s), y, s=70, color=colour, zorder=2, edgecolor="white", linewidth=0.5)
        labels.append(f"{pair.dept_abbr}: {pair.name}" + (" \u2020" if statuses["from_template"].any() else ""))
        for k, st in enumerate(statuses["status"]):
            ax.text(len(sections) - 0.55 + 0.75 * k, y, _words(st), va="center", fontsize=8, color=CARRY_COLOURS[st], fontweight="bold")
    ax.set_yticks(range(len(pairs)), labels)
    ax.set_xticks(range(len(sections)), [periods.chart_label(s) for s in sections])
    ax.set_xlim(-0.5, len(sections) + 0.6)
    ax.set_ylim(len(pairs) - 0.5, -0.5)
    ax.grid(axis="y", visible=False)
    handles = [Line2D([], [], marker="o", linestyle="", color=CARRY_COLOURS[s], label=f"plan: {_words(s)}") for s in CARRY_COLOURS]
    handles.append(Line2D([], [], marker="o", linestyle="", color=plots.FOCUS, label="named in progress"))
    ax.legend(handles=handles, ncols=3, loc="lower left", bbox_to_anchor=(0, 1.0), frameon=False, fontsize=8, borderaxespad=0.2)
    decided = int(summary[["carried", "related", "not_carried"]].to_numpy().sum())
    kept, related = int(summary["carried"].sum()), int(summary["related"].sum())
    n_template = len(carried.loc[carried["from_template"], ["dept_abbr", "initiative_id"]].drop_duplicates())
    template_note = (f"; \u2020 {n_template} pairs come only from a template sentence shared across departments" if n_template else "")
    return Chart(
        fig,
        "03-initiatives-carry-through",
        title=f"{kept} of the {decided} department\u2013initiative pairs named in a plan were named again in the next progress report",
        subtitle=(f"Counts are department\u2013initiative pairs: {len(pairs)} pairs named in a commitment (Dec 2012) or plan "
                  f"(2014, 2015); a dot for each period that names it{template_note}"),
        alt=(f"Dot chart of {len(pairs)} department-initiative pairs named in a commitment or plan section, one row each, with a "
             f"dot for every period in which the department names the initiative, coloured by the plan's carry-through status. "
             f"Of {decided} pairs that have a later progress report, {kept} are named again and {related} only through a related "
             f"name; {int(summary['pending'].sum())} 2015 plans are pending."
             + (f" {n_template} pairs come only from a template sentence that several departments share." if n_template else "")),
        data=carried[["dept_abbr", "name", "type", "plan_section", "progress_section", "status", "related_to", "from_template"]],
    )


MAX_LISTED_DEPARTMENTS = 6  # beyond this a bar's label gives the count: a longer list runs off the chart


def initiatives_reach(table: pd.DataFrame, mentions: pd.DataFrame, statements: pd.DataFrame, boilerplate: pd.DataFrame) -> Chart:
    """Initiatives named by two or more departments, with how many of those come only from a template sentence."""
    from analysis import initiatives

    reach = initiatives.reach(table)
    shared = reach[reach["n_departments"] >= 2].sort_values(["n_departments", "n_mentions", "name"], ascending=[True, True, False])
    marked = template_mentions(mentions, boilerplate).merge(statements[["statement_id", "dept_abbr"]], on="statement_id")
    via_template = marked.groupby(["initiative_id", "dept_abbr"])["in_template"].all().groupby("initiative_id").sum()
    shared = shared.assign(via_template=shared["initiative_id"].map(via_template).fillna(0).astype("int64"))
    fig, ax = plots.new_figure(8.0, 2.0 + 0.45 * max(len(shared), 1))
    bars = ax.barh(shared["name"], shared["n_departments"] - shared["via_template"], color=plots.FOCUS, label="in the department's own words")
    ax.barh(shared["name"], shared["via_template"], left=shared["n_departments"] - shared["via_template"], color=plots.CATEGORICAL[5],
            label="only in a template sentence")
    ax.bar_label(bars, labels=[""] * len(shared))
    for y, r in enumerate(shared.itertuples()):
        listed = r.departments.split("; ")
        label = ", ".join(listed) if len(listed) <= MAX_LISTED_DEPARTMENTS else f"{len(listed)} departments"
        ax.text(r.n_departments + 0.1, y, label, va="center", fontsize=8, color=plots.TEXT)
    ax.set_xlabel("Departments naming it")
    ax.set_xlim(0, max(shared["n_departments"].max() if len(shared) else 1, 1) * 1.7)
    ax.xaxis.get_major_locator().set_params(integer=True)
    _plain_axes(ax)
    if shared["via_template"].any():
        ax.legend(loc="lower left", bbox_to_anchor=(0, 1.0), ncols=2, frameon=False, fontsize=8, borderaxespad=0.2)
    n_templ = int((shared["via_template"] > 0).sum())
    return Chart(
        fig,
        "03-initiatives-reach",
        title=f"Only {len(shared)} of {len(reach)} named initiatives are named by more than one department",
        subtitle="Named initiatives in at least two departments' text, all periods; labels list the departments"
        + (f"; for {n_templ}, some departments name it only in a shared template sentence" if n_templ else ""),
        alt=(f"Horizontal bar chart of the {len(shared)} named initiatives that more than one department names: "
             + "; ".join(f"{r.name} {r.n_departments} ({r.departments}"
                         + (f"; {r.via_template} only in a template sentence" if r.via_template else "") + ")"
                         for r in shared[::-1].itertuples()) + "."),
        data=shared[["name", "type", "n_departments", "via_template", "departments", "n_mentions", "owner_department"]],
    )


# --- 04 follow-through ---------------------------------------------------------------------------


def follow_through_status(follow: pd.DataFrame, scores: pd.DataFrame, *, by: str = "dept_abbr",
                          name: str = "04-follow-through-status", who: str = "all departments") -> Chart:
    """Stacked bars of plan statuses, one bar per department (or per plan period, for a department card),
    with the measured held-out agreement in the subtitle: the chart cannot travel without it."""

    judged = summaries.judged(follow)
    counts = pd.crosstab(judged[by], judged["status"]).reindex(columns=STATUS_ORDER, fill_value=0)
    if by == "plan_section":
        counts = counts.reindex([s for s in periods.NAMES if s in counts.index])
        counts.index = [f"{periods.text_label(s)}" for s in counts.index]
    else:
        counts = counts.loc[counts.sum(axis=1).sort_values(kind="stable").index]
    fig, ax = plots.new_figure(8.5, 2.6 + 0.33 * max(len(counts), 2))
    left = pd.Series(0, index=counts.index)
    for status in STATUS_ORDER:
        bars = ax.barh(counts.index, counts[status], left=left, color=STATUS_COLOURS[status],
                       label=plots.STATUS_LABELS[status], height=0.7)
        plots.label_bars(ax, bars, fmt=lambda v: f"{v:.0f}" if v else "", inside=True,
                         color="white" if status in {"delivered", "echoed"} else plots.TEXT)
        left = left + counts[status]
    ax.set_xlabel("Plan statements")
    ax.grid(axis="x")
    ax.grid(axis="y", visible=False)
    ax.set_xlim(0, max(int(counts.sum(axis=1).max()) if len(counts) else 1, 1) + 0.5)
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.legend(loc="lower left", bbox_to_anchor=(0, 1.0), ncols=5, fontsize=8, frameon=False, borderaxespad=0.2)
    totals = judged["status"].value_counts()
    applicable = len(judged) - int(totals.get("not_applicable", 0))
    some = int(totals.get("delivered", 0) + totals.get("partial", 0))
    silent = int(totals.get("echoed", 0) + totals.get("not_reported", 0))
    trust = findings.follow_through_reliability(scores, short=True)
    tidy = counts.reset_index(names=by).melt(id_vars=by, var_name="status", value_name="plans")
    return Chart(
        fig,
        name,
        title=f"Reported action on {some} of {applicable} applicable plans; {silent} echoed or not mentioned"
        + (f" ({who})" if who != "all departments" else ""),
        subtitle=f"Status of {len(judged)} plan statements (2012 commitments, 2014 plans), {who}: "
        f"{int(totals.get('delivered', 0))} delivered, {int(totals.get('partial', 0))} partial. {trust}",
        alt=(f"Stacked horizontal bar chart, one bar per {'department' if by == 'dept_abbr' else 'plan period'} ({who}), one segment "
             f"per status of the plan statements. Of {applicable} plans the action applied to, {int(totals.get('delivered', 0))} were "
             f"reported delivered, {int(totals.get('partial', 0))} partly delivered, {int(totals.get('echoed', 0))} only echoed and "
             f"{int(totals.get('not_reported', 0))} not reported; {int(totals.get('not_applicable', 0))} said the action did not "
             f"apply. {trust}"),
        data=tidy,
        source=plots.SOURCE_2015,
    )


def rate_vs_testable(summary: pd.DataFrame, scores: pd.DataFrame) -> Chart:
    """Scatter of delivery rate against the share of testable plans; marker size = plans (with a size key)."""
    rated = summary.dropna(subset=["delivery_rate"]).sort_values("dept_abbr")
    fig, ax = plots.new_figure(8.5, 6.4)
    size = lambda n: 30 + 25 * np.asarray(n)  # noqa: E731 (one scale for the dots and their key)
    ax.scatter(rated["testable_share"], rated["delivery_rate"], s=size(rated["plans"]), facecolor=plots.FOCUS, alpha=0.35,
               edgecolor=plots.FOCUS, linewidth=1.2, zorder=3)
    for (x, y), group in rated.groupby(["testable_share", "delivery_rate"], sort=True):
        label = ", ".join(group["dept_abbr"]) + (f" ({len(group)})" if len(group) > 1 else "")
        ax.annotate(label, (x, y), xytext=(9, 5), textcoords="offset points", fontsize=9, color=plots.TEXT)
    ax.set_xlim(0, 1.12)
    ax.set_ylim(-0.08, 1.12)
    ax.xaxis.set_major_formatter(lambda v, _: f"{v:.0%}")
    ax.yaxis.set_major_formatter(lambda v, _: f"{v:.0%}")
    ax.set_xlabel("Share of the department's plans that are testable")
    ax.set_ylabel("Reported delivery rate of testable plans")
    ax.grid(axis="x")
    keys = sorted({int(v) for v in np.quantile(rated["plans"], [0, 0.5, 1])}) if len(rated) else [1]
    handles = [ax.scatter([], [], s=size(k), facecolor=plots.FOCUS, alpha=0.35, edgecolor=plots.FOCUS, label=f"{k} plans") for k in keys]
    ax.legend(handles=handles, title="Dot size", loc="upper center", bbox_to_anchor=(0.5, -0.13), ncols=len(keys), fontsize=8,
              frameon=False, labelspacing=1.2, borderpad=0.8)
    no_testable = summary.loc[summary["delivery_rate"].isna() & (summary["plans"] > 0), "dept_abbr"].tolist()
    rho = rated["testable_share"].corr(rated["delivery_rate"], method="spearman") if len(rated) > 2 else float("nan")
    full, none = int((rated["delivery_rate"] == 1).sum()), int((rated["delivery_rate"] == 0).sum())
    shared = int(rated.duplicated(["testable_share", "delivery_rate"], keep=False).sum())
    trust = findings.follow_through_reliability(scores, short=True)
    return Chart(
        fig,
        "04-follow-through-rate-vs-testable",
        title=f"{full} of {len(rated)} departments reported progress on every testable plan, {none} on none",
        subtitle=f"Delivery rate of testable plans against share of plans testable, {len(rated)} departments "
        f"(dot size: plans; translucent, so {shared} departments sharing a point stay visible); Spearman's rho {rho:.2f}. {trust}",
        alt=(f"Scatter plot of {len(rated)} departments: share of plans that are testable (x) against the reported delivery "
             f"rate of those plans (y), dot size showing the number of plans. {full} departments reported progress on every "
             f"testable plan and {none} on none; the rank correlation is {rho:.2f}. Departments with no testable plan, not shown: "
             f"{', '.join(no_testable) or 'none'}. {trust}"),
        data=rated[["dept_abbr", "plans", "testable_plans", "testable_share", "delivery_rate"]],
        source=plots.SOURCE_2015,
    )


# --- 05 series -----------------------------------------------------------------------------------


def series_statement_counts(sections: pd.DataFrame, grid: pd.DataFrame, edition: int = 2012) -> pd.DataFrame:
    """Statements behind each cell of a department x action grid of one edition (NaN: no response)."""
    counts = statements_per_cell(sections[sections["edition"] == edition], "action")
    counts.columns = pd.Index([int(c) for c in counts.columns], name="action")
    return counts.reindex(index=grid.index, columns=grid.columns)


def series_substantive_heatmap(sections: pd.DataFrame, scores: pd.DataFrame, edition: int = 2012) -> Chart:
    """Department x action substantive share of one edition; cells resting on one or two statements are marked,
    and the boilerplate call's measured reliability on this edition is in the subtitle."""
    from analysis import series

    grid = series.substantive_grid(sections, edition=edition)
    counts = series_statement_counts(sections, grid, edition)
    thin = thin_cells(counts)
    fig, ax = plots.new_figure(8.5, 7.5)
    plots.heatmap(ax, grid, "{:.0%}", vmax=1, xlabels=[f"Action {a}" for a in grid.columns], cell_lines=True, marked=thin)
    by_action = grid.mean(axis=0)
    tidy = grid.reset_index().melt(id_vars="dept_abbr", var_name="action", value_name="substantive_share_words").dropna()
    tidy["statements"] = [int(counts.at[d, a]) for d, a in zip(tidy["dept_abbr"], tidy["action"], strict=True)]
    responses, n_thin = int(grid.notna().sum().sum()), int(thin.to_numpy().sum())
    trust = findings.edition_boilerplate_reliability(scores, short=True)
    return Chart(
        fig,
        "05-substantive-share-department-action",
        title=f"Least substantive action: {by_action.idxmin()} ({by_action.min():.0%} of words on average); "
        f"most: {by_action.idxmax()} ({by_action.max():.0%})",
        subtitle=f"Substantive share of words per December 2012 response; {responses} responses of {grid.shape[0]} departments "
        f"to {grid.shape[1]} actions. Hatched cells marked {plots.THIN_MARK} rest on one or two statements ({n_thin} of "
        f"{responses}); \u2013 no response. {trust}",
        alt=(f"Heat map of the substantive share of words for {grid.shape[0]} departments (rows) and {grid.shape[1]} actions "
             f"(columns), value written in each cell. Averaged over departments, action {by_action.idxmin()} is lowest "
             f"({by_action.min():.0%}) and action {by_action.idxmax()} highest ({by_action.max():.0%}). {n_thin} of the "
             f"{responses} responses rest on one or two statements and are marked with an asterisk: a 0% or 100% there is one "
             f"sentence's call, not a pattern. {trust}"),
        data=tidy,
        source=plots.SOURCE_2012,
    )


def series_travelling_templates(templates: pd.DataFrame, top: int = 8) -> Chart:
    """Bars of the sentence shapes shared by the most departments (either edition), labelled by an example."""
    from matplotlib.ticker import MaxNLocator

    shown = templates.head(top).iloc[::-1]
    fig, ax = plots.new_figure(8.5, 4.8)
    labels = [f"{t[:55]}\u2026" if len(t) > 55 else t for t in shown["example"]]
    bars = ax.barh(labels, shown["departments"], color=plots.FOCUS)
    plots.label_bars(ax, bars, fmt="{:.0f}")
    ax.set_xlabel("Departments using the sentence")
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.tick_params(axis="y", length=0, labelsize=7)
    ax.grid(axis="y", visible=False)
    widest = int(templates["departments"].max()) if len(templates) else 0
    n_widest = int((templates["departments"] == widest).sum()) if len(templates) else 0
    title = (f"The most shared sentence is used by {widest} departments" if n_widest == 1
             else f"{n_widest} sentences are each used by {widest} departments, the most shared")
    return Chart(
        fig,
        "05-travelling-templates",
        title=title if len(templates) else "No shared sentences",
        subtitle=f"Sentence shapes shared by two or more departments, both editions; {len(templates)} families, "
        f"{int((templates['actions'] >= 2).sum())} of them across actions",
        alt=(f"Horizontal bar chart of the {len(shown)} most widely shared sentence shapes, labelled by an example sentence, "
             f"with the number of departments using each. The widest reaches {widest} departments."),
        data=templates,
        source=plots.SOURCE_DEFAULT,
    )


def series_initiatives_heatmap(statements: pd.DataFrame, mentions: pd.DataFrame, table: pd.DataFrame, scores: pd.DataFrame,
                               edition: int = 2012) -> Chart:
    """Department x action count of distinct named initiatives in one edition, with the extractor's measured
    precision and recall in the subtitle."""
    from analysis import series

    named = series.initiatives_by_action(statements, mentions, table, edition=edition)
    fig, ax = plots.new_figure(8.5, 7.5)
    plots.heatmap(ax, named, "{:.0f}", blank_zero=True, xlabels=[f"Action {a}" for a in named.columns], cell_lines=True)
    per_action = named.sum(axis=0)
    trust = findings.initiatives_reliability(scores)
    return Chart(
        fig,
        "05-initiatives-department-action",
        title=f"Action {per_action.idxmax()} draws the most named initiatives ({per_action.max()} department-initiative pairs)",
        subtitle=f"Named initiatives per department and action, December 2012; {int(named.sum().sum())} in all; blank: none. {trust}",
        alt=(f"Heat map counting named initiatives for {named.shape[0]} departments and {named.shape[1]} actions; empty cells have "
             f"none. Action {per_action.idxmax()} has the most ({per_action.max()}), {int((named.sum(axis=1) == 0).sum())} "
             f"departments name none. {trust}"),
        data=named.reset_index().melt(id_vars="dept_abbr", var_name="action", value_name="initiatives"),
        source=plots.SOURCE_2012,
    )
