"""Scores of each analysis against the hand-made labels in data/annotations/.

Each module in this package scores one analysis and exposes `report(processed_dir) -> str`;
`run_all` finds them, so adding an evaluation needs no edit here. Shared here: the metrics and the
join of hand labels (keyed by department, section and verbatim text) to statement ids.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from pathlib import Path

import pandas as pd
from sklearn.metrics import accuracy_score, cohen_kappa_score, confusion_matrix, precision_recall_fscore_support

from analysis import paths, vocabulary


def norm_text(text: str) -> str:
    """Fold white space and apostrophes so hand-copied text meets parsed text."""
    return " ".join(str(text).replace("\u2019", "'").replace("\u2018", "'").split())


def join_labels(labels: pd.DataFrame, statements: pd.DataFrame, text_column: str = "text", section_column: str = "section") -> pd.DataFrame:
    """Attach statement_id to each label row by (dept_abbr, section, normalised text).

    Rows that match no statement keep statement_id empty: the evaluation reports them instead of
    dropping them silently.
    """
    keyed = statements.assign(_key=statements["text"].map(norm_text))[["statement_id", "dept_abbr", "section", "_key"]]
    keyed = keyed.drop_duplicates(["dept_abbr", "section", "_key"])
    left = labels.assign(_key=labels[text_column].map(norm_text))
    merged = left.merge(
        keyed.rename(columns={"section": section_column}), how="left", on=["dept_abbr", section_column, "_key"], validate="many_to_one"
    )
    return merged.drop(columns="_key")


def binary_scores(truth: pd.Series, predicted: pd.Series, positive=True) -> dict[str, float]:
    """Accuracy, precision, recall, F1 (of the positive class) and Cohen's kappa."""
    truth, predicted = list(truth), list(predicted)
    p, r, f, _ = precision_recall_fscore_support(truth, predicted, pos_label=positive, average="binary", zero_division=0)
    return {
        "n": len(truth),
        "accuracy": accuracy_score(truth, predicted),
        "precision": p,
        "recall": r,
        "f1": f,
        "kappa": cohen_kappa_score(truth, predicted),
    }


def multiclass_scores(truth: pd.Series, predicted: pd.Series, labels: list[str]) -> tuple[dict[str, float], pd.DataFrame]:
    """Agreement, Cohen's kappa and the confusion matrix (rows: hand labels, columns: method)."""
    truth, predicted = list(truth), list(predicted)
    matrix = pd.DataFrame(confusion_matrix(truth, predicted, labels=labels), index=labels, columns=labels)
    matrix.index.name, matrix.columns.name = "hand", "method"
    return {"n": len(truth), "agreement": accuracy_score(truth, predicted), "kappa": cohen_kappa_score(truth, predicted, labels=labels)}, matrix


def format_scores(name: str, scores: dict[str, float]) -> str:
    parts = [f"{k}={v:.3f}" if isinstance(v, float) else f"{k}={v}" for k, v in scores.items()]
    return f"  {name:<38} " + "  ".join(parts)


# The headline scores, as a table the report reads (reports/tables/scores.csv, written by `make evaluate`):
# each evaluation records its main figures with `record` while it writes its report.
SCORE_COLUMNS = ["analysis", "measure", "corpus", "value", "n"]
# The corpus labels are named once, in `analysis.vocabulary`.
SEED_IN_SAMPLE, SEED_CROSS_VALIDATED = vocabulary.SEED_IN_SAMPLE, vocabulary.SEED_CROSS_VALIDATED
EDITION_2012_IN_SAMPLE, EDITION_2012_CROSS_VALIDATED = vocabulary.EDITION_2012_IN_SAMPLE, vocabulary.EDITION_2012_CROSS_VALIDATED
HELD_OUT = vocabulary.OTHER_PAGES
_recorded: list[dict] = []


def record(analysis: str, measure: str, corpus: str, value: float, n: int) -> None:
    """Note one headline score of the current `run_all` (one row of the scores table)."""
    _recorded.append({"analysis": analysis, "measure": measure, "corpus": corpus, "value": round(float(value), 3), "n": int(n)})


def scores() -> pd.DataFrame:
    """The scores recorded by the last `run_all`, one row per analysis, measure and corpus."""
    frame = pd.DataFrame(_recorded, columns=SCORE_COLUMNS).drop_duplicates(["analysis", "measure", "corpus"], keep="last")
    return frame.sort_values(["analysis", "measure", "corpus"], kind="stable").reset_index(drop=True)


def run_all(processed_dir: Path = paths.PROCESSED, pages_dir: Path | None = None, labels_dir: Path | None = None) -> str:
    """Every evaluation's report, in module-name order (their headline scores: `scores()`). `pages_dir`: the
    folder of page excerpts no rule was written from (not in the repository), and `labels_dir` their labels
    (None: the module's default), passed to the evaluations whose `report` takes them (`evaluate.unseen`)."""
    _recorded.clear()
    out = []
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{__name__}.{info.name}")
        if hasattr(module, "report"):
            given = {"pages_dir": pages_dir, "labels_dir": labels_dir}
            options = {k: v for k, v in given.items() if k in inspect.signature(module.report).parameters}
            out.append(module.report(Path(processed_dir), **options))
    return "\n\n".join(out) if out else "no evaluations yet"
