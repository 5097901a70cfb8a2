"""Every notebook: committed without outputs, in sync with its jupytext pair, and runs headless."""

from __future__ import annotations

from pathlib import Path

import jupytext
import nbformat
import pandas as pd
import pytest

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
def test_runs_headless_and_shows_its_charts(path: Path, report_site):
    """Run through nbclient (once, by the report fixture): no errors; every chart it exports is shown as an
    SVG output with its alt text, never as a dict of paths; its files are in the chart pack."""
    out, executed = report_site
    nb = executed[path.stem]
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    figures = out / "figures"
    index = pd.read_csv(figures / "index.csv", dtype=str, keep_default_na=False)
    mine = index[index["notebook"] == path.stem]
    assert len(mine), f"{path.name} exported no chart"
    shown = [o for o in outputs if o.output_type in {"display_data", "execute_result"} and "image/svg+xml" in o.get("data", {})]
    assert len(shown) == len(mine), f"{path.name}: {len(mine)} charts exported, {len(shown)} shown inline"
    for output in shown:
        assert output["data"]["image/svg+xml"].lstrip().startswith(("<?xml", "<svg"))
        assert "aria-label=" in output["data"]["text/html"]
    text = "".join(str(o.get("data", {}).get("text/plain", "")) + str(o.get("text", "")) for o in outputs)
    assert "PosixPath(" not in text and "<Figure size" not in text
    for name in mine["file"]:
        png = figures / f"{name}.png"
        assert png.stat().st_size > 5000, f"{png.name} looks empty"
        assert (figures / f"{name}.svg").stat().st_size > 2000
        assert len(pd.read_csv(figures / f"{name}.csv")) > 0, f"{name}.csv has no data"
        assert len((figures / f"{name}.alt.txt").read_text().strip()) > 40, f"{name} alt text too short"
    assert mine["title"].str.len().gt(10).all() and mine["subtitle"].str.len().gt(10).all()


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_ends_with_what_we_found(path: Path):
    """Each notebook ends with a "What we found" section whose sentences come from a tested function."""
    cells = nbformat.read(path, as_version=4).cells
    headings = [c.source for c in cells if c.cell_type == "markdown"]
    assert headings and headings[-1].strip() == "## What we found"
    assert "findings." in cells[-1].source
