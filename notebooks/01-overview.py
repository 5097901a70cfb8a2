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
# # 01 Overview: what the pages contain
#
# The statements table (`data/processed/statements.parquet`, built by `make data`) has one row per
# sentence or bullet item of every department's update. This notebook shows what is there:
# departments × reporting periods, with statements and words per cell, and exports a coverage chart
# to `reports/figures/`.

# %%
from analysis import plots, summaries
from analysis.report import charts, findings
from analysis.report.data import read

statements = read("statements")
print(f"{len(statements)} statements, {statements['n_words'].sum()} words, "
      f"{statements['dept_abbr'].nunique()} departments, {statements['section'].nunique()} periods, "
      f"from {statements['source_file'].nunique()} page(s)")

# %% [markdown]
# ## Departments × periods
# Statements per cell, then words per cell. A 0 means the department has no text for that period.

# %%
summaries.coverage(statements, "statements")

# %%
summaries.coverage(statements, "words")

# %% [markdown]
# ## Coverage chart
# Words per department and period, as a heat map with the value written in every cell (no colour
# legend to decode). Departments are ordered by total words, so the longest updates are on top.
# Below each chart: its PNG, SVG, data and alt text in the chart pack (`reports/figures/`).

# %%
plots.export(charts.coverage_words(statements), notebook="01-overview")

# %% [markdown]
# ## What we found

# %%
findings.Findings(findings.overview(statements))
