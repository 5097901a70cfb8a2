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
