"""Boilerplate versus substantive: a transparent, rule-based classifier of statements (docs/methods.md).

Every statement gets one reason, in the codebook's order of precedence:

1. ``not_applicable``: it says the action does not apply to the department;
2. ``template``: its shape (department, GDS and Cabinet Office names masked; tense, auxiliaries and
   "continue to" removed; lemmatised) is shared, near enough, by at least two departments. Found with
   MinHash/LSH over word bigrams (datasketch), so 100,000 statements take seconds, not all pairs;
3. ``repeat``: most of its word bigrams are already in the department's own earlier text for the same
   action, and it names no specific item (name, number, date) that the earlier text lacked;
4. ``vague``: it uses continuation, intent or hedging language ("continue to", "keen to", "work closely
   with", "where appropriate") and its concrete content does not outweigh that language;

and otherwise it is substantive (reason empty). The evidence for each decision is kept beside it:
template_id / template_size, repeat_of / repeat_similarity, the vague cues, the concrete words and the
specific items. The published single measures (Lang and Stice-Lawrence's 4-gram flag, year-on-year
cosine and Jaccard similarity, Hope et al.'s specificity) are extra columns for comparison.

Pure functions, tables in and tables out. The tunable settings are in `Thresholds`; `THRESHOLDS` holds
the values chosen by cross-validation that leaves out whole groups (each action of the 2012 edition, and
the seed page) against the hand labels (docs/methods.md, `analysis.evaluate.edition2012`). Nothing in this
module reads the labels.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, fields
from functools import lru_cache

import numpy as np
import pandas as pd

from analysis import periods, schemas
from analysis.text import APOSTROPHES as _APOSTROPHES
from analysis.text import (
    MONTH_NAMES,
    NAME_CONNECTORS,
    NUMBER_WORDS,
    SERIES,
    department_pattern,
    find_acronyms,
    has_two_capitals,
    lemma_table,
    lookup_lemma,
    lower_for_screening,
    mask_names,
    may_contain,
    required_words,
    stop_words,
    with_first_characters,
)
from analysis.text import PLACEHOLDERS as _PLACEHOLDERS
from analysis.vocabulary import BOILERPLATE_REASONS as REASONS  # in order of precedence; substantive: no reason

MINHASH_SEED = 1
"""Seed of the MinHash permutations: fixed, so the same input gives the same families on every run."""
NUM_PERM = 128
"""MinHash permutations (standard error of an estimated Jaccard similarity about 0.044)."""
SHINGLE_SIZE = 2
"""Word n-grams compared for templates and repeats: statements are short, so bigrams rather than trigrams."""


@dataclass(frozen=True)
class Thresholds:
    """The classifier's settings. `THRESHOLDS` holds the values chosen by cross-validation."""

    template_jaccard: float = 0.5
    """Two statements share a shape when the Jaccard similarity of their bigram sets reaches this."""
    repeat_containment: float = 0.5
    """Share of a statement's bigrams already in its department's earlier text (same action) that makes it a repeat."""
    vague_max_balance: int = 3
    """A statement with vague cues is vague when its concrete balance is at most this (see `vague_balance`)."""
    specific_weight: int = 3
    """How many concrete words one new specific item (name, number, date) is worth in the vague balance."""
    restate_share: float = 0.5
    """A statement naming no specific item of its own restates its action when at least this share of its content
    words are the action title's: that counts as one vague cue (see `restates_action`)."""
    template_min_departments: int = 2
    """A shape is a template when this many departments use it (docs/codebook.md: "in another department's update"). Fixed."""
    template_min_tokens: int = 3
    """Shapes shorter than this are grouped and reported but never called template (a bare "xdeptx will:"). Fixed."""

    def replace(self, **changes) -> Thresholds:
        """A copy with some settings changed (unknown names are an error)."""
        values = {f.name: getattr(self, f.name) for f in fields(self)}
        unknown = set(changes) - set(values)
        if unknown:
            raise ValueError(f"unknown threshold(s): {', '.join(sorted(unknown))}")
        values.update(changes)
        return Thresholds(**values)


THRESHOLDS = Thresholds(template_jaccard=0.6, repeat_containment=0.6, vague_max_balance=7, specific_weight=3, restate_share=0.5)
"""Chosen by cross-validation leaving out one labelled group at a time (each 2012-edition action, and the seed
page): `analysis.evaluate.edition2012`; `make evaluate` warns if they differ from its choice."""

LSL_MIN_DOCUMENTS = 5
"""Lang and Stice-Lawrence flag: a 4-gram is boilerplate when at least this many documents (a department's
section set for one action) use it. 5 of the seed's 17 departments is the published ~30%."""


REQUIRED_COLUMNS = ("statement_id", "action", "action_title", "dept_abbr", "section", "year", "is_lead_in", "list_lead_in_id", "text", "n_words")


DEFAULT_EDITION = 2015
"""Edition assumed for a statements table without an `edition` column (the GOV.UK pages)."""


def editions(frame: pd.DataFrame) -> list[int]:
    """Each row's edition: two editions of one period are two publications, never one text or an earlier one."""
    if "edition" in frame.columns:
        return [int(e) for e in frame["edition"]]
    return [DEFAULT_EDITION] * len(frame)


class BoilerplateInputError(ValueError):
    """The statements table cannot be classified (missing columns, duplicate ids, unknown periods)."""


# --------------------------------------------------------------------------------------------------
# Text normalisation: names masked, tokens, lemmas, the comparable "shape" of a statement
# --------------------------------------------------------------------------------------------------

_TOKEN = re.compile(r"[^\W_]+(?:['.\-][^\W_]+)*")
# "has continued to support", "will continue to support", "continuing to support": the verb is "support".
_CONTINUATION = re.compile(r"\bcontinu(?:e|es|ed|ing)\s+(?:to\s+)?(?=\w)", re.IGNORECASE)


def tokens(text: str) -> list[str]:
    """Lower-case word tokens without possessive 's ("GOV.UK", "3-day" and "one-to-one" stay whole)."""
    out = []
    for token in _TOKEN.findall(str(text).translate(_APOSTROPHES)):
        token = token.lower()
        if token.endswith("'s"):
            token = token[:-2]
        if token:
            out.append(token)
    return out


@lru_cache(maxsize=65536)
def shape(text: str) -> tuple[str, ...]:
    """The comparable shape of a statement: names masked; auxiliaries, "continue to" and stop words
    removed; the rest lemmatised; a repeated placeholder folded ("Ministry of Defence (MOD)" is one name).

    >>> shape("DfE will continue to support the work by Cabinet Office to raise digital capability.")
    ('xdeptx', 'support', 'work', 'xcentrex', 'raise', 'digital', 'capability')
    >>> shape("Defra has supported the work by Cabinet Office to raise digital capability.")
    ('xdeptx', 'support', 'work', 'xcentrex', 'raise', 'digital', 'capability')
    """
    masked = _CONTINUATION.sub(" ", mask_names(text))
    stop = stop_words()
    out: list[str] = []
    for token in tokens(masked):
        if token in _PLACEHOLDERS:
            if not out or out[-1] != token:
                out.append(token)
            continue
        word = lookup_lemma(token)
        if token not in stop and word not in stop:
            out.append(word)
    return tuple(out)


def shingles(shape_tokens: Sequence[str], size: int = SHINGLE_SIZE) -> frozenset[str]:
    """Word n-grams of a shape (the whole shape when it is shorter than n; nothing for an empty shape)."""
    shape_tokens = tuple(shape_tokens)
    if len(shape_tokens) < size:
        return frozenset({" ".join(shape_tokens)}) if shape_tokens else frozenset()
    return frozenset(" ".join(shape_tokens[i : i + size]) for i in range(len(shape_tokens) - size + 1))


@lru_cache(maxsize=65536)
def _shingles_of(shape_tokens: tuple[str, ...]) -> frozenset[str]:
    """`shingles` of a shape, kept: template families and repeats both need each statement's bigrams."""
    return shingles(shape_tokens)


def jaccard(a: Iterable, b: Iterable) -> float:
    """|a ∩ b| / |a ∪ b|, 0 when both are empty."""
    a, b = set(a), set(b)
    return len(a & b) / len(a | b) if a or b else 0.0


# --------------------------------------------------------------------------------------------------
# Signal 1: not applicable
# --------------------------------------------------------------------------------------------------

