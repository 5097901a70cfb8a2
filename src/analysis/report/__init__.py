"""The report layer: what a reader sees.

- `charts`: every chart, one function of the tables each (figure, title, subtitle, alt text, data);
- `findings`: "What we found" sentences generated from the tables, and the reliability beside them;
- `pages`: the front page and the department cards (HTML);
- `workbook`: the Excel workbook for checking by hand;
- `build`: `make report` (runs the notebooks, writes everything under reports/);
- `data`: the report's reads (processed tables, the scores table, the data log).

Notebooks import `charts` and `findings` only; the heavier `build` (nbclient, nbconvert) loads on use.
"""

from __future__ import annotations

_LAZY = {"build_report": "build", "execute_notebook": "build", "notebook_html": "build", "WORKBOOK": "build",
         "workbook_bytes": "workbook", "readme_sheet": "workbook"}


def __getattr__(name: str):
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(f"{__name__}.{_LAZY[name]}"), name)
    raise AttributeError(name)
