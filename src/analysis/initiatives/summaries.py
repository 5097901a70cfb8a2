"""Named initiatives, summaries: what the notebook, report and evaluation show from the extracted tables
(per department, per type, carry-through from plan to progress, unplanned names, reach)."""

from __future__ import annotations

import pandas as pd

from analysis import periods
from analysis.initiatives.extraction import LIST_SEPARATOR, _dept_order, _section_order, name_key
from analysis.vocabulary import INITIATIVE_TYPES
from analysis.vocabulary import NAME_TYPES as TYPES


def split_list(value) -> list[str]:
    """A '; '-joined cell as a list (empty cell: empty list)."""
    if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NA or str(value) == "":
        return []
    return str(value).split(LIST_SEPARATOR)


def initiatives_only(initiatives: pd.DataFrame) -> pd.DataFrame:
    """Rows whose type is an initiative type (drops units and organisations)."""
    return initiatives[initiatives["type"].isin(INITIATIVE_TYPES)].reset_index(drop=True)


def mention_context(mentions: pd.DataFrame, statements: pd.DataFrame, initiatives: pd.DataFrame) -> pd.DataFrame:
    """Mentions with the statement's department and section and the initiative's name and type."""
    cols = [c for c in ["statement_id", "dept_abbr", "department", "section", "section_kind", "year"] if c in statements.columns]
    out = mentions.merge(statements[cols], on="statement_id", how="left", validate="many_to_one")
    return out.merge(initiatives[["initiative_id", "name", "type"]], on="initiative_id", how="left", validate="many_to_one")


def department_matrix(mentions: pd.DataFrame, statements: pd.DataFrame, initiatives: pd.DataFrame) -> pd.DataFrame:
    """Department x initiative counts of mentions, initiatives only; columns ordered by number of
    departments then mentions (widest reach first), rows in gazetteer order."""
    ctx = mention_context(mentions, statements, initiatives)
    ctx = ctx[ctx["type"].isin(INITIATIVE_TYPES)]
    if ctx.empty:
        return pd.DataFrame(dtype="int64")
    grid = ctx.groupby(["dept_abbr", "name"]).size().unstack("name", fill_value=0)
    reach = (grid > 0).sum(axis=0)
    total = grid.sum(axis=0)
    order = sorted(grid.columns, key=lambda c: (-reach[c], -total[c], c))
    rows = sorted(grid.index, key=_dept_order)
    grid = grid.loc[rows, order].astype("int64")
    grid.index.name, grid.columns.name = "dept_abbr", "initiative"
    return grid


def by_type(initiatives: pd.DataFrame) -> pd.DataFrame:
    """Per type: number of distinct names and of mentions, in the order of TYPES (all types listed)."""
    counts = initiatives.groupby("type").agg(initiatives=("initiative_id", "size"), mentions=("n_mentions", "sum"))
    counts = counts.reindex(list(TYPES), fill_value=0).astype("int64")
    counts.index.name = "type"
    counts["is_initiative"] = counts.index.isin(INITIATIVE_TYPES)
    return counts.reset_index()