_NOT = r"(?:does|do|did|will)\s+not|doesn['\u2019]t|don['\u2019]t"
_QUANTITY = r"(?:many|much|enough|several|most|all|some|few)\b"  # "not many transactions" is few, not none
_NOT_APPLICABLE_PATTERNS = {
    # the action said not to apply, in so many words ("is not (directly) applicable to HMT", "not relevant to")
    "not applicable": r"\bnot\s+(?:\w+ly\s+)?(?:applicable|relevant)\b|\b(?:does|do)\s+not\s+(?:\w+ly\s+)?apply\b",
    # no role in it
    "no role": r"\bha(?:s|ve)\s+no\s+(?:\w+\s+)?(?:role|responsibility|remit)\s+(?:in|for)\s+this\b",
    # the department has none of what the action is about: "does not (currently) deliver/provide/have any services",
    # "has no service that …", "do not have any transactional services handling …"
    "none of it": rf"\b(?:{_NOT})\s+(?:\w+ly\s+){{0,2}}(?:have|provide|deliver|run|operate|offer|own|handle|carry\s+out)\s+"
    rf"(?:any\s+)?(?:(?!{_QUANTITY})[\w\-]+\s+){{0,2}}(?:services?|transactions?)\b"
    r"|\bha(?:s|ve)\s+no\s+(?:[\w\-]+\s+){0,2}(?:services?|transactions?)\b",
    # exempt from it
    "exempt": r"\b(?:is|are|fall|falls|fell)\s+(?:\w+\s+){0,2}exempt\b",
}
_NOT_APPLICABLE = with_first_characters(re.compile("|".join(f"(?:{p})" for p in _NOT_APPLICABLE_PATTERNS.values()), re.IGNORECASE))
_NON_ANSWER = re.compile(r"^\W*(?:awaiting|pending|to\s+be\s+confirmed|tbc|response\s+(?:to\s+follow|awaited))\b", re.IGNORECASE)
"""A placeholder instead of a response ("Awaiting DCLG confirmation"): nothing is said, so nothing applies yet."""


def is_non_answer(text: str) -> bool:
    """True for a placeholder standing where a response should be.

    >>> is_non_answer("Awaiting DCLG confirmation")
    True
    >>> is_non_answer("We are awaiting the outcome of the review before we start.")
    False
    """
    return bool(_NON_ANSWER.match(str(text)))


def is_not_applicable(text: str) -> bool:
    """True when the statement says the action does not apply ("This action is not applicable to HMT."), in
    other words ("does not currently deliver any services handling …", "has no service that …", "not relevant
    to …", "fall within exempt categories"), or is a non-answer placeholder.

    >>> is_not_applicable("Not applicable but will form part of the work on action 3.")
    True
    >>> is_not_applicable("The Law Officers' departments do not have any services handling over 100,000 transactions a year.")
    True
    >>> is_not_applicable("Although DFID does not currently have many transactions, this is a priority.")
    False
    >>> is_not_applicable("The standard applies to all services.")
    False
    """
    return _not_applicable(str(text))


@lru_cache(maxsize=65536)
def _not_applicable(text: str) -> bool:
    """`is_not_applicable` of a text, remembered: follow-through asks again for every statement classified here."""
    match = _NOT_APPLICABLE.search(text)
    if match and applies_after_all(text[match.end() :]):
        return False
    return bool(match) or is_non_answer(text) or denies_responsibility(text)


_CONTRAST = re.compile(r"\b(?:but|however|although|though|yet|nevertheless|while|whilst)\b", re.IGNORECASE)
# "None of it" in general words: a negated present-tense verb of holding or responsibility with an open object
# ("do not lead on any policy areas", "does not hold data sets that ..."), not a gap ("does not have a ...",
# "many", "enough"); it counts only when nothing is planned and nothing turns ("will", "but", "although").
_DENIES_RESPONSIBILITY = with_first_characters(re.compile(
    r"\b(?:do|does)\s+not\s+(?:\w+ly\s+)?(?:have|hold|own|run|operate|lead|manage|deliver|provide|offer|maintain|handle)\b"
    r"(?:\s+on|\s+for)?\s+(?!(?:many|much|enough|all|a|an|the|its|their|this|that)\b)\w",
    re.IGNORECASE,
))
_PLANS_SOMETHING = re.compile(r"\b(?:will|shall|going\s+to|plans?\s+to|intends?\s+to|aims?\s+to)\b", re.IGNORECASE)


def denies_responsibility(text: str) -> bool:
    """True when the statement says the department holds or does none of what the action is about and plans
    nothing instead.

    >>> denies_responsibility("The department does not hold data sets that would be suitable for release.")
    True
    >>> denies_responsibility("The department does not hold data sets yet, but will publish 3 by May 2014.")
    False
    >>> denies_responsibility("The agency does not have a digital leader.")
    False
    """
    return bool(_DENIES_RESPONSIBILITY.search(text)) and not _PLANS_SOMETHING.search(text) and not _CONTRAST.search(text)


def applies_after_all(rest: str) -> bool:
    """True when the words after a not-applicable clause turn ("but", "however") to something specific the
    department does (a name, number or date): the statement then answers the action after all.

    >>> applies_after_all(", but we will move our guidance to the Planning Portal by June 2013.")
    True
    >>> applies_after_all(" but will form part of the work on action 3.")
    False
    """
    turn = _CONTRAST.search(rest)
    return bool(turn) and bool(specific_items(rest[turn.end() :]).items)


# --------------------------------------------------------------------------------------------------
# Signal 2: templates shared across departments (MinHash / LSH)
# --------------------------------------------------------------------------------------------------


class _UnionFind:
    def __init__(self, n: int):
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        root = i
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[i] != root:
            self.parent[i], i = root, self.parent[i]
        return root

    def union(self, i: int, j: int) -> None:
        ri, rj = self.find(i), self.find(j)
        if ri != rj:
            # The smaller index stays the root, so groups do not depend on the order of unions.
            self.parent[max(ri, rj)] = min(ri, rj)


LSH_RECALL = 0.995
"""Probability that LSH proposes a pair whose Jaccard similarity is exactly the threshold (higher: more)."""


@lru_cache(maxsize=64)
def lsh_params(threshold: float, num_perm: int = NUM_PERM, recall: float = LSH_RECALL) -> tuple[int, int]:
    """Bands b and rows r (b x r <= num_perm) for the LSH index: among the settings that propose a pair at
    the threshold with probability >= `recall` (1 - (1 - s^r)^b at s = threshold), the one that proposes
    fewest pairs at half the threshold. Every proposed pair is then checked exactly."""
    best: tuple[float, int, int] | None = None
    for r in range(1, num_perm + 1):
        b = num_perm // r
        if 1 - (1 - threshold**r) ** b < recall:
            continue
        false_rate = 1 - (1 - (threshold / 2) ** r) ** b
        if best is None or false_rate < best[0]:
            best = (false_rate, b, r)
    if best is None:
        return num_perm, 1
    return best[1], best[2]


EXACT_MAX_SHAPES = 600
"""Up to this many distinct shapes every pair is compared exactly: faster than hashing (and importing
datasketch and scipy) for a corpus of a few pages, and exact. Above it, MinHash/LSH proposes the pairs."""


def near_duplicate_groups(
    shapes: Sequence[tuple[str, ...]], threshold: float, num_perm: int = NUM_PERM, seed: int = MINHASH_SEED, exact_max: int = EXACT_MAX_SHAPES
) -> list[int]:
    """Group shapes whose bigram sets have Jaccard similarity >= threshold (single linkage).

    Identical shapes are merged first; each distinct shape is MinHashed and indexed in an LSH table
    (datasketch), and only the candidate pairs LSH returns are compared exactly, so the work grows with
    the number of statements, not with its square. Returns, for each input, the position of the first
    input of its group. An empty shape is a group of its own.
    """
    if not 0 < threshold <= 1:
        raise ValueError(f"threshold must be in (0, 1], got {threshold}")
    distinct: dict[tuple[str, ...], int] = {}
    first_position: list[int] = []
    for i, s in enumerate(shapes):
        if s not in distinct:
            distinct[s] = len(first_position)
            first_position.append(i)
    keys = list(distinct)
    sets = [_shingles_of(k) for k in keys]
    uf = _UnionFind(len(keys))
    usable = [i for i, s in enumerate(sets) if s]
    if threshold < 1.0 and 1 < len(usable) <= exact_max:
        for i, j in _similar_pairs([sets[i] for i in usable], threshold):
            uf.union(usable[i], usable[j])
    elif threshold < 1.0 and len(usable) > 1:
        for i, root in enumerate(_lsh_components([sets[i] for i in usable], threshold, num_perm, seed)):
            uf.union(usable[root], usable[i])
    return [first_position[uf.find(distinct[s])] for s in shapes]


def _similar_pairs(sets: Sequence[frozenset[str]], threshold: float) -> list[tuple[int, int]]:
    """Every pair (i < j) of non-empty `sets` whose Jaccard similarity is >= threshold (> 0), compared
    exactly: the pairs that share a bigram are listed once per shared bigram, so counting a pair's rows
    gives |a ∩ b|, and |a ∪ b| = |a| + |b| - |a ∩ b| (as `jaccard`). Pairs sharing nothing score 0."""
    n = len(sets)
    vocabulary: dict[str, int] = {}
    columns = np.array([vocabulary.setdefault(g, len(vocabulary)) for x in sets for g in x], dtype=np.int64)
    sizes = np.array([len(x) for x in sets], dtype=np.int64)
    pairs = _pairs_within(columns, np.repeat(np.arange(n), sizes))
    keys = np.sort(pairs[:, 0] * n + pairs[:, 1])
    if not len(keys):
        return []
    starts = np.flatnonzero(np.concatenate(([True], keys[1:] != keys[:-1])))
    common = np.diff(np.append(starts, len(keys)))
    a, b = keys[starts] // n, keys[starts] % n
    similar = common / (sizes[a] + sizes[b] - common) >= threshold
    return list(zip(a[similar].tolist(), b[similar].tolist(), strict=True))


