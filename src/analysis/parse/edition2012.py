"""Reader for the December 2012 edition: the departments' first responses, in the site's Markdown dialect.

The strategy's website kept each action's responses as a Markdown partial (`_action03.md`):
`#Action 03: …` heading, `{div …}` / `{/div}` / `{navigation}` furniture, a `##Department for<br>…`
heading per department (names broken by `<br>`, spelt with `&`), a `{: .logo-…}` line, and the response
inside `{div .statement}`: paragraphs separated by blank lines, bullet items, inline links and a closing
"Read more »" link to the department's own strategy. The folder's `_index.md` (a list of those strategies)
is read as an index: no department sections.

Every response is section `commitment_2012` of edition 2012. Link syntax is removed: a link's words stay
in the text where they are part of the sentence, its URL is kept on the block; a "Read more »" link is not
part of any sentence (kept as furniture with its line) and its URL becomes the section's `source_url`.
"""

from __future__ import annotations

import re

from analysis import departments
from analysis.parse.document import Block, Document, ParseError, Section

EDITION = 2012
SECTION = "commitment_2012"
HEADING = "Departments' responses (December 2012)"  # the edition has no period headings: this names the section
ACTION_MAJOR = "action-major"
STRATEGY_INDEX = "strategy-index"

_FURNITURE_LINE = re.compile(r"^\s*(?:\{\{[A-Z_]+\}\}|\{/?div\b[^}]*\}|\{navigation\}|\{:[^}]*\})\s*$")
_DIV_OPEN = re.compile(r"^\s*\{div\s+\.(?P<cls>[\w-]+)[^}]*\}\s*$")
_DIV_CLOSE = re.compile(r"^\s*\{/div\}\s*$")
_ACTION = re.compile(r"^\s*#(?!#)\s*Action\s+(?P<num>\d+)\s*:\s*(?P<title>.*?)\s*$", re.IGNORECASE)
_DEPARTMENT = re.compile(r"^\s*##(?!#)\s*(?P<name>.*?)\s*$")
_INTRO = re.compile(r"^\s*Here['\u2019]s how .+ (?:is|are) responding to this action[:.]?\s*$", re.IGNORECASE)
_BR = re.compile(r"<br\s*/?>", re.IGNORECASE)
_BULLET = re.compile(r"^\s*[-*+]\s+(?P<text>.*\S)\s*$")
_LINK = re.compile(r"\[(?P<words>[^\]\n]*)\]\((?P<url>[^)\s]+)(?:\s+\"[^\"]*\")?\)")
_READ_MORE = re.compile(r"^\s*read\s+more\b", re.IGNORECASE)
_DIALECT_SIGNS = re.compile(r"^\s*(?:\{div\s+\.|\{\{[A-Z_]+\}\}|\{navigation\}|\{:\s*\.logo)", re.MULTILINE)
_INDEX_ITEM = re.compile(r"^\s*[-*+]\s+.*\bDigital Strategy\b", re.IGNORECASE)


def detect(text: str) -> bool:
    """True when the text is in this dialect: its `{div …}` furniture, or an index of departments' strategies."""
    if _DIALECT_SIGNS.search(text):
        return True
    lines = [line for line in text.split("\n") if line.strip()]
    return bool(lines) and not any(_ACTION.match(line) for line in lines) and sum(bool(_INDEX_ITEM.match(line)) for line in lines) >= max(3, 0.8 * len(lines))


def department_name(heading: str) -> str:
    """'Department for<br>Culture Media<br>& Sport' -> 'Department for Culture Media & Sport'."""
    return " ".join(_BR.sub(" ", heading).split())


def nonspace(text: str) -> int:
    """Characters that are not white space: a position that survives any folding of white space."""
    return sum(not c.isspace() for c in text)


def strip_links(text: str) -> tuple[str, tuple[tuple[int, str], ...], list[str]]:
    """Markdown links -> their words. Returns the text, the links kept in it as (non-space characters
    before their words, URL), and the URLs of "Read more" links, removed with the white space before them."""
    kept: list[tuple[int, str]] = []
    read_more: list[str] = []
    out: list[str] = []
    pos = 0
    for m in _LINK.finditer(text):
        out.append(text[pos : m.start()])
        if _READ_MORE.match(m["words"]):
            read_more.append(m["url"])
            out[-1] = out[-1].rstrip()
        else:
            kept.append((nonspace("".join(out)), m["url"]))
            out.append(m["words"])
        pos = m.end()
    out.append(text[pos:])
    return "".join(out), tuple(kept), read_more


