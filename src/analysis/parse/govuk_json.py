"""Reader for a GOV.UK Content API response (`https://www.gov.uk/api/content/<path>`) of the series.

The page's body is HTML in `details.body`. Its blocks of text come from the HTML: headings
(`h1`-`h6`, numbered or not), paragraphs from `p` (and any other block of text, so nothing is
lost), bullets from `li`; links keep their text in the statement and their URL on the block. Which
block is an action, period or department heading, furniture or a department's text is then decided
by the text reader itself (`govuk_text`), one line per block: one set of rules, so a page read from
its JSON and from its copied text gives the same sections by construction. Line numbers are lines of
the `details.body` HTML, where a reader can find the text by hand.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from analysis.parse.document import Document, ParseError
from analysis.parse.govuk_text import parse_text

_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_TEXT_BLOCKS = _HEADINGS | {"p", "li", "td", "th", "dt", "dd", "caption", "figcaption", "pre", "blockquote"}
_CONTAINERS = {"div", "section", "article", "ul", "ol", "dl", "table", "thead", "tbody", "tr", "figure", "aside", "nav"}
_SKIPPED = {"script", "style", "template"}
_LINE = re.compile(r"\bline (\d+)")


_JSON_OBJECT = re.compile(rb'^(?:\xef\xbb\xbf)?\s*\{\s*(?:"|\})')


def looks_like_json(raw: bytes) -> bool:
    """Content, not file name, says which reader: a JSON object starts '{"' (a Markdown attribute
    block such as '{::options}' or '{div .statement}' does not)."""
    return bool(_JSON_OBJECT.match(raw[:64]))


@dataclass
class HtmlBlock:
    """A run of text in the body: a heading (`level` 1-6), a paragraph, or a bullet item."""

    text: str
    line: int
    level: int = 0
    is_bullet: bool = False
    links: list[tuple[int, str]] = field(default_factory=list)  # (non-space characters before the link's words, URL)


class _BlockReader(HTMLParser):
    """HTML -> blocks of text in document order. Text outside any block element (bare text in a
    `div`) becomes a paragraph of its own, and `<br>` starts a new block, as a browser's copy would."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[HtmlBlock] = []
        self._stack: list[str] = []
        self._parts: list[str] = []
        self._line = 0
        self._links: list[tuple[int, str]] = []
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
        elif tag == "a" and dict(attrs).get("href"):
            self._links.append((sum(not c.isspace() for part in self._parts for c in part), dict(attrs)["href"] or ""))

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED:
            self._skip = max(0, self._skip - 1)
        elif tag in _TEXT_BLOCKS or tag in _CONTAINERS:
            self._flush()
            if tag in self._stack:  # close it and anything left open inside it
                del self._stack[len(self._stack) - 1 - self._stack[::-1].index(tag) :]

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        if not self._line and data.strip():
            self._line = self.getpos()[0] + data[: len(data) - len(data.lstrip())].count("\n")
        self._parts.append(data)

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


def _nonspace(text: str) -> int:
    return sum(not c.isspace() for c in text)


def _shifted(links: tuple[tuple[int, str], ...], line: str, text: str) -> tuple[tuple[int, str], ...]:
    """Link positions of a line, for a block that is the end of it (a heading fused with its first
    sentence keeps only the sentence); links in the dropped start are not the block's."""
    cut = _nonspace(line) - _nonspace(text)
    return tuple((at - cut, url) for at, url in links if at >= cut)


def _page_text(title: str, blocks: list[HtmlBlock]) -> str:
    """The page as the text reader reads a copy: the title, then one line per block, bullets marked '- '."""
    lines = [title] + [f"- {b.text}" if b.is_bullet else b.text for b in blocks]
    return "\n".join(lines) + "\n"


def parse_json(raw: bytes, source: str) -> Document:
    """Parse a stored Content API response. `source` names the file in messages and in the output.

    The body's blocks are read by the text reader, one line each after the title, so a page gives the
    same sections from its JSON as from its copied text; line numbers are then mapped back to the body.
    """
    data = _load(raw, source)
    blocks = html_blocks(data["details"]["body"])
    if not blocks:
        raise ParseError(source, "the page's body (details.body) has no text")
    title = " ".join(str(data.get("title") or "").split())
    body_lines = [0] + [b.line for b in blocks]  # line n of the page text -> line of details.body (0: the title)
    links = [()] + [tuple(b.links) for b in blocks]
    lines = [title] + [b.text for b in blocks]

    def body_line(n: int) -> int:
        return body_lines[n - 1]

    def relined(message: str) -> str:
        return _LINE.sub(lambda m: "the title" if body_line(int(m[1])) == 0 else f"line {body_line(int(m[1]))}", message)

    try:
        doc = parse_text(_page_text(title, blocks), source)
    except ParseError as err:
        raise ParseError(source, relined(err.message), body_line(err.line) if err.line else None) from None
    placed = [b for s in doc.sections for b in s.blocks] + doc.unsectioned + doc.furniture + doc.headings
    for block in placed:
        block.links, block.line = _shifted(links[block.line - 1], lines[block.line - 1], block.text), body_line(block.line)
    for section in doc.sections:
        section.heading_line = body_line(section.heading_line)
    doc.warnings = [relined(w) for w in doc.warnings]
    doc.metadata = metadata(data)
    return doc
