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
# # 04 Reported follow-through: did departments report doing what they said they would?
#
# Every plan statement (the December 2012 commitments and the 2014 plans) is matched to the same
# department's next progress section (commitments to *Progress 2013*, 2014 plans to *Progress 2014*) by
# `analysis.followthrough`, and given a status: **delivered** (a concrete new measure reported for every
# part of the plan), **partial** (for some parts, or only weak evidence such as liaison or plans in
# development), **echoed** (the progress text only restates the plan), **not reported**, **not
# applicable**, or **pending** (2015 plans: nothing reported yet). A plan is **testable** when it is
# specific enough to check. Rules: `docs/codebook.md`; method and agreement with hand coding:
# `docs/methods.md` (`make evaluate`).
#
# This is *reported* follow-through: the progress sections are the departments' own account of what
# they did, not an audit.

# %%
import pandas as pd

from analysis import followthrough, plots, reviews, tables, vocabulary

follow = tables.read("follow_through")
summary = tables.read("follow_through_departments")
judged = follow[(follow["status"] != "pending") & ~follow["plan_is_lead_in"]]
print(f"{len(follow)} plan statements: {len(judged)} with a progress period to judge them by, "
      f"{int((follow['status'] == 'pending').sum())} pending (2015 plans), "
      f"{int(judged['plan_testable'].sum())} testable, from {follow['dept_abbr'].nunique()} departments")
judged["status"].value_counts().rename(index=plots.STATUS_LABELS)

# %% [markdown]
# ## How sure the calls are, and what analysts have checked
# Each status carries a confidence: 0.5 when the deciding measure sits on its threshold, 1 when it is far
# from it (or the status needs no matching). On the hand-coded plans, confident calls agree more often
# (`make evaluate`); `make review` lists the least confident calls for an analyst to check, and their
# corrections (`data/reviews/`) are applied by `make data`, keeping the machine's status beside them.

# %%
print(reviews.summary_sentence(follow))
low = judged[judged["confidence"] < 0.75]
print(f"{len(low)} of {len(judged)} judged plans have a confidence under 0.75: check these first (make review).")
judged.groupby("status")["confidence"].describe()[["count", "mean", "min"]].rename(index=plots.STATUS_LABELS)

# %% [markdown]
# ## Department summary
# Plans per status, and the reported delivery rate: testable plans delivered or partly delivered, as a
# share of testable plans (empty when a department made no testable plan).

# %%
summary.drop(columns=["action", "department"]).set_index("dept_abbr")

# %% [markdown]
# ## Status of every plan, by department
# One bar per department, one segment per status, largest number of plans at the top.

# %%
STATUS_ORDER = list(vocabulary.EVALUATED_STATUSES)
COLOURS = dict(zip(STATUS_ORDER, [plots.CATEGORICAL[0], plots.CATEGORICAL[1], plots.CATEGORICAL[2], plots.CATEGORICAL[3], plots.CONTEXT]))
counts = summary.set_index("dept_abbr")[STATUS_ORDER]
counts = counts.loc[counts.sum(axis=1).sort_values(kind="stable").index]

fig, ax = plots.new_figure(8.5, 7.0)
left = pd.Series(0, index=counts.index)
for status in STATUS_ORDER:
    bars = ax.barh(counts.index, counts[status], left=left, color=COLOURS[status], label=plots.STATUS_LABELS[status], height=0.7)
    text_colour = "white" if status in {"delivered", "echoed"} else plots.TEXT
    plots.label_bars(ax, bars, fmt=lambda v: f"{v:.0f}" if v else "", inside=True, color=text_colour)
    left = left + counts[status]
ax.set_xlabel("Plan statements")
ax.grid(axis="x")
ax.grid(axis="y", visible=False)
ax.set_xlim(0, counts.sum(axis=1).max() + 0.5)
ax.legend(loc="lower right", title="Status", alignment="left")

