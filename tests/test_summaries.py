"""Section and department summaries of the boilerplate table, on a hand-made table with the expected
figures worked out in the comments, and on the seed."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from analysis import boilerplate, periods, schemas, summaries


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


def test_share_grid_orders_by_overall_share():
    grid = summaries.share_grid(summaries.departments(_statements(), _boilerplate()))
    # DWP is 80% substantive overall, AGO 50%: DWP first.
    assert list(grid.index) == ["DWP", "AGO"]
    assert list(grid.columns) == list(periods.NAMES)
    assert grid.loc["AGO", "commitment_2012"] == 0.75
    assert math.isnan(grid.loc["DWP", "commitment_2012"])


def test_reason_words_by_period():
    shares = summaries.reason_words_by_period(_statements(), _boilerplate())
    assert list(shares.index) == ["commitment_2012", "progress_2013"]
    # commitment_2012: 30 substantive + 10 template words.
    assert shares.loc["commitment_2012", "substantive"] == 0.75
    assert shares.loc["commitment_2012", "template"] == 0.25
    # progress_2013: 40 substantive, 20 vague, 10 not applicable of 70 words.
    assert shares.loc["progress_2013", "substantive"] == pytest.approx(0.5714, abs=1e-4)
    assert shares.loc["progress_2013", "vague"] == pytest.approx(0.2857, abs=1e-4)
    assert shares.loc["progress_2013", "not_applicable"] == pytest.approx(0.1429, abs=1e-4)


def test_plan_to_progress_pairs():
    table = pd.DataFrame(
        {
            "action": 4,
            "dept_abbr": ["AGO", "AGO", "AGO", "AGO", "DWP"],
            "section": ["commitment_2012", "progress_2013", "plan_2014", "progress_2014", "plan_2015"],
            "substantive_share_words": [0.75, 0.0, 0.5, 1.0, 0.4],
        }
    )
    out = summaries.plan_to_progress(table)
    # commitment_2012 pairs with progress_2013, plan_2014 with progress_2014; DWP's plan_2015 has no progress yet.
    assert list(zip(out["plan_section"], out["progress_section"], out["change"])) == [
        ("commitment_2012", "progress_2013", -0.75),
        ("plan_2014", "progress_2014", 0.5),
    ]


def test_template_family_table_and_examples():
    statements = _statements().assign(
        text=["A shared sentence.", "A concrete sentence about 6 things.", "A vague pledge.", "Another concrete one.", "Not applicable here."]
    )
    table = _boilerplate().assign(
        template_id=pd.array(["Tabc12345", pd.NA, pd.NA, pd.NA, "Tabc12345"], dtype="str"),
        template_size=[2, 1, 1, 1, 2],
        repeat_of=pd.array([pd.NA] * 5, dtype="str"),
        repeat_similarity=0.0,
        vague_cues=pd.array(["", "", "continue to", "", ""], dtype="str"),
        concrete_terms=pd.array(["", "concrete sentence thing", "", "concrete", ""], dtype="str"),
        specific_terms=pd.array(["", "6", "", "", ""], dtype="str"),
        specific_items=[0, 1, 0, 0, 0],
        boilerplate_score=[0.9, 0.1, 0.7, 0.0, 1.0],
    )
    families = summaries.template_family_table(statements, table)
    assert len(families) == 1
    row = families.iloc[0]
    assert (row["departments"], row["members"], row["statements"]) == (2, "AGO; DWP", 2)
    assert row["sections"] == "commitment_2012; progress_2013"
    examples = summaries.reason_examples(statements, table, per_reason=1)
    assert list(examples["reason"]) == ["not_applicable", "template", "vague", "substantive"]
    # The most specific substantive statement is the one naming a number.
    assert examples.set_index("reason").loc["substantive", "statement_id"] == "a04-AGO-commitment_2012-002"
    assert "continue to" in examples.set_index("reason").loc["vague", "evidence"]


def test_coverage_grid_counts_statements_and_words_with_zero_for_absent_sections():
    import pandas as pd

    from analysis import summaries

    frame = pd.DataFrame({
        "statement_id": ["a", "b", "c"],
        "department": ["Home Office", "Home Office", "HM Treasury"],
        "dept_abbr": ["HO", "HO", "HMT"],
        "section": ["plan_2015", "commitment_2012", "plan_2015"],
        "n_words": [4, 6, 7],
    })
    counts = summaries.coverage(frame, "statements")
    words = summaries.coverage(frame, "words")
    assert list(counts.columns) == ["commitment_2012", "plan_2015"]  # time order, not alphabetical
    assert counts.loc["HMT"].tolist() == [0, 1] and counts.loc["HO"].tolist() == [1, 1]
    assert words.loc["HO"].tolist() == [6, 4]


def test_judged_leaves_out_pending_plans_and_list_lead_ins():
    follow = pd.DataFrame(
        {
            "plan_statement_id": ["lead", "bullet", "pending", "plain"],
            "status": ["partial", "delivered", "pending", "echoed"],
            "plan_is_lead_in": [True, False, False, False],
        }
    )
    assert list(summaries.judged(follow)["plan_statement_id"]) == ["bullet", "plain"]
    assert list(summaries.judged(follow.drop(columns="plan_is_lead_in"))["plan_statement_id"]) == ["lead", "bullet", "plain"]
