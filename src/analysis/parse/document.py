"""The parsed form of a page: `Document` of department `Section`s of `Block`s, and `ParseError`.

Every reader (one per input format) produces these; `segment` consumes them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from analysis import periods

ACTION_MAJOR = "action-major"
DEPARTMENT_MAJOR = "department-major"


MESSAGE_QUOTE_CHARS = 80  # the most of a page's text any message quotes
MESSAGE_MAX_CHARS = 400  # the most any one message says


def quote(text: str, limit: int = MESSAGE_QUOTE_CHARS) -> str:
    """Text for a message: quoted, control characters escaped, cut at `limit` characters with an ellipsis."""
    cut = text if len(text) <= limit else text[:limit] + "\u2026"
    return repr(cut)


def display_name(name: str) -> str:
    """A file name as messages show it: as is when plain, quoted (escapes visible) when it holds a newline,
    a control character or white space at either end."""
    if re.search(r"[\x00-\x1f\x7f]", name) or name != name.strip():
        return repr(name)
    return name


def cap(message: str, limit: int = MESSAGE_MAX_CHARS) -> str:
    """A message cut to `limit` characters, so a message never floods a terminal."""
    return message if len(message) <= limit else message[: limit - 1] + "\u2026"


class ParseError(Exception):
    """Input that cannot be read as a page of the series; the message names the file (and line)."""

    def __init__(self, source: str, message: str, line: int | None = None):
        self.source, self.message, self.line = source, message, line
        where = display_name(source) + (f":{line}" if line else "")
        super().__init__(cap(f"{where}: {message}"))


@dataclass
class Block:
    """One body line: a paragraph, or a bullet item (marker removed)."""

    text: str
    line: int
    is_bullet: bool = False
    links: tuple[tuple[int, str], ...] = ()  # (where the link's words start in `text`, counted in non-space characters; URL)


@dataclass
class Section:
    """One department's text under one period heading of one action."""

    action: int
    action_title: str
    department: str
    dept_abbr: str
    section: str
    heading: str
    heading_line: int
    blocks: list[Block] = field(default_factory=list)
    edition: int = 2015  # 2012: the departments' first responses (December 2012); 2015: the January 2015 pages
    source_url: str | None = None  # the section's own "Read more »" link (2012 edition), if any

    @property
    def section_kind(self) -> str:
        return periods.UNKNOWN if self.section == periods.UNKNOWN else periods.kind(self.section)

    @property
    def year(self) -> int | None:
        """The period's year; None for section unknown (text whose period heading is missing)."""
        return None if self.section == periods.UNKNOWN else periods.year(self.section)

    @property
    def key(self) -> tuple[int, str, str, int]:
        return (self.action, self.dept_abbr, self.section, self.edition)


@dataclass
class Document:
    """A parsed page: its layout, actions, department sections, and what was set aside."""

    source_file: str
    layout: str
    title: str
    actions: dict[int, str]
    sections: list[Section]
    unsectioned: list[Block] = field(default_factory=list)  # page introduction before any action heading
    furniture: list[Block] = field(default_factory=list)
    headings: list[Block] = field(default_factory=list)  # action, department and period headings
    warnings: list[str] = field(default_factory=list)
    truncated: bool = False
    edition: int = 2015
    metadata: dict[str, str] = field(default_factory=dict)  # what a JSON page says about itself (content id, dates, URL)

    @property
    def departments(self) -> list[str]:
        return sorted({s.dept_abbr for s in self.sections})
