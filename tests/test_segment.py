"""Segmentation: sentence rules, lead-ins and bullets, stable ids, nothing lost, overlapping pages."""

from __future__ import annotations

import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis import schemas, synthetic
from analysis.departments import DEPARTMENTS
from analysis.parse import parse_bytes, parse_text
from analysis.segment import count_words, sentences, statement_id, statements


@pytest.mark.parametrize(
    "paragraph, expected",
    [
        ("One thing. Two things.", ["One thing.", "Two things."]),
        # "etc." ends a sentence when a capital follows, not when the sentence goes on
        ("It helped, etc. GDS took on more.", ["It helped, etc.", "GDS took on more."]),
        ("It helped postings, etc., through sessions.", ["It helped postings, etc., through sessions."]),
        # abbreviations and brackets never split
        ("Programmes (eg for user researchers) ran. Then more.", ["Programmes (eg for user researchers) ran.", "Then more."]),
        ("Events (Sprint 13 in January. Sprint Alpha July) ran. Next.", ["Events (Sprint 13 in January. Sprint Alpha July) ran.", "Next."]),
        ("It uses tools e.g. Slack and more.", ["It uses tools e.g. Slack and more."]),
        ("It trialled this in 3 Jobcentres: London Bridge, Newport. Then 4.", ["It trialled this in 3 Jobcentres: London Bridge, Newport.", "Then 4."]),
        ("A sentence without a full stop", ["A sentence without a full stop"]),
        ("It went live in September. 25 exemplars followed.", ["It went live in September.", "25 exemplars followed."]),
        ("The department ran it. GOV.UK was used.", ["The department ran it.", "GOV.UK was used."]),
        ("It moves to the same platform.  The agency follows.", ["It moves to the same platform.", "The agency follows."]),  # two spaces
        # an initial ends a sentence before a capitalised function word, not before a name
        ("Champions at grade C. They meet monthly.", ["Champions at grade C.", "They meet monthly."]),
        ("Report by J. Smith and others.", ["Report by J. Smith and others."]),
        ("Led by A. N. Other in 2014.", ["Led by A. N. Other in 2014."]),
        ("Options (plan B. The second) ran.", ["Options (plan B. The second) ran."]),
    ],
)
def test_sentence_rules(paragraph, expected):
    assert sentences([paragraph]) == [expected]


def test_count_words():
    assert count_words("DWP’s arm’s-length bodies, in 2014 (3 of them).") == 8  # DWP’s, arm’s-length, bodies, in, 2014, 3, of, them


def test_statement_id_is_readable():
    assert statement_id(4, "DWP", "progress_2014", 7) == "a04-DWP-progress_2014-007"
    assert statement_id(16, "AGO", "plan_2015", 12) == "a16-AGO-plan_2015-012"


def test_seed_table(seed_statements):
    frame = schemas.Statements.validate(seed_statements)
    # an independent hand segmentation of the page (data/annotations/boilerplate_labels.csv) has 202 statements
    assert len(frame) == 202
    assert frame["statement_id"].is_unique
    assert frame.groupby("dept_abbr")["section"].nunique().eq(5).all()
    assert frame["dept_abbr"].nunique() == 17
    first = frame.iloc[0]
    assert first["statement_id"] == "a04-AGO-commitment_2012-001"
    assert first["text"].startswith("The Attorney General\u2019s Office (AGO) is working with Cabinet Office")
    assert first["line"] == 7 and first["heading"] == "Departmental digital strategy commitments (December 2012)"


def test_seed_lead_ins_and_bullets(seed_statements):
    frame = seed_statements.set_index("statement_id")
    lead = frame.loc["a04-DfE-plan_2015-001"]
    assert lead["text"] == "DfE will:" and lead["is_lead_in"] and not lead["is_bullet"]
    bullets = frame[frame["list_lead_in_id"] == "a04-DfE-plan_2015-001"]
    assert list(bullets["position"]) == [2, 3, 4] and bullets["is_bullet"].all()
    # lead-in that is the second sentence of its paragraph
    ho = frame.loc["a04-HO-plan_2015-002"]
    assert ho["text"] == "Measures will include:" and ho["is_lead_in"]
    assert frame.loc["a04-HO-plan_2015-001", "is_lead_in"] == False  # noqa: E712
    assert frame["is_lead_in"].sum() == 5 and frame["is_bullet"].sum() == 18


def test_seed_nothing_lost_at_statement_level(seed_document, seed_statements):
    """Statements of each source line, joined, give back the line's text exactly (white space folded)."""
    by_line = seed_statements.groupby("line")["text"].apply(" ".join)
    for section in seed_document.sections:
        for block in section.blocks:
            assert by_line[block.line] == " ".join(block.text.split())


