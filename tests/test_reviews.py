"""Analysts' reviews: schema, application (machine value kept, final value set, reviewer recorded),
warnings for reviews of ids that no longer exist, the sheet to fill in, and a round trip through the build."""

from __future__ import annotations

import shutil

import pandas as pd
import pytest

from analysis import cli, paths, pipeline, reviews
from analysis.parse import ParseError

HEADER = "id,field,value,reviewer,date,note\n"


def write(folder, name, body):
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(HEADER + body, encoding="utf-8")


def test_reviews_are_validated_and_the_last_one_wins(tmp_path):
    write(tmp_path, "a.csv", "p1,status,partial,Ann,2026-11-30,first look\n")
    write(tmp_path, "b.csv", "p1,status,echoed,Bob,2026-12-01,\ns1,boilerplate_reason,,Bob,2026-12-01,concrete after all\n")
    table = reviews.read(tmp_path)
    assert table.set_index(["id", "field"]).loc[("p1", "status"), "value"] == "echoed"
    assert table.set_index(["id", "field"]).loc[("s1", "boilerplate_reason"), "value"] == ""


@pytest.mark.parametrize(
    "row",
    [
        "p1,status,done,Ann,2026-12-01,\n",  # not a status
        "p1,colour,red,Ann,2026-12-01,\n",  # not a reviewable field
        "p1,status,partial,,2026-12-01,\n",  # no reviewer
        "p1,status,partial,Ann,1 December,\n",  # not a date
    ],
)
def test_a_bad_review_file_names_the_file(tmp_path, row):
    write(tmp_path, "bad.csv", row)
    with pytest.raises(ParseError, match="bad.csv"):
        reviews.read(tmp_path)


def test_no_folder_means_no_reviews(tmp_path):
    assert reviews.read(tmp_path / "missing").empty
    assert reviews.read(None).empty


def test_apply_keeps_the_machine_value_and_warns_about_unknown_ids():
    follow = pd.DataFrame({"plan_statement_id": ["p1", "p2"], "status": ["delivered", "echoed"]})
    bp = pd.DataFrame({"statement_id": ["s1"], "is_boilerplate": [True], "boilerplate_reason": ["vague"]})
    table = pd.DataFrame(
        {
            "id": ["p1", "gone", "s1"], "field": ["status", "status", "boilerplate_reason"], "value": ["partial", "partial", ""],
            "reviewer": ["Ann", "Ann", "Bob"], "date": ["2026-12-01"] * 3, "note": ["", "", ""], "source": ["r.csv"] * 3,
        }
    )
    out, warnings = reviews.apply({"follow_through": follow, "boilerplate": bp}, table)
    ft = out["follow_through"].set_index("plan_statement_id")
    assert (ft.at["p1", "status"], ft.at["p1", "status_machine"], ft.at["p1", "reviewed_by"]) == ("partial", "delivered", "Ann 2026-12-01")
    assert (ft.at["p2", "status"], ft.at["p2", "status_machine"]) == ("echoed", "echoed") and pd.isna(ft.at["p2", "reviewed_by"])
    b = out["boilerplate"].iloc[0]
    assert (bool(b["is_boilerplate"]), b["boilerplate_reason_machine"]) == (False, "vague") and pd.isna(b["boilerplate_reason"])
    assert len(warnings) == 1 and "gone" in warnings[0] and "r.csv" in warnings[0]
    s = reviews.summary(out["follow_through"], "status")
    assert s == {"calls": 2, "reviewed": 1, "changed": 1}
    assert "1 of 2 follow-through statuses reviewed" in reviews.summary_sentence(out["follow_through"], out["boilerplate"])


def test_sheet_lists_lowest_confidence_first():
    follow = pd.DataFrame(
        {
            "plan_statement_id": ["p1", "p2", "p3", "p4"], "action": [4] * 4, "dept_abbr": ["DfT"] * 4, "plan_section": ["plan_2014"] * 4,
            "plan_text": list("abcd"), "evidence_text": [None] * 4, "status_reason": [""] * 4,
            "status": ["delivered", "partial", "pending", "echoed"], "confidence": [0.9, 0.55, 1.0, 0.7],
            "plan_is_lead_in": [False] * 4, "reviewed_by": [None, None, None, "Ann 2026-12-01"],
        }
    )
    sheet = reviews.to_review(follow)
    assert sheet["id"].tolist() == ["p2", "p1"]  # pending and already reviewed calls are left out
    # boilerplate calls join in by confidence: a score of 0.6 is 0.6 sure, 0.05 is 0.95 sure
    bp = pd.DataFrame({"statement_id": ["s1", "s2"], "boilerplate_reason": ["vague", None], "boilerplate_score": [0.6, 0.05],
                       "vague_cues": ["continue to", ""], "reviewed_by": [None, None]})
    st = pd.DataFrame({"statement_id": ["s1", "s2"], "text": ["DfT will continue to work with GDS.", "DfT ran 3 events."]})
    both = reviews.to_review(follow, bp, st)
    assert both["id"].tolist() == ["p2", "s1", "p1", "s2"]
    assert both.set_index("id").at["s2", "machine_value"] == ""
    assert list(sheet.columns[-4:]) == ["value", "reviewer", "date", "note"]


@pytest.fixture(scope="module")
def raw_seed(tmp_path_factory):
    raw = tmp_path_factory.mktemp("raw")
    shutil.copy(paths.RAW / "action04-support-improved-digital-capability.txt", raw)
    return raw


def test_round_trip_through_the_build(tmp_path, raw_seed):
    """Write the review sheet, fill in one call and one stale id, rebuild: the correction is in the table,
    the machine's status beside it, the stale review a warning, and the sheet no longer lists the call."""
    out = tmp_path / "processed"
    pipeline.build(raw_seed, out, tmp_path / "no-reviews")
    sheet_path = tmp_path / "to-review.csv"
    assert cli.main(["review", "--processed", str(out), "--out", str(sheet_path), "--limit", "400"]) == 0
    sheet = pd.read_csv(sheet_path, keep_default_na=False)
    first = sheet[sheet["field"] == "status"].iloc[0]
    other = next(s for s in reviews.FOLLOW_THROUGH_STATUSES if s != first["machine_value"])
    write(tmp_path / "reviews", "round1.csv", f"{first['id']},status,{other},Ann,2026-12-01,checked\na04-XX-plan_2014-001,status,partial,Ann,2026-12-01,\n")
    result = pipeline.build(raw_seed, out, tmp_path / "reviews")
    assert any("a04-XX-plan_2014-001" in w for w in result.warnings)
    follow = pd.read_csv(out / "follow_through.csv", keep_default_na=False, na_values=[""]).set_index("plan_statement_id")
    assert (follow.at[first["id"], "status"], follow.at[first["id"], "status_machine"]) == (other, first["machine_value"])
    assert follow.at[first["id"], "reviewed_by"] == "Ann 2026-12-01"
    assert follow["reviewed_by"].notna().sum() == 1
    again = reviews.to_review(follow.reset_index())
    assert first["id"] not in set(again["id"])


def test_cli_build_with_a_bad_review_file_exits_2(tmp_path, raw_seed, capsys):
    write(tmp_path / "reviews", "bad.csv", "p1,status,done,Ann,2026-12-01,\n")
    code = cli.main(["build", "--raw", str(raw_seed), "--out", str(tmp_path / "out"), "--reviews", str(tmp_path / "reviews")])
    assert code == 2
    assert "bad.csv" in capsys.readouterr().err
    assert not (tmp_path / "out" / "follow_through.csv").exists()
