"""Scores of the boilerplate classifier and of each published single measure against the hand labels.

The hand labels (`data/annotations/boilerplate_labels.csv`: B, S or borderline) are read here and
nowhere else. Every threshold, the classifier's and each baseline's, is chosen by leave-one-department-out
cross-validation: for each department, the setting with the best F1 (boilerplate = positive class) on the
other departments' labels is applied to that department's statements, and the held-out predictions of all
folds are scored together. Borderline items are never scored as B or S: the report says how each method
calls them. `report(processed_dir)` is what `python -m analysis evaluate` prints.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from analysis import boilerplate, paths, tables
from analysis.evaluate import SEED_CROSS_VALIDATED, SEED_IN_SAMPLE, binary_scores, format_scores, join_labels, multiclass_scores, record
from analysis.vocabulary import BOILERPLATE_REASONS, SUBSTANTIVE

LABELS_FILE = "boilerplate_labels.csv"
LABEL_VALUES = ("B", "S", "borderline")

# Candidate settings searched by the cross-validation (classifier: every combination), in order.
CLASSIFIER_GRID: dict[str, tuple] = {
    "template_jaccard": (0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9),
    "repeat_containment": (0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9),
    "vague_max_balance": (0, 1, 2, 3, 4, 5),
    "specific_weight": (1, 2, 3),
}
LSL_GRID = (2, 3, 4, 5, 6, 7, 8, 9, 10)
SIMILARITY_GRID = (0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)
SPECIFICITY_GRID = (0.0, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3)
CUE_GRID = (1, 2, 3)


class LabelsError(ValueError):
    """The hand-label file is missing or malformed."""


def load_labels(annotations_dir: Path = paths.ANNOTATIONS) -> pd.DataFrame:
    """The hand labels, checked: columns dept_abbr, section, text, label (B/S/borderline), reason, justification."""
    path = Path(annotations_dir) / LABELS_FILE
    if not path.exists():
        raise LabelsError(f"{path}: hand labels not found")
    labels = pd.read_csv(path, dtype=str, keep_default_na=False)
    missing = {"dept_abbr", "section", "text", "label"} - set(labels.columns)
    if missing:
        raise LabelsError(f"{path}: missing column(s) {', '.join(sorted(missing))}")
    bad = sorted(set(labels["label"]) - set(LABEL_VALUES))
    if bad:
        raise LabelsError(f"{path}: unknown label(s) {bad}; expected {', '.join(LABEL_VALUES)}")
    return labels


def load_statements(processed_dir: Path) -> pd.DataFrame:
    return tables.read("statements", processed_dir)


@dataclass
class Labelled:
    """Hand labels joined to statement ids; `rows` are the positions of B/S items, `borderline` the others."""

    frame: pd.DataFrame
    truth: np.ndarray  # True = B, for the B/S items
    groups: np.ndarray  # department of each B/S item
    unmatched: int


def seed_statements(statements: pd.DataFrame) -> pd.DataFrame:
    """The statements these labels are about: the GOV.UK pages (edition 2015), not the 2012 edition's text."""
    return statements[statements["edition"] != 2012] if "edition" in statements.columns else statements


def labelled(labels: pd.DataFrame, statements: pd.DataFrame) -> Labelled:
    joined = join_labels(labels, seed_statements(statements))
    unmatched = int(joined["statement_id"].isna().sum())
    joined = joined[joined["statement_id"].notna()].reset_index(drop=True)
    decided = joined[joined["label"] != "borderline"]
    return Labelled(joined, (decided["label"] == "B").to_numpy(), decided["dept_abbr"].to_numpy(), unmatched)


def _f1(truth: np.ndarray, predicted: np.ndarray) -> float:
    tp = int((truth & predicted).sum())
    denominator = int(truth.sum()) + int(predicted.sum())
    return 2 * tp / denominator if denominator else 0.0


def _accuracy(truth: np.ndarray, predicted: np.ndarray) -> float:
    return float((truth == predicted).mean()) if len(truth) else 0.0