def test_ids_identical_across_reruns(seed_document):
    first, _ = statements([seed_document])
    second, _ = statements([seed_document])
    assert first.equals(second)


def test_a_section_on_two_pages_is_kept_once_with_both_sources(seed_document):
    import copy

    twin = copy.deepcopy(seed_document)
    twin.source_file = "copy.json"
    frame, warnings = statements([seed_document, twin])
    assert len(frame) == 202 and frame["statement_id"].is_unique
    assert set(frame["source_file"]) == {seed_document.source_file}
    assert set(frame["other_sources"]) == {"copy.json"}
    assert warnings == [f"copy.json: 85 section(s) repeat {seed_document.source_file} word for word: counted once"]

    # one line per page, however many pages its copies repeat
    later, first_five = copy.deepcopy(seed_document), copy.deepcopy(seed_document)
    later.sections, first_five.sections, first_five.source_file = later.sections[5:], first_five.sections[:5], "a.json"
    _, warnings = statements([later, first_five, twin])
    assert warnings == ["copy.json: 85 section(s) repeat 2 other pages word for word: counted once"]

    alone, _ = statements([seed_document])
    assert alone["other_sources"].isna().all()


def test_differing_copies_are_kept_once_and_the_difference_named(seed_document):
    import copy

    changed = copy.deepcopy(seed_document)
    changed.source_file = "dept-ago.json"
    ago_2012 = changed.sections[0]
    assert ago_2012.key == (4, "AGO", "commitment_2012", 2015)
    ago_2012.blocks[0].text = ago_2012.blocks[0].text.replace("keen to work", "eager to work")
    frame, warnings = statements([seed_document, changed])
    assert len(frame) == 202
    differs = [w for w in warnings if "differs" in w]
    assert len(differs) == 1
    assert differs[0].startswith("dept-ago.json:6: action 4 AGO commitment_2012 differs from")
    assert "reads '\u2026departments are keen to work with Cabinet Office\u2026' in the kept copy, '\u2026departments are eager to work" in differs[0]
    kept = frame[frame["statement_id"] == "a04-AGO-commitment_2012-002"]
    assert "keen to work" in kept["text"].iloc[0] and kept["other_sources"].iloc[0] == "dept-ago.json"


def test_a_truncated_copy_gives_way_to_a_complete_one(seed_document):
    import copy

    cut = copy.deepcopy(seed_document)
    cut.source_file, cut.truncated = "a-cut-copy.txt", True
    cut.sections[0].blocks[0].text = cut.sections[0].blocks[0].text[:40]
    frame, warnings = statements([cut, seed_document])
    assert set(frame["source_file"]) == {seed_document.source_file}
    assert any("(that page is truncated)" in w and "paragraph 1" in w for w in warnings)


def test_when_every_page_is_truncated_the_copy_cut_at_a_page_end_gives_way(seed_document):
    """Two truncated downloads: only the last section of each is cut, so the section cut at the end of the
    first page is taken from the second, where it sits whole in the middle."""
    import copy

    first, second = copy.deepcopy(seed_document), copy.deepcopy(seed_document)
    first.source_file, second.source_file = "first.txt", "second.txt"
    first.truncated = second.truncated = True
    first.sections = first.sections[:3]
    whole = first.sections[-1].blocks[-1].text
    first.sections[-1].blocks[-1].text = whole[:12]
    frame, warnings = statements([first, second])
    key = first.sections[-1].key
    rows = frame[(frame["action"] == key[0]) & (frame["dept_abbr"] == key[1]) & (frame["section"] == key[2])]
    assert set(rows["source_file"]) == {"second.txt"}
    assert whole in " ".join(rows["text"])
    assert any(w.startswith("first.txt:") and "(that page is truncated)" in w for w in warnings)


def test_describe_difference_names_missing_and_extra_paragraphs(seed_document):
    import copy

    from analysis.segment import describe_difference

    co = next(s for s in seed_document.sections if s.key == (4, "CO", "progress_2013", 2015))
    shorter = copy.deepcopy(co)
    del shorter.blocks[1]
    assert describe_difference(co, shorter) == "paragraph 2 of the kept copy missing"
    assert describe_difference(shorter, co) == "1 paragraph(s) not in the kept copy, at 2"
    bulleted = copy.deepcopy(co)
    bulleted.blocks[1].is_bullet = True
    assert describe_difference(co, bulleted) == "same words, different bullet structure"


# --- property: render random documents, parse, recover exactly what was generated -------------

WORDS = st.sampled_from(synthetic.WORDS)


@st.composite
def sentence(draw):
    words = draw(st.lists(WORDS, min_size=1, max_size=12))
    return words[0].capitalize() + "".join(" " + w for w in words[1:]) + draw(st.sampled_from([".", ".", "!", "?"]))


