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
from analysis.parse import headings
from analysis.parse.document import ACTION_MAJOR, DEPARTMENT_MAJOR, Block, Document, ParseError, Section, quote
from analysis.parse.headings import UNKNOWN_SECTION
from analysis.text import NAME_CONNECTORS

# --- line classification (period and action headings: analysis.parse.headings, shared by every reader) ----

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


def _looks_like_heading(text: str) -> bool:
    """Short and unpunctuated, as a department heading is."""
    return len(text.split()) <= 12 and not re.search(r"[.!?:;]\s*$", text)


def _looks_like_name(text: str) -> bool:
    """Every word capitalised but connectors ("Department for Widgets"), unlike a sentence that lost its full stop."""
    words = re.sub(r"^(?:\d+(?:\.\d+)*\.?\s+)", "", text).replace(",", " ").split()
    return bool(words) and all(w[:1].isupper() or w[:1].isdigit() or w.lower() in NAME_CONNECTORS for w in words)


# --- parsing ----------------------------------------------------------------------------------



def parse_text(text: str, source: str, *, ends_with_newline: bool = True, warnings: list[str] | None = None) -> Document:
    """Parse decoded page text. `source` names the file in messages and in the output.

    Every body line lands in exactly one section. Text after a department heading but before any period
    heading goes to that department's section `unknown` (with a warning naming its line); text before the
    first department (action-major) or period heading (department-major) of an action is an action note.
    """
    warnings = list(warnings or [])
    lines = [(n, line.rstrip()) for n, line in enumerate(text.split("\n"), start=1)]
    content = [(n, line) for n, line in lines if line.strip()]
    if not content:
        raise ParseError(source, "file has no text")

    period_at = {n for n, line in content if headings.period_heading(line, heading_expected=True)}
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
            found = departments.match(m["dept"])
            if found is None:
                raise ParseError(source, f"page title names an unknown department: {quote(m['dept'])}", n)
            page_dept, title = found.department, line.strip()
            if not found.exact:
                warnings.append(f"line {n}: page title department {quote(m['dept'])} read as {page_dept.name} (near miss)")
            break
    layout = DEPARTMENT_MAJOR if page_dept else ACTION_MAJOR

    doc = Document(source_file=source, layout=layout, title=title, actions={}, sections=[], truncated=truncated)
    action: int | None = None
    dept: departments.Department | None = page_dept
    dept_label = ""
    dept_line = 0  # line of the current department heading (or action heading, department-major)
    current: Section | None = None
    by_key: dict[tuple[int, str, str], Section] = {}
    unknown_depts: dict[str, departments.Department] = {}  # normalised heading -> its own Department
    after_heading = False  # the previous line was a department or action heading: a period heading is expected

    def open_section(section: str, heading: str, n: int) -> Section:
        key = (action, dept.abbr, section)
        if key in by_key:
            return by_key[key]
        new = Section(action, doc.actions.get(action, ""), dept.name, dept.abbr, section, heading, n)
        by_key[key] = new
        doc.sections.append(new)
        return new

    for idx, (n, line) in enumerate(content):
        next_is_period = idx + 1 < len(content) and content[idx + 1][0] in period_at
        stripped = line.strip()
        expected, after_heading = after_heading, False
        bullet = _BULLET_RE.match(line)

        if title and stripped == title:
            doc.furniture.append(Block(stripped, n))
            continue
        if truncated and n == last_n and headings.is_truncated_heading(stripped):
            warnings.append(f"line {n}: truncated heading {quote(stripped)} dropped")
            doc.headings.append(Block(stripped, n))
            continue

        act = None if bullet else headings.action_heading(line)
        if act is not None:
            if not 1 <= act.number <= headings.MAX_ACTION:
                raise ParseError(source, f"action number {act.number} is outside 1-{headings.MAX_ACTION} (the strategy has 16 actions)", n)
            if not doc.title:
                doc.title = stripped
            if act.number == action and current is None and dept is (page_dept if layout == DEPARTMENT_MAJOR else None):
                doc.furniture.append(Block(stripped, n))  # the title repeated as a heading
                continue
            if layout == ACTION_MAJOR and action is not None and doc.sections:
                warnings.append(f"line {n}: {quote(stripped, 40)} starts action {act.number} in the middle of the page")
            action = act.number
            doc.actions.setdefault(act.number, act.title)
            doc.headings.append(Block(stripped, n))
            current = None
            if layout == ACTION_MAJOR:
                dept = None
            dept_line, after_heading = n, True
            continue

        period = None if bullet else headings.period_heading(line, heading_expected=expected)
        if period is not None:
            if action is None:
                raise ParseError(source, "period heading before any 'Action N:' heading", n)
            section, heading = period.section, period.heading
            if not period.in_range:
                warnings.append(
                    f"line {n}: period heading {quote(heading)} names a year outside "
                    f"{headings.FIRST_YEAR}-{headings.LAST_YEAR}: its text is kept as section {UNKNOWN_SECTION}"
                )
                section = UNKNOWN_SECTION
            elif section not in periods.BY_NAME:
                warnings.append(f"line {n}: unusual period heading {quote(heading)} read as {section}")
            repeated = current is not None and current.section == section and not current.blocks and dept is not None
            if repeated:  # the same heading twice in a row: one section
                warnings.append(f"line {n}: heading {quote(heading)} repeated: read as one")
                doc.headings.append(Block(heading, n))
                continue
            if dept is None or (
                layout == ACTION_MAJOR
                and (action, dept.abbr, section) in by_key
                and by_key[(action, dept.abbr, section)].heading_line > dept_line
                and section != UNKNOWN_SECTION
            ):
                # no department heading since this department's sections started: one is missing
                dept, dept_label, dept_line = departments.unnamed(n), "", n
                warnings.append(
                    f"line {n}: period heading {quote(heading)} without a department heading before it: "
                    f"its sections are kept under {dept.abbr}"
                )
            doc.headings.append(Block(heading, n))
            key = (action, dept.abbr, section)
            if key in by_key and section != UNKNOWN_SECTION:
                warnings.append(f"line {n}: second {quote(heading)} heading for {dept.abbr} in action {action}: text appended")
            current = open_section(section, heading, n)
            if period.rest:
                warnings.append(f"line {n}: heading {quote(heading)} fused with its first sentence: split")
                current.blocks.append(Block(period.rest, n))
            continue

        if _FURNITURE_RE.match(line) or _TITLE_RE.match(line):
            doc.furniture.append(Block(stripped, n))
            continue

        if layout == ACTION_MAJOR and not bullet and _looks_like_heading(stripped):
            found = departments.match(stripped)
            if found is not None and not found.exact and not _looks_like_name(stripped):
                found = None
            resolved = found.department if found else None
            if found is not None and not found.exact:
                warnings.append(
                    f"line {n}: department heading {quote(stripped)} read as {resolved.name} (near miss, similarity {found.score:g})"
                )
            if resolved is None and next_is_period and _looks_like_name(stripped):
                name_key = departments.normalise_name(stripped)
                if name_key not in unknown_depts:
                    taken = {d.abbr for d in unknown_depts.values()}
                    unknown_depts[name_key] = departments.unknown(stripped, taken, n)
                resolved = unknown_depts[name_key]
                warnings.append(
                    f"line {n}: department heading {quote(stripped)} not in the gazetteer: kept as its own department ({resolved.abbr})"
                )
            if resolved is not None:
                dept, dept_label, dept_line, current = resolved, stripped, n, None
                doc.headings.append(Block(stripped, n))
                after_heading = True
                continue

        block = Block(bullet["text"] if bullet else stripped, n, is_bullet=bool(bullet))
        if current is None and action is not None:
            if dept is None:  # text about the action before any department heading (action-major)
                dept = departments.ACTION_TEXT
                warnings.append(f"line {n}: text of action {action} before any department heading: kept as {dept.abbr}, section {UNKNOWN_SECTION}")
            else:
                warnings.append(
                    f"line {n}: text of {dept.abbr} in action {action} before any period heading: kept in section {UNKNOWN_SECTION}"
                )
            current = open_section(UNKNOWN_SECTION, "", n)
        if current is not None:
            current.blocks.append(block)
        else:  # before any action heading: the page's own introduction
            doc.unsectioned.append(block)
            warnings.append(f"line {n}: text before any 'Action N:' heading kept as page introduction, not a statement")

    for section in doc.sections:
        if not section.blocks:
            warnings.append(
                f"line {section.heading_line}: section {section.section} of {section.dept_abbr} has no text"
                + (" (page truncated)" if truncated else "")
            )
    if layout == ACTION_MAJOR and dept is not None and not any(s.dept_abbr == dept.abbr for s in doc.sections):
        warnings.append(f"department heading {quote(dept_label)} has no sections" + (" (page truncated)" if truncated else ""))
    for num in sorted(set(doc.actions) - {s.action for s in doc.sections}):
        warnings.append(f"action {num} has no department sections" + (" (page truncated)" if truncated else ""))
    if not doc.sections:
        raise ParseError(source, "headings found but no department section could be read")
    doc.warnings = warnings
    return doc
