"""Text features of plans and progress statements for follow-through: content lemmas (tense and
auxiliaries normalised by the lookup lemmatiser), names, numbers and dates, and wording cues
(completed action, continuation, liaison, future, condition, negation); a plan's parts and testability.

Computed once per build for every statement and every plan part, in one batch of the shared spaCy
pipeline (`features`); nothing here depends on a threshold.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

import numpy as np
import pandas as pd
from spacy.attrs import IDX, ORTH

from analysis import boilerplate, periods
from analysis.nlp import get_nlp
from analysis.text import (
    ARTICLES,
    AUXILIARIES,
    MONTH_WORDS,
    NAME_CONNECTORS,
    find_acronyms,
    has_two_capitals,
    in_spans,
    lemma,
    lookups,
    masked_spans,
    noun_base,
    stop_words,
    verb_base,
    with_first_characters,
)
from analysis.text import stop_words as _shared_stop_words  # `_terms` takes a parameter of that name

# --- vocabularies ------------------------------------------------------------------------------------
# Lemmas that frame a plan rather than name what it delivers: modal and continuation verbs, partnership
# and aspiration wording. They are left out of the coverage of a plan part (not of similarity).
FRAME_LEMMAS = frozenset(
    """will continue work closely seek keen aim plan intend look ensure also actively further include
    part help support""".split()
)
# Words that say when, or how it went, rather than what was done ("has recently and successfully launched",
# "throughout the year", "during the reporting period"): tense and aspect, normalised away like auxiliaries,
# so they are neither new content of a progress statement nor deliverable content of a plan.
TIME_ASPECT_LEMMAS = frozenset("""recently currently successfully previously subsequently year period""".split())
# Purpose clauses say why, not what: for coverage, text after them is not what has to be delivered.
PURPOSE_MARKERS = re.compile(r"\b(?:with the aim of|in order to|so as to|so that|to ensure|ensuring that|to help)\b", re.I)

# The kinds of output the codebook's testability rule names (an event, a product or publication, a course or
# training, a programme, a team or structure, recruitment), by their nouns (as lemmas), deliberately broader than
# any one page's wording. A plan part that names one has that output as its object; evidence that delivers it
# names an output of the same kind (a "training product" is not delivered by "a tag cloud of digital terms",
# however many other words they share).
OUTPUT_KINDS = {
    "event": frozenset("""event day week month fortnight conference masterclass workshop seminar session sprint webinar
        hackathon showcase roadshow""".split()),
    "learning": frozenset("""course module curriculum syllabus train coach mentor apprenticeship placement secondment
        academy masterclass workshop seminar session webinar""".split()),
    "programme": frozenset({"programme"}),
    "product": frozenset("""product tool toolkit app website platform guidance manual handbook standard framework template
        checklist publication report study survey audit review pilot trial prototype""".split()),
    "structure": frozenset("""pool bench hub academy network community division directorate team unit board post role""".split()),
    "recruitment": frozenset("""vacancy recruit hire appoint post role""".split()),
}
# Verbs of delivering an output (as lemmas).
DELIVERY_LEMMAS = frozenset("""launch publish establish create hold""".split())
# Output nouns and delivery verbs: a plan naming one (outside a partner's or an organisation's name) is testable
# unless it is a continuation.
OUTPUT_LEMMAS = frozenset().union(*OUTPUT_KINDS.values()) | DELIVERY_LEMMAS
OUTPUT_NOUN_KINDS = {w: frozenset(k for k, words in OUTPUT_KINDS.items() if w in words) for ws in OUTPUT_KINDS.values() for w in ws}


def output_kinds(terms) -> frozenset[str]:
    """The kinds of output the lemmas name (`OUTPUT_KINDS`)."""
    return frozenset(k for t in terms for k in OUTPUT_NOUN_KINDS.get(t, ()))


# Lemmas that say work towards an output is under way rather than done: "has been developing the toolkit",
# "a draft guide", "began a pilot". Progress that restates a plan with one of these, where the plan does not
# have it, reports the plan in development (codebook: weak evidence, partial), not a restatement.
PREPARATION_LEMMAS = frozenset("""develop draft prepare design scope pilot trial test begin start""".split())

# Verbs of a general aim ("work with", "support", "raise awareness", "build capability"): a generic plan
# whose activity is one of these restates the action's goal, so the whole paired progress section
# reports on it; a generic plan with any other activity ("share its experience", "assess needs") is
# matched statement by statement like a specific plan.
AIM_VERBS = frozenset(
    """work support help ensure build improve raise develop deliver focus increase enhance strengthen
    promote welcome have assist contribute encourage maintain embed be""".split()
)
# Words between a modal and the plan's activity verb ("will continue to", "is keen to", "will actively").
PLAN_FRAME_WORDS = frozenset(
    """will shall continue continues to keen seek seeks look looks plan plans planning aim aims also
    actively closely further be is are and""".split()
)
CONTINUATION = re.compile(r"\bcontinu(?:e|es|ed|ing)\b", re.I)
# A plan that depends on a condition: "any new services will meet ...", "if / where / when / should /
# as and when ... ", "as required", "where appropriate". Its delivery can only be judged if the condition arose.
# (`_is_conditional`: the wording anywhere, or an opening "any" / "where" / "when")
CONDITION = re.compile(
    r"\b(?:if|whenever|unless|should\s+\w+\s+(?:arise|be\s+needed|be\s+required)|as\s+and\s+when|in\s+the\s+event)\b|"
    r"\bany\s+(?:new|future|further)\b|\b(?:where|when|as)\s+(?:appropriate|required|needed|necessary)\b",
    re.I,
)
CONDITION_OPENING = re.compile(r"^\s*(?:any|where|when)\b", re.I)
# Says something did not happen or does not exist ("no new services were developed", "has not needed").
NEGATION = re.compile(r"\b(?:no|not|none|neither|nor|never)\b|n['\u2019]t\b", re.I)
# Says that what it names was not done, not yet done, or put off: a negated auxiliary before a verb ("was not
# published", "has not yet been launched", "did not run"; not "not only"), "no ... was/were <done>", or a verb
# of putting off. Such a statement is about the plan but reports no progress on it (codebook: not_reported).
UNDONE = re.compile(
    r"\b(?:has|have|had|was|were|is|are|did|does|do|could|can)(?:\s+not|n['\u2019]t)\s+(?:yet\s+)?(?:been\s+|be\s+)?(?P<verb>[a-z]+)|"
    r"\bno\b[^.;:,]*?\b(?:was|were|has\s+been|have\s+been)\s+[a-z]+ed\b|"
    r"\b(?:postponed|delayed|deferred|cancell?ed|paused|suspended|put\s+on\s+hold|withdrawn|abandoned|shelved)\b",
    re.I,
)
# Where a clause ends: a negation or a condition is read inside its clause.
CLAUSE_BREAK = re.compile(r"[,;:()]|\s(?:but|and|although|though|while|whereas|because|so)\s|\s(?:will|shall)\s", re.I)
# Words of the condition itself, not of what it is about ("if", "where appropriate", "should ... arise").
CONDITION_WORDS = frozenset("""if whenever unless should arise need require appropriate necessary event any future further
    as when where""".split())

# Wording of progress statements that reports contact, intent, assurance, access or a state rather than a
# new measure (codebook: liaison, signposting and plans in development are weak evidence).
WEAK_PATTERN = re.compile(
    r"\bcontinu(?:e|es|ed|ing)\b|\bliais|\bcollaborat|\bconven(?:e|ed|ing)\b|\bmeets?\b|"
    r"\bidentif(?:y|ied|ying)\b|\bassess(?:ed|ing)?\b|\bexplor|\bconsider(?:ed|ing)?\b|\bcompar(?:e|ed|ing)\b|"
    r"\bencourag|\bpromot(?:e|ed|ing)\b|\bensur(?:e|ed|ing)\b|\baim(?:s|ed)?\s+to\b|\bintend|"
    r"\bbegan\b|\bbegun\b|\bstarted\b|\bplann(?:ed|ing)\s+(?:to|for)\b|\bplanning\b|"
    r"\bplans?\s+(?:for|to)\b|\b(?:work(?:ed|ing|s)?|engag(?:e|ed|ing))\s+(?:closely\s+)?with\b|\bsignpost|"
    r"\b(?:has|have|had)\s+been\s+\w+ing\b|\b(?:is|are)\s+(?:\w+ly\s+|now\s+)?\w+ing\b",
    re.I,
)
FUTURE = re.compile(r"\b(?:will|shall|would|going to)\b", re.I)
PERFECT_AUX = frozenset({"has", "have", "had", "was", "were"})
# A participle after one of these is a state or an adjective, not a reported action.
ADJECTIVAL_CONTEXT = frozenset(
    """is are be being a an the its their his her our this these those more most very well newly""".split()
)
IRREGULAR_SAME_FORM = frozenset({"set", "put", "cut", "let"})
# Before one of these, a same-form verb ("set", "put") is a base form, not a past tense.
BASE_FORM_CONTEXT = frozenset(
    """to will would shall should can could may might must do does did not i we you they a an the""".split()
)

REFERENCE_WORDS = frozenset({"action", "actions", "section", "chapter", "paragraph", "page", "step"})
# Head nouns that make a capitalised name an organisation or unit rather than an initiative.
ORGANISATION_HEADS = frozenset(
    """department departments office offices team teams division directorate agency agencies unit
    government governments board committee ministry""".split()
)
# At most this many statements are quoted as the evidence of one plan (highest similarity first).

# --- text features -------------------------------------------------------------------------------------
class Tok(NamedTuple):
    """The token attributes the features read, copied once from spaCy's Token."""

    text: str
    lower_: str
    idx: int
    i: int
    is_alpha: bool
    like_num: bool
    is_cap: bool  # `_capital_word`, read once per distinct word


