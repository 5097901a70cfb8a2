"""Section- and department-level tables built from the statement-level analysis columns."""

from __future__ import annotations

import pandas as pd

from analysis import periods, schemas
from analysis.vocabulary import BOILERPLATE_REASONS, SUBSTANTIVE


def coverage(statements: pd.DataFrame, value: str = "statements") -> pd.DataFrame:
    """Department x section grid of statement (or word) counts; absent sections are 0.

    Rows are departments (abbreviations) in alphabetical order of their full names, columns the
    periods in time order, so the grid reads like the page.
    """
    if value not in {"statements", "words"}:
        raise ValueError("value must be 'statements' or 'words'")
    counts = statements.groupby(["department", "dept_abbr", "section"], observed=True).agg(
        statements=("statement_id", "size"), words=("n_words", "sum")
    )[value]
    grid = counts.unstack("section", fill_value=0)
    columns = [s for s in periods.NAMES if s in grid.columns] + sorted(c for c in grid.columns if c not in periods.NAMES)
    grid = grid.reindex(columns=columns, fill_value=0).droplevel("department").astype("int64")
    grid.columns.name = "section"
    return grid


def judged(follow_through: pd.DataFrame) -> pd.DataFrame:
    """The plans with a status to judge: not pending, and not a list's lead-in (its bullets are the plans).
    One definition for the follow-through summaries, the report's charts and its findings."""
    keep = follow_through["status"] != "pending"
    if "plan_is_lead_in" in follow_through.columns:
        keep &= ~follow_through["plan_is_lead_in"].astype(bool)
    return follow_through[keep]


# Section and department summaries of analysis.boilerplate's table

REASON_COLUMNS = {reason: schemas.reason_column(reason) for reason in BOILERPLATE_REASONS}


def _share(part: pd.Series, whole: pd.Series) -> pd.Series:
    """part / whole, 0 where whole is 0, rounded to 4 places."""
    return (part / whole.where(whole > 0)).fillna(0.0).round(4)


def classified(statements: pd.DataFrame, boilerplate: pd.DataFrame) -> pd.DataFrame:
    """Statements with their boilerplate columns (one row per statement; every statement must be classified)."""
    needed = {"statement_id", "boilerplate_reason", "is_boilerplate", "specific_words", "lsl_boilerplate", "yoy_cosine", "yoy_jaccard"}
    missing = needed - set(boilerplate.columns)
    if missing:
        raise ValueError(f"boilerplate table lacks column(s): {', '.join(sorted(missing))}")
    merged = statements.merge(boilerplate, on="statement_id", how="left", validate="one_to_one", indicator=True)
    unclassified = merged.loc[merged["_merge"] != "both", "statement_id"]
    if len(unclassified):
        raise ValueError(f"{len(unclassified)} statement(s) have no boilerplate row, e.g. {unclassified.iloc[0]!r}")
    merged = merged.drop(columns="_merge")
    if "edition" not in merged.columns:  # a table from before editions: the GOV.UK pages
        merged = merged.assign(edition=2015)
    return merged


def sections(statements: pd.DataFrame, boilerplate: pd.DataFrame) -> pd.DataFrame:
    """One row per action x department x period: statements, words, boilerplate share by words and by
    statements, statements per reason, the published measures (Lang and Stice-Lawrence share of words,
    Hope specificity) and the similarity to the department's previous section of the action."""
    frame = classified(statements, boilerplate)
    frame = frame.assign(
        _b_words=frame["n_words"].where(frame["is_boilerplate"], 0),
        _lsl_words=frame["n_words"].where(frame["lsl_boilerplate"], 0),
        _reason=frame["boilerplate_reason"].fillna(SUBSTANTIVE),
    )
    keys = ["edition", "action", "department", "dept_abbr", "section", "section_kind", "year"]
    grouped = frame.groupby(keys, sort=False, observed=True)
    out = grouped.agg(
        statements=("statement_id", "size"),
        words=("n_words", "sum"),
        boilerplate_statements=("is_boilerplate", "sum"),
        boilerplate_words=("_b_words", "sum"),
        lsl_words=("_lsl_words", "sum"),
        specific_words=("specific_words", "sum"),
        similarity_cosine=("yoy_cosine", "first"),
        similarity_jaccard=("yoy_jaccard", "first"),
    ).reset_index()
    reasons = frame.groupby([*keys, "_reason"], sort=False, observed=True).size().unstack("_reason", fill_value=0)
    reasons = reasons.reindex(columns=[SUBSTANTIVE, *REASON_COLUMNS], fill_value=0)
    reasons.columns = [schemas.reason_column(SUBSTANTIVE), *REASON_COLUMNS.values()]
    out = out.merge(reasons.reset_index(), on=keys, how="left", validate="one_to_one")
    out = out.assign(
        boilerplate_share_statements=_share(out["boilerplate_statements"], out["statements"]),
        boilerplate_share_words=_share(out["boilerplate_words"], out["words"]),
        lsl_share_words=_share(out["lsl_words"], out["words"]),
        specificity=_share(out["specific_words"], out["words"]).clip(upper=1.0),
        _rank=[periods.order_key(s) for s in out["section"]],
    )
    out = out.assign(substantive_share_words=(1 - out["boilerplate_share_words"]).round(4))
    out = out.sort_values(["action", "dept_abbr", "edition", "_rank"], kind="stable").reset_index(drop=True)
    previous = out.groupby(["edition", "action", "dept_abbr"], sort=False)["section"].shift(1)
    out = out.assign(previous_section=previous.astype("str"))
    return schemas.build("sections", out)


