"""Text normalisation shared by the analyses: month names, connector words, acronyms (one Schwartz and
Hearst implementation), lemmas and their repairs, and the masking of department names.

Each word list and rule here is the one the boilerplate, initiative and follow-through analyses (and the
parser's heading test) use, so a change is made once. The spaCy pipeline and the lookup tables are loaded
lazily, on first use: importing this module costs nothing (the parser imports it without spaCy).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

import numpy as np

from analysis import departments

# ---------------------------------------------------------------------------------------------------
# Word lists
# ---------------------------------------------------------------------------------------------------

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December")
"""The month names as written (title case)."""
MONTH_NAMES = frozenset(MONTHS)
MONTH_WORDS = frozenset(m.lower() for m in MONTHS)
"""Month names in lower case, for comparing with a lower-cased token."""
CALENDAR_WORDS = MONTH_WORDS | frozenset(
    "jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday saturday sunday".split()
)
"""Months, their abbreviations and weekdays (lower case): a capitalised calendar word is not a name."""

CONNECTORS = frozenset({"of", "and", "for", "in", "by", "&"})
"""Words that link two capitalised runs into one name ("Department for Work and Pensions")."""
NAME_CONNECTORS = CONNECTORS | {"the", "on", "to"}
"""Lower-case words allowed inside a name written in title case ("Ministry of Justice", "Tell Us Once")."""

COORDINATORS = frozenset({"and", "&"})
"""Connectors that join two names ("GDS and Civil Service Learning"): a run may be cut there."""
ARTICLES = frozenset({"the", "a", "an"})
"""Articles dropped from the front of a name before names are compared."""

NUMBER_WORDS = frozenset(
    "two three four five six seven eight nine ten eleven twelve fifteen twenty thirty forty fifty hundred thousand million dozen".split()
)
"""Numbers written as words: specific items like digits."""

POSSESSIVES = frozenset({"'s", "\u2019s", "'", "\u2019"})
"""Tokens of a possessive ending (spaCy splits "DWP's" into "DWP" and "'s")."""

APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'"})
"""Curly and back quotes folded to the ASCII apostrophe."""


@lru_cache(maxsize=1)
def stop_words() -> frozenset[str]:
    """spaCy's English stop words (the shared pipeline's)."""
    from analysis.nlp import get_nlp

    return frozenset(get_nlp().Defaults.stop_words)


# ---------------------------------------------------------------------------------------------------
# Acronyms (Schwartz and Hearst, 2003)
# ---------------------------------------------------------------------------------------------------

_ACRONYM = re.compile(r"^[A-Z][A-Za-z]*[A-Z][A-Za-z]*s?$")  # GDS, CSL, DfE, ALBs: two capitals or more
_CAMEL = re.compile(r"^[A-Z][a-z]+(?:[A-Z][a-z0-9]+)+$")  # PolicyKit: a product name, not an acronym
_WORD_RE = re.compile(r"[^\s()\[\]]+")


def has_two_capitals(text: str) -> bool:
    """Two capital letters or more ("GDS", "DfE", "GOV.UK", "PolicyKit"): the loose test of an acronym,
    used when comparing and counting specific items."""
    return sum(ch.isupper() for ch in text) >= 2


def is_acronym(text: str) -> bool:
    """An acronym as a word: letters only, starts with a capital, two capitals or more, an optional
    plural "s", and not a CamelCase product name ("GDS", "DfE", "ALBs"; not "PolicyKit", "GOV.UK")."""
    return bool(_ACRONYM.match(text)) and has_two_capitals(text) and not _CAMEL.match(text)


@dataclass(frozen=True)
class AcronymDefinition:
    """A "long form (SHORT)" definition in a text (character offsets into it)."""

    row: int
    short: str
    long: str
    long_start: int
    long_end: int
    short_start: int
    short_end: int


def best_long_form(short: str, long: str) -> str | None:
    """Schwartz and Hearst's `findBestLongForm`: match the short form's characters right to left in
    the candidate long form, the first character at the start of a word; the shortest such suffix."""
    s_index, l_index = len(short) - 1, len(long) - 1
    while s_index >= 0:
        c = short[s_index].lower()
        if not c.isalnum():
            s_index -= 1
            continue
        while l_index >= 0 and (
            long[l_index].lower() != c or (s_index == 0 and l_index > 0 and long[l_index - 1].isalnum())
        ):
            l_index -= 1
        if l_index < 0:
            return None
        l_index -= 1
        s_index -= 1
    start = long.rfind(" ", 0, l_index + 1) + 1
    return long[start:]


def find_acronyms(text: str, row: int = 0) -> list[AcronymDefinition]:
    """Every "long form (SHORT)" definition in a text: SHORT is one word of 2 to 10 characters with
    at least two capitals; the long form is searched in the min(|SHORT| + 5, 2|SHORT|) words before."""
    found = []
    if "(" not in text:  # most statements: no bracket, no definition (the search below tries every position)
        return found
    for m in re.finditer(r"\(\s*([A-Za-z][A-Za-z0-9&]{1,9})\s*\)", text):
        short = m.group(1)
        if not has_two_capitals(short):
            continue
        before = text[: m.start()].rstrip()
        words = list(_WORD_RE.finditer(before))
        if not words:
            continue
        n = min(len(short) + 5, 2 * len(short))
        window = words[-n:]
        candidate = before[window[0].start() :]
        long = best_long_form(short, candidate)
        if not long or short.lower() in long.lower().split():
            continue
        long_start = window[0].start() + len(candidate) - len(long)
        found.append(AcronymDefinition(row, short, long, long_start, len(before), m.start(1), m.end(1)))
    return found


_SHORT_FIRST = re.compile(r"(?<![\w.&\-])([A-Za-z][A-Za-z0-9&]{1,9})\s*\(\s*([^()]{3,150}?)\s*\)")


def find_short_first_acronyms(text: str, row: int = 0) -> list[AcronymDefinition]:
    """Schwartz and Hearst's other pattern, "SHORT (long form)": the whole bracket is the long form (two words
    or more, at most min(|SHORT| + 5, 2|SHORT|)) and the short form's characters match it as in
    `best_long_form`. Kept apart from `find_acronyms`, whose callers count only "long form (SHORT)"."""
    found = []
    if "(" not in text:  # most statements: no bracket, no definition (the search below tries every word)
        return found
    for m in _SHORT_FIRST.finditer(text):
        short, inner = m.group(1), m.group(2)
        words = inner.split()
        if not has_two_capitals(short) or not 2 <= len(words) <= min(len(short) + 5, 2 * len(short)):
            continue
        if best_long_form(short, inner) != inner or short.lower() in inner.lower().split():
            continue
        found.append(AcronymDefinition(row, short, inner, m.start(2), m.end(2), m.start(1), m.end(1)))
    return found


# ---------------------------------------------------------------------------------------------------
# Lemmas
# ---------------------------------------------------------------------------------------------------

AUXILIARIES = frozenset({"am", "are", "is", "was", "were", "be", "been", "being", "do", "does", "did"})
# -ment nouns that do not mean the act of their stem verb ("department" is not "depart").
NOT_NOMINALISATIONS = frozenset(
    """department government statement element moment comment apartment compartment garment segment
    settlement""".split()
)


@lru_cache(maxsize=1)
def lemma_table():
    """The lookup lemmatizer's English table (a spaCy `Table`), from the shared pipeline."""
    from analysis.nlp import get_nlp

    return get_nlp().get_pipe("lemmatizer").lookups.get_table("lemma_lookup")


