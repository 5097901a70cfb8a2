"""The Content API reader: the same page read from its JSON and from its copied text gives the same
statements; HTML structure, links and refusals.

The JSON pages are rendered from the copied text by tests/govuk_api.py (headings by its own rules,
not the parser's) and committed as recorded responses in tests/fixtures/content-api/.
"""

from __future__ import annotations

import json

import pytest

from analysis.parse import ACTION_MAJOR, DEPARTMENT_MAJOR, ParseError, parse_bytes, parse_file
from analysis.parse.govuk_json import html_blocks, looks_like_json
from analysis.segment import statements

from . import govuk_api

FIXTURES = govuk_api.FIXTURES


def page_json(body: str, title: str = "Action 9: do a thing", **extra) -> bytes:
    return json.dumps({"title": title, "content_id": "c-1", "details": {"body": body}, **extra}).encode()


@pytest.mark.parametrize("page", sorted(govuk_api.SOURCES))
def test_recorded_responses_are_current(page):
    """The committed fixtures are what the renderer makes of the copied text (`python -m tests.govuk_api`)."""
    assert (FIXTURES / f"{page}.json").read_bytes() == govuk_api.render_bytes(page)


def test_seed_json_and_text_give_the_same_statements(seed_path):
    text_doc = parse_file(seed_path)
    json_doc = parse_file(FIXTURES / "action-04.json")
    assert json_doc.layout == text_doc.layout == ACTION_MAJOR
    assert json_doc.actions == text_doc.actions
    assert json_doc.departments == text_doc.departments
    from_text, _ = statements([text_doc])
    from_json, _ = statements([json_doc])
    assert len(from_text) == len(from_json) == 202
    assert from_json["source_file"].unique().tolist() == ["action-04.json"]
    same = [c for c in from_text.columns if c not in {"source_file", "line"}]
    assert from_json[same].equals(from_text[same])


def test_seed_json_lines_point_into_the_body(seed_document):
    data = json.loads((FIXTURES / "action-04.json").read_bytes())
    body_lines = data["details"]["body"].split("\n")
    doc = parse_file(FIXTURES / "action-04.json")
    for section in doc.sections:
        for block in section.blocks:
            assert block.text.split()[0] in body_lines[block.line - 1], (block.line, block.text[:40])
    # the page tells where it came from
    assert doc.metadata["content_id"] == data["content_id"]
    assert doc.metadata["public_updated_at"].startswith("2015-01-16")
    assert doc.metadata["political"] == "False" and "government" not in doc.metadata  # the seed copy has no history banner
    a05 = parse_file(FIXTURES / "action-05.json").metadata
    assert a05["government"] == "2010 to 2015 Conservative and Liberal Democrat coalition government"
    assert a05["political"] == "True"


@pytest.mark.parametrize("page", sorted(set(govuk_api.SOURCES) - {"action-04"}))
def test_fragments_json_and_text_give_the_same_sections(page):
    """Fragments are cut mid-line; the JSON holds the complete lines, so the text's last line is left out."""
    source = govuk_api.SOURCES[page]
    raw = source.read_bytes()
    cut_line = raw.count(b"\n") + 1 if not raw.endswith(b"\n") else None
    text_doc, json_doc = parse_file(source), parse_file(FIXTURES / f"{page}.json")
    assert json_doc.layout == text_doc.layout
    assert json_doc.actions.items() <= text_doc.actions.items()  # the cut line may be a heading of one more action

    def sections(doc, skip_line=None):
        return [(s.key, s.heading, [(b.text, b.is_bullet) for b in s.blocks if b.line != skip_line]) for s in doc.sections]

    assert sections(json_doc) == sections(text_doc, cut_line)


def test_department_page_layout_and_numbered_headings():
    dwp = parse_file(FIXTURES / "dept-dwp.json")
    assert dwp.layout == DEPARTMENT_MAJOR and dwp.departments == ["DWP"]
    a16 = parse_file(FIXTURES / "action-16.json")
    assert [s.heading for s in a16.sections if s.dept_abbr == "AGO"] == ["1.1 Progress during 2014", "1.2 Planned activities in 2015"]
    assert {"AGO", "CO", "BIS"} <= {s.dept_abbr for s in a16.sections}


def test_html_blocks_headings_paragraphs_bullets_links():
    body = (
        '<div class="govspeak">\n<h2 id="x"><span class="number">1. </span>Home Office</h2>\n'
        "<p>We ran <a href=\"https://www.gov.uk/service-manual\">the Service Manual</a> &amp; more.<br>Second line.</p>\n"
        "<ul><li><p>first</p></li><li>second <strong>item</strong></li></ul>\n"
        "<script>var x = 1;</script>bare text\n</div>"
    )
    blocks = html_blocks(body)
    assert [(b.text, b.level, b.is_bullet, b.line) for b in blocks] == [
        ("1. Home Office", 2, False, 2),
        ("We ran the Service Manual & more.", 0, False, 3),
        ("Second line.", 0, False, 3),
        ("first", 0, True, 4),
        ("second item", 0, True, 4),
        ("bare text", 0, False, 5),
    ]
    assert blocks[1].links == [(len("Weran"), "https://www.gov.uk/service-manual")]  # where the link's words start


