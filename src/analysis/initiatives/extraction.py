"""Named initiatives, extraction: statements -> the `initiatives` and `initiative_mentions` tables
(the method: the package docstring, `analysis.initiatives`)."""

from __future__ import annotations

import os
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
import pandas as pd
from spacy.attrs import FLAG61, FLAG62, FLAG63, ORTH, SENT_START
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from analysis import departments, periods, schemas
from analysis.nlp import get_nlp, sentence_docs
from analysis.text import (
    ARTICLES,
    CALENDAR_WORDS,
    CONNECTORS,
    COORDINATORS,
    NAME_CONNECTORS,
    POSSESSIVES,
    department_pattern,
    department_token_mask,
    find_acronyms,
    find_short_first_acronyms,
    is_acronym,
    noun_singular,
    singular,
)
from analysis.text import stop_words as _stop_words
from analysis.vocabulary import INITIATIVE_TYPES
from analysis.vocabulary import NAME_TYPES as TYPES

# ---------------------------------------------------------------------------------------------------
# Vocabularies (general, documented in docs/codebook.md)
# ---------------------------------------------------------------------------------------------------

# TYPES (every type a name can get) and INITIATIVE_TYPES (the first eight) come from analysis.vocabulary:
# `unit` and `organisation` are named things that are not initiatives, kept in the table (typed) so
# analysts can see what was excluded.

#: Last word of a name (lower case, singular) -> type.
HEAD_NOUNS: dict[str, str] = {
    **dict.fromkeys(
        ["academy", "programme", "program", "scheme", "stream", "club", "apprenticeship", "fellowship", "initiative",
         "masterclass", "bootcamp", "challenge", "curriculum"],
        "programme",
    ),
    **dict.fromkeys(
        ["conference", "live", "month", "fortnight", "week", "day", "summit", "festival", "hackathon", "expo",
         "roadshow", "showcase", "awards", "sprint", "camp", "unconference"],
        "event",
    ),
    **dict.fromkeys(["network", "community", "alliance"], "network"),
    **dict.fromkeys(
        ["standard", "manual", "matrix", "framework", "guidance", "guide", "handbook", "principle", "playbook",
         "specification", "charter", "code", "report"],
        "standard/guidance",
    ),
    **dict.fromkeys(["strategy", "plan", "roadmap", "blueprint"], "strategy/plan"),
    **dict.fromkeys(["kit", "toolkit", "tool", "portal", "platform", "app", "package", "dashboard", "website"], "tool/product"),
    **dict.fromkeys(["project", "lab", "laboratory", "pilot", "trial", "exemplar", "prototype"], "project"),
    **dict.fromkeys(["group", "board", "panel", "committee", "forum", "taskforce"], "group"),
    **dict.fromkeys(["team", "division", "directorate", "unit", "profession", "services", "branch", "hub"], "unit"),
    **dict.fromkeys(
        ["service", "agency", "learning", "authority", "commission", "council", "institute", "trust", "office",
         "executive", "inspectorate", "ministry", "department", "government", "university", "college", "society",
         "association", "bank", "corporation"],
        "organisation",
    ),
}
# "code" as a last word is a code of practice ("Technology Code"); "Code Club" ends in Club.

#: A leading noun that makes "Noun + number or name" an event of a series ("Sprint 14", "Sprint Alpha").
SERIES_NOUNS: dict[str, str] = dict.fromkeys(["sprint", "hackathon", "hack", "summit", "camp", "festival", "expo"], "event")

#: Generic lower-case nouns that give a head-less capitalised name its type ("Digital Foundation programme").
TYPE_NOUNS: dict[str, str] = {
    **dict.fromkeys(["programme", "program", "scheme", "initiative", "course", "apprenticeship"], "programme"),
    **dict.fromkeys(["event", "conference", "festival", "hackathon", "summit", "roadshow", "fortnight"], "event"),
    **dict.fromkeys(["network", "community"], "network"),
    **dict.fromkeys(["standard", "guidance", "manual", "framework", "handbook"], "standard/guidance"),
    **dict.fromkeys(["strategy", "plan", "roadmap"], "strategy/plan"),
    **dict.fromkeys(["package", "toolkit", "tool", "platform", "portal", "app", "website"], "tool/product"),
    **dict.fromkeys(["project", "pilot", "trial", "lab"], "project"),
    **dict.fromkeys(["group", "board", "panel", "forum", "committee"], "group"),
    **dict.fromkeys(["team", "division", "directorate", "unit"], "unit"),
}

#: Words of roles and titles: a name made of them is a person's role, not an initiative (docs/codebook.md).
ROLE_WORDS = frozenset(
    "leader leaders manager managers director directors champion champions officer officers secretary secretaries "
    "minister ministers head heads chief sponsor sponsors owner owners member members general lead leads user users".split()
)
#: Words of a department's standing corporate governance: a board or committee named with them is the
#: department's own machinery (a unit), not an initiative ("Executive Management Committee", "Investment Board").
GOVERNANCE_WORDS = frozenset("executive management investment audit ministerial operating".split())
#: Titles of posts: a name that starts with one is a post ("Director Defence Strategy"), not what follows it.
POST_TITLES = frozenset("Director Head Chief Minister Secretary".split())
#: Plural nouns that introduce a list of named things ("3 exemplar services: A, B and C"), and the type
#: a head-less listed name takes from them.
LIST_NOUNS: dict[str, str] = {
    **dict.fromkeys(["exemplars", "projects", "pilots", "redevelopments", "developments", "transformations"], "project"),
    **dict.fromkeys(["services", "products", "systems", "tools", "sites", "websites"], "tool/product"),
    **dict.fromkeys(["programmes", "schemes", "initiatives"], "programme"),
}
DEFAULT_TYPE = "project"
"""Type of a name that has no head noun and no list noun to type it ("Inside Government" named twice)."""

#: Last words of places: such names are dropped (docs/methods.md "Named initiatives": places are not initiatives).
PLACE_HEADS = frozenset({"house", "bridge", "street", "road", "square", "tower", "building", "park", "lane"})

#: Nouns of deliberate change: a capitalised name that ends in one names a change programme even with no
#: head noun of the list above ("Civil Service Reform", "Courts Modernisation"). Weaker than a generic
#: noun written after the name ("the Business Transformation team" is a unit).
CHANGE_NOUNS = frozenset(
    "reform transformation modernisation modernization renewal redesign overhaul rationalisation rationalization "
    "consolidation simplification reorganisation reorganization restructuring".split()
)
CHANGE_TYPE = "programme"

