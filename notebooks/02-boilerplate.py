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
import pandas as pd

from analysis import periods, plots, summaries, tables

statements = tables.read("statements")
table, sections, departments = tables.read("boilerplate"), tables.read("sections"), tables.read("departments")
names = statements.drop_duplicates("dept_abbr").set_index("dept_abbr")["department"]
n_b = int(table["is_boilerplate"].sum())
classified = summaries.classified(statements, table)  # joined on statement_id
words_b = int(classified.loc[classified["is_boilerplate"], "n_words"].sum())
print(f"{len(table)} statements: {n_b} boilerplate ({n_b / len(table):.0%}), "
      f"{words_b} of {statements['n_words'].sum()} words ({words_b / statements['n_words'].sum():.0%})")
table["boilerplate_reason"].fillna("substantive").value_counts().rename("statements").to_frame()

# %% [markdown]
# ## Substantive share by department
# Departments ranked by the share of their words that are in substantive statements, all periods together.

# %%
ranked = departments.sort_values(["substantive_share_words", "dept_abbr"], ascending=[True, False]).reset_index(drop=True)
fig, ax = plots.new_figure(8, 6.8)
colours = [plots.FOCUS if v > 0 else plots.CONTEXT for v in ranked["substantive_share_words"]]
bars = ax.barh(ranked["dept_abbr"], ranked["substantive_share_words"] * 100, color=colours)
plots.label_bars(ax, bars, fmt="{:.0f}%")
ax.set_xlim(0, 110)
ax.set_xlabel("Substantive share of words (%)")
ax.tick_params(axis="y", length=0)
ax.grid(axis="y", visible=False)

top = ranked.iloc[-1]
none = ranked.loc[ranked["substantive_share_words"] == 0, "dept_abbr"].tolist()
median = ranked["substantive_share_words"].median()
plots.export(
    fig,
    "02-substantive-share-ranked",
    title=f"{names[top['dept_abbr']]}: {top['substantive_share_words']:.0%} of words substantive; {len(none)} departments have none",
    subtitle=f"Share of words in substantive statements, all periods; {len(ranked)} departments, "
             f"{int(ranked['words'].sum()):,} words, median {median:.0%}",
    alt=(f"Horizontal bar chart of the substantive share of words for {len(ranked)} departments, ranked. "
         f"{names[top['dept_abbr']]} is highest at {top['substantive_share_words']:.0%}; the median is {median:.0%}; "
         f"{len(none)} departments ({', '.join(none)}) have no substantive statement at all."),
    data=ranked[["department", "dept_abbr", "words", "boilerplate_words", "substantive_share_words"]],
    notebook="02-boilerplate",
)

# %% [markdown]
# ## Department × period
# The substantive share of words in each department's section for each period. A dash means the
# department wrote nothing for that period. Rows in the order of the ranking above (highest first).

# %%
grid = summaries.share_grid(departments)
fig, ax = plots.new_figure(8.5, 7.5)
plots.heatmap(ax, grid, "{:.0%}", vmax=1)

tidy = grid.reset_index().melt(id_vars="dept_abbr", var_name="section", value_name="substantive_share_words")
by_period = sections.groupby("section").agg(words=("words", "sum"), b=("boilerplate_words", "sum"))
period_share = (1 - by_period["b"] / by_period["words"]).reindex(grid.columns)
best, worst = period_share.idxmax(), period_share.idxmin()
label = {s: periods.text_label(s) for s in grid.columns}
plots.export(
    fig,
    "02-substantive-share-heatmap",
    title=f"Most substantive: {label[best]} ({period_share[best]:.0%} of words); least: {label[worst]} ({period_share[worst]:.0%})",
    subtitle=f"Substantive share of words by department and reporting period; {grid.shape[0]} departments x "
             f"{grid.shape[1]} periods",
    alt=(f"Heat map of the substantive share of words for {grid.shape[0]} departments in {grid.shape[1]} periods, "
         f"value written in each cell. Across departments, {label[best]} has the highest share "
         f"({period_share[best]:.0%}) and {label[worst]} the lowest ({period_share[worst]:.0%})."),
    data=tidy,
    notebook="02-boilerplate",
)