@dataclass
class Features:
    """What the matcher needs of one text: content lemmas, names, numbers/dates, and wording cues."""

    terms: list[str]
    names: frozenset[str] = field(default_factory=frozenset)  # every capitalised name or initiative mention
    specifics: frozenset[str] = field(default_factory=frozenset)  # names, numbers, dates
    initiative_names: frozenset[str] = field(default_factory=frozenset)  # names that are neither partners nor organisations
    checkable: bool = False  # names something checkable: a non-organisation name, a number, a date or an output
    past: bool = False  # reports something done (past tense or perfect)
    weak: bool = False  # liaison, intent, assurance, access or state wording
    future: bool = False
    continuation: bool = False
    has_output: bool = False  # an output noun or delivery verb outside partner and organisation names
    activity: str = ""  # for plans: the verb after the modal frame ("will continue to share" -> "share")
    conditional: bool = False  # a plan that depends on a condition ("any new services will ...", "if ...")
    negative: bool = False  # says something did not happen or does not exist ("no new services were ...")
    undone: bool = False  # says that what it names was not done, not yet done, or put off ("was postponed")


def warm_up() -> None:
    """Load the spaCy pipeline and the lookup tables (start-up cost, paid once per process)."""
    get_nlp()
    lookups()
    noun_base()
    verb_base()