#: Prepositions that can open a name ("Inside Government", "Beyond Borders"): such a name is a phrase whose
#: last word is the preposition's object, not a head noun, so it has no head (and is not an organisation).
NAME_PREPOSITIONS = frozenset("inside outside beyond towards toward into onto across through within".split())


@dataclass(frozen=True)
class Settings:
    """The extractor's choices that hand labels can judge: chosen by cross-validation that leaves out
    whole actions and pages (`analysis.evaluate.initiatives`, docs/methods.md "Named initiatives")."""

    ordinary_margin: float = 2.0
    """A sentence-initial capital is an ordinary word when its lower-case form is more than e**margin
    times as frequent as the capitalised one (spaCy lexeme log-frequencies)."""
    shared_by: int = 2
    """A head-less proper name counts when this many departments write it (`_recurring_mentions`)."""


SETTINGS = Settings()



_CAP = r"[A-Z][\w.&'\u2019\-]*"
_CAP_RE = rf"^{_CAP}$"
_CAP_OR_NUM_RE = rf"^(?:{_CAP}|\d[\d,.]*|['\u2019]s?)$"
_CAMEL = re.compile(r"^[A-Z][a-z]+(?:[A-Z][a-z0-9]+)+$")
_DOMAIN = re.compile(r"^[A-Za-z][A-Za-z0-9\-]*(?:\.[A-Za-z0-9\-]+)*\.(?:uk|UK|com|org|net|io|gov)$")
_SLUG = re.compile(r"[^a-z0-9]+")

# ---------------------------------------------------------------------------------------------------
# Shared resources, built once
# ---------------------------------------------------------------------------------------------------


def _run_patterns(word: dict, word_or_num: dict, link: dict) -> list[list[dict]]:
    """The capitalised-run patterns W WN* (LINK W WN*){k}, k = 0..3, from the token specs of W, WN and LINK."""
    patterns = []
    for k in range(4):
        pattern = [word, {**word_or_num, "OP": "*"}]
        for _ in range(k):
            pattern += [link, word, {**word_or_num, "OP": "*"}]
        patterns.append(pattern)
    return patterns


def _predicate_specs() -> tuple[dict, dict, dict]:
    """W, WN and LINK as spaCy predicates on each token (the rules' definition; `_flag_specs` reads the same)."""
    word = {"TEXT": {"REGEX": _CAP_RE}, "LOWER": {"NOT_IN": sorted(CALENDAR_WORDS)}}
    word_or_num = {"TEXT": {"REGEX": _CAP_OR_NUM_RE}, "LOWER": {"NOT_IN": sorted(CALENDAR_WORDS)}}
    link = {"LOWER": {"IN": sorted(CONNECTORS | {"-", ":"})}}
    return word, word_or_num, link


def _flag_specs(vocab) -> tuple[dict, dict, dict]:
    """W, WN and LINK of `_predicate_specs` as lexeme flags of the shared vocabulary: each word's flag is set
    once, when the word first enters the vocabulary, and the matcher reads it in C, where a REGEX or IN
    predicate calls back into Python for every token of every statement (about half the rules' time)."""
    cap, cap_or_num = re.compile(_CAP_RE), re.compile(_CAP_OR_NUM_RE)
    links = CONNECTORS | {"-", ":"}

    def ordinary(orth: str) -> bool:
        return orth.lower() not in CALENDAR_WORDS

    # spaCy's free flag bits (FLAG19 ... FLAG63); fixed, so building the matcher again sets the same bits
    word = vocab.add_flag(lambda orth: bool(cap.search(orth)) and ordinary(orth), FLAG61)
    word_or_num = vocab.add_flag(lambda orth: bool(cap_or_num.search(orth)) and ordinary(orth), FLAG62)
    link = vocab.add_flag(lambda orth: orth.lower() in links, FLAG63)
    return {word: True}, {word_or_num: True}, {link: True}


@lru_cache(maxsize=1)
def _matcher() -> Matcher:
    """Matcher of capitalised runs: W WN* (LINK W WN*){0,3}, on the shared pipeline's vocabulary."""
    nlp = get_nlp()
    matcher = Matcher(nlp.vocab, validate=False)  # the schema knows no flag bits
    for k, pattern in enumerate(_run_patterns(*_flag_specs(nlp.vocab))):
        matcher.add(f"CAPITALISED_RUN_{k}", [pattern], greedy="LONGEST")
    return matcher


@lru_cache(maxsize=1)
def _word_probabilities():
    """Log frequencies of cased word forms (spacy-lookups-data `lexeme_prob`), loaded only when needed (from the
    environment's faster copy when `make data` has written it: `word_frequencies`)."""
    from analysis.initiatives.word_frequencies import load

    return load()


def warm_up() -> None:
    """Load what the rules build once per process (start-up cost): the run matcher and the whole word-frequency
    table (a one-off build reads only the words it asks for)."""
    _matcher()
    probs = _word_probabilities()
    if hasattr(probs, "preload"):
        probs.preload()


# ---------------------------------------------------------------------------------------------------
# Canonical keys and ids
# ---------------------------------------------------------------------------------------------------

_SPELLING = {"program": "programme", "programs": "programmes", "center": "centre", "catalog": "catalogue"}


@lru_cache(maxsize=65536)  # a name is met again and again (every mention, every group); the key is the name's alone
def name_key(name: str) -> str:
    """Merge key: case, apostrophes, articles, possessives, '&', hyphens, plurals and -ize/-ise folded.

    >>> name_key("the Civil Service Capabilities Plan") == name_key("Civil Service Capability Plan")
    True
    """
    text = name.replace("\u2019", "'").replace("\u2018", "'").replace("&", " and ")
    text = re.sub(r"'s\b|s'(?=\s|$)", lambda m: "" if m.group(0) == "'s" else "s", text)
    text = re.sub(r"[\-/]", " ", text)
    words = [w for w in re.findall(r"[\w.]+|:", text.lower()) if w.strip(".")]
    while words and words[0] in ARTICLES:
        words = words[1:]
    out = []
    for w in words:
        w = w.strip(".") if not _DOMAIN.match(w) else w
        w = _SPELLING.get(w, w)
        w = re.sub(r"i([sz])(e|es|ed|ing|ation|ations)$", r"is\2", w)
        out.append(singular(w) if w.isalpha() else w)
    return " ".join(out)


