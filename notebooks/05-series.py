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
# `make evaluate` (in sample and cross-validated, leaving whole actions out); each chart's subtitle and the
# findings give the measured figures from the scores it records; details in `docs/methods.md`. Read the
# shares as the rules' calls, not as hand counts.

# %%
from analysis import plots, series, tables
from analysis.report import charts, findings
from analysis.report.data import read_scores

statements, boilerplate, sections = tables.read("statements"), tables.read("boilerplate"), tables.read("sections")
mentions, initiatives, restatements = tables.read("initiative_mentions"), tables.read("initiatives"), tables.read("restatements")
edition = statements[statements["edition"] == 2012]
scores = read_scores()
print(f"2012 edition: {len(edition)} statements, {edition['dept_abbr'].nunique()} departments, "
      f"{edition['action'].nunique()} actions ({', '.join(str(a) for a in sorted(edition['action'].unique()))})")

# %% [markdown]
# ## Department × action: substantive share of words
# Each cell is one department's December 2012 response to one action. A dash: no response (action 4
# was for Cabinet Office alone). A value marked * (hatched) rests on one or two statements, which is
# most 2012 responses: a 0% or 100% there is one sentence's call, not a pattern. The subtitle gives the
# boilerplate call's measured reliability on this edition.

# %%
plots.export(charts.series_substantive_heatmap(sections, scores), notebook="05-series")

# %%
findings.Findings([findings.edition_boilerplate_reliability(scores)], caveat=True)

# %% [markdown]
# ## Templates that travel
# Sentence shapes (names masked, tense and auxiliaries removed) used by two or more departments, in
# either edition, widest first: how many departments and actions each reaches.

# %%
templates = series.travelling_templates(statements, boilerplate)
findings.readable(templates.head(10))

# %%
plots.export(charts.series_travelling_templates(templates), notebook="05-series")

# %% [markdown]
# ## Named initiatives by action and department
# Distinct named initiatives (programmes, events, networks, standards, plans, products, projects and
# groups; not units or organisations) in each department's 2012 response to each action.

# %%
plots.export(charts.series_initiatives_heatmap(statements, mentions, initiatives, scores), notebook="05-series")

# %%
findings.Findings([findings.edition_initiatives_reliability(scores)], caveat=True)

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
findings.Findings(findings.series_found(sections, templates, series.initiatives_across(statements, mentions, initiatives), restatements, scores))
