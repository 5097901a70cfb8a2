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
from analysis import followthrough, plots, reviews
from analysis.report import charts, findings
from analysis.report.data import read, read_scores

follow = read("follow_through")
scores = read_scores()
summary = read("follow_through_departments")  # as the build wrote it
judged = followthrough.judged(follow)
print(f"{len(follow)} plan statements: {len(judged)} with a progress period to judge them by, "
      f"{int((follow['status'] == 'pending').sum())} pending (2015 plans), "
      f"{int(judged['plan_testable'].sum())} testable, from {follow['dept_abbr'].nunique()} departments")
judged["status"].value_counts().rename(index=plots.STATUS_LABELS).rename("plans").to_frame()

# %% [markdown]
# ## How far to trust these statuses

# %%
findings.Findings([findings.follow_through_reliability(scores)], caveat=True)

# %% [markdown]
# ## How sure the calls are, and what analysts have checked
# Each status carries a confidence: 0.5 when the deciding measure sits on its threshold, 1 when it is far
# from it (or the status needs no matching). On the hand-coded plans, confident calls agree more often
# (`make evaluate`); `make review` lists the least confident calls for an analyst to check, and their
# corrections (`data/reviews/`) are applied by `make data`, keeping the machine's status beside them.

# %%
print(reviews.summary_sentence(follow))
by_confidence = followthrough.confidence_by_status(follow)
low = int(by_confidence.iloc[:, -1].sum())
print(f"{low} of {len(judged)} judged plans have a confidence under {followthrough.CONFIDENT:g}: check these first (make review).")
findings.readable(by_confidence.rename(index=plots.STATUS_LABELS), index=True)

# %% [markdown]
# ## Department summary
# Plans per status, and the reported delivery rate: testable plans delivered or partly delivered, as a
# share of testable plans (empty when a department made no testable plan).

# %%
findings.readable(summary.drop(columns=["action", "department"]), percent=("delivery_rate", "testable_share"))

# %% [markdown]
# ## Status of every plan, by department
# One bar per department, one segment per status, largest number of plans at the top. The chart's
# subtitle carries the measured agreement with hand coding, so it cannot be copied without it.

# %%
plots.export(charts.follow_through_status(follow, scores), notebook="04-follow-through")

# %% [markdown]
# ## Delivery rate against the share of testable plans
# Only departments with at least one testable plan have a delivery rate; the others are listed under
# the chart. A department whose plans are mostly general aims has few plans that could be checked at all.

# %%
plots.export(charts.rate_vs_testable(summary, scores), notebook="04-follow-through")

# %%
no_testable = summary.loc[summary["delivery_rate"].isna() & (summary["plans"] > 0), "dept_abbr"].tolist()
print(f"No testable plan, so no delivery rate: {', '.join(no_testable) or 'none'}")

# %% [markdown]
# ## Plan → evidence
# Every plan with the progress statements its status rests on, one evidence statement per row, quotable
# as it stands. First the testable plans, then the rest; `why` gives the rule that decided the status.

# %%
evidence = followthrough.evidence_table(follow).assign(status=lambda d: d["status"].map(plots.STATUS_LABELS))
findings.readable(evidence[evidence["testable"] == "yes"].drop(columns="testable"))

# %%
findings.readable(evidence[evidence["testable"] == "no"].drop(columns="testable"))

# %% [markdown]
# ## What we found

# %%
findings.Findings(findings.follow_through_found(follow, summary, scores))
