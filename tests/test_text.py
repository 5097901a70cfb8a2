"""Text normalisation shared by the analyses (analysis.text)."""

from __future__ import annotations

import doctest
import re
from pathlib import Path

import pytest

from analysis import paths, text


def test_doctests():
    result = doctest.testmod(text)
    assert result.failed == 0 and result.attempted >= 1


def test_schwartz_hearst_long_forms():
    [d] = text.find_acronyms("Staff used Civil Service Learning (CSL)-delivered coaching.")
    assert (d.short, d.long) == ("CSL", "Civil Service Learning")
    [d] = text.find_acronyms("It recruits senior civil service (SCS) roles.")
    assert d.long == "senior civil service"
    sentence = "They trained staff on the Technology Code of Practice (TCoP) in May."
    [d] = text.find_acronyms(sentence)
    assert d.long == "Technology Code of Practice" and sentence[d.long_start : d.long_end] == d.long
    assert text.find_acronyms("The plan (published in April) was late.") == []
    assert text.find_acronyms("It spent 20 (twenty) days.") == []


def test_schwartz_hearst_short_form_first():
    sentence = "We will extend NWI (National Widget Infrastructure) in May."
    [d] = text.find_short_first_acronyms(sentence)
    assert (d.short, d.long) == ("NWI", "National Widget Infrastructure")
    assert sentence[d.long_start : d.long_end] == d.long and sentence[d.short_start : d.short_end] == "NWI"
    assert text.find_short_first_acronyms("HMRC (2013) and CO (with GDS) wrote.") == []  # no long form in the brackets
    assert text.find_short_first_acronyms("DWP (the Department for Work and Pensions) wrote.") == []  # the bracket must be the long form
    assert text.find_acronyms(sentence) == []  # the long-form-first search is unchanged


def test_a_long_form_may_start_inside_a_hyphenated_word():
    [d] = text.find_acronyms("It joined a pan-arm\u2019s length body (ALB) forum.")
    assert d.short == "ALB" and d.long.endswith("arm\u2019s length body")  # the long form starts at the space


@pytest.mark.parametrize(
    ("word", "acronym", "two_capitals"),
    [("GDS", True, True), ("DfE", True, True), ("ALBs", True, True), ("PolicyKit", False, True), ("GOV.UK", False, True), ("Digital", False, False)],
)
def test_is_acronym_is_stricter_than_two_capitals(word, acronym, two_capitals):
    assert text.is_acronym(word) is acronym
    assert text.has_two_capitals(word) is two_capitals


def test_month_and_calendar_words():
    assert len(text.MONTHS) == 12 and text.MONTH_WORDS <= text.CALENDAR_WORDS
    assert "sept" in text.CALENDAR_WORDS and "monday" in text.CALENDAR_WORDS


def test_masked_spans_cover_departments_and_gds():
    sample = "The Ministry of Justice worked with GDS\u2019s team."
    spans = text.masked_spans(sample)
    assert [sample[a:b] for a, b in spans] == ["The Ministry of Justice", "GDS\u2019s"]
    assert text.in_spans(sample.index("Justice"), spans) and not text.in_spans(sample.index("team"), spans)


# --- each list lives here and nowhere else -------------------------------------------------------------------

_SRC = Path(text.__file__).parent
_COPIES = {
    "month names": re.compile(r"january\W+february", re.I),
    "weekday names": re.compile(r"monday\W+tuesday", re.I),
    "acronym definition search": re.compile(r"findBestLongForm|def \w*(?:long_form|defines_acronym)\w*\("),
    "stop-word table": re.compile(r"stop_words import|Defaults\.stop_words"),
    "lemma lookup table": re.compile(r"get_table\(\"lemma_lookup\"\)"),
    "department name pattern": re.compile(r"departments\.name_pattern\(\)"),
}


@pytest.mark.parametrize("idea", sorted(_COPIES))
def test_shared_text_rules_are_defined_only_in_the_text_module(idea):
    found = [
        p.name
        for p in sorted(_SRC.rglob("*.py"))
        if p.name != "text.py" and _COPIES[idea].search(p.read_text(encoding="utf-8"))
    ]
    assert found == [], f"{idea} also defined in {found}"


def test_mask_names_short_cuts_equal_every_substitution(seed_statements):
    """`mask_names` skips a pattern when the word all its matches contain is absent; the result is what every
    substitution run on every text gives."""
    from analysis import text as tx

    def every_substitution(text: str) -> str:
        text = text.translate(tx.APOSTROPHES)
        text = tx._CENTRE.sub(f" {tx.CENTRE} ", text)
        text = tx._SERIES.sub(f" {tx.SERIES} ", text)
        text = tx.department_pattern().sub(tx._department_placeholder, text)
        return tx._SELF.sub(f" {tx.DEPT} ", text)

    extra = [
        "The Government Digital Service's team and GDS ran it.", "Under the Government Digital Strategy, action 4 and this action.",
        "The department's plan; the departments' plans.", "Digital skills grew.", "No names at all.", "Government  Digital\nService",
    ]
    texts = [str(t) for t in seed_statements["text"]] + extra
    assert [tx.mask_names.__wrapped__(t) for t in texts] == [every_substitution(t) for t in texts]


def test_first_characters_look_ahead_keeps_every_match(seed_statements):
    """`with_first_characters` finds what the pattern finds, on the real pages and on cases chosen for it
    (case-insensitive letters with Unicode case pairs, optional and repeated starts, look-behinds); patterns whose first
    characters cannot be read off are left as they are."""
    from analysis import boilerplate as bp
    from analysis import departments

    assert text.first_characters(re.compile(r"(?:\b[Tt]he\s+)?\bDWP")) == frozenset("TtD")
    assert text.first_characters(re.compile(r"(?:x|y)*z")) == frozenset("xyz")
    assert text.first_characters(re.compile(r"(?<!will\s)\bhas")) == frozenset("h")  # a look-behind is passed over
    for unreadable in [r"\w+", "a?", "[^a]b", "(?=a)a", "(?i:a)b", "."]:
        pattern = re.compile(unreadable)
        assert text.first_characters(pattern) is None and text.with_first_characters(pattern) is pattern
    look_behind = re.compile(r"(?<!\bwill\s)(?<!\bto\s)\b(?:has|have|had)\s+(?:been\s+)?\w+ed\b|\bunder\s*way\b", re.IGNORECASE)
    patterns = [departments.name_pattern(), look_behind, *(re.compile(p, re.IGNORECASE) for p in bp.VAGUE_CUES.values())]
    lines = [str(t) for t in seed_statements["text"]]
    for folder in (paths.RAW, paths.DATA / "external" / "series-fragments"):
        lines += [line for f in sorted(folder.glob("*.*")) if f.suffix in {".txt", ".md"} for line in f.read_text(encoding="utf-8").splitlines()]
    lines += ["the DWP", "The  Ministry of Defence's", "KEEN TO", "\u212aeen to (Kelvin K)", "\u017feek to", "CONTINUING TO"]
    lines += ["will have appointed", "To have trained", "HAS BEEN APPOINTED"]
    for pattern in patterns:
        fast = text.with_first_characters(pattern)
        assert fast is not pattern
        for line in lines:
            assert [m.span() for m in fast.finditer(line)] == [m.span() for m in pattern.finditer(line)], (pattern.pattern[:40], line)
