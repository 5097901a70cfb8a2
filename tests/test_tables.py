"""tables.read: every processed table comes back with its model's columns, dtypes and values."""

from __future__ import annotations

import pandas as pd
import pytest
from pandera.errors import SchemaError, SchemaErrors

from analysis import schemas, tables
from analysis.outputs import write_table


def _frame() -> pd.DataFrame:
    """Two follow-through department rows, one with empty rates (missing values must survive the CSV)."""
    return schemas.build(
        "follow_through_departments",
        pd.DataFrame(
            {
                "action": [4, 4], "department": ["Department for Work and Pensions", "Home Office"], "dept_abbr": ["DWP", "HO"],
                "plans": [3, 0], "testable_plans": [2, 0], "delivered": [1, 0], "partial": [1, 0], "echoed": [0, 0],
                "not_reported": [1, 0], "not_applicable": [0, 0], "pending": [2, 1], "testable_delivered_or_partial": [2, 0],
                "delivery_rate": [1.0, None], "testable_share": [2 / 3, None],
            }
        ),
    )


def test_read_restores_dtypes_and_missing_values(tmp_path):
    frame = _frame()
    write_table(frame, tmp_path / "follow_through_departments.csv")
    back = tables.read("follow_through_departments", tmp_path)
    pd.testing.assert_frame_equal(back, frame)
    assert back["delivery_rate"].isna().tolist() == [False, True]


def test_empty_text_stays_text_and_empty_nullable_is_missing():
    """vague_cues may not be missing ("" when there is no cue); boilerplate_reason is missing when substantive."""
    if not tables.path("boilerplate").exists():
        pytest.skip("run `make data` first (make test does)")
    table = tables.read("boilerplate")
    assert table.dtypes.to_dict() == schemas.dtypes("boilerplate")
    assert table["vague_cues"].notna().all() and (table["vague_cues"] == "").any()
    assert table["boilerplate_reason"].isna().any()


def test_read_validates(tmp_path):
    frame = _frame().assign(delivered=[-1, 0])
    write_table(frame, tmp_path / "follow_through_departments.csv")
    with pytest.raises((SchemaError, SchemaErrors)):
        tables.read("follow_through_departments", tmp_path)
    assert len(tables.read("follow_through_departments", tmp_path, validate=False)) == 2


def test_unknown_or_missing_table(tmp_path):
    with pytest.raises(KeyError, match="no processed table named 'nope'"):
        tables.read("nope", tmp_path)
    with pytest.raises(FileNotFoundError, match="make data"):
        tables.read("sections", tmp_path)


def test_every_built_table_reads_back_as_written(seed_statements, tmp_path):
    """The statements table round-trips through both of its files."""
    write_table(seed_statements, tmp_path / "statements.parquet")
    pd.testing.assert_frame_equal(tables.read("statements", tmp_path), seed_statements)