def _sorted_unique(values: np.ndarray) -> np.ndarray:
    """`np.unique(values)` by sorting: numpy 2.4's hash-based unique is far slower on millions of integers."""
    values = np.sort(values)
    if len(values):
        values = values[np.concatenate(([True], values[1:] != values[:-1]))]
    return values


def _pairs_within(groups: np.ndarray, members: np.ndarray) -> np.ndarray:
    """Every pair (i < j) of `members` that share a value of `groups` (one row per pair; duplicates kept)."""
    order = np.lexsort((members, groups))
    groups, members = groups[order], members[order]
    _, starts, counts = np.unique(groups, return_index=True, return_counts=True)
    found = [np.empty((0, 2), dtype=np.int64)]
    for size in np.unique(counts[counts >= 2]):
        block = members[starts[counts == size][:, None] + np.arange(size)]  # groups of this size x their members
        first, second = np.triu_indices(size, 1)
        found.append(np.stack([block[:, first].ravel(), block[:, second].ravel()], axis=1))
    return np.concatenate(found)


PAIR_CHUNK = 65_536
"""Pairs whose shared bigrams are counted in one step: a few megabytes of rows at a time, reused, rather than
a copy of every pair's rows at once (hundreds of megabytes on 48 pages, most of the time spent faulting
fresh memory in)."""


