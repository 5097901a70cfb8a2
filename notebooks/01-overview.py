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
from analysis import plots, summaries, tables

statements = tables.read("statements")
print(f"{len(statements)} statements, {statements['n_words'].sum()} words, "
      f"{statements['dept_abbr'].nunique()} departments, {statements['section'].nunique()} periods, "
      f"from {statements['source_file'].nunique()} page(s)")

# %% [markdown]
# ## Departments × periods
# Statements per cell, then words per cell. A 0 means the department has no text for that period.

# %%
counts = summaries.coverage(statements, "statements")
words = summaries.coverage(statements, "words")
counts

# %%
words

# %% [markdown]
# ## Coverage chart
# Words per department and period, as a heat map with the value written in every cell (no colour
# legend to decode). Departments are ordered by total words, so the longest updates are on top.

# %%
order = words.sum(axis=1).sort_values(ascending=True).index
grid = words.loc[order]
fig, ax = plots.new_figure(8.5, 7.5)
plots.heatmap(ax, grid)
ax.invert_yaxis()

totals = words.sum(axis=1)
largest = totals.idxmax()
largest_name = statements.loc[statements["dept_abbr"] == largest, "department"].iloc[0]
share = totals.max() / totals.sum()
tidy = grid.reset_index().melt(id_vars="dept_abbr", var_name="section", value_name="words")
plots.export(
    fig,
    "01-coverage-words",
    title=f"{largest_name} wrote {share:.0%} of all words; the median department wrote {int(totals.median())}",
    subtitle=f"Words per department and reporting period, {len(words)} departments, "
             f"{int(words.to_numpy().sum()):,} words in {len(statements)} statements",
    alt=(f"Heat map of words written by each of {len(words)} departments in each of {words.shape[1]} reporting "
         f"periods. {largest_name} has the longest updates ({int(totals.max())} words); the median "
         f"department wrote {int(totals.median())} words across all periods."),
    data=tidy,
    notebook="01-overview",
)
