"""Follow-through statuses against the hand labels (data/annotations/follow_through_labels.csv).

Prints, for the method as built (data/processed/follow_through.csv): agreement, Cohen's kappa and the
confusion matrix of the status; agreement on testability; and every disagreement. Then two checks that
choose thresholds from the labels, both by leave-one-department-out cross-validation (every plan is
scored by thresholds chosen on the other departments only):

- the method's own thresholds (`analysis.followthrough.Thresholds`) re-chosen on a grid, to show how
  much the hand-set constants could be bettered and what survives held out;
- the baseline that only thresholds the best similarity score (`score`): >= high delivered, >= low
  partial, else not_reported.

Labels are read here and nowhere else.
"""

from __future__ import annotations

import itertools
from pathlib import Path

import numpy as np
import pandas as pd

from analysis import followthrough, paths, tables
from analysis.evaluate import binary_scores, format_scores, join_labels, multiclass_scores
from analysis.vocabulary import EVALUATED_STATUSES

LABELS = paths.ANNOTATIONS / "follow_through_labels.csv"
STATUSES = list(EVALUATED_STATUSES)

# Threshold grid of the cross-validation (the defaults are on it).
GRID = {
    "match": (0.05, 0.10, 0.15, 0.20, 0.25, 0.30),
    "echo": (0.4, 0.5, 0.6, 0.7, 0.8),
    "repeat": (0.5, 0.6, 0.7, 0.8),
    "coverage": (0.2, 0.3, 0.4, 0.5),
}
BASELINE_STEPS = tuple(float(x) for x in np.round(np.arange(0.0, 1.0001, 0.025), 3))


def load_labels(statements: pd.DataFrame, labels_path: Path = LABELS) -> pd.DataFrame:
    """Hand labels joined to plan statement ids (rows that match no statement keep an empty id)."""
    labels = pd.read_csv(labels_path, dtype=str, keep_default_na=False)
    return join_labels(labels, statements, text_column="plan_text", section_column="plan_section")


def read_inputs(processed_dir: Path) -> tuple[pd.DataFrame | None, pd.DataFrame | None, pd.DataFrame | None]:
    """The boilerplate, initiative-mention and initiative tables the build wrote, when it wrote them."""

    def read(name: str) -> pd.DataFrame | None:
        return tables.read(name, processed_dir) if tables.path(name, processed_dir).exists() else None

    return read("boilerplate"), read("initiative_mentions"), read("initiatives")


def _best(grid_agreement: np.ndarray, candidates: list[tuple], default: tuple) -> int:
    """Index of the best candidate: highest agreement, then closest to the default, then first."""
    distance = [sum(abs(a - b) for a, b in zip(c, default)) for c in candidates]
    order = sorted(range(len(candidates)), key=lambda i: (-grid_agreement[i], distance[i], i))
    return order[0]


def cross_validate(predictions: np.ndarray, truth: np.ndarray, groups: np.ndarray, candidates: list[tuple], default: tuple):
    """Leave-one-group-out: for each group, the candidate best on the other groups predicts it.

    `predictions` is candidates x items. Returns the held-out predictions and the chosen candidate per group.
    """
    correct = predictions == truth[None, :]
    held_out = np.empty(len(truth), dtype=object)
    chosen: dict[str, tuple] = {}
    for group in sorted(set(groups)):
        train = groups != group
        agreement = correct[:, train].mean(axis=1)
        best = _best(agreement, candidates, default)
        held_out[~train] = predictions[best, ~train]
        chosen[group] = candidates[best]
    return held_out, chosen


def _matrix_text(matrix: pd.DataFrame) -> str:
    return "\n".join("    " + line for line in matrix.to_string().splitlines())


