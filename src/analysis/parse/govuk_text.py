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

    page_dept, title = _page_title(content, source, warnings)
    layout = DEPARTMENT_MAJOR if page_dept else ACTION_MAJOR
    doc = Document(source_file=source, layout=layout, title=title, actions={}, sections=[], truncated=truncated)
    reader = _PageReader(doc, source, warnings, page_dept)

    for idx, (n, line) in enumerate(content):
        next_is_period = idx + 1 < len(content) and content[idx + 1][0] in period_at
        stripped = line.strip()
        expected, reader.after_heading = reader.after_heading, False
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
            reader.action_heading(act, stripped, n)
            continue
        period = None if bullet else headings.period_heading(line, heading_expected=expected)
        if period is not None:
            reader.period_heading(period, n)
            continue
        folded = " ".join(line.split())  # a non-breaking space does not hide furniture
        if _FURNITURE_RE.match(folded) or _TITLE_RE.match(folded):
            doc.furniture.append(Block(stripped, n))
            continue
        if layout == ACTION_MAJOR and not bullet and _looks_like_heading(stripped) and reader.department_heading(stripped, n, next_is_period):
            continue
        reader.body_text(Block(bullet["text"] if bullet else stripped, n, is_bullet=bool(bullet)))

    reader.check_complete()
    if not doc.sections:
        raise ParseError(source, "headings found but no department section could be read")
    doc.warnings = warnings
    return doc


def _page_title(content: list[tuple[int, str]], source: str, warnings: list[str]) -> tuple[departments.Department | None, str]:
    """The department a department-major page is about, and its title line (None and "" on an action page)."""
    for n, line in content[:6]:
        m = _TITLE_RE.match(line)
        if m:
            found = departments.match(m["dept"])
            if found is None:
                raise ParseError(source, f"page title names an unknown department: {quote(m['dept'])}", n)
            if not found.exact:
                warnings.append(f"line {n}: page title department {quote(m['dept'])} read as {found.department.name} (near miss)")
            return found.department, line.strip()
    return None, ""