# %% [markdown]
# ## What the boilerplate is, period by period
# Each period's words split by reason.

# %%
reasons = summaries.reason_words_by_period(statements, table)
fig, ax = plots.new_figure(8.5, 4.8)
left = pd.Series(0.0, index=reasons.index)
order = list(reasons.columns)
colour = dict(zip(order, [plots.FOCUS, plots.CATEGORICAL[4], plots.CATEGORICAL[2], plots.CATEGORICAL[3], plots.CATEGORICAL[5]]))
ylabels = [label[s] for s in reasons.index]  # short period labels
for reason in order:
    width = reasons[reason] * 100
    bars = ax.barh(ylabels, width, left=left * 100, color=colour[reason], label=reason.replace("_", " "))
    for bar, w in zip(bars, width):
        if w >= 7:
            ax.text(bar.get_x() + bar.get_width() / 2, bar.get_y() + bar.get_height() / 2, f"{w:.0f}%",
                    ha="center", va="center", fontsize=8, color="white")
    left = left + reasons[reason]
ax.invert_yaxis()
ax.set_xlim(0, 100)
ax.set_xlabel("Share of the period's words (%)")
ax.grid(axis="y", visible=False)
ax.tick_params(axis="y", length=0)
ax.legend(ncols=5, loc="upper center", bbox_to_anchor=(0.5, -0.18), frameon=False, fontsize=8)
largest = reasons.drop(columns="substantive").idxmax(axis=1)
lead, n_lead = largest.value_counts().index[0], int(largest.value_counts().iloc[0])
plots.export(
    fig,
    "02-reasons-by-period",
    title=f"{lead.replace('_', ' ').capitalize()} statements are the largest kind of boilerplate in {n_lead} of {len(reasons)} periods",
    subtitle="Share of each reporting period's words by boilerplate reason (substantive first); all departments",
    alt=("Stacked horizontal bars, one per reporting period, splitting its words into substantive, not applicable, "
         "template, repeat and vague. " + "; ".join(f"{label[s]}: {reasons.loc[s, 'substantive']:.0%} substantive"
                                                     for s in reasons.index) + "."),
    data=reasons.reset_index().melt(id_vars="section", var_name="reason", value_name="share_of_words"),
    notebook="02-boilerplate",
)

# %% [markdown]
# ## Template families
# Sentences that two or more departments wrote with only the names swapped (tense normalised). Each
# family's members and one example.

# %%
import textwrap

families = summaries.template_family_table(statements, table)
families

# %%
fig, ax = plots.new_figure(10, 2.4 + 0.75 * len(families))
# label each family by an example sentence and its members, so a reader sees what the template says
labels = ["“" + textwrap.shorten(r.example, 70, placeholder=" …") + "”\n" + r.members for r in families.itertuples()]
bars = ax.barh(labels, families["departments"], color=plots.FOCUS)
for bar, n in zip(bars, families["statements"]):
    ax.text(bar.get_width() + 0.05, bar.get_y() + bar.get_height() / 2, f"{n} statements", va="center", fontsize=8, color=plots.TEXT)
ax.invert_yaxis()
ax.set_xlabel("Departments using the template")
ax.set_xlim(0, families["departments"].max() + 1.2 if len(families) else 1)
ax.xaxis.get_major_locator().set_params(integer=True)
ax.grid(axis="y", visible=False)
ax.tick_params(axis="y", length=0)
largest = families.iloc[0] if len(families) else None
plots.export(
    fig,
    "02-template-families",
    title=(f"{len(families)} sentence templates recur; the largest is used by {largest['departments']} departments"
           if largest is not None else "No sentence template recurs across departments"),
    subtitle="Near-identical statements (names masked, tense normalised) used by 2 or more departments",
    alt=("Horizontal bar chart of template families, one bar per family with its member departments and the number "
         "of statements in it. " + " ".join(f"{r.template_id}: {r.statements} statements from {r.members}."
                                            for r in families.itertuples())),
    data=families,
    notebook="02-boilerplate",
)

