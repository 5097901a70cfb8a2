"""The blind coding sheet (analysis.evaluate.coding_sheet, `python -m analysis coding-sheet`): every statement of the
pages in reading order, no analysis output, statements already labelled on the same text left out, labelled on a
changed text kept and flagged, and one line (exit 2) for bad input.

The page is written here by hand: an invented action, invented sentences, two real department names so that the
gazetteer places them.
"""

from __future__ import annotations

import hashlib

import pandas as pd
import pytest

from analysis import schemas
from analysis.cli import main
from analysis.evaluate import coding_sheet, unseen

SENTENCES = [  # (heading, the sentences under it), in the page's order
    ("Department for Transport", []),
    ("Departmental digital strategy commitments (December 2012)", ["The department will put the ferry timetable online by June 2013."]),
    ("Progress during 2013", ["The ferry timetable went online in May 2013.", "It had 9,000 visits in its first month."]),
    ("Planned activities in 2014", ["The department will test a booking service with 50 ferry operators."]),
    ("HM Revenue & Customs", []),
    ("Departmental digital strategy commitments (December 2012)", ["This action is not applicable to HMRC."]),
    ("Progress during 2013", ["HMRC continued to work with colleagues across government."]),
]
PAGE = "\n\n".join([
    "Policy paper", "Action 18: publish every timetable as open data", "Updated 16 January 2015",
    "This action forms part of the Government Digital Strategy.", "Here’s how departments are responding to this action:",
    *(part for heading, lines in SENTENCES for part in [heading, " ".join(lines)] if part),
]) + "\n"
IN_ORDER = [s for _, lines in SENTENCES for s in lines]
# the columns the analyses add (their tables' columns that the statements table does not have): none may reach the sheet
ANALYSIS_COLUMNS = {
    column for model in (schemas.Boilerplate, schemas.FollowThrough, schemas.Initiatives, schemas.InitiativeMentions)
    for column in model.to_schema().columns
} - set(schemas.Statements.to_schema().columns)


