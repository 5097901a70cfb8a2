"""From a filled-in coding sheet to the label files the evaluation reads (`evaluate.unseen`).

Coders fill the blind sheet `evaluate.coding_sheet` writes; copying their answers into `follow_through_labels.csv`,
`boilerplate_labels.csv` and `initiatives_gold.csv` by hand invites slips. Here every row is checked before anything
is written: the text must still hash to its `text_sha1` (a coder who edits the text would label another statement),
follow-through answers belong only on rows marked `code_follow_through` = yes, names and types pair one to one, and
the label files' own pandera schemas (`unseen.LABEL_FILES`, not a copy) decide which values are allowed. The first
problem is a ParseError naming the sheet and its line (the header is line 1). Existing labels are never replaced:
`merge` adds rows and refuses a statement already labelled with a different answer.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from analysis.evaluate import unseen
from analysis.evaluate.coding_sheet import CODE_FOLLOW_THROUGH, TO_FILL
from analysis.parse import ParseError

FOLLOW, BOILERPLATE, INITIATIVES = unseen.LABEL_FILES  # the three file names, in the evaluation's order
#: The sheet's columns this reads (the others, e.g. department and section, are for the coder's eye only).
NEEDED = ["statement_id", "text_sha1", CODE_FOLLOW_THROUGH, "text", *TO_FILL]
FOLLOW_ANSWER = ["first_choice", "defensible", "testable", "evidence_ids"]  # the sheet's follow-through cells
LINE = "_line"  # the sheet line each label row came from, kept beside the rows until they are written


@dataclass
class SheetLabels:
    """The label rows made from one sheet (each frame in its label file's columns, plus LINE), and the rows read."""

    frames: dict[str, pd.DataFrame]
    n_rows: int
    n_coded: int  # rows with at least one answer

    def summary(self, sheet: Path, out: Path, kept: dict[str, int] | None = None) -> str:
        """One line: rows written (added, with --append) per file, and how many the folder had already."""
        kept = kept or {}
        counts = {FOLLOW: "follow-through label", BOILERPLATE: "boilerplate label", INITIATIVES: "initiative name"}
        added = {name: len(self.frames[name]) - kept.get(name, 0) for name in counts}
        parts = [f"{n} {what}{'' if n == 1 else 's'} ({name})" for (name, what), n in zip(counts.items(), added.values(), strict=True)]
        same = sum(kept.values())
        return (f"{'added to' if kept else 'wrote'} {out}: " + ", ".join(parts)
                + f" from {self.n_coded} coded of {self.n_rows} rows of {sheet}"
                + (f"; {same} rows already there with the same answer, kept once" if same else ""))


def to_write(frames: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """The files to write: those with rows, and initiatives_gold.csv whenever statements are coded for boilerplate
    (no name on a coded statement is an answer too: the evaluation counts the rules' names there as false positives)."""
    out = {name: frame.drop(columns=LINE) for name, frame in frames.items() if len(frame)}
    if BOILERPLATE in out and INITIATIVES not in out:
        out[INITIATIVES] = frames[INITIATIVES].drop(columns=LINE)
    return out


def read_sheet(path: Path) -> pd.DataFrame:
    """The sheet as text cells, with each row's CSV line (the header is line 1; a cell holding a line break
    makes the next row start further down, as an editor shows it)."""
    path = Path(path)
    if not path.is_file():
        raise ParseError(str(path), "coding sheet not found" if not path.exists() else "not a file")
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader, None)
        if header is None:
            raise ParseError(str(path), "empty file: no header", 1)
        missing = [c for c in NEEDED if c not in header]
        if missing:
            raise ParseError(str(path), f"not a filled coding sheet: no column {', '.join(missing)} "
                             "(write one with `make coding-sheet`)", 1)
        rows, lines, start = [], [], reader.line_num + 1
        for row in reader:
            if len(row) != len(header):
                raise ParseError(str(path), f"{len(row)} cells, the header has {len(header)}", start)
            rows.append(row)
            lines.append(start)
            start = reader.line_num + 1
    return pd.DataFrame(rows, columns=header, dtype=str).assign(**{LINE: lines})


def _split(cell: str) -> list[str]:
    return [part.strip() for part in cell.split(unseen.MULTI)] if cell else []


def convert(path: Path) -> SheetLabels:
    """The label rows of a filled sheet, checked (ParseError at the first problem, naming the sheet line)."""
    path = Path(path)
    sheet = read_sheet(path)
    answers = sheet[TO_FILL].apply(lambda column: column.str.strip())
    follow, boilerplate, names = [], [], []
    for (_, row), (_, answer) in zip(sheet.iterrows(), answers.iterrows(), strict=True):
        line, sid, sha = row[LINE], row["statement_id"].strip(), row["text_sha1"].strip().lower()

        def bad(message: str, line: int = line, sid: str = sid) -> ParseError:
            return ParseError(str(path), f"{sid or 'row'}: {message}", line)

        if not (answer != "").any():
            continue
        if unseen.text_sha1(row["text"]) != sha:
            raise bad("the text does not hash to its text_sha1: the text (or the hash) was edited; code the statement "
                      "as written and put remarks in note")
        given = [c for c in FOLLOW_ANSWER if answer[c]]
        if given and row[CODE_FOLLOW_THROUGH].strip() != "yes":
            raise bad(f"a follow-through answer ({', '.join(given)}) on a row not marked {CODE_FOLLOW_THROUGH} = yes "
                      "(the follow-through labels cover the plans of " + " and ".join(unseen.CODED_PLAN_SECTIONS) + " only)")
        if given and not answer["first_choice"]:
            raise bad(f"a follow-through answer ({', '.join(given)}) without a first_choice")
        if answer["reason"] and not answer["label"]:
            raise bad("a reason without a label")
        if not (given or answer["label"] or answer["names"] or answer["types"]):
            raise bad("a note without an answer (first_choice, label or names): it would be lost")
        row_names, row_types = _split(answer["names"]), _split(answer["types"])
        if len(row_names) != len(row_types):
            raise bad(f"{len(row_names)} names but {len(row_types)} types: give one type per name, `|`-joined in the same order")
        key = {"statement_id": sid, "text_sha1": sha}
        if answer["first_choice"]:
            follow.append({**key, **{c: answer[c] for c in FOLLOW_ANSWER}, "note": answer["note"], LINE: line})
        if answer["label"]:
            boilerplate.append({**key, "label": answer["label"], "reason": answer["reason"], "note": answer["note"], LINE: line})
        names += [{**key, "name": n, "type": t, LINE: line} for n, t in zip(row_names, row_types, strict=True)]
    frames = {}
    for name, rows in ((FOLLOW, follow), (BOILERPLATE, boilerplate), (INITIATIVES, names)):
        columns = [*unseen.LABEL_FILES[name].to_schema().columns, LINE]
        frames[name] = validated(pd.DataFrame(rows, columns=columns, dtype=str).assign(**{LINE: [r[LINE] for r in rows]}),
                                 name, path)
    coded = int((answers != "").any(axis=1).sum())
    return SheetLabels(frames, len(sheet), coded)


def validated(frame: pd.DataFrame, name: str, sheet: Path) -> pd.DataFrame:
    """The rows checked by the label file's own schema; a break names the sheet line the row came from."""
    model = unseen.LABEL_FILES[name]
    try:
        model.validate(frame.drop(columns=LINE).reset_index(drop=True), lazy=True)
    except pa.errors.SchemaErrors as err:
        cases = err.failure_cases.dropna(subset=["index"]).sort_values("index", kind="stable")
        if cases.empty:
            raise ParseError(str(sheet), f"the rows for {name} break its schema: {str(err).splitlines()[0]}") from None
        case = cases.iloc[0]
        row = frame.iloc[int(case["index"])]
        problem = ("is given twice" if case["check"] == "field_uniqueness"
                   else f"is not allowed in {name} ({case['check']})")
        raise ParseError(str(sheet), f"{row['statement_id']}: {case['column']} {case['failure_case']!r} {problem}", int(row[LINE])) from None
    return frame.reset_index(drop=True)


def existing(out: Path) -> list[str]:
    return [name for name in unseen.LABEL_FILES if (Path(out) / name).exists()]


def merge(labels: SheetLabels, out: Path, sheet: Path) -> tuple[dict[str, pd.DataFrame], dict[str, int]]:
    """The folder's label files with the sheet's rows added (`--append`), and how many of the sheet's rows were
    there already. A statement already in a file is kept once when the sheet gives the same answer (all its rows,
    for initiatives) and refused when the answer differs."""
    old = unseen.read_labels(out)  # validated: a broken file there stops the run, naming it
    frames, kept = {}, {}
    for name, new in labels.frames.items():
        before = old[name]
        if before is None:
            frames[name], kept[name] = new, 0
            continue
        columns = list(before.columns)
        same = set()
        for sid, rows in new.groupby("statement_id", sort=False):
            there = before[before["statement_id"] == sid]
            if there.empty:
                continue
            if sorted(map(tuple, there[columns].to_numpy().tolist())) != sorted(map(tuple, rows[columns].to_numpy().tolist())):
                raise ParseError(str(sheet), f"{sid} is already in {Path(out) / name} with a different answer "
                                 "(--append adds labels, never replaces them: settle it in that file by hand)", int(rows[LINE].iloc[0]))
            same.add(sid)
        repeated = new["statement_id"].isin(same)
        kept[name] = int(repeated.sum())
        frames[name] = validated(pd.concat([before.assign(**{LINE: 0}), new[~repeated]], ignore_index=True), name, sheet)
    return frames, kept
