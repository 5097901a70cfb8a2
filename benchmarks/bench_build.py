"""The build stage by stage: on the seed page, on everything in data/raw/, and on a synthetic corpus of
48 pages (about 9,700 statements).

Run: `.venv/bin/python benchmarks/bench_build.py [PAGES]` (or `make bench`). Renders PAGES random pages
(`analysis.synthetic.random_page`: 40 action-major pages of 7 departments, one per action, and 8
department-major pages), then times each stage of `analysis.pipeline` on them, after start-up (imports,
the spaCy pipeline and its lookup tables are loaded before the clock starts; `start_up`), with the garbage
collector set as `pipeline.build` sets it (`pipeline.batch_gc`). Prints statements per second of the whole
build and each stage's wall and CPU seconds and share of the wall time. Writing files is left out (it is not
the analysis). On a shared machine the wall clock counts the time other people's work held the cores: the
CPU seconds are printed beside it, and the issue's target (2,000 statements a second) is on the wall clock.
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from pathlib import Path

from analysis import boilerplate, editions, followthrough, initiatives, paths, pipeline, reviews, schemas, segment, summaries, synthetic
from analysis.nlp import get_nlp

PAGES_DEFAULT = 48
SEED = 20150116
BLOCKS = 7  # departments per action-major page: 48 pages come to about 10,000 statements
TARGET = 2000  # statements per second after start-up (issue 11)


def corpus(folder: Path, n_pages: int, seed: int = SEED) -> list[Path]:
    rng = random.Random(seed)
    files = []
    for i in range(n_pages):
        if i < n_pages * 5 // 6:
            text, _ = synthetic.random_page(rng, "action-major", n_blocks=BLOCKS, action=i + 1)
        else:
            text, _ = synthetic.random_page(rng, "department-major")
        path = folder / f"page{i:02d}.txt"
        path.write_text(text, encoding="utf-8")
        files.append(path)
    return files


def stage_times(files: list[Path]) -> tuple[dict[str, tuple[float, float]], int]:
    """Wall and CPU seconds of each stage of the build (as `analysis.pipeline` runs them) on `files`, and
    the statements. CPU seconds (this process) are shown beside wall seconds: on a shared machine the wall
    clock also counts the time other people's work held the cores."""
    with pipeline.batch_gc():  # the garbage collector as `pipeline.build` sets it
        return _stage_times(files)


def _stage_times(files: list[Path]) -> tuple[dict[str, tuple[float, float]], int]:
    stages: dict[str, tuple[float, float]] = {}

    def timed(name, fn, *args, **kwargs):
        wall, cpu = time.perf_counter(), time.process_time()
        out = fn(*args, **kwargs)
        before = stages.get(name, (0.0, 0.0))
        stages[name] = (before[0] + time.perf_counter() - wall, before[1] + time.process_time() - cpu)
        return out

    documents = timed("parse", pipeline.read_documents, files)
    statements, _ = timed("segment", segment.statements, documents)
    statements = timed("validate", schemas.Statements.validate, statements)
    tables = {"statements": statements}
    statements = timed("segment", segment.placed, statements)  # as `pipeline.analyse` passes them on
    tables["boilerplate"] = timed("boilerplate", boilerplate.classify, statements)
    tables["sections"] = timed("summaries", summaries.sections, statements, tables["boilerplate"])
    tables["departments"] = timed("summaries", summaries.departments, statements, tables["boilerplate"])
    tables["initiatives"], tables["initiative_mentions"] = timed("initiatives", initiatives.extract, statements)
    tables.update(timed("follow-through", pipeline.follow_through_tables, tables))
    tables, _ = timed("reviews", reviews.apply, tables, reviews.read(None))
    tables.update(timed("summaries", pipeline.summarise_follow_through, tables))
    truncated = frozenset(d.source_file for d in documents if d.truncated)
    tables["restatements"] = timed("restatements", editions.restatements, statements, truncated)
    timed("validate", pipeline.validate, tables)
    return stages, len(tables["statements"])


def show(title: str, stages: dict[str, tuple[float, float]], n: int) -> None:
    total = sum(wall for wall, _ in stages.values())
    cpu = sum(c for _, c in stages.values())
    print(f"{title}, {n:,} statements: {total:.2f} s after start-up, {n / total:,.0f} statements/s "
          f"(CPU {cpu:.2f} s, {n / cpu:,.0f} statements per CPU second)")
    print(f"  {'stage':<15} {'wall':>7}  {'share':>5}  {'CPU':>7}")
    for name, (seconds, cpu_seconds) in stages.items():
        print(f"  {name:<15} {seconds:6.2f} s  {seconds / total:5.1%}  {cpu_seconds:6.2f} s")


def start_up() -> None:
    """What a build loads once per process, before the clock starts: the spaCy pipeline and its tables, the
    follow-through lookups, and the modules boilerplate imports only for corpora too large to compare
    every pair exactly (datasketch and scipy: the seed page never needs them)."""
    import datasketch  # noqa: F401
    import scipy.sparse.csgraph  # noqa: F401

    get_nlp()
    followthrough.warm_up()


def main(n_pages: int = PAGES_DEFAULT) -> None:
    start_up()
    stage_times([paths.SEED_PAGE])  # a warm-up run: first calls build caches (pandera models, matchers) once per process
    # the seed page, as `make data` reads it (stage by stage; start-up, first-call caches and writing files left out)
    show(f"build of the seed page ({paths.SEED_PAGE.name})", *stage_times([paths.SEED_PAGE]))
    show(f"build of everything in data/raw/ ({len(pipeline.raw_files(paths.RAW))} files)", *stage_times(pipeline.raw_files(paths.RAW)))
    with tempfile.TemporaryDirectory() as tmp:
        stages, n = stage_times(corpus(Path(tmp), n_pages))
    show(f"whole build, {n_pages} synthetic pages (target >= {TARGET:,} statements/s)", stages, n)
    print(f"  command: .venv/bin/python benchmarks/bench_build.py {n_pages}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else PAGES_DEFAULT)
