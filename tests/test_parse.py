"""Parsing: both layouts, every variant of the series, truncation, encodings, and refusal of non-pages.

Expected values come from reading the pages by eye (department blocks, period headings, line numbers),
not from running the parser.
"""

from __future__ import annotations

import pytest

from analysis.parse import ACTION_MAJOR, DEPARTMENT_MAJOR, ParseError, decode, headings, parse_bytes, parse_file, parse_text

from .conftest import PAGES

ALL_SECTIONS = ["commitment_2012", "progress_2013", "plan_2014", "progress_2014", "plan_2015"]
SEED_DEPTS = sorted("AGO CO BIS DCMS Defra DfE DFID DfT DWP DECC DH FCO HMRC HMT HO MOD MOJ".split())


def sections_of(doc, abbr, action=None):
    return [s.section for s in doc.sections if s.dept_abbr == abbr and (action is None or s.action == action)]


# --- the seed ---------------------------------------------------------------------------------


def test_seed_has_17_departments_by_5_sections(seed_document):
    doc = seed_document
    assert doc.layout == ACTION_MAJOR
    assert doc.actions == {4: "support improved digital capability across departments"}
    assert doc.departments == SEED_DEPTS
    for abbr in SEED_DEPTS:
        assert sections_of(doc, abbr) == ALL_SECTIONS, abbr


def test_seed_variants(seed_document):
    doc = seed_document
    by_key = {(s.dept_abbr, s.section): s for s in doc.sections}
    # "Progress in 2014" and "Planned Activities in 2015" are the same periods as their usual spellings
    assert by_key[("Defra", "progress_2014")].heading == "Progress in 2014"
    assert by_key[("DfT", "plan_2015")].heading == "Planned Activities in 2015"
    # "Home Office’s" heading, then a period heading fused with its first sentence after "###"
    ho = by_key[("HO", "commitment_2012")]
    assert ho.department == "Home Office"
    assert ho.blocks[0].text.startswith("Home Office will seek to work with Cabinet Office")
    assert ho.heading_line == ho.blocks[0].line == 200
    assert any("fused" in w for w in doc.warnings)
    # a sentence without a full stop before a heading is body text, not a department heading
    assert by_key[("HMT", "progress_2014")].blocks[0].text == "This action is not applicable to HMT"
    # bullets
    dfe = by_key[("DfE", "plan_2015")]
    assert [b.is_bullet for b in dfe.blocks] == [False, True, True, True]
    assert dfe.blocks[0].text == "DfE will:"
    assert dfe.blocks[1].text.startswith("undertake a survey")
    assert not doc.truncated


def test_seed_furniture_is_not_body(seed_document):
    furniture = [b.text for b in seed_document.furniture]
    assert "Updated 16 January 2015" in furniture
    assert "This action forms part of the Government Digital Strategy. Here\u2019s how departments are responding to this action:" not in [
        b.text for s in seed_document.sections for b in s.blocks
    ]
    # the page's introduction (two sentences on one line here) is furniture, not a department's text
    assert 4 in [b.line for b in seed_document.furniture] and not seed_document.unsectioned


def _line_accounting(path, doc):
    """Every non-blank line of the file is exactly one of: furniture, heading, unsectioned or body."""
    lines = {n: line.strip() for n, line in enumerate(path.read_text(encoding="utf-8").split("\n"), start=1) if line.strip()}
    body_lines = {b.line for s in doc.sections for b in s.blocks}
    other = [b.line for b in doc.furniture + doc.headings + doc.unsectioned]
    fused = body_lines & set(other)
    assert len(other) == len(set(other)), "a line is counted twice"
    assert set(other) | body_lines == set(lines), f"lines read by nothing: {sorted(set(lines) - set(other) - body_lines)}"
    for section in doc.sections:
        for block in section.blocks:
            raw = lines[block.line]
            if block.line in fused:
                assert raw.endswith(block.text)
            else:
                assert raw.lstrip("-\u2022* ").strip() == block.text
    return len(body_lines)


