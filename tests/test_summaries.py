"""Section and department summaries of the boilerplate table, on a hand-made table with the expected
figures worked out in the comments, and on the seed."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from analysis import boilerplate, schemas, summaries


def _statements() -> pd.DataFrame:
    rows = [
        # statement_id, dept, department, section, words
        ("a04-AGO-commitment_2012-001", "AGO", "Attorney General's Office", "commitment_2012", 10),
        ("a04-AGO-commitment_2012-002", "AGO", "Attorney General's Office", "commitment_2012", 30),
        ("a04-AGO-progress_2013-001", "AGO", "Attorney General's Office", "progress_2013", 20),
        ("a04-DWP-progress_2013-001", "DWP", "Department for Work and Pensions", "progress_2013", 40),
        ("a04-DWP-progress_2013-002", "DWP", "Department for Work and Pensions", "progress_2013", 10),
    ]
    return pd.DataFrame(
        {
            "statement_id": [r[0] for r in rows],
            "action": 4,
            "department": [r[2] for r in rows],
            "dept_abbr": [r[1] for r in rows],
            "section": [r[3] for r in rows],
            "section_kind": [r[3].split("_")[0] for r in rows],
            "year": [int(r[3].split("_")[1]) for r in rows],
            "n_words": [r[4] for r in rows],
        }
    )


def _boilerplate() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "statement_id": _statements()["statement_id"],
            "boilerplate_reason": pd.array(["template", pd.NA, "vague", pd.NA, "not_applicable"], dtype="str"),
            "is_boilerplate": [True, False, True, False, True],
            "specific_words": [0, 6, 0, 4, 0],
            "lsl_boilerplate": [True, False, False, False, False],
            "yoy_cosine": [math.nan, math.nan, 0.5, math.nan, math.nan],
            "yoy_jaccard": [math.nan, math.nan, 0.25, math.nan, math.nan],
        }
    )


def test_sections_figures():
    out = summaries.sections(_statements(), _boilerplate())
    assert list(out[["dept_abbr", "section"]].itertuples(index=False, name=None)) == [
        ("AGO", "commitment_2012"),
        ("AGO", "progress_2013"),
        ("DWP", "progress_2013"),
    ]
    first, second, third = (out.iloc[i] for i in range(3))
    # AGO commitment: 10 + 30 words, the 10-word statement is a template -> 1/2 statements, 10/40 words.
    assert (first["statements"], first["words"], first["boilerplate_statements"], first["boilerplate_words"]) == (2, 40, 1, 10)
    assert first["boilerplate_share_statements"] == 0.5
    assert first["boilerplate_share_words"] == 0.25
    assert first["substantive_share_words"] == 0.75
    assert (first["n_substantive"], first["n_template"], first["n_vague"]) == (1, 1, 0)
    assert first["lsl_share_words"] == 0.25  # the 10-word statement carries the LSL flag
    assert first["specificity"] == 0.15  # 6 specific words of 40
    assert pd.isna(first["previous_section"]) and math.isnan(first["similarity_cosine"])
    # AGO progress_2013: one vague statement of 20 words; compared with commitment_2012.
    assert (second["boilerplate_share_words"], second["substantive_share_words"], second["n_vague"]) == (1.0, 0.0, 1)
    assert second["previous_section"] == "commitment_2012"
    assert (second["similarity_cosine"], second["similarity_jaccard"]) == (0.5, 0.25)
    # DWP progress_2013: 10 of 50 words not applicable.
    assert third["boilerplate_share_words"] == 0.2
    assert third["n_not_applicable"] == 1
    assert third["specificity"] == 0.08
    schemas.Sections.validate(out)


def test_departments_figures():
    out = summaries.departments(_statements(), _boilerplate()).set_index("dept_abbr")
    ago, dwp = out.loc["AGO"], out.loc["DWP"]
    # AGO: 60 words, 30 of them boilerplate; 1 of 3 statements substantive.
    assert (ago["actions"], ago["sections"], ago["statements"], ago["words"]) == (1, 2, 3, 60)
    assert ago["substantive_share_words"] == 0.5
    assert ago["substantive_share_statements"] == 0.3333
    assert ago["substantive_share_commitment_2012"] == 0.75
    assert ago["substantive_share_progress_2013"] == 0.0
    assert math.isnan(ago["substantive_share_plan_2014"])
    assert ago["plan_boilerplate_share"] == 0.5  # 2 commitment statements, 1 boilerplate
    assert (ago["n_template"], ago["n_vague"], ago["n_repeat"]) == (1, 1, 0)
    # DWP: 10 of 50 words boilerplate; no plans -> no cheap-talk share.
    assert dwp["substantive_share_words"] == 0.8
    assert dwp["substantive_share_progress_2013"] == 0.8
    assert math.isnan(dwp["plan_boilerplate_share"])
    assert dwp["n_not_applicable"] == 1
    schemas.Departments.validate(out.reset_index()[list(schemas.Departments.to_schema().columns)])


def test_unclassified_statement_is_an_error():
    with pytest.raises(ValueError, match="no boilerplate row"):
        summaries.sections(_statements(), _boilerplate().iloc[:-1])
    with pytest.raises(ValueError, match="lacks column"):
        summaries.departments(_statements(), _boilerplate().drop(columns="lsl_boilerplate"))


def test_seed_summaries(seed_statements):
    table = boilerplate.classify(seed_statements)
    sections = schemas.Sections.validate(summaries.sections(seed_statements, table))
    assert sections["statements"].sum() == len(seed_statements)
    assert len(sections) == seed_statements.groupby(["action", "dept_abbr", "section"]).ngroups
    depts = schemas.Departments.validate(summaries.departments(seed_statements, table))
    assert len(depts) == seed_statements["dept_abbr"].nunique()
    assert depts["words"].sum() == seed_statements["n_words"].sum()
    # A department whose every statement says the action does not apply has no substantive words.
    all_na = table.merge(seed_statements, on="statement_id").groupby("dept_abbr")["boilerplate_reason"].apply(lambda r: (r == "not_applicable").all())
    for dept in all_na[all_na].index:
        assert depts.set_index("dept_abbr").loc[dept, "substantive_share_words"] == 0.0
