"""The project's one spaCy pipeline: blank English, sentence rules and a lookup lemmatizer.

Built once per process (`get_nlp`) from `spacy.blank("en")` and rule components, so nothing is
downloaded at run time and results do not depend on a statistical model's version. The lemma
tables come from the `spacy-lookups-data` package.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from typing import NamedTuple

import numpy as np
import spacy
from spacy.attrs import ORTH, SENT_START
from spacy.language import Language
from spacy.tokens import Doc

# Longest text the pipeline takes in one call: the tokenizer and rule components are linear, so a
# paragraph as long as the largest page the parser accepts (analysis.parse.MAX_PAGE_BYTES) is fine.
MAX_TEXT_CHARS = 5_000_000

# Abbreviations that end a sentence when a capitalised word follows ("... channel shift, etc. GDS ran").
SENTENCE_FINAL_ABBREVIATIONS = frozenset({"etc."})
_TERMINALS = frozenset({".", "!", "?", "\u2026"})
_OPENERS = frozenset({"(", "["})
_CLOSERS = frozenset({")", "]"})
_TRAILING = frozenset({")", "]", '"', "\u201d", "\u2019", "'"})


def _is_initial(text: str) -> bool:
    """A capital letter and a full stop, kept whole by the tokenizer ("A.", "J."): an initial, or a
    one-letter name ending its sentence ("a network of champions at Band A.")."""
    return len(text) == 2 and text[0].isupper() and text[1] == "."


# Pronouns, determiners and prepositions that open sentences and are never part of a name: after an initial
# ("at Band A. We will") they open a new sentence, where a name ("J. Smith", "A. N. Other") would not.
SENTENCE_OPENERS_AFTER_INITIAL = frozenset(
    {"we", "i", "he", "she", "it", "they", "our", "their", "its", "his", "her", "the", "this", "these", "those",
     "there", "a", "an", "in", "during", "by", "from"}
)


def _opens_sentence_after_initial(lexeme) -> bool:
    return lexeme.orth_[:1].isupper() and not lexeme.orth_.isupper() and lexeme.lower_ in SENTENCE_OPENERS_AFTER_INITIAL


def _starts_sentence(text: str) -> bool:
    first = text[:1]
    return first.isupper() or first.isdigit() or first in "\"\u201c\u2018'(["


class _Word(NamedTuple):
    """What the sentence rules read of a word (its text and its lexeme's is_space), worked out once per word."""

    is_space: bool
    trailing: bool
    opener: bool
    closer: bool
    terminal: bool
    starts: bool
    initial: bool
    opens_after_initial: bool


_WORDS: dict[int, _Word] = {}  # word id (ORTH) -> _Word, filled as words are met


def _word(vocab, orth: int) -> _Word:
    lexeme = vocab[orth]
    text = lexeme.orth_
    word = _Word(
        lexeme.is_space, text in _TRAILING, text in _OPENERS, text in _CLOSERS,
        text in _TERMINALS or lexeme.lower_ in SENTENCE_FINAL_ABBREVIATIONS, _starts_sentence(text),
        _is_initial(text), _opens_sentence_after_initial(lexeme),
    )
    _WORDS[orth] = word
    return word


@Language.component("sentence_rules")
def sentence_rules(doc: Doc) -> Doc:
    """Split after ., !, ? (and "etc.") when a capitalised word follows, never inside brackets.

    Abbreviations the tokenizer keeps whole ("e.g.", "i.e.", "eg.") are not terminals, and
    a closing bracket or quote after the full stop stays with the sentence it closes. An initial
    ("A.") ends a sentence only when a capitalised function word follows ("at Band A. We will").
    """
    # One pass that collects the boundaries, then one array write: setting `token.is_sent_start` token by
    # token checks the whole document each time, which made long paragraphs quadratic.
    starts = np.full(len(doc), -1, dtype=np.int64)
    depth = 0
    boundary_pending = after_initial = False
    vocab = doc.vocab
    for i, orth in enumerate(doc.to_array(ORTH).tolist()):  # word ids: no Token objects to build
        word = _WORDS.get(orth) or _word(vocab, orth)
        if i == 0:
            starts[i] = 1
        elif word.is_space:  # a run of spaces ("platform.  The") neither starts nor cancels a boundary
            continue
        elif boundary_pending and not word.trailing:
            if word.starts:
                starts[i] = 1
            boundary_pending = False
        elif after_initial and word.opens_after_initial:
            starts[i] = 1
        after_initial = depth == 0 and word.initial
        if word.opener:
            depth += 1
        elif word.closer:
            depth = max(0, depth - 1)
        if depth == 0 and word.terminal:
            boundary_pending = True
        elif boundary_pending and not word.trailing:
            boundary_pending = False
    if len(doc):
        doc.from_array([SENT_START], starts.view(np.uint64).reshape(-1, 1))
    return doc


def sentence_docs(texts: Iterable[str]) -> list[Doc]:
    """The texts through the tokenizer and the sentence rules only: what the initiative rules read (tokens and
    sentence starts, never lemmas), made once per build and handed on to follow-through, which reads their tokens."""
    nlp = get_nlp()
    with nlp.select_pipes(enable=["sentence_rules"]):
        return list(nlp.pipe(texts))


@lru_cache(maxsize=1)
def get_nlp() -> Language:
    """The shared pipeline: tokenizer, sentence rules, lookup lemmatizer (English tables)."""
    nlp = spacy.blank("en")
    nlp.max_length = MAX_TEXT_CHARS
    nlp.add_pipe("sentence_rules")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.initialize()
    return nlp
