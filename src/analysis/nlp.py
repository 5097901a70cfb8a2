"""The project's one spaCy pipeline: blank English, sentence rules and a lookup lemmatizer.

Built once per process (`get_nlp`) from `spacy.blank("en")` and rule components, so nothing is
downloaded at run time and results do not depend on a statistical model's version. The lemma
tables come from the `spacy-lookups-data` package.
"""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

# Abbreviations that end a sentence when a capitalised word follows ("... channel shift, etc. GDS ran").
SENTENCE_FINAL_ABBREVIATIONS = frozenset({"etc."})
_TERMINALS = frozenset({".", "!", "?", "\u2026"})
_OPENERS = frozenset({"(", "["})
_CLOSERS = frozenset({")", "]"})
_TRAILING = frozenset({")", "]", '"', "\u201d", "\u2019", "'"})


def _starts_sentence(text: str) -> bool:
    first = text[:1]
    return first.isupper() or first.isdigit() or first in "\"\u201c\u2018'(["


@Language.component("sentence_rules")
def sentence_rules(doc: Doc) -> Doc:
    """Split after ., !, ? (and "etc.") when a capitalised word follows, never inside brackets.

    Abbreviations the tokenizer keeps whole ("e.g.", "i.e.", "eg.") are not terminals, and
    a closing bracket or quote after the full stop stays with the sentence it closes.
    """
    depth = 0
    boundary_pending = False
    for i, token in enumerate(doc):
        if i == 0:
            token.is_sent_start = True
        elif token.is_space:  # a run of spaces ("platform.  The") neither starts nor cancels a boundary
            token.is_sent_start = False
            continue
        elif boundary_pending and token.text not in _TRAILING:
            token.is_sent_start = _starts_sentence(token.text)
            boundary_pending = False
        else:
            token.is_sent_start = False
        if token.text in _OPENERS:
            depth += 1
        elif token.text in _CLOSERS:
            depth = max(0, depth - 1)
        if depth == 0 and (token.text in _TERMINALS or token.lower_ in SENTENCE_FINAL_ABBREVIATIONS):
            boundary_pending = True
        elif boundary_pending and token.text not in _TRAILING:
            boundary_pending = False
    return doc


@lru_cache(maxsize=1)
def get_nlp() -> Language:
    """The shared pipeline: tokenizer, sentence rules, lookup lemmatizer (English tables)."""
    nlp = spacy.blank("en")
    nlp.add_pipe("sentence_rules")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.initialize()
    return nlp
