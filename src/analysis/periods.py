"""The reporting periods of the series, in one place: names, time order, kinds, years, the plan ->
progress pairing and the labels a reader sees.

A period is named `{kind}_{year}` (`plan_2014`). Kinds: a *commitment* (the December 2012 edition's
commitments) and a *plan* look forward; a *progress* section reports back. `plan_Y` is reported on in
`progress_Y`, `commitment_Y` in `progress_{Y+1}`. Every module takes period names, their order, pairs
and labels from here; nothing else spells them out.

To add a period, add one `Period` to `PERIODS` (in time order): the parser accepts its heading
without a warning, the schemas accept and document it, the departments table gets its
`substantive_share_{name}` column, and charts label it. An *edition* (a publication that repeats a
period, such as the December 2012 edition of `commitment_2012`) is not a new period: it is a column of
the statements table.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

COMMITMENT, PROGRESS, PLAN = "commitment", "progress", "plan"
#: Section (and section kind) of text a page gives no usable period heading for: kept in the statements
#: table, never dropped, and left out of the analyses (docs/codebook.md). Not a period.
UNKNOWN = "unknown"
KINDS: tuple[str, ...] = (COMMITMENT, PROGRESS, PLAN)
#: Kinds that state intentions (judged by follow-through, counted as "cheap talk" when boilerplate).
PLAN_KINDS: tuple[str, ...] = (COMMITMENT, PLAN)

# Plural used in running text ("2014 plans").
_KIND_PLURAL = {COMMITMENT: "commitments", PROGRESS: "progress", PLAN: "plans"}


@dataclass(frozen=True)
class Period:
    """One reporting period of the series."""

    kind: str
    year: int
    chart_label: str  # tick label on charts (may hold a line break)

    @property
    def name(self) -> str:
        return name_of(self.kind, self.year)


def name_of(kind: str, year: int | str) -> str:
    """The period name for a kind and year: ("plan", 2014) -> "plan_2014"."""
    if kind not in KINDS:
        raise ValueError(f"unknown period kind {kind!r}: expected one of {', '.join(KINDS)}")
    return f"{kind}_{int(year)}"


PERIODS: tuple[Period, ...] = (
    Period(COMMITMENT, 2012, "Commitments\n(Dec 2012)"),
    Period(PROGRESS, 2013, "Progress\n2013"),
    Period(PLAN, 2014, "Plans\n2014"),
    Period(PROGRESS, 2014, "Progress\n2014"),
    Period(PLAN, 2015, "Plans\n2015"),
)
#: Period names in time order.
NAMES: tuple[str, ...] = tuple(p.name for p in PERIODS)
BY_NAME: dict[str, Period] = {p.name: p for p in PERIODS}

_KIND_GROUP = "(?:" + "|".join(KINDS) + ")"
#: A well-formed period name (any year of the 2000s), unanchored, for building patterns.
NAME_REGEX = _KIND_GROUP + r"_20\d\d"
#: Anchored pattern for a period name.
PATTERN = rf"^{NAME_REGEX}$"


def pattern(kinds: Iterable[str] = KINDS) -> str:
    """Anchored regex matching period names of the given kinds."""
    return "^(?:" + "|".join(kinds) + r")_20\d\d$"


def split(name: str) -> tuple[str, int]:
    """("plan", 2014) from "plan_2014"; ValueError for anything that is not a period name."""
    kind, _, year = str(name).partition("_")
    if kind not in KINDS or not (year.isdigit() and len(year) == 4):
        raise ValueError(f"unknown section {name!r}: expected commitment_YYYY, progress_YYYY or plan_YYYY")
    return kind, int(year)


def kind(name: str) -> str:
    return split(name)[0]


def year(name: str) -> int:
    return split(name)[1]


def order_key(name: str) -> tuple[int, int, int]:
    """Time order of any period name: within a year, commitments and plans come before progress
    (commitment_2012 < progress_2013 < plan_2014 < progress_2014 < plan_2015)."""
    k, y = split(name)
    return y, 1 if k == PROGRESS else 0, KINDS.index(k)


def in_order(names: Iterable[str]) -> list[str]:
    """Distinct names in time order."""
    return sorted(dict.fromkeys(names), key=order_key)


def reported_in(name: str) -> str | None:
    """The progress period that reports on a plan or commitment (plan_Y -> progress_Y,
    commitment_Y -> progress_{Y+1}); None for a progress period. The result may lie beyond the series."""
    k, y = split(name)
    if k == PLAN:
        return name_of(PROGRESS, y)
    if k == COMMITMENT:
        return name_of(PROGRESS, y + 1)
    return None


#: Plan and commitment periods of the series -> the period of the series that reports on them (None
#: when the series has no such period yet: plan_2015).
PLAN_PROGRESS: dict[str, str | None] = {
    n: (reported_in(n) if reported_in(n) in BY_NAME else None) for n in NAMES if kind(n) in PLAN_KINDS
}


def chart_label(name: str) -> str:
    """Tick label of a period on charts; the name itself for a period not in the series."""
    period = BY_NAME.get(name)
    return period.chart_label if period else name


def text_label(name: str) -> str:
    """A period in running text: "2014 plans", "2013 progress", "2012 commitments"."""
    k, y = split(name)
    return f"{y} {_KIND_PLURAL[k]}"


def spelled_out(names: Iterable[str] = NAMES, last: str = "or") -> str:
    """"commitment_2012, progress_2013, ... or plan_2015", for documentation strings."""
    names = list(names)
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} {last} {names[-1]}"

