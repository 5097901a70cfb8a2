"""Reader for the text of a GOV.UK page of the series (both layouts).

The series comes in two layouts: *action-major* (one action, a block per department) and
*department-major* (one department, a block per action). Headings are recognised by structure and
vocabulary (a period heading such as "Progress during 2014"; the line before one is a department
heading in an action-major page), never by position in a particular file. Oddities that can be
recovered from (BOM, CRLF, cp1252, a truncated download, a heading fused to its first sentence) are
repaired and reported as warnings; anything else raises `ParseError` with the file and line.
"""

from __future__ import annotations

import re

from analysis import departments, periods
from analysis.parse.document import ACTION_MAJOR, DEPARTMENT_MAJOR, Block, Document, ParseError, Section

# --- line classification ----------------------------------------------------------------------

_PREFIX = r"^\s*(?:#+\s*)?(?:\d+(?:\.\d+)*\.?\s+)?"
_ACTION_RE = re.compile(_PREFIX + r"Action\s+(?P<num>\d+)\s*:\s*(?P<title>.*?)\s*$", re.IGNORECASE)
_PERIOD_RE = re.compile(
    _PREFIX
    + r"(?P<label>"
    + r"departmental\s+digital\s+strategy\s+commitments?\s*\((?:[a-z]+\s+)?(?P<cyear>\d{4})\)"
    + r"|progress\s+(?:made\s+)?(?:during|in)\s+(?P<pyear>\d{4})"
    + r"|planned\s+activities\s+(?:in|for|during)\s+(?P<lyear>\d{4})"
    + r")[:.]?(?P<rest>.*)$",
    re.IGNORECASE,
)
_PERIOD_WORDS = (
    "departmental digital strategy commitments (december 2012)",
    "progress during 2013",
    "progress during 2014",
    "progress in 2014",
    "planned activities in 2014",
    "planned activities in 2015",
)
_TITLE_RE = re.compile(
    r"^\s*(?P<dept>.+?)['\u2019]s?\s+actions\s+in\s+response\s+to\s+the\s+Government\s+Digital\s+Strategy\.?\s*$",
    re.IGNORECASE,
)
_FURNITURE_RE = re.compile(
    r"^\s*(?:"
    r"policy paper|corporate report|guidance|research and analysis|independent report|contents"
    r"|(?:updated|published|last updated)\s+\d{1,2}\s+\w+\s+\d{4}"
    r"|this was published under the .*"
    r"|this action forms part of the government digital strategy\.?(?:\s*here['\u2019]s how departments are responding to this action[:.]?)?"
    r"|here['\u2019]s how departments are responding to this action[:.]?"
    r"|is this page useful\?|report a problem with this page|print this page|share this page"
    r"|from:.*|part of:.*"
    r")\s*$",
    re.IGNORECASE,
)
_BULLET_RE = re.compile(r"^\s*[-\u2022*\u2013\u00b7]\s+(?P<text>.*\S)\s*$")
_ENDS_SENTENCE = re.compile(r"[.!?:;)\]\u201d\"\u2019']\s*$")


def _period_section(match: re.Match[str]) -> str:
    if match["cyear"]:
        return periods.name_of(periods.COMMITMENT, match["cyear"])
    if match["pyear"]:
        return periods.name_of(periods.PROGRESS, match["pyear"])
    return periods.name_of(periods.PLAN, match["lyear"])


_NAME_CONNECTORS = {"of", "for", "and", "the", "&", "on", "in", "to"}


def _looks_like_heading(text: str) -> bool:
    """Short and unpunctuated, as a department heading is."""
    return len(text.split()) <= 12 and not re.search(r"[.!?:;]\s*$", text)


def _looks_like_name(text: str) -> bool:
    """Every word capitalised but connectors ("Department for Widgets"), unlike a sentence that lost its full stop."""
    words = re.sub(r"^(?:\d+(?:\.\d+)*\.?\s+)", "", text).replace(",", " ").split()
    return bool(words) and all(w[:1].isupper() or w[:1].isdigit() or w.lower() in _NAME_CONNECTORS for w in words)


def _is_truncated_heading(text: str) -> bool:
    folded = re.sub(r"\s+", " ", text.strip().lower().lstrip("#").strip())
    folded = re.sub(r"^\d+(?:\.\d+)*\.?\s+", "", folded)
    return len(folded) >= 3 and any(word.startswith(folded) and word != folded for word in _PERIOD_WORDS)


# --- parsing ----------------------------------------------------------------------------------


