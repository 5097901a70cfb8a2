"""Data contracts: the schemas reject what they should, and docs/data-dictionary.md is current."""

from __future__ import annotations

import pytest
from pandera.errors import SchemaError, SchemaErrors

from analysis import paths, schemas


def test_data_dictionary_is_current():
    committed = paths.DATA_DICTIONARY.read_text(encoding="utf-8")
    assert committed == schemas.render_data_dictionary() + "\n", "run `make docs` and commit docs/data-dictionary.md"


def test_every_column_is_described():
    for name, model in schemas.TABLES.items():
        for column, spec in model.to_schema().columns.items():
            assert spec.description, f"{name}.{column} has no description"


@pytest.mark.parametrize(
    "column, bad",
    [("section", "progress_2099x"), ("statement_id", "DWP-7"), ("year", 1999), ("section_kind", "other"), ("text", "")],
)
def test_statements_schema_rejects(seed_statements, column, bad):
    frame = seed_statements.copy()
    frame.loc[0, column] = bad
    with pytest.raises((SchemaError, SchemaErrors)):
        schemas.Statements.validate(frame)


def test_statements_schema_rejects_duplicate_ids_and_extra_columns(seed_statements):
    frame = seed_statements.copy()
    frame.loc[1, "statement_id"] = frame.loc[0, "statement_id"]
    with pytest.raises((SchemaError, SchemaErrors)):
        schemas.Statements.validate(frame)
    with pytest.raises((SchemaError, SchemaErrors)):
        schemas.Statements.validate(seed_statements.assign(extra=1))