@lru_cache(maxsize=65536)
def lookup_lemma(token: str) -> str:
    """The lookup lemma of a lower-case token, itself when the table has none: "supported" -> "support"."""
    return lemma_table().get(token, token)


@dataclass(frozen=True)
class Lookups:
    """The lookup tables the lemma repairs and the follow-through features need (spacy-lookups-data), loaded once."""

    lemmas: dict
    base_forms: frozenset[str]
    verbs_only: frozenset[str]  # base forms that are verbs and never nouns ("provide", not "support")
    irregular_past: frozenset[str]  # "ran", "built", "set up" ...


@lru_cache(maxsize=1)
def lookups() -> Lookups:
    """Lemma table, base forms, verb-only base forms and irregular past forms (spacy-lookups-data)."""
    from spacy.lookups import load_lookups

    table = lemma_table()
    extra = load_lookups("en", ["lemma_index", "lemma_exc"])
    index = extra.get_table("lemma_index")
    base = frozenset(w for pos in ("noun", "verb", "adj", "adv") for w in index[pos])
    verbs_only = frozenset(set(index["verb"]) - set(index["noun"]))
    exc = extra.get_table("lemma_exc")["verb"]
    past = frozenset(
        form for form, lemmas in exc.items() if lemmas and lemmas[0] != form and not form.endswith(("ing", "s")) and form not in AUXILIARIES
    )
    return Lookups(table, base, verbs_only, past)