def parse_text(text: str, source: str, *, ends_with_newline: bool = True, warnings: list[str] | None = None) -> Document:
    """Parse decoded page text. `source` names the file in messages and in the output."""
    warnings = list(warnings or [])
    lines = [(n, line.rstrip()) for n, line in enumerate(text.split("\n"), start=1)]
    content = [(n, line) for n, line in lines if line.strip()]
    if not content:
        raise ParseError(source, "file has no text")

    period_at = {n for n, line in content if _PERIOD_RE.match(line)}
    if not period_at:
        raise ParseError(
            source,
            "no department/period structure found (no headings such as 'Progress during 2014'): "
            "not a progress page of the Digital Strategy series",
        )

    truncated = False
    last_n, last_line = content[-1]
    if not ends_with_newline and not _ENDS_SENTENCE.search(last_line):
        truncated = True
        warnings.append(f"line {last_n}: page looks truncated (ends mid-sentence)")

    page_dept: departments.Department | None = None
    title = ""
    for n, line in content[:6]:
        m = _TITLE_RE.match(line)
        if m:
            page_dept = departments.resolve(m["dept"])
            title = line.strip()
            if page_dept is None:
                raise ParseError(source, f"page title names an unknown department: {m['dept']!r}", n)
            break
    layout = DEPARTMENT_MAJOR if page_dept else ACTION_MAJOR

    doc = Document(source_file=source, layout=layout, title=title, actions={}, sections=[], truncated=truncated)
    action: int | None = None
    dept: departments.Department | None = page_dept
    dept_label = ""
    current: Section | None = None
    by_key: dict[tuple[int, str, str], Section] = {}

    for idx, (n, line) in enumerate(content):
        next_is_period = idx + 1 < len(content) and content[idx + 1][0] in period_at
        stripped = line.strip()

        if title and stripped == title:
            doc.furniture.append(Block(stripped, n))
            continue
        if truncated and n == last_n and _is_truncated_heading(stripped):
            warnings.append(f"line {n}: truncated heading {stripped!r} dropped")
            doc.headings.append(Block(stripped, n))
            continue

        m_action = _ACTION_RE.match(line)
        if m_action and not _BULLET_RE.match(line):
            num = int(m_action["num"])
            if not doc.title:
                doc.title = stripped
            if num == action and current is None:
                doc.furniture.append(Block(stripped, n))  # the title repeated as a heading
                continue
            action = num
            doc.actions.setdefault(num, m_action["title"].strip())
            doc.headings.append(Block(stripped, n))
            if layout == DEPARTMENT_MAJOR:
                current = None
            continue

        m_period = _PERIOD_RE.match(line)
        if m_period:
            if action is None:
                raise ParseError(source, "period heading before any 'Action N:' heading", n)
            if dept is None:
                raise ParseError(source, "period heading before any department heading", n)
            section = _period_section(m_period)
            if section not in periods.BY_NAME:
                warnings.append(f"line {n}: unusual period heading {stripped!r} read as {section}")
            heading = stripped[: len(stripped) - len(m_period["rest"])].strip() if m_period["rest"] else stripped
            doc.headings.append(Block(heading, n))
            key = (action, dept.abbr, section)
            if key in by_key:
                warnings.append(f"line {n}: second '{heading}' heading for {dept.abbr} in action {action}: text appended")
                current = by_key[key]
            else:
                current = Section(action, doc.actions.get(action, ""), dept.name, dept.abbr, section, heading, n)
                by_key[key] = current
                doc.sections.append(current)
            rest = m_period["rest"].strip()
            if rest:
                warnings.append(f"line {n}: heading '{heading}' fused with its first sentence: split")
                current.blocks.append(Block(rest, n))
            continue

        if _FURNITURE_RE.match(line) or _TITLE_RE.match(line):
            doc.furniture.append(Block(stripped, n))
            continue

        if layout == ACTION_MAJOR and not _BULLET_RE.match(line):
            resolved = departments.resolve(stripped) if _looks_like_heading(stripped) else None
            if resolved or (next_is_period and _looks_like_heading(stripped) and _looks_like_name(stripped)):
                if resolved is None:
                    resolved = departments.Department(re.sub(r"^(?:\d+(?:\.\d+)*\.?\s+)", "", stripped), "UNK")
                    warnings.append(f"line {n}: department heading {stripped!r} not in the gazetteer")
                dept, dept_label, current = resolved, stripped, None
                doc.headings.append(Block(stripped, n))
                continue

        bullet = _BULLET_RE.match(line)
        block = Block(bullet["text"] if bullet else stripped, n, is_bullet=bool(bullet))
        if current is not None:
            current.blocks.append(block)
        else:
            doc.unsectioned.append(block)

    for section in doc.sections:
        if not section.blocks:
            warnings.append(
                f"line {section.heading_line}: section {section.section} of {section.dept_abbr} has no text"
                + (" (page truncated)" if truncated else "")
            )
    if layout == ACTION_MAJOR and dept is not None and not any(s.dept_abbr == dept.abbr for s in doc.sections):
        warnings.append(f"department heading {dept_label!r} has no sections" + (" (page truncated)" if truncated else ""))
    for num in sorted(set(doc.actions) - {s.action for s in doc.sections}):
        warnings.append(f"action {num} has no department sections" + (" (page truncated)" if truncated else ""))
    if not doc.sections:
        raise ParseError(source, "headings found but no department section could be read")
    doc.warnings = warnings
    return doc