def slug(name: str) -> str:
    """Readable id: 'Sprint DWP: Security' -> 'sprint-dwp-security'."""
    text = name.replace("\u2019", "").replace("'", "").replace("&", " and ")
    return _SLUG.sub("-", text.lower()).strip("-") or "initiative"


# ---------------------------------------------------------------------------------------------------
# Acronyms (Schwartz and Hearst, 2003)
# ---------------------------------------------------------------------------------------------------


# ---------------------------------------------------------------------------------------------------
# Candidate mentions
# ---------------------------------------------------------------------------------------------------


@dataclass
class Mention:
    """One occurrence of a name in one statement (character offsets into the statement's text)."""

    row: int
    start: int
    end: int
    name: str
    type: str
    owner: str | None = None
    aliases: tuple[str, ...] = ()
    source: str = "rule"
    stem: str | None = None  # for names typed by a generic noun: the capitalised part alone

    @property
    def length(self) -> int:
        return self.end - self.start


@dataclass
class _Context:
    """What the rules need to know about the whole collection of statements."""

    capitalised_inside: set[str] = field(default_factory=set)  # words seen capitalised mid-sentence
    acronym_types: dict[str, str | None] = field(default_factory=dict)  # short form -> type (None: not a name)
    settings: Settings = SETTINGS


def _is_titlecase_word(token: Token) -> bool:
    return token.text[:1].isupper() and any(ch.islower() for ch in token.text) and not is_acronym(token.text)


def _ordinary_sentence_start(token: Token, ctx: _Context, dept: list[bool]) -> bool:
    """True when a sentence-initial capital is an ordinary word, not part of a name: a stop word, or
    a word that is far more frequent in lower case (spaCy lexeme frequencies) and never capitalised
    mid-sentence in the collection. Department names are never ordinary words."""
    low = token.lower_
    if dept[token.i]:
        return False
    if low in _stop_words():
        return True
    if token.text in ctx.capitalised_inside or is_acronym(token.text) or not token.text.isalpha():
        return False
    probs = _word_probabilities()
    lower_p, title_p = probs.get(low), probs.get(token.text)
    if lower_p is None:
        return False
    return title_p is None or lower_p - title_p > ctx.settings.ordinary_margin


def _head_type(word: str) -> tuple[str | None, str | None]:
    """Type of a head word, and the stem when it is a participant noun ("Streamers" -> "Stream")."""
    s = noun_singular(word)
    if word.lower() in HEAD_NOUNS:  # "Services", "Awards": plural heads listed as such
        return HEAD_NOUNS[word.lower()], None
    if s in HEAD_NOUNS:
        return HEAD_NOUNS[s], None
    if s.endswith("er") and s[:-2] in HEAD_NOUNS and HEAD_NOUNS[s[:-2]] in INITIATIVE_TYPES:
        return HEAD_NOUNS[s[:-2]], word[: len(s) - 2]
    if s in PLACE_HEADS:
        return "place", None
    return None, None


def _change_type(tokens: Sequence[Token]) -> str | None:
    """`CHANGE_TYPE` for a name of two words or more that ends in a noun of change ("Civil Service Reform")."""
    words = [t for t in tokens if any(ch.isalpha() for ch in t.text)]
    if len(words) < 2 or words[0].lower_ in NAME_PREPOSITIONS or not words[-1].text[:1].isupper():
        return None
    return CHANGE_TYPE if noun_singular(words[-1].text) in CHANGE_NOUNS or words[-1].lower_ in CHANGE_NOUNS else None


def _classify(tokens: Sequence[Token], ctx: _Context) -> tuple[str | None, str | None]:
    """Type of a candidate name from its tokens, and a replacement for its last word (participant nouns)."""
    words = [t for t in tokens if t.text not in {":", "-"} and t.lower_ not in CONNECTORS]
    if not words:
        return None, None
    before_colon = list(tokens)
    if any(t.text == ":" for t in tokens):
        before_colon = list(tokens)[: [t.text for t in tokens].index(":")]
    first = before_colon[0]
    if first.lower_ in SERIES_NOUNS and len(before_colon) >= 2:
        return SERIES_NOUNS[first.lower_], None
    if first.lower_ in NAME_PREPOSITIONS:
        return None, None  # "Inside Government": a phrase, its last word is no head
    alpha = [t for t in before_colon if any(ch.isalpha() for ch in t.text)]
    if not alpha:
        return None, None
    last = alpha[-1]
    if _CAMEL.match(last.text) or (_DOMAIN.match(last.text) and last.text[:1].isupper()):
        return "tool/product", None  # "PolicyKit", "GOV.UK", "Data.gov.uk"
    if len(words) == 1:
        if is_acronym(last.text):
            return ctx.acronym_types.get(last.text), None
        return None, None  # one ordinary capitalised word is not a name on its own
    return _head_type(last.text)


def _owner_department(text: str) -> str | None:
    """Department named by an owner phrase, allowing the possessive-of-a-plural slip ("Pension's")."""
    for candidate in (text, text + "s"):
        dept = departments.resolve(candidate)
        if dept is not None:
            return dept.abbr
    return None


def _split_at_links(tokens: list[Token]) -> list[tuple[list[Token], Token | None]]:
    """Pieces between connectors, each with the connector that follows it (None for the last)."""
    pieces: list[tuple[list[Token], Token | None]] = []
    current: list[Token] = []
    for t in tokens:
        if t.lower_ in CONNECTORS or t.text in {"-", ":"}:
            pieces.append((current, t))
            current = []
        else:
            current.append(t)
    pieces.append((current, None))
    return pieces