def _norm_name(tokens: Sequence[str]) -> str:
    words = [t.lower().replace("\u2019", "'") for t in tokens]
    while words and words[0] in ARTICLES:
        words = words[1:]
    if words and words[-1].endswith("'s"):
        words[-1] = words[-1][:-2]
    return " ".join(w for w in words if w not in {"'", "'s"})


def _capitalised_names(doc, masked: set[int]) -> list[MentionSpan]:
    """Fallback name finder: runs of capitalised words or acronyms (connectors allowed inside), outside
    department/organisation names (`masked` tokens), as token spans."""
    out = []
    i, n = 0, len(doc)
    while i < n:
        tok = doc[i]
        if tok.is_cap and i not in masked and _opens_sentence(doc, i) and tok.lower_ in stop_words():
            i += 1  # a capital that only starts a sentence ("In 2014", "During March") is not part of a name
        elif tok.is_cap and i not in masked:
            j = i + 1
            while j < n:
                nxt = doc[j]
                if j in masked:
                    break
                if nxt.is_cap or (nxt.like_num and doc[j - 1].is_cap):
                    j += 1
                elif nxt.lower_ in NAME_CONNECTORS and j + 1 < n and doc[j + 1].is_cap and j + 1 not in masked:
                    j += 1
                elif nxt.text in {"-", "\u2019s", "'s"} and j + 1 < n and doc[j + 1].is_cap:
                    j += 1
                else:
                    break
            words = [t.text for t in doc[i:j] if t.text not in {"-"}]
            sentence_initial = _opens_sentence(doc, i)
            single_common = len(words) == 1 and not has_two_capitals(tok.text) and (sentence_initial or tok.lower_ in MONTH_WORDS)
            if not single_common and not all(w.lower() in MONTH_WORDS for w in words):
                h = j
                while h < n and doc[h].text in {"\u2019", "'", "\u2019s", "'s"}:
                    h += 1
                head = doc[h].lower_ if h < n else ""
                is_org = head in ORGANISATION_HEADS or words[-1].lower() in ORGANISATION_HEADS
                name = _norm_name(words)
                if name and name not in {"it", "this", "the"}:
                    out.append(MentionSpan(name, i, j, is_org))
            i = j
        else:
            i += 1
    return out


def _opens_sentence(doc, i: int) -> bool:
    """The token opens the text, or follows an opening bracket or quote."""
    return i == 0 or doc[i - 1].text in {"(", "\u201c", '"'}


