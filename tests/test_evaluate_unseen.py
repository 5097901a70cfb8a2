"""Scores on pages no rule was written from (analysis.evaluate.unseen): the scoring arithmetic on hand-made tables,
the checks of labels against the pages built, the label schemas, and `evaluate` without the pages.

The fixture page (tests/fixtures/unseen-pages/pages/action17.txt) and its labels are made up for these tests: an
invented action, invented sentences, two real department names so that the gazetteer places them.
"""

from __future__ import annotations

import hashlib
import pkgutil
import shutil

import numpy as np
import pandas as pd
import pytest

from analysis import cli, evaluate, paths, vocabulary
from analysis.evaluate import unseen
from analysis.parse import ParseError

FIXTURE = paths.ROOT / "tests" / "fixtures" / "unseen-pages"
PAGES, LABELS = FIXTURE / "pages", FIXTURE / "labels"
FIXED = unseen.FollowBaselines(low=0.4, high=0.7, constant="partial")


# --- the arithmetic, on hand-made tables ------------------------------------------------------------------


def test_follow_through_scores_by_hand():
    labels = pd.DataFrame({
        "statement_id": ["p1", "p2", "p3", "p4", "p5"],
        "first_choice": ["delivered", "partial", "not_reported", "echoed", "partial"],
        "defensible": ["delivered|partial", "partial|echoed", "not_reported", "echoed", "partial"],
    })
    follow = pd.DataFrame({  # p5 has no plan row: labelled, not scored
        "plan_statement_id": ["p1", "p2", "p3", "p4"],
        "status": ["delivered", "echoed", "partial", "echoed"],
        "score": [0.8, 0.5, 0.3, 0.6],
    })
    got = unseen.follow_through_scores(labels, follow, FIXED)
    assert (got.n_labelled, got.n_scored, got.not_plans) == (5, 4, ["p5"])
    rules, similarity, constant = got.methods.values()
    # Rules: truth D P N E, calls D E P E. Strict: p1, p4 right = 2/4 = 0.5. Lenient: p1 (D in D|P), p2 (E in P|E),
    # p4 = 3/4. Kappa: p_o = 0.5; p_e = D 1/4*1/4 + P 1/4*1/4 + E 1/4*2/4 + N 1/4*0 = 4/16 = 0.25;
    # (0.5 - 0.25) / 0.75 = 1/3.
    assert rules["strict"] == pytest.approx(0.5)
    assert rules["lenient"] == pytest.approx(0.75)
    assert rules["kappa"] == pytest.approx(1 / 3)
    matrix = rules["matrix"]
    assert matrix.loc["partial", "echoed"] == 1 and matrix.loc["not_reported", "partial"] == 1
    assert matrix.loc["delivered", "delivered"] == 1 and matrix.loc["echoed", "echoed"] == 1 and int(matrix.to_numpy().sum()) == 4
    # Similarity only (>= 0.7 delivered, >= 0.4 partial, else not_reported): 0.8 D, 0.5 P, 0.3 N, 0.6 P. Strict 3/4;
    # lenient: p4 P not in E: 3/4. Kappa: p_o 0.75; p_e = D 1/16 + P 1/4*2/4 + N 1/16 = 4/16; (0.75-0.25)/0.75 = 2/3.
    assert (similarity["strict"], similarity["lenient"]) == (pytest.approx(0.75), pytest.approx(0.75))
    assert similarity["kappa"] == pytest.approx(2 / 3)
    # Constant "partial": strict 1/4 (p2); lenient p1 (P in D|P) and p2 = 2/4; kappa: p_o = p_e = 1/4, so 0.
    assert (constant["strict"], constant["lenient"], constant["kappa"]) == (pytest.approx(0.25), pytest.approx(0.5), pytest.approx(0.0))