class _PageReader:
    """Where the parser is on the page (action, department, section) and what each kind of line does to it."""

    def __init__(self, doc: Document, source: str, warnings: list[str], page_dept: departments.Department | None) -> None:
        self.doc, self.source, self.warnings, self.page_dept = doc, source, warnings, page_dept
        self.action: int | None = None
        self.dept: departments.Department | None = page_dept
        self.dept_label = ""
        self.dept_line = 0  # line of the current department heading (or action heading, department-major)
        self.current: Section | None = None
        self.by_key: dict[tuple[int, str, str], Section] = {}
        self.unknown_depts: dict[str, departments.Department] = {}  # normalised heading -> its own Department
        self.after_heading = False  # the previous line was a department or action heading: a period heading is expected

    def open_section(self, section: str, heading: str, n: int) -> Section:
        key = (self.action, self.dept.abbr, section)
        if key in self.by_key:
            return self.by_key[key]
        new = Section(self.action, self.doc.actions.get(self.action, ""), self.dept.name, self.dept.abbr, section, heading, n)
        self.by_key[key] = new
        self.doc.sections.append(new)
        return new

    def action_heading(self, act, stripped: str, n: int) -> None:
        doc = self.doc
        if not 1 <= act.number <= headings.MAX_ACTION:
            raise ParseError(self.source, f"action number {act.number} is outside 1-{headings.MAX_ACTION} (the strategy has 16 actions)", n)
        if not doc.title:
            doc.title = stripped
        if act.number == self.action and self.current is None and self.dept is (self.page_dept if doc.layout == DEPARTMENT_MAJOR else None):
            doc.furniture.append(Block(stripped, n))  # the title repeated as a heading
            return
        if doc.layout == ACTION_MAJOR and self.action is not None and doc.sections:
            self.warnings.append(f"line {n}: {quote(stripped, 40)} starts action {act.number} in the middle of the page")
        self.action = act.number
        doc.actions.setdefault(act.number, act.title)
        doc.headings.append(Block(stripped, n))
        self.current = None
        if doc.layout == ACTION_MAJOR:
            self.dept = None
        self.dept_line, self.after_heading = n, True

    def period_heading(self, period, n: int) -> None:
        doc, warnings = self.doc, self.warnings
        if self.action is None:
            raise ParseError(self.source, "period heading before any 'Action N:' heading", n)
        section, heading = period.section, period.heading
        if not period.in_range:
            warnings.append(
                f"line {n}: period heading {quote(heading)} names a year outside "
                f"{headings.FIRST_YEAR}-{headings.LAST_YEAR}: its text is kept as section {UNKNOWN_SECTION}"
            )
            section = UNKNOWN_SECTION
        elif section not in periods.BY_NAME:
            warnings.append(f"line {n}: unusual period heading {quote(heading)} read as {section}")
        if period.near_miss:
            warnings.append(f"line {n}: period heading {quote(heading)} read as {quote(period.near_miss)} (near miss)")
        current = self.current
        if current is not None and current.section == section and not current.blocks and self.dept is not None:
            warnings.append(f"line {n}: heading {quote(heading)} repeated: read as one")  # the same heading twice in a row
            doc.headings.append(Block(heading, n))
            return
        if self.dept is None or (
            doc.layout == ACTION_MAJOR
            and (self.action, self.dept.abbr, section) in self.by_key
            and self.by_key[(self.action, self.dept.abbr, section)].heading_line > self.dept_line
            and section != UNKNOWN_SECTION
        ):
            # no department heading since this department's sections started: one is missing
            self.dept, self.dept_label, self.dept_line = departments.unnamed(n), "", n
            warnings.append(
                f"line {n}: period heading {quote(heading)} without a department heading before it: "
                f"its sections are kept under {self.dept.abbr}"
            )
        doc.headings.append(Block(heading, n))
        if (self.action, self.dept.abbr, section) in self.by_key and section != UNKNOWN_SECTION:
            warnings.append(f"line {n}: second {quote(heading)} heading for {self.dept.abbr} in action {self.action}: text appended")
        self.current = self.open_section(section, heading, n)
        if period.rest:
            warnings.append(f"line {n}: heading {quote(heading)} fused with its first sentence: split")
            self.current.blocks.append(Block(period.rest, n))

    def department_heading(self, stripped: str, n: int, next_is_period: bool) -> bool:
        """Read a short line as a department heading (gazetteer, near miss, or a name before a period
        heading kept as its own department); False when it is not one."""
        found = departments.match(stripped)
        if found is not None and not found.exact and not _looks_like_name(stripped):
            found = None
        resolved = found.department if found else None
        if found is not None and not found.exact:
            self.warnings.append(
                f"line {n}: department heading {quote(stripped)} read as {resolved.name} (near miss, similarity {found.score:g})"
            )
        if resolved is None and next_is_period and _looks_like_name(stripped):
            name_key = departments.normalise_name(stripped)
            if name_key not in self.unknown_depts:
                taken = {d.abbr for d in self.unknown_depts.values()}
                self.unknown_depts[name_key] = departments.unknown(stripped, taken, n)
            resolved = self.unknown_depts[name_key]
            self.warnings.append(
                f"line {n}: department heading {quote(stripped)} not in the gazetteer: kept as its own department ({resolved.abbr})"
            )
        if resolved is None:
            return False
        self.dept, self.dept_label, self.dept_line, self.current = resolved, stripped, n, None
        self.doc.headings.append(Block(stripped, n))
        self.after_heading = True
        return True

    def body_text(self, block: Block) -> None:
        n, action = block.line, self.action
        if self.current is None and action is not None:
            if self.dept is None:  # text about the action before any department heading (action-major)
                self.dept = departments.ACTION_TEXT
                self.warnings.append(
                    f"line {n}: text of action {action} before any department heading: kept as {self.dept.abbr}, section {UNKNOWN_SECTION}"
                )
            else:
                self.warnings.append(
                    f"line {n}: text of {self.dept.abbr} in action {action} before any period heading: kept in section {UNKNOWN_SECTION}"
                )
            self.current = self.open_section(UNKNOWN_SECTION, "", n)
        if self.current is not None:
            self.current.blocks.append(block)
        else:  # before any action heading: the page's own introduction
            self.doc.unsectioned.append(block)
            self.warnings.append(f"line {n}: text before any 'Action N:' heading kept as page introduction, not a statement")

    def check_period_sequence(self) -> None:
        """Warnings for a department's period headings that skip a period of the series or run against
        its time order: a period heading lost from the middle of a block would otherwise merge that
        period's text into the section before it without a word."""
        blocks: dict[tuple[int | None, str], list[Section]] = {}
        for section in self.doc.sections:
            if section.section in periods.BY_NAME:
                blocks.setdefault((section.action, section.dept_abbr), []).append(section)
        for (action, abbr), sections in blocks.items():
            sections.sort(key=lambda s: s.heading_line)
            for before, after in zip(sections, sections[1:]):
                first, second = periods.NAMES.index(before.section), periods.NAMES.index(after.section)
                if second < first:
                    self.warnings.append(
                        f"line {after.heading_line}: {quote(after.heading)} of {abbr} in action {action} comes after "
                        f"{quote(before.heading)} (line {before.heading_line}), against the series' time order"
                    )
                elif second > first + 1:
                    skipped = " or ".join(periods.text_label(n) for n in periods.NAMES[first + 1 : second])
                    self.warnings.append(
                        f"line {after.heading_line}: {abbr} in action {action} has no heading for {skipped} between "
                        f"{quote(before.heading)} (line {before.heading_line}) and {quote(after.heading)}: "
                        f"if the page lost one, its text is read as {before.section}"
                    )

    def check_complete(self) -> None:
        """Warnings for sections, departments and actions that were opened but got no text."""
        self.check_period_sequence()
        doc, truncated = self.doc, self.doc.truncated
        for section in doc.sections:
            if not section.blocks:
                self.warnings.append(
                    f"line {section.heading_line}: section {section.section} of {section.dept_abbr} has no text"
                    + (" (page truncated)" if truncated else "")
                )
        if doc.layout == ACTION_MAJOR and self.dept is not None and not any(s.dept_abbr == self.dept.abbr for s in doc.sections):
            self.warnings.append(f"department heading {quote(self.dept_label)} has no sections" + (" (page truncated)" if truncated else ""))
        for num in sorted(set(doc.actions) - {s.action for s in doc.sections}):
            self.warnings.append(f"action {num} has no department sections" + (" (page truncated)" if truncated else ""))
