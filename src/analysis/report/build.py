"""`make report`: run every notebook headless, then publish what analysts read and hand on.

reports/figures/  the chart pack (SVG, PNG, CSV, alt text per chart; index.csv), written by the notebooks
                  and the department cards through analysis.plots
reports/html/     index.html (front page), one page per notebook without code, departments/<abbr>.html
reports/tables/   the processed tables as CSV, scores.csv (from `make evaluate`), the Excel workbook
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import nbformat
import pandas as pd
from nbclient import NotebookClient
from nbconvert import HTMLExporter

from analysis import paths, plots, schemas
from analysis.outputs import write_atomic, write_table, write_text
from analysis.report import charts, pages
from analysis.report.data import read, read_scores
from analysis.report.workbook import workbook_bytes

WORKBOOK = "digital-strategy-analysis.xlsx"


def execute_notebook(path: Path, timeout: int = 600) -> nbformat.NotebookNode:
    """Run a notebook top to bottom in the project's kernel, in notebooks/, and return it with outputs."""
    nb = nbformat.read(path, as_version=4)
    NotebookClient(nb, timeout=timeout, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}).execute()
    return nb


def _execute_all(notebooks: list[Path]) -> list[nbformat.NotebookNode]:
    """Every notebook executed, in order, two at a time where there are two cores: each runs in its own
    kernel process, so the report takes about half as long; the chart index they share is locked
    (`plots._update_index`) and sorted, so the outputs do not depend on which finishes first."""
    workers = max(1, min(2, os.cpu_count() or 1, len(notebooks)))
    with ThreadPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(execute_notebook, notebooks))


def notebook_html(nb: nbformat.NotebookNode, title: str) -> str:
    """HTML of an executed notebook without its code cells (prose, tables and charts only), with the site's
    header linking back to the front page."""
    exporter = HTMLExporter(template_name="lab")
    exporter.exclude_input = True
    exporter.exclude_input_prompt = True
    exporter.exclude_output_prompt = True
    body, _ = exporter.from_notebook_node(nb, resources={"metadata": {"name": title}})
    # No scripts from a CDN (mermaid, MathJax, require.js): the pages have no diagrams or maths and must work offline.
    body = re.sub(r"<script\b[^>]*>(?:(?!</script>).)*?(?:https?://|mathjax|MathJax)(?:(?!</script>).)*</script>", "", body, flags=re.S)
    body = re.sub(r"<script[^>]*src=\"https?://[^\"]*\"[^>]*>\s*</script>", "", body)
    style = "<style>" + pages.CSS.replace("body{", "body.site{") + "</style>"
    body = body.replace("</head>", style + "\n</head>", 1)
    return re.sub(r"(<body[^>]*>)", lambda m: m.group(1) + "\n" + pages.nav_header(""), body, count=1)


@contextlib.contextmanager
def _environment(**values: str) -> Iterator[None]:
    """Set environment variables for the kernels started inside the block, then restore them."""
    saved = {k: os.environ.get(k) for k in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def _clear(folder: Path, pattern: str) -> None:
    if folder.is_dir():
        for old in folder.glob(pattern):
            if old.is_file() and old.name != ".gitkeep":
                old.unlink()


def department_cards(site: pages.Site, tables: dict[str, pd.DataFrame], scores: pd.DataFrame) -> dict[str, Path]:
    """Write one card per department (and its chart into the chart pack); abbreviation -> page. A department
    has few plans, so the card shows them as a table of plan beside evidence rather than as a second chart."""
    statements = tables["statements"]
    written = {}
    for abbr in sorted(statements["dept_abbr"].unique(), key=str.lower):
        slug = pages.slug(abbr)
        page = f"departments/{slug}.html"
        own = statements[statements["dept_abbr"] == abbr]
        name = own["department"].iloc[0]
        chart_names = {}
        chart = charts.reasons_by_period(own, tables["boilerplate"][tables["boilerplate"]["statement_id"].isin(own["statement_id"])],
                                         name=f"dept-{slug}-reasons", who=name)
        plots.export(chart, page=page, out_dir=site.figures)
        chart_names["reasons"] = chart.name
        path = site.html / page
        write_text(path, pages.department_card(site, abbr, tables, scores, chart_names))
        written[abbr] = path
    return written


def build_report(notebooks: list[Path] | None = None, processed: Path | None = None, out: Path | None = None,
                 executed: dict[str, nbformat.NotebookNode] | None = None) -> list[Path]:
    """Execute the notebooks (which write the chart pack), then the department cards, the front page,
    the tables and the workbook. Everything under `out` (default reports/) is rebuilt whole. Pass a dict
    as `executed` to keep each executed notebook (with its outputs) by name."""
    notebooks = notebooks if notebooks is not None else sorted(paths.NOTEBOOKS.glob("*.ipynb"))
    site = pages.Site(Path(out or paths.REPORTS).resolve())
    _clear(site.figures, "*")
    _clear(site.html, "*.html")
    _clear(site.html / "departments", "*.html")
    written: list[Path] = []
    tables = {stem: read(stem, processed) for stem in schemas.TABLES}
    for stem, frame in tables.items():
        written.append(site.tables / f"{stem}.csv")
        write_table(frame, written[-1])
    scores = read_scores(site.tables / "scores.csv")
    notebook_pages = []
    with _environment(ANALYSIS_REPORTS_DIR=str(site.out), ANALYSIS_FIGURES_DIR=str(site.figures),
                      **{plots.PAGE_DIR_ENV: str(site.html)}, MPLBACKEND=os.environ.get("MPLBACKEND", "Agg")):
        for path, nb in zip(notebooks, _execute_all(notebooks), strict=True):
            if executed is not None:
                executed[path.stem] = nb
            html_path = site.html / f"{path.stem}.html"
            write_text(html_path, notebook_html(nb, path.stem))
            notebook_pages.append(html_path)
    cards = department_cards(site, tables, scores)
    written += [*notebook_pages, *cards.values()]
    payload = workbook_bytes(tables, extra={"scores": scores} if not scores.empty else None)
    workbook = site.tables / WORKBOOK
    write_atomic(workbook, lambda tmp: tmp.write_bytes(payload))
    written.append(workbook)
    front = site.html / "index.html"
    write_text(front, pages.front_page(site, tables, scores, notebook_pages, cards))
    written.append(front)
    return written


__all__ = ["build_report", "execute_notebook", "notebook_html"]
