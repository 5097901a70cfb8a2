"""spaCy's word-frequency table (spacy-lookups-data `lexeme_prob`) as the initiative rules read it, kept in the
environment in a form that loads in about half the time.

The rules ask for the log frequency of a sentence-initial word and of its lower case, and only of alphabetic
words (`extraction._ordinary_sentence_start`). Parsing the whole gzipped JSON table (a million entries) was
about 0.6 s of every build. `make data` writes once per environment the entries such a question can reach
(alphabetic keys, and every key with a non-ASCII character: the lower case of an alphabetic word is
alphabetic unless it leaves ASCII), stamped with the installed table's identity. `load` reads that file when
the stamp matches, and the table itself otherwise: the answers are the same floats either way.

Write it: `python -m analysis.initiatives.word_frequencies [PATH]` (default: `CACHE`).
"""

from __future__ import annotations

import marshal
import sys
from pathlib import Path

from analysis import paths

CACHE = paths.WORD_FREQUENCIES
FORMAT = 1  # change when what the file holds changes


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


def load(cache: Path = CACHE) -> dict[str, float]:
    """Log frequency by word form: the environment's copy when it matches the installed table, else the table."""
    try:
        stamp, table = marshal.loads(Path(cache).read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return full_table()
    return table if stamp == identity() else full_table()


def write(cache: Path = CACHE) -> int:
    """Write the askable entries with the installed table's identity (atomically); returns how many."""
    from analysis.outputs import write_atomic

    table = {word: value for word, value in full_table().items() if askable(word)}
    data = marshal.dumps((identity(), table))
    write_atomic(Path(cache), lambda tmp: tmp.write_bytes(data))
    return len(table)


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else CACHE
    print(f"wrote {target}: {write(target):,} word frequencies")