def _segments(tokens: list[Token], dept: list[bool], ctx: _Context) -> list[list[list[Token]]]:
    """Cut a run into names; each name is returned as its list of coordinated conjuncts.

    Cuts: at a connector touching a department; at a colon unless the left side is a series event
    ("Sprint DWP: Security"); at a spaced hyphen; at "and"/"&" when the left conjunct is an acronym,
    a department, two words or more, or has its own head noun (or the right one is an acronym).
    """
    pieces = _split_at_links(tokens)
    names: list[list[list[Token]]] = []
    conjuncts: list[list[Token]] = []
    current: list[Token] = []

    def close_name() -> None:
        nonlocal conjuncts, current
        if current:
            conjuncts.append(current)
        if conjuncts:
            names.append(conjuncts)
        conjuncts, current = [], []

    for index, (piece, link) in enumerate(pieces):
        current = current + piece
        if link is None:
            break
        nxt = pieces[index + 1][0]
        touches_dept = (piece and dept[piece[-1].i]) or (nxt and dept[nxt[0].i])
        inside_dept = piece and nxt and dept[piece[-1].i] and dept[nxt[0].i] and dept[link.i - 1] and dept[link.i + 1]
        if link.lower_ in CONNECTORS and inside_dept:
            current = current + [link]  # "Department for Work and Pensions" stays whole
            continue
        if link.text == ":":  # "Sprint DWP: Security" names one event of a series
            if current and current[0].lower_ in SERIES_NOUNS and len(current) >= 2 and nxt:
                current = current + [link]
            else:
                close_name()
            continue
        if touches_dept or not piece or not nxt:
            close_name()
            continue
        if link.text == "-":
            prev_tok = link.doc[link.i - 1]
            if prev_tok.whitespace_ or link.whitespace_:
                close_name()
            else:
                current = current + [link]
            continue
        if link.lower_ in COORDINATORS:
            coordination = (
                len(piece) >= 2  # "Code Club and Digital Month", "Digital Awareness and Digital Skills ..."
                or is_acronym(piece[0].text)  # "GDS and Civil Service Learning"
                or (len(nxt) == 1 and is_acronym(nxt[0].text))
                or _classify(piece, ctx)[0] is not None
            )
            if coordination:  # this conjunct ends here; otherwise "Digital and Technology Fast Stream"
                conjuncts.append(current)
                current = []
                continue
        current = current + [link]
    close_name()
    return names


_TEXT_KEY = "analysis.text"  # where `find_mentions` keeps each doc's text (`_text`)


def _text(doc: Doc) -> str:
    """The doc's text: the one `find_mentions` kept in its `user_data` (`Doc.text` joins every token again on
    each call, which took more time than the rules reading it), else `Doc.text`."""
    text = doc.user_data.get(_TEXT_KEY)
    return doc.text if text is None else text


def _strip_departments(tokens: list[Token], dept: list[bool]) -> tuple[list[Token], str | None]:
    """A name made only of a department is none; a department written into a name is its owner."""
    owner = None
    if all(dept[t.i] for t in tokens):
        return [], None
    dept_tokens = [t for t in tokens if dept[t.i]]
    if dept_tokens:
        start, end = dept_tokens[0].idx, dept_tokens[-1].idx + len(dept_tokens[-1])
        owner = _owner_department(_text(tokens[0].doc)[start:end])
    return tokens, owner


def _type_noun_after(doc: Doc, end: int) -> tuple[int, str] | None:
    """A generic lower-case noun right after a name ("programme", "learning packages"), with at most
    one lower-case modifier between; returns (end token index, type)."""
    for offset in (0, 1):
        i = end + offset
        if i >= len(doc):
            return None
        tok = doc[i]
        noun = noun_singular(tok.text) if tok.text.islower() else None
        if noun in TYPE_NOUNS:
            return i + 1, TYPE_NOUNS[noun]
        if not (tok.is_alpha and tok.text.islower()) or tok.lower_ in _stop_words() or tok.lower_ in CONNECTORS:
            return None
    return None


def _display(doc: Doc, tokens: Sequence[Token], tail: Sequence[Token] = (), last_word: str | None = None) -> str:
    """Name as written, with a plural generic lower-case noun put in the singular ("Digital Expert
    programmes" -> "Digital Expert programme"); capitalised words stay as written ("Open Standards")."""
    words = list(tokens) + list(tail)
    text = _text(doc)[words[0].idx : words[-1].idx + len(words[-1])] if not tail else (
        _text(doc)[tokens[0].idx : tokens[-1].idx + len(tokens[-1])] + " " + " ".join(t.text for t in tail)
    )
    last = words[-1]
    if last_word is not None:
        return text[: len(text) - len(last.text)] + last_word
    s = noun_singular(last.text)
    if last.text.islower() and last.text != s and s in TYPE_NOUNS:
        return text[: len(text) - len(last.text)] + s
    return text


def _run_mentions(doc: Doc, row: int, span: Span, dept: list[bool], ctx: _Context) -> list[Mention]:
    tokens = list(span)
    # 1. a sentence-initial ordinary word is not part of a name
    while tokens and tokens[0].is_sent_start and _ordinary_sentence_start(tokens[0], ctx, dept):
        tokens = tokens[1:]
        while tokens and (tokens[0].lower_ in CONNECTORS or tokens[0].text in POSSESSIVES | {"-", ":"}):
            tokens = tokens[1:]
    if not tokens:
        return []
    # 2. possessive: owner's name
    owner_text, owner_dept = None, None
    poss = [k for k, t in enumerate(tokens) if t.text in POSSESSIVES]
    if poss:
        k = poss[-1]
        owner_tokens, tokens = tokens[:k], tokens[k + 1 :]
        if owner_tokens:
            owner_text = _text(doc)[owner_tokens[0].idx : tokens[0].idx].rstrip() if tokens else None
            owner_dept = _owner_department(_text(doc)[owner_tokens[0].idx : owner_tokens[-1].idx + len(owner_tokens[-1])])
        tokens = [t for t in tokens if t.text not in POSSESSIVES]
    if not tokens:
        return []
    mentions: list[Mention] = []
    for conjuncts in _segments(tokens, dept, ctx):
        found = _name_mentions(doc, row, conjuncts, dept, ctx, owner_dept, owner_text)
        glued = [t for conj in conjuncts for t in conj]
        if not found and any(t.lower_ in CONNECTORS - COORDINATORS for t in glued):
            # "Digital Academy in Leeds": the glued phrase has no head, its parts may have
            for piece, _ in _split_at_links(glued):
                if piece:
                    found += _name_mentions(doc, row, [piece], dept, ctx, owner_dept, owner_text)
        mentions += found
    return mentions


