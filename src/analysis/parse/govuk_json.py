"""Reader for a GOV.UK Content API response (`https://www.gov.uk/api/content/<path>`) of the series.

The page's body is HTML in `details.body`. Headings come from the HTML (`h1`-`h6`, numbered or
not), paragraphs from `p` (and any other block of text, so nothing is lost), bullets from `li`;
links keep their text in the statement and their URL on the block. Which heading is an action, a
period or a department is decided by the text reader's vocabulary (`govuk_text`), so a page read
from its JSON and from its copied text gives the same sections. Line numbers are lines of the
`details.body` HTML, where a reader can find the text by hand.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from html.parser import HTMLParser

from analysis import departments
from analysis.parse import govuk_text as vocabulary
from analysis.parse.document import ACTION_MAJOR, DEPARTMENT_MAJOR, SECTION_ORDER, Block, Document, ParseError, Section

_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_TEXT_BLOCKS = _HEADINGS | {"p", "li", "td", "th", "dt", "dd", "caption", "figcaption", "pre", "blockquote"}
_CONTAINERS = {"div", "section", "article", "ul", "ol", "dl", "table", "thead", "tbody", "tr", "figure", "aside", "nav"}
_SKIPPED = {"script", "style", "template"}


def looks_like_json(raw: bytes) -> bool:
    """Content, not file name, says which reader: a JSON object starts with '{'."""
    return raw.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] == b"{"


@dataclass
class HtmlBlock:
    """A run of text in the body: a heading (`level` 1-6), a paragraph, or a bullet item."""

    text: str
    line: int
    level: int = 0
    is_bullet: bool = False
    links: list[tuple[str, str]] = field(default_factory=list)


class _BlockReader(HTMLParser):
    """HTML -> blocks of text in document order. Text outside any block element (bare text in a
    `div`) becomes a paragraph of its own, and `<br>` starts a new block, as a browser's copy would."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[HtmlBlock] = []
        self._stack: list[str] = []
        self._parts: list[str] = []
        self._line = 0
        self._links: list[tuple[str, str]] = []
        self._link: tuple[str, list[str]] | None = None
        self._skip = 0

    def _flush(self) -> None:
        text = " ".join("".join(self._parts).split())
        if text:
            level = next((int(t[1]) for t in reversed(self._stack) if t in _HEADINGS), 0)
            is_bullet = "li" in self._stack
            self.blocks.append(HtmlBlock(text, self._line, 0 if is_bullet else level, is_bullet, list(self._links)))
        self._parts, self._links, self._line = [], [], 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED:
            self._skip += 1
        elif tag in _TEXT_BLOCKS or tag in _CONTAINERS:
            self._flush()
            self._stack.append(tag)
        elif tag == "br":
            self._flush()
        elif tag == "a":
            self._link = (dict(attrs).get("href") or "", [])

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED:
            self._skip = max(0, self._skip - 1)
        elif tag in _TEXT_BLOCKS or tag in _CONTAINERS:
            self._flush()
            if tag in self._stack:  # close it and anything left open inside it
                del self._stack[len(self._stack) - 1 - self._stack[::-1].index(tag) :]
        elif tag == "a" and self._link is not None:
            href, parts = self._link
            text = " ".join("".join(parts).split())
            if href:
                self._links.append((text, href))
            self._link = None

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        if not self._line and data.strip():
            self._line = self.getpos()[0] + data[: len(data) - len(data.lstrip())].count("\n")
        self._parts.append(data)
        if self._link is not None:
            self._link[1].append(data)

    def close(self) -> None:
        super().close()
        self._flush()


def html_blocks(html: str) -> list[HtmlBlock]:
    """The blocks of text of an HTML body, in order."""
    reader = _BlockReader()
    reader.feed(html)
    reader.close()
    return reader.blocks


def _load(raw: bytes, source: str) -> dict:
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError as err:
        raise ParseError(source, f"JSON file is not UTF-8 (byte 0x{raw[err.start]:02x})", raw.count(b"\n", 0, err.start) + 1) from None
    except json.JSONDecodeError as err:
        raise ParseError(source, f"not valid JSON ({err.msg}, column {err.colno})", err.lineno) from None
    body = data.get("details", {}).get("body") if isinstance(data, dict) and isinstance(data.get("details"), dict) else None
    if not isinstance(body, str):
        raise ParseError(source, "JSON, but not a GOV.UK Content API page (no details.body)")
    return data


def metadata(data: dict) -> dict[str, str]:
    """Provenance the page gives about itself: content id, path, dates, government, history mode."""
    government = (data.get("links", {}).get("government") or [{}])[0]
    meta = {
        "content_id": data.get("content_id"),
        "base_path": data.get("base_path"),
        "document_type": data.get("document_type"),
        "public_updated_at": data.get("public_updated_at"),
        "first_published_at": data.get("first_published_at"),
        "government": government.get("title"),
        "political": data.get("details", {}).get("political"),
    }
    return {k: str(v) for k, v in meta.items() if v is not None}


