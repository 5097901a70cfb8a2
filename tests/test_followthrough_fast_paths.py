"""Follow-through's speed paths give what their plain definitions give (performance itself is measured by
`make bench`, not asserted here)."""

from __future__ import annotations

import re

import pytest

from analysis import paths
from analysis.followthrough import text_features as ft
from analysis.nlp import get_nlp
from analysis.parse import parse_file
from analysis.segment import statements
from analysis.text import MONTH_WORDS, lemma, masked_spans, stop_words


def terms_token_by_token(doc, masked, stop):
    """`text_features._terms` as it was written before words were looked up once each: every token tested."""
    terms, numbers, dates = [], set(), set()
    for t_i, tok in enumerate(doc):
        if t_i in masked or not (tok.is_alpha or tok.text.isalnum()):
            continue
        low = tok.lower_
        if not tok.is_alpha and any(ch.isdigit() for ch in low):
            previous = doc[t_i - 1].lower_ if t_i else ""
            if previous not in ft.REFERENCE_WORDS:
                (dates if re.fullmatch(r"(19|20)\d\d", low) else numbers).add(low)
                terms.append(low)
            continue
        if low in MONTH_WORDS:
            dates.add(low)
        if len(low) < 2 or low in stop:
            continue
        terms.append(lemma(low))
    return terms, numbers, dates


HAND_WRITTEN = [
    "In March 2014 the department ran 3 workshops under action 4 and section 12, with 2,000 staff.",
    "Action 14: DWP trained 40 people; a GOV.UK x2 pilot (phase 2b) ran in May and June 2015.",
    "The Ministry of Defence (MOD) will publish its Digital Strategy by December.",
    "We will continue to support the work of GDS - as set out in 2013 - and a 1-day course.",
    "",
]


def _texts() -> list[str]:
    frame, _ = statements([parse_file(paths.SEED_PAGE)])
    return HAND_WRITTEN + frame["text"].tolist()


@pytest.mark.parametrize("shared", [True, False], ids=["shared stop words", "other stop words"])
def test_terms_per_word_equal_token_by_token(shared):
    stop = stop_words() if shared else frozenset({"the", "and", "staff"})
    lexemes: dict = {}
    for text, doc in zip(_texts(), get_nlp().tokenizer.pipe(_texts()), strict=True):
        toks = ft._tokens(doc, lexemes)
        masked = ft._masked_tokens(toks, masked_spans(text))
        for mask in (masked, set()):
            assert ft._terms(toks, mask, stop) == terms_token_by_token(toks, mask, stop), text
