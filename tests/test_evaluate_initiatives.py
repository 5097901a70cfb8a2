"""The initiative evaluation's cross-validation over actions and pages (analysis.evaluate.initiatives)."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis import initiatives as ini
from analysis import paths, tables
from analysis.evaluate import initiatives as ev


def _statements(rows: list[tuple[str, str]]) -> pd.DataFrame:
    return pd.DataFrame(
        {"statement_id": [f"s{i}" for i in range(len(rows))], "dept_abbr": ["DfT"] * len(rows),
         "section": ["progress_2014"] * len(rows), "text": [t for _, t in rows], "group": [g for g, _ in rows]}
    )


def test_group_items_count_gold_names_and_each_groups_false_positives():
    statements = _statements([("a", "We ran the Boat Academy and Dock Live."), ("b", "The Quay Manual was published.")])
    groups = ev.Groups(
        {g: statements[statements["group"] == g] for g in ("a", "b")},
        {"a": [ev.Name("Boat Academy", key="Boat Academy"), ev.Name("Harbour Week", key="Harbour Week")],
         "b": [ev.Name("Quay Manual", key="Quay Manual")]},
    )
    predictions, truth, item_groups, items = ev.group_items(groups, [ini.extract(statements)])
    # group a: Boat Academy found, Harbour Week missed, Dock Live a name with no gold; group b: Quay Manual found
    assert dict(zip(items, truth, strict=True)) == {
        ("a", "gold: Boat Academy"): True, ("a", "gold: Harbour Week"): True, ("b", "gold: Quay Manual"): True,
        ("a", "predicted: dock live"): False,
    }
    assert dict(zip(items, predictions[0], strict=True)) == {
        ("a", "gold: Boat Academy"): True, ("a", "gold: Harbour Week"): False, ("b", "gold: Quay Manual"): True,
        ("a", "predicted: dock live"): True,
    }
    assert list(item_groups) == ["a", "a", "b", "a"]
    assert ev.names_prf(truth, predictions[0]) == {"n_pred": 3, "n_gold": 3, "tp": 2, "precision": 2 / 3, "recall": 2 / 3, "f1": 2 / 3}


@pytest.fixture(scope="module")
def all_statements():
    """Both editions' statements as `make data` built them (make test builds first)."""
    if not (paths.PROCESSED / "statements.parquet").exists():
        pytest.fail("data/processed is empty: run `make data` first (make test does)")
    return tables.read("statements")


def test_settings_are_the_cross_validation_choice(all_statements):
    groups = ev.labelled_groups(all_statements)
    assert set(groups.gold) == {"seed page", *(f"action {a}" for a in range(1, 8))}
    candidates = ev.settings_candidates()
    predictions, truth, _, _ = ev.group_items(groups, [ini.extract(all_statements, settings=c) for c in candidates])
    chosen = ev.cv.choose(predictions, truth, ev.cv.f1_then_accuracy, coords=ev.settings_coords())
    assert candidates[chosen] == ini.SETTINGS
