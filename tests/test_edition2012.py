"""The December 2012 edition's Markdown dialect: reader, detection by content, links, nothing lost.

Expected values come from reading the files in data/raw/ by eye (line numbers, names, URLs), not from
running the reader.
"""

from __future__ import annotations

import re
import shutil

import pytest

from analysis import paths, pipeline, schemas
from analysis.parse import ParseError, parse_bytes, parse_file
from analysis.parse.edition2012 import department_name, detect, strip_links
from analysis.segment import statements

EDITION_FILES = sorted(paths.RAW.glob("_action0*.md"))
ALL_18 = sorted("AGO CO BIS DCLG DCMS DfE DECC Defra DH DFID DfT DWP FCO HMRC HMT HO MOD MOJ".split())


@pytest.fixture(scope="module")
def edition_docs():
    return [parse_file(f) for f in EDITION_FILES]


@pytest.fixture(scope="module")
def edition_statements(edition_docs):
    frame, _ = statements(edition_docs)
    return frame


def test_seven_actions_eighteen_departments(edition_docs):
    assert [d.actions.keys() for d in edition_docs] == [{n} for n in range(1, 8)]
    for doc in edition_docs:
        expected = ["CO"] if 4 in doc.actions else ALL_18
        assert doc.departments == expected, doc.source_file
        assert doc.edition == 2012 and not doc.warnings and not doc.unsectioned
        assert {s.section for s in doc.sections} == {"commitment_2012"}


def test_headings_broken_by_br_and_spelt_with_ampersand():
    assert department_name("Department for<br>Culture Media<br>& Sport") == "Department for Culture Media & Sport"
    assert department_name("Attorney <br> General's <br> Office") == "Attorney General's Office"
    doc = parse_file(paths.RAW / "_action01.md")
    by_abbr = {s.dept_abbr: s for s in doc.sections}
    assert by_abbr["HMRC"].department == "HM Revenue and Customs" and by_abbr["HMRC"].heading_line == 119
    assert by_abbr["DCMS"].heading_line == 45 and by_abbr["DCLG"].heading_line == 37
    assert by_abbr["DCLG"].blocks[0].text == "Awaiting DCLG confirmation"


def test_read_more_link_is_the_source_url_not_text():
    doc = parse_file(paths.RAW / "_action01.md")
    bis = next(s for s in doc.sections if s.dept_abbr == "BIS")
    assert bis.source_url == "http://discuss.bis.gov.uk/digitalstrategy"
    assert bis.blocks[0].text.endswith("share good practice across the network.")
    assert "Read more" not in bis.blocks[0].text
    assert any(b.text == "Read more: http://discuss.bis.gov.uk/digitalstrategy" and b.line == 32 for b in doc.furniture)


def test_inline_link_words_stay_in_the_sentence(edition_statements):
    row = edition_statements.set_index("statement_id").loc["a04-CO-commitment_2012-e2012-004"]
    assert row["text"] == "This action supports the departmental capability building activity set out in Action 3."
    assert row["source_url"] == (
        "http://publications.cabinetoffice.gov.uk/digital/strategy/#action-03; "
        "http://www.cabinetoffice.gov.uk/resource-library/cabinet-office-digital-strategy"
    )
    assert row["line"] == 17 and row["paragraph"] == 2