def _capital_word(text: str, lower: str) -> bool:
    """A word that can be part of a name: capitalised (or a one-letter capital), not "I"."""
    if not text[:1].isalpha():
        return False
    return text[:1].isupper() and (len(text) > 1 or text.isupper()) and lower not in {"i"}


def _is_partner(doc, start: int) -> bool:
    """True when a name is the object of "with" ("work with GDS and the X Network"): a partner, not an output."""
    k = start - 1
    while k >= 0 and (doc[k].lower_ in {"and", "the", ",", "its", "their"} or doc[k].is_cap):
        k -= 1
    return k >= 0 and doc[k].lower_ in {"with", "by", "through", "via"}


def _acronym_aliases(texts: Iterable[str]) -> dict[str, str]:
    """"Long Name (LN)" -> {"ln": "long name"}: the acronyms defined in the texts (`text.find_acronyms`,
    Schwartz and Hearst), a later definition of the same acronym winning."""
    return {d.short.lower(): _norm_name([w for w in re.split(r"[\s-]+", d.long) if w]) for text in texts for d in find_acronyms(text)}


@dataclass(frozen=True)
class MentionSpan:
    """A name found in a text: its key (initiative id or normalised name) and where it is."""

    key: str
    start: int  # characters for initiative mentions, tokens for names found in a parsed text
    end: int
    is_org: bool  # an organisation or unit, not an initiative




def features(
    texts: Sequence[str],
    mentions: Sequence[Sequence[MentionSpan]] | None = None,
    aliases: dict[str, str] | None = None,
    docs: Iterable | None = None,
) -> list[Features]:
    """Features of each text (tokenised with the shared pipeline, batched; lemmas from its lookup table).

    Names come from `mentions` (per text, from analysis.initiatives) when given, and from the
    capitalised-name fallback for the rest of the text; `aliases` maps acronyms to their definitions for
    the fallback (default: those defined in `texts` themselves). `docs`: the texts already tokenised by
    the shared pipeline (any of its components may have run: only the tokens are read), else they are
    tokenised here."""
    aliases = _acronym_aliases(texts) if aliases is None else aliases
    if docs is None:
        docs = get_nlp().tokenizer.pipe(texts)  # tokens only: no component needed
    lexemes: dict[int, tuple[str, str, bool, bool, bool]] = {}
    done: dict[tuple, Features] = {}  # a text met again with the same mentions has the same features
    out = []
    for k, (text, spacy_doc) in enumerate(zip(texts, docs)):
        given = None if mentions is None else tuple(mentions[k])
        key = (text, given)
        if key not in done:
            done[key] = _features_of(text, spacy_doc, _tokens(spacy_doc, lexemes), given, aliases)
        out.append(done[key])
    return out


def _tokens(spacy_doc, lexemes: dict[int, tuple[str, str, bool, bool, bool]]) -> list[Tok]:
    """The `Tok` of each token: word ids and offsets read as arrays, and the attributes of each distinct word read once
    from its lexeme (`lexemes`, shared by a batch; a token's text, lower case, is_alpha and like_num are its
    lexeme's; `_capital_word` is computed from them). Walking spaCy's Token objects cost more than the rest of
    the features."""
    attrs = [lexemes.get(orth) or _lexeme_attrs(spacy_doc.vocab, orth, lexemes) for orth in spacy_doc.to_array(ORTH).tolist()]
    new = tuple.__new__  # a `Tok` without the Python-level `__new__` of a named tuple (same fields, same order)
    return [new(Tok, (a[0], a[1], idx, i, a[2], a[3], a[4])) for i, (a, idx) in enumerate(zip(attrs, spacy_doc.to_array(IDX).tolist()))]


def _lexeme_attrs(vocab, orth: int, lexemes: dict[int, tuple[str, str, bool, bool, bool]]) -> tuple[str, str, bool, bool, bool]:
    """A word's attributes for `Tok`, read from its lexeme and kept in `lexemes`."""
    lex = vocab[orth]
    attrs = lexemes[orth] = (lex.orth_, lex.lower_, lex.is_alpha, lex.like_num, _capital_word(lex.orth_, lex.lower_))
    return attrs


