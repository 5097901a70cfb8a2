"""Render a page's copied text as a GOV.UK Content API response, for tests that must not use the network.

The shape follows `https://www.gov.uk/api/content/<path>` for an HTML publication: metadata at the
top, the body as govspeak HTML in `details.body`, the government in `links.government`. Which lines
become headings is decided here by simple rules of its own (an "Action N:" line, a period line, or a
title-case line just before a period line), not by the parser under test, so a test comparing the
JSON reading with the text reading compares two independent routes to the same page.

`python -m tests.govuk_api` rewrites the recorded responses in tests/fixtures/content-api/ (a test
checks they are current).
"""

from __future__ import annotations

import csv
import html
import json
import re
import uuid
from pathlib import Path

HERE = Path(__file__).parent
ROOT = HERE.parent
FIXTURES = HERE / "fixtures" / "content-api"
SERIES = ROOT / "data" / "raw" / "series.csv"

# page in the manifest -> the copied text it is rendered from
SOURCES = {
    "action-04": ROOT / "data" / "raw" / "action04-support-improved-digital-capability.txt",
    "action-05": ROOT / "data" / "external" / "series-fragments" / "action05.txt",
    "action-14": ROOT / "data" / "external" / "series-fragments" / "action14.txt",
    "action-16": ROOT / "data" / "external" / "series-fragments" / "action16.txt",
    "dept-defra": ROOT / "data" / "external" / "series-fragments" / "dept-defra.txt",
    "dept-dwp": ROOT / "data" / "external" / "series-fragments" / "dept-dwp.txt",
    "dept-health": ROOT / "data" / "external" / "series-fragments" / "dept-health.txt",
}

_FORMATS = {"Policy paper": "policy_paper", "Corporate report": "corporate_report"}
_UPDATED = re.compile(r"^Updated (\d{1,2}) (\w+) (\d{4})$")
_GOVERNMENT = re.compile(r"^This was published under the (.+)$")
_NUMBER = re.compile(r"^(\d+(?:\.\d+)*\.?)\s+(.*)$")
_ACTION = re.compile(r"^(?:\d+(?:\.\d+)*\.?\s+)?Action \d+:")
_PERIOD = re.compile(
    r"^(?:#+\s*)?(?:\d+(?:\.\d+)*\.?\s+)?(?:Departmental digital strategy commitments \(|Progress (?:during|in) \d{4}|Planned activities (?:in|for) \d{4})",
    re.IGNORECASE,
)
_SMALL_WORDS = {"of", "for", "and", "the", "on", "in", "to", "&"}
_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]


def page_urls() -> dict[str, str]:
    with SERIES.open(encoding="utf-8", newline="") as f:
        return {row["page"]: row["url"] for row in csv.DictReader(f)}


def complete_lines(text: str, cut: bool) -> list[str]:
    """Non-blank lines that the copy holds in full: a copy `cut` short (the fragments are the first
    2,000 bytes of their pages) loses its last, partial line; the API answers with whole pages."""
    lines = text.split("\n")
    if cut:
        lines = lines[:-1]
    return [line.strip() for line in lines if line.strip()]


def _title_case(line: str) -> bool:
    words = _NUMBER.sub(r"\2", line).replace(",", " ").split()
    return bool(words) and all(w[:1].isupper() or w.lower() in _SMALL_WORDS for w in words)


def _heading(level: int, text: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    m = _NUMBER.match(text)
    inner = f'<span class="number">{m[1]} </span>{html.escape(m[2], quote=False)}' if m else html.escape(text, quote=False)
    return f'<h{level} id="{slug}">{inner}</h{level}>'


def render_body(lines: list[str]) -> str:
    """Govspeak-like HTML: headings h2 (action, department) and h3 (period), paragraphs, bullet lists."""
    out: list[str] = []
    bullets: list[str] = []
    for i, line in enumerate(lines):
        nxt = lines[i + 1] if i + 1 < len(lines) else ""
        if line.startswith("- "):
            bullets.append(f"  <li>{html.escape(line[2:].strip(), quote=False)}</li>")
            continue
        if bullets:
            out.append("<ul>\n" + "\n".join(bullets) + "\n</ul>")
            bullets = []
        if _ACTION.match(line):
            out.append(_heading(2, line))
        elif _PERIOD.match(line) and not line.startswith("#"):
            out.append(_heading(3, line))
        elif _PERIOD.match(nxt) and not re.search(r"[.:;!?]$", line) and _title_case(line):
            out.append(_heading(2, line))
        else:
            out.append(f"<p>{html.escape(line, quote=False)}</p>")
    if bullets:
        out.append("<ul>\n" + "\n".join(bullets) + "\n</ul>")
    return '<div class="govspeak">' + "\n\n".join(out) + "\n</div>"


def render_page(text: str, url: str, cut: bool = False) -> dict:
    """A Content API response for the page whose copied text is `text`, published at `url`."""
    lines = complete_lines(text, cut)
    document_type = "html_publication"
    parent_type = _FORMATS.get(lines[0]) if lines else None
    if parent_type:
        lines = lines[1:]
    title, lines = lines[0], lines[1:]
    updated, government = None, None
    body: list[str] = []
    for line in lines:
        if (m := _UPDATED.match(line)) and updated is None:
            updated = f"{m[3]}-{_MONTHS.index(m[2]) + 1:02d}-{int(m[1]):02d}T09:30:00.000+00:00"
        elif (m := _GOVERNMENT.match(line)) and government is None:
            government = m[1]
        else:
            body.append(line)
    base_path = "/" + url.split("://", 1)[1].split("/", 1)[1]
    links: dict = {"organisations": [{"title": "Cabinet Office", "base_path": "/government/organisations/cabinet-office"}]}
    if parent_type:
        links["parent"] = [{"title": title, "document_type": parent_type}]
    if government:
        links["government"] = [{"title": government, "details": {"current": False, "started_on": "2010-05-12", "ended_on": "2015-05-08"}}]
    return {
        "base_path": base_path,
        "content_id": str(uuid.uuid5(uuid.NAMESPACE_URL, url)),
        "document_type": document_type,
        "schema_name": "html_publication",
        "locale": "en",
        "title": title,
        "description": "",
        "first_published_at": "2013-12-17T00:00:00.000+00:00",
        "public_updated_at": updated,
        "publishing_app": "whitehall",
        "rendering_app": "government-frontend",
        "details": {"body": render_body(body), "political": bool(government), "headers": []},
        "links": links,
    }


def render_bytes(page: str) -> bytes:
    """The recorded response for a page of SOURCES, as the server would send it."""
    source = SOURCES[page]
    text = source.read_bytes().decode("utf-8", errors="ignore")  # fragments may end inside a character
    cut = source.parent.name == "series-fragments"
    return json.dumps(render_page(text, page_urls()[page], cut), ensure_ascii=False, indent=None).encode("utf-8")


def write_fixtures() -> list[Path]:
    FIXTURES.mkdir(parents=True, exist_ok=True)
    written = []
    for page in SOURCES:
        path = FIXTURES / f"{page}.json"
        path.write_bytes(render_bytes(page))
        written.append(path)
    return written


if __name__ == "__main__":
    for p in write_fixtures():
        print(f"wrote {p.relative_to(ROOT)}")
