"""spaCy's word-frequency table (spacy-lookups-data `lexeme_prob`) as the initiative rules read it, kept in the
environment as a keyed store (sqlite, standard library) from which only the words asked are read.

The rules ask for the log frequency of a sentence-initial word and of its lower case, and only of alphabetic
words (`extraction._ordinary_sentence_start`). Parsing the whole gzipped JSON table (a million entries) was
about 0.6 s of every build. `make data` writes once per environment the entries such a question can reach
(alphabetic keys, and every key with a non-ASCII character: the lower case of an alphabetic word is
alphabetic unless it leaves ASCII), stamped with the installed table's identity. `load` opens that file when
the stamp matches, and parses the table itself otherwise: the answers are the same floats either way. A build
asks for a few hundred words, so opening the store costs milliseconds where reading every entry cost 0.35 s.

Write it: `python -m analysis.initiatives.word_frequencies [PATH]` (default: `CACHE`).
"""

from __future__ import annotations

import sqlite3
import sys
from collections.abc import Iterator, Mapping
from pathlib import Path

from analysis import paths

CACHE = paths.WORD_FREQUENCIES
FORMAT = 2  # change when what the file holds changes


def source() -> Path:
    """The installed table (spaCy reads `PATH` or `PATH.gz`)."""
    from spacy.util import registry

    return Path(registry.lookups.get("en")["lexeme_prob"])


def identity() -> tuple:
    """What the cache must have been made from: this format, this Python, and the installed file's path, size and time."""
    path = source()
    for candidate in (path, path.with_name(path.name + ".gz")):
        if candidate.exists():
            stat = candidate.stat()
            return (FORMAT, sys.version_info[:2], str(candidate), stat.st_size, stat.st_mtime_ns)
    return (FORMAT, sys.version_info[:2], str(path), -1, -1)


def askable(word: str) -> bool:
    """Whether the rules can ever ask for `word` (an alphabetic word or the lower case of one)."""
    return word.isalpha() or not word.isascii()


def full_table() -> dict[str, float]:
    """The whole installed table, parsed (spaCy's loader)."""
    from spacy.util import load_language_data

    return load_language_data(source())


class Store(Mapping):
    """The copy, read word by word (each answer remembered): a read-only mapping from word form to log frequency."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self._db, self._seen, self._complete = connection, {}, False

    def __getitem__(self, word: str) -> float:
        if word not in self._seen:
            if self._complete:
                raise KeyError(word)
            row = self._db.execute("SELECT p FROM freq WHERE w = ?", (word,)).fetchone()
            self._seen[word] = None if row is None else row[0]
        if self._seen[word] is None:
            raise KeyError(word)
        return self._seen[word]

    def preload(self) -> None:
        """Read every entry at once: for a process that will ask for many words (`extraction.warm_up`)."""
        self._seen = dict(self._db.execute("SELECT w, p FROM freq"))
        self._complete = True

    def __iter__(self) -> Iterator[str]:
        return (w for (w,) in self._db.execute("SELECT w FROM freq"))

    def __len__(self) -> int:
        return self._db.execute("SELECT count(*) FROM freq").fetchone()[0]


def load(cache: Path = CACHE) -> Mapping[str, float]:
    """Log frequency by word form: the environment's copy when it matches the installed table, else the table."""
    try:
        db = sqlite3.connect(f"{Path(cache).absolute().as_uri()}?mode=ro", uri=True, check_same_thread=False)
        (stamp,) = db.execute("SELECT stamp FROM meta").fetchone()
    except (sqlite3.Error, TypeError, ValueError):
        return full_table()
    return Store(db) if stamp == repr(identity()) else full_table()


def write(cache: Path = CACHE) -> int:
    """Write the askable entries with the installed table's identity (atomically); returns how many."""
    from analysis.outputs import write_atomic

    table = {word: value for word, value in full_table().items() if askable(word)}

    def fill(tmp: Path) -> None:
        with sqlite3.connect(tmp) as db:
            db.execute("CREATE TABLE freq (w TEXT PRIMARY KEY, p REAL NOT NULL) WITHOUT ROWID")
            db.executemany("INSERT INTO freq VALUES (?, ?)", table.items())
            db.execute("CREATE TABLE meta (stamp TEXT NOT NULL)")
            db.execute("INSERT INTO meta VALUES (?)", (repr(identity()),))
        db.close()

    write_atomic(Path(cache), fill)
    return len(table)


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else CACHE
    print(f"wrote {target}: {write(target):,} word frequencies")
