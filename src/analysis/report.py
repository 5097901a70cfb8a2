"""`make report`: run every notebook headless, publish HTML without code, the chart pack and a workbook.

What analysts hand on comes from this one command: reports/figures/ (SVG, PNG, CSV and alt text per
chart, indexed in index.csv, written by the notebooks through analysis.plots), reports/html/ (each
notebook as a page with its code cells hidden) and reports/tables/digital-strategy-analysis.xlsx
(one sheet per processed table plus a README sheet generated from the schemas).
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re
from pathlib import Path

import nbformat
import pandas as pd
from nbclient import NotebookClient
from nbconvert import HTMLExporter

from analysis import paths, schemas
from analysis.outputs import write_atomic, write_text
from analysis.tables import read as read_table

WORKBOOK = "digital-strategy-analysis.xlsx"
FIXED_TIME = dt.datetime(2015, 1, 16)  # the pages' "Updated" date: workbook metadata does not change between runs


def execute_notebook(path: Path, timeout: int = 600) -> nbformat.NotebookNode:
    """Run a notebook top to bottom in the project's kernel, in notebooks/, and return it with outputs."""
    nb = nbformat.read(path, as_version=4)
    NotebookClient(nb, timeout=timeout, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}).execute()
    return nb


def notebook_html(nb: nbformat.NotebookNode, title: str) -> str:
    """HTML of an executed notebook without its code cells (prose, tables and charts only)."""
    exporter = HTMLExporter(template_name="lab")
    exporter.exclude_input = True
    exporter.exclude_input_prompt = True
    exporter.exclude_output_prompt = True
    body, _ = exporter.from_notebook_node(nb, resources={"metadata": {"name": title}})
    return body


def readme_sheet() -> pd.DataFrame:
    """One row per column of every table: the data dictionary as a sheet."""
    rows = []
    for stem, model in schemas.TABLES.items():
        schema = model.to_schema()
        table_doc = " ".join((model.__doc__ or "").split())
        for name, column in schema.columns.items():
            dtype = str(column.dtype).replace("string[pyarrow]", "str").replace("string[python]", "str")
            rows.append({"sheet": stem, "table": table_doc, "column": name, "type": dtype, "description": column.description or ""})
    return pd.DataFrame(rows)


def workbook_bytes(tables: dict[str, pd.DataFrame]) -> bytes:
    """An .xlsx with a README sheet then one sheet per table: frozen header row, widths fitted to content."""
    from openpyxl.utils import get_column_letter

    buffer = io.BytesIO()
    sheets = {"README": readme_sheet(), **tables}
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        for name, frame in sheets.items():
            frame.to_excel(writer, sheet_name=name[:31], index=False)
            sheet = writer.sheets[name[:31]]
            sheet.freeze_panes = "A2"
            sheet.auto_filter.ref = sheet.dimensions
            for i, column in enumerate(frame.columns, start=1):
                values = frame[column].astype("str").str.len().fillna(0)  # a column of empty cells has no lengths
                width = max(len(str(column)), int(values.quantile(0.9)) if len(values) else 0)
                sheet.column_dimensions[get_column_letter(i)].width = min(max(width + 2, 8), 80)
        book = writer.book
        book.properties.created = FIXED_TIME
        book.properties.modified = FIXED_TIME
        book.properties.creator = "analysis (make report)"
    return _fixed_zip_times(buffer.getvalue())


def _fixed_zip_times(payload: bytes) -> bytes:
    """Rewrite the .xlsx zip with fixed member dates, so the same tables give the same bytes."""
    import zipfile

    source = zipfile.ZipFile(io.BytesIO(payload))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = info.external_attr
            data = source.read(info.filename)
            if info.filename == "docProps/core.xml":  # openpyxl stamps the save time here
                stamp = FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", lambda m: m.group(1) + stamp, data)
            target.writestr(fixed, data)
    return out.getvalue()


def build_report(notebooks: list[Path] | None = None, processed: Path | None = None, out: Path | None = None) -> list[Path]:
    """Execute the notebooks (which write the chart pack), then write HTML pages and the workbook."""
    notebooks = notebooks if notebooks is not None else sorted(paths.NOTEBOOKS.glob("*.ipynb"))
    processed = Path(processed or paths.PROCESSED)
    out = Path(out or paths.REPORTS)
    os.environ.setdefault("MPLBACKEND", "Agg")
    figures = Path(os.environ.get("ANALYSIS_FIGURES_DIR", paths.FIGURES))
    if figures.is_dir():  # the chart pack is rebuilt whole, so the index lists only current charts
        for old in figures.iterdir():
            if old.is_file() and old.name != ".gitkeep":
                old.unlink()
    written: list[Path] = []
    for path in notebooks:
        nb = execute_notebook(path)
        html_path = out / "html" / f"{path.stem}.html"
        write_text(html_path, notebook_html(nb, path.stem))
        written.append(html_path)
    tables = {stem: read_table(stem, processed) for stem in schemas.TABLES}
    payload = workbook_bytes(tables)
    workbook = out / "tables" / WORKBOOK
    write_atomic(workbook, lambda tmp: tmp.write_bytes(payload))
    written.append(workbook)
    return written
