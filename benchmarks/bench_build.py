"""The build stage by stage: on the seed page, on everything in data/raw/, and on two corpora of 48 pages
(about 9,600 statements each).

Run: `.venv/bin/python benchmarks/bench_build.py [PAGES]` (or `make bench`). The two corpora have the same
layout (40 action-major pages of 7 departments, one per action, and 8 department-major pages):
- synthetic: `analysis.synthetic.random_page`, sentences of random ordinary words. They have no names,
  departments, acronyms or vague cues, which the analyses spend most of their time on, so this corpus
  flatters the build;
- real sentences (`real_corpus`): the statements of the real pages (data/raw/ and the fragments in
  data/external/series-fragments/, about 470), each used with a quarter of its lower-case words of four
  letters or more swapped for other such words of those pages, so that 48 pages are not the same few
  hundred sentences over and over (which the boilerplate rules would find as repeats). Names,
  departments, acronyms, numbers and most cue wording stay as the pages wrote them.

It times each stage of `analysis.pipeline` on them, after start-up (imports,
the spaCy pipeline and its lookup tables are loaded before the clock starts; `start_up`), with the garbage
collector set as `pipeline.build` sets it (`pipeline.batch_gc`). Prints statements per second of the whole
build and each stage's wall and CPU seconds and share of the wall time. Writing files is left out (it is not
the analysis). On a shared machine the wall clock counts the time other people's work held the cores: the
CPU seconds are printed beside it, and the issue's target (2,000 statements a second) is on the wall clock.
From `pipeline.PARALLEL_MIN_STATEMENTS` statements (both 48-page corpora), when a core is idle
(`pipeline.worth_forking`: the cores' idle time while it parsed, else the load average), the build computes the boilerplate tables in a second process
beside the initiative rules and follow-through's text features: their stages are listed apart, with the
time the first process waited for them, and the CPU figure adds both processes' seconds. The title line
says which way each corpus ran, the cores' idle time it chose by and the load average.
"""

from __future__ import annotations

import os
import random
import re
import sys
import tempfile
import time
from pathlib import Path

import pandera.errors

from analysis import boilerplate, editions, followthrough, initiatives, parse, paths, pipeline, reviews, schemas, segment, summaries, synthetic
from analysis.departments import DEPARTMENTS
from analysis.nlp import get_nlp, sentence_docs

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


SWAP_SHARE = 0.25  # share of a real sentence's lower-case words (4+ letters) swapped in `real_corpus`
_LOWER_WORD = re.compile(r"\b[a-z]{4,}\b")


def real_statements() -> tuple[list[str], list[str], list[str]]:
    """Sentences, list lead-ins and list items of the real pages (data/raw/ and the series fragments)."""
    files = pipeline.raw_files(paths.RAW) + sorted((paths.DATA / "external" / "series-fragments").glob("*.txt"))
    documents = []
    for file in files:
        try:
            documents.append(parse.parse_file(file))
        except parse.ParseError:  # a fragment cut before its first heading (the annual report's)
            continue
    frame, _ = segment.statements(documents)
    plain = frame[~frame["is_bullet"] & ~frame["is_lead_in"] & frame["text"].str.endswith(".")]
    lead_ins = frame[frame["is_lead_in"] & frame["text"].str.endswith(":")]
    return plain["text"].tolist(), lead_ins["text"].tolist(), frame.loc[frame["is_bullet"], "text"].tolist()


def real_corpus(folder: Path, n_pages: int, seed: int = SEED) -> list[Path]:
    """Pages laid out as `corpus` lays them out, written with the real pages' sentences (module docstring)."""
    sentences, lead_ins, bullets = real_statements()
    vocabulary = sorted({w for t in sentences + bullets for w in _LOWER_WORD.findall(t)})
    rng = random.Random(seed)

    def varied(text: str) -> str:
        return _LOWER_WORD.sub(lambda m: rng.choice(vocabulary) if rng.random() < SWAP_SHARE else m.group(0), text)

    def section(name: str) -> synthetic.SyntheticSection:
        paragraphs = [synthetic.Paragraph([varied(rng.choice(sentences)) for _ in range(rng.randint(1, 4))]) for _ in range(rng.randint(1, 3))]
        if rng.random() < 0.15:
            paragraphs[-1].sentences[-1] = varied(rng.choice(lead_ins))
            paragraphs[-1].bullets = [varied(rng.choice(bullets)) for _ in range(rng.randint(2, 5))]
        return synthetic.SyntheticSection(name, paragraphs, rng.choice(synthetic.PERIOD_HEADINGS[name]))

    files = []
    for i in range(n_pages):
        action_major = i < n_pages * 5 // 6
        depts = rng.sample(DEPARTMENTS, k=BLOCKS if action_major else 1)
        n_blocks = BLOCKS if action_major else rng.randint(5, 16)
        blocks = [
            synthetic.SyntheticBlock(
                depts[b] if action_major else depts[0], i + 1 if action_major else b + 1,
                "support improved digital capability across departments", [section(name) for name in synthetic.PERIOD_HEADINGS],
            )
            for b in range(n_blocks)
        ]
        style = synthetic.Style(blank_lines=rng.random() < 0.5, numbered=rng.random() < 0.2)
        path = folder / f"page{i:02d}.txt"
        path.write_text(synthetic.render(blocks, "action-major" if action_major else "department-major", style), encoding="utf-8")
        files.append(path)
    return files