def test_boilerplate_scores_by_hand():
    labels = pd.DataFrame({
        "statement_id": ["s1", "s2", "s3", "s4", "s5", "s6"],
        "label": ["boilerplate", "boilerplate", "substantive", "substantive", "substantive", "borderline"],
    })
    table = pd.DataFrame({
        "statement_id": ["s1", "s2", "s3", "s4", "s5", "s6"],
        "is_boilerplate": [True, False, True, False, False, True],
        "n_vague_cues": [2, 0, 1, 0, 1, 3],
        "specificity": [-1.0, 0.0, 0.5, 1.0, 0.2, 0.0],
    })
    got = unseen.boilerplate_scores(labels, table)
    assert (got.n, got.n_boilerplate, got.borderline) == (5, 2, {"n": 1, "called boilerplate": 1})
    m = got.methods
    # Rules: call s1 s3; TP s1, FP s3, FN s2: precision 1/2, recall 1/2, F1 1/2.
    assert (m["rules as built"]["precision"], m["rules as built"]["recall"], m["rules as built"]["f1"]) == (0.5, 0.5, 0.5)
    # Everything boilerplate: TP 2 of 5 calls: precision 0.4, recall 1, F1 = 2*0.4/1.4 = 4/7.
    assert m["baseline: everything boilerplate"]["f1"] == pytest.approx(4 / 7)
    # Vague cues >= 1: calls s1 s3 s5; TP 1: precision 1/3, recall 1/2, F1 = (2/6)/(5/6) = 0.4.
    assert m["baseline: vague language only (cues >= 1)"]["f1"] == pytest.approx(0.4)
    # Specificity <= 0: calls s1 s2, both boilerplate: F1 1.
    assert m["baseline: specificity (Hope) <= 0"]["f1"] == pytest.approx(1.0)


def test_initiative_names_by_hand():
    statements = pd.DataFrame({
        "statement_id": ["x1", "x2", "x3"], "dept_abbr": ["DfT"] * 3, "section": ["plan_2014"] * 3,
        "text": ["We piloted the Canal Ledger with the Bridge Desk.", "The Kite Fund opened.", "Nothing was named here."],
    })
    initiatives = pd.DataFrame({
        "initiative_id": ["canal-ledger", "kite-fund", "elsewhere"], "name": ["Canal Ledger", "Kite Fund", "Elsewhere Scheme"],
        "aliases": ["", "", ""], "type": ["tool/product", "programme", "programme"], "departments": ["DfT"] * 3,
    })
    mentions = pd.DataFrame({
        "statement_id": ["x1", "x2", "z9"], "initiative_id": ["canal-ledger", "kite-fund", "elsewhere"],
        "char_start": [15, 4, 0], "char_end": [27, 13, 16], "surface": ["Canal Ledger", "Kite Fund", "Elsewhere Scheme"],
    })
    labels = pd.DataFrame({
        "statement_id": ["x1", "x1", "x1"], "name": ["Canal Ledger", "Bridge Desk", "DfT"],
        "type": ["tool/product", "group", "organisation"],
    })
    built = {"statements": statements, "initiatives": initiatives, "initiative_mentions": mentions}
    got = unseen.initiative_scores(labels, ["x1", "x2", "x3"], built)
    # Gold (initiative types only): Canal Ledger, Bridge Desk. Predicted on the coded statements: Canal Ledger, Kite Fund
    # (Elsewhere Scheme is named on no coded statement). One exact match: precision 1/2, recall 1/2.
    exact = got.rules.names_exact
    assert (exact["n_pred"], exact["n_gold"], exact["tp"]) == (2, 2, 1)
    assert (exact["precision"], exact["recall"]) == (0.5, 0.5)
    assert got.not_initiatives == ["DfT"] and got.unlocated == 0 and got.outside == 0


# --- the checks against the pages built, end to end on the fixture page -----------------------------------


