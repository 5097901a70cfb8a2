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
from analysis import initiatives, periods, plots, tables

statements = tables.read("statements")
table = tables.read("initiatives")
mentions = tables.read("initiative_mentions")
named = initiatives.initiatives_only(table)
named_mentions = mentions[mentions["initiative_id"].isin(named["initiative_id"])]
print(f"{len(named)} named initiatives, {len(named_mentions)} mentions in {named_mentions['statement_id'].nunique()} of "
      f"{len(statements)} statements; also {int((table['type'] == 'organisation').sum())} organisations and "
      f"{int((table['type'] == 'unit').sum())} units named")

# %% [markdown]
# ## The list
# Canonical name, type, the departments that name it and where it first appears. `aliases` has every
# spelling that was merged into the name.

# %%
named[["name", "type", "owner_department", "departments", "n_mentions", "first_section", "aliases"]]

# %% [markdown]
# ## Department × initiative
# Mentions of each initiative in each department's text, all periods together. Initiatives are ordered
# by the number of departments that name them, so shared initiatives are at the top; blank cells are 0.

# %%
matrix = initiatives.department_matrix(mentions, statements, table)
grid = matrix.T  # initiatives down, departments across
fig, ax = plots.new_figure(9.0, 13.0)
plots.heatmap(ax, grid, blank_zero=True, xlabels=list(grid.columns), top_labels=True, cell_lines=True)

reach = initiatives.reach(table)
single = int((reach["n_departments"] == 1).sum())
single_by_dept = reach.loc[reach["n_departments"] == 1, "departments"].value_counts()
single_top, single_top_n = single_by_dept.index[0], int(single_by_dept.iloc[0])
widest = reach.iloc[0]
tidy = matrix.reset_index().melt(id_vars="dept_abbr", var_name="initiative", value_name="mentions")
tidy = tidy[tidy["mentions"] > 0].reset_index(drop=True)
plots.export(
    fig,
    "03-initiatives-matrix",
    title=f"{single} of {len(reach)} named initiatives appear in one department's text only",
    subtitle=f"Mentions of each named initiative by department, all periods; {len(reach)} initiatives, "
             f"{matrix.shape[0]} departments name at least one, {int(matrix.to_numpy().sum())} mentions",
    alt=(f"Grid of {len(reach)} named initiatives (rows) by {matrix.shape[0]} departments (columns) with the number of "
         f"mentions in each cell. {widest['name']} is named by the most departments ({widest['n_departments']}); "
         f"{single} initiatives are named by a single department, {single_top_n} of them by {single_top}."),
    data=tidy,
    notebook="03-initiatives",
)

# %% [markdown]
# ## Initiatives by type
# Types come from the last word of the name (Academy → programme, Conference → event, Manual →
# standard/guidance ...), a generic noun after it ("Digital Foundation programme") or the series
# pattern ("Sprint 14"); see the codebook.

# %%
types = initiatives.by_type(table)
types = types[types["is_initiative"]].sort_values(["initiatives", "type"], ascending=[True, False]).reset_index(drop=True)
fig, ax = plots.new_figure(8.0, 4.8)
bars = ax.barh(types["type"], types["initiatives"], color=plots.FOCUS)
ax.bar_label(bars, labels=[f"{n} ({m} mentions)" for n, m in zip(types["initiatives"], types["mentions"], strict=True)],
             padding=3, fontsize=8, color=plots.TEXT)
ax.set_xlabel("Named initiatives")
ax.set_xlim(0, types["initiatives"].max() * 1.35)
ax.xaxis.get_major_locator().set_params(integer=True)
ax.grid(axis="y", visible=False)
top = types.iloc[-1]
plots.export(
    fig,
    "03-initiatives-by-type",
    title=f"The commonest type of named initiative is '{top['type']}': {top['initiatives']} of {int(types['initiatives'].sum())}",
    subtitle=f"Named initiatives by type (head-noun rules), with their mentions; {int(types['mentions'].sum())} mentions in all",
    alt=("Horizontal bar chart of the number of named initiatives of each type: "
         + "; ".join(f"{r.type} {r.initiatives} ({r.mentions} mentions)" for r in types[::-1].itertuples()) + "."),
    data=types[["type", "initiatives", "mentions"]],
    notebook="03-initiatives",
)

# %% [markdown]
# ## From plans to progress: are planned initiatives named again?
# For each initiative a department names in its December 2012 commitments or its 2014 plans, is it
# named again in that department's next progress report (commitments → progress 2013, plans 2014 →
# progress 2014)? *related* means a progress report names a narrower or wider name (the plan's "Fast
# Stream", the progress report's "Generalist Fast Stream"). Plans for 2015 have no progress report yet.
# This is *named* carry-through only: a progress report can deliver a plan without repeating its name
# (follow-through, notebook 04, looks at the whole text).

# %%
carried = initiatives.carry_through(mentions, statements, table)
summary = initiatives.carry_through_summary(carried)
summary