def parse_edition2012(text: str, source: str, *, warnings: list[str] | None = None) -> Document:
    """Parse decoded text of one `_actionNN.md` (or `_index.md`) file."""
    warnings = list(warnings or [])
    lines = text.split("\n")
    if not any(line.strip() for line in lines):
        raise ParseError(source, "file has no text")
    if not any(_ACTION.match(line) for line in lines):
        heading = next((n for n, line in enumerate(lines, start=1) if _DEPARTMENT.match(line) or _DIV_OPEN.match(line)), None)
        if heading is not None:
            raise ParseError(source, "department heading before any '#Action N:' heading (2012 edition format)", heading)
        return _parse_index(lines, source, warnings)

    doc = Document(source_file=source, layout=ACTION_MAJOR, title="", actions={}, sections=[], edition=EDITION)
    reader = _ResponseReader(doc, source, warnings)
    for n, raw in enumerate(lines, start=1):
        line = raw.rstrip()
        if not line.strip():
            reader.flush()
        elif m_action := _ACTION.match(line):
            reader.action_heading(m_action, line.strip(), n)
        elif m_dept := _DEPARTMENT.match(line):
            reader.department_heading(m_dept, line.strip(), n)
        elif _FURNITURE_LINE.match(line):
            reader.furniture(line, n)
        elif _INTRO.match(line) and not reader.in_statement:
            reader.flush()
            doc.furniture.append(Block(line.strip(), n))
        else:
            if _BULLET.match(line):
                reader.flush()  # each bullet item is its own block; a following indented line would continue it
            reader.paragraph.append((n, line))
    reader.flush()

    for section in doc.sections:
        if not section.blocks:
            warnings.append(f"line {section.heading_line}: {section.dept_abbr} has no response text in action {section.action}")
    if not doc.sections:
        raise ParseError(source, "an '#Action N:' heading but no department response could be read")
    doc.warnings = warnings
    return doc


class _ResponseReader:
    """Where the parser is in an action file (action, department, inside a statement {div}) and what
    each kind of line does to it; body lines gather into a paragraph until a blank line or a heading."""

    def __init__(self, doc: Document, source: str, warnings: list[str]) -> None:
        self.doc, self.source, self.warnings = doc, source, warnings
        self.action: int | None = None
        self.current: Section | None = None
        self.in_statement = False
        self.depth: list[str] = []  # open {div} classes
        self.paragraph: list[tuple[int, str]] = []  # (line number, text) of the paragraph being read

    def flush(self) -> None:
        """The paragraph read so far becomes one block (its "Read more" links go to the furniture)."""
        if not self.paragraph:
            return
        doc, current = self.doc, self.current
        first_line = self.paragraph[0][0]
        joined = " ".join(t.strip() for _, t in self.paragraph)
        self.paragraph.clear()
        clean, links, read_more = strip_links(joined)
        for url in read_more:
            doc.furniture.append(Block(f"Read more: {url}", first_line))
            if current is not None and current.source_url is None:
                current.source_url = url
        if not clean.strip():
            return
        bullet = _BULLET.match(clean)
        if bullet:  # positions count from the item's text, after the marker
            marker = nonspace(clean[: bullet.start("text")])
            links = tuple((at - marker, url) for at, url in links)
        block = Block(bullet["text"] if bullet else clean.strip(), first_line, is_bullet=bool(bullet), links=links)
        if current is not None and self.in_statement:
            current.blocks.append(block)
        else:
            doc.unsectioned.append(block)
            self.warnings.append(f"line {first_line}: text outside a department's statement kept apart: {block.text[:60]!r}")

    def action_heading(self, m_action: re.Match[str], stripped: str, n: int) -> None:
        self.flush()
        doc = self.doc
        self.action = int(m_action["num"])
        doc.actions.setdefault(self.action, m_action["title"])
        doc.title = doc.title or stripped
        doc.headings.append(Block(stripped, n))
        self.current, self.in_statement = None, False

    def department_heading(self, m_dept: re.Match[str], stripped: str, n: int) -> None:
        self.flush()
        if self.action is None:
            raise ParseError(self.source, "department heading before any '#Action N:' heading", n)
        name = department_name(m_dept["name"])
        dept = departments.resolve(name)
        if dept is None:
            dept = departments.Department(name, "UNK")
            self.warnings.append(f"line {n}: department heading {name!r} not in the gazetteer")
        self.doc.headings.append(Block(stripped, n))
        self.current = Section(self.action, self.doc.actions[self.action], dept.name, dept.abbr, SECTION, HEADING, n, edition=EDITION)
        self.doc.sections.append(self.current)
        self.in_statement = False

    def furniture(self, line: str, n: int) -> None:
        """A {div ...} / {/div} / {navigation} line: opens or closes a statement or department block."""
        self.flush()
        opened = _DIV_OPEN.match(line)
        if opened:
            self.depth.append(opened["cls"])
            if opened["cls"] == "statement":
                self.in_statement = True
                if self.current is None:
                    self.warnings.append(f"line {n}: statement without a department heading: its text is kept apart")
            elif opened["cls"] == "department":
                self.current = None
        elif _DIV_CLOSE.match(line):
            closed = self.depth.pop() if self.depth else None
            if closed == "statement":
                self.in_statement = False
        self.doc.furniture.append(Block(line.strip(), n))


def _parse_index(lines: list[str], source: str, warnings: list[str]) -> Document:
    """`_index.md`: the departments' own strategies. No sections; each item kept (as unsectioned text) with its line."""
    doc = Document(source_file=source, layout=STRATEGY_INDEX, title="Departmental digital strategies", actions={}, sections=[], edition=EDITION)
    for n, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        clean, links, _ = strip_links(raw.strip())
        bullet = _BULLET.match(clean)
        doc.unsectioned.append(Block(bullet["text"] if bullet else clean.strip(), n, is_bullet=bool(bullet), links=links))
    doc.warnings = warnings
    return doc
