"""`make data` is a real file DAG: every table the pipeline writes is a target, and after a build
nothing is left to do (make -q exits 0)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess

import pytest

from analysis import paths, pipeline, schemas

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")


def _make(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["make", *args], cwd=paths.ROOT, capture_output=True, text=True)


def test_make_targets_are_every_table_the_pipeline_writes():
    printed = _make("-pn", "data").stdout
    match = re.search(r"^TABLES := (.*)$", printed, re.M)
    assert match, "the Makefile defines no TABLES"
    targets = {p.split("/")[-1] for p in match[1].split()}
    written = {path.name for name in schemas.TABLES for path in pipeline.output_paths(paths.PROCESSED, name)}
    assert targets == written


def test_data_is_up_to_date_after_a_build():
    if not (paths.PROCESSED / "statements.parquet").exists():
        pytest.skip("run `make data` first (make test does)")
    result = _make("-q", "data")
    assert result.returncode == 0, "make data would rebuild: an output is missing or older than its inputs"


def test_help_lists_the_quickstart_targets():
    out = _make("help").stdout
    for target in ("data", "test", "evaluate", "report", "lab", "bench"):
        assert re.search(rf"^\s*\S*{target}\S*\s", out, re.M), target


def test_make_reads_the_same_pages_as_the_pipeline(tmp_path):
    """Copied .txt pages and fetched govuk/*.json are inputs of `make data`, as pipeline.raw_files reads them."""
    shutil.copy(paths.ROOT / "Makefile", tmp_path / "Makefile")
    raw = tmp_path / "data" / "raw"
    (raw / "govuk").mkdir(parents=True)
    for name in ("b.txt", "a.txt", "govuk/dept-x.json", "govuk/action-01.json", "series.csv", "fetch-log.csv"):
        (raw / name).write_text("x")
    printed = subprocess.run(["make", "-pn", "data"], cwd=tmp_path, capture_output=True, text=True).stdout
    match = re.search(r"^RAW := (.*)$", printed, re.M)
    assert match is not None
    assert match[1].split() == [p.relative_to(tmp_path).as_posix() for p in pipeline.raw_files(raw)]
    listed = (tmp_path / "data" / "processed" / ".raw-files").read_text().split()
    assert listed == match[1].split()  # the list of pages is itself an input: removing one rebuilds


def test_lab_runs_as_root_and_headless_with_inline_charts():
    printed = next(line for line in _make("-n", "lab", "LAB_ARGS=--no-browser --port 8899").stdout.splitlines() if "jupyter lab" in line)
    assert "jupyter lab" in printed and "--no-browser --port 8899" in printed
    assert ("--allow-root" in printed) == (os.getuid() == 0)
    assert "-u MPLBACKEND" in printed  # the Makefile's Agg default must not reach the kernels: charts show inline


def test_screenshots_target_is_listed_and_not_part_of_test():
    assert re.search(r"^\s*\S*screenshots\S*\s", _make("help").stdout, re.M)
    assert "chromium" not in _make("-n", "test").stdout.lower()


def test_the_list_of_review_files_is_an_input(tmp_path):
    """Deleting a review file must rebuild the tables without it (its rows would otherwise stay applied)."""
    shutil.copy(paths.ROOT / "Makefile", tmp_path / "Makefile")
    (tmp_path / "data" / "reviews").mkdir(parents=True)
    (tmp_path / "data" / "reviews" / "mine.csv").write_text("id,field,value,reviewer,date,note\n")
    printed = subprocess.run(["make", "-pn", "data"], cwd=tmp_path, capture_output=True, text=True).stdout
    assert re.search(r"^\S*follow_through\.csv.*:.*build/reviews\.list", printed, re.M) or "build/reviews.list" in printed
    assert (tmp_path / "build" / "reviews.list").read_text().split() == ["data/reviews/mine.csv"]
    (tmp_path / "data" / "reviews" / "mine.csv").unlink()
    subprocess.run(["make", "-pn", "data"], cwd=tmp_path, capture_output=True, text=True)
    assert (tmp_path / "build" / "reviews.list").read_text().split() == []