def test_every_character_of_statement_text_kept(edition_docs, edition_statements):
    """Each statement div's text, links reduced to their words and the Read more link dropped, is the
    statements of that line joined (white space folded): read from the raw lines, not from the reader."""
    by_line = edition_statements.groupby(["source_file", "line"])["text"].apply(" ".join)
    checked = 0
    for path in EDITION_FILES:
        lines = path.read_text(encoding="utf-8").split("\n")
        inside = False
        for n, line in enumerate(lines, start=1):
            if line.strip() == "{div .statement}":
                inside = True
            elif line.strip() == "{/div}":
                inside = False
            elif inside and line.strip():
                expected = re.sub(r"\s*\[Read more[^\]]*\]\([^)]*\)", "", line)
                expected = " ".join(re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", expected).split())
                assert by_line[(path.name, n)] == expected, (path.name, n)
                checked += 1
    assert checked == 6 * 18 + 2


def test_statement_ids_unique_and_readable_across_editions(seed_document, edition_docs):
    frame, warnings = statements([seed_document, *edition_docs])
    schemas.Statements.validate(frame)
    assert frame["statement_id"].is_unique and not warnings
    ids = set(frame["statement_id"])
    assert {"a04-CO-commitment_2012-001", "a04-CO-commitment_2012-e2012-001", "a01-DCLG-commitment_2012-e2012-001"} <= ids
    assert frame.groupby("edition").size().to_dict() == {2012: len(frame) - 202, 2015: 202}


# --- hand-written fixtures: what other files of the edition may hold -------------------------------

FIXTURE = """{{DEPARTMENTRESPONSE}}
#Action 09: Departments will do a thing



{div .section}
{navigation}
Here’s how departments are responding to this action:
{div .department}
##Department for<br>Widgets<br>& Gadgets
{: .logo-widgets}
{div .statement}
We will publish the Widget Plan by May 2013.
It covers every service.[Read more »](http://widgets.example/strategy)
{/div}
{/div}
{div .department}
##Home Office
{: .logo-single}
{div .statement}
Home Office will:

- review its [case tracker](http://ho.example/tracker)
* train 20 staff

Our second paragraph says more. [Read more »](http://ho.example/digital)
{/div}
{/div}
{navigation}
{/div}
"""


def test_fixture_unknown_department_bullets_paragraphs():
    doc = parse_bytes(FIXTURE.encode("utf-8"), "any-name.txt")  # the extension does not matter: content does
    assert doc.edition == 2012 and doc.actions == {9: "Departments will do a thing"}
    widgets, home = doc.sections
    assert (widgets.department, widgets.dept_abbr) == ("Department for Widgets & Gadgets", "UNK")
    assert any("line 10: department heading 'Department for Widgets & Gadgets' not in the gazetteer" in w for w in doc.warnings)
    # two lines without a blank line between them are one paragraph (Markdown); the link straight after the full stop goes
    assert [(b.text, b.line) for b in widgets.blocks] == [("We will publish the Widget Plan by May 2013. It covers every service.", 13)]
    assert widgets.source_url == "http://widgets.example/strategy"
    assert [(b.text, b.is_bullet, b.line) for b in home.blocks] == [
        ("Home Office will:", False, 21),
        ("review its case tracker", True, 23),
        ("train 20 staff", True, 24),
        ("Our second paragraph says more.", False, 26),
    ]
    frame, _ = statements([doc])
    ho = frame[frame["dept_abbr"] == "HO"].set_index("position")
    assert ho.loc[1, "is_lead_in"] and ho.loc[2, "list_lead_in_id"] == "a09-HO-commitment_2012-e2012-001"
    assert ho.loc[2, "source_url"] == "http://ho.example/tracker; http://ho.example/digital"
    assert ho.loc[3, "source_url"] == "http://ho.example/digital"


def test_text_outside_a_statement_is_kept_and_reported():
    text = FIXTURE.replace("{div .section}\n", "{div .section}\nA note from the editors.\n")
    doc = parse_bytes(text.encode("utf-8"), "x.md")
    assert [(b.text, b.line) for b in doc.unsectioned] == [("A note from the editors.", 7)]
    assert any(w.startswith("line 7: text outside a department's statement") for w in doc.warnings)


def test_detection_is_by_content():
    assert detect(FIXTURE)
    assert detect((paths.RAW / "_index.md").read_text(encoding="utf-8"))
    assert not detect((paths.RAW / "action04-support-improved-digital-capability.txt").read_text(encoding="utf-8"))
    with pytest.raises(ParseError, match="department heading before any '#Action N:' heading"):
        parse_bytes(b"{div .department}\n##Home Office\n", "x.md")


def test_strip_links_positions_count_non_space_characters():
    text, links, read_more = strip_links("See [the  plan](http://a) now. [Read more »](http://b)")
    assert (text, links, read_more) == ("See the  plan now.", ((3, "http://a"),), ["http://b"])


def test_index_file_has_no_sections():
    doc = parse_file(paths.RAW / "_index.md")
    assert doc.layout == "strategy-index" and doc.sections == [] and len(doc.unsectioned) == 18
    dclg = doc.unsectioned[3]
    assert dclg.text == "Department for Communities and Local Government Digital Strategy (Awaiting DCLG confirmation)"


def test_build_reads_txt_and_md_in_any_mix(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(paths.RAW / "_action04.md", raw / "cabinet-office.txt")  # a 2012 file saved as .txt
    shutil.copy(paths.RAW / "action04-support-improved-digital-capability.txt", raw / "seed.md")  # and the reverse
    (raw / "README.md").write_text("# data log\n{div .section}\n", encoding="utf-8")  # the data log is never read
    assert [p.name for p in pipeline.raw_files(raw)] == ["cabinet-office.txt", "seed.md"]
    _, frame, _ = pipeline.tidy(pipeline.raw_files(raw))
    assert frame.groupby("edition").size().to_dict() == {2012: 4, 2015: 202}
