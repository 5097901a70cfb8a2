"""Orchestrates a build: read raw pages -> parse -> segment -> analyses -> validate -> publish.

Every table is validated against its pandera model before any file is written; the whole output set is
then written into a staging folder and published in one step (`outputs.publish_folder`) under a lock on the
output folder, so a failed, killed or concurrent run leaves the previous set as it was: readers see the old
set or the new one, never a mix.
"""

from __future__ import annotations

import errno
import gc
import multiprocessing
import os
import stat
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple, TypeVar

import pandas as pd

from analysis import boilerplate, editions, followthrough, initiatives, nlp, paths, reviews, schemas, segment, summaries
from analysis.outputs import publish_folder, write_table
from analysis.parse import Document, ParseError, parse_file
from analysis.parse.document import display_name
from analysis.parse.edition2012 import EDITION as EDITION_2012

T = TypeVar("T")


@dataclass
class BuildResult:
    documents: list[Document]
    tables: dict[str, pd.DataFrame]
    warnings: list[str] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)


RAW_SUFFIXES = (".txt", ".md")  # GOV.UK page text; the 2012 edition's Markdown files (format is read from content)
DATA_LOG = "README.md"  # the folder's data log, not an input


def _skip_reason(path: Path) -> str | None:
    """Why an entry of the raw folder is not a page file (None when it is a regular file)."""
    try:
        mode = path.stat().st_mode
    except OSError as err:
        if err.errno == errno.ELOOP:
            return "a symlink loop"
        return "a dangling symlink" if path.is_symlink() else f"unreadable ({err.strerror})"
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "a folder"
    return "a FIFO (named pipe)" if stat.S_ISFIFO(mode) else "not a regular file"


def raw_files(raw_dir: Path, warnings: list[str] | None = None) -> list[Path]:
    """The inputs: every *.txt and *.md regular file in the folder but the data log, then every *.json that
    `fetch` stored in its govuk/ subfolder, each in name order (so builds are deterministic). Other such entries
    (a FIFO, a dangling link, a folder) are skipped with a warning added to `warnings`."""
    raw_dir = Path(raw_dir)
    if not raw_dir.is_dir():
        raise ParseError(str(raw_dir), "raw folder not found" if not raw_dir.exists() else "not a folder")
    files = []
    pages = sorted(e for e in raw_dir.iterdir() if e.suffix in RAW_SUFFIXES and e.name != DATA_LOG)
    for entry in [*pages, *sorted((raw_dir / paths.GOVUK.name).glob("*.json"))]:
        reason = _skip_reason(entry)
        if reason is None:
            files.append(entry)
        elif warnings is not None:
            warnings.append(f"{display_name(str(entry))}: skipped: {reason}, not a page file")
    if not files:
        raise ParseError(str(raw_dir), f"no pages in the raw folder (*.txt, *.md, or *.json in {paths.GOVUK.name}/)")
    return files


def read_documents(files: list[Path]) -> list[Document]:
    """Parse every file; the first unreadable one stops the run (ParseError) before anything is written."""
    return [parse_file(f) for f in files]


def tidy(files: list[Path]) -> tuple[list[Document], pd.DataFrame, list[str]]:
    """Parse and segment only: documents, the validated statements table, and warnings."""
    documents = read_documents(files)
    frame, warnings = segment.statements(documents)
    frame = schemas.Statements.validate(frame)
    doc_warnings = [f"{d.source_file}: {w}" for d in documents for w in d.warnings]
    return documents, frame, doc_warnings + warnings


def analyse(
    statements: pd.DataFrame,
    review_table: pd.DataFrame | None = None,
    warnings: list[str] | None = None,
    truncated_files: frozenset[str] = frozenset(),
    cpu_since: CpuTimes | None = None,
) -> dict[str, pd.DataFrame]:
    """Every processed table, from the statements table and the analysts' reviews (none by default; a
    warning is appended to `warnings` for each review whose id is gone), and the names of pages that end
    mid-text (for the restatements). Order matters: follow-through uses the other analyses, the
    follow-through summaries use the reviewed statuses. The boilerplate tables need the statements alone:
    on a large corpus a second process computes them meanwhile (`SideJob`), when the cores were idle enough
    since `cpu_since` (`cpu_times` when the build began; `worth_forking`)."""
    tables: dict[str, pd.DataFrame] = {"statements": statements}
    statements = segment.placed(statements)
    with SideJob(boilerplate_tables, statements, fork=worth_forking(len(statements), cpu_since)) as job:
        docs = nlp.sentence_docs(statements["text"].tolist())  # tokenised once: the initiative rules, then follow-through
        tables["initiatives"], tables["initiative_mentions"] = initiatives.extract(statements, ner=initiatives.configured_ner(), docs=docs)

        def boilerplate_table() -> pd.DataFrame:  # asked for by follow-through once its text features are done
            tables.update(job.result())
            return tables["boilerplate"]

        tables.update(follow_through_tables(tables, truncated_files, docs, boilerplate=boilerplate_table))
    tables, review_warnings = reviews.apply(in_build_order(tables), reviews.read(None) if review_table is None else review_table)
    if warnings is not None:
        warnings += review_warnings
    tables.update(summarise_follow_through(tables))
    tables["restatements"] = editions.restatements(statements, truncated_files)
    return tables


