"""Orchestrates a build: read raw pages -> parse -> segment -> analyses -> validate -> write.

Every table is validated against its pandera model before any file is written, and each file is
written atomically, so a failed run leaves the previous outputs as they were.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from analysis import boilerplate, followthrough, initiatives, paths, schemas, segment, summaries
from analysis.outputs import write_table
from analysis.parse import Document, ParseError, parse_file


@dataclass
class BuildResult:
    documents: list[Document]
    tables: dict[str, pd.DataFrame]
    warnings: list[str] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)


def raw_files(raw_dir: Path) -> list[Path]:
    """The pages to read: every *.txt in the folder, then every *.json that `fetch` stored in its
    govuk/ subfolder, each in name order (so builds are deterministic)."""
    raw_dir = Path(raw_dir)
    if not raw_dir.is_dir():
        raise ParseError(str(raw_dir), "raw folder not found" if not raw_dir.exists() else "not a folder")
    files = sorted(p for p in raw_dir.glob("*.txt") if p.is_file())
    files += sorted(p for p in (raw_dir / paths.GOVUK.name).glob("*.json") if p.is_file())
    if not files:
        raise ParseError(str(raw_dir), f"no pages in the raw folder (*.txt, or *.json in {paths.GOVUK.name}/)")
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


def analyse(statements: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """Every processed table, from the statements table. Order matters: follow-through uses the others."""
    tables: dict[str, pd.DataFrame] = {"statements": statements}
    tables["boilerplate"] = boilerplate.classify(statements)
    tables["sections"] = summaries.sections(statements, tables["boilerplate"])
    tables["departments"] = summaries.departments(statements, tables["boilerplate"])
    tables["initiatives"], tables["initiative_mentions"] = initiatives.extract(statements, ner=initiatives.configured_ner())
    tables["follow_through"] = followthrough.follow_through(
        statements,
        boilerplate=tables.get("boilerplate"),
        mentions=tables.get("initiative_mentions"),
        initiatives=tables.get("initiatives"),
    )
    tables["follow_through_departments"] = followthrough.department_summary(tables["follow_through"])
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
    tables = validate(analyse(statements))
    result = BuildResult(documents, tables, warnings)
    for name, frame in tables.items():
        for path in output_paths(out_dir, name):
            write_table(frame, path)
            result.written.append(path)
    return result
