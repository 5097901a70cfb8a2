# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#       jupytext_version: 1.19.6
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 05 The series: every department across the actions
#
# The December 2012 edition holds each department's first response to each action of the Government
# Digital Strategy (`data/raw/_action0N.md`, edition 2012; actions 1 to 7 are here, 8 to 14 are held
# back). This notebook looks across actions: how substantive each department's responses are, which
# sentences travel between departments and actions, which named initiatives appear where, and how the
# January 2015 pages restate the 2012 responses. Every number below is computed from the processed
# tables by functions in `analysis.series` and `analysis.editions` (tested in `tests/`).
#
# Reliability: the boilerplate and initiative rules are scored against hand labels of this edition by
# `make evaluate` (in sample and cross-validated, leaving whole actions out; printed below from the scores
# it records); details in `docs/methods.md`. Read the shares as the rules' calls, not as hand counts.

# %%
from matplotlib.ticker import MaxNLocator

from analysis import plots, series, tables
from analysis.report import findings
from analysis.report.data import read_scores

statements, boilerplate, sections = tables.read("statements"), tables.read("boilerplate"), tables.read("sections")
mentions, initiatives, restatements = tables.read("initiative_mentions"), tables.read("initiatives"), tables.read("restatements")
edition = statements[statements["edition"] == 2012]
scores = read_scores()
print(findings.reliability(scores, "boilerplate"))
print(findings.reliability(scores, "initiatives"))
print(f"2012 edition: {len(edition)} statements, {edition['dept_abbr'].nunique()} departments, "
      f"{edition['action'].nunique()} actions ({', '.join(str(a) for a in sorted(edition['action'].unique()))})")

# %% [markdown]
# ## Department × action: substantive share of words
# Each cell is one department's December 2012 response to one action. A dash: no response (action 4
# was for Cabinet Office alone).

# %%
grid = series.substantive_grid(sections, edition=2012)
fig, ax = plots.new_figure(8.5, 7.5)
plots.heatmap(ax, grid, "{:.0%}", vmax=1, xlabels=[f"Action {a}" for a in grid.columns], cell_lines=True)
by_action = grid.mean(axis=0)
tidy = grid.reset_index().melt(id_vars="dept_abbr", var_name="action", value_name="substantive_share_words").dropna()
plots.export(
    fig,
    "05-substantive-share-department-action",
    title=f"Least substantive action: {by_action.idxmin()} ({by_action.min():.0%} of words on average); "
          f"most: {by_action.idxmax()} ({by_action.max():.0%})",
    subtitle=f"Substantive share of words per December 2012 response; {int(grid.notna().sum().sum())} responses "
             f"of {grid.shape[0]} departments to {grid.shape[1]} actions",
    alt=(f"Heat map of the substantive share of words for {grid.shape[0]} departments (rows) and {grid.shape[1]} actions "
         f"(columns), value written in each cell. Averaged over departments, action {by_action.idxmin()} is lowest "
         f"({by_action.min():.0%}) and action {by_action.idxmax()} highest ({by_action.max():.0%})."),
    data=tidy,
    source=plots.SOURCE_2012,
    notebook="05-series",
)

# %% [markdown]
# ## Templates that travel
# Sentence shapes (names masked, tense and auxiliaries removed) used by two or more departments, in
# either edition, widest first: how many departments and actions each reaches.

# %%
templates = series.travelling_templates(statements, boilerplate)
findings.readable(templates.head(10))

# %%
top = templates.head(8).iloc[::-1]
fig, ax = plots.new_figure(8.5, 4.8)
labels = [f"{t[:60]}\u2026" if len(t) > 60 else t for t in top["example"]]
bars = ax.barh(labels, top["departments"], color=plots.FOCUS)
plots.label_bars(ax, bars, fmt="{:.0f}")
ax.set_xlabel("Departments using the sentence")
ax.xaxis.set_major_locator(MaxNLocator(integer=True))
ax.tick_params(axis="y", length=0, labelsize=7)
ax.grid(axis="y", visible=False)
widest = templates.iloc[0] if len(templates) else None
plots.export(
    fig,
    "05-travelling-templates",
    title=(f"The most shared sentence is used by {widest['departments']} departments" if widest is not None else "No shared sentences"),
    subtitle=f"Sentence shapes shared by two or more departments, both editions; {len(templates)} families, "
             f"{int((templates['actions'] >= 2).sum())} of them across actions",
    alt=(f"Horizontal bar chart of the {len(top)} most widely shared sentence shapes, labelled by an example sentence, "
         f"with the number of departments using each. The widest reaches {widest['departments'] if widest is not None else 0} departments."),
    data=templates,
    source=plots.SOURCE_DEFAULT,
    notebook="05-series",
)

# %% [markdown]
# ## Named initiatives by action and department
# Distinct named initiatives (programmes, events, networks, standards, plans, products, projects and
# groups; not units or organisations) in each department's 2012 response to each action.

# %%
named = series.initiatives_by_action(statements, mentions, initiatives, edition=2012)
fig, ax = plots.new_figure(8.5, 7.5)
plots.heatmap(ax, named, "{:.0f}", blank_zero=True, xlabels=[f"Action {a}" for a in named.columns], cell_lines=True)
per_action = named.sum(axis=0)
plots.export(
    fig,
    "05-initiatives-department-action",
    title=f"Action {per_action.idxmax()} draws the most named initiatives ({per_action.max()} department-initiative pairs)",
    subtitle=f"Named initiatives per department and action, December 2012; {int(named.sum().sum())} in all; blank: none",
    alt=(f"Heat map counting named initiatives for {named.shape[0]} departments and {named.shape[1]} actions; empty cells have none. "
         f"Action {per_action.idxmax()} has the most ({per_action.max()}), {int((named.sum(axis=1) == 0).sum())} departments name none."),
    data=named.reset_index().melt(id_vars="dept_abbr", var_name="action", value_name="initiatives"),
    source=plots.SOURCE_2012,
    notebook="05-series",
)

# %%
findings.readable(series.initiatives_across(statements, mentions, initiatives).head(15))

# %% [markdown]
# ## Both editions side by side
# Where a department's 2012 response and the 2015 page's "commitments (December 2012)" section both
# exist, how the 2015 text restates the original: **unchanged** but for person and tense,
# **shortened** (sentences dropped) or **rewritten** (new sentences). `words_dropped` / `words_added`
# show the small edits. The table is `data/processed/restatements.csv`.

# %%
findings.readable(restatements[["action", "dept_abbr", "kind", "person_changed", "sentences_2012", "sentences_2015", "dropped", "added",
                                "words_dropped", "words_added"]])

# %% [markdown]
# ## What we found

# %%
findings.Findings(series.findings(grid, templates, series.initiatives_across(statements, mentions, initiatives), restatements))
