"""The report: workbook layout and metadata, HTML without code cells."""

from __future__ import annotations

import io

import nbformat
import openpyxl
import pandas as pd
from openpyxl.utils import get_column_letter

from analysis import report, schemas


def test_workbook_has_readme_then_tables_frozen_and_stable(seed_statements):
    tables = {"statements": seed_statements}
    payload = report.workbook_bytes(tables)
    assert payload == report.workbook_bytes(tables)  # same tables, same bytes
    book = openpyxl.load_workbook(io.BytesIO(payload))
    assert book.sheetnames == ["README", "statements"]
    sheet = book["statements"]
    assert sheet.freeze_panes == "A2"
    assert [c.value for c in sheet[1]] == list(seed_statements.columns)
    assert sheet.max_row == len(seed_statements) + 1
    text_column = get_column_letter(list(seed_statements.columns).index("text") + 1)
    assert sheet.column_dimensions[text_column].width >= 40  # the text column is wide enough to read
    readme = pd.read_excel(io.BytesIO(payload), sheet_name="README")
    described = readme[readme["sheet"] == "statements"]
    assert described["column"].tolist() == list(schemas.Statements.to_schema().columns)
    assert described["description"].str.len().gt(10).all()


def test_html_hides_code_cells():
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell("# A heading for readers"), nbformat.v4.new_code_cell("secret_variable = 41\nprint(secret_variable + 1)")]
    nb.cells[1].outputs = [nbformat.v4.new_output("stream", name="stdout", text="42\n")]
    html = report.notebook_html(nb, "demo")
    assert "A heading for readers" in html and "42" in html
    assert "secret_variable" not in html