def test_seed_nothing_lost(seed_path, seed_document):
    # 240 lines: 4 of page header, 17 department headings, 84 period headings on their own line;
    # the remaining 135 are body lines (one of them behind the fused '###' heading).
    assert _line_accounting(seed_path, seed_document) == 135


# --- fixture pages of the series ----------------------------------------------------------------


def test_action05_blank_lines_and_header_lines():
    doc = parse_file(PAGES / "action05.txt")
    assert doc.layout == ACTION_MAJOR and list(doc.actions) == [5]
    assert sections_of(doc, "AGO") == ALL_SECTIONS
    assert sections_of(doc, "CO") == ["commitment_2012", "progress_2013", "plan_2014"]
    assert "Policy paper" in [b.text for b in doc.furniture]
    assert doc.truncated and any("truncated" in w for w in doc.warnings)
    assert _line_accounting(PAGES / "action05.txt", doc) == 8


def test_action14_two_house_styles_give_the_same_sections():
    full = parse_file(PAGES / "action14.txt")
    compact = parse_file(PAGES / "action14-compact.txt")
    full_blocks = [(s.dept_abbr, s.section, b.text) for s in full.sections for b in s.blocks]
    compact_blocks = [(s.dept_abbr, s.section, b.text) for s in compact.sections for b in s.blocks]
    # both are the first 2,000 bytes of one page: the shorter (with blank lines) is a prefix of the
    # compact one, except that its last paragraph is cut earlier
    n = len(full_blocks)
    assert compact_blocks[: n - 1] == full_blocks[: n - 1]
    assert compact_blocks[n - 1][2].startswith(full_blocks[n - 1][2])
    assert len(compact_blocks) == n + 1  # plus "A new Cabinet Offic" under plan_2014


def test_action16_numbered_headings_and_two_periods():
    doc = parse_file(PAGES / "action16.txt")
    assert doc.departments == ["ACTION", "AGO", "BIS", "CO"]
    for abbr in ("AGO", "CO"):
        assert sections_of(doc, abbr) == ["progress_2014", "plan_2015"]
    assert sections_of(doc, "BIS") == ["progress_2014"]  # "Department of Business, …" misspelling resolves
    assert [s for s in doc.sections if s.dept_abbr == "AGO"][0].heading == "1.1 Progress during 2014"
    # the note about the action before the first department is kept, as text of the action (key ACTION)
    note = [s for s in doc.sections if s.dept_abbr == "ACTION"]
    assert [(s.section, [(b.line, b.text[:30]) for b in s.blocks]) for s in note] == [
        ("unknown", [(11, "Action 16 was added to the Dig")])
    ]
    assert _line_accounting(PAGES / "action16.txt", doc) == 7  # AGO 2, CO 3, BIS 1, the action's note


def test_department_major_health():
    doc = parse_file(PAGES / "dept-health.txt")
    assert doc.layout == DEPARTMENT_MAJOR
    assert doc.departments == ["DH"] and doc.sections[0].department == "Department of Health"
    assert sections_of(doc, "DH", 1) == ["commitment_2012", "progress_2013", "plan_2014", "progress_2014"]
    assert len(doc.sections[1].blocks) == 3  # several paragraphs in one period


def test_department_major_defra_action_intro_and_progress_in():
    doc = parse_file(PAGES / "dept-defra.txt")
    assert doc.layout == DEPARTMENT_MAJOR and doc.departments == ["Defra"]
    assert sections_of(doc, "Defra", 1) == ALL_SECTIONS
    # the line after the action 2 heading (the action's own wording) has no period heading: it is kept, as
    # section unknown of Defra's action 2, and reported with its line
    assert sections_of(doc, "Defra", 2) == ["unknown", "commitment_2012", "progress_2013"]
    unknown = [s for s in doc.sections if s.section == "unknown"][0]
    assert [(b.line, b.text) for b in unknown.blocks] == [
        (33, "Service managers will be in place for new and redesigned transactions from April 2013.")
    ]
    assert any(w.startswith("line 33: text of Defra in action 2 before any period heading") for w in doc.warnings)
    assert not doc.unsectioned
    assert _line_accounting(PAGES / "dept-defra.txt", doc) == 8


