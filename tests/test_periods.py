"""Reporting periods: names, time order, the plan -> progress pairing and labels, from one module."""

from __future__ import annotations

import re
import sys

import pytest

from analysis import periods


def test_the_series_periods_in_time_order():
    assert periods.NAMES == ("commitment_2012", "progress_2013", "plan_2014", "progress_2014", "plan_2015")
    assert list(periods.NAMES) == periods.in_order(reversed(periods.NAMES))
    assert all(re.fullmatch(periods.PATTERN, name) for name in periods.NAMES)


@pytest.mark.parametrize(
    "plan, progress",
    [("plan_2014", "progress_2014"), ("commitment_2012", "progress_2013"), ("plan_2015", "progress_2015"), ("progress_2014", None)],
)
def test_reported_in_pairs_plans_with_progress(plan, progress):
    assert periods.reported_in(plan) == progress


def test_plan_progress_pairs_stay_inside_the_series():
    assert periods.PLAN_PROGRESS == {"commitment_2012": "progress_2013", "plan_2014": "progress_2014", "plan_2015": None}


def test_order_of_periods_outside_the_series():
    assert periods.in_order(["progress_2016", "plan_2016", "plan_2015", "progress_2015"]) == [
        "plan_2015", "progress_2015", "plan_2016", "progress_2016"
    ]


@pytest.mark.parametrize("bad", ["progress_14", "update_2014", "plan", "", "plan_2014x"])
def test_malformed_names_are_refused(bad):
    with pytest.raises(ValueError, match="unknown section"):
        periods.split(bad)


def test_kind_year_and_labels():
    assert (periods.kind("plan_2014"), periods.year("plan_2014")) == ("plan", 2014)
    assert periods.text_label("commitment_2012") == "2012 commitments"
    assert periods.text_label("progress_2013") == "2013 progress"
    assert periods.chart_label("plan_2015") == "Plans\n2015"
    assert periods.chart_label("plan_2016") == "plan_2016"  # not in the series: the name itself
    assert periods.spelled_out(["a", "b", "c"]) == "a, b or c"


def test_a_new_period_needs_one_entry(monkeypatch):
    """Adding a period to PERIODS is enough for the schemas to know it (its share column in departments)."""
    import importlib.util

    from analysis import schemas

    extended = (*periods.PERIODS, periods.Period(periods.PROGRESS, 2015, "Progress\n2015"))
    monkeypatch.setattr(periods, "PERIODS", extended)
    monkeypatch.setattr(periods, "NAMES", tuple(p.name for p in extended))
    spec = importlib.util.spec_from_file_location("schemas_with_a_new_period", schemas.__file__)
    copy = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, spec.name, copy)  # pandera resolves the models' annotations there
    spec.loader.exec_module(copy)  # a fresh copy: the imported analysis.schemas is left as it is
    assert "substantive_share_progress_2015" in copy.columns("departments")
    assert "substantive_share_progress_2015" not in schemas.columns("departments")
