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
# # 03 Named initiatives: what departments name, who names it, and whether plans reappear
#
# `data/processed/initiatives.csv` lists every named programme, event, network, standard, plan, tool,
# project and group the departments report (docs/methods.md "Named initiatives"), with all spellings merged;
# `initiative_mentions.csv` has one row per occurrence. Both are built by `make data`
# (`analysis.initiatives`); the rules, types and measured scores are in `docs/codebook.md` and
# `docs/methods.md`. The tables also keep named units and organisations (GDS, Civil Service Learning),
# typed as such; this notebook counts initiatives only.

# %%
from analysis import initiatives, plots
from analysis.report import charts, findings
from analysis.report.data import read, read_scores

statements, table, mentions = read("statements"), read("initiatives"), read("initiative_mentions")
boilerplate = read("boilerplate")
scores = read_scores()
named = initiatives.initiatives_only(table)
named_mentions = mentions[mentions["initiative_id"].isin(named["initiative_id"])]
print(f"{len(named)} named initiatives, {len(named_mentions)} mentions in {named_mentions['statement_id'].nunique()} of "
      f"{len(statements)} statements; also {int((table['type'] == 'organisation').sum())} organisations and "
      f"{int((table['type'] == 'unit').sum())} units named")
print(findings.reliability(scores, "initiatives"))

# %% [markdown]
# ## The list
# Canonical name, type, the departments that name it and where it first appears. `aliases` has every
# spelling that was merged into the name.

# %%
findings.readable(named[["name", "type", "owner_department", "departments", "n_mentions", "first_section", "aliases"]])

# %% [markdown]
# ## Department × initiative
# Mentions of each initiative in each department's text, all periods together. Initiatives are ordered
# by the number of departments that name them, so shared initiatives are at the top; blank cells are 0.

# %%
plots.export(charts.initiatives_matrix(mentions, statements, table), notebook="03-initiatives")

# %% [markdown]
# ## Initiatives by type
# Types come from the last word of the name (Academy → programme, Conference → event, Manual →
# standard/guidance ...), a generic noun after it ("Digital Foundation programme") or the series
# pattern ("Sprint 14"); see the codebook.

# %%
plots.export(charts.initiatives_by_type(table), notebook="03-initiatives")

# %% [markdown]
# ## From plans to progress: are planned initiatives named again?
# For each initiative a department names in its December 2012 commitments or its 2014 plans, is it
# named again in that department's next progress report (commitments → progress 2013, plans 2014 →
# progress 2014)? *related* means a progress report names a narrower or wider name (the plan's "Fast
# Stream", the progress report's "Generalist Fast Stream"). Plans for 2015 have no progress report yet.
# This is *named* carry-through only: a progress report can deliver a plan without repeating its name
# (follow-through, notebook 04, looks at the whole text). The counts are of department–initiative
# pairs, and `from_template` marks pairs named only in a template sentence several departments share.

# %%
carried = charts.carry_through_pairs(mentions, statements, table, boilerplate)
findings.readable(initiatives.carry_through_summary(carried), index=True)

# %%
findings.readable(carried[["dept_abbr", "name", "type", "plan_section", "progress_section", "status", "related_to", "from_template"]])

# %%
plots.export(charts.carry_through(mentions, statements, table, boilerplate), notebook="03-initiatives")

# %% [markdown]
# Initiatives that appear in a progress report without having been named in the plan before it:

# %%
findings.readable(initiatives.unplanned(mentions, statements, table))

# %% [markdown]
# ## Cross-department reach
# How many departments name each initiative. Cabinet Office reports on cross-government initiatives
# in its own section; other departments naming the same initiative is what "reach" shows. Part of the
# bar is marked when a department names the initiative only in a template sentence that several
# departments share: that is reach by copy, not by choice.

# %%
plots.export(charts.initiatives_reach(table, mentions, statements, boilerplate), notebook="03-initiatives")

# %% [markdown]
# ## What we found

# %%
findings.Findings(findings.initiatives_found(table, mentions, statements, boilerplate, scores))
