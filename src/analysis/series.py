"""The view across actions (notebook 05): department x action shares, templates that travel, initiatives by
action and department, and findings in words. Pure functions of the processed tables."""

from __future__ import annotations

import pandas as pd

from analysis.vocabulary import NOT_INITIATIVE_TYPES

INITIATIVE_KINDS_EXCLUDED = NOT_INITIATIVE_TYPES  # named, but not initiatives


def substantive_grid(sections: pd.DataFrame, edition: int = 2012) -> pd.DataFrame:
    """Department x action grid of the substantive share of words in one edition's text (NaN: no text).
    Rows ordered by the department's share over all its actions (highest first), columns by action."""
    frame = sections[sections["edition"] == edition]
    words = frame.groupby(["dept_abbr", "action"])[["words", "boilerplate_words"]].sum()
    share = (1 - words["boilerplate_words"] / words["words"].where(words["words"] > 0)).fillna(0.0)
    grid = share.unstack("action").sort_index(axis=1)
    overall = frame.groupby("dept_abbr").apply(lambda g: 1 - g["boilerplate_words"].sum() / max(g["words"].sum(), 1), include_groups=False)
    order = overall.rename("share").reset_index().sort_values(["share", "dept_abbr"], ascending=[False, True])["dept_abbr"]
    grid = grid.reindex(order.tolist())
    grid.columns = pd.Index([int(c) for c in grid.columns], name="action")
    grid.index.name = "dept_abbr"
    return grid


def travelling_templates(statements: pd.DataFrame, boilerplate: pd.DataFrame, edition: int | None = None) -> pd.DataFrame:
    """Template families (sentence shapes shared by two or more departments) with how far each travels: the
    departments and actions it appears in, and an example. Widest first (departments x actions)."""
    frame = statements.merge(boilerplate[["statement_id", "template_id", "boilerplate_reason"]], on="statement_id", how="inner", validate="one_to_one")
    if edition is not None:
        frame = frame[frame["edition"] == edition]
    frame = frame[frame["template_id"].notna()]
    rows = []
    for template_id, group in frame.groupby("template_id", sort=True):
        example = group.sort_values("statement_id").iloc[0]
        rows.append(
            {
                "template_id": template_id,
                "departments": group["dept_abbr"].nunique(),
                "actions": group["action"].nunique(),
                "statements": len(group),
                "members": "; ".join(sorted(group["dept_abbr"].unique(), key=str.lower)),
                "action_list": "; ".join(str(a) for a in sorted(group["action"].unique())),
                "example": example["text"],
            }
        )
    columns = ["template_id", "departments", "actions", "statements", "members", "action_list", "example"]
    out = pd.DataFrame(rows, columns=columns)
    out = out.assign(reach=out["departments"] * out["actions"])
    out = out.sort_values(["reach", "statements", "template_id"], ascending=[False, False, True], kind="stable")
    return out.drop(columns="reach").reset_index(drop=True)


def initiative_mentions_by_place(statements: pd.DataFrame, mentions: pd.DataFrame, initiatives: pd.DataFrame) -> pd.DataFrame:
    """Every mention of a named initiative (units and organisations left out) with its action, department and edition."""
    kinds = initiatives.set_index("initiative_id")
    keep = kinds.index[~kinds["type"].isin(INITIATIVE_KINDS_EXCLUDED)]
    frame = mentions[mentions["initiative_id"].isin(keep)].merge(
        statements[["statement_id", "edition", "action", "dept_abbr", "section"]], on="statement_id", how="inner", validate="many_to_one"
    )
    return frame.assign(name=frame["initiative_id"].map(kinds["name"]), type=frame["initiative_id"].map(kinds["type"]))


def initiatives_by_action(statements: pd.DataFrame, mentions: pd.DataFrame, initiatives: pd.DataFrame, edition: int | None = 2012) -> pd.DataFrame:
    """Department x action grid: how many distinct named initiatives the department names in its text of the action."""
    frame = initiative_mentions_by_place(statements, mentions, initiatives)
    if edition is not None:
        frame = frame[frame["edition"] == edition]
        statements = statements[statements["edition"] == edition]
    counts = frame.groupby(["dept_abbr", "action"])["initiative_id"].nunique()
    grid = counts.unstack("action", fill_value=0)
    grid = grid.reindex(index=sorted(statements["dept_abbr"].unique(), key=str.lower), columns=sorted(statements["action"].unique()), fill_value=0)
    grid.columns = pd.Index([int(c) for c in grid.columns], name="action")
    grid.index.name = "dept_abbr"
    return grid.astype("int64")


