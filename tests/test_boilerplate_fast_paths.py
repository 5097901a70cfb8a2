"""The boilerplate classifier's fast paths give what the plain definitions give (issue 11 item 6: speed
without a changed byte). Each compares a vectorised or short-cut internal with the straightforward
computation it replaces, on the seed page's real statements."""

from __future__ import annotations

import gc
import re

import numpy as np
import pandas as pd
import pytest

from analysis import boilerplate as bp
from analysis import pipeline
from analysis import text as text_module


@pytest.fixture(scope="module")
def seed_shapes(seed_document):
    from analysis.segment import statements

    frame, _ = statements([seed_document])
    return [bp.shape(t) for t in frame["text"]], [str(t) for t in frame["text"]]


def _groups_pair_by_pair(shapes, threshold):
    """Single-linkage groups by comparing every pair with `jaccard` (the definition)."""
    first: dict[tuple, int] = {}
    for i, s in enumerate(shapes):
        first.setdefault(s, i)
    keys = list(first)
    uf = bp._UnionFind(len(keys))
    sets = [bp.shingles(k) for k in keys]
    for i in range(len(keys)):
        for j in range(i + 1, len(keys)):
            if sets[i] and sets[j] and bp.jaccard(sets[i], sets[j]) >= threshold:
                uf.union(i, j)
    return [first[keys[uf.find(keys.index(s))]] for s in shapes]


@pytest.mark.parametrize("threshold", [0.2, 0.4, 0.75, 0.95])
def test_exact_families_equal_pair_by_pair_jaccard(seed_shapes, threshold):
    shapes, _ = seed_shapes
    assert bp.near_duplicate_groups(shapes, threshold) == _groups_pair_by_pair(shapes, threshold)


def test_shared_counts_equal_set_intersections(seed_shapes):
    from scipy.sparse import csr_matrix

    shapes, _ = seed_shapes
    sets = [bp.shingles(s) for s in dict.fromkeys(shapes) if s][:80]
    vocabulary: dict[str, int] = {}
    rows = [[vocabulary.setdefault(g, len(vocabulary)) for g in x] for x in sets]
    matrix = csr_matrix(
        (np.ones(sum(map(len, rows)), dtype=np.int32), (np.repeat(np.arange(len(rows)), [len(r) for r in rows]), np.concatenate(rows))),
        shape=(len(rows), len(vocabulary)),
    )
    a, b = np.triu_indices(len(sets), 1)
    expected = [len(sets[i] & sets[j]) for i, j in zip(a, b, strict=True)]
    old_chunk = bp.PAIR_CHUNK
    try:
        bp.PAIR_CHUNK = 7  # several chunks, the last one short
        assert bp._shared_counts(matrix, a, b).tolist() == expected
    finally:
        bp.PAIR_CHUNK = old_chunk


def test_sorted_unique_equals_numpy_unique():
    values = np.random.default_rng(0).integers(0, 50, 500)
    assert bp._sorted_unique(values).tolist() == np.unique(values).tolist()
    assert bp._sorted_unique(np.array([], dtype=np.int64)).tolist() == []


def test_vague_cue_short_cuts_miss_nothing(seed_shapes):
    _, texts = seed_shapes
    extra = ["DECC will continue to work closely with GDS where appropriate.", "It recruited 12 developers in March.",
             # characters a case-insensitive pattern matches to an ASCII letter that lower case does not give one
             "We will \u017feek to \u212aeep them. Various teams.", "We \u0130dentify how to help and a range of tools."]
    plain = {name: re.compile(pattern, re.IGNORECASE) for name, pattern in bp.VAGUE_CUES.items()}  # no look-ahead
    for text in texts + extra:
        masked = bp.mask_names(text)
        # every match of every cue, less a purpose clause's cue (a rule, not a short cut: `without_purpose_of_act`)
        found = bp.without_purpose_of_act(masked, tuple((name, tuple(p.finditer(masked))) for name, p in plain.items()))
        every_cue = tuple(name for name, matches in found if matches)
        assert bp.vague_cues(text) == every_cue, text
        every_lemma = frozenset(bp.lookup_lemma(t) for _, matches in found for m in matches for t in bp.tokens(m.group(0)))
        assert bp.cue_lemmas(text) == every_lemma, text
    assert any(bp.vague_cues(t) for t in texts) and any(not bp.vague_cues(t) for t in texts)