def _features_of(text: str, spacy_doc, doc: list[Tok], mentions: Sequence[MentionSpan] | None, aliases: dict[str, str]) -> Features:
    spans = masked_spans(text)
    masked = _masked_tokens(doc, spans)
    terms, numbers, dates = _terms(doc, masked, stop_words())
    found = _found_names(doc, spacy_doc, spans, masked, mentions, aliases)
    names = {m.key for m in found}
    non_org = {m.key for m in found if not m.is_org}
    outside = [m for m in found if m.is_org or _is_partner(doc, m.start)]  # partner and organisation names
    initiative_names = {m.key for m in found if m not in outside}
    excluded_tokens = {i for m in outside for i in range(m.start, m.end)}
    has_output = any(
        lemma(t.lower_) in OUTPUT_LEMMAS for t in doc if t.i not in excluded_tokens and t.i not in masked
    )
    return Features(
        terms=terms,
        names=frozenset(names),
        specifics=frozenset(names | numbers | dates),
        initiative_names=frozenset(initiative_names | numbers),
        checkable=bool(non_org or numbers or dates or has_output),
        past=_reports_completed_action(doc, lookups().irregular_past),
        weak=bool(_WEAK.search(text)),
        future=bool(_FUTURE.search(text)),
        continuation=bool(_CONTINUATION.search(text)),
        has_output=has_output,
        activity=_activity(doc),
        conditional=_is_conditional(text),
        negative=bool(_NEGATION.search(text)),
        undone=bool(undone_spans(text)),
    )


def _masked_tokens(doc: list[Tok], spans: list[tuple[int, int]]) -> set[int]:
    """Positions of the tokens that start inside a department or organisation name (`text.in_spans` of each
    token, found by bisection over the token offsets)."""
    if not spans:
        return set()
    starts = [t.idx for t in doc]
    return {i for a, b in spans for i in range(bisect_left(starts, a), bisect_left(starts, b))}


def _is_conditional(text: str) -> bool:
    """A plan that depends on a condition (`CONDITION`, `CONDITION_OPENING`)."""
    return bool(CONDITION_OPENING.match(text) or _CONDITION.search(text))


# the cue patterns behind a look-ahead for their first characters (`text.with_first_characters`; same matches)
_WEAK, _FUTURE, _CONTINUATION, _NEGATION, _CONDITION, UNDONE_FAST = (
    with_first_characters(p) for p in (WEAK_PATTERN, FUTURE, CONTINUATION, NEGATION, CONDITION, UNDONE)
)


def _clause_end(text: str, start: int) -> int:
    after = CLAUSE_BREAK.search(text, start)
    return after.start() if after else len(text)


def _clause_lemmas(text: str, start: int, end: int) -> set[str]:
    """Content lemmas of text[start:end], department and organisation names left out."""
    clause = text[start:end]
    for a, b in masked_spans(text):
        if a < end and b > start:
            clause = clause[: max(a - start, 0)] + " " * (min(b, end) - max(a, start)) + clause[min(b, end) - start :]
    words = (w.lower() for w in re.findall(r"[A-Za-z][A-Za-z'\u2019-]*", clause))
    return {lemma(w) for w in words if len(w) > 1 and w not in stop_words()}


def condition_lemmas(text: str) -> set[str]:
    """Content lemmas of a conditional plan's condition, from its opening word to the end of its clause ("Any new
    services DfT develops" -> new, service, develop; "if funding is agreed" -> fund, agree), without the condition
    words themselves; empty when the condition has no content of its own ("where appropriate")."""
    match = CONDITION_OPENING.match(text) or _CONDITION.search(text)
    if not match:
        return set()
    return {t for t in _clause_lemmas(text, match.start(), _clause_end(text, match.end())) if t not in CONDITION_WORDS}


def undone_spans(text: str) -> list[tuple[int, int]]:
    """Where `text` says something was not done or was put off (`UNDONE`); after a negated auxiliary the next word
    must be a verb ("was not published", "is not yet live"; not "are not just for specialists", "not only")."""
    verbs = verb_base()
    out = []
    for m in UNDONE_FAST.finditer(text):
        verb = m.group("verb")
        if verb is None or lemma(verb) in verbs or verb in verbs:
            out.append(m.span())
    return out


def negated_lemmas(text: str, spans: list[tuple[int, int]] | None = None) -> set[str]:
    """Content lemmas of the clauses of `text` that carry a negation ("No new services were developed, and the
    portal was updated" -> new, service, develop), or of the clauses around `spans` (`undone_spans`)."""
    out: set[str] = set()
    for start, end in (spans if spans is not None else [m.span() for m in _NEGATION.finditer(text)]):
        before = [b.end() for b in CLAUSE_BREAK.finditer(text, 0, start)]
        out |= _clause_lemmas(text, before[-1] if before else 0, _clause_end(text, end))
    return out


