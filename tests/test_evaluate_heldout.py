"""Held-out evaluation: every hand label meets a statement of the fragments, and all three analyses are scored."""

from __future__ import annotations

from analysis.evaluate import heldout


def test_every_heldout_label_matches_a_statement():
    files = sorted({f for name in ("boilerplate_labels.csv", "follow_through_labels.csv") for f in heldout.read_labels(name)["source_file"]})
    tables = heldout.fragment_tables(files)
    boiler = heldout.join(heldout.read_labels("boilerplate_labels.csv"), tables["statements"])
    plans = heldout.join(heldout.read_labels("follow_through_labels.csv"), tables["statements"], text="plan_text", section="plan_section")
    assert boiler["statement_id"].notna().all()
    assert plans["statement_id"].notna().all()
    assert plans["statement_id"].isin(tables["follow_through"]["plan_statement_id"]).all()


def test_report_scores_all_three_analyses():
    text = heldout.report()
    for heading in ("Boilerplate vs substantive, held out", "Named initiatives, held out", "Follow-through, held out"):
        assert heading in text


def test_heldout_report_records_its_headline_scores_for_the_report():
    from analysis import evaluate
    from analysis.evaluate import heldout

    evaluate._recorded.clear()
    heldout.report()
    got = evaluate.scores()
    assert {("boilerplate", "F1 on boilerplate"), ("initiatives", "precision of names"), ("initiatives", "recall of names")} <= set(
        zip(got["analysis"], got["measure"], strict=True))
    assert (got["corpus"] == evaluate.HELD_OUT).all()
    assert got["value"].between(0, 1).all() and (got["n"] > 0).all()
