"""The environment's copy of spaCy's word-frequency table answers every question the initiative rules can ask
exactly as the installed table does, and a copy made from another table is not used."""

from __future__ import annotations

import sqlite3

import pytest

from analysis.initiatives import word_frequencies as wf


@pytest.fixture(scope="module")
def tables(tmp_path_factory):
    path = tmp_path_factory.mktemp("freq") / "lexeme_prob.sqlite"
    full = wf.full_table()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(wf, "full_table", lambda: full)  # parsed once for the whole module
        wf.write(path)
    return full, wf.load(path), path


def test_copy_has_every_askable_word_with_the_same_value(tables):
    full, copy, _ = tables
    askable = {word: value for word, value in full.items() if wf.askable(word)}
    assert isinstance(copy, wf.Store)  # the copy was used, not the installed table
    assert dict(copy.items()) == askable
    assert len(copy) < len(full)  # smaller: that is the point
    assert copy.get("Digital") == full["Digital"] and copy.get("no-such-word-xyz") is None
    copy.preload()  # read whole: the same answers
    assert copy.get("Digital") == full["Digital"] and copy.get("no-such-word-xyz") is None
    assert dict(copy.items()) == askable


def test_lower_case_of_an_alphabetic_word_is_askable():
    # the rules look up a word only when it is alphabetic, and then its lower case too
    for word in ["Digital", "ÉCOLE", "Kelvin", "İstanbul", "Straße"]:
        assert word.isalpha() and wf.askable(word) and wf.askable(word.lower())


def test_a_stale_or_broken_copy_is_not_used(tables, tmp_path, monkeypatch):
    _, _, path = tables
    monkeypatch.setattr(wf, "full_table", lambda: {"from": "the installed table"})
    stale = tmp_path / "stale.sqlite"
    stale.write_bytes(path.read_bytes())
    with sqlite3.connect(stale) as db:
        db.execute("UPDATE meta SET stamp = 'made from another table'")
    db.close()
    broken = tmp_path / "broken.sqlite"
    broken.write_bytes(b"not a database")
    for copy in (stale, broken, tmp_path / "missing.sqlite"):
        assert wf.load(copy) == {"from": "the installed table"}, copy
    assert wf.load(path)["Digital"] != "the installed table"
