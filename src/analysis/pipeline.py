"""Orchestrates a build: read raw pages -> parse -> segment -> analyses -> validate -> write.

Every table is validated against its pandera model before any file is written, and each file is
written atomically, so a failed run leaves the previous outputs as they were.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from analysis import boilerplate, editions, followthrough, initiatives, paths, schemas, segment, summaries
from analysis.outputs import write_table
from analysis.parse import Document, ParseError, parse_file
from analysis.parse.edition2012 import EDITION as EDITION_2012


@dataclass
class BuildResult:
    documents: list[Document]
    tables: dict[str, pd.DataFrame]
    warnings: list[str] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)


RAW_SUFFIXES = (".txt", ".md")  # GOV.UK page text; the 2012 edition's Markdown files (format is read from content)
DATA_LOG = "README.md"  # the folder's data log, not an input


def raw_files(raw_dir: Path) -> list[Path]:
    """The inputs: every *.txt and *.md file in the folder but the data log, in name order (deterministic builds)."""
    raw_dir = Path(raw_dir)
    if not raw_dir.is_dir():
        raise ParseError(str(raw_dir), "raw folder not found" if not raw_dir.exists() else "not a folder")
    files = sorted(p for p in raw_dir.iterdir() if p.suffix in RAW_SUFFIXES and p.name != DATA_LOG and p.is_file())
    if not files:
        raise ParseError(str(raw_dir), "no .txt or .md pages in the raw folder")
    return files


def read_documents(files: list[Path]) -> list[Document]:
    """Parse every file; the first unreadable one stops the run (ParseError) before anything is written."""
    return [parse_file(f) for f in files]


def tidy(files: list[Path]) -> tuple[list[Document], pd.DataFrame, list[str]]:
    """Parse and segment only: documents, the validated statements table, and warnings."""
    documents = read_documents(files)
    frame, warnings = segment.statements(documents)
    frame = schemas.Statements.validate(frame)
    doc_warnings = [f"{d.source_file}: {w}" for d in documents for w in d.warnings]
    return documents, frame, doc_warnings + warnings


def analyse(statements: pd.DataFrame, truncated_files: frozenset[str] = frozenset()) -> dict[str, pd.DataFrame]:
    """Every processed table, from the statements table (and the names of pages that end mid-text).
    Order matters: follow-through uses the others."""
    tables: dict[str, pd.DataFrame] = {"statements": statements}
    tables["boilerplate"] = boilerplate.classify(statements)
    tables["sections"] = summaries.sections(statements, tables["boilerplate"])
    tables["departments"] = summaries.departments(statements, tables["boilerplate"])
    tables["initiatives"], tables["initiative_mentions"] = initiatives.extract(statements, ner=initiatives.configured_ner())
    # follow-through pairs periods of the GOV.UK pages; the 2012 edition has no progress text of its own
    tables["follow_through"] = followthrough.follow_through(
        statements[statements["edition"] != EDITION_2012].reset_index(drop=True),
        boilerplate=tables.get("boilerplate"),
        mentions=tables.get("initiative_mentions"),
        initiatives=tables.get("initiatives"),
    )
    tables["follow_through_departments"] = followthrough.department_summary(tables["follow_through"])
    tables["restatements"] = editions.restatements(statements, truncated_files)
    return tables


def validate(tables: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    return {name: schemas.TABLES[name].validate(frame) for name, frame in tables.items()}


def output_paths(out_dir: Path, name: str) -> list[Path]:
    out_dir = Path(out_dir)
    if name == "statements":
        return [out_dir / "statements.parquet", out_dir / "statements.csv"]
    return [out_dir / f"{name}.csv"]


def build(raw_dir: Path = paths.RAW, out_dir: Path = paths.PROCESSED) -> BuildResult:
    """The full pipeline that `make data` runs."""
    documents, statements, warnings = tidy(raw_files(raw_dir))
    tables = validate(analyse(statements, frozenset(d.source_file for d in documents if d.truncated)))
    result = BuildResult(documents, tables, warnings)
    for name, frame in tables.items():
        for path in output_paths(out_dir, name):
            write_table(frame, path)
            result.written.append(path)
    return result