@pytest.mark.parametrize("pattern", [*bp.VAGUE_CUES.values(), r"\b(?:seek|seeks|sought)\s+to\b", r"ab(?i:cd)", r"x?y*z+w", r"[a-z]+"])
def test_a_text_without_the_required_words_does_not_match(seed_shapes, pattern):
    _, texts = seed_shapes
    compiled = re.compile(pattern, re.IGNORECASE)
    words = text_module.required_words(compiled)
    extra = ["we seek to", "they SOUGHT TO", "\u017feek to", "abCD", "zzw", "WILL \u0130DENTIFY HOW", ""]
    for t in texts + extra:
        if compiled.search(t):
            assert text_module.may_contain(text_module.lower_for_screening(t), words), (pattern, sorted(words or ()), t)
    assert text_module.required_words(re.compile(r"[a-z]+")) is None and text_module.required_words(re.compile(r"ab(?i:cd)")) == {"ab"}
    assert text_module.required_words(re.compile(r"\bKeen\s+to\b", re.I)) == {"keen"}


def test_batch_gc_restores_the_collector():
    before = gc.get_threshold()
    with pipeline.batch_gc(threshold=12_345):
        assert gc.get_threshold()[0] == 12_345
        assert gc.get_freeze_count() > 0
    assert gc.get_threshold() == before


def _lsl_set_by_set(statements):
    """Lang and Stice-Lawrence counts with a Python set of 4-grams per statement and per document (the definition)."""
    from collections import Counter, defaultdict

    words = [bp.masked_words(t) for t in statements["text"]]
    titles = dict(zip(statements["action"], statements["action_title"], strict=True))
    title_grams = {a: bp._ngrams(bp.masked_words(t), 4) for a, t in titles.items()}
    grams_of = [bp._ngrams(w, 4) for w in words]
    documents = defaultdict(set)
    for key, grams in zip(zip(statements["action"], statements["dept_abbr"], bp.editions(statements)), grams_of, strict=True):
        documents[key] |= grams
    frequency = Counter()
    for (action, _, _), grams in documents.items():
        frequency.update(grams - title_grams.get(action, set()))
    return [max((frequency[g] for g in grams), default=0) for grams in grams_of]


def test_lsl_counts_numbered_4grams_equal_the_set_definition(seed_statements):
    """`lsl_doc_counts` numbers every 4-gram once and counts with numpy; the definition builds sets. On the seed
    page, and on hand-made statements where a 4-gram of the action's title is shared (not counted for that
    action) and the same 4-gram comes from another action's documents (counted)."""
    assert bp.lsl_doc_counts(seed_statements).tolist() == _lsl_set_by_set(seed_statements)
    texts = ["We support improved digital capability across departments now.", "DWP will support improved digital capability across departments.",
             "We support improved digital capability across departments too.", "Short text.", ""]
    hand = pd.DataFrame({
        "text": texts, "action": [4, 4, 5, 5, 5], "dept_abbr": ["DfE", "DWP", "DfE", "HMRC", "DWP"],
        "action_title": ["support improved digital capability across departments"] * 2 + ["make services digital"] * 3,
        "section": ["plan_2014"] * 5, "year": [2014] * 5,
    })
    counts = bp.lsl_doc_counts(hand).tolist()
    assert counts == _lsl_set_by_set(hand)
    # "we support improved digital" is in two documents (DfE, actions 4 and 5); the title's 4-grams count only
    # in action 5's document, so DWP's statement, made of them and its own words, reaches 1
    assert counts == [2, 1, 2, 0, 0]