def _sha1(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def test_label_hashes_are_of_the_sentences_written_in_the_fixture_page():
    labels = pd.read_csv(LABELS / "boilerplate_labels.csv", dtype=str, keep_default_na=False)
    sha = dict(zip(labels["statement_id"], labels["text_sha1"], strict=True))
    assert sha["a17-DfT-plan_2014-002"] == _sha1("The department will test the Harbour Pass prototype with 200 ferry operators.")
    assert sha["a17-HMRC-commitment_2012-001"] == _sha1("This action is not applicable to HMRC.")


@pytest.fixture(scope="module")
def fixture_report():
    evaluate._recorded.clear()
    original = unseen.seed_baselines
    unseen.seed_baselines = lambda processed_dir: FIXED  # the seed's choice is not what these tests check
    try:
        text = unseen.report(pages_dir=PAGES, labels_dir=LABELS)
    finally:
        unseen.seed_baselines = original
    return text, evaluate.scores()


def test_a_changed_text_and_a_missing_id_are_reported_not_scored(fixture_report):
    text, _ = fixture_report
    # follow_through_labels.csv: 6 rows; a17-HMRC-plan_2014-001's hash is wrong, a17-DfT-plan_2014-009 does not exist
    assert "labels: 6 label rows; 1 with a statement id not in the pages built, 1 whose statement text differs" in text
    assert "id missing: a17-DfT-plan_2014-009" in text
    assert "text differs: a17-HMRC-plan_2014-001" in text
    # the fixture page has 5 plans in commitment_2012 and plan_2014 (DfT 1 + 2, HMRC 1 + 1); 4 have a label that passes
    assert "plans labelled: 6 (4 pass the id and text checks); plans scored: 4; " in text
    assert "plans of commitment_2012 and plan_2014 in the pages without a label passing the checks: 1" in text
    assert "text differs: a17-HMRC-plan_2015-001" in text  # boilerplate_labels.csv


def test_fixture_scores_are_recorded_under_the_unseen_corpus(fixture_report):
    text, scores = fixture_report
    assert set(scores["corpus"]) == {vocabulary.UNSEEN_PAGES}
    n = dict(zip(zip(scores["analysis"], scores["measure"], strict=True), scores["n"], strict=True))
    assert n[("follow-through", "agreement with hand coding")] == 4
    # boilerplate: 5 rows pass the checks, one borderline: 4 scored; without commitment_2012: 2
    assert n[("boilerplate", "F1 on boilerplate")] == 4
    assert n[("boilerplate", f"F1 on boilerplate, sections other than {unseen.RESTATED_SECTION}")] == 2
    assert n[("initiatives", "recall of names")] == 2  # Harbour Pass, Tax Form Studio (HMRC is an organisation)
    assert "Nothing is fitted on these labels" in text


def test_a_different_page_file_is_reported_against_the_manifest(tmp_path):
    pages, labels = tmp_path / "pages", tmp_path / "labels"
    shutil.copytree(PAGES, pages)
    labels.mkdir()
    good = hashlib.sha256((PAGES / "action17.txt").read_bytes()).hexdigest()
    pd.DataFrame({"page": ["action17", "action18"], "url": ["", ""], "chars": ["", ""], "sha256": [good, "0" * 64],
                  "query": ["", ""], "retrieved": ["", ""]}).to_csv(labels / unseen.MANIFEST, index=False)
    lines = unseen.manifest_lines(pages, labels)
    assert "2; 1 found as collected (SHA-256), 0 differ, 1 missing" in lines[0] and lines[1].endswith("missing: action18")
    (pages / "action17.txt").write_text("changed", encoding="utf-8")
    assert "0 found as collected (SHA-256), 1 differ, 1 missing" in unseen.manifest_lines(pages, labels)[0]
    pd.DataFrame({"page": ["action17"]}).to_csv(labels / unseen.MANIFEST, index=False)
    assert "not checked" in unseen.manifest_lines(pages, labels)[0]


def test_pages_without_labels_are_built_and_nothing_scored(tmp_path):
    evaluate._recorded.clear()
    text = unseen.report(pages_dir=PAGES, labels_dir=tmp_path)
    assert "1 page, 11 statements" in text and "nothing scored" in text
    assert evaluate.scores().empty


# --- label schemas ----------------------------------------------------------------------------------------


def _copy_labels(tmp_path):
    shutil.copytree(LABELS, tmp_path / "labels")
    return tmp_path / "labels"


def test_the_fixture_labels_pass_their_schemas():
    labels = unseen.read_labels(LABELS)
    assert all(frame is not None for frame in labels.values())


@pytest.mark.parametrize(("file", "column", "bad"), [
    ("follow_through_labels.csv", "first_choice", "mostly_done"),
    ("follow_through_labels.csv", "defensible", "delivered|sort_of"),
    ("follow_through_labels.csv", "first_choice", "pending"),
    ("boilerplate_labels.csv", "label", "fluff"),
    ("boilerplate_labels.csv", "reason", "waffle"),
    ("initiatives_gold.csv", "type", "scheme"),
    ("follow_through_labels.csv", "text_sha1", "not-a-hash"),
])
def test_unknown_values_fail_the_label_schema(tmp_path, file, column, bad):
    folder = _copy_labels(tmp_path)
    frame = pd.read_csv(folder / file, dtype=str, keep_default_na=False)
    frame.loc[1, column] = bad
    frame.to_csv(folder / file, index=False)
    with pytest.raises(ParseError) as err:
        unseen.read_labels(folder)
    message = str(err.value)
    assert file in message and "line 3" in message and "\n" not in message  # row 1 is line 3 (header, row 0)


def test_a_statement_labelled_twice_fails_the_label_schema(tmp_path):
    folder = _copy_labels(tmp_path)
    frame = pd.read_csv(folder / "boilerplate_labels.csv", dtype=str, keep_default_na=False)
    pd.concat([frame, frame.iloc[[0]]]).to_csv(folder / "boilerplate_labels.csv", index=False)
    with pytest.raises(ParseError, match=r"boilerplate_labels.csv.*line \d"):
        unseen.read_labels(folder)


def test_a_missing_column_fails_the_label_schema(tmp_path):
    folder = _copy_labels(tmp_path)
    frame = pd.read_csv(folder / "follow_through_labels.csv", dtype=str, keep_default_na=False)
    frame.drop(columns="defensible").to_csv(folder / "follow_through_labels.csv", index=False)
    with pytest.raises(ParseError, match="follow_through_labels.csv"):
        unseen.read_labels(folder)


# --- evaluate without the pages ---------------------------------------------------------------------------


def _only_unseen(monkeypatch):
    """run_all finds the evaluation modules itself: here it finds only this one (the others take a minute)."""
    found = [m for m in pkgutil.iter_modules(evaluate.__path__) if m.name == "unseen"]
    monkeypatch.setattr(evaluate.pkgutil, "iter_modules", lambda path: found)


@pytest.mark.parametrize("given", [None, "no-such-folder"])
def test_evaluate_without_the_pages_says_so_in_one_line_and_exits_0(tmp_path, monkeypatch, capsys, given):
    _only_unseen(monkeypatch)
    scores = tmp_path / "scores.csv"
    argv = ["evaluate", "--scores", str(scores)] + (["--unseen-pages", str(tmp_path / given)] if given else [])
    assert cli.main(argv) == 0
    out = capsys.readouterr().out.splitlines()
    about = [line for line in out if "need the page excerpts" in line]
    assert len(about) == 1 and "data/annotations/unseen-pages/README.md" in about[0]
    assert out[0] == about[0] and out[1].startswith("wrote ")  # nothing else printed for it
    assert pd.read_csv(scores).empty  # no rows for pages that were not given


def test_evaluate_with_the_pages_adds_rows_under_the_corpus_label(tmp_path, monkeypatch, capsys):
    _only_unseen(monkeypatch)
    monkeypatch.setattr(unseen, "LABELS", LABELS)
    monkeypatch.setattr(unseen, "seed_baselines", lambda processed_dir: FIXED)
    scores = tmp_path / "scores.csv"
    assert cli.main(["evaluate", "--scores", str(scores), "--unseen-pages", str(PAGES)]) == 0
    table = pd.read_csv(scores)
    assert list(table.columns) == evaluate.SCORE_COLUMNS
    assert set(table["corpus"]) == {vocabulary.UNSEEN_PAGES} and len(table) > 0
    assert "Pages no rule was written from (pages:" in capsys.readouterr().out


def test_the_seed_fixes_the_follow_through_baselines():
    if not (paths.PROCESSED / "follow_through.csv").exists():
        pytest.skip("needs make data")
    chosen = unseen.seed_baselines(paths.PROCESSED)
    assert 0 <= chosen.low <= chosen.high <= 1 and chosen.constant in vocabulary.EVALUATED_STATUSES
    assert np.isfinite([chosen.low, chosen.high]).all()


def test_labelled_statements_the_analyses_leave_out_are_listed_not_scored():
    labels = pd.DataFrame({"statement_id": ["s1", "s2", "a99-X-unknown-001"], "label": ["boilerplate", "substantive", "substantive"]})
    table = pd.DataFrame({"statement_id": ["s1", "s2"], "is_boilerplate": [True, False], "n_vague_cues": [1, 0], "specificity": [0.0, 1.0]})
    got = unseen.boilerplate_scores(labels, table)
    assert got.unplaced == ["a99-X-unknown-001"] and got.n == 2


def test_overlap_with_the_texts_rules_were_written_from_is_counted(tmp_path):
    from analysis import pipeline

    pipeline.build(PAGES, tmp_path / "processed", tmp_path / "no-reviews")  # the fixture page stands in for data/processed
    built, _, _ = unseen.build_tables(PAGES)
    labels = unseen.read_labels(LABELS)
    # distinct labelled ids that exist: follow-through 5 (a17-DfT-plan_2014-009 does not), boilerplate adds
    # a17-HMRC-progress_2014-001 and a17-HMRC-plan_2015-001, initiatives add none: 7
    line = unseen.overlap_lines(labels, built["statements"], tmp_path / "processed")[0]
    assert ": 7 of 7:" in line


def test_second_coder_agreement_by_hand():
    first = pd.DataFrame({"statement_id": ["p1", "p2", "p3", "p4"], "first_choice": ["delivered", "partial", "echoed", "partial"]})
    second = pd.DataFrame({"statement_id": ["p1", "p2", "p3", "p9"], "first_choice": ["delivered", "echoed", "echoed", "partial"]})
    got = unseen.coder_agreement(first, second)
    # plans both coded: p1, p2, p3; same first choice on p1 and p3: 2/3. Kappa: first D P E, second D E E;
    # p_e = D 1/3*1/3 + P 1/3*0 + E 1/3*2/3 = 3/9; (2/3 - 1/3) / (2/3) = 0.5.
    assert got["n"] == 3 and got["agreement"] == pytest.approx(2 / 3) and got["kappa"] == pytest.approx(0.5)


def test_second_coder_folder_is_read_and_checked(tmp_path):
    folder = _copy_labels(tmp_path)
    (folder / unseen.SECOND).mkdir()
    shutil.copy(folder / "follow_through_labels.csv", folder / unseen.SECOND / "follow_through_labels.csv")
    built, _, _ = unseen.build_tables(PAGES)
    first = unseen.check(unseen.read_labels(folder)["follow_through_labels.csv"], built["statements"]).ok
    line = unseen.second_coder_lines(first, folder, built["statements"])[0]
    # the same file twice: 6 rows, 2 failing the checks, 4 plans both coded, all agreeing
    assert "6 rows, 2 failing the checks): n=4  agreement=1.000  kappa=1.000" in line


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_make_evaluate_passes_the_folder_only_when_given():
    import subprocess

    def dry_run(*args):
        return subprocess.run(["make", "-n", "evaluate", *args], cwd=paths.ROOT, capture_output=True, text=True).stdout

    assert "-m analysis evaluate --unseen-pages /some/pages" in dry_run("UNSEEN_PAGES=/some/pages")
    assert "--unseen-pages" not in dry_run()


def test_the_committed_labels_pass_their_schemas_and_cover_every_plan_once():
    """The labels in data/annotations/unseen-pages/ are checked without the page text (which is not in the
    repository): each file passes its schema, the second coder labels the same plans as the first, and every
    plan a coder relies on evidence for names evidence from its paired progress period."""
    committed = unseen.LABELS
    labels = unseen.read_labels(committed)
    assert all(frame is not None for frame in labels.values())
    follow = labels["follow_through_labels.csv"]
    second = unseen.read_labels(committed / "second")["follow_through_labels.csv"]
    assert set(follow["statement_id"]) == set(second["statement_id"])
    assert follow["statement_id"].str.contains(r"-(?:commitment_2012|plan_2014)-").all()
    pairs = {"commitment_2012": "progress_2013", "plan_2014": "progress_2014"}
    for row in follow[follow["evidence_ids"] != ""].itertuples():
        action, dept, section = row.statement_id.split("-")[:3]
        for evidence in row.evidence_ids.split("|"):
            assert evidence.startswith(f"{action}-{dept}-{pairs[section]}-"), (row.statement_id, evidence)
    manifest = pd.read_csv(committed / "pages.csv", dtype=str, keep_default_na=False)
    assert manifest["sha256"].str.fullmatch(r"[0-9a-f]{64}").all() and manifest["page"].is_unique


def test_evaluate_reads_the_labels_from_the_folder_given(tmp_path, monkeypatch, capsys):
    _only_unseen(monkeypatch)
    monkeypatch.setattr(unseen, "LABELS", tmp_path / "not-these")  # the default folder is not read when one is given
    monkeypatch.setattr(unseen, "seed_baselines", lambda processed_dir: FIXED)
    scores = tmp_path / "scores.csv"
    assert cli.main(["evaluate", "--scores", str(scores), "--unseen-pages", str(PAGES), "--unseen-labels", str(LABELS)]) == 0
    assert f"labels: {LABELS};" in capsys.readouterr().out
    n = pd.read_csv(scores).set_index("measure")["n"]
    assert n["agreement with hand coding"] == 4  # as scored from the fixture labels above


def test_evaluate_with_a_missing_labels_folder_is_one_line_exit_2(tmp_path, capsys):
    scores = tmp_path / "scores.csv"
    missing = tmp_path / "no-labels"
    assert cli.main(["evaluate", "--scores", str(scores), "--unseen-pages", str(PAGES), "--unseen-labels", str(missing)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and str(missing) in err[0]
    assert not scores.exists()
