"""The parsed form of a page: `Document` of department `Section`s of `Block`s, and `ParseError`.

Every reader (one per input format) produces these; `segment` consumes them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from analysis import periods

ACTION_MAJOR = "action-major"
DEPARTMENT_MAJOR = "department-major"


class ParseError(Exception):
    """Input that cannot be read as a page of the series; the message names the file (and line)."""

    def __init__(self, source: str, message: str, line: int | None = None):
        self.source, self.message, self.line = source, message, line
        where = f"{source}:{line}" if line else source
        super().__init__(f"{where}: {message}")


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

    @property
    def section_kind(self) -> str:
        return periods.kind(self.section)

    @property
    def year(self) -> int:
        return periods.year(self.section)

    @property
    def key(self) -> tuple[int, str, str]:
        return (self.action, self.dept_abbr, self.section)


@dataclass
class Document:
    """A parsed page: its layout, actions, department sections, and what was set aside."""

    source_file: str
    layout: str
    title: str
    actions: dict[int, str]
    sections: list[Section]
    unsectioned: list[Block] = field(default_factory=list)  # action notes / intros: not department text
    furniture: list[Block] = field(default_factory=list)
    headings: list[Block] = field(default_factory=list)  # action, department and period headings
    warnings: list[str] = field(default_factory=list)
    truncated: bool = False
    metadata: dict[str, str] = field(default_factory=dict)  # what a JSON page says about itself (content id, dates, URL)

    @property
    def departments(self) -> list[str]:
        return sorted({s.dept_abbr for s in self.sections})
