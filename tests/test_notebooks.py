"""Every notebook: committed without outputs, in sync with its jupytext pair, and runs headless."""

from __future__ import annotations

from pathlib import Path

import jupytext
import nbformat
import pandas as pd
import pytest
from nbclient import NotebookClient

from analysis import paths

NOTEBOOKS = sorted(paths.NOTEBOOKS.glob("*.ipynb"))


def test_there_are_notebooks():
    assert NOTEBOOKS, "notebooks/ has no .ipynb files"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_committed_without_outputs(path: Path):
    nb = nbformat.read(path, as_version=4)
    dirty = [i for i, c in enumerate(nb.cells) if c.cell_type == "code" and (c.outputs or c.execution_count)]
    assert not dirty, f"{path.name}: cells {dirty} have outputs; run `jupyter nbconvert --clear-output`"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_paired_script_in_sync(path: Path):
    script = path.with_suffix(".py")
    assert script.exists(), f"{path.name} has no paired {script.name} (jupytext)"
    from_ipynb = [c.source for c in nbformat.read(path, as_version=4).cells]
    from_py = [c.source for c in jupytext.read(script).cells]
    assert from_ipynb == from_py, f"{path.name} and {script.name} differ: run `jupytext --sync {script}`"


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_runs_headless(path: Path, tmp_path: Path, monkeypatch):
    if not (paths.PROCESSED / "statements.parquet").exists():
        pytest.fail("data/processed is empty: run `make data` first (make test does)")
    monkeypatch.setenv("ANALYSIS_FIGURES_DIR", str(tmp_path / "figures"))
    monkeypatch.setenv("MPLBACKEND", "Agg")
    nb = nbformat.read(path, as_version=4)
    NotebookClient(nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(paths.NOTEBOOKS)}}).execute()
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    assert not errors
    figures = tmp_path / "figures"
    pngs = sorted(figures.glob("*.png"))
    assert pngs, f"{path.name} exported no chart"
    index = pd.read_csv(figures / "index.csv", dtype=str, keep_default_na=False)
    assert sorted(index["file"]) == sorted(p.stem for p in pngs)
    for png in pngs:
        assert png.stat().st_size > 5000, f"{png.name} looks empty"
        assert png.with_suffix(".svg").stat().st_size > 2000
        assert len(pd.read_csv(png.with_suffix(".csv"))) > 0, f"{png.stem}.csv has no data"
        assert len(png.with_suffix(".alt.txt").read_text().strip()) > 40, f"{png.stem} alt text too short"
    assert (index["notebook"] == path.stem).all()
    assert index["title"].str.len().gt(10).all() and index["subtitle"].str.len().gt(10).all()
