"""The command line: summaries, outputs, and one clear line (exit 2, nothing written) for bad input."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from analysis import paths
from analysis.cli import main

from .conftest import PAGES, SEED


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_tidy_seed_to_csv_and_parquet(tmp_path, capsys):
    for name in ("s.csv", "s.parquet"):
        code, out, err = run(capsys, "tidy", SEED, "--out", tmp_path / name)
        assert code == 0
        assert "action page (action 4), 17 departments, 85 sections, 202 statements, 1 warning" in out
        assert "1 warnings" not in out
    csv = pd.read_csv(tmp_path / "s.csv")
    parquet = pd.read_parquet(tmp_path / "s.parquet")
    assert len(csv) == len(parquet) == 202


def test_tidy_reports_warnings_for_truncated_fixture(tmp_path, capsys):
    code, out, err = run(capsys, "tidy", PAGES / "dept-dwp.txt", PAGES / "action16.txt", "--out", tmp_path / "x.csv")
    assert code == 0
    assert "dept-dwp.txt: department page (actions 1, 2), 1 department," in out
    assert "warning: dept-dwp.txt: line 33: page looks truncated" in err


def _bad_inputs(tmp_path: Path) -> dict[str, Path]:
    files = {
        "missing": tmp_path / "nope.txt",
        "directory": tmp_path,
        "empty": tmp_path / "empty.txt",
        "binary": tmp_path / "junk.bin",
        "html": tmp_path / "page.html",
        "annual report": PAGES / "annual-report-2014.txt",
        "undecodable": tmp_path / "bad-bytes.txt",
    }
    files["empty"].write_bytes(b"")
    files["binary"].write_bytes(bytes(range(256)) * 4)
    files["html"].write_text("<!DOCTYPE html>\n<html><head><title>Action 4</title></head><body><h2>Progress during 2014</h2></body></html>")
    files["undecodable"].write_bytes(b"Action 4: x\nHome Office\nProgress during 2014\nIt \x81\x8d ran.\n")
    return files


@pytest.mark.parametrize("case, expected", [
    ("missing", "no such file"),
    ("directory", "is a directory"),
    ("empty", "file is empty"),
    ("binary", "binary"),
    ("html", "HTML file"),
    ("annual report", "no department/period structure"),
    ("undecodable", "bad-bytes.txt:4: undecodable byte 0x81"),
])
def test_bad_input_one_line_exit_2_nothing_written(tmp_path, capsys, case, expected):
    bad = _bad_inputs(tmp_path)[case]
    out_file = tmp_path / "out" / "statements.csv"
    out_file.parent.mkdir()
    out_file.write_text("previous output\n")
    code, out, err = run(capsys, "tidy", SEED, bad, "--out", out_file)
    assert code == 2
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and expected in lines[0]
    assert str(bad.name) in lines[0]
    assert out_file.read_text() == "previous output\n"  # not overwritten
    assert sorted(p.name for p in out_file.parent.iterdir()) == ["statements.csv"]  # no temp file left


def test_bad_output_suffix(tmp_path, capsys):
    code, _, err = run(capsys, "tidy", SEED, "--out", tmp_path / "x.json")
    assert code == 2 and "--out must end in .csv or .parquet" in err


def test_build_bad_raw_folder_leaves_outputs(tmp_path, capsys):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "a.txt").write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    (raw / "b.txt").write_bytes(b"\x00\x00")
    out = tmp_path / "processed"
    code, _, err = run(capsys, "build", "--raw", raw, "--out", out)
    assert code == 2 and "b.txt" in err and not out.exists()


def test_no_traceback_in_a_real_process(tmp_path):
    """The module entry point itself: exit 2, one line, no Python traceback."""
    result = subprocess.run(
        [sys.executable, "-m", "analysis", "tidy", str(tmp_path / "missing.txt"), "--out", str(tmp_path / "o.csv")],
        capture_output=True, text=True, cwd=paths.ROOT,
    )
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [f"error: {tmp_path / 'missing.txt'}: no such file"]
    assert "Traceback" not in result.stderr


def test_top_level_help_speaks_to_users(capsys):
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    assert "make report" in out and "reports/html/index.html" in out
    for command in ("tidy", "build", "evaluate", "report", "docs"):
        assert command in out


# --- files that are not pages, odd names, and capped messages ----------------------------------------


def test_not_regular_files_are_refused_without_reading(tmp_path, capsys):
    import os

    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    loop = tmp_path / "loop.txt"
    loop.symlink_to(loop)
    dangling = tmp_path / "dangling.txt"
    dangling.symlink_to(tmp_path / "gone.txt")
    big = tmp_path / "big.txt"
    with open(big, "wb") as handle:
        handle.truncate(50_000_000)  # sparse: 50 MB without writing them
    cases = {
        fifo: "is a FIFO (named pipe), not a regular file",
        Path("/dev/zero"): "is a device, not a regular file",
        loop: "a symlink loop",
        dangling: "a dangling symlink",
        big: "is 50,000,000 bytes, more than the 5,000,000-byte limit for a page (pages are under 100 KB)",
    }
    for path, expected in cases.items():
        code, _, err = run(capsys, "tidy", path, "--out", tmp_path / "o.csv")
        assert code == 2
        assert err.strip().splitlines()[0].startswith(f"error: {path}: {expected}") and len(err.strip().splitlines()) == 1
    assert not (tmp_path / "o.csv").exists()


def test_odd_file_names_are_quoted(tmp_path, capsys):
    odd = tmp_path / "two\nlines.txt"
    odd.write_bytes(b"\x00")
    code, _, err = run(capsys, "tidy", odd, "--out", tmp_path / "o.csv")
    assert code == 2 and len(err.strip().splitlines()) == 1
    assert "'two\\nlines.txt':1: binary file" in err


def test_messages_quote_at_most_a_few_dozen_characters(tmp_path, capsys):
    page = tmp_path / "p.txt"
    long_heading = "Department for " + "Widgets " * 2000
    page.write_text(f"Action 4: x\n{long_heading.strip()}\nProgress during 2014\nText.\n" + "Progress during 2099\nMore.\n", encoding="utf-8")
    code, _, err = run(capsys, "tidy", page, "--out", tmp_path / "o.csv")
    assert code == 0
    assert max(len(line) for line in err.splitlines()) <= 400


@pytest.mark.parametrize(
    "edit, code, expected",
    [
        (lambda t: t.replace("Action 4:", "Action 100:", 1), 2, "p.txt:1: action number 100 is outside 1-99"),
        (
            lambda t: t.replace("\nProgress during 2013\n", "\nProgress during 1999\n", 1),
            0,
            "line 8: period heading 'Progress during 1999' names a year outside 2012-2016",
        ),
        (lambda t: t.replace("\nProgress during 2014\n", "\nProgress during 2014\n" + "- item\n" * 1005, 1), 0, None),
    ],
    ids=["action 100", "year 1999", "1005 statements in one section"],
)
def test_unusual_values_never_exit_1(tmp_path, capsys, edit, code, expected):
    page = tmp_path / "p.txt"
    page.write_text(edit(SEED.read_text(encoding="utf-8")), encoding="utf-8")
    got, out, err = run(capsys, "tidy", page, "--out", tmp_path / "o.csv")
    assert got == code, err
    if expected:
        assert expected in err
    if code == 0 and expected is None:
        frame = pd.read_csv(tmp_path / "o.csv")
        assert frame["statement_id"].is_unique and frame["statement_id"].str.endswith("-1005").sum() == 1


def test_build_says_which_raw_entries_it_skips(tmp_path, capsys):
    import os

    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "page.txt").write_bytes(SEED.read_bytes())
    os.mkfifo(raw / "pipe.txt")
    (raw / "folder.txt").mkdir()
    (raw / "dangling.txt").symlink_to(raw / "gone.txt")
    (raw / "loop.txt").symlink_to(raw / "loop.txt")
    code, _, err = run(capsys, "build", "--raw", raw, "--out", tmp_path / "out")
    assert code == 0
    skipped = {"dangling.txt": "a dangling symlink", "folder.txt": "a folder", "loop.txt": "a symlink loop", "pipe.txt": "a FIFO (named pipe)"}
    for name, reason in skipped.items():
        assert f"warning: {raw / name}: skipped: {reason}, not a page file" in err
