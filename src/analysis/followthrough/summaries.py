"""Summaries of the follow_through table: per department and action, per plan section (the roll-up of
its plan statements), and a readable plan -> evidence table for analysts to quote."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from analysis import schemas
from analysis.summaries import judged
from analysis.vocabulary import EVALUATED_STATUSES, REPORTED_STATUSES

SECTION_KEYS = ["action", "department", "dept_abbr", "plan_section", "progress_section"]


def department_summary(follow_through: pd.DataFrame) -> pd.DataFrame:
    """Per department and action: plans, testable plans, counts per status, and the reported delivery rate
    (delivered + partial) / testable plans (empty when a department has no testable plan). Pending and
    lead-in rows are left out (a lead-in's bullets are counted themselves)."""
    ft = follow_through[~follow_through["plan_is_lead_in"] & (follow_through["status"] != "pending")]
    keys = ["action", "department", "dept_abbr"]
    all_keys = follow_through[keys].drop_duplicates()
    counts = pd.crosstab([ft[k] for k in keys], ft["status"]).reindex(columns=EVALUATED_STATUSES, fill_value=0)
    counts.columns.name = None
    summary = all_keys.merge(counts.reset_index(), on=keys, how="left").fillna({s: 0 for s in EVALUATED_STATUSES})
    plans = ft.groupby(keys).agg(plans=("plan_statement_id", "size"), testable_plans=("plan_testable", "sum")).reset_index()
    pending = follow_through[follow_through["status"] == "pending"].groupby(keys).size().rename("pending").reset_index()
    summary = summary.merge(plans, on=keys, how="left").merge(pending, on=keys, how="left")
    summary = summary.fillna({"plans": 0, "testable_plans": 0, "pending": 0})
    for column in ["plans", "testable_plans", *EVALUATED_STATUSES, "pending"]:
        summary[column] = summary[column].astype("int64")
    delivered_or_partial = ft["plan_testable"] & ft["status"].isin(["delivered", "partial"])
    testable_done = ft[delivered_or_partial].groupby(keys).size().rename("testable_delivered_or_partial").reset_index()
    summary = summary.merge(testable_done, on=keys, how="left").fillna({"testable_delivered_or_partial": 0})
    summary["testable_delivered_or_partial"] = summary["testable_delivered_or_partial"].astype("int64")
    rate = summary["testable_delivered_or_partial"] / summary["testable_plans"].where(summary["testable_plans"] > 0)
    summary["delivery_rate"] = rate.astype("float64")
    summary["testable_share"] = (summary["testable_plans"] / summary["plans"].where(summary["plans"] > 0)).astype("float64")
    return schemas.build("follow_through_departments", summary).sort_values(["action", "dept_abbr"], kind="stable").reset_index(drop=True)


def section_rollup(follow_through: pd.DataFrame) -> pd.DataFrame:
    """One row per plan section (department, action, plan period): its plan statements counted by status
    (list lead-ins left out, their bullets counted, so nothing is counted twice) and one status for the
    section: `delivered` when every applicable plan is delivered, `partial` when some are delivered or
    partial, `echoed` when the rest only echo, `not_reported` when nothing is reported, `not_applicable`
    or `pending` when every plan is. `confidence` is the lowest confidence of the plans that decide it."""
    ft = follow_through[~follow_through["plan_is_lead_in"]].assign(progress_section=lambda d: d["progress_section"].fillna(""))
    counts = pd.crosstab([ft[k] for k in SECTION_KEYS], ft["status"]).reindex(columns=[*EVALUATED_STATUSES, "pending"], fill_value=0)
    counts.columns.name = None
    deciding = ft[ft["status"].isin(REPORTED_STATUSES)]
    low_all = ft.groupby(SECTION_KEYS)["confidence"].min()
    low_deciding = deciding.groupby(SECTION_KEYS)["confidence"].min()
    out = counts.reset_index()
    keys = pd.MultiIndex.from_frame(out[SECTION_KEYS])
    out["plans"] = counts.sum(axis=1).to_numpy()
    applicable = counts[list(REPORTED_STATUSES)].sum(axis=1).to_numpy()
    out["section_status"] = np.select(
        [
            applicable == 0,
            counts["delivered"].to_numpy() == applicable,
            (counts["delivered"] + counts["partial"]).to_numpy() > 0,
            counts["echoed"].to_numpy() > 0,
        ],
        [np.where(counts["pending"].to_numpy() > 0, "pending", "not_applicable"), "delivered", "partial", "echoed"],
        default="not_reported",
    )
    out["confidence"] = low_deciding.reindex(keys).fillna(low_all.reindex(keys)).to_numpy()
    out["progress_section"] = out["progress_section"].where(out["progress_section"] != "", pd.NA)
    return schemas.build("follow_through_sections", out).sort_values(["action", "dept_abbr", "plan_section"], kind="stable").reset_index(drop=True)


def evidence_table(follow_through: pd.DataFrame, statuses: Sequence[str] | None = None) -> pd.DataFrame:
    """A readable plan -> evidence table: one row per plan and evidence statement (a plan without
    evidence keeps one row with the evidence empty), for analysts to read and quote. Lead-ins and
    pending plans are left out; rows follow department, period and plan order."""
    ft = follow_through[~follow_through["plan_is_lead_in"] & (follow_through["status"] != "pending")]
    if statuses is not None:
        ft = ft[ft["status"].isin(list(statuses))]
    rows = []
    for r in ft.itertuples(index=False):
        ids = str(r.evidence_statement_ids).split("; ") if pd.notna(r.evidence_statement_ids) else [None]
        texts = str(r.evidence_text).split(" || ") if pd.notna(r.evidence_text) else [None]
        for sid, text in zip(ids, texts):
            rows.append(
                {
                    "department": r.dept_abbr,
                    "plan_id": r.plan_statement_id,
                    "plan": r.plan_text,
                    "testable": "yes" if r.plan_testable else "no",
                    "status": r.status,
                    "confidence": r.confidence,
                    "reported in": r.progress_section,
                    "evidence": text,
                    "evidence_id": sid,
                    "why": r.status_reason,
                }
            )
    return pd.DataFrame(rows, columns=["department", "plan_id", "plan", "testable", "status", "confidence", "reported in", "evidence", "evidence_id", "why"])


# Confidence at or above which a call counts as "confident": the evaluation reports agreement on each side of
# it, and the notebook and report point analysts to the calls below it first.
CONFIDENT = 0.75


def confidence_by_status(follow_through: pd.DataFrame) -> pd.DataFrame:
    """Per judged status (pending left out): plans, mean and lowest confidence, and how many are below
    CONFIDENT, so an analyst sees where the uncertain calls sit."""
    grouped = judged(follow_through).groupby("status")["confidence"]
    out = pd.DataFrame({
        "plans": grouped.size(),
        "mean confidence": grouped.mean().round(2),
        "lowest": grouped.min().round(2),
        f"below {CONFIDENT:g}": grouped.apply(lambda c: int((c < CONFIDENT).sum())),
    })
    return out.reindex([s for s in EVALUATED_STATUSES if s in out.index])