def _shared_counts(bigrams, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """For each pair (a[k], b[k]) of rows of the 0/1 matrix `bigrams`, how many columns both have."""
    out = np.zeros(len(a), dtype=np.int64)
    for start in range(0, len(a), PAIR_CHUNK):
        rows = slice(start, start + PAIR_CHUNK)
        out[rows] = np.asarray(bigrams[a[rows]].multiply(bigrams[b[rows]]).sum(axis=1)).ravel()
    return out


def _lsh_components(sets: Sequence[frozenset[str]], threshold: float, num_perm: int, seed: int) -> np.ndarray:
    """For each of `sets`, the first set of its group, groups joined by the pairs that datasketch's
    `MinHashLSH` (bands and rows from `lsh_params`) would propose and whose Jaccard is >= threshold.

    The same pairs, found the other way round: the pairs with Jaccard >= threshold are found exactly
    (prefix filtering: with bigrams ordered rarest first, two such sets share a bigram among their first
    |x| - ceil(t|x|) + 1), then kept when their MinHash values agree on every row of at least one band,
    which is when LSH proposes a pair. Checking only pairs that share a rare bigram, rather than every pair
    LSH proposes (most of them far below the threshold), keeps the work near linear."""
    from datasketch import MinHash  # imported here: it pulls in scipy, which only large inputs need
    from scipy.sparse import csr_matrix
    from scipy.sparse.csgraph import connected_components

    n = len(sets)
    vocabulary: dict[str, int] = {}
    columns = np.array([vocabulary.setdefault(g, len(vocabulary)) for x in sets for g in x], dtype=np.int64)
    sizes = np.array([len(x) for x in sets], dtype=np.int64)
    owner = np.repeat(np.arange(n), sizes)
    bigrams = csr_matrix((np.ones(len(columns), dtype=np.int32), (owner, columns)), shape=(n, len(vocabulary)))
    # prefixes: each set's bigrams rarest first (ties: bigram number), the first |x| - ceil(t|x|) + 1 of them
    frequency = np.bincount(columns, minlength=len(vocabulary))
    order = np.lexsort((columns, frequency[columns], owner))
    rank = np.arange(len(columns)) - np.repeat(np.cumsum(sizes) - sizes, sizes)
    prefix = sizes - np.ceil(threshold * sizes - 1e-9).astype(np.int64) + 1
    in_prefix = rank < np.repeat(prefix, sizes)
    pairs = _pairs_within(columns[order][in_prefix], owner[order][in_prefix])
    pairs = _sorted_unique(pairs[:, 0] * n + pairs[:, 1])
    a, b = pairs // n, pairs % n
    shared = _shared_counts(bigrams, a, b)
    similar = shared / (sizes[a] + sizes[b] - shared) >= threshold  # |a ∩ b| / |a ∪ b|, as `jaccard`
    a, b = a[similar], b[similar]
    # ... and proposed by LSH: the MinHash values of both agree on all rows of some band
    bands, rows = lsh_params(threshold, num_perm)
    hashed = _sorted_unique(np.concatenate([a, b]))
    hashes = np.zeros((n, num_perm), dtype=np.uint64)
    if len(hashed):
        minhashes = MinHash.bulk([[g.encode("utf-8") for g in sorted(sets[i])] for i in hashed], num_perm=num_perm, seed=seed)
        hashes[hashed] = np.vstack([m.hashvalues for m in minhashes])
    span = bands * rows
    proposed = (hashes[a, :span] == hashes[b, :span]).reshape(len(a), bands, rows).all(axis=2).any(axis=1)
    graph = csr_matrix((np.ones(int(proposed.sum()), dtype=np.int8), (a[proposed], b[proposed])), shape=(n, n))
    label = connected_components(graph, directed=False)[1]
    first_of = np.full(label.max() + 1, n)
    np.minimum.at(first_of, label, np.arange(n))
    return first_of[label]


def template_id(shape_tokens: Sequence[str]) -> str:
    """A stable id for a family, from its representative shape: "T" + 8 hex digits of its SHA-1."""
    return "T" + hashlib.sha1(" ".join(shape_tokens).encode("utf-8")).hexdigest()[:8]


def template_families(frame: pd.DataFrame, thresholds: Thresholds = THRESHOLDS) -> pd.DataFrame:
    """Families of near-identical statement shapes, and how many departments use each.

    `frame` has statement_id, dept_abbr and shape (tuples of tokens). Families are formed over the whole
    table, across actions: a formula that two departments share is a template wherever it appears.
    Returns per statement: template_id (from the family's most common shape; empty unless at least two
    departments use the family), template_size (departments in the family), template_similarity (Jaccard
    of the statement's bigrams with the family's most common shape) and template_eligible (long enough).
    """
    shapes = [tuple(s) for s in frame["shape"]]
    group = near_duplicate_groups(shapes, thresholds.template_jaccard)
    work = pd.DataFrame({"dept_abbr": frame["dept_abbr"].to_numpy(), "group": group, "shape_key": [" ".join(s) for s in shapes]})
    size = work.groupby("group")["dept_abbr"].nunique()
    counts = work.groupby(["group", "shape_key"]).size().rename("n").reset_index()
    counts = counts.sort_values(["group", "n", "shape_key"], ascending=[True, False, True], kind="stable")
    representative = counts.drop_duplicates("group").set_index("group")["shape_key"]
    sizes = work["group"].map(size).astype("int64").to_numpy()
    reps = work["group"].map(representative).to_numpy()
    ids, similarity = [], []
    for s, rep, n in zip(shapes, reps, sizes, strict=True):
        shared = n >= 2 and bool(s)
        ids.append(template_id(rep.split()) if shared else pd.NA)
        similarity.append(round(jaccard(_shingles_of(s), _shingles_of(tuple(rep.split()))), 4) if shared else 0.0)
    return pd.DataFrame(
        {
            "statement_id": frame["statement_id"].to_numpy(),
            "template_id": pd.array(ids, dtype="str"),
            "template_size": np.where([len(s) == 0 for s in shapes], 1, sizes).astype("int64"),
            "template_similarity": similarity,
            "template_eligible": [len(s) >= thresholds.template_min_tokens for s in shapes],
        }
    )


# --------------------------------------------------------------------------------------------------
# Specificity (Hope, Hu and Lu, 2016): names, numbers, dates, months, places
# --------------------------------------------------------------------------------------------------

_DATE_PREPOSITIONS = frozenset({"in", "by", "from", "since", "until", "during", "of", "before", "after"})
_YEAR = re.compile(r"^(?:19|20)\d\d$")
_RAW_TOKEN = re.compile(r"[^\W_]+(?:['.\-][^\W_]+)*|[^\w\s]")


@dataclass(frozen=True)
class Specificity:
    """The specific items of a statement, the words in them, and acronyms it defines in brackets."""

    items: tuple[str, ...]
    words: int
    aliases: tuple[str, ...] = ()


class _ItemCollector:
    """The items of one statement as its tokens are read: finished items, and the capitalised name being read."""

    def __init__(self) -> None:
        self.items: list[list[str]] = []
        self.current: list[str] = []

    def flush(self) -> None:
        """End the name being read (without trailing connectors)."""
        while self.current and self.current[-1].lower() in NAME_CONNECTORS:
            self.current.pop()
        if self.current:
            self.items.append(list(self.current))
        self.current.clear()

    def add(self, tok: str) -> None:
        """A one-token item (a month, a year, a number)."""
        self.flush()
        self.items.append([tok])

    def year(self, tok: str, year: int | None, token_before: str) -> None:
        """A year: joined to the month just before it ("January 2013" is one date); a bare year inside the
        reporting window (the period's year or the one before) only restates the period."""
        self.flush()
        if self.items and len(self.items[-1]) == 1 and self.items[-1][0] in MONTH_NAMES and token_before == self.items[-1][0]:
            self.items[-1].append(tok)
        elif year is None or not (year - 1 <= int(tok) <= year):
            self.items.append([tok])

    def number(self, tok: str) -> None:
        """A number; digits right after a name end it ("Sprint 13")."""
        if self.current and tok.lower() not in NUMBER_WORDS:
            self.current.append(tok)
            self.flush()
        else:
            self.add(tok)


def _is_date_month(tok: str, prev: str, nxt: str) -> bool:
    """A month name, "May" only when it reads as a date ("in May", "May 2014")."""
    return tok in MONTH_NAMES and (tok != "May" or nxt[:1].isdigit() or prev in _DATE_PREPOSITIONS)


def _is_ordinary_first_word(tok: str, nxt: str) -> bool:
    """A capitalised first word that is an ordinary word: a stop word, or one not followed by another
    capitalised word, number or name ("Sprint Beta", "Sprint 13" continue)."""
    continues = nxt[:1].isupper() or nxt[:1].isdigit() or nxt in _PLACEHOLDERS
    return not has_two_capitals(tok) and (tok.lower() in stop_words() or not continues)


def specific_items(text: str, year: int | None = None) -> Specificity:
    """Names (runs of capitalised words), numbers, dates and months in a statement (Hope et al., 2016).

    Not counted: department names, GDS / Cabinet Office, the strategy's name and its action numbers
    (every update has them, docs/methods.md "Boilerplate versus substantive"); a capitalised word that only starts the sentence; an acronym in
    brackets right after the words it abbreviates (kept as an alias); a bare year inside the reporting
    window, i.e. the period's year or the one before, which only restates the period.

    >>> specific_items("In September DH launched its revised PolicyKit with 3 teams.", year=2014).items
    ('September', 'PolicyKit', '3')
    """
    masked = mask_names(text)
    toks = _RAW_TOKEN.findall(masked)
    defined = {d.short for d in find_acronyms(masked)}
    found = _ItemCollector()
    aliases: list[str] = []
    first = True
    i = 0
    while i < len(toks):
        tok = toks[i]
        if tok[0].islower() and tok not in _PLACEHOLDERS:
            low = tok.lower()
            if low not in NUMBER_WORDS and not (found.current and low in NAME_CONNECTORS):
                # an ordinary lower-case word (most tokens): it only ends the name being read, as the last branch below
                if found.current:
                    found.flush()
                first = False
                i += 1
                continue
        nxt = toks[i + 1] if i + 1 < len(toks) else ""
        prev = toks[i - 1].lower() if i > 0 else ""
        if tok == "(" and i + 2 < len(toks) and toks[i + 2] == ")" and toks[i + 1] in defined:
            found.flush()  # an acronym in brackets right after the words it abbreviates: an alias
            aliases.append(toks[i + 1])
            i += 3
            continue
        i += 1
        if not tok[0].isalnum():
            found.flush()
            continue
        if tok in _PLACEHOLDERS:
            found.flush()
        elif _YEAR.match(tok):
            found.year(tok, year, token_before=toks[i - 2])
        elif _is_date_month(tok, prev, nxt):
            found.add(tok)
        elif tok[0].isdigit() or tok.lower() in NUMBER_WORDS:
            found.number(tok)
        elif tok[0].isupper():
            if not (first and _is_ordinary_first_word(tok, nxt)):
                found.current.append(tok)
        elif found.current and tok.lower() in NAME_CONNECTORS:
            found.current.append(tok)
        else:
            found.flush()
        first = False
    found.flush()
    texts = tuple(" ".join(item) for item in found.items)
    return Specificity(texts, sum(len(t.split()) for t in texts), tuple(aliases))


def item_key(item: str, year: int | None = None) -> str:
    """An item as compared across periods: case folded, a leading "the" dropped, acronym plurals folded
    ("ALBs" = "ALB"), years relative to the period ("y+1"), so "March 2015" in plan_2014 = "March 2016" in plan_2015."""
    words = []
    for w in item.split():
        if _YEAR.match(w) and year is not None:
            words.append(f"y{int(w) - year:+d}")
        elif has_two_capitals(w) and w.endswith("s"):
            words.append(w[:-1].lower())
        else:
            words.append(w.lower())
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    return " ".join(words)


# --------------------------------------------------------------------------------------------------
# Signal 3: repeats of the department's own earlier text
# --------------------------------------------------------------------------------------------------


def section_order(section: str) -> tuple[int, int, int]:
    """Time order of periods (`periods.order_key`); an unknown period is an input error."""
    try:
        return periods.order_key(section)
    except ValueError as err:
        raise BoilerplateInputError(str(err)) from None


@dataclass(frozen=True)
class _Said:
    """One statement as its department's earlier text is searched for it."""

    order: object  # what "earlier" means: the period's time order, or the action number
    statement_id: str
    bigrams: frozenset[str]
    items: set[str]
    aliases: set[str]


@dataclass(frozen=True)
class _Overlap:
    """How much of a statement its department's earlier text already said."""

    repeat_of: object  # the closest earlier statement (pd.NA if none shares a bigram)
    similarity: float  # share of its bigrams found anywhere in the earlier text
    new_specific: int  # its specific items that no earlier statement names


def _earlier_overlap(groups: dict[tuple, list[_Said]]) -> dict[str, _Overlap]:
    """For statements grouped and ordered by `order`, each one's closest earlier statement (most shared
    bigrams, the latest on a tie), the share of its bigrams in all earlier ones, and its specific items
    that no earlier one names. Statements of the same order are not earlier than each other."""
    result: dict[str, _Overlap] = {}
    for key in sorted(groups):
        rows = sorted(groups[key], key=lambda r: (r.order, r.statement_id))
        seen_bigrams: set[str] = set()
        seen_items: set[str] = set()
        earlier: list[str] = []  # ids of the earlier rows, in order
        holders: dict[str, list[int]] = defaultdict(list)  # bigram -> positions in `earlier` of the rows that have it
        start = 0
        while start < len(rows):
            end = start
            while end < len(rows) and rows[end].order == rows[start].order:
                end += 1
            period = rows[start:end]
            for said in period:
                sid, grams, items = said.statement_id, said.bigrams, said.items
                shared: Counter[int] = Counter(position for gram in grams for position in holders.get(gram, ()))
                # most shared bigrams; on a tie the latest statement
                best = earlier[max(shared, key=lambda position: (shared[position], position))] if shared else pd.NA
                similarity = round(len(grams & seen_bigrams) / len(grams), 4) if grams else 0.0
                result[sid] = _Overlap(best, similarity, len(items - seen_items))
            for said in period:
                seen_bigrams |= said.bigrams
                seen_items |= said.items | said.aliases
                for gram in said.bigrams:
                    holders[gram].append(len(earlier))
                earlier.append(said.statement_id)
            start = end
    return result


def repeats(frame: pd.DataFrame) -> pd.DataFrame:
    """How much of each statement its department already said: for the same action in an earlier period,
    and (`_across` columns) in the same period for an earlier action (a sentence reused from one action's
    response to the next: actions are read in number order).

    `frame` has statement_id, action, dept_abbr, section, shape, item_keys and alias_keys (sets of
    `item_key`s), and optionally edition (each edition is compared only with itself). Returns statement_id;
    repeat_of (the earlier statement sharing most bigrams, the most recent on a tie; empty if none shares
    any); repeat_similarity (share of the statement's bigrams found anywhere in the department's earlier text
    of the action: clauses merged from two earlier sentences count); new_specific (its specific items that
    the earlier text does not name); and the same three for earlier actions of the period.
    """
    within: dict[tuple, list[_Said]] = defaultdict(list)
    across: dict[tuple, list[_Said]] = defaultdict(list)
    for edition, sid, action, dept, section, sh, items, aliases in zip(
        editions(frame), frame["statement_id"], frame["action"], frame["dept_abbr"], frame["section"],
        frame["shape"], frame["item_keys"], frame["alias_keys"], strict=True
    ):
        grams, items, aliases = _shingles_of(tuple(sh)), set(items), set(aliases)
        within[(edition, action, dept)].append(_Said(section_order(section), sid, grams, items, aliases))
        across[(edition, section, dept)].append(_Said(int(action), sid, grams, items, aliases))
    first, second = _earlier_overlap(within), _earlier_overlap(across)
    ids = list(frame["statement_id"])
    return pd.DataFrame(
        {
            "statement_id": ids,
            "repeat_of": pd.array([first[s].repeat_of for s in ids], dtype="str"),
            "repeat_similarity": [first[s].similarity for s in ids],
            "new_specific": [first[s].new_specific for s in ids],
            "repeat_of_across": pd.array([second[s].repeat_of for s in ids], dtype="str"),
            "repeat_similarity_across": [second[s].similarity for s in ids],
            "new_specific_across": [second[s].new_specific for s in ids],
        }
    )


# --------------------------------------------------------------------------------------------------
# Signal 4: vague pledges (continuation, intent and hedging language without concrete content)
# --------------------------------------------------------------------------------------------------

VAGUE_CUES: dict[str, str] = {
    # continuation
    "continue to": r"\bcontinu(?:e|es|ed|ing)\s+(?:to|working|work)\b",
    "build on": r"\bbuil(?:d|ds|t|ding)\s+on\b",
    # intent rather than an act
    "keen to": r"\bkeen\s+to\b",
    "seek to": r"\b(?:seek|seeks|seeking|sought)\s+to\b",
    "aim to": r"\baim(?:s|ed|ing)?\s+to\b|\bwith\s+(?:the|an)\s+aim\s+of\b|\bwith\s+a\s+view\s+to\b",
    "look to": r"\blook(?:s|ed|ing)?\s+to\b",
    "working to": r"\b(?:is|are|be|been)\s+(?:\w+ly\s+)?working\s+(?:to|towards)\b|\bwill\s+(?:\w+ly\s+)?work\s+(?:to|towards)\b",
    "will support": r"\bwill\s+(?:\w+ly\s+)?support\b",
    "ensure": r"\bensur(?:e|es|ed|ing)\b",
    "welcome": r"\bwelcom(?:e|es|ed|ing)\b",
    "committed to": r"\b(?:is|are|remains?|fully)\s+committed\s+to\b|\bintend(?:s|ed)?\s+to\b|\b(?:our|its|the)\s+ambition\b",
    "recognise": r"\brecogni[sz](?:e|es|ed|ing)\s+(?:that|the)\b|\b(?:aligned|in\s+line)\s+with\b",
    "champion": r"\bchampion\w*\b|\blead(?:s|ing)?\s+by\s+example\b",
    # a stance towards an idea rather than an act: a verb of endorsement with an abstract object
    "endorse": r"\b(?:support|endors|embrac|welcom|recogni[sz]|highlight|stress|emphasi[sz]|underlin)\w*\s+(?:\w+\s+){0,2}"
    r"(?:principle|importance|agenda|aim|ambition|vision|value|spirit|objective)s?\b",
    # a claim of standing or priority rather than an act: "is still a priority area", "very much in the lead on",
    # "at the forefront of", "plays an important role in"
    "claims standing": r"\b(?:is|are|remains?|was|were)\s+(?:\w+\s+){0,2}(?:a|an|our|its|the)\s+(?:\w+\s+)?priority\b"
    r"|\bin\s+the\s+lead\s+on\b|\bat\s+the\s+forefront\s+of\b|\b(?:a|an)\s+(?:\w+\s+)?(?:leading|important|key|central|pivotal)\s+role\b",
    # needs and likelihoods rather than acts
    "will need": r"\bwill\s+(?:need|require)\b|\b(?:likely|expected)\s+to\b",
    "if it changes": r"\b(?:should|if)\s+(?:this|that|it|these|things)\s+change\b|\bin\s+(?:the\s+)?future\b",
    "identify how": r"\b(?:identify|explore|investigate|consider|determine)\w*\s+(?:how|whether|where|what|ways)\b",
    "refers to the strategy": rf"\b{SERIES}\b",
    # partnership rather than an output
    "work closely with": r"\bwork(?:s|ed|ing)?\s+(?:closely\s+)?(?:with|alongside)\b",
    "liaise with": r"\bliais(?:e|es|ed|ing)\s+with\b|\b(?:assist|participat)(?:e|es|ed|ing)\b",
    # hedges
    "where appropriate": r"\b(?:wher(?:e|ever)|as|if|when)\s+(?:appropriate|required|necessary|possible|needed|relevant)\b",
    "it needs": r"\b(?:it|they)\s+(?:requires?|needs?)\b",
    "a range of": r"\ba\s+(?:range|variety)\s+of\b|\bvarious\b",
    "could be": r"\b(?:can|could|may|might)\s+(?:also\s+)?be\b",
    # benefits claimed rather than acts reported
    "will help": r"\b(?:will|to|should)\s+(?:help|enable|allow)\b",
    "raise awareness": r"\b(?:rais|improv|increas|promot|build)\w*\s+(?:\w+\s+){0,2}(?:awareness|capability|capabilities|understanding|knowledge)\b",
}
"""Cue name -> regular expression (case-insensitive, on the name-masked text). General English
continuation, intent and hedging language (docs/methods.md "Boilerplate versus substantive" lists "continue to", "keen to", "seek to", "work
closely with", "where appropriate"); none names a department or quotes a statement."""
_VAGUE_PATTERNS = {name: with_first_characters(re.compile(pattern, re.IGNORECASE)) for name, pattern in VAGUE_CUES.items()}
_VAGUE_WORDS = {name: required_words(re.compile(pattern, re.IGNORECASE)) for name, pattern in VAGUE_CUES.items()}

GENERIC_WORDS = """
ability appreciation awareness capability capacity competence confidence expertise experience knowledge
literacy momentum skill understanding
activity advice approach area aspect assistance basis benefit change development effort focus goal help idea
improvement initiative issue level matter need objective opportunity part practice priority process
progress range relationship requirement resource role step support technique time tool variety way work
achieve address aim allow assess build consider continue deliver determine develop embed enable
encourage engage enhance ensure explore foster identify improve include increase investigate involve
keen liaise look maintain promote provide raise require seek share strengthen understand welcome
actively appropriate available best better broad closely different effective effectively existing further
general good great important increasingly key necessary overall particular particularly possible relevant
significant specifically strong successful various wide
civil colleague cross-government default department departmental digital government government-wide
organisation partner people public sector servant staff stakeholder team transformation transformational
"""
"""General words that name no checkable activity, output or audience: abstract nouns of capability and
support, aspirational verbs, hedging adjectives and adverbs, and the words every update of this series
uses ("digital", "department", "staff"). Plain English words, lemmatised on use."""


def vague_cues(text: str) -> tuple[str, ...]:
    """Names of the continuation / intent / hedging cues in a statement, in `VAGUE_CUES` order.

    >>> vague_cues("DECC will continue to work closely with GDS where appropriate.")
    ('continue to', 'work closely with', 'where appropriate')
    """
    return tuple(name for name, found in _cue_matches(mask_names(text)) if found)


def cue_lemmas(text: str) -> frozenset[str]:
    """Lemmas of the words that make up a statement's vague cues: the vague language itself, which is not also
    concrete content ("champion", "leading by example", "committed").

    >>> sorted(cue_lemmas("Our leaders will champion digital, leading by example."))
    ['by', 'champion', 'example', 'lead']
    """
    return frozenset(lookup_lemma(t) for _, found in _cue_matches(mask_names(text)) for match in found for t in tokens(match))


@lru_cache(maxsize=65536)
def _cue_matches(masked: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Each vague cue's name and the texts of its matches in a name-masked text, in `VAGUE_CUES` order: one
    search per cue shared by `vague_cues` (the cues found) and `cue_lemmas` (their words); no cue at all
    (one search of the alternation) gives no matches."""
    if not _has_vague_cue(masked):
        return tuple((name, ()) for name in _VAGUE_PATTERNS)
    # most cues are absent even from a text with one: a substring test of the words a cue's every match
    # contains (`text.required_words`), then a search, are cheaper than making an empty iterator
    lowered = lower_for_screening(masked)
    found = tuple(
        (name, tuple(pattern.finditer(masked)) if may_contain(lowered, _VAGUE_WORDS[name]) and pattern.search(masked) else ())
        for name, pattern in _VAGUE_PATTERNS.items()
    )
    return tuple((name, tuple(m.group(0) for m in matches)) for name, matches in without_purpose_of_act(masked, found))


def without_purpose_of_act(masked: str, found: tuple[tuple[str, tuple[re.Match, ...]], ...]) -> tuple[tuple[str, tuple[re.Match, ...]], ...]:
    """The cue matches less those that only state the purpose of a concrete act (`states_purpose_of_act`), when
    nothing else in the statement is a cue: "We will establish a team to ensure ..." reports an act, while
    "We are keen to work with GDS to ensure ..." is a pledge whose purpose clause is part of the pledge."""
    purpose = {(name, m.start()) for name, matches in found for m in matches if states_purpose_of_act(name, masked, m.start())}
    if not purpose or any((name, m.start()) not in purpose for name, matches in found for m in matches):
        return found
    return tuple((name, tuple(m for m in matches if (name, m.start()) not in purpose)) for name, matches in found)


PURPOSE_CUES = frozenset({"ensure", "will support"})
"""Cues that, in a purpose or relative clause, state what a concrete act is for rather than pledge anything."""
_CATENATIVE = (
    "continue|continues|continued|continuing|aim|aims|aimed|seek|seeks|sought|need|needs|needed|want|wants|look|looks|"
    "intend|intends|intended|plan|plans|planned|try|tries|tried|strive|strives|help|helps|helped|work|works|working|"
    "committed|keen|able|going|expected|likely|required|designed|wish|hope|hopes|endeavour"
)
_PURPOSE_BEFORE = re.compile(rf"(?:\b(?!(?:{_CATENATIVE})\s)\w+\s+to|\b(?:which|that|who))\s+(?:will\s+|also\s+)*$", re.IGNORECASE)


def states_purpose_of_act(cue: str, masked: str, start: int) -> bool:
    """True when a cue of `PURPOSE_CUES` opens a purpose clause ("establish a team to ensure ...") or a relative
    clause ("a training plan which ensures ...", "2 projects which will support ...") after another verb's object:
    the clause says what the act is for, and the act itself is the statement's content. Not after a verb that
    takes "to" as its complement, which is itself the pledge ("continue to ensure", "aims to ensure").

    >>> vague_cues("We will establish a team to ensure projects meet the standard.")
    ()
    >>> vague_cues("We will continue to ensure projects meet the standard.")
    ('continue to', 'ensure')
    >>> vague_cues("We will ensure that projects meet the standard.")
    ('ensure',)
    """
    if cue not in PURPOSE_CUES:
        return False
    return bool(_PURPOSE_BEFORE.search(masked[:start]))


@lru_cache(maxsize=1)
def _any_vague_cue() -> re.Pattern[str]:
    """All of `VAGUE_CUES` as one alternation: it matches a text exactly when one of the cues does."""
    return with_first_characters(re.compile("|".join(f"(?:{pattern})" for pattern in VAGUE_CUES.values()), re.IGNORECASE))


@lru_cache(maxsize=65536)
def _has_vague_cue(masked: str) -> bool:
    """Whether any vague cue occurs in a name-masked text (one search before the one per cue of `_cue_matches`)."""
    return _any_vague_cue().search(masked) is not None


@lru_cache(maxsize=1)
def generic_lemmas() -> frozenset[str]:
    """`GENERIC_WORDS` with their lemmas (so "capabilities", "supported" and "ensuring" are covered)."""
    words = GENERIC_WORDS.split()
    return frozenset(words) | frozenset(lookup_lemma(w) for w in words)


def concrete_terms(shape_tokens: Sequence[str], restated: frozenset[str] = frozenset()) -> tuple[str, ...]:
    """Content lemmas of a shape that are not generic: what a statement says beyond intent and topic.
    `restated`: lemmas of the action's own title, which a response restates rather than adds (METHODS: the
    strategy's own content is not the department's information).

    >>> concrete_terms(shape("DfT put multidisciplinary teams in the areas of greatest priority."))
    ('multidisciplinary',)
    >>> concrete_terms(shape("We will redesign services handling 100,000 transactions."), action_words("redesign services handling transactions"))
    ()
    """
    generic = generic_lemmas()
    return tuple(
        w for w in shape_tokens
        if w not in _PLACEHOLDERS and w not in generic and w not in restated and _unhyphenated(w) not in restated and not w[:1].isdigit()
    )


def _unhyphenated(word: str) -> str:
    """A word's lemma written without hyphens: "re-designed" and "redesigned" are one word."""
    return lookup_lemma(word.replace("-", "")) if "-" in word else word


def restated_share(shape_tokens: Sequence[str], title: str) -> float:
    """Share of a statement's content words (not generic, not names of departments, not numbers) that are words
    of its action's title: how far it restates the commitment it answers (0 when it has no content word).

    >>> restated_share(shape("We will publish our spending data."), "Every agency will publish its spending data")
    1.0
    """
    generic = generic_lemmas()
    content = [w for w in shape_tokens if w not in _PLACEHOLDERS and w not in generic and not w[:1].isdigit()]
    if not content:
        return 0.0
    words = action_words(title)
    return round(sum(w in words or _unhyphenated(w) in words for w in content) / len(content), 4)


_REPORTED_ACT = with_first_characters(re.compile(
    r"(?<!\bwill\s)(?<!\bto\s)\b(?:has|have|had)\s+(?:\w+ly\s+|now\s+|already\s+)?(?:been\s+)?\w+ed\b(?!\s+to\b)"  # "has appointed"
    r"|\b(?:was|were)\s+(?:\w+ly\s+)?\w+ed\b(?!\s+to\b)"  # "was appointed in May"
    r"|(?<!\bwill\s)(?<!\bto\s)\b(?:is|are|was|were|has|have|had)\s+(?:\S+\s+){0,4}in\s+place\b"  # "have a manager in place"
    r"|\b(?:is|are|am)\s+(?:\w+\s+)?in\s+the\s+process\s+of\b|\bunder\s*way\b",  # "are in the process of recruiting"
    re.IGNORECASE,
))


def reports_act(text: str) -> bool:
    """True when a statement reports something done or under way rather than pledging it: a perfect or past
    passive of a verb ("has appointed", "was appointed"), "is/have … in place", "in the process of", "under way";
    not a future ("will have appointed", "will put … in place"). A report
    that the action's commitment is done is a claim a reader can check, so it is not a restatement of the action
    (codebook: S "reports or plans something concrete"). A verb of commitment followed by "to" ("has agreed to",
    "has committed to") still pledges.

    >>> reports_act("We have appointed a digital leader at board level.")
    True
    >>> reports_act("We are in the process of recruiting a service manager.")
    True
    >>> reports_act("We will appoint a digital leader at board level.")
    False
    >>> reports_act("We have committed to appoint a digital leader.")
    False
    """
    return bool(_REPORTED_ACT.search(str(text)))


def strategy_words(titles: Iterable[str]) -> frozenset[str]:
    """The lemmas of all the action titles of one edition: the strategy's own commitments, which a response
    restates rather than adds (a response to one action often quotes another's title)."""
    words: frozenset[str] = frozenset()
    for title in set(titles):
        words |= action_words(title)
    return words


def restates_title(item: str, title: str) -> bool:
    """True when a specific item only repeats the action's title: every word of it is in the title
    ("Service Managers" under "… by a skilled … Service Manager", "March 2014" under "… by March 2014").

    >>> restates_title("GOV.UK", "Corporate publishing will move onto GOV.UK by March 2013")
    True
    >>> restates_title("Inside Government", "Corporate publishing will move onto GOV.UK by March 2013")
    False
    """
    words = frozenset(shape(item)) - _PLACEHOLDERS
    return bool(words) and words <= action_words(title)


@lru_cache(maxsize=256)
def action_words(title: str) -> frozenset[str]:
    """The lemmas of an action's title (its shape), which a response that restates the action repeats."""
    words = frozenset(shape(str(title))) - _PLACEHOLDERS
    return words | {_unhyphenated(w) for w in words}


def vague_balance(concrete_words: int, new_specific: int, n_cues: int, specific_weight: int) -> int:
    """Concrete content minus vague language: concrete words + weight x new specific items - (cues - 1).

    One cue is what makes a statement a candidate; each further cue offsets one concrete word. A statement
    with cues is vague when its balance is at most `Thresholds.vague_max_balance`.

    >>> vague_balance(concrete_words=1, new_specific=0, n_cues=3, specific_weight=3)
    -1
    """
    return int(concrete_words) + int(specific_weight) * int(new_specific) - max(int(n_cues) - 1, 0)


# --------------------------------------------------------------------------------------------------
# Published single measures: Lang and Stice-Lawrence 4-grams, year-on-year similarity
# --------------------------------------------------------------------------------------------------


def _ngrams(words: Sequence[str], n: int) -> set[tuple[str, ...]]:
    return {tuple(words[i : i + n]) for i in range(len(words) - n + 1)}


def lsl_doc_counts(statements: pd.DataFrame, mask: bool = True, words: Sequence[tuple[str, ...]] | None = None) -> pd.Series:
    """Lang and Stice-Lawrence (2015): for each statement, the largest number of documents that use one
    of its 4-word sequences (0 for a statement under four words).

    A document is a department's section set for one action (of one edition). Words are lower-cased with department
    names masked (otherwise a name inside a 4-gram hides a shared formula); 4-grams of the action's own
    title are ignored (a quoted title is shared without being boilerplate). `mask=False` keeps the names,
    as the published measure does. `words`: each statement's `masked_words`, when already computed.
    Indexed like `statements`.
    """
    prepare = masked_words if mask else tokens
    words = [tuple(prepare(t)) for t in statements["text"]] if words is None or not mask else list(words)
    titles = dict(zip(statements["action"], statements["action_title"], strict=True))  # an action's last title, as read row by row
    actions = pd.factorize(statements["action"])[0]
    documents = pd.MultiIndex.from_arrays([statements["action"], statements["dept_abbr"], editions(statements)]).factorize()[0]
    title_of = {a: prepare(t) for a, t in titles.items()}
    title_words = [title_of[a] for a in pd.unique(statements["action"])]  # in the order of `actions`' codes
    values = _largest_document_frequency(words, documents, actions, title_words)
    return pd.Series(values, index=statements.index, dtype="int64")


def _largest_document_frequency(words: Sequence[Sequence[str]], documents: np.ndarray, actions: np.ndarray, title_words: Sequence[Sequence[str]]) -> np.ndarray:
    """For each statement (its `words`, its document's and action's codes), the largest number of documents
    that use one of its 4-grams, a 4-gram of the action's title not counted for that action's documents
    (0 for a statement under four words). Vectorised: every 4-gram is numbered once (`_four_gram_codes`) and
    the counting is numpy's, rather than a Python set per statement and per document."""
    codes, owner = _four_gram_codes([*words, *title_words])
    n = len(words)
    mine, titles = owner < n, owner >= n
    gram, statement = codes[mine], owner[mine]
    n_codes = int(codes.max()) + 1 if len(codes) else 1
    # (document, 4-gram) pairs once each, less those whose 4-gram is in the document's action title
    pairs = _sorted_unique(documents[statement].astype(np.int64) * n_codes + gram)
    pair_gram, pair_document = pairs % n_codes, pairs // n_codes
    first_statement = np.zeros(int(documents.max()) + 1 if n else 0, dtype=np.int64)
    first_statement[documents[::-1]] = np.arange(n)[::-1]  # any statement of the document gives its action
    title_keys = (owner[titles] - n).astype(np.int64) * n_codes + codes[titles]
    in_title = np.isin(actions[first_statement[pair_document]].astype(np.int64) * n_codes + pair_gram, title_keys)
    frequency = np.bincount(pair_gram[~in_title], minlength=n_codes)
    out = np.zeros(n, dtype=np.int64)
    np.maximum.at(out, statement, frequency[gram])
    return out


def _four_gram_codes(word_lists: Sequence[Sequence[str]]) -> tuple[np.ndarray, np.ndarray]:
    """Every 4-gram of every word list as a number (equal 4-grams, equal numbers), and the list it is in."""
    vocabulary: dict[str, int] = {}
    ids = np.array([vocabulary.setdefault(w, len(vocabulary)) for words in word_lists for w in words], dtype=np.int64)
    sizes = np.array([len(words) for words in word_lists], dtype=np.int64)
    owner = np.repeat(np.arange(len(word_lists)), sizes)
    position = np.arange(len(ids)) - np.repeat(np.cumsum(sizes) - sizes, sizes)
    start = np.flatnonzero(position <= np.repeat(sizes, sizes) - 4)  # where a 4-gram starts
    size = max(len(vocabulary), 1)
    codes = ids[start]
    for step in (1, 2, 3):  # number the 1-, 2-, 3-word prefixes, then extend by one word (fits in int64)
        codes = np.unique(codes * size + ids[start + step], return_inverse=True)[1].astype(np.int64)
    return codes, owner[start]


def masked_words(text: str) -> tuple[str, ...]:
    """Lower-case words with department names masked: what both published measures compare."""
    return tuple(tokens(mask_names(text)))


def _term_vector(word_lists: Iterable[Sequence[str]]) -> Counter:
    counts: Counter = Counter()
    for words in word_lists:
        counts.update(words)
    return counts


def cosine(a: Counter, b: Counter) -> float:
    """Cosine similarity of two term-frequency vectors (0 when either is empty)."""
    if not a or not b:
        return 0.0
    dot = sum(v * b.get(k, 0) for k, v in a.items())
    return dot / (math.sqrt(sum(v * v for v in a.values())) * math.sqrt(sum(v * v for v in b.values())))


def year_on_year(statements: pd.DataFrame, words: Sequence[tuple[str, ...]] | None = None) -> pd.DataFrame:
    """Brown and Tucker (2011); Cohen, Malloy and Nguyen (2020): each section's similarity to the same
    department's previous section of the same action (the nearest earlier period it has text for):
    cosine of term-frequency vectors and Jaccard of word sets (lower case, department names masked).

    One row per edition x action x department x section: previous_section, cosine, jaccard (NaN and empty
    for a department's first section of the edition). `words`: each statement's `masked_words`, when
    already computed.
    """
    if words is None:
        words = [masked_words(str(t)) for t in statements["text"]]
    texts: dict[tuple, dict[str, list[tuple[str, ...]]]] = defaultdict(lambda: defaultdict(list))
    for edition, action, dept, section, said in zip(
        editions(statements), statements["action"], statements["dept_abbr"], statements["section"], words, strict=True
    ):
        texts[(edition, int(action), str(dept))][str(section)].append(said)
    rows = []
    for (edition, action, dept) in sorted(texts):
        by_section = texts[(edition, action, dept)]
        previous: tuple[str, Counter] | None = None
        for section in sorted(by_section, key=section_order):
            vector = _term_vector(by_section[section])
            if previous is None:
                rows.append((edition, action, dept, section, pd.NA, math.nan, math.nan))
            else:
                before = previous[1]
                rows.append((edition, action, dept, section, previous[0], round(cosine(vector, before), 4), round(jaccard(vector, before), 4)))
            previous = (section, vector)
    frame = pd.DataFrame(rows, columns=["edition", "action", "dept_abbr", "section", "previous_section", "cosine", "jaccard"])
    return frame.astype(
        {"edition": "int64", "action": "int64", "dept_abbr": "str", "section": "str", "previous_section": "str", "cosine": "float64", "jaccard": "float64"}
    )


# --------------------------------------------------------------------------------------------------
# The classifier
# --------------------------------------------------------------------------------------------------


def check_statements(statements: pd.DataFrame) -> None:
    """Raise `BoilerplateInputError` with a readable message when the table cannot be classified."""
    if not isinstance(statements, pd.DataFrame):
        raise BoilerplateInputError(f"expected a statements DataFrame, got {type(statements).__name__}")
    missing = [c for c in REQUIRED_COLUMNS if c not in statements.columns]
    if missing:
        raise BoilerplateInputError(f"the statements table lacks column(s): {', '.join(missing)}")
    if statements["statement_id"].isna().any():
        raise BoilerplateInputError("the statements table has a statement without statement_id")
    duplicated = statements["statement_id"].duplicated()
    if duplicated.any():
        raise BoilerplateInputError(f"duplicate statement_id {statements.loc[duplicated, 'statement_id'].iloc[0]!r}")
    for column in ("text", "dept_abbr", "section", "action", "year"):
        if statements[column].isna().any():
            sid = statements.loc[statements[column].isna(), "statement_id"].iloc[0]
            raise BoilerplateInputError(f"statement {sid!r} has no {column}")
    for section in statements["section"].drop_duplicates():
        section_order(section)


PARALLEL_MIN_STATEMENTS = 20_000
"""From this many statements the per-statement signals are computed by two processes (forked, so the
spaCy tables are shared): a large corpus takes half the wall time on two cores; a few pages never pay
the start-up."""


def _signals_of(texts: list[str], years: list[int]) -> tuple[list, ...]:
    """Shape, specific items, vague cues and masked words of each statement: the work that depends on
    its text alone."""
    return (
        [shape(t) for t in texts],
        [specific_items(t, y) for t, y in zip(texts, years, strict=True)],
        [vague_cues(t) for t in texts],
        [masked_words(t) for t in texts],
    )


def _per_statement(texts: list[str], years: list[int]) -> tuple[list, ...]:
    import multiprocessing
    import os

    workers = min(2, os.cpu_count() or 1)
    if len(texts) < PARALLEL_MIN_STATEMENTS or workers < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return _signals_of(texts, years)
    lemma_table(), stop_words(), department_pattern()  # loaded once, before the fork
    half = (len(texts) + 1) // 2
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        parts = pool.starmap(_signals_of, [(texts[:half], years[:half]), (texts[half:], years[half:])])
    return tuple(a + b for a, b in zip(*parts, strict=True))


def features(statements: pd.DataFrame, thresholds: Thresholds = THRESHOLDS) -> pd.DataFrame:
    """Every signal's evidence for every statement, before any decision; one row per statement, in input order."""
    check_statements(statements)
    frame = statements.reset_index(drop=True)
    texts = [str(t) for t in frame["text"]]
    years = [int(y) for y in frame["year"]]
    shapes, spec, cues, words = _per_statement(texts, years)
    titles = frame["action_title"].fillna("").astype(str).tolist()
    own = [tuple(i for i in s.items if not restates_title(i, t)) for s, t in zip(spec, titles, strict=True)]
    work = frame[["statement_id", "action", "dept_abbr", "section"]].assign(
        edition=editions(frame),
        shape=shapes,
        item_keys=[frozenset(item_key(i, y) for i in items) for items, y in zip(own, years, strict=True)],
        alias_keys=[frozenset(item_key(a, y) for a in s.aliases) for s, y in zip(spec, years, strict=True)],
    )
    by_edition: dict[int, list[str]] = defaultdict(list)
    for edition, title in zip(editions(frame), titles, strict=True):
        by_edition[edition].append(title)
    strategy = {edition: strategy_words(t) for edition, t in by_edition.items()}
    restated = [strategy[e] | cue_lemmas(x) for e, x in zip(editions(frame), texts, strict=True)]
    concrete = [concrete_terms(s, r) for s, r in zip(shapes, restated, strict=True)]
    out = pd.DataFrame(
        {
            "statement_id": frame["statement_id"].to_numpy(),
            "is_lead_in": frame["is_lead_in"].astype(bool).to_numpy(),
            "list_lead_in_id": frame["list_lead_in_id"].to_numpy(),
            "not_applicable": [is_not_applicable(t) for t in texts],
            "vague_cues": pd.array(["; ".join(c) for c in cues], dtype="str"),
            "n_vague_cues": [len(c) for c in cues],
            "concrete_terms": pd.array([" ".join(c) for c in concrete], dtype="str"),
            "concrete_words": [len(c) for c in concrete],
            "specific_terms": pd.array(["; ".join(s.items) for s in spec], dtype="str"),
            "specific_items": [len(s.items) for s in spec],
            "specific_words": [s.words for s in spec],
            "own_specific": [len(items) for items in own],
            "restated_share": [restated_share(s, t) for s, t in zip(shapes, titles, strict=True)],
            "reports_act": [reports_act(t) for t in texts],
        }
    )
    n_words = frame["n_words"].astype("int64").clip(lower=1).to_numpy()
    out["specificity"] = np.minimum(out["specific_words"].to_numpy() / n_words, 1.0).round(4)
    out = out.merge(template_families(work, thresholds), on="statement_id", how="left", validate="one_to_one")
    out = out.merge(repeats(work), on="statement_id", how="left", validate="one_to_one")
    out["lsl_doc_count"] = lsl_doc_counts(frame, words=words).to_numpy()
    keys = ["edition", "action", "dept_abbr", "section"]
    keyed = frame[keys[1:]].assign(edition=editions(frame)).merge(year_on_year(frame, words), on=keys, how="left", validate="many_to_one")
    out["yoy_cosine"] = keyed["cosine"].to_numpy()
    out["yoy_jaccard"] = keyed["jaccard"].to_numpy()
    return out


def _strength(fires: np.ndarray, value: np.ndarray, threshold: float, higher_is_stronger: bool = True) -> np.ndarray:
    """A signal's strength in [0, 1] with its threshold at 0.5: >= 0.5 exactly when the signal fires."""
    value = np.asarray(value, dtype="float64")
    if higher_is_stronger:
        above = 0.5 + 0.5 * np.clip((value - threshold) / max(1.0 - threshold, 1e-9), 0.0, 1.0)
        below = 0.49 * np.clip(value / max(threshold, 1e-9), 0.0, 1.0)
    else:  # a count where lower is stronger (the vague balance): a logistic step around the threshold
        above = below = 1.0 / (1.0 + np.exp(value - threshold - 0.5))
    return np.where(fires, np.maximum(above, 0.5), np.minimum(below, 0.49))


@dataclass(frozen=True)
class _Signals:
    """The numbers `decide` combines, taken once from the features (so many settings can be tried quickly)."""

    not_applicable: np.ndarray
    template_fires: np.ndarray  # template at any Jaccard threshold used to form the families
    template_similarity: np.ndarray
    similarity: np.ndarray
    similarity_across: np.ndarray
    new_specific: np.ndarray
    new_specific_across: np.ndarray
    concrete_words: np.ndarray
    own_specific: np.ndarray
    n_cues: np.ndarray
    restated_share: np.ndarray
    reports_act: np.ndarray
    is_lead_in: np.ndarray
    lead_in_of: np.ndarray  # for each statement, the position of its list's lead-in (-1: none)


def signals(feats: pd.DataFrame, thresholds: Thresholds = THRESHOLDS) -> _Signals:
    """The arrays `decide` needs from `features` (built with the same template threshold)."""
    position = {sid: i for i, sid in enumerate(feats["statement_id"])}
    return _Signals(
        not_applicable=feats["not_applicable"].to_numpy(dtype=bool),
        template_fires=(feats["template_size"].to_numpy() >= thresholds.template_min_departments)
        & feats["template_eligible"].to_numpy(dtype=bool)
        & feats["template_id"].notna().to_numpy(),
        template_similarity=feats["template_similarity"].to_numpy(dtype="float64"),
        similarity=feats["repeat_similarity"].to_numpy(dtype="float64"),
        similarity_across=feats["repeat_similarity_across"].to_numpy(dtype="float64"),
        new_specific=feats["new_specific"].to_numpy(dtype="int64"),
        new_specific_across=feats["new_specific_across"].to_numpy(dtype="int64"),
        concrete_words=feats["concrete_words"].to_numpy(dtype="int64"),
        own_specific=feats["own_specific"].to_numpy(dtype="int64"),
        n_cues=feats["n_vague_cues"].to_numpy(dtype="int64"),
        restated_share=feats["restated_share"].to_numpy(dtype="float64"),
        reports_act=feats["reports_act"].to_numpy(dtype=bool),
        is_lead_in=feats["is_lead_in"].to_numpy(dtype=bool),
        lead_in_of=np.array([position.get(x, -1) if isinstance(x, str) else -1 for x in feats["list_lead_in_id"]], dtype="int64"),
    )


@dataclass(frozen=True)
class _Calls:
    """Which signals fire under one setting, and the vague balance."""

    not_applicable: np.ndarray
    template: np.ndarray
    within: np.ndarray
    across: np.ndarray
    restates: np.ndarray
    n_cues: np.ndarray
    balance: np.ndarray
    vague: np.ndarray

    @property
    def repeat(self) -> np.ndarray:
        return self.within | self.across

    @property
    def is_boilerplate(self) -> np.ndarray:
        return self.not_applicable | self.template | self.repeat | self.vague


def calls(sig: _Signals, t: Thresholds = THRESHOLDS) -> _Calls:
    """The signals that fire under settings `t`. A statement that restates its action's title and names no
    specific item of its own gets one more vague cue. A list lead-in ("DfE will:") is judged for vagueness
    together with its bullets: their concrete words and specific items count in its balance, because its
    content is in the list."""
    restates = (sig.restated_share >= t.restate_share) & (sig.own_specific == 0) & ~sig.reports_act
    n_cues = sig.n_cues + restates
    own = sig.concrete_words + t.specific_weight * sig.own_specific
    list_content = np.zeros(len(own), dtype="int64")
    has_lead_in = sig.lead_in_of >= 0
    np.add.at(list_content, sig.lead_in_of[has_lead_in], own[has_lead_in])
    balance = sig.concrete_words + t.specific_weight * sig.new_specific - np.maximum(n_cues - 1, 0)
    balance = balance + np.where(sig.is_lead_in, list_content, 0)
    return _Calls(
        not_applicable=sig.not_applicable,
        template=sig.template_fires,
        within=(sig.similarity >= t.repeat_containment) & (sig.new_specific == 0),
        across=(sig.similarity_across >= t.repeat_containment) & (sig.new_specific_across == 0),
        restates=restates,
        n_cues=n_cues,
        balance=balance,
        vague=(n_cues > 0) & (balance <= t.vague_max_balance),
    )


def decide(feats: pd.DataFrame, thresholds: Thresholds = THRESHOLDS) -> pd.DataFrame:
    """The decision from `features`: reason by precedence (not_applicable > template > repeat > vague),
    flag, and a score in [0, 1] that is the strongest signal's strength (>= 0.5 exactly for boilerplate)."""
    t = thresholds
    n = len(feats)
    sig = signals(feats, t)
    c = calls(sig, t)
    repeat = c.repeat
    # the evidence shown is the repeat that fired (the stronger one when both or neither did)
    use_across = c.across & (~c.within | (sig.similarity_across > sig.similarity))
    use_across |= ~repeat & (sig.similarity_across > sig.similarity)
    has_cue = c.n_cues > 0
    reason = np.select([c.not_applicable, c.template, repeat, c.vague], list(REASONS), default="")
    strengths = np.vstack(
        [
            np.where(c.not_applicable, 1.0, 0.0),
            _strength(c.template, sig.template_similarity, t.template_jaccard),
            _strength(repeat, np.maximum(sig.similarity, np.where(c.across, sig.similarity_across, 0.0)), t.repeat_containment),
            np.where(has_cue, _strength(c.vague, c.balance, t.vague_max_balance, higher_is_stronger=False), 0.0),
        ]
    )
    score = strengths.max(axis=0) if n else np.zeros(0)
    cues = [f"{k}; {RESTATES_ACTION}" if r and k else (RESTATES_ACTION if r else k) for k, r in zip(feats["vague_cues"], c.restates, strict=True)]
    out = feats.assign(
        vague_cues=pd.array(cues, dtype="str"),
        n_vague_cues=c.n_cues.astype("int64"),
        repeat_of=feats["repeat_of"].where(~use_across, feats["repeat_of_across"]),
        repeat_similarity=np.where(use_across, feats["repeat_similarity_across"], feats["repeat_similarity"]),
        vague_balance=c.balance.astype("int64"),
        boilerplate_reason=pd.array([r if r else pd.NA for r in reason], dtype="str"),
        is_boilerplate=reason != "",
        boilerplate_score=np.round(score, 4),
        lsl_boilerplate=feats["lsl_doc_count"].to_numpy() >= LSL_MIN_DOCUMENTS,
    )
    return out


RESTATES_ACTION = "restates the action"
"""The cue `calls` adds for a statement that restates its action's title and names no specific item of its own."""


def classify(statements: pd.DataFrame, thresholds: Thresholds = THRESHOLDS) -> pd.DataFrame:
    """The boilerplate table: one row per statement, in the order of the statements table, with the
    reason, flag, score and the evidence columns of `schemas.Boilerplate`."""
    if isinstance(statements, pd.DataFrame) and statements.empty:
        check_statements(statements)
        return schemas.empty("boilerplate")
    out = decide(features(statements, thresholds), thresholds).reset_index(drop=True)
    out = out.assign(boilerplate_reason_machine=out["boilerplate_reason"], reviewed_by=pd.NA)  # analysis.reviews may change the reason
    return schemas.build("boilerplate", out)