@lru_cache(maxsize=1)
def noun_base() -> frozenset[str]:
    """Base forms that are nouns (spacy-lookups-data `lemma_index`)."""
    from spacy.lookups import load_lookups

    return frozenset(load_lookups("en", ["lemma_index"]).get_table("lemma_index")["noun"])


@lru_cache(maxsize=1)
def verb_base() -> frozenset[str]:
    """Base forms that are verbs (spacy-lookups-data `lemma_index`)."""
    from spacy.lookups import load_lookups

    return frozenset(load_lookups("en", ["lemma_index"]).get_table("lemma_index")["verb"])


@cache
def lemma(word: str) -> str:
    """Lower-case lookup lemma, with four repairs to the lookup table: an -er noun is not read as a
    comparative ("number" is not "numb"), a stem+e form is cut back ("developed" -> "develop", not
    "develope"), a -ment noun of a verb folds to the verb ("recruitment" -> "recruit") and a -ship noun
    to its noun ("leadership" -> "leader"), so plan and report wording meet."""
    table = lookups().lemmas
    verbs = verb_base()
    low = word.lower()
    lem = table.get(low, low)
    if low.endswith("er") and lem in {low[:-2], low[:-3]} and low in noun_base():
        lem = low
    if lem not in verbs and lem.endswith("e") and lem[:-1] in verbs:
        lem = lem[:-1]
    if lem.endswith("ment") and len(lem) > 7 and lem[:-4] in verbs and lem not in NOT_NOMINALISATIONS:
        lem = lem[:-4]
    if lem.endswith("ship") and len(lem) > 8 and lem[:-4] in noun_base():
        lem = lem[:-4]
    return lem


def noun_singular(word: str) -> str:
    """Singular of a plural noun by spelling alone ("packages" -> "package", "communities" ->
    "community"); unlike the lemmatizer it never turns a verb form ("piloted") into a noun."""
    low = word.lower()
    if low.endswith("ies") and len(low) > 4:
        return low[:-3] + "y"
    if low.endswith("s") and not low.endswith(("ss", "us", "is")):
        return low[:-1]
    return low


def singular(word: str) -> str:
    """Lower-case singular of a word: the lookup lemmatizer, then simple plural rules."""
    low = word.lower()
    lem = lemma_table().get(low)
    if isinstance(lem, str) and lem:
        return lem
    if low.endswith("ies") and len(low) > 4:
        return low[:-3] + "y"
    if low.endswith("s") and not low.endswith(("ss", "us", "is")) and len(low) > 3:
        return low[:-1]
    return low


# ---------------------------------------------------------------------------------------------------
# Masking of department and organisation names
# ---------------------------------------------------------------------------------------------------

ORGANISATION_NAMES = ("Government Digital Service", "GDS")
"""Organisations every update names (GDS is part of Cabinet Office, "the centre"); like department names
they say nothing specific about a department (docs/methods.md "Boilerplate versus substantive")."""

# Placeholders that replace names before statements are compared (lower case, never English words).
DEPT, CENTRE, SERIES = "xdeptx", "xcentrex", "xseriesx"
PLACEHOLDERS = frozenset({DEPT, CENTRE, SERIES})

_CENTRE = re.compile(r"(?:\b[Tt]he\s+)?\b(?:Government\s+Digital\s+Service|GDS)\b(?:'s\b)?")
# The strategy and its actions: every update refers to them, so they carry no department's information.
_SERIES = re.compile(r"(?:\b[Tt]he\s+)?\b(?:Government\s+)?Digital\s+Strategy\b|\b[Aa]ction\s+\d+\b|\b[Tt]his\s+action\b")
# "the department" in a department's own update is the department itself.
_SELF = re.compile(r"\b[Tt]he\s+department(?:'s)?\b(?!s)")