def stage_times(files: list[Path]) -> tuple[dict[str, tuple[float, float]], int, list[str], dict[str, tuple[float, float]]]:
    """Wall and CPU seconds of each stage of the build (as `analysis.pipeline` runs them) on `files`, the
    statements, the tables that failed their schema (`schema_failures`), and the stages a second process ran
    beside the others (`pipeline.SideJob`: empty when the corpus is too small to fork). CPU seconds are this
    process's own (the second process's are in its stages): on a shared machine the wall clock also counts
    the time other people's work held the cores."""
    with pipeline.batch_gc():  # the garbage collector as `pipeline.build` sets it
        return _stage_times(files)


def _timer(stages: dict[str, tuple[float, float]]):
    """A function that runs `fn` and adds its wall and CPU seconds to `stages[name]`."""

    def timed(name, fn, *args, **kwargs):
        wall, cpu = time.perf_counter(), time.process_time()
        out = fn(*args, **kwargs)
        before = stages.get(name, (0.0, 0.0))
        stages[name] = (before[0] + time.perf_counter() - wall, before[1] + time.process_time() - cpu)
        return out

    return timed


def timed_boilerplate_tables(statements):
    """`pipeline.boilerplate_tables` with its stages timed, in whichever process runs it."""
    stages: dict[str, tuple[float, float]] = {}
    timed = _timer(stages)
    table = timed("boilerplate", boilerplate.classify, statements)
    out = {"boilerplate": table, "sections": timed("summaries", summaries.sections, statements, table)}
    out["departments"] = timed("summaries", summaries.departments, statements, table)
    return out, stages


def _stage_times(files: list[Path]) -> tuple[dict[str, tuple[float, float]], int, list[str], dict[str, tuple[float, float]]]:
    stages: dict[str, tuple[float, float]] = {}
    timed = _timer(stages)
    began = pipeline.cpu_times()  # as `pipeline.build` samples the cores' idle time for `worth_forking`
    documents = timed("parse", pipeline.read_documents, files)
    statements, _ = timed("segment", segment.statements, documents)
    statements = timed("validate", schemas.Statements.validate, statements)
    tables = {"statements": statements}
    statements = timed("segment", segment.placed, statements)  # as `pipeline.analyse` passes them on
    forked = pipeline.worth_forking(len(statements), began)
    _decision.update(idle=pipeline.idle_cores(began), load=os.getloadavg()[0])
    side: dict[str, tuple[float, float]] = {}
    with pipeline.SideJob(timed_boilerplate_tables, statements, fork=forked) as job:  # as `pipeline.analyse` runs it
        docs = timed("initiatives", sentence_docs, statements["text"].tolist())  # as `pipeline.analyse` makes and hands them on
        tables["initiatives"], tables["initiative_mentions"] = timed("initiatives", initiatives.extract, statements, docs=docs)
        waited = []

        def boilerplate_table():
            wall, cpu = time.perf_counter(), time.process_time()
            done, job_stages = job.result()
            waited.append((time.perf_counter() - wall, time.process_time() - cpu))
            side.update(job_stages)
            tables.update(done)
            return tables["boilerplate"]

        tables.update(timed("follow-through", pipeline.follow_through_tables, tables, docs=docs, boilerplate=boilerplate_table))
    # follow-through's clock ran while it waited for (or, unforked, computed) the boilerplate tables
    stages["follow-through"] = tuple(a - b for a, b in zip(stages["follow-through"], waited[0], strict=True))
    if forked:
        stages["waiting for the second process"] = waited[0]
    else:
        for name, (wall, cpu) in side.items():
            before = stages.get(name, (0.0, 0.0))
            stages[name] = (before[0] + wall, before[1] + cpu)
        side = {}
    tables, _ = timed("reviews", reviews.apply, pipeline.in_build_order(tables), reviews.read(None))
    tables.update(timed("summaries", pipeline.summarise_follow_through, tables))
    truncated = frozenset(d.source_file for d in documents if d.truncated)
    tables["restatements"] = timed("restatements", editions.restatements, statements, truncated)
    failures = timed("validate", schema_failures, tables)
    return stages, len(tables["statements"]), failures, side


