"""Raw pages of the series -> `Document`s of department sections: one reader per input format.

The format is detected by content, never by file name. Readers: the text of a GOV.UK page
(`govuk_text`, both layouts) and a GOV.UK Content API response (`govuk_json`, what `fetch` stores).
Decoding and refusal of non-page input live in `decode`; the shared data model in `document`.
"""

from __future__ import annotations

from pathlib import Path

from analysis.parse.decode import decode
from analysis.parse.document import ACTION_MAJOR, DEPARTMENT_MAJOR, Block, Document, ParseError, Section
from analysis.parse.govuk_json import looks_like_json, parse_json
from analysis.parse.govuk_text import parse_text

__all__ = [
    "ACTION_MAJOR",
    "DEPARTMENT_MAJOR",
    "Block",
    "Document",
    "ParseError",
    "Section",
    "decode",
    "parse_bytes",
    "parse_file",
    "parse_json",
    "parse_text",
]


def parse_bytes(raw: bytes, source: str) -> Document:
    """Decode and parse a page's bytes, with the reader its content calls for."""
    if looks_like_json(raw):
        return parse_json(raw, source)
    text, warnings = decode(raw, source)
    return parse_text(text, source, ends_with_newline=text.endswith("\n"), warnings=warnings)


def parse_file(path: str | Path) -> Document:
    """Read and parse one page; `source_file` is the file's name (paths differ between machines)."""
    path = Path(path)
    if not path.exists():
        raise ParseError(str(path), "no such file")
    if path.is_dir():
        raise ParseError(str(path), "is a directory, not a file")
    try:
        raw = path.read_bytes()
    except OSError as err:
        raise ParseError(str(path), f"cannot read: {err.strerror}") from None
    return parse_bytes(raw, path.name)