@lru_cache(maxsize=1)
def department_pattern() -> re.Pattern[str]:
    """Every department name and abbreviation of the gazetteer, as one regular expression (`with_first_characters`)."""
    return with_first_characters(departments.name_pattern())


class _Unknown(Exception):
    """A part of a pattern whose first character `first_characters` does not read off."""


def first_characters(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """Every character a match of `pattern` can start with, read off its parsed form (under the pattern's own
    flags: "k" of a case-insensitive pattern stands for every character that matches it); None when that is not
    plain (a class such as \\w or [^x], a look-ahead, flags set inside, a match that can be empty); a look-behind
    is passed over, as \\b is (it reads the characters before the match, not its first)."""
    from re import _constants as sre
    from re import _parser as sre_parse

    def first(items) -> tuple[set[str], bool]:  # (first characters, whether the items can match nothing)
        out: set[str] = set()
        for op, av in items:
            if op is sre.LITERAL:
                return out | {chr(av)}, False
            if op is sre.IN:
                for kind, value in av:
                    if kind is sre.LITERAL:
                        out.add(chr(value))
                    elif kind is sre.RANGE and value[1] - value[0] < 256:
                        out.update(chr(c) for c in range(value[0], value[1] + 1))
                    else:
                        raise _Unknown
                return out, False
            if op is sre.AT:  # \\b, ^: zero width, the next item starts the match
                continue
            if op in (sre.ASSERT, sre.ASSERT_NOT) and av[0] < 0:  # a look-behind reads what precedes the match
                continue
            if op is sre.SUBPATTERN:
                if av[1] or av[2]:  # flags set or cleared inside
                    raise _Unknown
                chars, empty = first(av[3])
            elif op is sre.BRANCH:
                chars, empty = set(), False
                for alternative in av[1]:
                    c, e = first(alternative)
                    chars |= c
                    empty = empty or e
            elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT):
                chars, empty = first(av[2])
                empty = empty or av[0] == 0
            else:
                raise _Unknown
            out |= chars
            if not empty:
                return out, False
        return out, True

    try:
        chars, empty = first(sre_parse.parse(pattern.pattern, pattern.flags))
    except _Unknown:
        return None
    return None if empty or not chars else frozenset(chars)


