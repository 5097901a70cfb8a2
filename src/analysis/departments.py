"""Gazetteer of UK government departments named in the Digital Strategy series (2012 to 2015).

One place knows every department's canonical name, standard abbreviation and the spellings the
pages use, so headings resolve the same way everywhere and analyses can mask department names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz import fuzz, process


@dataclass(frozen=True)
class Department:
    """A department: canonical name, its standard abbreviation and other names it goes by."""

    name: str
    abbr: str
    aliases: tuple[str, ...] = field(default=())
    ministerial: bool = True
    in_gazetteer: bool = True  # False for a heading the gazetteer does not know: it keeps its own name and key

    @property
    def all_names(self) -> tuple[str, ...]:
        """Every surface name, longest first (useful for masking)."""
        names = {self.name, self.abbr, *self.aliases}
        return tuple(sorted(names, key=lambda n: (-len(n), n)))


DEPARTMENTS: tuple[Department, ...] = (
    Department("Attorney General's Office", "AGO", ("Attorney General Office",)),
    Department("Cabinet Office", "CO"),
    Department(
        "Department for Business, Innovation and Skills",
        "BIS",
        ("Department of Business, Innovation and Skills", "Business, Innovation and Skills"),
    ),
    Department("Department for Communities and Local Government", "DCLG", ("Communities and Local Government",)),
    Department("Department for Culture, Media and Sport", "DCMS", ("Culture, Media and Sport",)),
    Department("Department for Education", "DfE"),
    Department("Department for Environment, Food and Rural Affairs", "Defra", ("DEFRA",)),
    Department("Department for International Development", "DFID", ("DfID",)),
    Department("Department for Transport", "DfT", ("DFT",)),
    Department("Department for Work and Pensions", "DWP"),
    Department("Department of Energy and Climate Change", "DECC"),
    Department("Department of Health", "DH", ("DoH",)),
    Department("Foreign and Commonwealth Office", "FCO", ("Foreign Office",)),
    Department("HM Revenue and Customs", "HMRC", ("Her Majesty's Revenue and Customs",), ministerial=False),
    Department("HM Treasury", "HMT", ("Her Majesty's Treasury", "Treasury")),
    Department("Home Office", "HO"),
    Department("Ministry of Defence", "MOD", ("MoD",)),
    Department("Ministry of Justice", "MOJ", ("MoJ",)),
    Department("Northern Ireland Office", "NIO"),
    Department("Scotland Office", "SO", ("Office of the Secretary of State for Scotland",)),
    Department("Wales Office", "WO", ("Office of the Secretary of State for Wales",)),
    Department("Office of the Advocate General for Scotland", "OAG"),
    Department("Office of the Leader of the House of Commons", "OLHC"),
    Department("Deputy Prime Minister's Office", "DPMO"),
)

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'", "\u00b4": "'"})
_NUMBERING = re.compile(r"^\s*(?:#+\s*)?(?:\d+(?:\.\d+)*\.?\s+)?")


def normalise_name(text: str) -> str:
    """Fold a department name to a lookup key: case, apostrophes, commas, articles, possessive, 'HM'."""
    key = text.translate(_APOSTROPHES)
    key = _NUMBERING.sub("", key)
    key = " ".join(key.split())  # any white space, non-breaking spaces included
    key = key.strip().rstrip(":").strip().lower()
    key = re.sub(r"'s$|s'$", "", key)  # "Home Office's", "HOME OFFICE'S" -> "home office"
    key = key.replace("&", "and")
    key = re.sub(r"\bher majesty's\b", "hm", key)
    key = re.sub(r"^the\s+", "", key)
    key = re.sub(r"[,.]", " ", key)
    return re.sub(r"\s+", " ", key).strip()


@lru_cache(maxsize=1)
def _index() -> dict[str, Department]:
    index: dict[str, Department] = {}
    for dept in DEPARTMENTS:
        for name in (dept.name, dept.abbr, *dept.aliases):
            index[normalise_name(name)] = dept
    return index


def resolve(heading: str) -> Department | None:
    """The department a heading names exactly ("The Attorney General’s Office", "Home Office's", "3. DWP"), or None."""
    return _index().get(normalise_name(heading))


# Near misses ("Cabnet Office", "Ministry of Defense") score 94-97 on rapidfuzz's `fuzz.ratio` against their
# gazetteer name; different departments ("Department for Widgets" vs "... for Education", "Department of Health
# and Social Care" vs "Department of Health") score at most 80. Short keys (abbreviations) are matched exactly only:
# one changed letter turns one abbreviation into another (DfT, DfE).
NEAR_MISS_MIN_SCORE = 90.0
NEAR_MISS_MIN_LENGTH = 8


@dataclass(frozen=True)
class Match:
    """How a heading resolved: the department, and the similarity score (100 for an exact match)."""

    department: Department
    score: float

    @property
    def exact(self) -> bool:
        return self.score >= 100.0


def match(heading: str) -> Match | None:
    """The department a heading names, exactly or as a near miss (score at least NEAR_MISS_MIN_SCORE), or None."""
    key = normalise_name(heading)
    exact = _index().get(key)
    if exact is not None:
        return Match(exact, 100.0)
    if len(key) < NEAR_MISS_MIN_LENGTH:
        return None
    names = [name for name in _index() if len(name) >= NEAR_MISS_MIN_LENGTH]
    best = process.extractOne(key, names, scorer=fuzz.ratio, score_cutoff=NEAR_MISS_MIN_SCORE)
    if best is None:
        return None
    return Match(_index()[best[0]], round(float(best[1]), 1))


_KEY_STOPWORDS = {"of", "for", "and", "the", "on", "in", "to", "a", "an"}


def unknown(heading: str, taken: set[str] | frozenset[str] = frozenset(), line: int | None = None) -> Department:
    """A department the gazetteer does not know, with its own name and its own key: the initials of its name
    ("Department for Widgets" -> "DW"), made unique by the heading's line number if another department has it."""
    name = _NUMBERING.sub("", " ".join(heading.split())).strip().rstrip(":").strip()
    words = re.findall(r"[A-Za-z]+", name)
    initials = "".join(w[0].upper() for w in words if w.lower() not in _KEY_STOPWORDS) or "X"
    known = {d.abbr.lower() for d in DEPARTMENTS} | {t.lower() for t in taken}
    key = initials if initials.lower() not in known else f"{initials}{line if line is not None else len(taken) + 1}"
    return Department(name, key, ministerial=False, in_gazetteer=False)