totals = judged["status"].value_counts()
applicable = len(judged) - totals.get("not_applicable", 0)
some = totals.get("delivered", 0) + totals.get("partial", 0)
echoed_or_silent = totals.get("echoed", 0) + totals.get("not_reported", 0)
tidy = counts.reset_index().melt(id_vars="dept_abbr", var_name="status", value_name="plans")
plots.export(
    fig,
    "04-follow-through-status",
    title=f"Reported action on {some} of {applicable} applicable plans; {echoed_or_silent} echoed or not mentioned",
    subtitle=f"Status of {len(judged)} plan statements (2012 commitments, 2014 plans) by department: "
             f"{totals.get('delivered', 0)} delivered, {totals.get('partial', 0)} partial",
    alt=(f"Stacked horizontal bar chart of {len(counts)} departments, one segment per status of their plan statements. "
         f"Of {applicable} plans the action applied to, {totals.get('delivered', 0)} were reported delivered, "
         f"{totals.get('partial', 0)} partly delivered, {totals.get('echoed', 0)} only echoed and "
         f"{totals.get('not_reported', 0)} not reported; {totals.get('not_applicable', 0)} said the action did not apply. "
         f"{counts.sum(axis=1).idxmax()} made the most plans ({int(counts.sum(axis=1).max())})."),
    data=tidy,
    notebook="04-follow-through",
)

# %% [markdown]
# ## Delivery rate against the share of testable plans
# Only departments with at least one testable plan have a delivery rate; the others are listed under
# the chart. A department whose plans are mostly general aims has few plans that could be checked at all.

# %%
rated = summary.dropna(subset=["delivery_rate"]).sort_values("dept_abbr")
fig, ax = plots.new_figure(8.5, 6.0)
sizes = 40 + 25 * rated["plans"]
ax.scatter(rated["testable_share"], rated["delivery_rate"], s=sizes, color=plots.FOCUS, alpha=0.8, zorder=3)
# departments at the same point share one label
for (x, y), group in rated.groupby(["testable_share", "delivery_rate"], sort=True):
    ax.annotate(", ".join(group["dept_abbr"]), (x, y), xytext=(9, 5), textcoords="offset points", fontsize=9, color=plots.TEXT)
ax.set_xlim(0, 1.08)
ax.set_ylim(-0.08, 1.1)
ax.xaxis.set_major_formatter(lambda v, _: f"{v:.0%}")
ax.yaxis.set_major_formatter(lambda v, _: f"{v:.0%}")
ax.set_xlabel("Share of the department's plans that are testable")
ax.set_ylabel("Reported delivery rate of testable plans")
ax.grid(axis="x")

no_testable = summary.loc[summary["delivery_rate"].isna() & (summary["plans"] > 0), "dept_abbr"].tolist()
rho = rated["testable_share"].corr(rated["delivery_rate"], method="spearman") if len(rated) > 2 else float("nan")
full = int((rated["delivery_rate"] == 1).sum())
none = int((rated["delivery_rate"] == 0).sum())
plots.export(
    fig,
    "04-follow-through-rate-vs-testable",
    title=f"{full} of {len(rated)} departments reported progress on every testable plan, {none} on none",
    subtitle=f"Delivery rate of testable plans against share of plans testable, {len(rated)} departments "
             f"(size: plans); Spearman's rho {rho:.2f}",
    alt=(f"Scatter plot of {len(rated)} departments: share of plans that are testable (x) against the reported delivery "
         f"rate of those plans (y). {full} departments reported progress on every testable plan and {none} on none; "
         f"the rank correlation is {rho:.2f}. Departments with no testable plan, not shown: {', '.join(no_testable)}."),
    data=rated[["dept_abbr", "plans", "testable_plans", "testable_share", "delivery_rate"]],
    notebook="04-follow-through",
)
print(f"No testable plan, so no delivery rate: {', '.join(no_testable)}")

# %% [markdown]
# ## Plan → evidence
# Every plan with the progress statements its status rests on, one evidence statement per row, quotable
# as it stands. First the testable plans, then the rest; `why` gives the rule that decided the status.

# %%
evidence = followthrough.evidence_table(follow).assign(status=lambda d: d["status"].map(plots.STATUS_LABELS))
testable = evidence[evidence["testable"] == "yes"].drop(columns="testable")
with pd.option_context("display.max_colwidth", None, "display.max_rows", None):
    display(testable.set_index(["department", "plan_id", "plan", "status"]))  # noqa: F821

# %%
with pd.option_context("display.max_colwidth", None, "display.max_rows", None):
    display(evidence[evidence["testable"] == "no"].drop(columns="testable").set_index(["department", "plan_id", "plan", "status"]))  # noqa: F821
