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
# # 02 Boilerplate: how much of each update says something checkable
#
# Every statement is classified by `analysis.boilerplate` (built by `make data` into
# `data/processed/boilerplate.csv`) as substantive or boilerplate, with a reason in this order of
# precedence: **not_applicable** (the action does not apply), **template** (the same sentence, names
# swapped, in two or more departments' updates), **repeat** (restates the department's own earlier
# text) and **vague** (continuation or intent language with no concrete content). Definitions:
# `docs/codebook.md`; method and measured scores (`make evaluate`): `docs/methods.md`.
#
# The shares below are shares of **words**: a long concrete paragraph counts for more than a one-line
# pledge. Section and department tables: `data/processed/sections.csv` and `departments.csv`.

# %%
from analysis import plots, summaries
from analysis.report import charts, findings
from analysis.report.data import read, read_scores

statements, table = read("statements"), read("boilerplate")
sections, departments = read("sections"), read("departments")
scores = read_scores()
classified = summaries.classified(statements, table)  # joined on statement_id
n_b = int(classified["is_boilerplate"].sum())
words_b = int(classified.loc[classified["is_boilerplate"], "n_words"].sum())
print(f"{len(classified)} statements: {n_b} boilerplate ({n_b / len(classified):.0%}), "
      f"{words_b} of {classified['n_words'].sum()} words ({words_b / classified['n_words'].sum():.0%})")
print(findings.reliability(scores, "boilerplate"))
classified["boilerplate_reason"].fillna("substantive").value_counts().rename("statements").to_frame()

# %% [markdown]
# ## Substantive share by department
# Departments ranked by the share of their words that are in substantive statements, all periods together.

# %%
plots.export(charts.substantive_share_ranked(departments), notebook="02-boilerplate")

# %% [markdown]
# ## Department × period
# The substantive share of words in each department's section for each period. A dash means the
# department wrote nothing for that period; a value marked * rests on one or two statements, so a 0% or
# 100% there is one sentence, not a pattern. Rows in the order of the ranking above (highest first).

# %%
plots.export(charts.substantive_share_heatmap(departments, sections), notebook="02-boilerplate")

# %% [markdown]
# ## What the boilerplate is, period by period
# Each period's words split by reason.

# %%
plots.export(charts.reasons_by_period(statements, table), notebook="02-boilerplate")

# %% [markdown]
# ## Template families
# Sentences that two or more departments wrote with only the names swapped (tense normalised). Each
# family's members and one example.

# %%
findings.readable(summaries.template_family_table(statements, table))

# %%
plots.export(charts.template_families(statements, table), notebook="02-boilerplate")

# %% [markdown]
# ## Examples of each reason
# The strongest example of each reason from two different departments, with the evidence the classifier
# recorded (and the most specific substantive statements for contrast).

# %%
findings.readable(summaries.reason_examples(statements, table, per_reason=2))

# %% [markdown]
# ## From plans to progress
# For each department, the substantive share of its plans for 2014 and of its progress report on 2014
# (and the December 2012 commitments against progress in 2013). A progress report that only restates
# the plan is boilerplate (`repeat`), so a plan followed by an echo shows no gain.

# %%
plots.export(charts.plans_to_progress(sections), notebook="02-boilerplate")

# %% [markdown]
# ## Against the published measures
# The Lang and Stice-Lawrence boilerplate share (words in sentences with a 4-gram used by at least 5
# departments) beside the classifier's boilerplate share, per section. The evaluation (`make evaluate`)
# scores each against the hand labels.

# %%
comparison = sections[["dept_abbr", "section", "boilerplate_share_words", "lsl_share_words", "similarity_cosine", "specificity"]]
comparison.corr(numeric_only=True).round(2)

# %% [markdown]
# ## What we found

# %%
findings.Findings(findings.boilerplate(statements, table, departments, sections, scores))
