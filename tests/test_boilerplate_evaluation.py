"""The boilerplate evaluation: threshold choice, leave-departments-out CV on hand-made matrices, and the
report on the seed (which also checks that THRESHOLDS are what the cross-validation chooses)."""

from __future__ import annotations

import numpy as np
import pytest

from analysis.evaluate import boilerplate as ev


def test_choose_best_f1():
    truth = np.array([True, True, False])
    predictions = np.array([[1, 0, 0], [1, 1, 0], [1, 1, 1]], dtype=bool)
    # F1: 2/3, 1, 4/5
    assert ev.choose(predictions, truth) == 1


def test_choose_centre_of_a_plateau():
    truth = np.array([True, False])
    predictions = np.array([[1, 0]] * 5, dtype=bool)
    assert ev.choose(predictions, truth) == 2
    # In two dimensions: the tied candidates (0,0) (0,1) (0,2) -> centre (0,1).
    coords = np.array([[0, 0], [0, 1], [0, 2], [1, 0]])
    predictions = np.array([[1, 0], [1, 0], [1, 0], [0, 1]], dtype=bool)
    assert ev.choose(predictions, truth, coords=coords) == 1


def test_leave_departments_out():
    # Candidate 0 is right on department a and wrong on b; candidate 1 the other way round.
    truth = np.array([True, False, True, False])
    groups = np.array(["a", "a", "b", "b"])
    predictions = np.array([[1, 0, 0, 0], [1, 1, 1, 0]], dtype=bool)
    held, chosen = ev.leave_departments_out(predictions, truth, groups)
    # Holding out a, b's labels pick candidate 1 (F1 1 vs 0): a gets [1, 1].
    # Holding out b, a's labels pick candidate 0 (F1 1 vs 2/3): b gets [0, 0].
    assert chosen == {"a": 1, "b": 0}
    assert held.tolist() == [True, True, False, False]


def test_labels_are_checked(tmp_path):
    with pytest.raises(ev.LabelsError, match="not found"):
        ev.load_labels(tmp_path)
    (tmp_path / ev.LABELS_FILE).write_text("dept_abbr,section,text,label\nDWP,plan_2014,Hello.,maybe\n")
    with pytest.raises(ev.LabelsError, match="unknown label"):
        ev.load_labels(tmp_path)


@pytest.fixture(scope="module")
def seed_report(tmp_path_factory):
    from analysis.parse import parse_file
    from analysis.segment import statements

    from .conftest import SEED

    frame, _ = statements([parse_file(SEED)])
    folder = tmp_path_factory.mktemp("processed")
    frame.to_parquet(folder / "statements.parquet")
    return ev.report(folder)


def test_report_on_the_seed(seed_report):
    assert "held out (leave one department out)" in seed_report
    for baseline in ("Lang-Stice-Lawrence", "year-on-year cosine", "year-on-year Jaccard", "specificity (Hope)", "vague language only"):
        assert baseline in seed_report
    assert "borderline n=16" in seed_report
    assert "0 not matched to a statement" in seed_report


def test_thresholds_are_the_cross_validation_choice(seed_report):
    # THRESHOLDS in analysis.boilerplate must be what the CV chooses on all departments.
    assert "CV choice on all departments" in seed_report
    assert "WARNING" not in seed_report


def test_held_out_scores_are_numbers(seed_report):
    line = next(row for row in seed_report.splitlines() if "held out (leave one department out)" in row)
    scores = dict(part.split("=") for part in line.split() if "=" in part)
    assert int(scores["n"]) == 186
    assert 0 <= float(scores["f1"]) <= 1 and -1 <= float(scores["kappa"]) <= 1


def test_report_without_labels(seed_statements, tmp_path):
    seed_statements.to_parquet(tmp_path / "statements.parquet")
    assert "cannot evaluate" in ev.report(tmp_path, annotations_dir=tmp_path)


def test_report_without_statements(tmp_path):
    with pytest.raises(FileNotFoundError, match="make data"):
        ev.report(tmp_path)