ACTION_TEXT = Department("no department (text about the action)", "ACTION", ministerial=False, in_gazetteer=False)


def unnamed(line: int) -> Department:
    """The department of sections whose department heading is missing: named by the line where they start."""
    return Department(f"unnamed department (line {line})", f"UNNAMED{line}", ministerial=False, in_gazetteer=False)


def by_abbr(abbr: str) -> Department:
    """The department with this standard abbreviation (KeyError if unknown)."""
    for dept in DEPARTMENTS:
        if dept.abbr == abbr:
            return dept
    raise KeyError(abbr)


def _flexible(name: str) -> str:
    """A name as a regex that also matches it without its commas, with '&' for 'and', any apostrophe
    ("Department for Environment Food & Rural Affairs", as the 2012 edition writes it)."""
    parts = [re.escape(word.rstrip(",")) + (",?" if word.endswith(",") else "") for word in name.split()]
    parts = ["(?:and|&)" if p == "and" else p.replace("'", "['\u2019]") for p in parts]
    return r"\s+".join(parts)


def name_pattern() -> re.Pattern[str]:
    """A regex matching any department name, alias or abbreviation in running text, with an optional
    leading "the" and trailing possessive; used to mask departments before comparing sentences."""
    names: set[str] = set()
    for dept in DEPARTMENTS:
        names.update(dept.all_names)
    alternatives = sorted(names, key=lambda n: (-len(n), n))
    body = "|".join(_flexible(n) for n in alternatives)
    return re.compile(rf"(?:\b[Tt]he\s+)?\b(?:{body})\b(?:['\u2019]s\b)?")
