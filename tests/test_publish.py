"""The output set is published as a unit: a build killed mid-write leaves the old set, a finished one the new
set, never a mix; stale temporaries are removed; concurrent publishers take turns."""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pandas as pd
import pytest

from analysis import outputs, paths, pipeline

from .conftest import PAGES, SEED


def snapshot(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir()) if p.is_file()}


def _build_in_subprocess(raw: Path, out: Path, kill_after: str, kill_count: int) -> int:
    """Run a build in a child process that SIGKILLs itself when `kill_after` has been called `kill_count` times
    (a build killed mid-write, as by `kill -9` or a power cut)."""
    code = textwrap.dedent(
        f"""
        import os, signal
        from pathlib import Path
        from analysis import outputs, pipeline
        calls = [0]
        def killing(original):
            def wrapper(*args, **kwargs):
                result = original(*args, **kwargs)
                calls[0] += 1
                if calls[0] >= {kill_count}:
                    os.kill(os.getpid(), signal.SIGKILL)
                return result
            return wrapper
        pipeline.{kill_after} = killing(pipeline.{kill_after})
        pipeline.build(Path({str(raw)!r}), Path({str(out)!r}))
        """
    )
    return subprocess.run([sys.executable, "-c", code], cwd=paths.ROOT, capture_output=True).returncode


@pytest.mark.slow
def test_build_killed_mid_write_leaves_the_old_set_and_the_next_build_the_new_one(tmp_path):
    raw_old, raw_new, out = tmp_path / "raw_old", tmp_path / "raw_new", tmp_path / "processed"
    raw_old.mkdir()
    raw_new.mkdir()
    shutil.copy(SEED, raw_old / SEED.name)
    shutil.copy(SEED, raw_new / SEED.name)
    shutil.copy(PAGES / "action05.txt", raw_new / "action05.txt")
    shutil.copy(paths.RAW / "_action05.md", raw_new / "_action05.md")  # so that every table changes (restatements too)
    pipeline.build(raw_old, out)
    (out / ".gitkeep").write_text("")
    old_set = snapshot(out)

    # killed after writing three of the new set's files into its staging folder
    assert _build_in_subprocess(raw_new, out, kill_after="write_table", kill_count=3) == -signal.SIGKILL
    assert snapshot(out) == old_set  # the old set, whole
    assert outputs.stale_temporaries(out)  # the killed run's staging folder is left behind ...

    pipeline.build(raw_new, out)
    assert not outputs.stale_temporaries(out)  # ... and the next build removes it
    new_set = snapshot(out)
    assert set(new_set) == set(old_set) and new_set[".gitkeep"] == old_set[".gitkeep"]  # .gitkeep carried over
    assert all(new_set[name] != old_set[name] for name in new_set if name != ".gitkeep")  # every table is new
    assert "action05.txt" in pd.read_csv(out / "statements.csv")["source_file"].tolist()


def test_publisher_killed_after_the_swap_leaves_the_new_set(tmp_path):
    out = tmp_path / "processed"
    out.mkdir()
    (out / "a.csv").write_text("old\n")
    (out / "b.csv").write_text("old\n")
    code = textwrap.dedent(
        f"""
        import os, signal
        from pathlib import Path
        from analysis import outputs
        swap = outputs._exchange
        def swap_then_die(a, b):
            swap(a, b)
            os.kill(os.getpid(), signal.SIGKILL)
        outputs._exchange = swap_then_die
        def write(staging):
            (staging / "a.csv").write_text("new\\n")
            (staging / "b.csv").write_text("new\\n")
        outputs.publish_folder(Path({str(out)!r}), write)
        """
    )
    assert subprocess.run([sys.executable, "-c", code], cwd=paths.ROOT).returncode == -signal.SIGKILL
    assert {p.name: p.read_text() for p in out.iterdir()} == {"a.csv": "new\n", "b.csv": "new\n"}


def test_stale_temporary_files_are_found_and_removed(tmp_path):
    out = tmp_path / "processed"
    out.mkdir()
    (out / "statements.csv").write_text("old\n")
    (out / ".statements.csv.abc123.tmp").write_text("half")
    (tmp_path / ".processed.staging-xyz").mkdir()
    assert [p.name for p in outputs.stale_temporaries(out)] == [".processed.staging-xyz", ".statements.csv.abc123.tmp"]
    outputs.publish_folder(out, lambda staging: (staging / "statements.csv").write_text("new\n"))
    assert outputs.stale_temporaries(out) == []
    assert sorted(p.name for p in out.iterdir()) == ["statements.csv"]
    assert (out / "statements.csv").read_text() == "new\n"


def test_publishers_take_turns_under_the_lock(tmp_path):
    out = tmp_path / "processed"
    order: list[str] = []
    inside = threading.Event()

    def slow(staging: Path) -> None:
        order.append("slow starts")
        inside.set()
        time.sleep(0.5)
        (staging / "t.csv").write_text("slow\n")
        order.append("slow ends")

    def fast(staging: Path) -> None:
        order.append("fast starts")
        (staging / "t.csv").write_text("fast\n")

    # flock is per open file: a second thread opening the lock file waits like a second process would
    first = threading.Thread(target=outputs.publish_folder, args=(out, slow))
    first.start()
    inside.wait(5)
    outputs.publish_folder(out, fast)
    first.join()
    assert order == ["slow starts", "slow ends", "fast starts"]
    assert (out / "t.csv").read_text() == "fast\n"


def test_write_error_names_the_output_file_not_its_temporary(tmp_path):
    target = tmp_path / "statements.csv"

    def failing(tmp: Path) -> None:
        raise OSError(28, "No space left on device", str(tmp))

    with pytest.raises(OSError) as err:
        outputs.write_atomic(target, failing)
    assert err.value.filename == str(target)
    assert not list(tmp_path.iterdir())


def test_make_clean_removes_stale_temporaries():
    makefile = (paths.ROOT / "Makefile").read_text()
    clean = makefile.split("\nclean:")[1].split("\n\n")[0]
    assert "$(PROCESSED)/.*.tmp" in clean and f"data/.processed{outputs.STAGING_INFIX}*" in clean
    assert os.path.basename(paths.PROCESSED) == "processed"