# %% [markdown]
# ## Examples of each reason
# The strongest example of each reason from two different departments, with the evidence the classifier
# recorded (and the most specific substantive statements for contrast).

# %%
with pd.option_context("display.max_colwidth", 120):
    display(summaries.reason_examples(statements, table, per_reason=2))  # noqa: F821 (IPython)

# %% [markdown]
# ## From plans to progress
# For each department, the substantive share of its plans for 2014 and of its progress report on 2014
# (and the December 2012 commitments against progress in 2013). A progress report that only restates
# the plan is boilerplate (`repeat`), so a plan followed by an echo shows no gain.

# %%
change = summaries.plan_to_progress(sections)
pairs = [(plan, progress) for plan, progress in periods.PLAN_PROGRESS.items() if progress]
fig, axes = plots.new_figure(9, 6.8, ncols=2, sharey=True)
depts = sorted(change["dept_abbr"].unique(), key=str.lower, reverse=True)
for ax, (plan, progress) in zip(axes, pairs):
    pair = change[(change["plan_section"] == plan)].set_index("dept_abbr").reindex(depts)
    for y, (dept, row) in enumerate(pair.iterrows()):
        if pd.isna(row["plan_substantive_share"]):
            continue
        ax.plot([row["plan_substantive_share"] * 100, row["progress_substantive_share"] * 100], [y, y], color=plots.CONTEXT, lw=2, zorder=1)
    ax.scatter(pair["plan_substantive_share"] * 100, range(len(depts)), color=plots.CATEGORICAL[3], zorder=2, label="plan", s=30)
    ax.scatter(pair["progress_substantive_share"] * 100, range(len(depts)), color=plots.FOCUS, zorder=3, label="progress", s=30)
    ax.set_xlim(-5, 105)
    ax.set_xlabel(f"{label[plan]} → {label[progress]}\nsubstantive share of words (%)")
    ax.grid(axis="y", visible=False)
    ax.tick_params(axis="y", length=0)
axes[0].set_yticks(range(len(depts)), depts)
axes[1].legend(loc="upper center", bbox_to_anchor=(-0.05, -0.13), ncols=2, frameon=False, fontsize=8)
main_plan = [plan for plan, progress in pairs][-1]  # the latest plan with a progress report on it
main = change[change["plan_section"] == main_plan]
up, down = int((main["change"] > 0).sum()), int((main["change"] < 0).sum())
plots.export(
    fig,
    "02-plans-to-progress",
    title=f"{up} departments reported more substantively on {periods.year(main_plan)} than they planned it, {down} less",
    subtitle=f"Substantive share of words in each plan (orange) and in the progress report on it (blue); "
             f"median change for {periods.year(main_plan)} {main['change'].median():+.0%}",
    alt=(f"Dot plot in two panels, commitments 2012 against progress 2013 and plans 2014 against progress 2014, one row "
         f"per department, joining the substantive share of the plan to that of the progress report. For 2014, {up} "
         f"departments' progress reports are more substantive than their plans, {down} less, and "
         f"{len(main) - up - down} unchanged; the median change is {main['change'].median():+.0%}."),
    data=change,
    notebook="02-boilerplate",
)

# %% [markdown]
# ## Against the published measures
# The Lang and Stice-Lawrence boilerplate share (words in sentences with a 4-gram used by at least 5
# departments) beside the classifier's boilerplate share, per section. The evaluation (`make evaluate`)
# scores each against the hand labels.

# %%
comparison = sections[["dept_abbr", "section", "boilerplate_share_words", "lsl_share_words", "similarity_cosine", "specificity"]]
comparison.corr(numeric_only=True).round(2)