def departments(statements: pd.DataFrame, boilerplate: pd.DataFrame) -> pd.DataFrame:
    """One row per department: totals over all actions and periods, the substantive share of words
    overall and per period (empty for a period it has no text in), the share of its commitment and plan
    statements that are boilerplate ("cheap talk"), and statements per reason."""
    frame = classified(statements, boilerplate)
    frame = frame.assign(
        _b_words=frame["n_words"].where(frame["is_boilerplate"], 0),
        _plan=frame["section_kind"].isin(periods.PLAN_KINDS),
        _plan_b=frame["section_kind"].isin(periods.PLAN_KINDS) & frame["is_boilerplate"],
    )
    grouped = frame.groupby(["department", "dept_abbr"], sort=False, observed=True)
    out = grouped.agg(
        actions=("action", "nunique"),
        statements=("statement_id", "size"),
        words=("n_words", "sum"),
        boilerplate_statements=("is_boilerplate", "sum"),
        boilerplate_words=("_b_words", "sum"),
        plan_statements=("_plan", "sum"),
        plan_boilerplate=("_plan_b", "sum"),
    ).reset_index()
    n_sections = frame.drop_duplicates(["dept_abbr", "edition", "action", "section"]).groupby("dept_abbr").size()
    out = out.assign(
        sections=out["dept_abbr"].map(n_sections).astype("int64"),
        substantive_share_words=(1 - _share(out["boilerplate_words"], out["words"])).round(4),
        substantive_share_statements=(1 - _share(out["boilerplate_statements"], out["statements"])).round(4),
        plan_boilerplate_share=(out["plan_boilerplate"] / out["plan_statements"].where(out["plan_statements"] > 0)).round(4),
    )
    by_period = frame.groupby(["dept_abbr", "section"], observed=True).agg(words=("n_words", "sum"), b=("_b_words", "sum"))
    period_share = (1 - _share(by_period["b"], by_period["words"])).round(4).unstack("section")
    for section in periods.NAMES:
        column = schemas.period_share_column(section)
        values = out["dept_abbr"].map(period_share[section]) if section in period_share.columns else pd.Series(float("nan"), index=out.index)
        out[column] = values.astype("float64")
    reasons = frame.groupby(["dept_abbr", "boilerplate_reason"], observed=True).size().unstack("boilerplate_reason", fill_value=0)
    for reason, column in REASON_COLUMNS.items():
        out[column] = out["dept_abbr"].map(reasons[reason]).fillna(0).astype("int64") if reason in reasons.columns else 0
    out = out.sort_values("dept_abbr", kind="stable").reset_index(drop=True)
    return schemas.build("departments", out)


def share_grid(departments_table: pd.DataFrame) -> pd.DataFrame:
    """Department x period grid of the substantive share of words, from the departments table (NaN where a
    department has no text for the period); rows ordered by overall substantive share, highest first."""
    columns = [schemas.period_share_column(s) for s in periods.NAMES]
    grid = departments_table.sort_values(["substantive_share_words", "dept_abbr"], ascending=[False, True]).set_index("dept_abbr")[columns]
    grid.columns = pd.Index(periods.NAMES, name="section")
    return grid