# %%
carried[["dept_abbr", "name", "type", "plan_section", "progress_section", "status", "related_to"]]

# %%
sections = list(periods.NAMES)
pairs = carried.drop_duplicates(["dept_abbr", "initiative_id"]).reset_index(drop=True)
timeline = initiatives.timeline(mentions, statements, table)
status_colour = {"carried": plots.CATEGORICAL[1], "related": plots.CATEGORICAL[3], "not_carried": plots.CATEGORICAL[2],
                 "pending": plots.CONTEXT}
fig, ax = plots.new_figure(9.0, 1.6 + 0.42 * len(pairs))
labels = []
for y, pair in enumerate(pairs.itertuples()):
    seen = timeline[(timeline["dept_abbr"] == pair.dept_abbr) & (timeline["name"] == pair.name)]
    xs = [sections.index(s) for s in seen["section"]]
    ax.plot([min(xs), max(xs)], [y, y], color=plots.CONTEXT, linewidth=1, zorder=1)
    statuses = carried[(carried["dept_abbr"] == pair.dept_abbr) & (carried["initiative_id"] == pair.initiative_id)]
    for s in seen["section"]:
        plan = statuses[statuses["plan_section"] == s]
        colour = status_colour[plan["status"].iloc[0]] if len(plan) else plots.FOCUS
        ax.scatter(sections.index(s), y, s=70, color=colour, zorder=2, edgecolor="white", linewidth=0.5)
    labels.append(f"{pair.dept_abbr}: {pair.name}")
    for k, st in enumerate(statuses["status"]):
        ax.text(len(sections) - 0.55 + 0.75 * k, y, st.replace("_", " "), va="center", fontsize=8, color=status_colour[st],
                fontweight="bold")
ax.set_yticks(range(len(pairs)), labels)
ax.set_xticks(range(len(sections)), [periods.chart_label(s) for s in sections])
ax.set_xlim(-0.5, len(sections) + 0.6)
ax.set_ylim(len(pairs) - 0.5, -0.5)
ax.grid(axis="y", visible=False)
for side in ("top", "right"):
    ax.spines[side].set_visible(False)
decided = summary[["carried", "related", "not_carried"]].to_numpy().sum()
kept = int(summary["carried"].sum())
related = int(summary["related"].sum())
tidy = carried[["dept_abbr", "name", "type", "plan_section", "progress_section", "status", "related_to"]]
plots.export(
    fig,
    "03-initiatives-carry-through",
    title=f"{kept} of the {decided} initiatives named in a plan were named again in the next progress report",
    subtitle=(f"{len(pairs)} department-initiative pairs named in a commitment (Dec 2012) or plan (2014, 2015); a dot for each "
              f"period that names it"),
    alt=(f"Dot chart of {len(pairs)} department-initiative pairs named in a commitment or plan section, one row each, with a "
         f"dot for every period in which the department names the initiative. Of {decided} pairs that have a later progress "
         f"report, {kept} are named again and {related} only through a related name; "
         f"{int(summary['pending'].sum())} 2015 plans are pending."),
    data=tidy,
    notebook="03-initiatives",
)

# %% [markdown]
# Initiatives that appear in a progress report without having been named in the plan before it:

# %%
initiatives.unplanned(mentions, statements, table)

# %% [markdown]
# ## Cross-department reach
# How many departments name each initiative. Cabinet Office reports on cross-government initiatives
# in its own section; other departments naming the same initiative is what "reach" shows. Note that
# Government Digital Strategy's reach comes partly from the template sentence "Not applicable but will
# form part of the work to support Government Digital Strategy action 3".

# %%
shared = reach[reach["n_departments"] >= 2].sort_values(["n_departments", "n_mentions", "name"], ascending=[True, True, False])
fig, ax = plots.new_figure(8.0, 1.8 + 0.45 * len(shared))
bars = ax.barh(shared["name"], shared["n_departments"], color=plots.FOCUS)
ax.bar_label(bars, labels=[d.replace("; ", ", ") for d in shared["departments"]], padding=3, fontsize=8, color=plots.TEXT)
ax.set_xlabel("Departments naming it")
ax.set_xlim(0, shared["n_departments"].max() * 1.6)
ax.xaxis.get_major_locator().set_params(integer=True)
ax.grid(axis="y", visible=False)
plots.export(
    fig,
    "03-initiatives-reach",
    title=f"Only {len(shared)} of {len(reach)} named initiatives are named by more than one department",
    subtitle="Named initiatives mentioned in at least two departments' text, all periods; bar labels list the departments",
    alt=(f"Horizontal bar chart of the {len(shared)} named initiatives that more than one department names: "
         + "; ".join(f"{r.name} {r.n_departments} ({r.departments})" for r in shared[::-1].itertuples()) + "."),
    data=reach[["name", "type", "n_departments", "departments", "n_mentions", "owner_department"]],
    notebook="03-initiatives",
)