def _name_mentions(
    doc: Doc, row: int, conjuncts: list[list[Token]], dept: list[bool], ctx: _Context, owner_dept: str | None, owner_text: str | None
) -> list[Mention]:
    """Mentions for one name, given as its coordinated conjuncts. A conjunct with no head of its own
    borrows the last conjunct's head or generic noun ("Digital Awareness and Digital Skills learning
    packages" -> Digital Awareness learning package, Digital Skills learning package)."""
    cleaned: list[tuple[list[Token], str | None]] = []
    for conj in conjuncts:
        conj, inner_owner = _strip_departments(conj, dept)
        if conj:
            cleaned.append((conj, inner_owner))
    if not cleaned:
        return []
    last_tokens = cleaned[-1][0]
    last_type, last_word = _classify(last_tokens, ctx)
    tail: list[Token] = []
    if last_type is None and any(_is_titlecase_word(t) for t in last_tokens):
        found = _type_noun_after(doc, last_tokens[-1].i + 1)
        if found is not None:
            generic_end, last_type = found
            tail = list(doc[last_tokens[-1].i + 1 : generic_end])
    if last_type is None:
        last_type = _change_type(last_tokens)  # "Civil Service Reform": no head, no generic noun after
    shared: list[Token] = tail or ([last_tokens[-1]] if last_type in INITIATIVE_TYPES else [])

    # (tokens, owner, type, replacement last word, borrowed words, is_last)
    parts = []
    for position, (conj, inner_owner) in enumerate(cleaned):
        if position == len(cleaned) - 1:
            parts.append((conj, inner_owner, last_type, last_word, tail, True))
            continue
        ctype, cword = _classify(conj, ctx)
        ctype = ctype or _change_type(conj)
        borrowed: list[Token] = []
        if ctype is None and shared and any(_is_titlecase_word(t) for t in conj) and conj[-1].lower_ not in ROLE_WORDS:
            ctype, borrowed = last_type, shared
        parts.append((conj, inner_owner, ctype, cword, borrowed, False))
    distributed = any(borrowed and not is_last for *_, borrowed, is_last in parts)
    end_word = tail[-1] if tail else last_tokens[-1]
    coordinated = _text(doc)[cleaned[0][0][0].idx : end_word.idx + len(end_word)] if distributed else None

    out: list[Mention] = []
    for conj, inner_owner, ctype, cword, borrowed, is_last in parts:
        if ctype is None or ctype == "place":
            continue
        own = conj + (borrowed if is_last else [])  # the last conjunct's generic noun is part of its span
        start, end = own[0].idx, own[-1].idx + len(own[-1])
        name = _display(doc, conj, borrowed) if (borrowed and not is_last) else _display(doc, own, last_word=cword)
        aliases = []
        if owner_text:
            aliases.append(f"{owner_text} {_text(doc)[start:end]}")
        if coordinated and (borrowed or is_last):
            aliases.append(coordinated)
        stem = _text(doc)[conj[0].idx : conj[-1].idx + len(conj[-1])] if (tail and len(conj) >= 2 and (is_last or borrowed == tail)) else None
        source = "generic-noun" if (tail and (is_last or borrowed == tail)) else "rule"
        out.append(Mention(row, start, end, name, ctype, owner_dept or inner_owner, tuple(aliases), source, stem))
    return out


# ---------------------------------------------------------------------------------------------------
# The whole collection
# ---------------------------------------------------------------------------------------------------


def _context(docs: list[Doc]) -> _Context:
    """The words written with a capital inside a sentence (not starting it), read from word ids and sentence
    starts in one array for all docs (Token objects cost more than the test); each distinct word's text looked
    up once."""
    ctx = _Context()
    arrays = [doc.to_array([ORTH, SENT_START]) for doc in docs if len(doc)]
    if not arrays:
        return ctx
    words = np.concatenate(arrays)
    inside = words[words[:, 1] != 1, 0]  # Token.is_sent_start is False (-1) or unknown (0)
    strings = docs[0].vocab.strings
    ctx.capitalised_inside.update(word for word in (strings[orth] for orth in np.unique(inside).tolist()) if word[:1].isupper())
    return ctx


def _overlaps(a: Mention, b: Mention) -> bool:
    return a.row == b.row and a.start < b.end and b.start < a.end


def _resolve_overlaps(mentions: list[Mention]) -> list[Mention]:
    """Keep non-overlapping mentions, preferring rule mentions, then the longer span, then the earlier."""
    priority = {"rule": 0, "generic-noun": 0, "acronym": 1, "learned": 2, "list": 3, "defined": 3, "possessed": 4, "quoted": 4, "recurring": 5, "ner": 6}
    kept: dict[int, list[Mention]] = defaultdict(list)
    for m in sorted(mentions, key=lambda m: (m.row, priority.get(m.source, 9), -m.length, m.start)):
        if not any(_overlaps(m, k) for k in kept[m.row]):
            kept[m.row].append(m)
    return sorted((m for ms in kept.values() for m in ms), key=lambda m: (m.row, m.start))


def _definitions(text: str, row: int):
    """Acronym definitions of a text in both of Schwartz and Hearst's patterns: "Long Form (LF)", "LF (Long Form)"."""
    return find_acronyms(text, row) + find_short_first_acronyms(text, row)


def _acronym_mentions(texts: list[str], rule: list[Mention], ctx: _Context) -> list[Mention]:
    """Link each "Long Form (ACR)" to the name found over its long form; then every other "ACR" is a
    mention of that name. Acronyms of departments are left to the gazetteer; acronyms whose long form
    is not a name ("senior civil service (SCS)") are remembered as not-names."""
    definitions = [d for row, text in enumerate(texts) for d in _definitions(text, row)]
    by_row: dict[int, list[Mention]] = defaultdict(list)
    for m in rule:
        by_row[m.row].append(m)
    linked: dict[str, Mention] = {}
    inside_definition: set[tuple[int, int]] = set()
    for d in definitions:
        inside_definition.add((d.row, d.short_start))
        if d.short in linked or departments.resolve(d.short) is not None:
            continue
        # the name found by the rules that ends where the long form ends, right before "(ACR)"
        target = next((m for m in by_row[d.row] if m.end == d.long_end and m.start < d.long_end), None)
        if target is not None:
            linked[d.short] = target
            ctx.acronym_types[d.short] = target.type
    out: list[Mention] = []
    for short, target in sorted(linked.items()):
        pattern = re.compile(rf"(?<![\w.]){re.escape(short)}(?![\w])")
        for row, text in enumerate(texts):
            if short not in text:  # the pattern matches the acronym itself: a plain substring test first
                continue
            for m in pattern.finditer(text):
                if (row, m.start()) in inside_definition:
                    continue
                out.append(Mention(row, m.start(), m.end(), target.name, target.type, target.owner, (short,), "acronym"))
        target.aliases = target.aliases + (short,)
    return out


