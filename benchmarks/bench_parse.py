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
from pathlib import Path

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
        cmd = [sys.executable, "-m", "analysis", "build", "--raw", str(paths.RAW), "--out", out]
        runs = []
        for _ in range(3):
            start = time.perf_counter()
            subprocess.run(cmd, check=True, capture_output=True, cwd=paths.ROOT)
            runs.append(time.perf_counter() - start)
        imports = []
        for _ in range(3):
            start = time.perf_counter()
            subprocess.run([sys.executable, "-c", "import analysis.pipeline"], check=True, cwd=paths.ROOT)
            imports.append(time.perf_counter() - start)
    print(f"\nseed build (what `make data` runs): {' '.join(Path(c).name if i == 0 else c for i, c in enumerate(cmd[:4]))} ...")
    print(f"  wall time, best of 3: {min(runs):.2f} s (runs: {', '.join(f'{r:.2f}' for r in runs)})")
    print(f"  of which importing the package (best of 3): {min(imports):.2f} s")


if __name__ == "__main__":
    main()
