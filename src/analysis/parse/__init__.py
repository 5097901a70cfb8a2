"""Raw pages of the series -> `Document`s of department sections: one reader per input format.

The format is detected by content, never by file name or extension. Readers: the text of a GOV.UK page
(`govuk_text`, both layouts), a GOV.UK Content API response (`govuk_json`, what `fetch` stores) and the
December 2012 edition's Markdown dialect (`edition2012`). Decoding and refusal of non-page input live in
`decode`; the shared data model in `document`.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from analysis.parse.decode import decode
from analysis.parse.document import ACTION_MAJOR, DEPARTMENT_MAJOR, Block, Document, ParseError, Section
from analysis.parse.edition2012 import detect as is_edition2012
from analysis.parse.edition2012 import parse_edition2012
from analysis.parse.govuk_json import looks_like_json, parse_json
from analysis.parse.govuk_text import parse_text

__all__ = [
    "ACTION_MAJOR",
    "MAX_PAGE_BYTES",
    "DEPARTMENT_MAJOR",
    "Block",
    "Document",
    "ParseError",
    "Section",
    "decode",
    "parse_bytes",
    "parse_edition2012",
    "parse_file",
    "parse_json",
    "parse_text",
    "read_page_bytes",
]


def parse_bytes(raw: bytes, source: str) -> Document:
    """Decode and parse a page's bytes, with the reader its content calls for."""
    if looks_like_json(raw):
        return parse_json(raw, source)
    text, warnings = decode(raw, source)
    if is_edition2012(text):
        return parse_edition2012(text, source, warnings=warnings)
    return parse_text(text, source, ends_with_newline=text.endswith("\n"), warnings=warnings)


# A page of the series is under 100 KB; fifty times that is still a page (a long paragraph), more is not.
MAX_PAGE_BYTES = 5_000_000


def read_page_bytes(path: str | Path) -> bytes:
    """The bytes of one page file, refusing (ParseError) what is not a regular file of at most MAX_PAGE_BYTES:
    a missing file, a dangling link, a symlink loop, a folder, a FIFO, a device such as /dev/zero."""
    path = Path(path)
    name = str(path)
    try:
        info = os.stat(path)
    except OSError as err:
        if err.errno == errno.ELOOP:
            raise ParseError(name, "a symlink loop (the link points back to itself)") from None
        if err.errno == errno.ENOENT:
            raise ParseError(name, "a dangling symlink (its target does not exist)" if path.is_symlink() else "no such file") from None
        raise ParseError(name, f"cannot read: {err.strerror}") from None
    if stat.S_ISDIR(info.st_mode):
        raise ParseError(name, "is a directory, not a file")
    if not stat.S_ISREG(info.st_mode):
        raise ParseError(name, f"is {_file_kind(info.st_mode)}, not a regular file")
    if info.st_size > MAX_PAGE_BYTES:
        raise ParseError(name, f"is {info.st_size:,} bytes, more than the {MAX_PAGE_BYTES:,}-byte limit for a page (pages are under 100 KB)")
    try:
        with open(path, "rb") as handle:
            raw = handle.read(MAX_PAGE_BYTES + 1)
    except OSError as err:
        raise ParseError(name, f"cannot read: {err.strerror}") from None
    if len(raw) > MAX_PAGE_BYTES:  # grew while being read
        raise ParseError(name, f"is more than the {MAX_PAGE_BYTES:,}-byte limit for a page")
    return raw


def _file_kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def parse_file(path: str | Path) -> Document:
    """Read and parse one page; `source_file` is the file's name (paths differ between machines)."""
    path = Path(path)
    return parse_bytes(read_page_bytes(path), path.name)
