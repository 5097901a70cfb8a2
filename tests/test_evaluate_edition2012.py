"""Evaluation on the 2012 edition: the label join, leave-one-group-out CV, and THRESHOLDS being its choice."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis import boilerplate, paths, pipeline
from analysis.evaluate import boilerplate as seed_eval
from analysis.evaluate import edition2012 as ev


@pytest.fixture(scope="module")
def all_statements():
    _, frame, _ = pipeline.tidy(pipeline.raw_files(paths.RAW))
    return frame


def test_leave_groups_out_never_scores_a_group_with_its_own_choice():
    truth = np.array([True, True, False, False])
    groups = np.array(["a", "a", "b", "b"])
    # candidate 0 is right on group a only, candidate 1 on group b only
    predictions = np.array([[True, True, True, True], [False, False, False, False]])
    held, chosen = ev.leave_groups_out(predictions, truth, groups)
    assert chosen == {"a": 1, "b": 0}  # each group predicted by what was best on the other
    assert held.tolist() == [False, False, True, True]


def test_labels_join_to_statements(all_statements):
    labels = ev.read("boilerplate_labels.csv")
    joined = ev.join_2012(labels, all_statements)
    lost = joined[joined["statement_id"].isna()]
    assert lost.empty, lost[["action", "dept_abbr", "sentence_index"]]
    assert joined["statement_id"].dropna().str.contains("-e2012-").all()


def test_thresholds_are_the_cross_validation_choice(all_statements):
    data = ev.pool(all_statements, ev.read("boilerplate_labels.csv"), seed_eval.load_labels())
    assert set(data.groups) == {"seed page", *(f"action {a}" for a in range(1, 8))}
    candidates = seed_eval.classifier_candidates()
    predictions = seed_eval.classifier_predictions(all_statements, pd.Series(data.ids), candidates)
    assert candidates[seed_eval.choose(predictions, data.truth, coords=seed_eval.classifier_coords())] == boilerplate.THRESHOLDS


def test_annotator_agreement_joins_the_same_sentences():
    first = pd.DataFrame(
        {"action": ["1", "1", "1"], "dept_position": ["1", "1", "2"], "sentence_index": ["1", "2", "1"],
         "text": ["A b.", "C d.", "E f."], "label": ["B", "S", "borderline"], "reason": ["vague", "", ""], "dept_abbr": ["AGO", "AGO", "CO"]}
    )
    second = first.assign(label=["B", "B", "S"], text=["A  b.", "C d.", "E f."])
    both, scores = ev.agreement(first, second)
    assert len(both) == 3 and scores["n"] == 2 and scores["accuracy"] == 0.5  # the borderline row is not scored