def with_first_characters(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """The same pattern behind a look-ahead for its first characters (`first_characters`), when they can be
    read off: Python's engine tries a pattern that starts with an optional group or \\b at every position
    of the text, and the look-ahead lets it pass over the positions no match can start at (a long
    alternation such as the department names runs about twice as fast). Matches are the same."""
    chars = first_characters(pattern)
    if chars is None:
        return pattern
    return re.compile(f"(?=[{''.join(re.escape(c) for c in sorted(chars))}])(?:{pattern.pattern})", pattern.flags)


def required_words(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """Strings of which every match of `pattern` contains one, read off its parsed form: a run of literal
    characters, or one from each alternative of an alternation (the set whose shortest string is longest);
    lower case, and ASCII only, for a case-insensitive pattern. None when none can be read off. A text holding
    none of them cannot match (`may_contain`), which a substring test finds faster than the pattern does."""
    from re import _constants as sre
    from re import _parser as sre_parse

    ignore_case = bool(pattern.flags & re.IGNORECASE)

    def best(candidates: list[frozenset[str] | None]) -> frozenset[str] | None:
        usable = [c for c in candidates if c and (not ignore_case or all(w.isascii() for w in c))]
        return max(usable, key=lambda c: (min(map(len, c)), -len(c)), default=None)

    def required(items) -> frozenset[str] | None:
        candidates: list[frozenset[str] | None] = []
        run: list[str] = []
        for op, av in [*items, (None, None)]:  # a sentinel closes the last run
            if op is sre.LITERAL:
                run.append(chr(av))
                continue
            if run:
                candidates.append(frozenset({"".join(run)}))
                run = []
            if op is sre.SUBPATTERN and not (av[1] or av[2]):  # a group without flags of its own
                candidates.append(required(av[3]))
            elif op is sre.BRANCH:
                alternatives = [required(a) for a in av[1]]
                if all(alternatives):
                    candidates.append(frozenset().union(*alternatives))
            elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT) and av[0] >= 1:  # repeated at least once
                candidates.append(required(av[2]))
        return best(candidates)

    found = required(sre_parse.parse(pattern.pattern, pattern.flags))
    return None if found is None else frozenset(w.lower() for w in found) if ignore_case else found


@lru_cache(maxsize=1)
def _folds_to_ascii() -> re.Pattern[str]:
    """The characters beyond ASCII that a case-insensitive pattern matches to an ASCII letter ("ſ" to "s", the
    Kelvin sign to "k", dotted and dotless i), found by the engine itself: `str.lower` does not map them so."""
    codes = np.arange(128, 0x110000, dtype="<u4")
    beyond = codes[(codes < 0xD800) | (codes > 0xDFFF)].tobytes().decode("utf-32-le")  # every character but surrogates
    return re.compile(f"[{re.escape(''.join(sorted(set(re.findall('(?i)[a-z]', beyond)))))}]")


def lower_for_screening(text: str) -> str | None:
    """The text in lower case, for `may_contain` with the words of a case-insensitive pattern; None when it
    has a character the pattern would match to an ASCII letter that lower case does not show (then only the
    pattern can tell)."""
    return None if not text.isascii() and _folds_to_ascii().search(text) else text.lower()


def may_contain(lowered: str | None, words: frozenset[str] | None) -> bool:
    """False only when a case-insensitive pattern with these `required_words` cannot match the text
    (`lowered`: `lower_for_screening` of it)."""
    return lowered is None or words is None or any(w in lowered for w in words)


def _department_placeholder(match: re.Match[str]) -> str:
    dept = departments.resolve(match.group(0))
    return f" {CENTRE} " if dept is not None and dept.abbr == "CO" else f" {DEPT} "


@lru_cache(maxsize=65536)
def mask_names(text: str) -> str:
    """Replace department names and abbreviations (gazetteer), GDS / Cabinet Office and references to the
    strategy and its actions by placeholders, so statements that differ only in names compare equal.

    >>> " ".join(mask_names("Ministry of Defence (MOD) has supported the work by Cabinet Office.").split())
    'xdeptx ( xdeptx ) has supported the work by xcentrex .'
    """
    text = str(text).translate(APOSTROPHES)
    # each pattern below tries every position of the text; a word every one of its matches contains is looked
    # for first (a plain substring test), and a text without it is left as it is, as the pattern would leave it
    if "GDS" in text or "Government" in text:
        text = _CENTRE.sub(f" {CENTRE} ", text)
    if "Digital" in text or "ction" in text:
        text = _SERIES.sub(f" {SERIES} ", text)
    text = department_pattern().sub(_department_placeholder, text)
    if "department" in text:
        text = _SELF.sub(f" {DEPT} ", text)
    return text


@lru_cache(maxsize=1)
def _masked_names() -> re.Pattern[str]:
    """Department names (gazetteer) and the organisations every update names."""
    orgs = "|".join(re.escape(o) for o in ORGANISATION_NAMES)
    return with_first_characters(re.compile(rf"{departments.name_pattern().pattern}|(?:\b[Tt]he\s+)?\b(?:{orgs})\b(?:['\u2019]s\b)?"))


def masked_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of department and organisation names in a text (left as they are)."""
    return [m.span() for m in _masked_names().finditer(text)]


def department_token_mask(doc, text: str | None = None) -> list[bool]:
    """For each token of a spaCy `Doc`: True when it is part of a department name (not "the" or a possessive).
    `text`: the doc's text, when the caller has it (`Doc.text` joins every token again)."""
    mask = [False] * len(doc)
    for m in department_pattern().finditer(doc.text if text is None else text):
        span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
        if span is None:
            continue
        for t in span:
            if t.lower_ != "the" and t.text not in POSSESSIVES:
                mask[t.i] = True
    return mask


def in_spans(start: int, spans: Sequence[tuple[int, int]]) -> bool:
    """True when a character offset falls inside one of the spans."""
    return any(a <= start < b for a, b in spans)