def carry_through(mentions: pd.DataFrame, statements: pd.DataFrame, initiatives: pd.DataFrame) -> pd.DataFrame:
    """For every (department, initiative) named in a commitment or plan section, is it named again in
    the same department's next progress section (docs/methods.md "Plan-to-delivery follow-through" pairs)? Initiatives only. status:

    - carried: the same initiative is named;
    - related: not the same, but one whose name contains it or is contained in it ("Fast Stream" then
      "Generalist Fast Stream"); `related_to` lists those names;
    - not_carried: neither;
    - pending: plan_2015, or no progress section follows for the department.
    """
    ctx = mention_context(mentions, statements, initiatives)
    ctx = ctx[ctx["type"].isin(INITIATIVE_TYPES)]
    named = set(zip(ctx["dept_abbr"], ctx["initiative_id"], ctx["section"], strict=True))
    names = dict(zip(initiatives["initiative_id"], initiatives["name"], strict=True))
    keys = {iid: name_key(n).split() for iid, n in names.items()}
    progress_present = set(zip(statements["dept_abbr"], statements["section"], strict=True))

    def related(a: list[str], b: list[str]) -> bool:
        short, long = sorted((a, b), key=len)
        return any(long[i : i + len(short)] == short for i in range(len(long) - len(short) + 1))

    rows = []
    for dept, iid, section in sorted(named, key=lambda x: (_dept_order(x[0]), _section_order(x[2]), x[1])):
        if section not in periods.PLAN_PROGRESS:
            continue
        later = periods.PLAN_PROGRESS[section]
        relatives: list[str] = []
        if later is None or (dept, later) not in progress_present:
            status = "pending"
        elif (dept, iid, later) in named:
            status = "carried"
        else:
            relatives = sorted(names[j] for d, j, s in named if d == dept and s == later and related(keys[iid], keys[j]))
            status = "related" if relatives else "not_carried"
        rows.append(
            {"dept_abbr": dept, "initiative_id": iid, "name": names[iid], "plan_section": section,
             "progress_section": later, "status": status, "related_to": LIST_SEPARATOR.join(relatives)}
        )
    columns = ["dept_abbr", "initiative_id", "name", "plan_section", "progress_section", "status", "related_to"]
    out = pd.DataFrame(rows, columns=columns)
    out = out.merge(initiatives[["initiative_id", "type"]], on="initiative_id", how="left")
    return out.astype({c: "str" for c in ["dept_abbr", "initiative_id", "name", "plan_section", "status", "related_to", "type"]})


CARRY_STATUSES = ["carried", "related", "not_carried", "pending"]


def carry_through_summary(carried: pd.DataFrame) -> pd.DataFrame:
    """Counts of carry_through statuses per plan section (rows in time order, every status a column)."""
    counts = carried.groupby(["plan_section", "status"]).size().unstack("status", fill_value=0)
    counts = counts.reindex(columns=CARRY_STATUSES, fill_value=0)
    counts = counts.reindex([s for s in periods.PLAN_PROGRESS if s in counts.index]).astype("int64")
    counts["named"] = counts.sum(axis=1)
    return counts


def unplanned(mentions: pd.DataFrame, statements: pd.DataFrame, initiatives: pd.DataFrame) -> pd.DataFrame:
    """(department, initiative, progress section) named in progress without being named in the
    department's preceding commitment or plan section. Initiatives only."""
    ctx = mention_context(mentions, statements, initiatives)
    ctx = ctx[ctx["type"].isin(INITIATIVE_TYPES)]
    named = set(zip(ctx["dept_abbr"], ctx["initiative_id"], ctx["section"], strict=True))
    before = {v: k for k, v in periods.PLAN_PROGRESS.items() if v}
    rows = [
        {"dept_abbr": d, "initiative_id": i, "progress_section": s, "plan_section": before[s]}
        for d, i, s in sorted(named, key=lambda x: (_dept_order(x[0]), _section_order(x[2]), x[1]))
        if s in before and (d, i, before[s]) not in named
    ]
    out = pd.DataFrame(rows, columns=["dept_abbr", "initiative_id", "progress_section", "plan_section"])
    return out.merge(initiatives[["initiative_id", "name", "type"]], on="initiative_id", how="left")


def timeline(mentions: pd.DataFrame, statements: pd.DataFrame, initiatives: pd.DataFrame) -> pd.DataFrame:
    """Tidy (department, initiative, section, mentions) for initiatives, every section of the series."""
    ctx = mention_context(mentions, statements, initiatives)
    ctx = ctx[ctx["type"].isin(INITIATIVE_TYPES)]
    out = ctx.groupby(["dept_abbr", "name", "type", "section"]).size().rename("mentions").reset_index()
    out["_d"] = out["dept_abbr"].map(lambda d: _dept_order(d)[0])
    out["_s"] = out["section"].map(lambda s: _section_order(s)[0])
    return out.sort_values(["_d", "name", "_s"]).drop(columns=["_d", "_s"]).reset_index(drop=True)


def reach(initiatives: pd.DataFrame) -> pd.DataFrame:
    """Initiatives with the number of departments that mention them, widest reach first."""
    out = initiatives_only(initiatives)[["initiative_id", "name", "type", "departments", "n_mentions", "owner_department"]].copy()
    out["n_departments"] = out["departments"].map(lambda v: len(split_list(v))).astype("int64")
    return out.sort_values(["n_departments", "n_mentions", "name"], ascending=[False, False, True], kind="stable").reset_index(drop=True)