def test_department_major_dwp_abbreviated_title_and_truncated_action_heading():
    doc = parse_file(PAGES / "dept-dwp.txt")
    assert doc.layout == DEPARTMENT_MAJOR and doc.departments == ["DWP"]
    assert sections_of(doc, "DWP", 1) == ALL_SECTIONS
    assert 2 in doc.actions and not sections_of(doc, "DWP", 2)
    assert any("action 2 has no department sections" in w for w in doc.warnings)


def test_annual_report_is_refused_clearly():
    with pytest.raises(ParseError, match="no department/period structure"):
        parse_file(PAGES / "annual-report-2014.txt")


# --- hand-written variants --------------------------------------------------------------------

PAGE = """Action 7: a test action
Here's how departments are responding to this action:
The Attorney General's Office
Progress during 2014
AGO did a thing.
Department for Widgets
Progress in 2014
It made widgets.
"""


def test_straight_apostrophes_and_unknown_department_heading():
    doc = parse_text(PAGE, "t.txt")
    # an unknown department keeps its own name and its own key (its initials), never a shared placeholder
    assert [s.dept_abbr for s in doc.sections] == ["AGO", "DW"]
    assert doc.sections[1].department == "Department for Widgets"
    assert any("line 6: department heading 'Department for Widgets' not in the gazetteer" in w for w in doc.warnings)


SKIPPED_AND_REVERSED = """Action 3: x
Home Office
Departmental digital strategy commitments (December 2012)
It will train staff.
Planned activities in 2014
It will train more staff.
Cabinet Office
Progress during 2014
It trained staff.
Planned activities in 2014
It will train staff.
"""


def test_period_headings_that_skip_a_period_or_run_backwards_are_reported():
    doc = parse_text(SKIPPED_AND_REVERSED, "t.txt")
    found = [w for w in doc.warnings if "time order" in w or "has no heading for" in w]
    assert found == [
        "line 5: HO in action 3 has no heading for 2013 progress between 'Departmental digital strategy commitments "
        "(December 2012)' (line 3) and 'Planned activities in 2014': if the page lost one, its text is read as commitment_2012",
        "line 10: 'Planned activities in 2014' of CO in action 3 comes after 'Progress during 2014' (line 8), "
        "against the series' time order",
    ]
    # the sections themselves are read as the headings say: the warning changes nothing
    assert sections_of(doc, "HO") == ["commitment_2012", "plan_2014"] and sections_of(doc, "CO") == ["progress_2014", "plan_2014"]


def test_seed_period_headings_run_in_time_order_without_gaps(seed_document):
    assert not [w for w in seed_document.warnings if "time order" in w or "has no heading for" in w]


def test_period_heading_before_any_department_is_kept_under_an_unnamed_department():
    doc = parse_text("Action 3: x\nProgress during 2014\nText.\n", "bad.txt")
    assert [(s.dept_abbr, s.section, [b.text for b in s.blocks]) for s in doc.sections] == [("UNNAMED2", "progress_2014", ["Text."])]
    assert any(w.startswith("line 2: period heading") and "without a department heading" in w for w in doc.warnings)


def test_period_heading_before_any_action_is_an_error_with_line():
    with pytest.raises(ParseError) as err:
        parse_text("Home Office\nProgress during 2014\nText.\n", "bad.txt")
    assert err.value.line == 2 and "bad.txt:2" in str(err.value)


def test_truncated_heading_at_end_is_dropped_with_warning():
    doc = parse_text("Action 3: x\nHome Office\nProgress during 2014\nText.\nPlanned activ", "t.txt", ends_with_newline=False)
    assert doc.truncated
    assert [b.text for s in doc.sections for b in s.blocks] == ["Text."]
    assert any("truncated heading" in w for w in doc.warnings)


# --- decoding -----------------------------------------------------------------------------------