def _terms(doc: list[Tok], masked: set[int], stop_words) -> tuple[list[str], set[str], set[str]]:
    """Content lemmas (with numbers), numbers and dates, outside department and organisation names. What a
    token gives depends on its word alone (`_term_of`, worked out once per word), except that a number after a
    reference word ("action 4") is none."""
    terms, numbers, dates = [], set(), set()
    known = _TERMS_OF_WORD if stop_words is _shared_stop_words() else {}
    for t_i, tok in enumerate(doc):
        if t_i in masked:
            continue
        word = known.get(tok.text)
        if word is None:
            word = known[tok.text] = _term_of(tok, stop_words)
        kind, low, is_date, term = word
        if kind is _WORD:
            if is_date:
                dates.add(low)
            if term is not None:
                terms.append(term)
        elif kind is _NUMBER and (not t_i or doc[t_i - 1].lower_ not in REFERENCE_WORDS):
            (dates if is_date else numbers).add(low)
            terms.append(low)
    return terms, numbers, dates


_SKIP, _NUMBER, _WORD = "skip", "number", "word"
_TERMS_OF_WORD: dict[str, tuple[str, str, bool, str | None]] = {}  # token text -> `_term_of`, with the shared stop words


def _term_of(tok: Tok, stop_words) -> tuple[str, str, bool, str | None]:
    """What one word gives `_terms`: (kind, lower case, a date?, its content lemma or None). Not alphanumeric:
    nothing; with a digit: a number (a year is a date); else a word (a month name is a date), whose lemma is a
    term unless it is a stop word or a single character."""
    low = tok.lower_
    if not (tok.is_alpha or tok.text.isalnum()):
        return _SKIP, low, False, None
    if not tok.is_alpha and any(ch.isdigit() for ch in low):
        return _NUMBER, low, re.fullmatch(r"(19|20)\d\d", low) is not None, None
    return _WORD, low, low in MONTH_WORDS, None if len(low) < 2 or low in stop_words else lemma(low)


def _found_names(doc: list[Tok], spacy_doc, spans, masked: set[int], mentions: Sequence[MentionSpan] | None, aliases: dict[str, str]) -> list[MentionSpan]:
    """Names as token spans: the initiative mentions when given (canonical ids, typed), plus capitalised
    names and acronyms the fallback finds elsewhere; department names and GDS never count."""
    found = []
    for m in mentions or []:
        span = spacy_doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is not None and not in_spans(m.start, spans):
            found.append(MentionSpan(m.key, span.start, span.end, m.is_org))
    taken = {i for m in found for i in range(m.start, m.end)}
    for m in _capitalised_names(doc, masked):
        if not taken.intersection(range(m.start, m.end)):
            found.append(MentionSpan(aliases.get(m.key, m.key), m.start, m.end, m.is_org))
    return found


def _reports_completed_action(doc, irregular_past: frozenset[str]) -> bool:
    """A past-tense or perfect verb: "ran", "set up", "has set up", "was recruited". A participle after "is"/"are",
    an article or a possessive is a state or an adjective ("is currently restricted", "the proposed
    modules"), not something done."""
    tokens = [t.lower_ for t in doc]
    for i, low in enumerate(tokens):
        if low in AUXILIARIES:
            continue
        if low in PERFECT_AUX and i + 1 < len(tokens):
            nxt = tokens[i + 1]
            if (nxt.endswith("ed") and lemma(nxt) != nxt) or nxt in irregular_past or nxt in IRREGULAR_SAME_FORM or nxt == "been":
                return True
        if low in IRREGULAR_SAME_FORM and i > 0 and tokens[i - 1] not in BASE_FORM_CONTEXT:
            return True  # "DWP set up", "and put teams in place" (not "to set up", "will put")
        if (low.endswith("ed") and lemma(low) != low) or low in irregular_past:
            k = i - 1
            while k >= 0 and tokens[k].endswith("ly"):
                k -= 1
            if k < 0 or tokens[k] not in ADJECTIVAL_CONTEXT:
                return True
    return False


def _activity(doc) -> str:
    """The plan's activity verb: the first word after a modal and its frame ("will continue to share",
    "is keen to work", "will actively support"), as a lemma; "" when the text has no modal."""
    tokens = [t.lower_ for t in doc]
    for i, tok in enumerate(tokens):
        progressive = tok in {"is", "are"} and any(t.endswith("ing") for t in tokens[i + 1 : i + 3])
        if tok in {"will", "shall"} or progressive:
            j = i + 1
            while j < len(tokens) and (tokens[j] in PLAN_FRAME_WORDS or tokens[j].endswith("ly")):
                j += 1
            if j < len(tokens):
                word = tokens[j]
                if word.endswith("ing") and lemma(word) != word and j + 1 < len(tokens) and tokens[j + 1] == "to":
                    j += 2  # "is working to identify" -> "identify"; "is keen to work" handled by the frame words
                    word = tokens[j] if j < len(tokens) else word
                return lemma(word)
    return ""


