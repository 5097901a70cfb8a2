"""The one cross-validation helper: metrics, the choice rule (best score, then the plateau centre), and
leave-one-group-out folds on hand-made matrices."""

from __future__ import annotations

import numpy as np

from analysis.evaluate import cv


def test_metrics():
    truth = np.array([True, True, False, False])
    predicted = np.array([True, False, True, False])
    assert cv.f1(truth, predicted) == 0.5
    assert cv.accuracy(truth, predicted) == 0.5
    assert cv.f1(np.array([False]), np.array([False])) == 0.0
    assert cv.agreement(np.array(["a", "b", "c"]), np.array(["a", "b", "b"])) == (2 / 3,)


def test_grid_positions_follow_the_values():
    values, coords = cv.grid([(0.1, 0.2), ("x", "y", "z")])
    assert values[:4] == [(0.1, "x"), (0.1, "y"), (0.1, "z"), (0.2, "x")]
    assert coords[:4].tolist() == [[0, 0], [0, 1], [0, 2], [1, 0]]


def test_choose_breaks_f1_ties_by_accuracy():
    truth = np.array([True, False, False, False])
    predictions = np.array([[1, 1, 0, 0], [1, 1, 0, 0], [1, 0, 0, 0]], dtype=bool)
    assert cv.choose(predictions, truth) == 2  # F1 1.0 beats 2/3
    truth = np.array([True, True, False, False, False, False])
    a = np.array([1, 0, 0, 0, 0, 0], dtype=bool)  # tp 1, fp 0, fn 1: F1 2/3, accuracy 5/6
    b = np.array([1, 1, 1, 1, 0, 0], dtype=bool)  # tp 2, fp 2: F1 2/3, accuracy 4/6
    assert cv.choose(np.array([b, a]), truth) == 1


def test_choose_takes_the_centre_of_a_plateau_whatever_the_metric():
    truth = np.array(["delivered", "partial"])
    predictions = np.array([["partial", "partial"]] + [["delivered", "partial"]] * 3 + [["partial", "partial"]])
    assert cv.choose(predictions, truth, cv.agreement) == 2
    coords = np.array([[0, 0], [0, 1], [0, 2], [1, 0], [2, 2]])
    # tied: (0,1) (0,2) (1,0); the median of each setting is (0,1), itself tied
    assert cv.choose(predictions, truth, cv.agreement, coords=coords) == 1
    # tied: (0,0) (0,2) (2,2); median (0,2)
    coords = np.array([[5, 5], [0, 0], [0, 2], [2, 2], [5, 5]])
    assert cv.choose(predictions, truth, cv.agreement, coords=coords) == 2


def test_cross_validate_never_scores_a_group_with_its_own_choice():
    truth = np.array(["x", "x", "y", "y", "z"])
    groups = np.array(["b", "b", "a", "a", "c"])
    # candidate 0 is right on b and c; candidate 1 on a and c
    predictions = np.array([["x", "x", "x", "x", "z"], ["y", "y", "y", "y", "z"]])
    result = cv.cross_validate(predictions, truth, groups, cv.agreement)
    assert result.chosen == {"a": 0, "b": 1, "c": 0}  # leaving c out: a tie (2/4 each), plateau centre of rows 0 and 1 -> 0
    assert result.held_out.tolist() == ["y", "y", "x", "x", "z"]
