"""Scores of the boilerplate classifier and of each published single measure against the hand labels.

The hand labels (`data/annotations/boilerplate_labels.csv`: B, S or borderline) are read here and
nowhere else. Every threshold, the classifier's and each baseline's, is chosen by leave-one-department-out
cross-validation: for each department, the setting with the best F1 (boilerplate = positive class) on the
other departments' labels is applied to that department's statements, and the held-out predictions of all
folds are scored together. Borderline items are never scored as B or S: the report says how each method
calls them. `report(processed_dir)` is what `python -m analysis evaluate` prints.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from analysis import boilerplate, paths, tables
from analysis.evaluate import SEED_CROSS_VALIDATED, SEED_IN_SAMPLE, binary_scores, cv, format_scores, join_labels, multiclass_scores, record
from analysis.vocabulary import BOILERPLATE_REASONS, SUBSTANTIVE

LABELS_FILE = "boilerplate_labels.csv"
LABEL_VALUES = ("B", "S", "borderline")

RESTATE_NEVER = 1.01
# Candidate settings searched by the cross-validation (classifier: every combination), in order.
CLASSIFIER_GRID: dict[str, tuple] = {
    "template_jaccard": (0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9),
    "repeat_containment": (0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9),
    "vague_max_balance": (0, 1, 2, 3, 4, 5, 6, 7, 8),
    "specific_weight": (1, 2, 3),
    "restate_share": (0.5, 0.6, 0.7, 0.8, 0.9, 1.0, RESTATE_NEVER),
}
"""The last restate_share never fires (a share is at most 1): the CV may also choose to leave that rule out."""
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


def choose(predictions: np.ndarray, truth: np.ndarray, mask: np.ndarray | None = None, coords: np.ndarray | None = None) -> int:
    """The candidate `cv.choose` picks by F1 on boilerplate (ties: accuracy, then the plateau centre)."""
    return cv.choose(predictions, truth, cv.f1_then_accuracy, mask, coords)


def leave_departments_out(
    predictions: np.ndarray, truth: np.ndarray, groups: np.ndarray, coords: np.ndarray | None = None
) -> tuple[np.ndarray, dict[str, int]]:
    """Held-out predictions: each department's items predicted with the candidate chosen on the others.
    Also returns the candidate chosen for each held-out department."""
    result = cv.cross_validate(predictions, truth, groups, cv.f1_then_accuracy, coords)
    return result.held_out, result.chosen


def classifier_candidates() -> list[boilerplate.Thresholds]:
    """Every combination of `CLASSIFIER_GRID`, as Thresholds (the fixed settings as in THRESHOLDS)."""
    names = list(CLASSIFIER_GRID)
    values, _ = cv.grid(list(CLASSIFIER_GRID.values()))
    return [boilerplate.THRESHOLDS.replace(**dict(zip(names, v, strict=True))) for v in values]


def classifier_coords() -> np.ndarray:
    """Grid positions (candidate x setting) of `classifier_candidates`, for the plateau-centre tie-break."""
    return cv.grid(list(CLASSIFIER_GRID.values()))[1]


def classifier_predictions(statements: pd.DataFrame, ids: pd.Series, candidates: list[boilerplate.Thresholds]) -> np.ndarray:
    """Boolean matrix: candidate x statement in `ids` (is_boilerplate under that candidate's settings, as
    `boilerplate.decide` calls it: the same `boilerplate.calls`, on features built once per template threshold)."""
    by_template: dict[float, tuple] = {}
    rows = []
    for t in candidates:
        if t.template_jaccard not in by_template:
            feats = boilerplate.features(statements, t)
            where = pd.Index(feats["statement_id"]).get_indexer(ids)
            by_template[t.template_jaccard] = (boilerplate.signals(feats, t), where)
        sig, where = by_template[t.template_jaccard]
        rows.append(boilerplate.calls(sig, t).is_boilerplate[where])
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


@dataclass
class Scored:
    """The labelled items as scored: B/S items (`decided`, truth and department of each) and borderline
    ones (`border`), with the classifier's table as built (indexed by statement_id)."""

    decided: pd.DataFrame
    border: pd.DataFrame
    truth: np.ndarray
    groups: np.ndarray
    built: pd.DataFrame

    @property
    def ids(self) -> pd.Series:
        """Statement ids: the B/S items, then the borderline ones."""
        return pd.concat([self.decided["statement_id"], self.border["statement_id"]], ignore_index=True)


def scored(data: Labelled, statements: pd.DataFrame) -> Scored:
    frame = data.frame
    built = boilerplate.decide(boilerplate.features(statements), boilerplate.THRESHOLDS).set_index("statement_id")
    return Scored(
        frame[frame["label"] != "borderline"].reset_index(drop=True),
        frame[frame["label"] == "borderline"].reset_index(drop=True),
        data.truth,
        data.groups,
        built,
    )


def header_lines(labels: pd.DataFrame, data: Labelled, items: Scored) -> list[str]:
    truth, groups = items.truth, items.groups
    return [
        "Boilerplate vs substantive (data/annotations/boilerplate_labels.csv; positive class = boilerplate B)",
        f"  labels: {len(labels)} rows, {int(truth.sum())} B, {int((~truth).sum())} S, {len(items.border)} borderline "
        f"(reported apart); {data.unmatched} not matched to a statement; {len(set(groups))} departments",
        "  thresholds chosen by leave-one-department-out CV (best F1 on the other departments; ties: accuracy, then the centre of the tied plateau)",
        "",
    ]


