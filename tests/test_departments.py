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


def test_capitals_and_possessive_resolve():
    assert departments.resolve("HOME OFFICE\u2019S").abbr == "HO"
    assert departments.resolve("Home\u00a0Office").abbr == "HO"


@pytest.mark.parametrize(
    "heading, abbr",
    [
        ("Cabnet Office", "CO"),
        ("Departmnet for Work and Pensions", "DWP"),
        ("Ministry of Defense", "MOD"),
        ("Department for Educatoin", "DfE"),
        ("Departmnt of Heath", "DH"),
    ],
)
def test_near_misses_resolve_with_their_score(heading, abbr):
    found = departments.match(heading)
    assert found is not None and found.department.abbr == abbr
    assert departments.NEAR_MISS_MIN_SCORE <= found.score < 100 and not found.exact


@pytest.mark.parametrize(
    "heading",
    [
        "Department for Widgets",
        "Department of Health and Social Care",  # a later department, not the Department of Health
        "Department for Business and Trade",
        "Department for Energy Security and Net Zero",
        "Government Digital Service",
        "Office for National Statistics",
        "DfTT",  # abbreviations only match exactly: one letter turns DfT into DfE
    ],
)
def test_different_departments_are_not_near_misses(heading):
    assert departments.match(heading) is None


def test_unknown_departments_keep_their_own_name_and_key():
    widgets = departments.unknown("2. Department for Widgets", line=40)
    assert (widgets.name, widgets.abbr, widgets.in_gazetteer) == ("Department for Widgets", "DW", False)
    # a key another department already has gets the heading's line number, never a shared placeholder
    assert departments.unknown("Department for Work Placements", line=7).abbr == "DWP7"
    assert departments.unknown("Department for Wonders", taken={"DW"}, line=90).abbr == "DW90"
    assert departments.unnamed(12).abbr == "UNNAMED12"
