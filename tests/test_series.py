"""The view across actions: small hand-made tables with known answers."""

from __future__ import annotations

import pandas as pd

from analysis import series


def _sections():
    rows = [
        # action, edition, dept, words, boilerplate words
        (1, 2012, "AAA", 10, 0),
        (2, 2012, "AAA", 10, 10),
        (1, 2012, "BBB", 20, 5),
        (1, 2015, "BBB", 50, 50),  # another edition: not in the 2012 grid
    ]
    return pd.DataFrame(rows, columns=["action", "edition", "dept_abbr", "words", "boilerplate_words"])


def test_substantive_grid():
    grid = series.substantive_grid(_sections())
    assert list(grid.columns) == [1, 2]
    assert list(grid.index) == ["BBB", "AAA"]  # BBB 75% overall, AAA 50%
    assert grid.loc["AAA", 1] == 1.0 and grid.loc["AAA", 2] == 0.0 and grid.loc["BBB", 1] == 0.75
    assert pd.isna(grid.loc["BBB", 2])


def _statements():
    rows = [
        ("s1", 2012, 1, "AAA", "commitment_2012", "AAA will support the work."),
        ("s2", 2012, 1, "BBB", "commitment_2012", "BBB will support the work."),
        ("s3", 2012, 2, "CCC", "commitment_2012", "CCC will support the work."),
        ("s4", 2012, 2, "AAA", "commitment_2012", "AAA runs the Widget Academy."),
        ("s5", 2015, 3, "BBB", "progress_2014", "BBB joined the Widget Academy and the Digital Unit."),
    ]
    return pd.DataFrame(rows, columns=["statement_id", "edition", "action", "dept_abbr", "section", "text"])


def test_travelling_templates_counts_departments_and_actions():
    bp = pd.DataFrame(
        {"statement_id": ["s1", "s2", "s3", "s4", "s5"], "template_id": ["Tx", "Tx", "Tx", None, None], "boilerplate_reason": ["template"] * 3 + [None] * 2}
    )
    out = series.travelling_templates(_statements(), bp)
    assert out[["template_id", "departments", "actions", "statements", "members", "action_list"]].values.tolist() == [["Tx", 3, 2, 3, "AAA; BBB; CCC", "1; 2"]]
    assert out.loc[0, "example"] == "AAA will support the work."


def _initiatives():
    mentions = pd.DataFrame({"statement_id": ["s4", "s5", "s5"], "initiative_id": ["widget-academy", "widget-academy", "digital-unit"]})
    initiatives = pd.DataFrame({"initiative_id": ["widget-academy", "digital-unit"], "name": ["Widget Academy", "Digital Unit"], "type": ["programme", "unit"]})
    return mentions, initiatives


def test_initiatives_by_action_leaves_out_units_and_other_editions():
    mentions, initiatives = _initiatives()
    grid = series.initiatives_by_action(_statements(), mentions, initiatives, edition=2012)
    assert list(grid.columns) == [1, 2] and list(grid.index) == ["AAA", "BBB", "CCC"]
    assert grid.loc["AAA", 2] == 1 and int(grid.to_numpy().sum()) == 1
    across = series.initiatives_across(_statements(), mentions, initiatives)
    assert across[["name", "actions", "departments", "editions"]].values.tolist() == [["Widget Academy", 2, 2, "2012; 2015"]]


def test_findings_are_sentences_from_the_tables():
    grid = series.substantive_grid(_sections())
    bp = pd.DataFrame({"statement_id": ["s1", "s2", "s3", "s4", "s5"], "template_id": ["Tx", "Tx", "Tx", None, None], "boilerplate_reason": [None] * 5})
    templates = series.travelling_templates(_statements(), bp)
    mentions, initiatives = _initiatives()
    restatements = pd.DataFrame({"kind": ["unchanged", "shortened"], "person_changed": [True, False]})
    text = series.findings(grid, templates, series.initiatives_across(_statements(), mentions, initiatives), restatements)
    assert text[0].startswith("Across 2 departments and 2 actions (3 responses)") and "from 50% (AAA) to 75% (BBB)" in text[0]
    assert text[1] == "1 of the 3 responses have no substantive statement at all."
    assert "1 of them also travel across actions" in text[2]
    assert "1 unchanged, 1 shortened, 0 rewritten; 1 of them" in text[4]


def test_findings_count_the_responses_that_rest_on_one_or_two_statements():
    grid = series.substantive_grid(_sections())  # BBB: 1 -> 75%; AAA: 1 -> 100%, 2 -> 0%
    thin = pd.DataFrame({1: [False, True], 2: [True, True]}, index=grid.index)  # BBB's action 2 has no response
    text = series.findings(grid, pd.DataFrame(), pd.DataFrame(), pd.DataFrame(), thin=thin)
    assert "2 of the 3 responses rest on one or two statements (marked * on the heat map); 2 of these are at 0% or 100%" in text[2]
