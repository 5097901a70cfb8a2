"""Sentence segmentation of one long paragraph: time grows linearly with its length, up to 1 MB.

Run: .venv/bin/python benchmarks/bench_segment.py   (or `make bench`, which runs every bench_*.py)
The sentence rules used to set `token.is_sent_start` token by token, which checks the whole document each
time: 10k / 20k / 40k / 80k words took 4.7 / 8.7 / 29 / 165 s, and a 1 MB paragraph stopped with spaCy E088.
"""

from __future__ import annotations

import os
import random
import sys
import time

from analysis.segment import sentences
from analysis.synthetic import random_sentence


def paragraph(n_chars: int, seed: int = 0) -> str:
    rng = random.Random(seed)
    parts, size = [], 0
    while size < n_chars:
        sentence = random_sentence(rng)
        parts.append(sentence)
        size += len(sentence) + 1
    return " ".join(parts)[:n_chars].rsplit(" ", 1)[0] + "."


def main() -> None:
    print(f"command: {sys.executable} {' '.join(sys.argv)}   (cores: {os.cpu_count()})")
    sentences(["Warm up. The pipeline is built once."])
    print(f"{'characters':>11} {'words':>8} {'sentences':>10} {'seconds':>8} {'µs per word':>12}")
    for n_chars in (125_000, 250_000, 500_000, 1_000_000):
        text = paragraph(n_chars)
        start = time.perf_counter()
        (split,) = sentences([text])
        seconds = time.perf_counter() - start
        n_words = len(text.split())
        print(f"{len(text):>11,} {n_words:>8,} {len(split):>10,} {seconds:>8.2f} {1e6 * seconds / n_words:>12.2f}")
    print("linear: the time per word stays flat as the paragraph doubles")


if __name__ == "__main__":
    main()
