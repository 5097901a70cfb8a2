"""Atomic writes: a failure half-way leaves the old file untouched and no temporary file behind."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.outputs import write_atomic, write_table


def test_failed_write_keeps_the_old_file(tmp_path):
    target = tmp_path / "table.csv"
    target.write_text("old\n")

    def half_then_fail(tmp):
        tmp.write_text("half a ta")
        raise OSError("disk full")

    with pytest.raises(OSError):
        write_atomic(target, half_then_fail)
    assert target.read_text() == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["table.csv"]


def test_write_table_by_suffix(tmp_path):
    frame = pd.DataFrame({"a": [1, 2], "b": ["x", "y"]})
    write_table(frame, tmp_path / "t.csv")
    write_table(frame, tmp_path / "t.parquet")
    assert (tmp_path / "t.csv").read_bytes() == b"a,b\n1,x\n2,y\n"
    assert pd.read_parquet(tmp_path / "t.parquet").equals(frame)
    with pytest.raises(ValueError, match=".csv or .parquet"):
        write_table(frame, tmp_path / "t.json")
