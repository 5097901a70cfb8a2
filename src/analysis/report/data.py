"""What the report reads: processed tables, the scores table that `make evaluate` writes, the data log.

Every read of the report layer (notebooks, pages, cards, workbook) goes through `read`, so moving to
a validating reader is one edit here.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from analysis import paths, tables
from analysis.outputs import write_table

SCORE_COLUMNS = ["analysis", "measure", "corpus", "value", "n"]


def read(name: str, processed: Path | None = None) -> pd.DataFrame:
    """A processed table by name (`statements`, `boilerplate`, `follow_through`, ...), typed and validated."""
    return tables.read(name, processed or paths.PROCESSED)


def read_scores(path: Path | None = None) -> pd.DataFrame:
    """The headline scores of `make evaluate` (empty when it has not been run)."""
    path = Path(path or paths.SCORES)
    if not path.exists():
        return pd.DataFrame(columns=SCORE_COLUMNS)
    return pd.read_csv(path, keep_default_na=False, na_values=[""])[SCORE_COLUMNS]


def write_scores(scores: pd.DataFrame, path: Path | None = None) -> Path:
    path = Path(path or paths.SCORES)
    write_table(scores[SCORE_COLUMNS], path)
    return path


def score(scores: pd.DataFrame, analysis: str, measure: str, corpus: str) -> tuple[float, int] | None:
    """(value, n) of one score, or None when it was not measured."""
    row = scores[(scores["analysis"] == analysis) & (scores["measure"] == measure) & (scores["corpus"] == corpus)]
    return (float(row["value"].iloc[0]), int(row["n"].iloc[0])) if len(row) else None


def sources(log: Path | None = None) -> pd.DataFrame:
    """The pages analysed, from the data log's table (data/raw/README.md): file, source, title, as of, licence."""
    log = Path(log or paths.RAW / "README.md")
    rows = []
    header: list[str] | None = None
    for line in log.read_text(encoding="utf-8").splitlines() if log.exists() else []:
        if not line.startswith("|"):
            header = None if rows else header
            continue
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if header is None:
            header = [c.lower() for c in cells]
        elif not all(set(c) <= set("-: ") for c in cells) and len(cells) == len(header):
            rows.append(dict(zip(header, cells, strict=True)))
    frame = pd.DataFrame(rows)
    for column in frame.columns:
        frame[column] = frame[column].map(plain_text)
    return frame


def plain_text(markdown: str) -> str:
    """Markdown to plain text: links keep their words, code marks and emphasis go."""
    text = re.sub(r"\[([^\]]+)\]\([^)]+\)", r"\1", str(markdown))
    text = re.sub(r"`([^`]*)`", r"\1", text)
    text = re.sub(r"(\*\*|__)(.+?)\1", r"\2", text)
    text = re.sub(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])", r"\1", text)
    return " ".join(text.split())
