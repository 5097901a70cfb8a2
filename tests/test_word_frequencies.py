"""The environment's copy of spaCy's word-frequency table answers every question the initiative rules can ask
exactly as the installed table does, and a copy made from another table is not used."""

from __future__ import annotations

import marshal

import pytest

from analysis.initiatives import word_frequencies as wf


@pytest.fixture(scope="module")
def tables(tmp_path_factory):
    path = tmp_path_factory.mktemp("freq") / "lexeme_prob.marshal"
    full = wf.full_table()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(wf, "full_table", lambda: full)  # parsed once for the whole module
        wf.write(path)
    return full, wf.load(path), path


def test_copy_has_every_askable_word_with_the_same_value(tables):
    full, copy, _ = tables
    askable = {word: value for word, value in full.items() if wf.askable(word)}
    assert copy == askable
    assert len(copy) < len(full)  # smaller: that is the point


def test_lower_case_of_an_alphabetic_word_is_askable():
    # the rules look up a word only when it is alphabetic, and then its lower case too
    for word in ["Digital", "ÉCOLE", "Kelvin", "İstanbul", "Straße"]:
        assert word.isalpha() and wf.askable(word) and wf.askable(word.lower())


def test_a_stale_or_broken_copy_is_not_used(tables, tmp_path, monkeypatch):
    _, _, path = tables
    monkeypatch.setattr(wf, "full_table", lambda: {"from": "the installed table"})
    stamp, _ = marshal.loads(path.read_bytes())
    stale = tmp_path / "stale.marshal"
    stale.write_bytes(marshal.dumps(((*stamp[:-1], stamp[-1] + 1), {"Digital": 0.0})))
    broken = tmp_path / "broken.marshal"
    broken.write_bytes(b"not marshal")
    for copy in (stale, broken, tmp_path / "missing.marshal"):
        assert wf.load(copy) == {"from": "the installed table"}, copy
    assert wf.load(path)["Digital"] != "the installed table"
