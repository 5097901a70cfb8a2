"""The Excel workbook for checking by hand: a README sheet (one row per column, plain text), then one
sheet per processed table. Per-statement sheets carry the department, the period and the statement's
text beside the labels, so an analyst filters and reads without joining tables.
"""

from __future__ import annotations

import datetime as dt
import io
import re

import pandas as pd

from analysis import periods, schemas
from analysis.report.data import plain_text

FIXED_TIME = dt.datetime(2015, 1, 16)  # the pages' "Updated" date: workbook metadata does not change between runs
# Columns copied from the statements table into per-statement sheets, with their README description.
CONTEXT = {
    "department": "The department's name (copied from the statements table, so the sheet reads on its own).",
    "period": "The reporting period in words, e.g. 2014 plans (from the statements table's section).",
    "text": "The statement, verbatim (copied from the statements table).",
}
INITIATIVE_NAME = "The initiative's canonical name (copied from the initiatives table)."


def _context(statements: pd.DataFrame, key: str) -> pd.DataFrame:
    out = statements[["statement_id", "department", "section", "text"]].rename(columns={"statement_id": key})
    return out.assign(period=out["section"].map(periods.text_label))[[key, "department", "period", "text"]]


def with_context(tables: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """Per-statement sheets with department, period and text placed right after the statement id."""
    statements = tables.get("statements")
    if statements is None:
        return dict(tables)
    out = dict(tables)
    if "boilerplate" in tables:
        frame = tables["boilerplate"]
        out["boilerplate"] = _context(statements, "statement_id").merge(frame, on="statement_id", how="right", validate="one_to_one")
    if "initiative_mentions" in tables:
        frame = tables["initiative_mentions"]
        if "initiatives" in tables:
            names = tables["initiatives"][["initiative_id", "name"]].rename(columns={"name": "initiative"})
            frame = frame.merge(names, on="initiative_id", how="left", validate="many_to_one")
        merged = _context(statements, "statement_id").merge(frame, on="statement_id", how="right", validate="one_to_many")
        first = ["statement_id", "department", "period", "text", *(["initiative"] if "initiative" in merged else [])]
        out["initiative_mentions"] = merged[first + [c for c in merged.columns if c not in first]]
    if "follow_through" in tables:
        frame = tables["follow_through"]
        columns = list(frame.columns)
        frame = frame.assign(period=frame["plan_section"].map(periods.text_label))
        at = columns.index("plan_section") + 1
        out["follow_through"] = frame[[*columns[:at], "period", *columns[at:]]]
    return out


def readme_sheet(sheets: dict[str, pd.DataFrame] | None = None) -> pd.DataFrame:
    """One row per column of every sheet: the data dictionary as plain text (no Markdown)."""
    rows = []
    for stem, model in schemas.TABLES.items():
        schema = model.to_schema()
        table_doc = plain_text(model.__doc__ or "")
        described = {name: (str(column.dtype), column.description or "") for name, column in schema.columns.items()}
        columns = list(sheets[stem].columns) if sheets and stem in sheets else list(described)
        for name in columns:
            dtype, description = described.get(name, ("str", CONTEXT.get(name, INITIATIVE_NAME if name == "initiative" else "")))
            dtype = dtype.replace("string[pyarrow]", "str").replace("string[python]", "str")
            rows.append({"sheet": stem, "table": table_doc, "column": name, "type": dtype, "description": plain_text(description)})
    return pd.DataFrame(rows)


def workbook_bytes(tables: dict[str, pd.DataFrame], extra: dict[str, pd.DataFrame] | None = None) -> bytes:
    """An .xlsx with a README sheet then one sheet per table: frozen header row, filters, widths fitted to content."""
    from openpyxl.utils import get_column_letter

    buffer = io.BytesIO()
    sheets = with_context(tables)
    sheets = {"README": readme_sheet(sheets), **sheets, **(extra or {})}
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        for name, frame in sheets.items():
            frame.to_excel(writer, sheet_name=name[:31], index=False)
            sheet = writer.sheets[name[:31]]
            sheet.freeze_panes = "A2"
            sheet.auto_filter.ref = sheet.dimensions
            for i, column in enumerate(frame.columns, start=1):
                values = frame[column].astype("str").str.len().fillna(0)  # missing values have no length
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