def choose(predictions: np.ndarray, truth: np.ndarray, mask: np.ndarray | None = None, coords: np.ndarray | None = None) -> int:
    """Index of the candidate (row of `predictions`) with the best F1 on the rows in `mask`.

    Ties on F1 go to the better accuracy. Candidates still tied form a plateau of settings the labels
    cannot tell apart: the one nearest its centre is taken (nearest, in grid steps, to the median of each
    setting over the plateau; `coords`: candidate x setting grid positions; ties: grid order), so a
    choice does not sit on the edge of a range the labels cannot distinguish.
    """
    mask = np.ones(len(truth), dtype=bool) if mask is None else mask
    keys = [(round(_f1(truth[mask], p[mask]), 9), round(_accuracy(truth[mask], p[mask]), 9)) for p in predictions]
    top = max(keys)
    tied = np.array([i for i, k in enumerate(keys) if k == top])
    coords = np.arange(len(predictions)).reshape(-1, 1) if coords is None else np.asarray(coords)
    centre = np.median(coords[tied], axis=0)
    distance = np.abs(coords[tied] - centre).sum(axis=1)
    return int(tied[np.argmin(distance)])


def leave_departments_out(
    predictions: np.ndarray, truth: np.ndarray, groups: np.ndarray, coords: np.ndarray | None = None
) -> tuple[np.ndarray, dict[str, int]]:
    """Held-out predictions: each department's items predicted with the candidate chosen on the others.
    Also returns the candidate chosen for each held-out department."""
    held_out = np.zeros(len(truth), dtype=bool)
    chosen: dict[str, int] = {}
    for dept in sorted(set(groups)):
        test = groups == dept
        index = choose(predictions, truth, ~test, coords)
        held_out[test] = predictions[index][test]
        chosen[str(dept)] = index
    return held_out, chosen


def classifier_candidates() -> list[boilerplate.Thresholds]:
    """Every combination of `CLASSIFIER_GRID`, as Thresholds (the fixed settings as in THRESHOLDS)."""
    names = list(CLASSIFIER_GRID)
    return [boilerplate.THRESHOLDS.replace(**dict(zip(names, values, strict=True))) for values in itertools.product(*CLASSIFIER_GRID.values())]


def classifier_coords() -> np.ndarray:
    """Grid positions (candidate x setting) of `classifier_candidates`, for the plateau-centre tie-break."""
    return np.array(list(itertools.product(*(range(len(v)) for v in CLASSIFIER_GRID.values()))))


def classifier_predictions(statements: pd.DataFrame, ids: pd.Series, candidates: list[boilerplate.Thresholds]) -> np.ndarray:
    """Boolean matrix: candidate x statement in `ids` (is_boilerplate under that candidate's settings)."""
    by_template: dict[float, pd.DataFrame] = {}
    rows = []
    for t in candidates:
        if t.template_jaccard not in by_template:
            by_template[t.template_jaccard] = boilerplate.features(statements, t).set_index("statement_id", drop=False)
        rows.append(boilerplate.decide(by_template[t.template_jaccard], t).loc[ids, "is_boilerplate"].to_numpy(dtype=bool))
    return np.vstack(rows)


def _describe(t: boilerplate.Thresholds) -> str:
    return ", ".join(f"{k}={getattr(t, k)}" for k in CLASSIFIER_GRID)


def _borderline_line(name: str, called_b: np.ndarray) -> str:
    n = len(called_b)
    return f"  {name:<38} borderline n={n}: called B {int(called_b.sum())}, called S {n - int(called_b.sum())}"


def _baseline(name: str, values: np.ndarray, grid: tuple, truth: np.ndarray, groups: np.ndarray, rule, fmt: str) -> tuple[list[str], object]:
    """Score one single measure: CV-chosen threshold in sample, held out, and the chosen values per fold."""
    predictions = np.vstack([rule(values, g) for g in grid])
    best = choose(predictions, truth)
    held, chosen = leave_departments_out(predictions, truth, groups)
    fold_values = sorted({grid[i] for i in chosen.values()})
    lines = [
        format_scores(f"{name} [{fmt.format(grid[best])}]", binary_scores(truth, predictions[best])),
        format_scores(f"  held out (thresholds {', '.join(fmt.format(v) for v in fold_values)})", binary_scores(truth, held)),
    ]
    return lines, grid[best]


