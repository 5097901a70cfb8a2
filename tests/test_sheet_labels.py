"""A filled coding sheet to label files (analysis.evaluate.sheet_labels, `python -m analysis labels-from-sheet`): the
files `unseen.read_labels` reads and `unseen.check` joins to the statements with no id or text problem; and bad
input (a coder's slip) is one line naming the sheet and its line, exit 2, nothing written.

The page is written here by hand: an invented action and sentences, real department names so the gazetteer places them.
"""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.cli import main
from analysis.evaluate import unseen

PAGE = "\n\n".join([
    "Policy paper", "Action 19: publish every bus timetable as open data", "Updated 16 January 2015",
    "This action forms part of the Government Digital Strategy.", "Here’s how departments are responding to this action:",
    "Department for Transport",
    "Departmental digital strategy commitments (December 2012)", "The department will put the Bus Times service online by June 2013.",
    "Progress during 2013", "Bus Times went online in May 2013. It had 9,000 visits in its first month.",
    "Planned activities in 2014", "The department will test the Journey Planner with 50 operators.",
]) + "\n"
PLAN, PROGRESS, PROGRESS_2, PLAN_2014 = ("a19-DfT-commitment_2012-001", "a19-DfT-progress_2013-001",
                                         "a19-DfT-progress_2013-002", "a19-DfT-plan_2014-001")


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    folder = tmp_path_factory.mktemp("pages")
    (folder / "action19.txt").write_text(PAGE, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def blank(pages, tmp_path_factory):
    """The blind sheet as `coding-sheet` writes it, read as a coder's spreadsheet would (text cells)."""
    out = tmp_path_factory.mktemp("coding") / "sheet.csv"
    assert main(["coding-sheet", "--raw", str(pages), "--out", str(out)]) == 0
    return pd.read_csv(out, dtype=str, keep_default_na=False)


@pytest.fixture(scope="module")
def statements(pages):
    built, _, _ = unseen.build_tables(pages)
    return built["statements"]


def _fill(blank: pd.DataFrame, answers: dict[str, dict[str, str]]) -> pd.DataFrame:
    sheet = blank.copy()
    for sid, cells in answers.items():
        row = sheet.index[sheet["statement_id"] == sid]
        assert len(row) == 1, sid
        for column, value in cells.items():
            sheet.loc[row, column] = value
    return sheet


ANSWERS = {  # what a coder types
    PLAN: {"first_choice": "delivered", "defensible": "delivered|partial", "testable": "yes", "evidence_ids": PROGRESS,
           "label": "substantive", "names": "Bus Times", "types": "tool/product", "note": "went online a month early"},
    PROGRESS: {"label": "substantive", "names": "Bus Times", "types": "tool/product"},
    PROGRESS_2: {"label": "borderline"},
    PLAN_2014: {"first_choice": "not_reported", "testable": "yes", "label": "substantive",
                "names": "Journey Planner | Department for Transport", "types": "tool/product | organisation"},
}


def _write(sheet: pd.DataFrame, path):
    sheet.to_csv(path, index=False)
    return path


def _line(blank: pd.DataFrame, sid: str) -> int:
    return int(blank.index[blank["statement_id"] == sid][0]) + 2  # the header is line 1


def test_a_filled_sheet_becomes_label_files_the_evaluation_reads_and_joins(tmp_path, blank, statements, capsys):
    assert set(ANSWERS) <= set(blank["statement_id"]) and (blank.set_index("statement_id").loc[[PLAN, PLAN_2014], "code_follow_through"] == "yes").all()
    sheet = _write(_fill(blank, ANSWERS), tmp_path / "filled.csv")
    out = tmp_path / "labels"
    assert main(["labels-from-sheet", "--sheet", str(sheet), "--out", str(out)]) == 0
    assert capsys.readouterr().out.strip() == (
        f"wrote {out}: 2 follow-through labels (follow_through_labels.csv), 4 boilerplate labels (boilerplate_labels.csv), "
        f"4 initiative names (initiatives_gold.csv) from 4 coded of {len(blank)} rows of {sheet}")
    labels = unseen.read_labels(out)
    follow, boilerplate, names = (labels[name] for name in unseen.LABEL_FILES)
    assert follow.to_dict("records")[0] == {
        "statement_id": PLAN, "text_sha1": blank.set_index("statement_id").at[PLAN, "text_sha1"], "first_choice": "delivered",
        "defensible": "delivered|partial", "testable": "yes", "evidence_ids": PROGRESS, "note": "went online a month early"}
    assert follow["statement_id"].tolist() == [PLAN, PLAN_2014] and follow["defensible"].tolist()[1] == ""
    assert boilerplate[["statement_id", "label"]].values.tolist() == [
        [PLAN, "substantive"], [PROGRESS, "substantive"], [PROGRESS_2, "borderline"], [PLAN_2014, "substantive"]]
    assert names[["statement_id", "name", "type"]].values.tolist() == [
        [PLAN, "Bus Times", "tool/product"], [PROGRESS, "Bus Times", "tool/product"],
        [PLAN_2014, "Journey Planner", "tool/product"], [PLAN_2014, "Department for Transport", "organisation"]]
    for frame in (follow, boilerplate, names):
        checked = unseen.check(frame, statements)
        assert (checked.missing, checked.changed, len(checked.ok)) == ([], [], len(frame))


def test_boilerplate_coded_without_names_still_writes_an_empty_gold_file(tmp_path, blank):
    sheet = _write(_fill(blank, {PROGRESS_2: {"label": "boilerplate", "reason": "vague"}}), tmp_path / "filled.csv")
    out = tmp_path / "labels"
    assert main(["labels-from-sheet", "--sheet", str(sheet), "--out", str(out)]) == 0
    labels = unseen.read_labels(out)
    assert labels["follow_through_labels.csv"] is None  # nothing coded: no file, so the evaluation says it is missing
    assert len(labels["boilerplate_labels.csv"]) == 1 and len(labels["initiatives_gold.csv"]) == 0


def test_append_adds_rows_and_keeps_a_repeated_answer_once(tmp_path, blank, capsys):
    out = tmp_path / "labels"
    first = _write(_fill(blank, {PLAN: ANSWERS[PLAN]}), tmp_path / "first.csv")
    assert main(["labels-from-sheet", "--sheet", str(first), "--out", str(out)]) == 0
    second = _write(_fill(blank, {PLAN: ANSWERS[PLAN], PLAN_2014: ANSWERS[PLAN_2014]}), tmp_path / "second.csv")
    capsys.readouterr()
    assert main(["labels-from-sheet", "--sheet", str(second), "--out", str(out), "--append"]) == 0
    assert capsys.readouterr().out.strip().endswith("; 3 rows already there with the same answer, kept once")
    labels = unseen.read_labels(out)
    assert labels["follow_through_labels.csv"]["statement_id"].tolist() == [PLAN, PLAN_2014]
    assert labels["initiatives_gold.csv"]["name"].tolist() == ["Bus Times", "Journey Planner", "Department for Transport"]


REFUSED = {  # case -> (the sheet's change, the statement whose line is named (None: the header), words of the message)
    "a missing column": (lambda s: s.drop(columns="types"), None, "no column types"),
    "an unknown status": (lambda s: _fill(s, {PLAN: {**ANSWERS[PLAN], "first_choice": "done"}}), PLAN, "first_choice 'done'"),
    "an unknown defensible status": (lambda s: _fill(s, {PLAN: {**ANSWERS[PLAN], "defensible": "delivered|sort of"}}), PLAN, "defensible"),
    "an unknown label": (lambda s: _fill(s, {PROGRESS: {"label": "boring"}}), PROGRESS, "label 'boring'"),
    "an unknown reason": (lambda s: _fill(s, {PROGRESS: {"label": "boilerplate", "reason": "dull"}}), PROGRESS, "reason 'dull'"),
    "an unknown type": (lambda s: _fill(s, {PROGRESS: {"names": "Bus Times", "types": "app"}}), PROGRESS, "type 'app'"),
    "names and types of different counts": (lambda s: _fill(s, {PLAN_2014: {"names": "Journey Planner|Bus Times", "types": "tool/product"}}),
                                            PLAN_2014, "2 names but 1 types"),
    "an edited text": (lambda s: _fill(s, {PROGRESS: {"label": "substantive", "text": "Bus Times went online in April 2013."}}),
                       PROGRESS, "does not hash to its text_sha1"),
    "a follow-through answer off the plans": (lambda s: _fill(s, {PROGRESS: {"first_choice": "delivered", "testable": "yes"}}),
                                              PROGRESS, "not marked code_follow_through = yes"),
}


@pytest.mark.parametrize("case", list(REFUSED))
def test_bad_sheet_is_one_line_naming_the_sheet_line_exit_2_nothing_written(tmp_path, blank, capsys, case):
    change, sid, words = REFUSED[case]
    sheet = _write(change(_fill(blank, {PLAN_2014: ANSWERS[PLAN_2014]})), tmp_path / "filled.csv")
    out = tmp_path / "labels"
    assert main(["labels-from-sheet", "--sheet", str(sheet), "--out", str(out)]) == 2
    captured = capsys.readouterr()
    err = captured.err.strip().splitlines()
    line = 1 if sid is None else _line(blank, sid)
    assert len(err) == 1 and err[0].startswith(f"error: {sheet}:{line}: ") and words in err[0], err
    assert captured.out == "" and not out.exists()


def _labelled(tmp_path, blank, answers) -> tuple:
    out = tmp_path / "labels"
    assert main(["labels-from-sheet", "--sheet", str(_write(_fill(blank, answers), tmp_path / "first.csv")), "--out", str(out)]) == 0
    return out, {path.name: path.read_bytes() for path in out.iterdir()}


def test_labels_already_there_are_never_overwritten(tmp_path, blank, capsys):
    out, before = _labelled(tmp_path, blank, {PLAN: ANSWERS[PLAN]})
    sheet = _write(_fill(blank, {PROGRESS: ANSWERS[PROGRESS]}), tmp_path / "second.csv")
    capsys.readouterr()
    assert main(["labels-from-sheet", "--sheet", str(sheet), "--out", str(out)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith(f"error: {out}: already holds follow_through_labels.csv") and "--append" in err[0]
    assert {path.name: path.read_bytes() for path in out.iterdir()} == before


def test_append_refuses_a_statement_labelled_there_with_a_different_answer(tmp_path, blank, capsys):
    out, before = _labelled(tmp_path, blank, {PLAN: ANSWERS[PLAN]})
    sheet = _write(_fill(blank, {PROGRESS: ANSWERS[PROGRESS], PLAN: {**ANSWERS[PLAN], "first_choice": "partial"}}),
                   tmp_path / "second.csv")
    capsys.readouterr()
    assert main(["labels-from-sheet", "--sheet", str(sheet), "--out", str(out), "--append"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith(f"error: {sheet}:{_line(blank, PLAN)}: {PLAN} is already in {out}/follow_through_labels.csv")
    assert {path.name: path.read_bytes() for path in out.iterdir()} == before


def test_the_last_clean_tests_labels_folder_is_refused(tmp_path, blank, capsys):
    sheet = _write(_fill(blank, {PROGRESS: ANSWERS[PROGRESS]}), tmp_path / "filled.csv")
    assert main(["labels-from-sheet", "--sheet", str(sheet), "--out", str(unseen.LABELS), "--append"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "put new labels in a new folder" in err[0]