def plan_to_progress(sections_table: pd.DataFrame) -> pd.DataFrame:
    """Substantive share of words in each plan section and in the progress section that reports on it
    (commitment_2012 -> progress_2013, plan_Y -> progress_Y), per action and department where both exist in
    one edition (the 2012 edition has no progress text: its commitments are not paired with the 2015 pages')."""
    frame = sections_table if "edition" in sections_table.columns else sections_table.assign(edition=2015)
    shares = frame.set_index(["edition", "action", "dept_abbr", "section"])["substantive_share_words"]
    rows = []
    for (edition, action, dept, section), share in shares.items():
        target = periods.reported_in(section)
        if target is not None and (edition, action, dept, target) in shares.index:
            after = shares.loc[(edition, action, dept, target)]
            rows.append((action, dept, section, target, share, after, round(after - share, 4)))
    columns = ["action", "dept_abbr", "plan_section", "progress_section", "plan_substantive_share", "progress_substantive_share", "change"]
    return pd.DataFrame(rows, columns=columns).sort_values(["action", "plan_section", "dept_abbr"], kind="stable").reset_index(drop=True)


def template_family_table(statements: pd.DataFrame, boilerplate: pd.DataFrame) -> pd.DataFrame:
    """One row per template family (shared by two or more departments): its member departments, how many
    statements and periods it covers, and one member's text as an example. Largest families first."""
    frame = classified(statements, boilerplate)
    frame = frame[frame["template_id"].notna()]
    rows = []
    for template_id, group in frame.groupby("template_id", sort=True):
        order = periods.in_order(group["section"])
        example = group.sort_values("statement_id").iloc[0]
        rows.append(
            {
                "template_id": template_id,
                "departments": group["dept_abbr"].nunique(),
                "members": "; ".join(sorted(group["dept_abbr"].unique(), key=str.lower)),
                "statements": len(group),
                "sections": "; ".join(order),
                "reason": "; ".join(sorted(group["boilerplate_reason"].dropna().unique())),
                "example": example["text"],
            }
        )
    columns = ["template_id", "departments", "members", "statements", "sections", "reason", "example"]
    out = pd.DataFrame(rows, columns=columns)
    return out.sort_values(["departments", "statements", "template_id"], ascending=[False, False, True], kind="stable").reset_index(drop=True)


EVIDENCE = {
    "not_applicable": lambda r: "says the action does not apply",
    "template": lambda r: f"shape shared by {r['template_size']} departments ({r['template_id']})",
    "repeat": lambda r: f"{r['repeat_similarity']:.0%} of its word pairs in earlier text; closest: {r['repeat_of']}",
    "vague": lambda r: f"cues: {r['vague_cues']}; concrete words: {r['concrete_terms'] or 'none'}",
}


def reason_examples(statements: pd.DataFrame, boilerplate: pd.DataFrame, per_reason: int = 2) -> pd.DataFrame:
    """A few examples of each reason (and of substantive statements), each from a different department:
    the strongest-scoring first (for substantive: the most specific), with the evidence in words."""
    frame = classified(statements, boilerplate)
    text_columns = ["vague_cues", "concrete_terms", "specific_terms"]  # empty text reads back from CSV as missing
    frame = frame.assign(**{c: frame[c].fillna("").astype("str") for c in text_columns if c in frame.columns})
    rows = []
    for reason in [*REASON_COLUMNS, SUBSTANTIVE]:
        if reason == SUBSTANTIVE:
            pool = frame[~frame["is_boilerplate"]].sort_values(["specific_items", "statement_id"], ascending=[False, True], kind="stable")
        else:
            pool = frame[frame["boilerplate_reason"] == reason].sort_values(["boilerplate_score", "statement_id"], ascending=[False, True], kind="stable")
        pool = pool.drop_duplicates("dept_abbr").head(per_reason)
        for _, row in pool.iterrows():
            evidence = EVIDENCE[reason](row) if reason in EVIDENCE else f"specific: {row['specific_terms'] or 'none'}"
            rows.append({"reason": reason, "statement_id": row["statement_id"], "dept_abbr": row["dept_abbr"], "section": row["section"],
                         "text": row["text"], "evidence": evidence})
    return pd.DataFrame(rows, columns=["reason", "statement_id", "dept_abbr", "section", "text", "evidence"])


def reason_words_by_period(statements: pd.DataFrame, boilerplate: pd.DataFrame) -> pd.DataFrame:
    """Share of each period's words by reason (substantive and each boilerplate reason), periods in time order."""
    frame = classified(statements, boilerplate)
    frame = frame.assign(reason=frame["boilerplate_reason"].fillna(SUBSTANTIVE))
    words = frame.pivot_table(index="section", columns="reason", values="n_words", aggfunc="sum", fill_value=0)
    words = words.reindex(columns=[SUBSTANTIVE, *REASON_COLUMNS], fill_value=0)
    words = words.reindex(periods.in_order(words.index))
    shares = words.div(words.sum(axis=1), axis=0).round(4)
    shares.columns.name = "reason"
    return shares