_decision: dict[str, float | None] = {}  # what the last `stage_times` read when it chose one process or two


def schema_failures(tables: dict) -> list[str]:
    """`pipeline.validate`, table by table, keeping going past a table that fails: what failed, in one line each
    (the build itself would stop there and write nothing)."""
    failures = []
    for name, frame in tables.items():
        try:
            schemas.TABLES[name].validate(frame)
        except pandera.errors.SchemaError as error:
            failures.append(f"{name}: {str(error).splitlines()[0][:200]}")
    return failures


STAGE_ORDER = ("parse", "segment", "validate", "boilerplate", "summaries", "initiatives", "follow-through",
               "waiting for the second process", "reviews", "restatements")


def show(title: str, stages: dict[str, tuple[float, float]], n: int, failures: list[str] = (), side: dict[str, tuple[float, float]] | None = None) -> None:
    total = sum(wall for wall, _ in stages.values())
    cpu = sum(c for _, c in stages.values()) + sum(c for _, c in (side or {}).values())
    print(f"{title}, {n:,} statements: {total:.2f} s after start-up, {n / total:,.0f} statements/s "
          f"(CPU {cpu:.2f} s{' in two processes' if side else ''}, {n / cpu:,.0f} statements per CPU second)")
    print(f"  {'stage':<31} {'wall':>7}  {'share':>5}  {'CPU':>7}")
    for name in sorted(stages, key=STAGE_ORDER.index):
        seconds, cpu_seconds = stages[name]
        print(f"  {name:<31} {seconds:6.2f} s  {seconds / total:5.1%}  {cpu_seconds:6.2f} s")
    if side:
        print("  in a second process, beside initiatives and follow-through's text features (not in the total):")
        for name, (seconds, cpu_seconds) in side.items():
            print(f"  {'  ' + name:<31} {seconds:6.2f} s  {seconds / total:5.1%}  {cpu_seconds:6.2f} s")
    for failure in failures:
        print(f"  NOT VALID (a build would stop here and write nothing): {failure}")


def start_up() -> None:
    """What a build loads once per process, before the clock starts: the spaCy pipeline and its tables, the
    initiative rules' matcher and word-frequency table (about 0.35 s from the copy `make data` writes, 0.6-1.3 s
    without it: it used to be timed inside the first corpus's initiatives stage), the follow-through lookups,
    and the modules boilerplate imports only for corpora too large to compare every pair exactly (datasketch
    and scipy: the seed page never needs them)."""
    import datasketch  # noqa: F401
    import scipy.sparse.csgraph  # noqa: F401

    get_nlp()
    initiatives.warm_up()
    followthrough.warm_up()


def main(n_pages: int = PAGES_DEFAULT) -> None:
    start_up()
    stage_times([paths.SEED_PAGE])  # a warm-up run: first calls build caches (pandera models, matchers) once per process
    # the seed page, as `make data` reads it (stage by stage; start-up, first-call caches and writing files left out)
    show(f"build of the seed page ({paths.SEED_PAGE.name})", *stage_times([paths.SEED_PAGE]))
    show(f"build of everything in data/raw/ ({len(pipeline.raw_files(paths.RAW))} files)", *stage_times(pipeline.raw_files(paths.RAW)))
    for name, make in (("synthetic pages of random words", corpus), ("pages of the real pages' sentences", real_corpus)):
        with tempfile.TemporaryDirectory() as tmp:
            files = make(Path(tmp), n_pages)
            result = stage_times(files)
        processes = "two processes" if result[3] else "one process"
        idle = "" if _decision["idle"] is None else f"{_decision['idle']:.2f} cores idle while it parsed, "
        show(f"whole build, {n_pages} {name} (target >= {TARGET:,} statements/s; {processes}: {idle}load average {_decision['load']:.2f})", *result)
    print(f"  command: .venv/bin/python benchmarks/bench_build.py {n_pages}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else PAGES_DEFAULT)
