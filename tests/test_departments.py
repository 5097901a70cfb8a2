"""The gazetteer resolves every heading variant the series uses, and nothing that is not a department."""

import pytest

from analysis import departments


@pytest.mark.parametrize(
    "heading, abbr",
    [
        ("The Attorney General\u2019s Office", "AGO"),
        ("Attorney General's Office", "AGO"),
        ("Home Office\u2019s", "HO"),
        ("Home Office's", "HO"),
        ("HM Treasury", "HMT"),
        ("Her Majesty\u2019s Treasury", "HMT"),
        ("Her Majesty\u2019s Revenue and Customs", "HMRC"),
        ("HM Revenue and Customs", "HMRC"),
        ("Department for Business, Innovation and Skills", "BIS"),
        ("Department of Business, Innovation and Skills", "BIS"),
        ("3. Department of Business, Innovation and Skills", "BIS"),
        ("Department for Environment Food and Rural Affairs", "Defra"),
        ("Department for Communities and Local Government", "DCLG"),
        ("Northern Ireland Office", "NIO"),
        ("Scotland Office", "SO"),
        ("Wales Office", "WO"),
        ("DWP", "DWP"),
        ("Defra", "Defra"),
        ("  Ministry of Justice  ", "MOJ"),
    ],
)
def test_resolve_variants(heading, abbr):
    dept = departments.resolve(heading)
    assert dept is not None and dept.abbr == abbr


@pytest.mark.parametrize(
    "text", ["Progress during 2014", "Digital Academy", "Government Digital Service", "This action is not applicable to HMT", ""]
)
def test_resolve_rejects_non_departments(text):
    assert departments.resolve(text) is None


def test_no_name_points_to_two_departments():
    abbrs = [d.abbr for d in departments.DEPARTMENTS]
    assert len(abbrs) == len(set(abbrs))
    owner: dict[str, str] = {}
    for dept in departments.DEPARTMENTS:
        for name in (dept.name, dept.abbr, *dept.aliases):
            key = departments.normalise_name(name)
            assert owner.setdefault(key, dept.abbr) == dept.abbr, f"{name!r} names {owner[key]} and {dept.abbr}"


def test_name_pattern_masks_names_possessives_and_articles():
    pattern = departments.name_pattern()
    text = "The Department for Education (DfE) and Home Office\u2019s staff met the Digital Academy."
    masked = pattern.sub("DEPT", text)
    assert masked == "DEPT (DEPT) and DEPT staff met the Digital Academy."


def test_by_abbr():
    assert departments.by_abbr("DWP").name == "Department for Work and Pensions"
    with pytest.raises(KeyError):
        departments.by_abbr("XYZ")


def test_name_pattern_matches_names_without_commas_and_with_ampersand():
    pattern = departments.name_pattern()
    for text in ("Department for Environment Food and Rural Affairs (Defra) already", "Department for Culture Media & Sport said"):
        assert pattern.sub("X", text).startswith("X "), text
    assert pattern.sub("X", "Culture, media and sport") == "Culture, media and sport"  # lower-case words are not a name