def _sha1(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    folder = tmp_path_factory.mktemp("pages")
    (folder / "action18.txt").write_text(PAGE, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def made(pages):
    return coding_sheet.build(pages)


def test_every_statement_in_reading_order_with_its_hash(made):
    sheet = made.sheet
    assert sheet["text"].tolist() == IN_ORDER
    assert sheet["text_sha1"].tolist() == [_sha1(s) for s in IN_ORDER]
    assert sheet["statement_id"].iloc[0] == "a18-DfT-commitment_2012-001"
    assert sheet["department"].iloc[-1] == "HM Revenue and Customs" and set(sheet["source_file"]) == {"action18.txt"}
    assert (made.n_pages, made.n_statements, made.left_out, made.changed) == (1, len(IN_ORDER), 0, 0)
    assert made.warnings == []


def test_no_analysis_output_and_empty_columns_to_fill(made):
    sheet = made.sheet
    assert list(sheet.columns) == coding_sheet.SHEET_COLUMNS
    assert not ANALYSIS_COLUMNS & set(sheet.columns)
    assert {"status", "is_boilerplate", "boilerplate_reason", "score", "confidence"}.isdisjoint(sheet.columns)
    assert (sheet[coding_sheet.TO_FILL] == "").all().all()
    # the follow-through labels cover the plans of commitment_2012 and plan_2014 only
    marked = sheet.loc[sheet["code_follow_through"] == "yes", "text"].tolist()
    assert marked == [IN_ORDER[0], IN_ORDER[3], IN_ORDER[4]]


def _labels(folder, rows):
    folder.mkdir()
    frame = pd.DataFrame(rows, columns=["statement_id", "text_sha1"]).assign(label="substantive", reason="", note="")
    frame.to_csv(folder / "boilerplate_labels.csv", index=False)
    return folder


def test_labelled_on_the_same_text_left_out_on_a_changed_text_flagged(tmp_path, pages, capsys):
    labels = _labels(tmp_path / "labels", [
        ("a18-DfT-progress_2013-001", _sha1("The ferry timetable went online in May 2013.")),  # same text: left out
        ("a18-DfT-progress_2013-002", _sha1("It had 8,000 visits in its first month.")),  # the text changed: code again
        ("a18-DfT-progress_2013-009", _sha1("A statement the pages do not have.")),
    ])
    out = tmp_path / "coding" / "sheet.csv"
    assert main(["coding-sheet", "--raw", str(pages), "--out", str(out), "--exclude-labels", str(labels)]) == 0
    summary = capsys.readouterr().out.strip().splitlines()
    assert summary == [f"wrote {out}: 5 of 6 statements of 1 page to code; 1 left out, already labelled in {labels} on the same "
                       "text (SHA-1); 1 labelled there on a different text, kept and flagged in labelled_text_changed"]
    sheet = pd.read_csv(out, dtype=str, keep_default_na=False)
    assert "a18-DfT-progress_2013-001" not in set(sheet["statement_id"])
    flagged = sheet.loc[sheet["labelled_text_changed"] == "yes", "statement_id"].tolist()
    assert flagged == ["a18-DfT-progress_2013-002"]
    assert sheet["text"].tolist() == [s for s in IN_ORDER if s != "The ferry timetable went online in May 2013."]


def test_a_second_coders_labels_count_as_labelled(tmp_path):
    labels = _labels(tmp_path / "labels", [("a18-DfT-progress_2013-001", _sha1(IN_ORDER[1]))])
    (labels / "second").mkdir()
    pd.DataFrame({"statement_id": ["a18-DfT-plan_2014-001"], "text_sha1": [_sha1(IN_ORDER[3])], "first_choice": ["not_reported"],
                  "defensible": [""], "testable": ["yes"], "evidence_ids": [""], "note": [""]},
                 ).to_csv(labels / "second" / "follow_through_labels.csv", index=False)
    assert unseen.labelled_hashes(labels) == {"a18-DfT-progress_2013-001": {_sha1(IN_ORDER[1])},
                                              "a18-DfT-plan_2014-001": {_sha1(IN_ORDER[3])}}


@pytest.mark.parametrize("case", ["no pages folder", "empty pages folder", "no labels folder", "labels folder without labels"])
def test_bad_input_is_one_line_exit_2_nothing_written(tmp_path, pages, capsys, case):
    raw, labels = {
        "no pages folder": (tmp_path / "nowhere", None),
        "empty pages folder": (tmp_path / "empty", None),
        "no labels folder": (pages, tmp_path / "no-labels"),
        "labels folder without labels": (pages, tmp_path / "empty"),
    }[case]
    (tmp_path / "empty").mkdir()
    out = tmp_path / "sheet.csv"
    argv = ["coding-sheet", "--raw", str(raw), "--out", str(out)] + (["--exclude-labels", str(labels)] if labels else [])
    assert main(argv) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("error: ") and str(labels or raw) in err[0]
    assert not out.exists()


def test_the_2012_editions_own_text_is_not_marked_for_follow_through():
    # follow-through pairs the GOV.UK pages' periods; the 2012 edition's responses have no progress text of their own
    text = "We will publish the plan."
    frame = pd.DataFrame({
        "statement_id": ["a01-CO-commitment_2012-e2012-001", "a01-CO-commitment_2012-001"], "source_file": ["_action01.md", "a.txt"],
        "other_sources": [None, None], "edition": [2012, 2015], "action": [1, 1], "department": ["Cabinet Office"] * 2,
        "section": ["commitment_2012"] * 2, "text": [text, text],
    })
    sheet, left_out, changed = coding_sheet.sheet(frame)
    assert sheet["code_follow_through"].tolist() == ["", "yes"] and (left_out, changed) == (0, 0)
    assert sheet["other_sources"].tolist() == ["", ""]
