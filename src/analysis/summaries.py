"""Section- and department-level tables built from the statement-level analysis columns."""

from __future__ import annotations

import pandas as pd

from analysis.schemas import SECTIONS


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
    columns = [s for s in SECTIONS if s in grid.columns] + sorted(c for c in grid.columns if c not in SECTIONS)
    grid = grid.reindex(columns=columns, fill_value=0).droplevel("department").astype("int64")
    grid.columns.name = "section"
    return grid
