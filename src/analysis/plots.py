"""The one chart style and exporter: every chart leaves as SVG + PNG + the CSV behind it + alt text.

Charts follow the UK Government Analysis Function's guidance: a message title (what to conclude),
a statistical subtitle (what is measured, over what), a source line, the Analysis Function's
colour-blind-safe palette, and direct labels rather than legends where possible. Exports are
byte-identical on rerun (fixed SVG hash salt, no dates in file metadata) and listed in
reports/figures/index.csv.

The backend is left to matplotlib (inline in JupyterLab, Agg when there is no display): `export`
returns a `ChartOutput` that shows itself as inline SVG (alt text as its accessible name, links to the
chart pack) in a notebook and in the HTML pages, whatever the backend.
"""

from __future__ import annotations

import contextlib
import fcntl
import html
import io
import os
import re
import textwrap
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.figure import Figure

from analysis import paths, periods
from analysis.outputs import write_atomic, write_table, write_text

STYLE = Path(__file__).with_name("styles") / "analysis-function.mplstyle"

# Analysis Function palettes (https://analysisfunction.civilservice.gov.uk/policy-store/data-visualisation-colours-in-charts/)
CATEGORICAL = ["#12436D", "#28A197", "#801650", "#F46A25", "#3D3D3D", "#A285D1"]
SEQUENTIAL = ["#12436D", "#2073BC", "#6BACE6"]
FOCUS, CONTEXT = "#12436D", "#BFBFBF"
TEXT = "#3D3D3D"
# Source lines: the charts of notebooks 01-04 pool both editions; notebook 05 also has 2012-only charts.
SOURCE_2012 = "Source: departments' responses to the Government Digital Strategy, December 2012 (alphagov/government-digital-strategy)"
# Follow-through reads the 2015 pages only (the 2012 edition has no progress text).
SOURCE_2015 = "Source: GOV.UK, Government Digital Strategy progress reports (updated 16 January 2015); project analysis"
SOURCE_DEFAULT = (
    "Source: departments' responses to the Government Digital Strategy, December 2012, and GOV.UK progress "
    "reports (updated 16 January 2015); project analysis"
)
# A page's charts link to the chart pack relative to the page's folder: the notebook's folder when run
# in JupyterLab (the kernel's working directory), reports/html/ when `make report` runs it.
PAGE_DIR_ENV = "ANALYSIS_PAGE_DIR"
INDEX_COLUMNS = ["file", "title", "subtitle", "source", "alt_text", "notebook", "page"]
# Heat-map cells resting on fewer statements than this are marked: a 0% or 100% from one sentence is not a finding.
THIN_CELL_STATEMENTS = 3
THIN_MARK = "*"
# Display labels of the follow-through statuses (the analysis writes the codes).
STATUS_LABELS = {
    "delivered": "Delivered",
    "partial": "Partial",
    "echoed": "Echoed",
    "not_reported": "Not reported",
    "not_applicable": "Not applicable",
    "pending": "Pending",
}


def sequential_cmap():
    """White to Analysis Function dark blue, for heat maps (values are also written in the cells)."""
    from matplotlib.colors import LinearSegmentedColormap

    return LinearSegmentedColormap.from_list("af_sequential", ["#FFFFFF", SEQUENTIAL[2], SEQUENTIAL[1], SEQUENTIAL[0]])


def use_style() -> None:
    """Apply the project style to every later figure in this process."""
    plt.style.use(STYLE)


def new_figure(width: float = 8.0, height: float = 5.0, **subplots) -> tuple[Figure, object]:
    """A figure in the project style with room above for title/subtitle and below for the source."""
    use_style()
    fig, axes = plt.subplots(figsize=(width, height), layout="constrained", **subplots)
    return fig, axes