def test_reader_places_the_blocks_as_the_text_reader_does():
    body = (
        "<p>This action forms part of the Government Digital Strategy.</p>\n"
        "<h2>Office of Widgets and Sprockets Regulation</h2>\n"  # a heading the gazetteer does not know
        "<h3>Progress during 2014</h3>\n"
        '<p>It launched <a href="https://example.org/w">Widget Online</a>.</p>\n'
        "<h4>Digital Academy</h4>\n"  # a sub-heading inside the section, not a department: kept as text
        "<h2>Department for Work and Pensions</h2>\n<h3>Planned activities in 2015</h3>\n<ul><li>one</li><li>two</li></ul>\n"
    )
    doc = parse_bytes(page_json(body), "p.json")
    assert doc.actions == {9: "do a thing"}
    assert [(s.department, s.section) for s in doc.sections] == [
        ("Office of Widgets and Sprockets Regulation", "progress_2014"),  # kept under its own name
        ("Department for Work and Pensions", "plan_2015"),
    ]
    unk = doc.sections[0]
    assert [b.text for b in unk.blocks] == ["It launched Widget Online.", "Digital Academy"]
    assert unk.blocks[0].links == ((len("Itlaunched"), "https://example.org/w"),)
    assert [b.is_bullet for b in doc.sections[1].blocks] == [True, True]
    # warnings and lines name lines of details.body
    assert any(w.startswith("line 2: department heading") and "not in the gazetteer" in w for w in doc.warnings)
    assert [s.heading_line for s in doc.sections] == [3, 7] and [b.line for b in doc.sections[1].blocks] == [8, 8]
    assert [b.text for b in doc.furniture] == ["This action forms part of the Government Digital Strategy."]


def test_format_is_detected_by_content_not_name(seed_path):
    raw = (FIXTURES / "action-04.json").read_bytes()
    assert len(parse_bytes(raw, "saved-as.txt").sections) == 85
    assert looks_like_json(b'\xef\xbb\xbf\n  {\n "title": "x"}') and looks_like_json(b"{}")
    assert not looks_like_json(b"{::options parse_block_html=\"true\" /}\n# Action 1") and not looks_like_json(b"{div .statement}")


@pytest.mark.parametrize(
    ("raw", "message", "line"),
    [
        (b'{"title": "x",\n "details": {"body": "<p>x</p>"\n', "not valid JSON", 3),
        (b'{"title": "x", "details": {}}', "not a GOV.UK Content API page (no details.body)", None),
        (page_json("<p>An annual report.</p><h2>Summary</h2>", title="Annual report"), "no department/period structure", None),
        (page_json("   "), "body (details.body) has no text", None),
    ],
)
def test_json_refusals_name_the_problem(raw, message, line):
    with pytest.raises(ParseError) as err:
        parse_bytes(raw, "bad.json")
    assert message in str(err.value) and err.value.source == "bad.json" and err.value.line == line


def test_errors_name_the_line_of_the_body():
    body = "<p>Introduction.</p>\n\n<h3>Progress during 2014</h3>\n<p>Done.</p>"
    with pytest.raises(ParseError) as err:
        parse_bytes(page_json(body, title="Digital progress"), "no-action.json")
    assert "period heading before any 'Action N:' heading" in err.value.message and err.value.line == 3


def test_department_page_with_unknown_department_in_title_is_refused():
    body = "<h2>Action 1: lead</h2><h3>Progress during 2014</h3><p>Done.</p>"
    with pytest.raises(ParseError, match="unknown department"):
        parse_bytes(page_json(body, title="Widget Office's actions in response to the Government Digital Strategy"), "w.json")


def test_links_reach_the_statement_that_holds_them():
    body = (
        "<h2>Home Office</h2><h3>Progress during 2014</h3>\n"
        '<p>It published a guide. It ran <a href="https://www.gov.uk/a">the Digital Academy</a> and '
        '<a href="https://www.gov.uk/b">Sprint 14</a>.</p>\n'
        '<ul><li>see <a href="https://example.org/c">the report</a></li></ul>'
    )
    frame, _ = statements([parse_bytes(page_json(body), "links.json")])
    assert frame["text"].tolist() == ["It published a guide.", "It ran the Digital Academy and Sprint 14.", "see the report"]
    assert frame["source_url"].isna().tolist() == [True, False, False]
    assert frame["source_url"].iloc[1] == "https://www.gov.uk/a; https://www.gov.uk/b"
    assert frame["source_url"].iloc[2] == "https://example.org/c"


def test_a_link_in_a_fused_heading_stays_with_its_sentence():
    body = (
        '<h2>Home Office</h2>\n<p>###Progress during 2014 It ran <a href="https://www.gov.uk/a">a sprint</a>. '
        'Then <a href="https://www.gov.uk/b">another</a>.</p>'
    )
    doc = parse_bytes(page_json(body), "fused.json")
    [section] = doc.sections
    assert section.blocks[0].text == "It ran a sprint. Then another."
    assert section.blocks[0].links == ((len("Itran"), "https://www.gov.uk/a"), (len("Itranasprint.Then"), "https://www.gov.uk/b"))
    frame, _ = statements([doc])
    assert frame["source_url"].tolist() == ["https://www.gov.uk/a", "https://www.gov.uk/b"]
