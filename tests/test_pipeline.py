"""The build: reproducible to the byte, validated before writing, atomic on failure."""

from __future__ import annotations

import shutil

import pandas as pd
import pytest

from analysis import pipeline, schemas
from analysis.parse import ParseError

from .conftest import SEED


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory):
    raw = tmp_path_factory.mktemp("raw")
    shutil.copy(SEED, raw / SEED.name)
    out_a, out_b = tmp_path_factory.mktemp("a"), tmp_path_factory.mktemp("b")
    return pipeline.build(raw, out_a), out_a, out_b, pipeline.build(raw, out_b)


def test_builds_are_byte_identical(two_builds):
    result, out_a, out_b, _ = two_builds
    names = sorted(p.name for p in out_a.iterdir())
    assert "statements.parquet" in names and "statements.csv" in names
    assert names == sorted(p.name for p in out_b.iterdir())
    for name in names:
        assert (out_a / name).read_bytes() == (out_b / name).read_bytes(), name


def test_every_table_has_a_schema_and_validates(two_builds):
    result = two_builds[0]
    assert set(result.tables) == set(schemas.TABLES)
    for name, frame in result.tables.items():
        schemas.TABLES[name].validate(frame)


def test_csv_and_parquet_agree(two_builds):
    _, out_a, _, _ = two_builds
    csv = pd.read_csv(out_a / "statements.csv", keep_default_na=False, na_values=[""])
    parquet = pd.read_parquet(out_a / "statements.parquet")
    assert list(csv.columns) == list(parquet.columns)
    assert csv["text"].tolist() == parquet["text"].tolist()
    assert csv["statement_id"].tolist() == parquet["statement_id"].tolist()


def test_failed_validation_writes_nothing(tmp_path, monkeypatch):
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(SEED, raw / SEED.name)
    out = tmp_path / "out"
    out.mkdir()
    (out / "statements.csv").write_text("old\n")

    def broken(tables):
        raise schemas.pa.errors.SchemaError(schemas.Statements.to_schema(), tables["statements"], "deliberate")

    monkeypatch.setattr(pipeline, "validate", broken)
    with pytest.raises(schemas.pa.errors.SchemaError):
        pipeline.build(raw, out)
    assert (out / "statements.csv").read_text() == "old\n"
    assert [p.name for p in out.iterdir()] == ["statements.csv"]


def test_raw_folder_errors(tmp_path):
    with pytest.raises(ParseError, match="raw folder not found"):
        pipeline.raw_files(tmp_path / "missing")
    with pytest.raises(ParseError, match=r"no pages in the raw folder \(\*.txt, \*.md, or \*.json in govuk/\)"):
        pipeline.raw_files(tmp_path)


def test_boilerplate_beside_the_other_analyses_gives_the_same_tables(seed_statements, monkeypatch):
    """On a large corpus the boilerplate tables are computed by a forked second process (`SideJob`) while the
    initiative rules run: the tables, and their order, are those of the one-process build."""
    one_process = pipeline.analyse(seed_statements)
    monkeypatch.setattr(pipeline, "worth_forking", lambda n, since=None: True)
    forked = pipeline.analyse(seed_statements)
    assert list(forked) == list(one_process) == list(schemas.TABLES)
    for name, frame in one_process.items():
        pd.testing.assert_frame_equal(forked[name], frame, obj=name)


def _fails(message: str) -> None:
    raise ValueError(message)


@pytest.mark.parametrize("fork", [True, False])
def test_side_job_raises_what_the_job_raised(fork):
    """An exception in the job, forked or not, is raised by `result()`; a result comes back unchanged."""
    with pipeline.SideJob(_fails, "deliberate", fork=fork) as job, pytest.raises(ValueError, match="deliberate"):
        job.result()
    with pipeline.SideJob(divmod, 7, 2, fork=fork) as job:
        assert job.result() == (3, 1)


def test_forking_only_for_a_large_corpus_with_a_core_idle(monkeypatch):
    """Without a sample of the cores' idle time, the load average decides."""
    monkeypatch.setattr(pipeline.os, "cpu_count", lambda: 2)
    monkeypatch.setattr(pipeline.os, "getloadavg", lambda: (1.0, 1.0, 1.0))  # this build alone on two cores
    assert pipeline.worth_forking(pipeline.PARALLEL_MIN_STATEMENTS)
    assert not pipeline.worth_forking(pipeline.PARALLEL_MIN_STATEMENTS - 1)
    monkeypatch.setattr(pipeline.os, "getloadavg", lambda: (2.0, 2.0, 2.0))  # another job holds the second core
    assert not pipeline.worth_forking(pipeline.PARALLEL_MIN_STATEMENTS)


def test_forking_by_the_idle_time_since_the_build_began(monkeypatch):
    """With a sample, the cores' idle time since then decides, whatever the (lagging) load average says."""
    monkeypatch.setattr(pipeline.os, "cpu_count", lambda: 2)
    monkeypatch.setattr(pipeline.os, "getloadavg", lambda: (2.0, 2.0, 2.0))
    began = pipeline.CpuTimes(idle=1_000, total=5_000)
    monkeypatch.setattr(pipeline, "cpu_times", lambda: pipeline.CpuTimes(idle=1_090, total=5_200))  # 0.9 cores idle
    assert pipeline.idle_cores(began) == pytest.approx(0.9)
    assert pipeline.worth_forking(pipeline.PARALLEL_MIN_STATEMENTS, began)
    assert not pipeline.worth_forking(pipeline.PARALLEL_MIN_STATEMENTS - 1, began)
    monkeypatch.setattr(pipeline, "cpu_times", lambda: pipeline.CpuTimes(idle=1_010, total=5_200))  # both cores busy
    assert not pipeline.worth_forking(pipeline.PARALLEL_MIN_STATEMENTS, began)
    monkeypatch.setattr(pipeline.os, "getloadavg", lambda: (1.0, 1.0, 1.0))
    monkeypatch.setattr(pipeline, "cpu_times", lambda: pipeline.CpuTimes(idle=1_005, total=5_010))  # too short a sample
    assert pipeline.idle_cores(began) is None and pipeline.worth_forking(pipeline.PARALLEL_MIN_STATEMENTS, began)


def test_cpu_times_reads_the_system_counters():
    sample = pipeline.cpu_times()
    if sample is not None:  # Linux
        assert 0 <= sample.idle <= sample.total