def label_bars(ax, bars, fmt: str = "{:.0f}", inside: bool = False, color: str = TEXT) -> None:
    """Direct labels on each bar (at its end, or centred inside), instead of reading values off an axis."""
    ax.bar_label(bars, fmt=fmt, padding=0 if inside else 3, color=color, fontsize=8, label_type="center" if inside else "edge")


def heatmap(ax, grid: pd.DataFrame, fmt: str = "{:.0f}", *, vmin: float = 0, vmax: float | None = None,
            blank_zero: bool = False, missing: str = "\u2013", xlabels: list[str] | None = None, top_labels: bool = False,
            cell_lines: bool = False, marked: pd.DataFrame | None = None) -> None:
    """A labelled heat map: the value is written in every cell (no colour key to decode), white on dark cells.

    `blank_zero` leaves zero cells empty (sparse matrices); missing values show `missing`; the
    colour scale runs from `vmin` to `vmax` (default: the largest value). Cells where `marked` (same
    shape, booleans) is true get THIN_MARK after the value and a hatched outline: values resting on too
    little text to read as findings.
    """
    import numpy as np

    values = grid.to_numpy(dtype=float)
    finite = values[~np.isnan(values)]
    top = vmax if vmax is not None else (finite.max() if finite.size else 1.0)
    shown = np.where(values > 0, values, np.nan) if blank_zero else values
    ax.imshow(shown, cmap=sequential_cmap(), aspect="auto", vmin=vmin, vmax=top)
    ax.set_xticks(range(grid.shape[1]), xlabels if xlabels is not None else [periods.chart_label(c) for c in grid.columns])
    ax.set_yticks(range(grid.shape[0]), grid.index)
    if top_labels:
        ax.xaxis.tick_top()
    ax.grid(False)
    ax.tick_params(length=0)
    for spine in ax.spines.values():
        spine.set_visible(False)
    for (row, col), value in np.ndenumerate(values):
        if np.isnan(value):
            ax.text(col, row, missing, ha="center", va="center", fontsize=8, color=TEXT)
        elif not (blank_zero and value == 0):
            thin = marked is not None and bool(marked.iat[row, col])
            ax.text(col, row, fmt.format(value) + (THIN_MARK if thin else ""), ha="center", va="center", fontsize=8,
                    color="white" if value > vmin + (top - vmin) / 2 else TEXT, fontstyle="italic" if thin else "normal")
            if thin:
                from matplotlib.patches import Rectangle

                ax.add_patch(Rectangle((col - 0.5, row - 0.5), 1, 1, fill=False, hatch="//", edgecolor="#C8C8C8",
                                       linewidth=0, zorder=0.5))
    if cell_lines:
        ax.set_xticks(np.arange(-0.5, grid.shape[1]), minor=True)
        ax.set_yticks(np.arange(-0.5, grid.shape[0]), minor=True)
        ax.grid(which="minor", color="#E0E0E0", linewidth=0.5)
        ax.tick_params(which="minor", length=0)


def _decorate(fig: Figure, title: str, subtitle: str, source: str) -> None:
    """Title, subtitle and source at fixed distances (in inches) from the edges, whatever the figure's height."""
    width, height = fig.get_size_inches()
    title_lines = textwrap.wrap(title, max(36, int(width * 8.6))) or [""]  # characters per line at 13 pt bold
    subtitle_lines = textwrap.wrap(subtitle, max(48, int(width * 12.8))) or [""]  # at 10 pt
    source_lines = textwrap.wrap(source, max(60, int(width * 15.5))) or [""]  # at 8 pt: a long source wraps, never runs off
    bottom = 0.21 + 0.14 * len(source_lines)  # room below the plot for the source line(s)
    title_top = 0.12
    subtitle_top = title_top + 0.24 * len(title_lines) + 0.08
    plot_top = subtitle_top + 0.19 * len(subtitle_lines) + 0.15
    engine = fig.get_layout_engine()
    if engine is not None and hasattr(engine, "set"):
        engine.set(rect=(0.0, bottom / height, 1.0, 1 - bottom / height - plot_top / height))
    x = 0.12 / width
    fig.text(x, 1 - title_top / height, "\n".join(title_lines), ha="left", va="top", fontsize=13, fontweight="bold", color="#0B0C0C")
    fig.text(x, 1 - subtitle_top / height, "\n".join(subtitle_lines), ha="left", va="top", fontsize=10, color=TEXT)
    fig.text(x, 0.1 / height, "\n".join(source_lines), ha="left", va="bottom", fontsize=8, color=TEXT)