def report(processed_dir: Path) -> str:
    processed_dir = Path(processed_dir)
    table_path = processed_dir / "follow_through.csv"
    statements_path = processed_dir / "statements.parquet"
    if not table_path.exists() or not statements_path.exists():
        return "Follow-through: no data/processed/follow_through.csv; run `make data` first"
    statements = tables.read("statements", processed_dir)
    table = tables.read("follow_through", processed_dir)
    joined = load_labels(statements)
    unmatched = joined[joined["statement_id"].isna()]
    joined = joined[joined["statement_id"].notna()].reset_index(drop=True)
    method = table.set_index("plan_statement_id").loc[joined["statement_id"]].reset_index()
    truth = joined["status"].to_numpy()
    groups = joined["dept_abbr"].to_numpy()

    out = [f"Follow-through (data/annotations/follow_through_labels.csv: {len(joined)} hand-coded plans of {joined['dept_abbr'].nunique()} departments)"]
    if len(unmatched):
        out.append(f"  {len(unmatched)} label rows match no statement: " + "; ".join(f"{r.dept_abbr} {r.plan_section}" for r in unmatched.itertuples()))

    scores, matrix = multiclass_scores(truth, method["status"], STATUSES)
    out += ["", format_scores("method (as built)", scores), "  confusion matrix (rows: hand, columns: method):", _matrix_text(matrix)]
    testable = binary_scores(joined["testable"].eq("yes"), method["plan_testable"])
    out.append(format_scores("testable (yes/no)", {k: testable[k] for k in ("n", "accuracy", "kappa", "precision", "recall")}))

    # the method's thresholds, re-chosen by leave-one-department-out cross-validation
    boilerplate, mentions, initiatives = read_inputs(processed_dir)
    matcher = followthrough.Matcher(statements, boilerplate, followthrough.with_types(mentions, initiatives))
    names = list(GRID)
    candidates = list(itertools.product(*(GRID[n] for n in names)))
    default = tuple(getattr(followthrough.DEFAULT_THRESHOLDS, n) for n in names)
    ids = joined["statement_id"]
    predictions = np.array(
        [matcher.table(followthrough.Thresholds(**dict(zip(names, c)))).set_index("plan_statement_id").loc[ids, "status"].to_numpy() for c in candidates]
    )
    in_sample = (predictions == truth[None, :]).mean(axis=1)
    held_out, chosen = cross_validate(predictions, truth, groups, candidates, default)
    cv_scores, cv_matrix = multiclass_scores(truth, held_out, STATUSES)
    best = _best(in_sample, candidates, default)
    kept = sum(1 for c in chosen.values() if c == default)
    out += [
        "",
        f"  thresholds ({', '.join(names)}): constants {default}; best on all labels {candidates[best]} "
        f"(agreement {in_sample[best]:.3f}); the constants are kept in {kept} of {len(chosen)} folds",
        format_scores("method, thresholds re-chosen (held out)", cv_scores),
        _matrix_text(cv_matrix),
    ]

    # baseline: thresholds on the best similarity score only
    score = method["score"].astype(float).to_numpy()
    pairs = [(lo, hi) for lo in BASELINE_STEPS for hi in BASELINE_STEPS if lo <= hi]
    base_predictions = np.array([followthrough.similarity_baseline(pd.Series(score), lo, hi).to_numpy() for lo, hi in pairs])
    base_held_out, base_chosen = cross_validate(base_predictions, truth, groups, pairs, (0.15, 0.5))
    base_scores, base_matrix = multiclass_scores(truth, base_held_out, STATUSES)
    base_in_sample = (base_predictions == truth[None, :]).mean(axis=1)
    base_best = _best(base_in_sample, pairs, (0.15, 0.5))
    common = pd.Series([str(c) for c in base_chosen.values()]).value_counts()
    out += [
        "",
        format_scores("baseline: best-score thresholds (held out)", base_scores),
        f"  (low, high) most often chosen {common.index[0]} in {common.iloc[0]} of {len(base_chosen)} folds; "
        f"best on all labels {pairs[base_best]} with agreement {base_in_sample[base_best]:.3f}",
        _matrix_text(base_matrix),
    ]

    wrong = method[method["status"].to_numpy() != truth].assign(hand=truth[method["status"].to_numpy() != truth])
    out += ["", f"  disagreements ({len(wrong)}): plan id, hand -> method, method's reason"]
    for r in wrong.itertuples():
        out.append(f"    {r.plan_statement_id:<30} {r.hand:>13} -> {r.status:<13} {r.status_reason}")
    wrong_t = method[method["plan_testable"].to_numpy() != joined["testable"].eq("yes").to_numpy()]
    for r in wrong_t.itertuples():
        out.append(f"    {r.plan_statement_id:<30} testable: hand {'no' if r.plan_testable else 'yes'}, method {'yes' if r.plan_testable else 'no'}")
    return "\n".join(out)
