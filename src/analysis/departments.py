"""Gazetteer of UK government departments named in the Digital Strategy series (2012 to 2015).

One place knows every department's canonical name, standard abbreviation and the spellings the
pages use, so headings resolve the same way everywhere and analyses can mask department names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache


@dataclass(frozen=True)
class Department:
    """A department: canonical name, its standard abbreviation and other names it goes by."""

    name: str
    abbr: str
    aliases: tuple[str, ...] = field(default=())
    ministerial: bool = True

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
    key = key.strip().rstrip(":").strip()
    key = re.sub(r"'s$|s'$", "", key)  # "Home Office's" -> "Home Office"
    key = key.lower().replace("&", "and")
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
    """The department a heading names ("The Attorney General’s Office", "Home Office's", "3. DWP"), or None."""
    return _index().get(normalise_name(heading))


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