def test_decode_bom_crlf_cp1252_and_cut_character():
    text, warnings = decode("\ufeffA\u2019s\r\nB\r\n".encode("utf-8"), "f")
    assert text == "A\u2019s\nB\n" and len(warnings) == 2
    text, warnings = decode("Home Office\u2019s".encode("cp1252"), "f")
    assert text == "Home Office\u2019s" and "cp1252" in warnings[0]
    text, warnings = decode("Office\u2019".encode("utf-8")[:-1], "f")
    assert text == "Office" and "multi-byte" in warnings[0]


@pytest.mark.parametrize(
    "raw, message",
    [
        (b"", "empty"),
        (b"   \n\n", "empty"),
        (b"\x00\x01\x02binary", "binary"),
        (b"<!DOCTYPE html><html><body>Action 4</body></html>", "HTML"),
        (b"Saved page\n<html><body>Action 4: x\nHome Office\nProgress during 2014\nText.\n", "2: this is an HTML file"),
        (b"Action 4: x\nHome Office\nProgress during 2014\nText.</p></body></html>\n", "4: this is an HTML file"),
        (b"%PDF-1.7\nAction 4: x\n", "1: this is a PDF file"),
        (b"Action 4: x\n" + b"Some text.\n" * 10000 + b"a\x00b\n", "10002: binary file"),
        (b"Action 4: x\n\x81\x8d\x8f text\n", "undecodable"),
        ("Home Office\u2019s\n".encode("utf-8") + b"\x92 bad\n", "mixed encodings"),
    ],
)
def test_decode_refuses(raw, message):
    with pytest.raises(ParseError, match=message):
        decode(raw, "f")


def test_cp1252_page_parses_like_utf8(seed_path, seed_document):
    raw = seed_path.read_text(encoding="utf-8").encode("cp1252")
    doc = parse_bytes(raw, seed_path.name)
    assert [b.text for s in doc.sections for b in s.blocks] == [b.text for s in seed_document.sections for b in s.blocks]
    assert any("cp1252" in w for w in doc.warnings)


def test_crlf_page_parses_like_lf(seed_path, seed_document):
    raw = seed_path.read_bytes().replace(b"\n", b"\r\n")
    doc = parse_bytes(raw, seed_path.name)
    assert [(b.line, b.text) for s in doc.sections for b in s.blocks] == [(b.line, b.text) for s in seed_document.sections for b in s.blocks]


def test_furniture_with_non_breaking_spaces_is_still_furniture(seed_path):
    text = seed_path.read_text(encoding="utf-8").replace(
        "Updated 16 January 2015", "Updated\u00a016\u00a0January 2015\nThis\u00a0was published under the 2010 to 2015 coalition government", 1
    )
    doc = parse_text(text, "nbsp.txt")
    furniture = [b.text for b in doc.furniture]
    assert "Updated\u00a016\u00a0January 2015" in furniture
    assert "This\u00a0was published under the 2010 to 2015 coalition government" in furniture
    assert not doc.unsectioned


@pytest.mark.parametrize(
    ("line", "section", "read_as"),
    [
        ("Progress durng 2014", "progress_2014", "Progress during 2014"),
        ("### Planned activites in 2015:", "plan_2015", "Planned activities in 2015"),
        ("Departmental digital strategy commitmenst (December 2012)", "commitment_2012",
         "Departmental digital strategy commitments (December 2012)"),
    ],
)
def test_misspelt_period_heading_is_read_as_the_nearest_wording(line, section, read_as):
    found = headings.period_heading(line)
    assert (found.section, found.near_miss) == (section, read_as)


@pytest.mark.parametrize(
    "line",
    ["Progress in 2014 was slower than planned", "Procurement in 2014", "Projects during 2014",
     "Progres durng 2013 was slow.", "Planned savings in 2015"],
)
def test_body_lines_near_heading_words_are_not_headings(line):
    assert headings.period_heading(line) is None


def test_correctly_spelt_heading_is_not_a_near_miss():
    assert headings.period_heading("Progress during 2014").near_miss == ""