def classifier_lines(statements: pd.DataFrame, items: Scored) -> list[str]:
    """The classifier as built (its THRESHOLDS, in sample) and as cross-validated; records both F1s."""
    truth, decided = items.truth, items.decided
    candidates = classifier_candidates()
    coords = classifier_coords()
    predictions = classifier_predictions(statements, decided["statement_id"], candidates)
    built_b = items.built.loc[decided["statement_id"], "is_boilerplate"].to_numpy(dtype=bool)
    out = ["Classifier (analysis.boilerplate, THRESHOLDS: " + _describe(boilerplate.THRESHOLDS) + ")"]
    out.append(format_scores("in sample (all labels)", in_sample := binary_scores(truth, built_b)))
    held, chosen = leave_departments_out(predictions, truth, items.groups, coords)
    out.append(format_scores("held out (leave one department out)", cross_validated := binary_scores(truth, held)))
    record("boilerplate", "F1 on boilerplate", SEED_IN_SAMPLE, in_sample["f1"], in_sample["n"])
    record("boilerplate", "F1 on boilerplate", SEED_CROSS_VALIDATED, cross_validated["f1"], cross_validated["n"])
    best = choose(predictions, truth, coords=coords)
    out.append(f"  CV choice on all departments: {_describe(candidates[best])}")
    counts = pd.Series([_describe(candidates[i]) for i in chosen.values()]).value_counts()
    out.append(f"  settings chosen across the {len(chosen)} folds: " + "; ".join(f"{n}x {s}" for s, n in counts.items()))
    if candidates[best] != boilerplate.THRESHOLDS:
        out.append("  (THRESHOLDS are chosen on all labelled groups, the seed page and each 2012 action: see the 2012-edition section)")
    out.append(_borderline_line("borderline items (classifier)", _built_border(items)))
    return out


def _built_border(items: Scored) -> np.ndarray:
    return items.built.loc[items.border["statement_id"], "is_boilerplate"].to_numpy(dtype=bool)


def disagreement_lines(items: Scored) -> list[str]:
    """The B/S items where the classifier as built and the hand label differ."""
    decided, truth, built = items.decided, items.truth, items.built
    built_b = built.loc[decided["statement_id"], "is_boilerplate"].to_numpy(dtype=bool)
    errors = decided.assign(method=built_b, method_reason=built.loc[decided["statement_id"], "boilerplate_reason"].fillna("").to_numpy())
    errors = errors[errors["method"] != truth]
    out = [f"  disagreements with the hand labels, in sample ({len(errors)}):"]
    for row in errors.itertuples(index=False):
        hand = f"B/{row.reason}" if row.label == "B" else "S"
        said = f"B/{row.method_reason}" if row.method else "S"
        text = " ".join(str(row.text).split())
        out.append(f"    hand {hand:<17} classifier {said:<17} {row.statement_id}: {text[:80]}{'...' if len(text) > 80 else ''}")
    return out


def reason_lines(items: Scored) -> list[str]:
    """Agreement on the B items' reason and on substantive (5 classes), with the confusion matrix."""
    decided = items.decided
    hand_reason = decided["reason"].where(decided["label"] == "B", SUBSTANTIVE).replace("", SUBSTANTIVE).fillna(SUBSTANTIVE)
    method_reason = items.built.loc[decided["statement_id"], "boilerplate_reason"].fillna(SUBSTANTIVE).to_numpy()
    scores, matrix = multiclass_scores(hand_reason, method_reason, [SUBSTANTIVE, *BOILERPLATE_REASONS])
    return [
        format_scores("reason (5 classes)", scores),
        "  confusion matrix of reasons (rows: hand, columns: classifier):",
        *("    " + line for line in matrix.to_string().splitlines()),
    ]


def single_measure_lines(statements: pd.DataFrame, items: Scored) -> tuple[list[str], list[str]]:
    """Each published single measure as a classifier (same labels, same CV); also how each, at its
    chosen threshold, calls the borderline items."""
    truth, groups, n_dec = items.truth, items.groups, len(items.decided)
    feats = items.built.loc[items.ids]
    f_dec = feats.iloc[:n_dec]
    f_border = feats.iloc[n_dec:]
    out = ["Published single measures as classifiers (same labels, same CV)"]
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
    raw = boilerplate.lsl_doc_counts(statements, mask=False).set_axis(statements["statement_id"]).loc[items.decided["statement_id"]].to_numpy()
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
    return out, border_lines


def borderline_lines(items: Scored, measures: list[str]) -> list[str]:
    """How the classifier and each single measure call the borderline items, then each item's call."""
    out = ["Borderline items, as each method calls them", _borderline_line("classifier", _built_border(items)), *measures]
    out.append("  the classifier's call on each borderline item:")
    calls = items.built.loc[items.border["statement_id"], "boilerplate_reason"].fillna("").to_numpy()
    for row, called in zip(items.border.itertuples(index=False), calls, strict=True):
        text = " ".join(str(row.text).split())
        out.append(f"    {('B/' + called) if called else 'S':<17} {row.statement_id}: {text[:90]}{'...' if len(text) > 90 else ''}")
    return out


def report(processed_dir: Path = paths.PROCESSED, annotations_dir: Path = paths.ANNOTATIONS) -> str:
    """The boilerplate section of `make evaluate`."""
    statements = load_statements(processed_dir)
    try:
        labels = load_labels(annotations_dir)
    except LabelsError as err:
        return f"Boilerplate: cannot evaluate: {err}"
    data = labelled(labels, statements)
    items = scored(data, statements)
    measures, border_measures = single_measure_lines(statements, items)
    return "\n".join([
        *header_lines(labels, data, items),
        *classifier_lines(statements, items),
        *disagreement_lines(items),
        *reason_lines(items),
        "",
        *measures,
        "",
        *borderline_lines(items, border_measures),
    ])
