"""Analysts' corrections of machine calls: read, validate, apply, summarise, and the sheet to fill in.

Reviews live in version-controlled CSV files, `data/reviews/*.csv`, one row per reviewed item:
`id, field, value, reviewer, date, note`. `field` names what is corrected, and so which table:
`status` (follow_through, id = plan_statement_id) or `boilerplate_reason` (boilerplate, id =
statement_id; an empty value means "substantive"). The build applies them after the analyses: the
table keeps the machine's value (`status_machine`, `boilerplate_reason_machine`), the final value in the
usual column, and who reviewed it (`reviewed_by`). A review whose id is not in the table (the text
changed, or a page was removed) is reported as a warning, never dropped silently; a file that breaks the
schema stops the build with one line naming the file and row.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from analysis.parse import ParseError

COLUMNS = ["id", "field", "value", "reviewer", "date", "note"]
FOLLOW_THROUGH_STATUSES = ["delivered", "partial", "echoed", "not_reported", "not_applicable", "pending"]
BOILERPLATE_VALUES = ["", "not_applicable", "template", "repeat", "vague"]  # "" = substantive


@dataclass(frozen=True)
class Target:
    """Where a reviewed field lives: its table, the id column, the allowed values, the machine-value column."""

    table: str
    id_column: str
    values: tuple[str, ...]
    machine_column: str


TARGETS = {
    "status": Target("follow_through", "plan_statement_id", tuple(FOLLOW_THROUGH_STATUSES), "status_machine"),
    "boilerplate_reason": Target("boilerplate", "statement_id", tuple(BOILERPLATE_VALUES), "boilerplate_reason_machine"),
}


class Reviews(pa.DataFrameModel):
    """One reviewed call per row (data/reviews/*.csv)."""

    id: Series[str] = pa.Field(str_length={"min_value": 1}, description="The reviewed row's id (plan_statement_id or statement_id).")
    field: Series[str] = pa.Field(isin=list(TARGETS), description="What is corrected: status or boilerplate_reason.")
    value: Series[str] = pa.Field(description="The reviewer's value (empty boilerplate_reason = substantive).")
    reviewer: Series[str] = pa.Field(str_length={"min_value": 1}, description="Who reviewed it.")
    date: Series[str] = pa.Field(str_matches=r"^\d{4}-\d{2}-\d{2}$", description="When (YYYY-MM-DD).")
    note: Series[str] = pa.Field(description="Why, in words (may be empty).")

    class Config:
        strict = True
        ordered = True

    @pa.dataframe_check
    def value_allowed_for_field(cls, frame):  # noqa: N805
        return pd.Series([v in TARGETS[f].values if f in TARGETS else False for f, v in zip(frame["field"], frame["value"])], index=frame.index)


def read(folder: Path | None) -> pd.DataFrame:
    """Every review file in the folder (name order), validated; the last review of an id and field wins
    (None or a missing folder: no reviews). Raises ParseError naming the file and row when a file breaks
    the schema."""
    frames = []
    files = sorted(Path(folder).glob("*.csv")) if folder is not None and Path(folder).is_dir() else []
    for path in files:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False)
        try:
            frame = Reviews.validate(frame, lazy=False)
        except (pa.errors.SchemaError, pa.errors.SchemaErrors) as err:
            raise ParseError(str(path), _first_problem(err)) from None
        frames.append(frame.assign(source=path.name))
    if not frames:
        return pd.DataFrame({c: pd.Series(dtype="str") for c in [*COLUMNS, "source"]})
    reviews = pd.concat(frames, ignore_index=True)
    return reviews.drop_duplicates(["id", "field"], keep="last").reset_index(drop=True)


def _first_problem(err: Exception) -> str:
    cases = getattr(err, "failure_cases", None)
    if isinstance(cases, pd.DataFrame) and len(cases) and "index" in cases.columns and pd.notna(cases["index"].iloc[0]):
        row = int(cases["index"].iloc[0]) + 2  # header is line 1
        return f"row on line {row} breaks the review schema: {str(err).splitlines()[0]}"
    return f"breaks the review schema ({', '.join(COLUMNS)}): {str(err).splitlines()[0]}"


def apply(tables: dict[str, pd.DataFrame], reviews: pd.DataFrame) -> tuple[dict[str, pd.DataFrame], list[str]]:
    """The tables with reviews applied (machine value kept, final value set, reviewer recorded), and
    one warning per review whose id is not in its table."""
    out = dict(tables)
    warnings = []
    for field, target in TARGETS.items():
        if target.table not in out:
            continue
        frame = _with_machine_columns(out[target.table], field, target)
        mine = reviews[reviews["field"] == field]
        if mine.empty:  # nothing to apply or warn about (and no look-up of every id: 0.1 s on 10,000 rows)
            out[target.table] = frame
            continue
        known = set(frame[target.id_column])
        for r in mine[~mine["id"].isin(known)].itertuples(index=False):
            warnings.append(f"{r.source}: review of {field} for {r.id} by {r.reviewer}: no such id in {target.table} (not applied)")
        mine = mine[mine["id"].isin(known)].set_index("id")
        if len(mine):
            rows = frame[target.id_column].isin(mine.index)
            ids = frame.loc[rows, target.id_column]
            value = ids.map(mine["value"])
            if field == "boilerplate_reason":
                frame.loc[rows, "boilerplate_reason"] = value.where(value != "", pd.NA)
                frame.loc[rows, "is_boilerplate"] = (value != "").to_numpy()
            else:
                frame.loc[rows, field] = value
            frame.loc[rows, "reviewed_by"] = (ids.map(mine["reviewer"]) + " " + ids.map(mine["date"])).to_numpy()
        out[target.table] = frame
    return out, warnings


def _with_machine_columns(frame: pd.DataFrame, field: str, target: Target) -> pd.DataFrame:
    frame = frame.copy()
    if target.machine_column not in frame.columns:
        frame[target.machine_column] = frame[field]
    frame["reviewed_by"] = pd.Series(pd.NA, index=frame.index, dtype="str")
    return frame


def summary(table: pd.DataFrame, field: str) -> dict[str, int]:
    """How many calls of one field were reviewed, and how often the reviewer changed the machine's value."""
    machine = TARGETS[field].machine_column
    reviewed = table["reviewed_by"].notna()
    final, original = table.loc[reviewed, field].fillna(""), table.loc[reviewed, machine].fillna("")
    return {"calls": len(table), "reviewed": int(reviewed.sum()), "changed": int((final != original).sum())}


def summary_sentence(follow_through: pd.DataFrame, boilerplate: pd.DataFrame | None = None) -> str:
    """The report's line on reviewing: counts of reviewed calls and of disagreements with the machine."""
    parts = []
    for name, table, field in (("follow-through statuses", follow_through, "status"), ("boilerplate reasons", boilerplate, "boilerplate_reason")):
        if table is None or "reviewed_by" not in table.columns:
            continue
        s = summary(table, field)
        share = f" ({s['changed'] / s['reviewed']:.0%})" if s["reviewed"] else ""
        parts.append(f"{s['reviewed']} of {s['calls']} {name} reviewed by an analyst; the reviewer changed {s['changed']}{share}")
    return "; ".join(parts) + "." if parts else "No calls have been reviewed."


SHEET_COLUMNS = ["id", "field", "machine_value", "confidence", "text", "evidence", "why", "value", "reviewer", "date", "note"]


def to_review(follow_through: pd.DataFrame, boilerplate: pd.DataFrame | None = None, statements: pd.DataFrame | None = None, limit: int = 50) -> pd.DataFrame:
    """The calls most worth checking: not yet reviewed, lowest confidence first (follow-through statuses
    judged by matching; boilerplate calls when the boilerplate and statements tables are given, whose
    confidence is 0.5 + |boilerplate_score - 0.5|). Columns value/reviewer/date/note are left to fill in;
    the rows (id, field, value, reviewer, date, note) then go into a file in data/reviews/."""
    ft = follow_through[follow_through["reviewed_by"].isna() & ~follow_through["plan_is_lead_in"] & (follow_through["status"] != "pending")]
    sheets = [pd.DataFrame({
        "id": ft["plan_statement_id"], "field": "status", "machine_value": ft["status"], "confidence": ft["confidence"],
        "text": ft["plan_text"], "evidence": ft["evidence_text"], "why": ft["status_reason"],
    })]
    if boilerplate is not None and statements is not None:
        bp = boilerplate[boilerplate["reviewed_by"].isna()].merge(statements[["statement_id", "text"]], on="statement_id", how="left")
        sheets.append(pd.DataFrame({
            "id": bp["statement_id"], "field": "boilerplate_reason", "machine_value": bp["boilerplate_reason"].fillna(""),
            "confidence": 0.5 + (bp["boilerplate_score"].astype("float64") - 0.5).abs(), "text": bp["text"], "evidence": bp["vague_cues"],
            "why": "boilerplate score " + bp["boilerplate_score"].round(2).astype("str"),
        }))
    sheet = pd.concat(sheets, ignore_index=True).sort_values(["confidence", "field", "id"], kind="stable").head(limit)
    return sheet.assign(value="", reviewer="", date="", note="")[SHEET_COLUMNS].reset_index(drop=True)