# --- plan structure --------------------------------------------------------------------------------------
def split_parts(text: str) -> list[str]:
    """Activities of a multi-part plan. Splits at '; ', ', and (also) ', ' and will/also ', ' as well as ',
    and at ' and ' or ', ' before a verb: a base form that is only a verb ("and provide"), or an -ing
    form that takes an object ("and developing government-wide training", not "coaching and training
    of"); coordinated gerunds sharing an object ("supporting and recruiting roles") stay together."""
    verbs_only = lookups().verbs_only
    pieces = re.split(r";\s+|,\s+and\s+(?:also\s+)?|\s+and\s+(?:will|also)\s+|\s+as\s+well\s+as\s+", text)
    parts: list[str] = []
    for piece in pieces:
        chunks = re.split(r"(\s+and\s+|,\s+)", piece)
        current = chunks[0]
        for sep, chunk in zip(chunks[1::2], chunks[2::2]):
            words = re.findall(r"[A-Za-z\-]+", chunk)
            word = words[0].lower() if words else ""
            following = words[1].lower() if len(words) > 1 else ""
            previous = (re.findall(r"[A-Za-z\-]+", current) or [""])[-1].lower()
            gerund = (
                word.endswith("ing") and len(word) > 5 and lemma(word) != word
                and following not in {"of", "for", "and", "or", "in", ""} and not previous.endswith("ing")
            )
            if word in verbs_only or gerund:
                parts.append(current)
                current = chunk
            else:
                current += sep + chunk
        parts.append(current)
    parts = [obj for part in parts for obj in split_objects(part)]
    return [p.strip(" ,.;") for p in parts if p.strip(" ,.;")]


# Words that open a noun phrase of its own: a coordinated object starting with one is a second object.
DETERMINERS = frozenset("""a an the its their his her our this these those each every one two three four five six seven
    eight nine ten""".split())
# Between a verb and "and", one of these means "and" may join the objects of the preposition, not of the verb.
PREPOSITIONS = frozenset("""for across with to of in on by between through among within from into about under at via
    including such as than per""".split())


def split_objects(part: str) -> list[str]:
    """The objects of one activity, when it has several, each with its own determiner: "publish a digital strategy
    and a skills framework" -> "publish a digital strategy", "a skills framework"; "set up a lab and 2 teams" ->
    two. Delivering one object is not delivering the plan (codebook: a plan of several parts). Left whole when a
    preposition or comma stands between the verb and the "and" ("across DH and its agencies" joins the objects of
    "across"), or when the first object has no determiner ("digital skills and knowledge")."""
    words = list(re.finditer(r"\S+", part))
    lower = [w.group(0).lower().strip(",.;:") for w in words]
    verb = 0
    for i, w in enumerate(lower):
        if w in {"will", "shall"}:
            verb = i + 1
            while verb < len(lower) and (lower[verb] in PLAN_FRAME_WORDS or lower[verb].endswith("ly")):
                verb += 1
            break
    if verb >= len(lower) - 1:
        return [part]
    start = verb + 1
    if lower[start] in {"up", "out", "in", "on", "forward"} and start + 1 < len(lower):
        start += 1  # a phrasal verb: "set up", "roll out", "take forward"
    if not _opens_noun_phrase(lower[start]):
        return [part]
    cuts = []
    for i in range(start + 1, len(lower) - 1):
        token = words[i].group(0)
        if lower[i] in PREPOSITIONS:
            break  # from here "and" may join the objects of the preposition
        if lower[i] == "and" and _opens_noun_phrase(lower[i + 1]):
            cuts.append((words[i].start(), words[i + 1].start()))
        elif token.endswith(",") and _opens_noun_phrase(lower[i + 1]):
            cuts.append((words[i].end() - 1, words[i + 1].start()))
        elif token.endswith((",", ";", ":")):
            break
    if not cuts:
        return [part]
    pieces, begin = [], 0
    for end, next_begin in cuts:
        pieces.append(part[begin:end].rstrip(" ,"))
        begin = next_begin
    return [*pieces, part[begin:]]


def _opens_noun_phrase(word: str) -> bool:
    return word in DETERMINERS or word.isdigit()


