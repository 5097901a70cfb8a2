"""Both editions side by side: the restatement of 2012 responses by the 2015 pages.

The real pairs are the seed's Cabinet Office action 4 and the series fragments' commitment sections
(data/external/series-fragments/) against data/raw/_action0N.md; each expected kind was decided by
reading the two texts side by side.
"""

from __future__ import annotations

import pytest

from analysis import editions, paths, schemas
from analysis.parse import parse_file
from analysis.segment import statements

from .conftest import PAGES, SEED


def _table(*files):
    docs = [parse_file(f) for f in files]
    frame, _ = statements(docs)
    return schemas.Restatements.validate(editions.restatements(frame, frozenset(d.source_file for d in docs if d.truncated)))


@pytest.fixture(scope="module")
def real_pairs():
    raw = [paths.RAW / f"_action0{n}.md" for n in (1, 2, 4, 5)]
    pages = [SEED, PAGES / "action05.txt", PAGES / "dept-defra.txt", PAGES / "dept-dwp.txt", PAGES / "dept-health.txt"]
    return _table(*raw, *pages).set_index(["action", "dept_abbr"])


def test_seed_cabinet_office_action_4_is_unchanged_but_for_person(real_pairs):
    row = real_pairs.loc[(4, "CO")]
    # "We will build …" -> "Cabinet Office will build …"; "Government Digital Service" -> "GDS"; "government wide" -> "government-wide"
    assert row["kind"] == "unchanged" and row["person_changed"]
    assert (row["sentences_2012"], row["sentences_2015"], row["kept"]) == (4, 4, 4)
    assert row["words_dropped"] == "government wide" and row["words_added"] == "government-wide"
    assert row["source_file_2015"] == SEED.name and not row["truncated_2015"]


def test_fragment_pairs(real_pairs):
    assert sorted(real_pairs.index) == [(1, "DH"), (1, "DWP"), (1, "Defra"), (2, "Defra"), (4, "CO"), (5, "AGO"), (5, "CO")]
    # all restate every sentence in order; the 2015 pages turn "we" / "our" into the department's name or "it" / "its"
    assert set(real_pairs["kind"]) == {"unchanged"}
    assert real_pairs.loc[(1, "Defra"), "words_dropped"] == "key" and "principal" in real_pairs.loc[(1, "Defra"), "words_added"]
    assert real_pairs.loc[(5, "CO"), "words_added"] == "ertp"  # the acronym the 2015 page adds
    # written in the third person already in 2012
    assert not real_pairs.loc[(1, "DH"), "person_changed"] and not real_pairs.loc[(5, "AGO"), "person_changed"]
    assert real_pairs.loc[(1, "DWP"), "person_changed"] and real_pairs.loc[(2, "Defra"), "person_changed"]


ORIGINAL = [
    "We will train 40 staff in user research by March 2013.",
    "We will publish our content plan.",
    "Our board will review progress each quarter.",
]


def test_shortened_lists_the_dropped_sentence():
    restated = ["DfT will train 40 staff in user research by March 2013.", "Its board will review progress each quarter."]
    kind, alignment = editions.classify_restatement(ORIGINAL, restated)
    assert kind == "shortened" and alignment.dropped == (1,) and alignment.added == ()


def test_rewritten_when_a_new_sentence_appears():
    restated = ["DfT trained 40 staff in user research by March 2013.", "DfT opened a digital hub in Leeds with 12 developers."]
    kind, alignment = editions.classify_restatement(ORIGINAL, restated)
    assert kind == "rewritten" and alignment.added == (1,) and alignment.dropped == (1, 2)


def test_unchanged_across_person_and_tense():
    restated = ["DfT will train 40 staff in user research by March 2013.", "It will publish its content plan.", "Its board will review progress each quarter."]
    assert editions.classify_restatement(ORIGINAL, restated)[0] == "unchanged"


def test_no_pairs_without_both_editions(seed_statements):
    out = editions.restatements(seed_statements.assign(edition=2015))
    assert out.empty and list(out.columns) == schemas.columns("restatements")
    assert editions.restatements(seed_statements.drop(columns="edition")).empty


def test_truncated_page_flags_its_last_section(tmp_path):
    cut = tmp_path / "cut.txt"
    text = (PAGES / "action05.txt").read_text(encoding="utf-8")
    end = text.index("Progress during 2013", text.index("Cabinet Office"))
    cut.write_text(text[: end].rstrip()[:-12], encoding="utf-8")  # ends mid-sentence in CO's commitment
    table = _table(paths.RAW / "_action05.md", cut).set_index("dept_abbr")
    assert table.loc["CO", "truncated_2015"] and not table.loc["AGO", "truncated_2015"]
