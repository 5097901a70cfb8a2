"""Parse + segment throughput on synthetic corpora of growing size, and the seed build's wall time.

Run: .venv/bin/python benchmarks/bench_parse.py   (or `make bench`, which runs every bench_*.py)
"""

from __future__ import annotations

import os
import random
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
        timings = {
            "import analysis (the package)": best_of([sys.executable, "-c", "import analysis"]),
            "import analysis.pipeline (everything a build imports)": best_of([sys.executable, "-c", "import analysis.pipeline"]),
            "import pandas and spacy (the stack's floor)": best_of([sys.executable, "-c", "import pandas, spacy"]),
            "python -m analysis build on everything in data/raw/": best_of(build),
        }
    n_files = len([p for p in paths.RAW.iterdir() if p.suffix in (".txt", ".md") and p.name != "README.md"])
    print(f"\nwall times, best of 3 (each a fresh process; data/raw/ holds {n_files} input files):")
    for label, seconds in timings.items():
        print(f"  {label:<58} {seconds:6.2f} s")
    floor = timings["import pandas and spacy (the stack's floor)"]
    print(f"  build / (pandas + spaCy import) = {timings['python -m analysis build on everything in data/raw/'] / floor:.1f}x (issue 10 target: under 3x)")


def best_of(cmd: list[str], runs: int = 3) -> float:
    """Best wall time of `runs` fresh processes running `cmd` from the project root."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True, cwd=paths.ROOT)
        times.append(time.perf_counter() - start)
    return min(times)


if __name__ == "__main__":
    main()