# A sentence that opens with one of these refers back to the sentence before it ("It will also ...",
# "This will support ...", "These include ..."), unless the demonstrative names its own noun ("This action").
ANAPHORIC_OPENING = re.compile(r"^\s*(?:it|this|these|they|that|those|such)\b(?!\s+(?:action|actions|strategy|department|year)\b)", re.I)


def is_anaphoric(text: str) -> bool:
    """True for a sentence whose subject is a pronoun or demonstrative pointing back ("It is actively working to ...")."""
    return bool(ANAPHORIC_OPENING.match(text))


def _deliverable_text(part: str) -> str:
    """The part without its purpose clause ("... with the aim of encouraging staff ...")."""
    return PURPOSE_MARKERS.split(part, maxsplit=1)[0]


# --- fallbacks for the colleagues' outputs ----------------------------------------------------------------


def detect_not_applicable(text: str) -> bool:
    """Says the action does not apply: the boilerplate classifier's definition, one place for the wording
    (including a plan that says the department holds or does none of what the action is about)."""
    return boilerplate.is_not_applicable(text)


# Fallback template detector (when no boilerplate table is given): a sentence is a cross-department
# template when its masked lemma set recurs (Jaccard >= TEMPLATE_JACCARD) in TEMPLATE_MIN_DEPARTMENTS departments.
TEMPLATE_JACCARD = 0.8
TEMPLATE_MIN_DEPARTMENTS = 3


def _template_flags(statements: pd.DataFrame, feats: list[Features]) -> np.ndarray:
    """Fallback template detector: the masked lemma set recurs in >= TEMPLATE_MIN_DEPARTMENTS departments."""
    sets = [frozenset(f.terms) for f in feats]
    depts = statements["dept_abbr"].to_numpy()
    actions = statements["action"].to_numpy()
    flags = np.zeros(len(sets), dtype=bool)
    for i, a in enumerate(sets):
        if len(a) < 3:
            continue
        seen = set()
        for j, b in enumerate(sets):
            if actions[j] != actions[i] or not b:
                continue
            if len(a & b) / len(a | b) >= TEMPLATE_JACCARD:
                seen.add(depts[j])
        flags[i] = len(seen) >= TEMPLATE_MIN_DEPARTMENTS
    return flags


# --- truncated pages ------------------------------------------------------------------------------------
# A sentence is complete when it ends with one of these (closing quotes and brackets allowed after it).
SENTENCE_END = re.compile(r"[.!?:;][\s\u201d\u2019\"')\]]*$")


def cut_off(statements: pd.DataFrame, truncated_files: frozenset[str]) -> list[bool]:
    """For each statement: True when it is the last statement of a page that ends mid-text (the parser's
    `Document.truncated`) and it stops mid-sentence ("Some of the department's larger ALBs also app"). What
    it would have said is unknown, so it is no evidence for or against a plan."""
    flags = [False] * len(statements)
    if not truncated_files or statements.empty:
        return flags
    st = statements.reset_index(drop=True)
    for _, rows in st[st["source_file"].isin(truncated_files)].groupby("source_file"):
        last = rows.sort_values(["line", "position"], kind="stable").index[-1]
        flags[last] = not SENTENCE_END.search(str(st.at[last, "text"]).rstrip())
    return flags


# --- section pairing ------------------------------------------------------------------------------------
def paired_section(section: str) -> str | None:
    """plan_Y -> progress_Y; commitment_Y -> progress_{Y+1}; None for progress sections (`periods.reported_in`)."""
    return periods.reported_in(section)



def is_testable(text: str, feat: Features, boilerplate_reason: str | None = None) -> bool:
    """Specific enough to check: names an output or delivery (event, product, training, recruitment,
    team ...), a named initiative that is not a partner or organisation, or a number or date, and is not
    a continuation pledge. (The boilerplate classifier's "vague" is not used here: it weighs hedging
    words against content to spot boilerplate, a different question from whether delivery is checkable.)"""
    if boilerplate_reason == "not_applicable" or detect_not_applicable(text) or feat.continuation:
        return False
    return feat.has_output or bool(feat.initiative_names)


def is_aim_only(feat: Features, testable: bool) -> bool:
    """A generic plan whose activity is a general aim verb (or that has no modal at all) and that names
    no output or initiative of its own restates the action's goal: the whole paired progress section is
    its report. ("continue to develop the work of the network" names its object, a network: it is
    matched like a specific plan.)"""
    generic_object = not feat.has_output and not feat.initiative_names
    return not testable and generic_object and (feat.activity == "" or feat.activity in AIM_VERBS)

