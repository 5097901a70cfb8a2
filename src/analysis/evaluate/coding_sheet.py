"""A blind coding sheet for the next clean test: statements of pages to hand-label, and nothing the analyses say.

The cleanest test of the project is hand labels on pages no rule was written from (`evaluate.unseen`). To extend it
(the rest of the pages whose first ~2,000 characters are labelled, or pages not labelled at all), independent coders
need the statements with the ids and text hashes the evaluation joins labels on, and must not see the machine's calls.
So the pages are built exactly as `evaluate.unseen` builds them (`unseen.build_tables`: `pipeline.build` into a
temporary folder, no reviews), and only the statements table's identifying columns and text are kept, with empty
columns in the label files' formats (data/annotations/unseen-pages/README.md). Statements already labelled on the
same text are left out; those labelled on a different text are kept and flagged, to be coded again.

Like `make review`'s sheet, this is a worksheet, not a processed table: no pandera schema; the columns are listed here.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from analysis.evaluate import unseen
from analysis.parse import ParseError
from analysis.parse.edition2012 import EDITION as EDITION_2012

#: From the statements table: who said it, where, and the text (no analysis column).
STATEMENT_COLUMNS = ["statement_id", "source_file", "other_sources", "action", "department", "section", "text"]
#: The coders' columns, named as in the label files: follow-through (plans of CODED_PLAN_SECTIONS only),
#: boilerplate, initiatives (`|`-joined names as written, and their types in the same order), a note.
TO_FILL = ["first_choice", "defensible", "testable", "evidence_ids", "label", "reason", "names", "types", "note"]
CHANGED = "labelled_text_changed"  # "yes": the id is labelled, but on a different text (SHA-1): code it again
CODE_FOLLOW_THROUGH = "code_follow_through"  # "yes": a plan of the sections the follow-through labels cover (GOV.UK pages)
SHEET_COLUMNS = [
    "statement_id", "text_sha1", CHANGED, "source_file", "other_sources", "action", "department", "section",
    CODE_FOLLOW_THROUGH, "text", *TO_FILL,
]


@dataclass
class CodingSheet:
    sheet: pd.DataFrame
    n_pages: int
    n_statements: int  # in the pages built
    left_out: int  # labelled with the same text hash
    changed: int  # labelled with a different text hash (kept, flagged)
    warnings: list[str]

    def summary(self, out: Path, labels_dir: Path | None) -> str:
        excluded = (f"; {self.left_out} left out, already labelled in {labels_dir} on the same text (SHA-1); "
                    f"{self.changed} labelled there on a different text, kept and flagged in {CHANGED}") if labels_dir else ""
        return (f"wrote {out}: {len(self.sheet)} of {self.n_statements} statements of {self.n_pages} "
                f"page{'s' if self.n_pages != 1 else ''} to code{excluded}")


def sheet(statements: pd.DataFrame, labelled: dict[str, set[str]] | None = None) -> tuple[pd.DataFrame, int, int]:
    """The blind sheet, in the statements table's order (page, action, line, position), without the statements
    labelled on the same text; also how many were left out and how many are flagged as changed."""
    labelled = labelled or {}
    sha = statements["text"].map(unseen.text_sha1)
    known = statements["statement_id"].map(lambda sid: sid in labelled)
    same = pd.Series([sid in labelled and h in labelled[sid] for sid, h in zip(statements["statement_id"], sha, strict=True)],
                     index=statements.index, dtype=bool)
    changed = known & ~same
    # follow-through pairs the GOV.UK pages' periods; the 2012 edition has no progress text of its own (pipeline)
    to_code = statements["section"].isin(unseen.CODED_PLAN_SECTIONS) & (statements["edition"] != EDITION_2012)
    frame = statements[STATEMENT_COLUMNS].assign(
        text_sha1=sha,
        other_sources=statements["other_sources"].fillna(""),
        **{CHANGED: changed.map({True: "yes", False: ""}),
           CODE_FOLLOW_THROUGH: to_code.map({True: "yes", False: ""})},
        **dict.fromkeys(TO_FILL, ""),
    )
    return frame.loc[~same, SHEET_COLUMNS].reset_index(drop=True), int(same.sum()), int(changed.sum())


def build(pages_dir: Path, labels_dir: Path | None = None) -> CodingSheet:
    """Build the pages as the evaluation does and make the sheet; `labels_dir`: a folder of label files (the
    format of data/annotations/unseen-pages/) whose statements are left out. Bad input is a ParseError."""
    labelled = None
    if labels_dir is not None:
        labels_dir = Path(labels_dir)
        if not labels_dir.is_dir():
            raise ParseError(str(labels_dir), "labels folder not found" if not labels_dir.exists() else "not a folder")
        files = [*unseen.LABEL_FILES, unseen.SECOND_LABELS]
        if not any((labels_dir / name).is_file() for name in files):
            raise ParseError(str(labels_dir), f"no label files in it ({', '.join(files)})")
        labelled = unseen.labelled_hashes(labels_dir)
    built, warnings, n_pages = unseen.build_tables(Path(pages_dir))
    statements = built["statements"]
    frame, left_out, changed = sheet(statements, labelled)
    return CodingSheet(frame, n_pages, len(statements), left_out, changed, warnings)