@dataclass
class Chart:
    """A finished chart before export: the figure and every word a reader needs beside it."""

    figure: Figure
    name: str
    title: str
    subtitle: str
    alt: str
    data: pd.DataFrame
    source: str = SOURCE_DEFAULT


def export(
    fig: Figure | Chart,
    name: str | None = None,
    *,
    title: str | None = None,
    subtitle: str | None = None,
    alt: str | None = None,
    data: pd.DataFrame | None = None,
    source: str = SOURCE_DEFAULT,
    notebook: str = "",
    page: str | None = None,
    out_dir: Path | None = None,
) -> ChartOutput:
    """Write NAME.svg, NAME.png (200 dpi), NAME.csv (the data shown) and NAME.alt.txt; index the chart.

    Takes a `Chart` (from analysis.report.charts) or a figure with its texts. Returns the chart as a
    `ChartOutput`, which a notebook displays inline; the figure itself is closed so that an inline
    backend does not show it a second time. `page` is the HTML page that shows the chart (default:
    the notebook's page).
    """
    if isinstance(fig, Chart):
        chart = fig
    else:
        chart = Chart(fig, name or "", title or "", subtitle or "", alt or "", data if data is not None else pd.DataFrame(), source)
    for label, value in (("title", chart.title), ("subtitle", chart.subtitle), ("alt text", chart.alt), ("source", chart.source)):
        if not value or not value.strip():
            raise ValueError(f"chart {chart.name!r} needs a {label}")
    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]*", chart.name):
        raise ValueError(f"chart name {chart.name!r}: letters, digits, '.', '_' and '-' only (it names files)")
    out_dir = Path(out_dir or paths.FIGURES)
    figure = chart.figure
    _decorate(figure, chart.title, chart.subtitle, chart.source)
    files = {ext: out_dir / f"{chart.name}.{ext}" for ext in ("svg", "png", "csv")}
    files["alt"] = out_dir / f"{chart.name}.alt.txt"
    payloads = {}
    for ext in ("svg", "png"):
        buffer = io.BytesIO()
        metadata = {"Date": None, "Creator": None} if ext == "svg" else {"Software": None}
        figure.savefig(buffer, format=ext, dpi=200, metadata=metadata)
        payloads[ext] = buffer.getvalue()
        write_atomic(files[ext], lambda tmp, payload=payloads[ext]: tmp.write_bytes(payload))
    plt.close(figure)
    write_table(chart.data, files["csv"])
    write_text(files["alt"], chart.alt.strip() + "\n")
    page = page if page is not None else (f"{notebook}.html" if notebook else "")
    _update_index(out_dir, {"file": chart.name, "title": chart.title, "subtitle": chart.subtitle, "source": chart.source,
                            "alt_text": chart.alt.strip(), "notebook": notebook, "page": page})
    return ChartOutput(chart.name, chart.title, chart.alt.strip(), payloads["svg"].decode("utf-8"), files)


@dataclass
class ChartOutput:
    """An exported chart as a reader sees it: inline SVG (text stays text), its alt text as the accessible
    name, and links to its files in the chart pack. Displays itself in Jupyter (`_repr_mimebundle_`)."""

    name: str
    title: str
    alt: str
    svg: str
    files: dict[str, Path] = field(default_factory=dict)

    def html(self, page_dir: Path | str | None = None) -> str:
        """The chart as an HTML <figure>, its links relative to `page_dir` (default: ANALYSIS_PAGE_DIR or the
        working directory, which is the notebook's folder in a kernel)."""
        page_dir = Path(page_dir or os.environ.get(PAGE_DIR_ENV) or Path.cwd())
        return figure_html(self.name, self.alt, self.svg, {k: relative_link(p, page_dir) for k, p in self.files.items()})

    def _repr_mimebundle_(self, include=None, exclude=None):
        return {"text/html": self.html(), "image/svg+xml": self.svg, "text/plain": f"Chart: {self.title}"}