def _learned_mentions(texts: list[str], mentions: list[Mention]) -> list[Mention]:
    """A name first typed by its generic noun ("Digital for Development event") is recognised later
    without the noun ("Digital for Development"), case-sensitively, at word boundaries."""
    out = []
    seen: set[str] = set()
    for m in mentions:
        if not m.stem or m.stem in seen:
            continue
        seen.add(m.stem)
        pattern = re.compile(rf"(?<![\w]){re.escape(m.stem)}(?![\w])")
        for row, text in enumerate(texts):
            if m.stem not in text:  # the pattern matches the stem itself: a plain substring test first
                continue
            for hit in pattern.finditer(text):
                out.append(Mention(row, hit.start(), hit.end(), m.name, m.type, m.owner, (), "learned"))
    return out


_NAME_WORD = re.compile(r"^(?:[A-Z0-9][\w'\u2019.\-]*|[a-z]-[A-Z][\w\-]*)$")  # "Self-Serve", "Carer's", "e-Gates"
_TRAILING_PHRASE = re.compile(r"\s*(?:\([^)]*\)|\b(?:at|in|on|for|from|with|to|by|across|within)\s+(?=[a-z]).*)$")
_LIST = re.compile(
    rf"\b(?P<noun>{'|'.join(LIST_NOUNS)})\b[^.:;()]{{0,40}}?(?::|\b(?:including|such\s+as)\b)\s*(?P<items>[^.;]+)", re.IGNORECASE
)
_POSSESSED = re.compile(r"\b[A-Z][\w\-]*['\u2019]s\s+(?P<name>[A-Z][\w\-]*(?:\s+[A-Z][\w\-]*)+)")
_QUOTED = re.compile(r"[\u2018\u201c\"'](?P<name>[A-Z][^\u2019\u201d\"'\n]{1,60}?)[\u2019\u201d\"'](?!\w)")
_TITLE_RUN = re.compile(r"(?<![\w'\u2019.\-])[A-Z][\w\-]*(?:\s+(?:(?:of|for|and|&)\s+)?[A-Z][\w\-]*)+")


def is_proper_name(text: str) -> bool:
    """A name as written: every word capitalised (or e-/i- prefixed: "e-Gates") but connectors, at least
    two words unless one word is an acronym or hyphenated name, no role word, not a department.

    >>> is_proper_name("Tax for My Business"), is_proper_name("visitor visa applications"), is_proper_name("Digital Leader")
    (True, False, False)
    """
    words = text.split()
    if not words or words[0].lower() in NAME_CONNECTORS or words[-1].lower() in NAME_CONNECTORS:
        return False
    if not all(_NAME_WORD.match(w) or w.lower() in NAME_CONNECTORS for w in words):
        return False
    if any(w.lower().strip("'\u2019s") in ROLE_WORDS or w.lower() in ROLE_WORDS for w in words):
        return False
    if len(words) == 1 and not (is_acronym(words[0]) or "-" in words[0]):
        return False
    if any(w.lower() in CALENDAR_WORDS for w in words) or departments.resolve(text) is not None:
        return False
    return not department_pattern().search(text)


def _typed(name: str, fallback: str) -> str | None:
    """Type from the name's own head noun (the last word, or the word before "of": "Directorate of Media
    and Communications"), else `fallback`; None for places."""
    words = name.split()
    if words[0].lower() in NAME_PREPOSITIONS:
        return fallback  # "Inside Government": no head
    ctype, _ = _head_type(words[-1])
    if ctype is None and "of" in words[1:]:
        ctype, _ = _head_type(words[words.index("of", 1) - 1])
    if ctype == "place":
        return None
    if ctype is None and len(words) >= 2 and (noun_singular(words[-1]) in CHANGE_NOUNS or words[-1].lower() in CHANGE_NOUNS):
        ctype = CHANGE_TYPE
    return ctype or fallback


def _listed_mentions(texts: list[str]) -> list[Mention]:
    """Named items of a list introduced by a plural noun ("3 exemplar services: Universal Credit, Personal
    Independence Payment and Carer's Allowance"): each item that is a proper name, with any trailing
    bracket or prepositional phrase left out ("e-Gates at the border")."""
    out = []
    for row, text in enumerate(texts):
        for m in _LIST.finditer(text):
            fallback = LIST_NOUNS[m["noun"].lower()]
            items_start = m.start("items")
            for item in re.finditer(r"[^,]+", m["items"]):
                for part in re.split(r"\s+and\s+(?=\S)", item.group(0)):
                    offset = items_start + item.start() + item.group(0).find(part)
                    name = _TRAILING_PHRASE.sub("", part).strip()
                    lead = re.match(r"(?:(?:and|the|or)\s+)+", name, re.IGNORECASE)
                    if lead:
                        name = name[lead.end():]
                    if not is_proper_name(name):
                        continue
                    start = text.find(name, offset)
                    ctype = _typed(name, fallback)
                    if start >= 0 and ctype:
                        out.append(Mention(row, start, start + len(name), name, ctype, None, (), "list"))
    return out


def _pattern_mentions(texts: list[str], pattern: re.Pattern[str], source: str) -> list[Mention]:
    """Proper names caught by `pattern`'s `name` group: a name someone owns ("the Coal Authority's Mining
    Reports")."""
    out = []
    for row, text in enumerate(texts):
        for m in pattern.finditer(text):
            name = m["name"].strip()
            ctype = _typed(name, DEFAULT_TYPE) if is_proper_name(name) else None
            if ctype:
                out.append(Mention(row, m.start("name"), m.start("name") + len(name), name, ctype, None, (), source))
    return out


_WORD_AFTER = re.compile(r"\s+(?P<word>[a-z][a-z\-]*)\b")
_SENTENCE_CASE = re.compile(r"^[A-Z][\w\-]*(?:\s+[A-Za-z][\w\-]*){0,5}$")


def _generic_type_after(text: str, position: int) -> str | None:
    """Type given by a generic lower-case noun at `position`, or after one lower-case modifier
    ("programme", "transformation programme")."""
    for _ in range(2):
        word = _WORD_AFTER.match(text, position)
        if word is None:
            return None
        if noun_singular(word["word"]) in TYPE_NOUNS:
            return TYPE_NOUNS[noun_singular(word["word"])]
        position = word.end()
    return None


def _quoted_name(name: str, generic: str | None) -> bool:
    """Whether quoted text is a name: a proper name once any department in it is set aside (it owns the
    name: ‘Our DfT’); or, when a generic noun follows the quotation, a single word or sentence case."""
    rest = department_pattern().sub(" ", name).split()
    if not rest or departments.resolve(name) is not None:
        return False
    if any(w.lower() in CALENDAR_WORDS or w.lower() in ROLE_WORDS or w.lower().strip("'\u2019s") in ROLE_WORDS for w in rest):
        return False
    if is_proper_name(name) or (len(name.split()) >= 2 and len(rest) < len(name.split()) and all(_NAME_WORD.match(w) for w in rest)):
        return True
    return generic is not None and bool(_SENTENCE_CASE.match(name))


