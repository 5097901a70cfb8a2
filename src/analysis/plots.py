"""The one chart style and exporter: every chart leaves as SVG + PNG + the CSV behind it + alt text.

Charts follow the UK Government Analysis Function's guidance: a message title (what to conclude),
a statistical subtitle (what is measured, over what), a source line, the Analysis Function's
colour-blind-safe palette, and direct labels rather than legends where possible. Exports are
byte-identical on rerun (fixed SVG hash salt, no dates in file metadata) and listed in
reports/figures/index.csv.
"""

from __future__ import annotations

import io
import textwrap
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from analysis import paths, periods  # noqa: E402
from analysis.outputs import write_atomic, write_table, write_text  # noqa: E402

STYLE = Path(__file__).with_name("styles") / "analysis-function.mplstyle"

# Analysis Function palettes (https://analysisfunction.civilservice.gov.uk/policy-store/data-visualisation-colours-in-charts/)
CATEGORICAL = ["#12436D", "#28A197", "#801650", "#F46A25", "#3D3D3D", "#A285D1"]
SEQUENTIAL = ["#12436D", "#2073BC", "#6BACE6"]
FOCUS, CONTEXT = "#12436D", "#BFBFBF"
TEXT = "#3D3D3D"
SOURCE_DEFAULT = "Source: GOV.UK, Government Digital Strategy progress reports (updated 16 January 2015); project analysis"
# Display labels of the follow-through statuses (the analysis writes the codes).
STATUS_LABELS = {
    "delivered": "Delivered",
    "partial": "Partial",
    "echoed": "Echoed",
    "not_reported": "Not reported",
    "not_applicable": "Not applicable",
    "pending": "Pending",
}
INDEX_COLUMNS = ["file", "title", "subtitle", "source", "alt_text", "notebook"]


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
            cell_lines: bool = False) -> None:
    """A labelled heat map: the value is written in every cell (no colour key to decode), white on dark cells.

    `blank_zero` leaves zero cells empty (sparse matrices); missing values show `missing`; the
    colour scale runs from `vmin` to `vmax` (default: the largest value).
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
            ax.text(col, row, fmt.format(value), ha="center", va="center", fontsize=8,
                    color="white" if value > vmin + (top - vmin) / 2 else TEXT)
    if cell_lines:
        ax.set_xticks(np.arange(-0.5, grid.shape[1]), minor=True)
        ax.set_yticks(np.arange(-0.5, grid.shape[0]), minor=True)
        ax.grid(which="minor", color="#E0E0E0", linewidth=0.5)
        ax.tick_params(which="minor", length=0)


def _decorate(fig: Figure, title: str, subtitle: str, source: str) -> None:
    """Title, subtitle and source at fixed distances (in inches) from the edges, whatever the figure's height."""
    width, height = fig.get_size_inches()
    wrap = max(40, int(width * 11))  # characters per line at these font sizes
    title_lines = textwrap.wrap(title, wrap) or [""]
    subtitle_lines = textwrap.wrap(subtitle, int(wrap * 1.3)) or [""]
    title_top = 0.12
    subtitle_top = title_top + 0.24 * len(title_lines) + 0.08
    plot_top = subtitle_top + 0.19 * len(subtitle_lines) + 0.15
    engine = fig.get_layout_engine()
    if engine is not None and hasattr(engine, "set"):
        engine.set(rect=(0.0, 0.35 / height, 1.0, 1 - 0.35 / height - plot_top / height))
    x = 0.12 / width
    fig.text(x, 1 - title_top / height, "\n".join(title_lines), ha="left", va="top", fontsize=13, fontweight="bold", color="#0B0C0C")
    fig.text(x, 1 - subtitle_top / height, "\n".join(subtitle_lines), ha="left", va="top", fontsize=10, color=TEXT)
    fig.text(x, 0.1 / height, source, ha="left", va="bottom", fontsize=8, color=TEXT)


def export(
    fig: Figure,
    name: str,
    *,
    title: str,
    subtitle: str,
    alt: str,
    data: pd.DataFrame,
    source: str = SOURCE_DEFAULT,
    notebook: str = "",
    out_dir: Path | None = None,
) -> dict[str, Path]:
    """Write NAME.svg, NAME.png (200 dpi), NAME.csv (the data shown) and NAME.alt.txt; index the chart."""
    for label, value in (("title", title), ("subtitle", subtitle), ("alt text", alt), ("source", source)):
        if not value or not value.strip():
            raise ValueError(f"chart {name!r} needs a {label}")
    out_dir = Path(out_dir or paths.FIGURES)
    _decorate(fig, title, subtitle, source)
    files = {ext: out_dir / f"{name}.{ext}" for ext in ("svg", "png", "csv")}
    files["alt"] = out_dir / f"{name}.alt.txt"
    for ext in ("svg", "png"):
        buffer = io.BytesIO()
        metadata = {"Date": None, "Creator": None} if ext == "svg" else {"Software": None}
        fig.savefig(buffer, format=ext, dpi=200, metadata=metadata)
        payload = buffer.getvalue()
        write_atomic(files[ext], lambda tmp, payload=payload: tmp.write_bytes(payload))
    write_table(data, files["csv"])
    write_text(files["alt"], alt.strip() + "\n")
    _update_index(out_dir, {"file": name, "title": title, "subtitle": subtitle, "source": source, "alt_text": alt.strip(), "notebook": notebook})
    return files


def _update_index(out_dir: Path, row: dict[str, str]) -> None:
    index_path = out_dir / "index.csv"
    if index_path.exists():
        index = pd.read_csv(index_path, dtype=str, keep_default_na=False)
        index = index[index["file"] != row["file"]]
    else:
        index = pd.DataFrame(columns=INDEX_COLUMNS)
    index = pd.concat([index, pd.DataFrame([row])], ignore_index=True).sort_values("file").reset_index(drop=True)
    write_table(index[INDEX_COLUMNS], index_path)
