"""Shared test fixtures: the seed page, the fixture pages of the series, and a tidy seed table."""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis import paths

PAGES = paths.DATA / "external" / "series-fragments"  # real fragments of other pages of the series
SEED = paths.RAW / "action04-support-improved-digital-capability.txt"


@pytest.fixture(scope="session")
def seed_path() -> Path:
    return SEED


@pytest.fixture(scope="session")
def seed_document():
    from analysis.parse import parse_file

    return parse_file(SEED)


@pytest.fixture(scope="session")
def seed_statements(seed_document):
    from analysis.segment import statements

    frame, _ = statements([seed_document])
    return frame


@pytest.fixture(autouse=True)
def _figures_to_tmp(tmp_path, monkeypatch):
    """Charts made by tests go to a temporary folder, never into reports/figures/."""
    monkeypatch.setattr(paths, "FIGURES", tmp_path / "figures")


# Headline scores written by hand for the report tests: distinctive values that appear in the pages only
# if the pages read the scores table (nothing typed).
FIXTURE_SCORES = """analysis,measure,corpus,value,n
boilerplate,F1 on boilerplate,"other pages, partly in sample",0.321,61
boilerplate,F1 on boilerplate,"seed page, cross-validated",0.654,186
follow-through,agreement with hand coding,"other pages, partly in sample",0.123,17
follow-through,Cohen's kappa,"other pages, partly in sample",0.045,17
follow-through,agreement with hand coding,"seed page, in sample",0.876,51
initiatives,recall of names,"other pages, partly in sample",0.432,8
"""


@pytest.fixture(scope="session")
def report_site(tmp_path_factory):
    """`make report` once for the whole session, into a temporary folder: (folder, executed notebooks)."""
    if not (paths.PROCESSED / "statements.parquet").exists():
        pytest.fail("data/processed is empty: run `make data` first (make test does)")
    from analysis.report import build_report

    out = tmp_path_factory.mktemp("reports")
    (out / "tables").mkdir()
    (out / "tables" / "scores.csv").write_text(FIXTURE_SCORES, encoding="utf-8")
    executed: dict = {}
    build_report(out=out, executed=executed)
    return out, executed