def boilerplate_tables(statements: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """The boilerplate table and the summaries read from it: everything the build makes from the placed
    statements alone, so it can run beside the initiative rules."""
    table = boilerplate.classify(statements)
    return {"boilerplate": table, "sections": summaries.sections(statements, table), "departments": summaries.departments(statements, table)}


BUILD_ORDER = ("statements", "boilerplate", "sections", "departments", "initiatives", "initiative_mentions", "follow_through")


def in_build_order(tables: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """The tables in the order the build lists and writes them, whichever finished first."""
    return {name: tables[name] for name in sorted(tables, key=lambda n: BUILD_ORDER.index(n) if n in BUILD_ORDER else len(BUILD_ORDER))}


PARALLEL_MIN_STATEMENTS = 2_000
"""From this many statements the boilerplate tables are computed by a second (forked) process beside the
initiative rules and follow-through's text features, when a core is free (`worth_forking`); a build of a
few pages never pays the fork (about 0.05 s)."""


def worth_forking(n_statements: int, since: CpuTimes | None = None) -> bool:
    """A second process pays when the corpus is large and a core is idle. On cores that other work keeps busy
    the two processes only share the same time slices (and copying the memory pages both write costs more than
    it saves): a 48-page build ran at 1,069 statements/s forked and 1,479/s not while other sessions' jobs
    held a core (medians of five, docs/methods.md). Whether a core is idle is read from the cores' idle time since `since`
    (`cpu_times` when the build began: the last second or so, during which this build used one core), where
    the system reports it; else from the load average (which counts this process, and lags by a minute)."""
    if n_statements < PARALLEL_MIN_STATEMENTS:
        return False
    idle = idle_cores(since)
    if idle is not None:
        return idle >= IDLE_CORES_TO_FORK
    return os.getloadavg()[0] <= (os.cpu_count() or 1) - 1 + 0.5


IDLE_CORES_TO_FORK = 0.6
"""Cores' worth of idle time, while the build ran alone on one core, from which a second process pays (`worth_forking`)."""


class CpuTimes(NamedTuple):
    """The cores' idle and total time since boot (clock ticks, all cores), from /proc/stat."""

    idle: int
    total: int


def cpu_times() -> CpuTimes | None:
    """The cores' idle (idle + waiting for input or output) and total time so far; None where /proc/stat is not there."""
    try:
        with open("/proc/stat", encoding="ascii") as stat_file:
            fields = stat_file.readline().split()
    except OSError:
        return None
    if len(fields) < 9 or fields[0] != "cpu":
        return None
    ticks = [int(v) for v in fields[1:9]]  # user nice system idle iowait irq softirq steal (guest time is in user)
    return CpuTimes(ticks[3] + ticks[4], sum(ticks))


MIN_SAMPLE_TICKS = 20
"""Fewer clock ticks than this since the sample (0.1 s on two cores) tell nothing: `idle_cores` then says None."""


def idle_cores(since: CpuTimes | None) -> float | None:
    """Cores' worth of idle time since `since` (2 cores idle half the time: 1.0); None without a sample."""
    now = cpu_times() if since is not None else None
    if now is None or now.total - since.total < MIN_SAMPLE_TICKS:
        return None
    return (now.idle - since.idle) / (now.total - since.total) * (os.cpu_count() or 1)


class SideJob:
    """`fn(*args)` computed in a forked process while this one goes on; `result()` waits for it. Forking
    shares what start-up loaded (the spaCy pipeline, lookup tables) without pickling it; only the arguments
    and the result are pickled. With `fork` False, or where the system cannot fork, it is computed in this
    process when first asked. An exception in the job is raised again by `result()`."""

    def __init__(self, fn: Callable[..., T], *args, fork: bool = True):
        self._fn, self._args = fn, args
        self._pool = None
        if fork and "fork" in multiprocessing.get_all_start_methods():
            # what exists now is never walked by either process's collector again: a collection writes to
            # every object it walks, and each page written is copied (copy-on-write) instead of shared;
            # `batch_gc` unfreezes it when the build ends
            gc.freeze()
            self._pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("fork"))
            self._future = self._pool.submit(fn, *args)
        self._result: list = []

    def result(self) -> T:
        if not self._result:
            self._result.append(self._future.result() if self._pool is not None else self._fn(*self._args))
        return self._result[0]

    def __enter__(self) -> SideJob:
        return self

    def __exit__(self, *exc) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)


