"""Plan-to-delivery follow-through: did a department's progress text report doing what its plan said?

For every plan statement (``plan_Y`` -> ``progress_Y``; ``commitment_Y`` -> ``progress_{Y+1}``; same
department and action) this module finds the progress statements that report on it and assigns one
status (docs/methods.md "Plan-to-delivery follow-through"; the project's rules are in docs/codebook.md):

``delivered``       every part of the plan has a progress statement reporting a concrete new measure
                    that covers the part's content;
``partial``         some parts have such evidence, or the only evidence is weak (liaison, signposting,
                    plans in development, continuation, an old measure repeated, or a loose match);
``echoed``          the only related progress restates the plan (tense shifted, nothing specific added),
                    or, for a generic plan, is a cross-department template sentence;
``not_reported``    no progress statement relates to the plan;
``not_applicable``  the plan says the action does not apply;
``pending``         no department has yet reported on the plan's period (``plan_2015``).

How a plan is matched:

1. Testability: a plan is testable when it names an output or a delivery (event, course, product,
   recruitment, team, named initiative, number or date) and is not a continuation pledge.
2. Parts: a testable plan's coordinated activities ("run sprint events and publish case studies") are
   its parts, a list lead-in's bullets are its parts; every part needs its own evidence.
3. Relatedness: a progress statement relates to a part when their TF-IDF cosine (spaCy lookup lemmas of
   content words; department names, GDS and stop words removed; IDF over the department's statements of
   the action) reaches MATCH_THRESHOLD, or when they share a name (an initiative from
   `analysis.initiatives` when given, or a capitalised name or acronym). A generic plan whose activity
   is a general aim ("work with", "support", "build capability") restates the action's goal, so every
   statement of the paired section relates to it.
4. Evidence kind of each related statement: echo (restates the plan, nothing specific added), template,
   vague (nothing checkable), repeat (the department's earlier progress again), weak (liaison,
   intent, assurance, a state), or concrete (a completed action naming something checkable). Concrete
   evidence delivers a part when it covers COVERAGE_THRESHOLD of the part's deliverable terms (or shares
   a name with it); otherwise it is indirect.

Every status carries its evidence: statement ids, text, the score, shared terms and a reason in words.
`analysis.boilerplate` (reasons template / repeat / vague / not_applicable) and `analysis.initiatives`
(mentions) are used when given; light fallbacks here stand in for them otherwise.

Pure functions from tables to tables; nothing here reads or writes files.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
import pandas as pd
from sklearn.feature_extraction.text import TfidfVectorizer

from analysis import boilerplate, departments, periods, schemas
from analysis.nlp import get_nlp
from analysis.vocabulary import EVALUATED_STATUSES, NOT_INITIATIVE_TYPES

# --- thresholds (named, documented; docs/methods.md reports the cross-validated check) -------------
# A progress statement relates to a plan part when their TF-IDF cosine reaches MATCH_THRESHOLD (or they
# share a named initiative).
MATCH_THRESHOLD = 0.15
# A related statement restates the plan (echo) when the cosine reaches ECHO_THRESHOLD and it adds no
# name, number or date the plan lacks.
ECHO_THRESHOLD = 0.5
# A progress statement repeats the department's earlier progress (old news, not a new measure) when its
# cosine with an earlier progress statement reaches REPEAT_THRESHOLD and it adds nothing specific.
REPEAT_THRESHOLD = 0.6
# Concrete evidence delivers a part only when it covers this share of the part's (IDF-weighted)
# deliverable terms, or shares a named initiative with it; below that it is weak, indirect evidence.
COVERAGE_THRESHOLD = 0.3
# A sentence is a cross-department template when it recurs (department names masked, Jaccard of
# content lemmas >= TEMPLATE_JACCARD) in at least TEMPLATE_MIN_DEPARTMENTS departments' text.
TEMPLATE_JACCARD = 0.8
TEMPLATE_MIN_DEPARTMENTS = 3


@dataclass(frozen=True)
class Thresholds:
    """The tunable cut-offs together, so evaluation can cross-validate them; defaults are the constants."""

    match: float = MATCH_THRESHOLD
    echo: float = ECHO_THRESHOLD
    repeat: float = REPEAT_THRESHOLD
    coverage: float = COVERAGE_THRESHOLD


DEFAULT_THRESHOLDS = Thresholds()

# --- vocabularies ------------------------------------------------------------------------------------
# Organisations every update names; like department names they say nothing specific (docs/methods.md "Boilerplate versus substantive").
ORGANISATION_NAMES = ("Government Digital Service", "GDS")

# Lemmas that frame a plan rather than name what it delivers: modal and continuation verbs, partnership
# and aspiration wording. They are left out of the coverage of a plan part (not of similarity).
FRAME_LEMMAS = frozenset(
    """will continue work closely seek keen aim plan intend look ensure also actively further include
    part help support""".split()
)
# Purpose clauses say why, not what: for coverage, text after them is not what has to be delivered.
PURPOSE_MARKERS = re.compile(r"\b(?:with the aim of|in order to|so as to|so that|to ensure|ensuring that|to help)\b", re.I)

# Output nouns and delivery verbs (as lemmas): a plan naming one (outside a partner's or an
# organisation's name) is testable unless it is a continuation. Written from the codebook's definition
# (event, product, training, recruitment, programme, publication, team or structure), deliberately
# broader than any one page's wording.
OUTPUT_LEMMAS = frozenset(
    """event day week month fortnight conference masterclass workshop seminar session sprint webinar
    hackathon showcase roadshow course module curriculum syllabus train coach mentor apprenticeship
    placement secondment programme product tool toolkit app website platform guidance manual handbook
    standard framework template checklist publication report study survey audit review pilot trial
    prototype pool bench hub academy network community division directorate team unit board post role
    vacancy recruit hire appoint launch publish establish create hold""".split()
)
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
AUXILIARIES = frozenset({"am", "are", "is", "was", "were", "be", "been", "being", "do", "does", "did"})
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

MONTHS = frozenset("january february march april may june july august september october november december".split())
REFERENCE_WORDS = frozenset({"action", "actions", "section", "chapter", "paragraph", "page", "step"})
# Head nouns that make a capitalised name an organisation or unit rather than an initiative.
ORGANISATION_HEADS = frozenset(
    """department departments office offices team teams division directorate agency agencies unit
    government governments board committee ministry""".split()
)
NAME_CONNECTORS = frozenset({"of", "and", "for", "in", "the", "&", "on", "to"})
# -ment nouns that do not mean the act of their stem verb ("department" is not "depart").
NOT_NOMINALISATIONS = frozenset(
    """department government statement element moment comment apartment compartment garment segment
    settlement""".split()
)
# At most this many statements are quoted as the evidence of one plan (highest similarity first).
EVIDENCE_LIMIT = 5


# --- text features -------------------------------------------------------------------------------------
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


@lru_cache(maxsize=1)
def _lookups() -> tuple[dict, frozenset[str], frozenset[str], frozenset[str]]:
    """Lemma table, base forms, verb-only base forms and irregular past forms (spacy-lookups-data)."""
    from spacy.lookups import load_lookups

    nlp = get_nlp()
    table = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_lookup")
    extra = load_lookups("en", ["lemma_index", "lemma_exc"])
    index = extra.get_table("lemma_index")
    base = frozenset(w for pos in ("noun", "verb", "adj", "adv") for w in index[pos])
    verbs_only = frozenset(set(index["verb"]) - set(index["noun"]))
    exc = extra.get_table("lemma_exc")["verb"]
    past = frozenset(
        form for form, lemmas in exc.items() if lemmas and lemmas[0] != form and not form.endswith(("ing", "s")) and form not in AUXILIARIES
    )
    return table, base, verbs_only, past


@lru_cache(maxsize=4096)
def lemma(word: str) -> str:
    """Lower-case lookup lemma, with three repairs to the lookup table: an -er noun is not read as a
    comparative ("number" is not "numb"), a stem+e form is cut back ("developed" -> "develop", not
    "develope"), and a -ment noun of a verb folds to the verb ("recruitment" -> "recruit") so plan and
    report wording meet."""
    table, _, _, _ = _lookups()
    verbs = _verb_base()
    low = word.lower()
    lem = table.get(low, low)
    if low.endswith("er") and lem in {low[:-2], low[:-3]} and low in _noun_base():
        lem = low
    if lem not in verbs and lem.endswith("e") and lem[:-1] in verbs:
        lem = lem[:-1]
    if lem.endswith("ment") and len(lem) > 7 and lem[:-4] in verbs and lem not in NOT_NOMINALISATIONS:
        lem = lem[:-4]
    return lem


@lru_cache(maxsize=1)
def _noun_base() -> frozenset[str]:
    from spacy.lookups import load_lookups

    return frozenset(load_lookups("en", ["lemma_index"]).get_table("lemma_index")["noun"])


@lru_cache(maxsize=1)
def _verb_base() -> frozenset[str]:
    from spacy.lookups import load_lookups

    return frozenset(load_lookups("en", ["lemma_index"]).get_table("lemma_index")["verb"])


@lru_cache(maxsize=1)
def _masked_names() -> re.Pattern[str]:
    """Department names (gazetteer) and the organisations every update names."""
    orgs = "|".join(re.escape(o) for o in ORGANISATION_NAMES)
    return re.compile(rf"{departments.name_pattern().pattern}|(?:\b[Tt]he\s+)?\b(?:{orgs})\b(?:['\u2019]s\b)?")


def _masked_spans(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _masked_names().finditer(text)]


def _in_spans(start: int, spans: Sequence[tuple[int, int]]) -> bool:
    return any(a <= start < b for a, b in spans)


def _norm_name(tokens: Sequence[str]) -> str:
    words = [t.lower().replace("\u2019", "'") for t in tokens]
    while words and words[0] in {"the", "a", "an"}:
        words = words[1:]
    if words and words[-1].endswith("'s"):
        words[-1] = words[-1][:-2]
    return " ".join(w for w in words if w not in {"'", "'s"})


def _capitalised_names(doc, spans) -> list[tuple[str, int, int, bool]]:
    """Fallback name finder: runs of capitalised words or acronyms (connectors allowed inside), outside
    department/organisation names. Returns (normalised name, first token, end token, is_organisation)."""
    out = []
    i, n = 0, len(doc)
    while i < n:
        tok = doc[i]
        if _is_cap(tok) and not _in_spans(tok.idx, spans):
            j = i + 1
            while j < n:
                nxt = doc[j]
                if _in_spans(nxt.idx, spans):
                    break
                if _is_cap(nxt) or (nxt.like_num and _is_cap(doc[j - 1])):
                    j += 1
                elif nxt.lower_ in NAME_CONNECTORS and j + 1 < n and _is_cap(doc[j + 1]) and not _in_spans(doc[j + 1].idx, spans):
                    j += 1
                elif nxt.text in {"-", "\u2019s", "'s"} and j + 1 < n and _is_cap(doc[j + 1]):
                    j += 1
                else:
                    break
            words = [t.text for t in doc[i:j] if t.text not in {"-"}]
            sentence_initial = i == 0 or doc[i - 1].text in {"(", "\u201c", '"'}
            single_common = len(words) == 1 and not _is_acronym(tok.text) and (sentence_initial or tok.lower_ in MONTHS)
            if not single_common and not all(w.lower() in MONTHS for w in words):
                h = j
                while h < n and doc[h].text in {"\u2019", "'", "\u2019s", "'s"}:
                    h += 1
                head = doc[h].lower_ if h < n else ""
                is_org = head in ORGANISATION_HEADS or words[-1].lower() in ORGANISATION_HEADS
                name = _norm_name(words)
                if name and name not in {"it", "this", "the"}:
                    out.append((name, i, j, is_org))
            i = j
        else:
            i += 1
    return out


def _is_cap(tok) -> bool:
    text = tok.text
    if not text[:1].isalpha():
        return False
    return text[:1].isupper() and (len(text) > 1 or text.isupper()) and tok.lower_ not in {"i"}


def _is_acronym(text: str) -> bool:
    return sum(ch.isupper() for ch in text) >= 2


def _is_partner(doc, start: int) -> bool:
    """True when a name is the object of "with" ("work with GDS and the X Network"): a partner, not an output."""
    k = start - 1
    while k >= 0 and (doc[k].lower_ in {"and", "the", ",", "its", "their"} or _is_cap(doc[k])):
        k -= 1
    return k >= 0 and doc[k].lower_ in {"with", "by", "through", "via"}


def _acronym_aliases(texts: Iterable[str]) -> dict[str, str]:
    """"Long Name (LN)" -> {"ln": "long name"} (initial letters of the capitalised words; Schwartz and
    Hearst's idea reduced to capitalised definitions)."""
    aliases: dict[str, str] = {}
    for text in texts:
        for m in re.finditer(r"((?:[A-Z][\w\u2019']*[\s-]+(?:(?:of|and|for|the|in)\s+)?){1,8})\(([A-Z]{2,})\)", text):
            words = [w for w in re.split(r"[\s-]+", m.group(1).strip()) if w]
            acronym = m.group(2)
            caps = [w for w in words if w[:1].isupper()]
            for start in range(len(caps)):
                if "".join(w[0] for w in caps[start:]).upper() == acronym:
                    long = " ".join(words[words.index(caps[start]) :])
                    aliases[acronym.lower()] = _norm_name(long.split())
                    break
    return aliases


MentionSpan = tuple[str, int, int, bool]  # (name key, char_start, char_end, is an organisation or unit)


def features(
    texts: Sequence[str],
    mentions: Sequence[Sequence[MentionSpan]] | None = None,
    aliases: dict[str, str] | None = None,
) -> list[Features]:
    """Features of each text (tokenised with the shared pipeline, batched; lemmas from its lookup table).

    Names come from `mentions` (per text, from analysis.initiatives) when given, and from the
    capitalised-name fallback for the rest of the text; `aliases` maps acronyms to their definitions for
    the fallback (default: those defined in `texts` themselves)."""
    nlp = get_nlp()
    _, _, _, irregular_past = _lookups()
    stop_words = nlp.Defaults.stop_words
    aliases = _acronym_aliases(texts) if aliases is None else aliases
    with nlp.select_pipes(disable=["lemmatizer"]):
        docs = list(nlp.pipe(texts))
    out = []
    for k, (text, doc) in enumerate(zip(texts, docs)):
        spans = _masked_spans(text)
        terms, numbers, dates = [], set(), set()
        for t_i, tok in enumerate(doc):
            if _in_spans(tok.idx, spans) or not (tok.is_alpha or tok.text.isalnum()):
                continue
            low = tok.lower_
            if any(ch.isdigit() for ch in low):
                previous = doc[t_i - 1].lower_ if t_i else ""
                if previous not in REFERENCE_WORDS:
                    (dates if re.fullmatch(r"(19|20)\d\d", low) else numbers).add(low)
                    terms.append(low)
                continue
            if low in MONTHS:
                dates.add(low)
            if len(low) < 2 or low in stop_words:
                continue
            terms.append(lemma(low))
        past = _reports_completed_action(doc, irregular_past)
        # names: the initiative mentions when given (canonical ids, typed), plus capitalised names and
        # acronyms the fallback finds elsewhere in the text; department names and GDS never count
        found = []
        if mentions is not None:
            for key, start, end, is_org in mentions[k]:
                span = doc.char_span(start, end, alignment_mode="expand")
                if span is not None and not _in_spans(start, spans):
                    found.append((key, span.start, span.end, is_org))
        taken = {i for _, a, b, _ in found for i in range(a, b)}
        for name, start, end, is_org in _capitalised_names(doc, spans):
            if not taken.intersection(range(start, end)):
                found.append((aliases.get(name, name), start, end, is_org))
        names, initiative_names, non_org = set(), set(), set()
        excluded_tokens: set[int] = set()  # tokens of partner and organisation names
        for name, start, end, is_org in found:
            names.add(name)
            if not is_org:
                non_org.add(name)
            if is_org or _is_partner(doc, start):
                excluded_tokens.update(range(start, end))
            else:
                initiative_names.add(name)
        has_output = any(
            lemma(t.lower_) in OUTPUT_LEMMAS for t in doc if t.i not in excluded_tokens and not _in_spans(t.idx, spans)
        )
        out.append(
            Features(
                terms=terms,
                names=frozenset(names),
                specifics=frozenset(names | numbers | dates),
                initiative_names=frozenset(initiative_names | numbers),
                checkable=bool(non_org or numbers or dates or has_output),
                past=past,
                weak=bool(WEAK_PATTERN.search(text)),
                future=bool(FUTURE.search(text)),
                continuation=bool(CONTINUATION.search(text)),
                has_output=has_output,
                activity=_activity(doc),
            )
        )
    return out


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
    _, _, verbs_only, _ = _lookups()
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
    return [p.strip(" ,.;") for p in parts if p.strip(" ,.;")]


def _deliverable_text(part: str) -> str:
    """The part without its purpose clause ("... with the aim of encouraging staff ...")."""
    return PURPOSE_MARKERS.split(part, maxsplit=1)[0]


# --- fallbacks for the colleagues' outputs ----------------------------------------------------------------
def detect_not_applicable(text: str) -> bool:
    """One definition of "says the action does not apply", shared with the boilerplate classifier."""
    return boilerplate.is_not_applicable(text)


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


# --- section pairing ------------------------------------------------------------------------------------
def paired_section(section: str) -> str | None:
    """plan_Y -> progress_Y; commitment_Y -> progress_{Y+1}; None for progress sections (`periods.reported_in`)."""
    return periods.reported_in(section)


# --- the analysis ----------------------------------------------------------------------------------------
@dataclass
class _Evidence:
    statement_id: str
    text: str
    kind: str  # concrete, weak, repeat, vague, echo, template
    score: float
    coverage: float
    shared_terms: list[str]
    shared_names: list[str]


def _cosine_matrix(vectorizer: TfidfVectorizer | None, left: list[list[str]], right: list[list[str]]) -> np.ndarray:
    if vectorizer is None or not left or not right:
        return np.zeros((len(left), len(right)))
    a = vectorizer.transform(left)
    b = vectorizer.transform(right)
    return (a @ b.T).toarray()


def _coverage(part_terms: list[str], evidence_terms: set[str], idf: dict[str, float]) -> float:
    """IDF-weighted share of the part's deliverable terms (frame words left out) found in the evidence."""
    wanted = [t for t in dict.fromkeys(part_terms) if t not in FRAME_LEMMAS]
    if not wanted:
        return 0.0
    total = sum(idf.get(t, 1.0) for t in wanted)
    return sum(idf.get(t, 1.0) for t in wanted if t in evidence_terms) / total


def _shared_names(a: Iterable[str], b: Iterable[str]) -> list[str]:
    """Names in both texts; a name of two or more words also matches a longer name containing it."""
    shared = set()
    for x in a:
        for y in b:
            if x == y:
                shared.add(x)
            else:
                short, long = sorted((x, y), key=len)
                if len(short.split()) >= 2 and re.search(rf"\b{re.escape(short)}\b", long):
                    shared.add(short)
    return sorted(shared)


def is_testable(text: str, feat: Features, boilerplate_reason: str | None = None) -> bool:
    """Specific enough to check: names an output or delivery (event, product, training, recruitment,
    team ...), a named initiative that is not a partner or organisation, or a number or date, and is not
    a continuation pledge. (The boilerplate classifier's "vague" is not used here: it weighs hedging
    words against content to spot boilerplate, a different question from whether delivery is checkable.)"""
    if boilerplate_reason == "not_applicable" or detect_not_applicable(text) or feat.continuation:
        return False
    return feat.has_output or bool(feat.initiative_names)


def is_aim_only(feat: Features, testable: bool) -> bool:
    """A generic plan whose activity is a general aim verb (or that has no modal at all) restates the
    action's goal: the whole paired progress section is its report."""
    return not testable and (feat.activity == "" or feat.activity in AIM_VERBS)


def evidence_kind(sfeat: Features, *, template: bool, repeat: bool, boilerplate_reason: str | None, echo_score: float,
                  plan_specifics: frozenset[str], thresholds: Thresholds) -> str:
    """What a progress statement is, as evidence for one plan, in order of precedence:
    echo (restates the plan, adds no name/number/date), template (cross-department sentence),
    none (not applicable/empty), vague (names nothing checkable), repeat (the department's earlier
    progress again), weak (liaison, intent, assurance, state, future or no completed action), concrete.
    "Vague" is a statement that names nothing checkable (no initiative, number, date or output; names of
    organisations do not count) and reports no completed action of its own."""
    if echo_score >= thresholds.echo and not (sfeat.specifics - plan_specifics):
        return "echo"
    if template or boilerplate_reason == "template":
        return "template"
    if boilerplate_reason in {"not_applicable", "empty"}:
        return "none"
    if not sfeat.checkable and (boilerplate_reason == "vague" or sfeat.weak or sfeat.future or not sfeat.past):
        return "vague"
    if repeat or boilerplate_reason == "repeat":
        return "repeat"
    if boilerplate_reason == "vague" or sfeat.weak or sfeat.future or not sfeat.past:
        return "weak"
    return "concrete"


def follow_through(
    statements: pd.DataFrame,
    boilerplate: pd.DataFrame | None = None,
    mentions: pd.DataFrame | None = None,
    thresholds: Thresholds = DEFAULT_THRESHOLDS,
    initiatives: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """One row per plan statement with its status, testability and evidence (columns: schemas.FollowThrough).

    `boilerplate` (analysis.boilerplate.classify: statement_id, boilerplate_reason) and `mentions`
    (analysis.initiatives.extract: statement_id, initiative_id, char_start, char_end, optionally type)
    are used when given; `initiatives` (initiative_id, type) types the mentions, so named organisations
    and units are not taken for initiatives. Without them, light fallbacks here detect not-applicable,
    template and repeated sentences, and capitalised names and acronyms.
    """
    return Matcher(statements, boilerplate, with_types(mentions, initiatives)).table(thresholds)


def with_types(mentions: pd.DataFrame | None, initiatives: pd.DataFrame | None) -> pd.DataFrame | None:
    """The mentions with each initiative's type attached (when the initiatives table gives one)."""
    if mentions is None or initiatives is None or "type" in mentions.columns or "type" not in initiatives.columns:
        return mentions
    return mentions.merge(initiatives[["initiative_id", "type"]].drop_duplicates("initiative_id"), on="initiative_id", how="left")


@dataclass
class _Candidate:
    """One progress statement as a candidate for one plan part (threshold-free facts)."""

    statement_id: str
    text: str
    feat: Features
    template: bool
    reason: str | None
    repeat_sim: float  # highest similarity to an earlier progress statement it adds nothing to
    sim: float  # cosine with the part
    whole_sim: float  # cosine with the whole plan
    coverage: float
    terms: list[str]
    names: list[str]


@dataclass
class _Plan:
    row: dict
    testable: bool
    fixed_status: tuple[str, str] | None  # not_applicable / pending / not_reported without candidates
    section_wide: bool
    specifics: frozenset[str]
    parts: list[list[_Candidate]]


class Matcher:
    """Everything that does not depend on the thresholds, computed once (features, TF-IDF similarities,
    coverage, shared names); `table(thresholds)` then decides the statuses. Evaluation uses this to
    cross-validate thresholds without recomputing the text features."""

    def __init__(self, statements: pd.DataFrame, boilerplate: pd.DataFrame | None = None, mentions: pd.DataFrame | None = None):
        st = statements.reset_index(drop=True)
        self.ids = st["statement_id"].astype(str).tolist()
        self.texts = st["text"].astype(str).tolist()
        self.sections = st["section"].astype(str).tolist()
        self.mentions: dict[str, list[MentionSpan]] | None = None
        if mentions is not None:
            self.mentions = {}
            types = mentions["type"] if "type" in mentions.columns else [""] * len(mentions)
            for sid, iid, start, end, kind in zip(
                mentions["statement_id"], mentions["initiative_id"], mentions["char_start"], mentions["char_end"], types
            ):
                key = str(iid).replace("-", " ")
                self.mentions.setdefault(str(sid), []).append((key, int(start), int(end), str(kind) in NOT_INITIATIVE_TYPES))
        self.aliases = _acronym_aliases(self.texts)
        per_text = None if self.mentions is None else [self.mentions.get(i, []) for i in self.ids]
        self.feats = features(self.texts, per_text, self.aliases)
        self.reasons: dict[str, str] = {}
        if boilerplate is not None:
            bp = boilerplate if "statement_id" in boilerplate.columns else boilerplate.reset_index()
            self.reasons = {str(k): str(v) for k, v in zip(bp["statement_id"], bp["boilerplate_reason"]) if pd.notna(v) and str(v)}
            self.template = [self.reasons.get(i) == "template" for i in self.ids]
        else:
            self.template = list(_template_flags(st, self.feats))
        self.use_repeat_fallback = boilerplate is None
        reported = {(a, sec) for a, sec in zip(st["action"], self.sections) if sec.startswith("progress_")}
        lead_in = st["is_lead_in"].astype(bool).tolist() if "is_lead_in" in st.columns else [False] * len(st)
        list_of = st["list_lead_in_id"].astype(str).tolist() if "list_lead_in_id" in st.columns else [""] * len(st)
        self.plans: list[_Plan] = []
        for (action, _dept), group in st.groupby(["action", "dept_abbr"], sort=True):
            idx = group.index.to_list()
            vectorizer, idf = self._tfidf(idx)
            repeat_sim = self._repeat_similarity(idx, vectorizer)
            for k in idx:
                target = paired_section(self.sections[k])
                if target is None:
                    continue
                bullets = [j for j in idx if list_of[j] == self.ids[k]] if lead_in[k] else []
                self.plans.append(
                    self._prepare_plan(k, st, target, (action, target) in reported, idx, bullets, lead_in[k], vectorizer, idf, repeat_sim)
                )

    def _tfidf(self, idx: list[int]) -> tuple[TfidfVectorizer | None, dict[str, float]]:
        docs = [self.feats[k].terms for k in idx]
        if not any(docs):
            return None, {}
        vectorizer = TfidfVectorizer(analyzer=_identity, lowercase=False, norm="l2")
        vectorizer.fit([d if d else ["\u2205"] for d in docs])
        return vectorizer, dict(zip(vectorizer.get_feature_names_out(), vectorizer.idf_))

    def _repeat_similarity(self, idx: list[int], vectorizer) -> dict[int, float]:
        """For each progress statement, its highest cosine with an earlier progress statement of the
        department to which it adds no name, number or date (the fallback repeat detector)."""
        out = {k: 0.0 for k in idx}
        if not self.use_repeat_fallback:
            return out
        progress = [k for k in idx if self.sections[k].startswith("progress_")]
        year = {k: periods.year(self.sections[k]) for k in progress}
        for k in progress:
            earlier = [j for j in progress if year[j] < year[k] and not (self.feats[k].specifics - self.feats[j].specifics)]
            if earlier:
                out[k] = float(_cosine_matrix(vectorizer, [self.feats[k].terms], [self.feats[j].terms for j in earlier]).max())
        return out

    def _prepare_plan(self, k, st, target, period_reported, idx, bullets, is_lead_in, vectorizer, idf, repeat_sim) -> _Plan:
        sid, text, feat = self.ids[k], self.texts[k], self.feats[k]
        reason = self.reasons.get(sid)
        testable = is_testable(text, feat, reason) or any(
            is_testable(self.texts[j], self.feats[j], self.reasons.get(self.ids[j])) for j in bullets
        )
        row = {
            "plan_statement_id": sid,
            "department": str(st.at[k, "department"]),
            "dept_abbr": str(st.at[k, "dept_abbr"]),
            "action": int(st.at[k, "action"]),
            "plan_section": self.sections[k],
            "progress_section": target,
            "plan_text": text,
            "plan_testable": testable,
            "evidence_statement_ids": None,
            "evidence_text": None,
            "score": 0.0,
            "shared_terms": None,
            "n_parts": 1,
            "parts_delivered": 0,
            "plan_is_lead_in": bool(is_lead_in),
        }
        plan = _Plan(row, testable, None, False, feat.specifics, [])
        candidates = [j for j in idx if self.sections[j] == target]
        if reason == "not_applicable" or detect_not_applicable(text):
            plan.fixed_status = ("not_applicable", "the plan says the action does not apply")
        elif not period_reported:
            row["progress_section"] = None
            plan.fixed_status = ("pending", f"no department has a {target} section yet")
        elif not candidates:
            plan.fixed_status = ("not_reported", f"the department has no {target} text")
        if plan.fixed_status:
            return plan

        # parts: a list's bullets, or the activities of a testable sentence; a generic plan is one part
        if bullets:
            part_texts = [self.texts[j] for j in bullets]
        elif testable:
            part_texts = split_parts(_deliverable_text(text))  # a purpose clause is not an activity
        else:
            part_texts = [text]
        cover_texts = [_deliverable_text(p) for p in part_texts]
        part_feats = features(part_texts, self._sub_mentions(sid, text, part_texts), self.aliases)
        cover_feats = features(cover_texts, self._sub_mentions(sid, text, cover_texts), self.aliases)
        kept = [i for i, pf in enumerate(part_feats) if any(t not in FRAME_LEMMAS for t in pf.terms)]
        if kept:
            part_feats = [part_feats[i] for i in kept]
            cover_feats = [cover_feats[i] if any(t not in FRAME_LEMMAS for t in cover_feats[i].terms) else part_feats[i] for i in kept]
        else:
            part_feats, cover_feats = [feat], [feat]
        row["n_parts"] = len(part_feats)
        plan.section_wide = is_aim_only(feat, testable) and not bullets
        plan.specifics = feat.specifics.union(*(pf.specifics for pf in part_feats))

        cand_terms = [self.feats[j].terms for j in candidates]
        whole = _cosine_matrix(vectorizer, [feat.terms], cand_terms)[0]
        part_sim = _cosine_matrix(vectorizer, [pf.terms for pf in part_feats], cand_terms)
        row["score"] = round(float(whole.max()), 4)
        for p, (pf, cf) in enumerate(zip(part_feats, cover_feats)):
            part: list[_Candidate] = []
            for c, j in enumerate(candidates):
                sfeat, jid = self.feats[j], self.ids[j]
                names = _shared_names(pf.names if len(part_feats) > 1 else feat.names | pf.names, sfeat.names)
                part.append(
                    _Candidate(
                        statement_id=jid, text=self.texts[j], feat=sfeat, template=bool(self.template[j]),
                        reason=self.reasons.get(jid), repeat_sim=repeat_sim.get(j, 0.0), sim=float(part_sim[p, c]),
                        whole_sim=float(whole[c]), coverage=_coverage(cf.terms, set(sfeat.terms), idf),
                        terms=sorted({t for t in pf.terms if t not in FRAME_LEMMAS} & set(sfeat.terms)), names=names,
                    )
                )
            plan.parts.append(part)
        return plan

    def _sub_mentions(self, sid: str, text: str, pieces: list[str]) -> list[list[MentionSpan]] | None:
        """The plan's mentions that fall inside each piece of its text, with offsets into the piece."""
        if self.mentions is None:
            return None
        out = []
        for piece in pieces:
            offset = text.find(piece)
            inside = []
            if offset >= 0:
                for key, start, end, is_org in self.mentions.get(sid, []):
                    if offset <= start and end <= offset + len(piece):
                        inside.append((key, start - offset, end - offset, is_org))
            out.append(inside)
        return out

    def table(self, thresholds: Thresholds = DEFAULT_THRESHOLDS) -> pd.DataFrame:
        """The follow_through table under these thresholds."""
        rows = [self._judge(plan, thresholds) for plan in self.plans]
        return typed(pd.DataFrame(rows, columns=schemas.columns("follow_through")))

    def _judge(self, plan: _Plan, th: Thresholds) -> dict:
        if plan.fixed_status:
            status, why = plan.fixed_status
            return {**plan.row, "status": status, "status_reason": why}
        outcomes: list[tuple[str, list[_Evidence]]] = []
        for part in plan.parts:
            related: list[_Evidence] = []
            for cand in part:
                kind = evidence_kind(
                    cand.feat, template=cand.template, repeat=cand.repeat_sim >= th.repeat, boilerplate_reason=cand.reason,
                    echo_score=max(cand.whole_sim, cand.sim), plan_specifics=plan.specifics, thresholds=th,
                )
                if kind == "none" or (kind == "template" and plan.testable):
                    continue  # a template sentence is no evidence for a specific plan (codebook)
                lexical = cand.sim >= th.match or bool(cand.names)
                if not (lexical or plan.section_wide or kind == "template"):
                    continue
                related.append(_Evidence(cand.statement_id, cand.text, kind, cand.sim, cand.coverage, cand.terms, cand.names))
            delivered = [
                e for e in related if e.kind == "concrete" and (plan.section_wide or e.shared_names or e.coverage >= th.coverage)
            ]
            weak = [e for e in related if e.kind in {"concrete", "weak", "repeat"}]
            echo = [e for e in related if e.kind in {"echo", "template", "vague"}]
            if delivered:
                outcomes.append(("delivered", delivered))
            elif weak:
                outcomes.append(("weak", weak))
            elif echo:
                outcomes.append(("echo", echo))
            else:
                outcomes.append(("none", []))
        return {**plan.row, **_decide(outcomes, plan.testable, plan.section_wide)}


def _identity(terms):
    return terms


def _decide(outcomes: list[tuple[str, list[_Evidence]]], testable: bool, section_wide: bool) -> dict:
    """Status, reason and evidence columns from the outcome of each part."""
    kinds = [o for o, _ in outcomes]
    n, n_delivered = len(kinds), kinds.count("delivered")
    scope = "in the paired progress section (a general aim: the whole section reports on it)" if section_wide else ""
    if n_delivered == n:
        status = "delivered"
        why = "a concrete new measure is reported" + (f" for each of the {n} parts" if n > 1 else "")
    elif n_delivered or "weak" in kinds:
        status = "partial"
        if n_delivered:
            why = f"concrete new measures for {n_delivered} of {n} parts"
        else:
            why = "only weak evidence: liaison, continuation, plans, access, an earlier measure repeated, or a loose match"
    elif "echo" in kinds:
        status = "echoed"
        why = "the only related progress restates the plan or says nothing checkable" + ("" if testable else " (template sentences included)")
    else:
        status = "not_reported"
        why = "no progress statement relates to the plan"
    if scope and status != "not_reported":
        why += " " + scope
    wanted = {"delivered": {"delivered"}, "partial": {"delivered", "weak"}, "echoed": {"echo"}, "not_reported": set()}[status]
    chosen: dict[str, _Evidence] = {}
    for outcome, evidence in outcomes:
        if outcome in wanted:
            for e in sorted(evidence, key=lambda e: (-e.score, e.statement_id))[:EVIDENCE_LIMIT]:
                if e.statement_id not in chosen or e.score > chosen[e.statement_id].score:
                    chosen[e.statement_id] = e
    ordered = sorted(chosen.values(), key=lambda e: e.statement_id)
    terms = sorted({t for e in ordered for t in e.shared_terms} | {n for e in ordered for n in e.shared_names})
    return {
        "status": status,
        "status_reason": why,
        "parts_delivered": n_delivered,
        "evidence_statement_ids": "; ".join(e.statement_id for e in ordered) or None,
        "evidence_text": " || ".join(e.text for e in ordered) or None,
        "shared_terms": "; ".join(terms) or None,
    }


def typed(frame: pd.DataFrame) -> pd.DataFrame:
    """Column dtypes of the follow_through table, rows in plan order."""
    frame = schemas.build("follow_through", frame)
    return frame.sort_values(["action", "dept_abbr", "plan_statement_id"], kind="stable").reset_index(drop=True)


def department_summary(follow_through: pd.DataFrame) -> pd.DataFrame:
    """Per department and action: plans, testable plans, counts per status, and the reported delivery rate
    (delivered + partial) / testable plans (empty when a department has no testable plan). Pending and
    lead-in rows are left out (a lead-in's bullets are counted themselves)."""
    ft = follow_through[~follow_through["plan_is_lead_in"] & (follow_through["status"] != "pending")]
    keys = ["action", "department", "dept_abbr"]
    all_keys = follow_through[keys].drop_duplicates()
    counts = pd.crosstab([ft[k] for k in keys], ft["status"]).reindex(columns=EVALUATED_STATUSES, fill_value=0)
    counts.columns.name = None
    summary = all_keys.merge(counts.reset_index(), on=keys, how="left").fillna({s: 0 for s in EVALUATED_STATUSES})
    plans = ft.groupby(keys).agg(plans=("plan_statement_id", "size"), testable_plans=("plan_testable", "sum")).reset_index()
    pending = follow_through[follow_through["status"] == "pending"].groupby(keys).size().rename("pending").reset_index()
    summary = summary.merge(plans, on=keys, how="left").merge(pending, on=keys, how="left")
    summary = summary.fillna({"plans": 0, "testable_plans": 0, "pending": 0})
    for column in ["plans", "testable_plans", *EVALUATED_STATUSES, "pending"]:
        summary[column] = summary[column].astype("int64")
    delivered_or_partial = ft["plan_testable"] & ft["status"].isin(["delivered", "partial"])
    testable_done = ft[delivered_or_partial].groupby(keys).size().rename("testable_delivered_or_partial").reset_index()
    summary = summary.merge(testable_done, on=keys, how="left").fillna({"testable_delivered_or_partial": 0})
    summary["testable_delivered_or_partial"] = summary["testable_delivered_or_partial"].astype("int64")
    rate = summary["testable_delivered_or_partial"] / summary["testable_plans"].where(summary["testable_plans"] > 0)
    summary["delivery_rate"] = rate.astype("float64")
    summary["testable_share"] = (summary["testable_plans"] / summary["plans"].where(summary["plans"] > 0)).astype("float64")
    return schemas.build("follow_through_departments", summary).sort_values(["action", "dept_abbr"], kind="stable").reset_index(drop=True)


def similarity_baseline(scores: pd.Series, low: float, high: float) -> pd.Series:
    """Baseline that only thresholds the best similarity score: >= high delivered, >= low partial,
    else not_reported (low == high gives the single-threshold delivered / not_reported baseline)."""
    values = scores.astype("float64").to_numpy()
    out = np.where(values >= high, "delivered", np.where(values >= low, "partial", "not_reported"))
    return pd.Series(out, index=scores.index, dtype="str")


STATUS_LABELS = {
    "delivered": "Delivered",
    "partial": "Partial",
    "echoed": "Echoed",
    "not_reported": "Not reported",
    "not_applicable": "Not applicable",
    "pending": "Pending",
}


def evidence_table(follow_through: pd.DataFrame, statuses: Sequence[str] | None = None) -> pd.DataFrame:
    """A readable plan -> evidence table: one row per plan and evidence statement (a plan without
    evidence keeps one row with the evidence empty), for analysts to read and quote. Lead-ins and
    pending plans are left out; rows follow department, period and plan order."""
    ft = follow_through[~follow_through["plan_is_lead_in"] & (follow_through["status"] != "pending")]
    if statuses is not None:
        ft = ft[ft["status"].isin(list(statuses))]
    rows = []
    for r in ft.itertuples(index=False):
        ids = str(r.evidence_statement_ids).split("; ") if pd.notna(r.evidence_statement_ids) else [None]
        texts = str(r.evidence_text).split(" || ") if pd.notna(r.evidence_text) else [None]
        for sid, text in zip(ids, texts):
            rows.append(
                {
                    "department": r.dept_abbr,
                    "plan_id": r.plan_statement_id,
                    "plan": r.plan_text,
                    "testable": "yes" if r.plan_testable else "no",
                    "status": STATUS_LABELS[r.status],
                    "reported in": r.progress_section,
                    "evidence": text,
                    "evidence_id": sid,
                    "why": r.status_reason,
                }
            )
    return pd.DataFrame(rows, columns=["department", "plan_id", "plan", "testable", "status", "reported in", "evidence", "evidence_id", "why"])
