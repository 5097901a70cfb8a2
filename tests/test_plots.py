"""The chart style and exporter: palette, required text, the four files, the index, byte-identical reruns."""

from __future__ import annotations

import re

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from analysis import plots

# The UK Government Analysis Function's categorical palette, in its published order.
ANALYSIS_FUNCTION = ["#12436D", "#28A197", "#801650", "#F46A25", "#3D3D3D", "#A285D1"]


def _chart():
    fig, ax = plots.new_figure(6, 4)
    bars = ax.barh(["A", "B", "C"], [3, 5, 8], color=plots.FOCUS)
    plots.label_bars(ax, bars)
    return fig, pd.DataFrame({"group": ["A", "B", "C"], "value": [3, 5, 8]})


def test_style_uses_the_analysis_function_palette():
    plots.use_style()
    cycle = [c.upper() if c.startswith("#") else "#" + c.upper() for c in plt.rcParams["axes.prop_cycle"].by_key()["color"]]
    assert cycle == ANALYSIS_FUNCTION
    assert plots.CATEGORICAL == ANALYSIS_FUNCTION
    assert len(set(cycle)) == 6


def test_export_writes_four_files_and_index(tmp_path):
    fig, data = _chart()
    shown = plots.export(fig, "demo", title="C is largest", subtitle="Value by group, 3 groups", alt="Bar chart: A 3, B 5, C 8.",
                         data=data, notebook="test", out_dir=tmp_path)
    files = shown.files
    assert sorted(p.name for p in tmp_path.iterdir()) == ["demo.alt.txt", "demo.csv", "demo.png", "demo.svg", "index.csv"]
    assert files["png"].read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    svg = files["svg"].read_text()
    assert "C is largest" in svg  # text kept as text, not paths
    assert pd.read_csv(files["csv"]).equals(data)
    index = pd.read_csv(tmp_path / "index.csv")
    assert index.loc[0, "title"] == "C is largest" and index.loc[0, "notebook"] == "test" and index.loc[0, "page"] == "test.html"
    assert not plt.fignum_exists(fig.number)  # closed: an inline backend does not show it a second time


def test_export_returns_the_chart_for_display_not_paths(tmp_path):
    fig, data = _chart()
    shown = plots.export(plots.Chart(fig, "shown", "A title", "A subtitle", "Bars A, B & C: 3 < 8.", data), out_dir=tmp_path / "figures")
    bundle = shown._repr_mimebundle_()
    assert bundle["image/svg+xml"] == (tmp_path / "figures" / "shown.svg").read_text()
    assert "PosixPath" not in str(bundle)
    assert all(not h.startswith("/") for h in re.findall(r'href="([^"]+)"', bundle["text/html"]))  # relative links only
    page = shown.html(tmp_path / "html")
    assert 'role="img" aria-label="Bars A, B &amp; C: 3 &lt; 8."' in page
    assert '<title>Bars A, B &amp; C: 3 &lt; 8.</title>' in page
    assert 'href="../figures/shown.png"' in page and 'href="../figures/shown.csv"' in page
    assert "<?xml" not in page and "<!DOCTYPE" not in page


def test_inline_svgs_do_not_share_ids():
    svg = '<?xml version="1.0"?><svg width="1"><defs><clipPath id="p1"><rect/></clipPath></defs><g clip-path="url(#p1)"><use xlink:href="#m2"/></g></svg>'
    out = plots.inline_svg(svg, "chart-a", "alt")
    assert 'id="chart-a-p1"' in out and "url(#chart-a-p1)" in out and 'xlink:href="#chart-a-m2"' in out
    assert 'id="p1"' not in out


def test_png_is_at_least_200_dpi(tmp_path):
    from PIL import Image

    fig, data = _chart()
    files = plots.export(fig, "dpi", title="t" * 5, subtitle="s" * 5, alt="a" * 5, data=data, out_dir=tmp_path).files
    with Image.open(files["png"]) as image:
        assert image.size[0] >= 6 * 200 - 10


def test_export_is_byte_identical_on_rerun(tmp_path):
    outputs = []
    for run in ("a", "b"):
        fig, data = _chart()
        files = plots.export(fig, "same", title="Title here", subtitle="Subtitle", alt="Alt text", data=data, out_dir=tmp_path / run).files
        outputs.append({k: p.read_bytes() for k, p in files.items()})
    assert outputs[0] == outputs[1]


def test_reexport_replaces_its_index_row(tmp_path):
    for title in ("First title", "Second title"):
        fig, data = _chart()
        plots.export(fig, "x", title=title, subtitle="s", alt="a", data=data, out_dir=tmp_path)
        plt.close(fig)
    index = pd.read_csv(tmp_path / "index.csv")
    assert index["title"].tolist() == ["Second title"]


@pytest.mark.parametrize("missing", ["title", "subtitle", "alt"])
def test_export_refuses_missing_text(tmp_path, missing):
    fig, data = _chart()
    kwargs = {"title": "T", "subtitle": "S", "alt": "A", missing: "  "}
    with pytest.raises(ValueError, match="needs a"):
        plots.export(fig, "bad", data=data, out_dir=tmp_path, **kwargs)
    plt.close(fig)
    assert not list(tmp_path.iterdir())


def test_heatmap_writes_every_value_and_skips_blank_zeros():
    grid = pd.DataFrame({"progress_2013": [0.0, 3.0], "plan_2014": [float("nan"), 8.0]}, index=["AGO", "CO"])
    fig, ax = plots.new_figure(4, 3)
    plots.heatmap(ax, grid)
    texts = sorted(t.get_text() for t in ax.texts)
    assert texts == ["0", "3", "8", "\u2013"]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["Progress\n2013", "Plans\n2014"]
    white = [t.get_text() for t in ax.texts if t.get_color() == "white"]
    assert white == ["8"]  # only cells above the middle of the scale
    plt.close(fig)
    fig, ax = plots.new_figure(4, 3)
    plots.heatmap(ax, grid, blank_zero=True)
    assert sorted(t.get_text() for t in ax.texts) == ["3", "8", "\u2013"]
    plt.close(fig)


def test_charts_added_side_by_side_all_reach_the_index(tmp_path):
    """Notebooks run two at a time add rows to one chart index: none is lost to a concurrent rewrite."""
    from concurrent.futures import ThreadPoolExecutor

    rows = [{column: f"{column}-{i}" for column in plots.INDEX_COLUMNS} | {"file": f"chart-{i:02d}"} for i in range(40)]
    with ThreadPoolExecutor(max_workers=4) as pool:
        list(pool.map(lambda row: plots._update_index(tmp_path, row), rows))
    index = pd.read_csv(tmp_path / "index.csv", dtype=str)
    assert list(index["file"]) == [f"chart-{i:02d}" for i in range(40)]
    assert list(tmp_path.iterdir()) == [tmp_path / "index.csv"]  # the lock leaves no file behind