def follow_through_tables(
    tables: dict[str, pd.DataFrame], truncated_files: frozenset[str] = frozenset(), docs: list | None = None,
    boilerplate: Callable[[], pd.DataFrame] | None = None,
) -> dict[str, pd.DataFrame]:
    """Follow-through from the statements and the other analyses' tables, as the build runs it (the last
    statement of a page that ends mid-text is no evidence when it stops mid-sentence). `docs`: the placed
    statements' texts as the initiative rules read them (`nlp.sentence_docs`), one per row, or None.
    `boilerplate`: a function giving the boilerplate table, asked only once the text features are done (it
    may still be computing); by default `tables["boilerplate"]`."""
    # follow-through pairs periods of the GOV.UK pages; the 2012 edition has no progress text of its own
    statements = segment.placed(tables["statements"])
    keep = (statements["edition"] != EDITION_2012).to_numpy()
    statements = statements[keep].reset_index(drop=True)
    if docs is not None:
        docs = [doc for doc, kept in zip(docs, keep, strict=True) if kept]
    follow = followthrough.follow_through(
        statements, boilerplate=boilerplate or (lambda: tables["boilerplate"]), mentions=tables["initiative_mentions"], initiatives=tables["initiatives"],
        truncated_files=truncated_files, docs=docs,
    )
    return {"follow_through": follow}


def summarise_follow_through(tables: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """The follow-through summaries, from the final (reviewed) statuses."""
    return {
        "follow_through_departments": followthrough.department_summary(tables["follow_through"]),
        "follow_through_sections": followthrough.section_rollup(tables["follow_through"]),
    }


def validate(tables: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    return {name: schemas.TABLES[name].validate(frame) for name, frame in tables.items()}


def output_paths(out_dir: Path, name: str) -> list[Path]:
    out_dir = Path(out_dir)
    if name == "statements":
        return [out_dir / "statements.parquet", out_dir / "statements.csv"]
    return [out_dir / f"{name}.csv"]


GC_BATCH_THRESHOLD = 1_000_000
"""Allocations between the garbage collector's young-generation passes during a build (Python's default is
700). A build allocates millions of small objects (tokens, tuples, dictionaries), almost none of them in
cycles (a 48-page build leaves about 130 objects for the collector, and the same peak memory with the
collector off); with the default, the collector's passes over everything alive cost about a sixth of the
analysis time, at 10,000 still 0.2-0.25 s of a 48-page build (76 young and 6 middle-generation passes), at
1,000,000 one pass (0.04 s)."""


@contextmanager
def batch_gc(threshold: int = GC_BATCH_THRESHOLD) -> Iterator[None]:
    """The garbage collector set for one batch run: what start-up loaded (modules, the spaCy pipeline, its
    lookup tables) is frozen, so collections never walk it again, and young-generation passes are rarer.
    Only when objects are freed changes, never which: the previous settings return on exit."""
    previous = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(threshold, *previous[1:])
    try:
        yield
    finally:
        gc.set_threshold(*previous)
        gc.unfreeze()


def build(raw_dir: Path = paths.RAW, out_dir: Path = paths.PROCESSED, reviews_dir: Path = paths.REVIEWS) -> BuildResult:
    """The full pipeline that `make data` runs; analysts' reviews (data/reviews/) are applied last. Nothing is
    written unless every table validates, and then the whole set is published at once."""
    skipped: list[str] = []
    with batch_gc():
        began = cpu_times()
        documents, statements, warnings = tidy(raw_files(raw_dir, skipped))
        truncated = frozenset(d.source_file for d in documents if d.truncated)
        tables = validate(analyse(statements, reviews.read(reviews_dir), warnings, truncated, cpu_since=began))
    result = BuildResult(documents, tables, skipped + warnings)
    out_dir = Path(out_dir)

    def write_all(staging: Path) -> None:
        for name, frame in tables.items():
            for path in output_paths(staging, name):
                write_table(frame, path)

    publish_folder(out_dir, write_all)
    result.written = [path for name in tables for path in output_paths(out_dir, name)]
    return result
