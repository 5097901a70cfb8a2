"""Heading vocabulary of the series, shared by every reader: period headings, action headings, and the
shape test that tells a heading from a body sentence that merely starts with heading words.

A heading is a short line that is only the heading ("Progress during 2014", "2.1 Planned activities in
2015:", "### Action 4: support improved digital capability"). "Progress in 2014 was slower than planned."
is body text. Department headings resolve through `analysis.departments` (exact names, aliases, near misses).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from analysis import periods

# Years a period of the series can name (the series' periods, and the year after its last plans); a period
# heading outside them is read as section UNKNOWN_SECTION, with a warning, rather than inventing a period.
FIRST_YEAR = min(p.year for p in periods.PERIODS)
LAST_YEAR = max(p.year for p in periods.PERIODS) + 1
UNKNOWN_SECTION = periods.UNKNOWN  # text whose period heading is missing: kept, never dropped
MAX_ACTION = 99  # the strategy has 16 actions; ids carry two digits

PREFIX = r"^\s*(?:#+\s*)?(?:\d+(?:\.\d+)*\.?\s+)?"
_PREFIX_RE = re.compile(PREFIX)
_MARKED_PREFIX_RE = re.compile(r"^\s*(?:#+\s*|\d+(?:\.\d+)*\.?\s+)")
_ACTION_RE = re.compile(PREFIX + r"Action\s+(?P<num>\d+)\s*:\s*(?P<title>.*?)\s*$", re.IGNORECASE)
_PERIOD_RE = re.compile(
    PREFIX
    + r"(?P<label>"
    + r"departmental\s+digital\s+strategy\s+commitments?\s*\((?:[a-z]+\s+)?(?P<cyear>\d{4})\)"
    + r"|progress\s+(?:made\s+)?(?:during|in)\s+(?P<pyear>\d{4})"
    + r"|planned\s+activities\s+(?:in|for|during)\s+(?P<lyear>\d{4})"
    + r")(?P<end>\s*[:.]?)(?P<rest>.*)$",
    re.IGNORECASE,
)
# Heading words a truncated download may end with ("Planned activ").
PERIOD_WORDS = (
    "departmental digital strategy commitments (december 2012)",
    "progress during 2013",
    "progress during 2014",
    "progress in 2014",
    "planned activities in 2014",
    "planned activities in 2015",
)


@dataclass(frozen=True)
class PeriodHeading:
    """A period heading: the section it opens (e.g. progress_2014), its year, the heading text, and any
    sentence fused onto the same line ("### Progress during 2014 DWP ran ...")."""

    section: str
    year: int
    heading: str
    rest: str = ""

    @property
    def in_range(self) -> bool:
        return FIRST_YEAR <= self.year <= LAST_YEAR


def period_heading(line: str, *, heading_expected: bool = False) -> PeriodHeading | None:
    """The period heading `line` is, or None.

    The whole line must be the heading, or the heading followed by a new sentence (a capital letter) on a
    line that is marked as a heading ('###', '2.1') or stands where a heading is expected (just after a
    department or action heading): then the sentence is returned as `rest` (a fused heading). Otherwise the
    line is a body sentence that starts with heading words.
    """
    m = _PERIOD_RE.match(line)
    if not m:
        return None
    rest = m["rest"].strip()
    if rest:
        fused_ok = rest[:1].isupper() or rest[:1].isdigit() or rest[:1] in "\"\u201c("
        if not fused_ok or not (heading_expected or _MARKED_PREFIX_RE.match(line)):
            return None
    if m["cyear"]:
        kind, year = periods.COMMITMENT, int(m["cyear"])
    elif m["pyear"]:
        kind, year = periods.PROGRESS, int(m["pyear"])
    else:
        kind, year = periods.PLAN, int(m["lyear"])
    stripped = line.strip()
    heading = stripped[: len(stripped) - len(m["rest"])].strip() if rest else stripped
    return PeriodHeading(periods.name_of(kind, year), year, heading, rest)


def looks_like_period_heading(line: str) -> bool:
    """Whether the line starts with period-heading words (a heading, or a body sentence that starts like one)."""
    return bool(_PERIOD_RE.match(line))


@dataclass(frozen=True)
class ActionHeading:
    number: int
    title: str


def action_heading(line: str) -> ActionHeading | None:
    """'Action N: title' as a heading: the title does not end a sentence ('Action 3: see the separate page.' is
    body text), though it may end in an ellipsis where a page shortened it."""
    m = _ACTION_RE.match(line)
    if not m:
        return None
    title = m["title"].strip()
    if re.search(r"(?<!\.)[.!?]$", title) and not title.endswith(("...", "\u2026")):
        return None
    return ActionHeading(int(m["num"]), title)


def strip_numbering(text: str) -> str:
    """'2.1 Progress during 2014' -> 'Progress during 2014'; '### Home Office' -> 'Home Office'."""
    return _PREFIX_RE.sub("", text, count=1)


def is_truncated_heading(text: str) -> bool:
    """A last line that is the start of a period heading cut off by a truncated download ("Planned activ")."""
    folded = re.sub(r"\s+", " ", strip_numbering(text).strip().lower())
    return len(folded) >= 3 and any(word.startswith(folded) and word != folded for word in PERIOD_WORDS)
