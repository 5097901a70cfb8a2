"""Parse + segment throughput on synthetic corpora of growing size, and the seed build's wall time.

Run: .venv/bin/python benchmarks/bench_parse.py   (or `make bench`, which runs every bench_*.py)
"""

from __future__ import annotations

import os
import random
import resource
import subprocess
import sys
import tempfile
import time

from analysis import paths
from analysis.parse import parse_text
from analysis.segment import statements
from analysis.synthetic import random_page


def corpus(n_pages: int, seed: int = 0) -> list[str]:
    rng = random.Random(seed)
    return [random_page(rng, rng.choice(["action-major", "department-major"]))[0] for _ in range(n_pages)]


def throughput(pages: list[str]) -> tuple[float, int]:
    start = time.perf_counter()
    docs = [parse_text(text, f"page{i:05d}.txt") for i, text in enumerate(pages)]
    frame, _ = statements(docs)
    return time.perf_counter() - start, len(frame)


def main() -> None:
    print(f"command: {sys.executable} {' '.join(sys.argv)}   (cores: {os.cpu_count()})")
    statements([parse_text(corpus(1)[0], "warm.txt")])  # build the spaCy pipeline once, outside the timing
    print(f"{'pages':>6} {'statements':>11} {'seconds':>8} {'statements/s':>13} {'s per 1k statements':>20}")
    for n in (125, 250, 500, 1000):
        pages = corpus(n)
        seconds, n_statements = throughput(pages)
        print(f"{n:>6} {n_statements:>11} {seconds:>8.2f} {n_statements / seconds:>13,.0f} {1000 * seconds / n_statements:>20.3f}")

    with tempfile.TemporaryDirectory() as out:
        build = [sys.executable, "-m", "analysis", "build", "--raw", str(paths.RAW), "--out", out]
        timings = best_of(
            {
                "import analysis (the package)": [sys.executable, "-c", "import analysis"],
                "import analysis.pipeline (everything a build imports)": [sys.executable, "-c", "import analysis.pipeline"],
                "import pandas and spacy (the stack's floor)": [sys.executable, "-c", "import pandas, spacy"],
                "python -m analysis build on everything in data/raw/": build,
            }
        )
    n_files = len(pipeline_inputs())
    print(f"\nbest of {RUNS} fresh processes each, alternating (data/raw/ holds {n_files} input files); CPU is the process's user +")
    print("system time, which other people's work on a shared machine inflates far less than the wall clock:")
    print(f"  {'':<58} {'wall':>7} {'CPU':>7}")
    for label, (wall, cpu) in timings.items():
        print(f"  {label:<58} {wall:6.2f} s {cpu:6.2f} s")
    floor = timings["import pandas and spacy (the stack's floor)"]
    built = timings["python -m analysis build on everything in data/raw/"]
    print(f"  build / (pandas + spaCy import) = {built[0] / floor[0]:.1f}x wall, {built[1] / floor[1]:.1f}x CPU (issue 10 target: under 3x)")


RUNS = 5


def pipeline_inputs() -> list:
    from analysis.pipeline import raw_files

    return raw_files(paths.RAW)


def best_of(commands: dict[str, list[str]], runs: int = RUNS) -> dict[str, tuple[float, float]]:
    """Best wall time and best CPU time (user + system) of `runs` fresh processes of each command, run from the
    project root in turn (one of each, then again), so a change in the machine's load touches them alike."""
    walls: dict[str, list[float]] = {label: [] for label in commands}
    cpus: dict[str, list[float]] = {label: [] for label in commands}
    for _ in range(runs):
        for label, cmd in commands.items():
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            subprocess.run(cmd, check=True, capture_output=True, cwd=paths.ROOT)
            walls[label].append(time.perf_counter() - start)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpus[label].append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return {label: (min(walls[label]), min(cpus[label])) for label in commands}


if __name__ == "__main__":
    main()