@st.composite
def paragraph(draw):
    sents = draw(st.lists(sentence(), min_size=1, max_size=4))
    bullets = []
    if draw(st.booleans()):
        sents[-1] = sents[-1][:-1] + " will:"
        bullets = [" ".join(draw(st.lists(WORDS, min_size=1, max_size=8))) for _ in range(draw(st.integers(1, 4)))]
    return synthetic.Paragraph(sents, bullets)


@st.composite
def section_list(draw):
    chosen = draw(st.lists(st.sampled_from(list(synthetic.PERIOD_HEADINGS)), min_size=1, max_size=5, unique=True))
    chosen = [s for s in synthetic.PERIOD_HEADINGS if s in chosen]  # pages keep time order
    return [
        synthetic.SyntheticSection(s, draw(st.lists(paragraph(), min_size=1, max_size=3)), draw(st.sampled_from(synthetic.PERIOD_HEADINGS[s])))
        for s in chosen
    ]


@st.composite
def page(draw):
    layout = draw(st.sampled_from(["action-major", "department-major"]))
    style = synthetic.Style(
        blank_lines=draw(st.booleans()),
        numbered=draw(st.booleans()),
        header_lines=draw(st.booleans()),
        curly_apostrophes=draw(st.booleans()),
        the_prefix=draw(st.booleans()),
    )
    if layout == "action-major":
        depts = draw(st.lists(st.sampled_from(DEPARTMENTS), min_size=1, max_size=6, unique_by=lambda d: d.abbr))
        blocks = [synthetic.SyntheticBlock(d, 4, "support improved digital capability", draw(section_list())) for d in depts]
    else:
        dept = draw(st.sampled_from(DEPARTMENTS))
        actions = draw(st.lists(st.integers(1, 16), min_size=1, max_size=4, unique=True))
        blocks = [synthetic.SyntheticBlock(dept, a, f"action number {a} wording", draw(section_list())) for a in sorted(actions)]
    return layout, style, blocks


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(page())
def test_roundtrip_random_pages(generated):
    layout, style, blocks = generated
    text = synthetic.render(blocks, layout, style)
    doc = parse_text(text, "generated.txt")
    assert doc.layout == layout
    frame, _ = statements([doc])
    recovered = list(frame[["action", "dept_abbr", "section", "text", "is_bullet", "is_lead_in"]].itertuples(index=False, name=None))
    expected = synthetic.expected_statements(blocks)
    assert [tuple(r) for r in recovered] == expected
    schemas.Statements.validate(frame)


def test_random_page_generator_is_parseable():
    text, blocks = synthetic.random_page(random.Random(1))
    frame, _ = statements([parse_text(text, "r.txt")])
    assert len(frame) == len(synthetic.expected_statements(blocks))


# --- the same property for the 2012 edition's Markdown dialect ----------------------------------


@st.composite
def page_2012(draw):
    style = synthetic.Style2012(
        blank_lines=draw(st.integers(0, 3)),
        br_spacing=draw(st.sampled_from(["", " "])),
        ampersand=draw(st.booleans()),
        read_more=draw(st.sampled_from(["space", "attached", "none"])),
        link_every=draw(st.integers(0, 3)),
    )
    depts = draw(st.lists(st.sampled_from(DEPARTMENTS), min_size=1, max_size=6, unique_by=lambda d: d.abbr))
    action = draw(st.integers(1, 14))
    blocks = [
        synthetic.SyntheticBlock(
            d, action, "all departments will do a thing", [synthetic.SyntheticSection("commitment_2012", draw(st.lists(paragraph(), min_size=1, max_size=3)))]
        )
        for d in depts
    ]
    return style, blocks


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(page_2012())
def test_roundtrip_random_2012_files(generated):
    style, blocks = generated
    text = synthetic.render_2012(blocks, style)
    doc = parse_bytes(text.encode("utf-8"), "generated.md")
    assert doc.edition == 2012 and not doc.warnings and not doc.unsectioned
    frame, _ = statements([doc])
    recovered = list(frame[["action", "dept_abbr", "section", "text", "is_bullet", "is_lead_in"]].itertuples(index=False, name=None))
    assert [tuple(r) for r in recovered] == synthetic.expected_statements(blocks)
    assert frame["statement_id"].str.contains("-e2012-").all() and frame["edition"].eq(2012).all()
    if style.read_more != "none":  # every statement carries its department's strategy link
        for index, dept_rows in frame.groupby("dept_abbr", sort=False):
            position = [b.department.abbr for b in blocks].index(index)
            assert dept_rows["source_url"].str.endswith(f"http://example.gov.uk/strategy/{position}").all()
    if style.link_every:  # every sentence (not bullets) carries its own inline link first
        sentences_only = frame[~frame["is_bullet"]]
        assert sentences_only["source_url"].str.startswith("http://example.gov.uk/").all()
    schemas.Statements.validate(frame)