def parse_json(raw: bytes, source: str) -> Document:
    """Parse a stored Content API response. `source` names the file in messages and in the output."""
    data = _load(raw, source)
    blocks = html_blocks(data["details"]["body"])
    if not blocks:
        raise ParseError(source, "the page's body (details.body) has no text")
    periods = [vocabulary.period_heading(b.text) if not b.is_bullet else None for b in blocks]
    if not any(periods):
        raise ParseError(
            source,
            "no department/period structure found (no headings such as 'Progress during 2014'): "
            "not a progress page of the Digital Strategy series",
        )

    title = " ".join(str(data.get("title") or "").split())
    warnings: list[str] = []
    page_dept: departments.Department | None = None
    named = vocabulary.title_department(title)
    if named is not None:
        page_dept = departments.resolve(named)
        if page_dept is None:
            raise ParseError(source, f"page title names an unknown department: {named!r}")
    layout = DEPARTMENT_MAJOR if page_dept else ACTION_MAJOR
    doc = Document(source, layout, title, actions={}, sections=[], metadata=metadata(data))

    action: int | None = None
    titled = vocabulary.action_heading(title)
    if titled:
        action = titled[0]
        doc.actions[action] = titled[1]
    dept = page_dept
    dept_label = ""
    current: Section | None = None
    by_key: dict[tuple[int, str, str], Section] = {}

    for idx, (html_block, period) in enumerate(zip(blocks, periods, strict=True)):
        text, n = html_block.text, html_block.line
        links = tuple(html_block.links)
        before_period = idx + 1 < len(blocks) and periods[idx + 1] is not None
        is_heading = html_block.level > 0

        if title and text == title:
            doc.furniture.append(Block(text, n, links=links))
            continue
        numbered = vocabulary.action_heading(text) if not html_block.is_bullet else None
        if numbered:
            num, action_title = numbered
            if not doc.title:
                doc.title = text
            if num == action and current is None:
                doc.furniture.append(Block(text, n))  # the title repeated as a heading
                continue
            action = num
            doc.actions.setdefault(num, action_title)
            doc.headings.append(Block(text, n))
            if layout == DEPARTMENT_MAJOR:
                current = None
            continue

        if period is not None:
            section, heading, rest = period
            if action is None:
                raise ParseError(source, "period heading before any 'Action N:' heading", n)
            if dept is None:
                raise ParseError(source, "period heading before any department heading", n)
            if section not in SECTION_ORDER:
                warnings.append(f"line {n}: unusual period heading {text!r} read as {section}")
            doc.headings.append(Block(heading, n))
            key = (action, dept.abbr, section)
            if key in by_key:
                warnings.append(f"line {n}: second '{heading}' heading for {dept.abbr} in action {action}: text appended")
                current = by_key[key]
            else:
                current = Section(action, doc.actions.get(action, ""), dept.name, dept.abbr, section, heading, n)
                by_key[key] = current
                doc.sections.append(current)
            if rest:
                warnings.append(f"line {n}: heading '{heading}' fused with its first sentence: split")
                current.blocks.append(Block(rest, n, links=links))
            continue

        if vocabulary.is_furniture(text):
            doc.furniture.append(Block(text, n, links=links))
            continue

        if layout == ACTION_MAJOR and not html_block.is_bullet:
            resolved = vocabulary.department_heading(text, before_period=before_period, marked_up=is_heading)
            if resolved is not None:
                if resolved.abbr == "UNK":
                    warnings.append(f"line {n}: department heading {text!r} not in the gazetteer")
                dept, dept_label, current = resolved, text, None
                doc.headings.append(Block(text, n))
                continue

        if is_heading:
            warnings.append(f"line {n}: heading {text!r} is not an action, period or department heading: read as text")
        block = Block(text, n, is_bullet=html_block.is_bullet, links=links)
        if current is not None:
            current.blocks.append(block)
        else:
            doc.unsectioned.append(block)

    for section in doc.sections:
        if not section.blocks:
            warnings.append(f"line {section.heading_line}: section {section.section} of {section.dept_abbr} has no text")
    if layout == ACTION_MAJOR and dept is not None and not any(s.dept_abbr == dept.abbr for s in doc.sections):
        warnings.append(f"department heading {dept_label!r} has no sections")
    for num in sorted(set(doc.actions) - {s.action for s in doc.sections}):
        warnings.append(f"action {num} has no department sections")
    if not doc.sections:
        raise ParseError(source, "headings found but no department section could be read")
    doc.warnings = warnings
    return doc