def _quoted_mentions(texts: list[str]) -> list[Mention]:
    """A name in quotation marks (‘Digital Every Day’): the marks say where the name is, so a department
    written into it is its owner (‘Our DfT’), and a single word or a name in sentence case counts when a
    generic noun after the closing mark types it (the ‘Beacon’ pilot, the ‘Tell us once’ programme).
    Type: the name's own head noun, else that generic noun, else the default."""
    out = []
    for row, text in enumerate(texts):
        for m in _QUOTED.finditer(text):
            name = m["name"].strip()
            generic = _generic_type_after(text, m.end())
            if not _quoted_name(name, generic):
                continue
            ctype = _typed(name, generic or DEFAULT_TYPE)
            owner = department_pattern().search(name)
            if ctype:
                dept = _owner_department(owner.group(0)) if owner else None
                out.append(Mention(row, m.start("name"), m.start("name") + len(name), name, ctype, dept, (), "quoted"))
    return out


def _recurring_mentions(texts: list[str], authors: Sequence[str], shared_by: int = SETTINGS.shared_by) -> list[Mention]:
    """A head-less proper name written by `shared_by` departments or more, once at least not at the start
    of a sentence ("Inside Government"): a shared name, not a capitalised phrase of one text."""
    found: dict[str, list[tuple[int, int, int]]] = defaultdict(list)
    for row, text in enumerate(texts):
        for m in _TITLE_RUN.finditer(text):
            name = m.group(0)
            headless = name.split()[0].lower() in NAME_PREPOSITIONS or _head_type(name.split()[-1])[0] is None
            if headless and is_proper_name(name):
                found[name].append((row, m.start(), m.end()))
    out = []
    for name, hits in found.items():
        if len({authors[r] for r, _, _ in hits}) >= shared_by and any(start > 0 for _, start, _ in hits):
            out += [Mention(r, s, e, name, DEFAULT_TYPE, None, (), "recurring") for r, s, e in hits]
    return out


def _defined_mentions(texts: list[str], rule: list[Mention]) -> list[Mention]:
    """A long form defined by its acronym ("National Information Infrastructure (NII)") is a name even
    without a head noun, when no rule found it: the text itself says it is one. A department written at
    its start owns it ("DfT Open Data Exchange (DODE)")."""
    out = []
    rule_spans: dict[int, list[tuple[int, int]]] = defaultdict(list)  # each row's rule mentions (not every mention for every definition)
    for m in rule:
        rule_spans[m.row].append((m.start, m.end))
    occurrences: dict[str, list[tuple[int, int, int]]] = {}  # each acronym's (row, start, end) in the texts, searched once
    for row, text in enumerate(texts):
        for d in _definitions(text, row):
            long = text[d.long_start : d.long_end]
            if any(start < d.long_end and d.long_start < end for start, end in rule_spans.get(row, ())):
                continue
            lead = department_pattern().match(long)
            rest = long[lead.end() :].strip() if lead else long
            owner = _owner_department(lead.group(0)) if lead else None
            if departments.resolve(d.short) is None and is_proper_name(rest) and (lead is None or len(rest.split()) >= 2):
                ctype = _typed(long, DEFAULT_TYPE)
                if ctype:
                    out.append(Mention(row, d.long_start, d.long_end, long, ctype, owner, (d.short,), "defined"))
                    if d.short not in occurrences:
                        short = re.compile(rf"(?<![\w.]){re.escape(d.short)}(?![\w])")
                        occurrences[d.short] = [(r, m.start(), m.end()) for r, t in enumerate(texts) if d.short in t for m in short.finditer(t)]
                    out += [
                        Mention(r, start, end, long, ctype, owner, (d.short,), "defined")
                        for r, start, end in occurrences[d.short]
                        if (r, start) != (row, d.short_start)
                    ]
    return out


def _governance_as_units(mentions: list[Mention]) -> list[Mention]:
    """Boards and committees of a department's standing governance are units; lower-case "groups" and
    "teams" after a name ("the Web Governance group") name a part of an organisation, also a unit."""
    for m in mentions:
        words = {w.lower() for w in m.name.split()}
        if m.type == "group" and (words & GOVERNANCE_WORDS or m.name.split()[-1].islower()):
            m.type = "unit"
        if m.type != "unit" and m.name.split()[0] in POST_TITLES:
            m.type = "unit"  # "Director Defence Strategy": a post, not a strategy
        if m.type == "group" and departments.resolve(" ".join(m.name.split()[:-1])) is not None:
            m.type = "organisation"  # "DfE Group": the department and its agencies
    return mentions


NerFunction = Callable[[str], Iterable[tuple[int, int, str]]]
_NER_TYPES = {"EVENT": "event", "PRODUCT": "tool/product", "LAW": "standard/guidance", "WORK_OF_ART": "standard/guidance", "ORG": "organisation"}


def _ner_mentions(texts: list[str], docs: list[Doc], ner: NerFunction, ctx: _Context) -> list[Mention]:
    """Extra candidates from a statistical NER (ORG/EVENT/PRODUCT/WORK_OF_ART/LAW entities), typed by
    the head-noun rules first and by the entity label otherwise; departments are dropped."""
    out = []
    for row, (text, doc) in enumerate(zip(texts, docs, strict=True)):
        mask = department_token_mask(doc)
        for start, end, label in ner(text):
            if label not in _NER_TYPES:
                continue
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is None:
                continue
            tokens = [t for t in span if not (t.i == span.start and t.lower_ == "the")]
            if not tokens or all(mask[t.i] for t in tokens) or departments.resolve(span.text) is not None:
                continue
            ctype = _classify(tokens, ctx)[0] or _NER_TYPES[label]
            if ctype == "place":
                continue
            s, e = tokens[0].idx, tokens[-1].idx + len(tokens[-1])
            out.append(Mention(row, s, e, _display(doc, tokens), ctype, None, (), "ner"))
    return out


