"""Heading vocabulary of the series, shared by every reader: period headings, action headings, and the
shape test that tells a heading from a body sentence that merely starts with heading words.

A heading is a short line that is only the heading ("Progress during 2014", "2.1 Planned activities in
2015:", "### Action 4: support improved digital capability"). "Progress in 2014 was slower than planned."
is body text. Department headings resolve through `analysis.departments` (exact names, aliases, near misses).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from analysis import departments, periods

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


# The heading wordings with the year as a slot: a short line this close to one of them ("Progress durng 2014",
# "Departmental digital strategy commitmenst (December 2012)") is a misspelt heading, read with a warning,
# rather than body text filed under the section above. Closeness is the department near-miss score, one rule.
_PERIOD_FORMS = {
    "Departmental digital strategy commitments (December {year})": periods.COMMITMENT,
    "Progress during {year}": periods.PROGRESS,
    "Progress in {year}": periods.PROGRESS,
    "Planned activities in {year}": periods.PLAN,
}
_YEAR_RE = re.compile(r"\b(\d{4})\b")
_NEAR_MISS_MAX_WORDS = 8


@dataclass(frozen=True)
class PeriodHeading:
    """A period heading: the section it opens (e.g. progress_2014), its year, the heading text, any sentence
    fused onto the same line ("### Progress during 2014 DWP ran ..."), and the wording it was read as when
    the heading is misspelt (`near_miss`, "" when it is spelt as the series spells it)."""

    section: str
    year: int
    heading: str
    rest: str = ""
    near_miss: str = ""

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
        return near_period_heading(line)
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


def near_period_heading(line: str) -> PeriodHeading | None:
    """A misspelt period heading: a short unpunctuated line with a year whose words are within the near-miss
    score of one of the series' heading wordings; None for anything else (body sentences end in a stop or
    are longer)."""
    bare = " ".join(strip_numbering(line).split()).rstrip(":")
    year = _YEAR_RE.search(bare)
    if not year or len(bare.split()) > _NEAR_MISS_MAX_WORDS or re.search(r"[.!?;]$", bare):
        return None
    forms = {form.format(year=year[1]): kind for form, kind in _PERIOD_FORMS.items()}
    best = process.extractOne(
        bare, list(forms), scorer=fuzz.ratio, processor=str.lower, score_cutoff=departments.NEAR_MISS_MIN_SCORE
    )
    if best is None:
        return None
    return PeriodHeading(periods.name_of(forms[best[0]], int(year[1])), int(year[1]), line.strip(), near_miss=best[0])


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