def initiatives_across(statements: pd.DataFrame, mentions: pd.DataFrame, initiatives: pd.DataFrame) -> pd.DataFrame:
    """One row per named initiative: the actions, departments and editions it is named in. Widest first."""
    frame = initiative_mentions_by_place(statements, mentions, initiatives)
    grouped = frame.groupby(["initiative_id", "name", "type"], sort=True)
    out = grouped.agg(
        actions=("action", "nunique"),
        departments=("dept_abbr", "nunique"),
        mentions=("statement_id", "size"),
        action_list=("action", lambda s: "; ".join(str(a) for a in sorted(s.unique()))),
        department_list=("dept_abbr", lambda s: "; ".join(sorted(s.unique(), key=str.lower))),
        editions=("edition", lambda s: "; ".join(str(e) for e in sorted(s.unique()))),
    ).reset_index()
    return out.sort_values(["actions", "departments", "mentions", "name"], ascending=[False, False, False, True], kind="stable").reset_index(drop=True)


def _names(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def findings(grid: pd.DataFrame, templates: pd.DataFrame, across: pd.DataFrame, restatements: pd.DataFrame,
             thin: pd.DataFrame | None = None) -> list[str]:
    """The notebook's findings as sentences computed from the tables (nothing typed in by hand). `thin`: the
    grid's cells that rest on too few statements to read as a pattern (same shape as `grid`)."""
    out = []
    by_dept = grid.mean(axis=1, skipna=True)
    by_action = grid.mean(axis=0, skipna=True)
    if len(by_dept):
        cells = int(grid.notna().sum().sum())
        out.append(
            f"Across {grid.shape[0]} departments and {grid.shape[1]} actions ({cells} responses), the average substantive share "
            f"of words per response ranges from {by_dept.min():.0%} ({_names(by_dept[by_dept == by_dept.min()].index.tolist())}) to "
            f"{by_dept.max():.0%} ({_names(by_dept[by_dept == by_dept.max()].index.tolist())}); by action, from {by_action.min():.0%} "
            f"(action {by_action.idxmin()}) to {by_action.max():.0%} (action {by_action.idxmax()})."
        )
        empty = int((grid == 0).sum().sum())
        out.append(f"{empty} of the {cells} responses have no substantive statement at all.")
        if thin is not None:
            marked = thin.reindex(index=grid.index, columns=grid.columns, fill_value=False).astype(bool) & grid.notna()
            n_thin = int(marked.to_numpy().sum())
            extreme = int((marked & ((grid == 0) | (grid == 1))).to_numpy().sum())
            out.append(
                f"{n_thin} of the {cells} responses rest on one or two statements (marked * on the heat map); {extreme} of these are "
                f"at 0% or 100%, which is one or two sentences' call, not a department's pattern."
            )
    if len(templates):
        top = templates.iloc[0]
        wide = templates[templates["actions"] >= 2]
        out.append(
            f"{len(templates)} sentence shapes are shared by two or more departments; {len(wide)} of them also travel across actions. "
            f"The widest is used by {top['departments']} departments in {top['actions']} action(s): \u201c{top['example']}\u201d"
        )
    else:
        out.append("No sentence shape is shared by two or more departments.")
    if len(across):
        multi = across[across["actions"] >= 2]
        head = across.iloc[0]
        out.append(
            f"{len(across)} named initiatives are found; {len(multi)} are named under more than one action. The most widely named is "
            f"{head['name']} ({head['actions']} actions, {head['departments']} departments)."
        )
    if len(restatements):
        kinds = restatements["kind"].value_counts()
        parts = [f"{kinds.get(k, 0)} {k}" for k in ("unchanged", "shortened", "rewritten")]
        person = int(restatements["person_changed"].sum())
        out.append(
            f"Where both editions exist ({len(restatements)} department-action pair(s) here), the 2015 page restates the December 2012 "
            f"response as: {', '.join(parts)}; {person} of them turn the first person ('we', 'our') into the department's name."
        )
    return out
