"""Cross-validation over groups, in one shape for every evaluation.

A grid of candidate settings is turned into a matrix of predictions (candidate x labelled item) by the
evaluation; this module chooses among its rows. One group at a time is left out (a department, a page,
an action: scikit-learn's `LeaveOneGroupOut`), each group is predicted by the candidate chosen on the others, and the held-out predictions of all folds
are scored together. One choice rule, `choose`, picks a candidate everywhere: the best score under the
evaluation's metric (a tuple, compared in order); candidates still tied form a plateau the labels cannot
tell apart, and the one nearest its centre is taken (in grid steps, to the median of each setting over
the plateau; then grid order), so a choice does not sit on the edge of a range the labels cannot
distinguish and does not depend on the current defaults.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from sklearn.model_selection import LeaveOneGroupOut

Metric = Callable[[np.ndarray, np.ndarray], tuple[float, ...]]


def f1(truth: np.ndarray, predicted: np.ndarray) -> float:
    """F1 of the positive class (True)."""
    tp = int((truth & predicted).sum())
    denominator = int(truth.sum()) + int(predicted.sum())
    return 2 * tp / denominator if denominator else 0.0


def accuracy(truth: np.ndarray, predicted: np.ndarray) -> float:
    """Share of items predicted as labelled (agreement, for more than two classes)."""
    return float((truth == predicted).mean()) if len(truth) else 0.0


def f1_then_accuracy(truth: np.ndarray, predicted: np.ndarray) -> tuple[float, float]:
    """Binary tasks (boilerplate = positive): F1, then accuracy."""
    return f1(truth, predicted), accuracy(truth, predicted)


def agreement(truth: np.ndarray, predicted: np.ndarray) -> tuple[float]:
    """Multi-class tasks (follow-through statuses): agreement with the labels."""
    return (accuracy(truth, predicted),)


def grid(axes: Sequence[Sequence]) -> tuple[list[tuple], np.ndarray]:
    """Every combination of the axes' values, in order, and each one's position in grid steps."""
    return list(itertools.product(*axes)), np.array(list(itertools.product(*(range(len(a)) for a in axes))))


def choose(predictions: np.ndarray, truth: np.ndarray, metric: Metric = f1_then_accuracy,
           mask: np.ndarray | None = None, coords: np.ndarray | None = None) -> int:
    """Index of the candidate (row of `predictions`) with the best `metric` on the items in `mask`;
    ties: the candidate nearest the centre of the tied plateau (`coords`: candidate x setting grid
    positions, default the row order), then grid order."""
    mask = np.ones(len(truth), dtype=bool) if mask is None else mask
    keys = [tuple(round(v, 9) for v in metric(truth[mask], p[mask])) for p in predictions]
    top = max(keys)
    tied = np.array([i for i, k in enumerate(keys) if k == top])
    coords = np.arange(len(predictions)).reshape(-1, 1) if coords is None else np.asarray(coords)
    centre = np.median(coords[tied], axis=0)
    distance = np.abs(coords[tied] - centre).sum(axis=1)
    return int(tied[np.argmin(distance)])


@dataclass
class CrossValidated:
    """Held-out predictions (each item predicted by the candidate chosen without its group) and the
    candidate chosen for each fold (keyed by the group it left out)."""

    held_out: np.ndarray
    chosen: dict[str, int]


def cross_validate(predictions: np.ndarray, truth: np.ndarray, groups: np.ndarray, metric: Metric = f1_then_accuracy,
                   coords: np.ndarray | None = None) -> CrossValidated:
    """`predictions` is candidates x items; `groups` the group of each item."""
    held_out = np.empty(len(truth), dtype=predictions.dtype)
    chosen: dict[str, int] = {}
    for train, test in LeaveOneGroupOut().split(truth, truth, groups):
        mask = np.zeros(len(truth), dtype=bool)
        mask[train] = True
        index = choose(predictions, truth, metric, mask, coords)
        held_out[test] = predictions[index][test]
        chosen[str(groups[test][0])] = index
    return CrossValidated(held_out, chosen)