def report(processed_dir: Path = paths.PROCESSED, annotations_dir: Path = paths.ANNOTATIONS) -> str:
    """The boilerplate section of `make evaluate`."""
    statements = load_statements(processed_dir)
    try:
        labels = load_labels(annotations_dir)
    except LabelsError as err:
        return f"Boilerplate: cannot evaluate: {err}"
    data = labelled(labels, statements)
    frame = data.frame
    decided = frame[frame["label"] != "borderline"].reset_index(drop=True)
    border = frame[frame["label"] == "borderline"].reset_index(drop=True)
    truth, groups = data.truth, data.groups
    all_ids = pd.concat([decided["statement_id"], border["statement_id"]], ignore_index=True)
    n_dec = len(decided)

    out = [
        "Boilerplate vs substantive (data/annotations/boilerplate_labels.csv; positive class = boilerplate B)",
        f"  labels: {len(labels)} rows, {int(truth.sum())} B, {int((~truth).sum())} S, {len(border)} borderline "
        f"(reported apart); {data.unmatched} not matched to a statement; {len(set(groups))} departments",
        "  thresholds chosen by leave-one-department-out CV (best F1 on the other departments; ties: accuracy, then the centre of the tied plateau)",
        "",
    ]

    # The classifier as built (its THRESHOLDS) and as cross-validated.
    candidates = classifier_candidates()
    predictions = classifier_predictions(statements, all_ids, candidates)
    dec_pred = predictions[:, :n_dec]
    built = boilerplate.decide(boilerplate.features(statements), boilerplate.THRESHOLDS).set_index("statement_id")
    built_b = built.loc[decided["statement_id"], "is_boilerplate"].to_numpy(dtype=bool)
    out.append("Classifier (analysis.boilerplate, THRESHOLDS: " + _describe(boilerplate.THRESHOLDS) + ")")
    out.append(format_scores("in sample (all labels)", in_sample := binary_scores(truth, built_b)))
    coords = classifier_coords()
    held, chosen = leave_departments_out(dec_pred, truth, groups, coords)
    out.append(format_scores("held out (leave one department out)", cross_validated := binary_scores(truth, held)))
    record("boilerplate", "F1 on boilerplate", SEED_IN_SAMPLE, in_sample["f1"], in_sample["n"])
    record("boilerplate", "F1 on boilerplate", SEED_CROSS_VALIDATED, cross_validated["f1"], cross_validated["n"])
    best = choose(dec_pred, truth, coords=coords)
    out.append(f"  CV choice on all departments: {_describe(candidates[best])}")
    counts = pd.Series([_describe(candidates[i]) for i in chosen.values()]).value_counts()
    out.append(f"  settings chosen across the {len(chosen)} folds: " + "; ".join(f"{n}x {s}" for s, n in counts.items()))
    if candidates[best] != boilerplate.THRESHOLDS:
        out.append("  (THRESHOLDS are chosen on all labelled groups, the seed page and each 2012 action: see the 2012-edition section)")
    built_border = built.loc[border["statement_id"], "is_boilerplate"].to_numpy(dtype=bool)
    out.append(_borderline_line("borderline items (classifier)", built_border))

    errors = decided.assign(method=built_b, method_reason=built.loc[decided["statement_id"], "boilerplate_reason"].fillna("").to_numpy())
    errors = errors[errors["method"] != truth]
    out.append(f"  disagreements with the hand labels, in sample ({len(errors)}):")
    for row in errors.itertuples(index=False):
        hand = f"B/{row.reason}" if row.label == "B" else "S"
        said = f"B/{row.method_reason}" if row.method else "S"
        text = " ".join(str(row.text).split())
        out.append(f"    hand {hand:<17} classifier {said:<17} {row.statement_id}: {text[:80]}{'...' if len(text) > 80 else ''}")

    # Reasons: agreement on the B items' reason and on substantive (5 classes).
    hand_reason = decided["reason"].where(decided["label"] == "B", SUBSTANTIVE).replace("", SUBSTANTIVE).fillna(SUBSTANTIVE)
    method_reason = built.loc[decided["statement_id"], "boilerplate_reason"].fillna(SUBSTANTIVE).to_numpy()
    classes = [SUBSTANTIVE, *BOILERPLATE_REASONS]
    scores, matrix = multiclass_scores(hand_reason, method_reason, classes)
    out.append(format_scores("reason (5 classes)", scores))
    out.append("  confusion matrix of reasons (rows: hand, columns: classifier):")
    out.extend("    " + line for line in matrix.to_string().splitlines())
    out.append("")

    # Published single measures.
    feats = built.loc[all_ids]
    f_dec = feats.iloc[:n_dec]
    f_border = feats.iloc[n_dec:]
    out.append("Published single measures as classifiers (same labels, same CV)")
    lsl_lines, lsl_best = _baseline(
        "Lang-Stice-Lawrence 4-gram >= k docs", f_dec["lsl_doc_count"].to_numpy(), LSL_GRID, truth, groups, lambda v, k: v >= k, "k={}"
    )
    out.extend(lsl_lines)
    sensitivity = "  ".join(
        f"k={k}: F1={binary_scores(truth, f_dec['lsl_doc_count'].to_numpy() >= k)['f1']:.3f} "
        f"acc={binary_scores(truth, f_dec['lsl_doc_count'].to_numpy() >= k)['accuracy']:.3f}"
        for k in LSL_GRID
    )
    out.append(f"    sensitivity over k (documents = department section sets, {statements.groupby(['action', 'dept_abbr']).ngroups} here): {sensitivity}")
    raw = boilerplate.lsl_doc_counts(statements, mask=False).set_axis(statements["statement_id"]).loc[decided["statement_id"]].to_numpy()
    raw_line = "  ".join(f"k={k}: F1={binary_scores(truth, raw >= k)['f1']:.3f}" for k in LSL_GRID[:6])
    out.append(f"    without masking department names (as published): {raw_line}")
    out.append(f"    the flag column lsl_boilerplate uses k={boilerplate.LSL_MIN_DOCUMENTS} (~30% of departments)")
    border_lines = [_borderline_line(f"borderline (LSL, k={lsl_best:d})", f_border["lsl_doc_count"].to_numpy() >= lsl_best)]

    for column, label in (("yoy_cosine", "year-on-year cosine >= t"), ("yoy_jaccard", "year-on-year Jaccard >= t")):
        values = f_dec[column].fillna(-1.0).to_numpy()
        lines, best_t = _baseline(label, values, SIMILARITY_GRID, truth, groups, lambda v, t: v >= t, "t={:.2f}")
        out.extend(lines)
        border_lines.append(_borderline_line(f"borderline ({column}, t={best_t:.2f})", f_border[column].fillna(-1.0).to_numpy() >= best_t))
    lines, best_s = _baseline(
        "specificity (Hope) <= t", f_dec["specificity"].to_numpy(), SPECIFICITY_GRID, truth, groups, lambda v, t: v <= t, "t={:.2f}"
    )
    out.extend(lines)
    border_lines.append(_borderline_line(f"borderline (specificity, t={best_s:.2f})", f_border["specificity"].to_numpy() <= best_s))
    lines, best_c = _baseline("vague language only: cues >= k", f_dec["n_vague_cues"].to_numpy(), CUE_GRID, truth, groups, lambda v, k: v >= k, "k={}")
    out.extend(lines)
    border_lines.append(_borderline_line(f"borderline (vague cues, k={best_c})", f_border["n_vague_cues"].to_numpy() >= best_c))
    out.append("")
    out.append("Borderline items, as each method calls them")
    out.append(_borderline_line("classifier", built_border))
    out.extend(border_lines)
    out.append("  the classifier's call on each borderline item:")
    for row, called in zip(border.itertuples(index=False), built.loc[border["statement_id"], "boilerplate_reason"].fillna("").to_numpy(), strict=True):
        text = " ".join(str(row.text).split())
        out.append(f"    {('B/' + called) if called else 'S':<17} {row.statement_id}: {text[:90]}{'...' if len(text) > 90 else ''}")
    return "\n".join(out)