def configured_ner() -> NerFunction | None:
    """A statistical NER when one is configured (environment variable ANALYSIS_NER_MODEL names an
    installed spaCy pipeline, e.g. en_core_web_sm) and installed; None otherwise (the default)."""
    import spacy

    name = os.environ.get("ANALYSIS_NER_MODEL", "").strip()
    if not name or not spacy.util.is_package(name):
        return None
    model = spacy.load(name)

    def ner(text: str) -> list[tuple[int, int, str]]:
        return [(e.start_char, e.end_char, e.label_) for e in model(text).ents]

    return ner


def find_mentions(
    texts: Sequence[str], ner: NerFunction | None = None, authors: Sequence[str] | None = None, settings: Settings = SETTINGS,
    docs: Sequence[Doc] | None = None,
) -> list[Mention]:
    """Every mention of a named thing (initiatives, units, organisations) in a list of texts; `authors`
    (the department of each text) lets a head-less name shared by departments count. `docs`: the texts as
    `nlp.sentence_docs` makes them, when the caller has them."""
    texts = [str(t) for t in texts]
    docs = sentence_docs(texts) if docs is None else list(docs)  # the rules read tokens and sentence starts, never lemmas
    if len(docs) != len(texts):
        raise ValueError(f"{len(docs)} docs for {len(texts)} texts")  # a bug in the caller
    for doc, text in zip(docs, texts):
        doc.user_data[_TEXT_KEY] = text  # the same characters as `doc.text` (the tokenizer keeps the text whole)
    ctx = _context(docs)
    ctx.settings = settings
    matcher = _matcher()
    # acronym definitions are needed before the runs are cut ("GDS and CSL" is two names)
    for row, text in enumerate(texts):
        for d in _definitions(text, row):
            ctx.acronym_types.setdefault(d.short, None)
    rule: list[Mention] = []
    for row, doc in enumerate(docs):
        dept = department_token_mask(doc, texts[row])
        spans = filter_spans(matcher(doc, as_spans=True))
        for span in spans:
            rule.extend(_run_mentions(doc, row, span, dept, ctx))
    acronym = _acronym_mentions(texts, rule, ctx)
    mentions = rule + acronym + _learned_mentions(texts, rule)
    mentions += _listed_mentions(texts) + _pattern_mentions(texts, _POSSESSED, "possessed") + _quoted_mentions(texts)
    mentions += _defined_mentions(texts, rule)
    if authors is not None:
        mentions += _recurring_mentions(texts, list(authors), settings.shared_by)
    mentions = _governance_as_units(mentions)
    if ner is not None:
        mentions += _ner_mentions(texts, docs, ner, ctx)
    return _resolve_overlaps(mentions)


# ---------------------------------------------------------------------------------------------------
# Tables
# ---------------------------------------------------------------------------------------------------

LIST_SEPARATOR = "; "


def _dept_order(abbr: str) -> tuple[int, str]:
    order = {d.abbr: i for i, d in enumerate(departments.DEPARTMENTS)}
    return order.get(abbr, len(order)), abbr


def _section_order(section: str) -> tuple[int, str]:
    return (periods.NAMES.index(section) if section in periods.BY_NAME else len(periods.NAMES)), section


def extract(
    statements: pd.DataFrame, ner: NerFunction | None = None, settings: Settings = SETTINGS, docs: Sequence[Doc] | None = None
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(initiatives, mentions) from the statements table; see the module docstring for the rules.

    `ner` optionally adds candidates from a statistical named-entity recogniser (a function from text to
    (start, end, label) triples); without it everything is rule-based. `settings`: the choices the
    evaluation cross-validates (default `SETTINGS`). `docs`: the statements' texts as `nlp.sentence_docs`
    makes them, when the caller has them (the pipeline hands them on to follow-through).
    """
    frame = statements.reset_index(drop=True)
    # the columns read row by row below, as lists (a `frame.at` look-up per mention was most of this function's time)
    texts, dept_abbrs, sections_of, statement_ids = (frame[c].tolist() for c in ("text", "dept_abbr", "section", "statement_id"))
    mentions = find_mentions(texts, ner=ner, authors=frame["dept_abbr"].astype(str).tolist(), settings=settings, docs=docs)
    groups: dict[str, list[Mention]] = defaultdict(list)
    for m in mentions:
        groups[name_key(m.name)].append(m)

    rows, mention_rows, used_ids = [], [], set()
    for key, ms in sorted(groups.items(), key=lambda kv: (kv[1][0].row, kv[1][0].start)):
        first = ms[0]
        types = Counter(m.type for m in ms)
        ctype = max(types, key=lambda t: (types[t], -TYPES.index(t)))
        owners = Counter(m.owner for m in ms if m.owner)
        owner = max(owners, key=lambda o: (owners[o], -_dept_order(o)[0])) if owners else None
        base = slug(first.name)
        initiative_id, n = base, 2
        while initiative_id in used_ids:
            initiative_id, n = f"{base}-{n}", n + 1
        used_ids.add(initiative_id)
        surfaces = {texts[m.row][m.start : m.end] for m in ms}
        aliases = sorted(surfaces | {a for m in ms for a in m.aliases} | {m.name for m in ms}, key=lambda a: (a.lower(), a))
        depts = sorted({dept_abbrs[m.row] for m in ms}, key=_dept_order)
        sections = sorted({sections_of[m.row] for m in ms}, key=_section_order)
        rows.append(
            {
                "initiative_id": initiative_id,
                "name": first.name,
                "type": ctype,
                "aliases": LIST_SEPARATOR.join(aliases),
                "owner_department": owner,
                "departments": LIST_SEPARATOR.join(depts),
                "n_mentions": len(ms),
                "first_section": sections[0],
                "sections": LIST_SEPARATOR.join(sections),
            }
        )
        for m in ms:
            text = texts[m.row]
            mention_rows.append(
                {"_row": m.row, "statement_id": statement_ids[m.row], "initiative_id": initiative_id,
                 "surface": text[m.start : m.end], "char_start": m.start, "char_end": m.end}
            )
    initiatives = pd.DataFrame(rows, columns=schemas.columns("initiatives"))
    initiatives = initiatives.sort_values("initiative_id", kind="stable").reset_index(drop=True)
    initiatives = schemas.build("initiatives", initiatives)
    initiatives["owner_department"] = initiatives["owner_department"].where(initiatives["owner_department"].notna(), pd.NA)
    mention_frame = pd.DataFrame(mention_rows, columns=["_row", *schemas.columns("initiative_mentions")])
    mention_frame = mention_frame.sort_values(["_row", "char_start"], kind="stable").drop(columns="_row").reset_index(drop=True)
    return initiatives, schemas.build("initiative_mentions", mention_frame)