def relative_link(path: Path, page_dir: Path) -> str:
    """A link from a page in `page_dir` to `path`, always relative (POSIX separators)."""
    return Path(os.path.relpath(Path(path).resolve(), Path(page_dir).resolve())).as_posix()


_SVG_NOISE = re.compile(r"<\?xml[^>]*\?>|<!DOCTYPE[^>]*>|<!--.*?-->|<metadata>.*?</metadata>", re.S)


def inline_svg(svg: str, prefix: str, alt: str) -> str:
    """An SVG file's text made fit to sit inside an HTML page beside other charts: no XML prolog; ids
    prefixed (two charts on a page must not share clip-path ids); role="img" with the alt text as its
    accessible name (aria-label and <title>); scaled to the width of the page."""
    svg = _SVG_NOISE.sub("", svg).strip()
    svg = re.sub(r'\bid="([^"]+)"', lambda m: f'id="{prefix}-{m.group(1)}"', svg)
    svg = re.sub(r"url\(#([^)]+)\)", lambda m: f"url(#{prefix}-{m.group(1)})", svg)
    svg = re.sub(r'((?:xlink:)?href)="#([^"]+)"', lambda m: f'{m.group(1)}="#{prefix}-{m.group(2)}"', svg)
    label = html.escape(alt, quote=True)
    svg = re.sub(r"<svg\b", f'<svg role="img" aria-label="{label}" style="max-width:100%;height:auto"', svg, count=1)
    return re.sub(r"(<svg\b[^>]*>)", lambda m: f"{m.group(1)}<title>{html.escape(alt)}</title>", svg, count=1)


FILE_LABELS = {"png": "PNG", "svg": "SVG", "csv": "data (CSV)", "alt": "alt text"}


def figure_html(name: str, alt: str, svg: str, links: dict[str, str]) -> str:
    """<figure> with the inline chart, then links to its files and its alt text to copy."""
    anchors = " · ".join(f'<a href="{html.escape(links[k])}">{label}</a>' for k, label in FILE_LABELS.items() if k in links)
    return (
        f'<figure class="chart" id="chart-{name}">{inline_svg(svg, name, alt)}'
        f"<figcaption>Download this chart: {anchors}"
        f"<details><summary>Alt text (to paste with the chart)</summary><p>{html.escape(alt)}</p></details>"
        "</figcaption></figure>"
    )


@contextlib.contextmanager
def _folder_lock(folder: Path) -> Iterator[None]:
    """Hold an exclusive lock on the folder itself while the block runs: notebooks run side by side (one
    kernel each) add their charts to one index, and a lock on the folder leaves no lock file in the chart pack."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing the descriptor releases the lock


def _update_index(out_dir: Path, row: dict[str, str]) -> None:
    with _folder_lock(out_dir):
        _rewrite_index(out_dir, row)


def _rewrite_index(out_dir: Path, row: dict[str, str]) -> None:
    index_path = out_dir / "index.csv"
    if index_path.exists():
        index = pd.read_csv(index_path, dtype=str, keep_default_na=False)
        index = index[index["file"] != row["file"]].reindex(columns=INDEX_COLUMNS, fill_value="")
    else:
        index = pd.DataFrame(columns=INDEX_COLUMNS)
    index = pd.concat([index, pd.DataFrame([row])], ignore_index=True).sort_values("file").reset_index(drop=True)
    write_table(index[INDEX_COLUMNS], index_path)
