"""The boilerplate classifier: each signal on small hand-written examples, the precedence of reasons on
a hand-made table whose expected answers are reasoned out in the comments, bad input, determinism, and
checks on the seed page."""

from __future__ import annotations

import doctest
import math
import re

import pandas as pd
import pytest

from analysis import boilerplate as bp
from analysis import departments, schemas
from analysis import text as text_module
from analysis.segment import count_words, statement_id

# Settings for the hand-made examples, fixed here so the tests check the logic, not the tuned values.
T = bp.Thresholds(template_jaccard=0.8, repeat_containment=0.6, vague_max_balance=2, specific_weight=3)


def table(rows: list[tuple], action: int = 7, title: str = "share good practice across government") -> pd.DataFrame:
    """A statements table from (dept_abbr, section, position, text[, is_lead_in, lead_in_position]) tuples."""
    out = []
    for row in rows:
        dept, section, position, text = row[:4]
        is_lead_in = row[4] if len(row) > 4 else False
        lead_in = statement_id(action, dept, section, row[5]) if len(row) > 5 else pd.NA
        out.append(
            {
                "statement_id": statement_id(action, dept, section, position),
                "action": action,
                "action_title": title,
                "department": departments.by_abbr(dept).name,
                "dept_abbr": dept,
                "section": section,
                "section_kind": section.split("_")[0],
                "year": int(section.split("_")[1]),
                "is_lead_in": is_lead_in,
                "list_lead_in_id": lead_in,
                "text": text,
                "n_words": count_words(text),
            }
        )
    return pd.DataFrame(out)


# --- normalisation ------------------------------------------------------------------------------------


def test_doctests():
    result = doctest.testmod(bp)
    assert result.attempted >= 8 and result.failed == 0


def test_shape_masks_names_and_normalises_tense():
    # Names (with and without "the", GDS spelt out or not) become placeholders; has/will/continued to
    # and the article go; "published" is lemmatised.
    expected = ("xdeptx", "publish", "guidance", "xcentrex")
    assert bp.shape("The Home Office has published the guidance with GDS.") == expected
    assert bp.shape("Home Office will continue to publish the guidance with GDS.") == expected
    assert bp.shape("HO continued to publish the guidance with the Government Digital Service.") == expected


def test_shape_folds_a_name_and_its_abbreviation():
    # "Department for Work and Pensions (DWP)" is one name; "ran" -> "run"; "a" is a stop word.
    assert bp.shape("Department for Work and Pensions (DWP) ran a sprint.") == ("xdeptx", "run", "sprint")


def test_cabinet_office_is_the_centre_not_a_department():
    assert bp.shape("Cabinet Office ran a sprint.") == ("xcentrex", "run", "sprint")


def test_shingles_and_jaccard():
    assert bp.shingles(("a", "b", "c")) == {"a b", "b c"}
    assert bp.shingles(("a",)) == {"a"}
    assert bp.shingles(()) == frozenset()
    assert bp.jaccard({"x", "y"}, {"y", "z"}) == pytest.approx(1 / 3)
    assert bp.jaccard(set(), set()) == 0.0


# --- signal 1: not applicable ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The action does not apply to the Wales Office.", True),
        ("Not applicable: see our answer under another action.", True),
        ("This action is not relevant to us.", True),
        ("The new standard is applicable to every service.", False),
        ("We applied the standard to 12 services.", False),
    ],
)
def test_not_applicable(text, expected):
    assert bp.is_not_applicable(text) is expected


# --- signal 2: templates --------------------------------------------------------------------------------


def test_near_duplicate_groups_threshold():
    # Bigrams: {ab, bc, cd} and {ab, bc, ce} share 2 of 4 -> Jaccard 0.5; (x y z) shares nothing.
    shapes = [("a", "b", "c", "d"), ("a", "b", "c", "d"), ("a", "b", "c", "e"), ("x", "y", "z")]
    assert bp.near_duplicate_groups(shapes, 0.5) == [0, 0, 0, 3]
    assert bp.near_duplicate_groups(shapes, 0.6) == [0, 0, 2, 3]


def test_near_duplicate_groups_rejects_bad_threshold():
    with pytest.raises(ValueError, match="threshold"):
        bp.near_duplicate_groups([("a", "b")], 0)


def test_template_needs_two_departments():
    frame = table(
        [
            ("DfT", "progress_2013", 1, "DfT has supported the regional skills network run by Cabinet Office."),
            ("DWP", "progress_2013", 1, "DWP has supported the regional skills network run by Cabinet Office."),
            # Same department twice: a shape of one department only is not a template.
            ("DECC", "progress_2013", 1, "DECC trained forty analysts in data science."),
            ("DECC", "plan_2014", 1, "DECC will train forty analysts in data science."),
        ]
    )
    work = frame.assign(shape=[bp.shape(t) for t in frame["text"]])
    families = bp.template_families(work, T).set_index("statement_id")
    shared = families.iloc[:2]
    assert list(shared["template_size"]) == [2, 2]
    assert shared["template_id"].nunique() == 1 and shared["template_id"].notna().all()
    assert list(shared["template_similarity"]) == [1.0, 1.0]
    own = families.iloc[2:]
    assert list(own["template_size"]) == [1, 1]
    assert own["template_id"].isna().all()


# --- specificity ----------------------------------------------------------------------------------------


def test_specific_items_counts_names_numbers_months():
    spec = bp.specific_items("In September DWP launched its revised PolicyKit with 3 teams.", year=2014)
    assert spec.items == ("September", "PolicyKit", "3")
    assert spec.words == 3


def test_specific_items_excludes_departments_and_the_centre():
    assert bp.specific_items("GDS and Cabinet Office supported the Department for Education.", year=2014).items == ()


def test_bracketed_acronym_is_an_alias_not_an_item():
    spec = bp.specific_items("Staff in arm's length bodies (ALBs) were trained.", year=2014)
    assert spec.items == ()
    assert spec.aliases == ("ALBs",)


def test_years_inside_the_reporting_window_do_not_count():
    assert bp.specific_items("Work begun in 2013 will go on.", year=2014).items == ()
    assert bp.specific_items("Work begun in 2013 will go on.", year=2012).items == ("2013",)
    assert bp.specific_items("The pilot ends by January 2016.", year=2015).items == ("January 2016",)


def test_a_name_with_a_number():
    assert bp.specific_items("Sprint 13 was held in London.", year=2013).items == ("Sprint 13", "London")


def test_item_key_folds_case_plurals_and_years():
    assert bp.item_key("ALBs") == bp.item_key("ALB") == "alb"
    assert bp.item_key("March 2015", 2014) == bp.item_key("March 2016", 2015) == "march y+1"


# --- signal 4: vague language ---------------------------------------------------------------------------


def test_vague_cues():
    assert bp.vague_cues("The department will continue to work closely with partners where appropriate.") == (
        "continue to",
        "work closely with",
        "where appropriate",
    )
    assert bp.vague_cues("The team published 12 case studies in March.") == ()


def test_vague_balance_arithmetic():
    # 2 concrete words + 3 x 1 new item - (3 cues - 1) = 3
    assert bp.vague_balance(2, 1, 3, 3) == 3
    assert bp.vague_balance(0, 0, 0, 3) == 0


def test_concrete_terms_leave_out_generic_words():
    # "team" is generic and 12 a number: the concrete words are publish, case, study, march.
    assert bp.concrete_terms(bp.shape("The team published 12 case studies in March.")) == ("publish", "case", "study", "march")


# --- the classifier on a hand-made table -------------------------------------------------------------------

HAND = [
    # A, B: not applicable (they also share a shape, but not_applicable comes first).
    ("DECC", "commitment_2012", 1, "This action is not applicable to DECC."),
    ("WO", "commitment_2012", 1, "This action is not applicable to the Wales Office."),
    # C, D: the same sentence with the names swapped -> template (2 departments).
    ("DfT", "progress_2013", 1, "DfT has supported the cross-government capability programme run by Cabinet Office."),
    ("HMRC", "progress_2013", 1, "HM Revenue and Customs (HMRC) has supported the cross-government capability programme run by Cabinet Office."),
    # E: the same again, tense changed: template (it is also a repeat of C; template comes first).
    ("DfT", "plan_2014", 1, "DfT will continue to support the cross-government capability programme run by Cabinet Office."),
    # F: a concrete plan (a number and a month, no vague cue) -> substantive.
    ("DfT", "plan_2014", 2, "DfT will publish a guide to agile procurement for 200 commercial staff by June."),
    # G: F in the past tense, nothing new -> repeat of F.
    ("DfT", "progress_2014", 1, "DfT published a guide to agile procurement for 200 commercial staff."),
    # H: reports the guide with new specifics (45, Leeds) -> substantive.
    ("DfT", "progress_2014", 2, "DfT published the guide in June with 45 worked examples from Leeds."),
    # I: three cues, no concrete word -> vague.
    ("HMRC", "plan_2014", 1, "HMRC will continue to work closely with GDS to improve digital skills where appropriate."),
    # J: concrete -> substantive.
    ("HMRC", "progress_2014", 1, "HMRC ran 14 code clinics for caseworkers in Liverpool and Cardiff."),
    # K: a lead-in with two cues and one concrete word (vague on its own) whose bullet L is concrete -> substantive.
    ("HMRC", "plan_2015", 1, "HMRC will also seek to work with agents on:", True),
    ("HMRC", "plan_2015", 2, "a 6-week pilot of online filing for 300 agents", False, 1),
    # M: I again, word for word: repeat (of I) takes precedence over vague.
    ("HMRC", "plan_2015", 3, "HMRC will continue to work closely with GDS to improve digital skills where appropriate."),
]
EXPECTED_REASONS = ["not_applicable", "not_applicable", "template", "template", "template", None, "repeat", None, "vague", None, None, None, "repeat"]


@pytest.fixture(scope="module")
def hand():
    frame = table(HAND)
    return frame, bp.classify(frame, T)


def test_reasons_follow_the_precedence(hand):
    frame, result = hand
    got = [None if pd.isna(r) else r for r in result["boilerplate_reason"]]
    assert got == EXPECTED_REASONS
    assert list(result["statement_id"]) == list(frame["statement_id"])


def test_flag_and_score_agree_with_reason(hand):
    _, result = hand
    assert (result["is_boilerplate"] == result["boilerplate_reason"].notna()).all()
    assert ((result["boilerplate_score"] >= 0.5) == result["is_boilerplate"]).all()
    assert result["boilerplate_score"].between(0, 1).all()
    assert result.loc[0, "boilerplate_score"] == 1.0  # not applicable is certain


def test_template_evidence(hand):
    frame, result = hand
    r = result.set_index("statement_id")
    ids = frame["statement_id"]
    c, d, e, a = ids[2], ids[3], ids[4], ids[0]
    assert r.loc[[c, d, e], "template_size"].tolist() == [2, 2, 2]
    assert r.loc[c, "template_id"] == r.loc[d, "template_id"] == r.loc[e, "template_id"]
    assert r.loc[a, "template_id"] != r.loc[c, "template_id"]


def test_repeat_evidence(hand):
    frame, result = hand
    r = result.set_index("statement_id")
    ids = frame["statement_id"]
    # G restates F: every bigram of G is in F, nothing new.
    assert r.loc[ids[6], "repeat_of"] == ids[5]
    assert r.loc[ids[6], "repeat_similarity"] == 1.0
    assert r.loc[ids[6], "new_specific"] == 0
    # H names 45 and Leeds, which DfT's earlier text does not (June it does).
    assert r.loc[ids[7], "new_specific"] == 2
    # E's repeat source is DfT's own C, never HMRC's identical D.
    assert r.loc[ids[4], "repeat_of"] == ids[2]
    # M repeats I.
    assert r.loc[ids[12], "repeat_of"] == ids[8]
    # The first period has nothing earlier.
    assert pd.isna(r.loc[ids[2], "repeat_of"]) and r.loc[ids[2], "repeat_similarity"] == 0.0


def test_vague_evidence(hand):
    frame, result = hand
    r = result.set_index("statement_id")
    ids = frame["statement_id"]
    assert r.loc[ids[8], "vague_cues"] == "continue to; work closely with; where appropriate"
    assert r.loc[ids[8], "concrete_words"] == 0
    assert r.loc[ids[8], "vague_balance"] == -2  # 0 + 0 - (3 - 1)


def test_lead_in_is_judged_with_its_bullets():
    frame = table(HAND)
    feats = bp.features(frame, T)
    with_list = bp.decide(feats, T)
    alone = bp.decide(feats.assign(is_lead_in=False), T)
    assert pd.isna(with_list.loc[10, "boilerplate_reason"])
    # On its own: "seek to" + "work closely with" = 2 cues, one concrete word (agent): 1 - 1 = 0 <= 2.
    assert alone.loc[10, "boilerplate_reason"] == "vague"
    assert alone.loc[10, "vague_balance"] == 0


def test_thresholds_change_decisions():
    frame = table(HAND)
    strict = bp.classify(frame, T.replace(vague_max_balance=-5))
    assert strict.loc[8, "boilerplate_reason"] != "vague"  # I's balance is -2
    with pytest.raises(ValueError, match="unknown threshold"):
        T.replace(nonsense=1)


def test_output_is_deterministic_and_order_free():
    frame = table(HAND)
    first = bp.classify(frame, T)
    again = bp.classify(frame, T)
    pd.testing.assert_frame_equal(first, again)
    shuffled = bp.classify(frame.sample(frac=1, random_state=3), T).set_index("statement_id").loc[first["statement_id"]].reset_index()
    pd.testing.assert_frame_equal(first, shuffled)


# --- published measures ---------------------------------------------------------------------------------


def test_lsl_document_counts():
    frame = table(
        [
            ("DfT", "plan_2014", 1, "They will share lessons with every region."),
            ("DWP", "plan_2014", 1, "They will share lessons with every region."),
            ("DECC", "plan_2014", 1, "They will share lessons with every region."),
            ("DECC", "plan_2014", 2, "Our library opened nine new reading rooms."),
            ("DWP", "plan_2014", 2, "Yes indeed."),
            # Only the action title's own 4-gram: ignored.
            ("DfT", "plan_2014", 2, "share good practice across"),
            ("DWP", "plan_2014", 3, "share good practice across"),
        ]
    )
    counts = bp.lsl_doc_counts(frame).tolist()
    assert counts == [3, 3, 3, 1, 0, 0, 0]


def test_year_on_year_similarity():
    frame = table(
        [
            ("DfT", "commitment_2012", 1, "alpha beta"),
            ("DfT", "progress_2013", 1, "alpha gamma"),
            ("DfT", "progress_2014", 1, "alpha gamma"),
        ]
    )
    yoy = bp.year_on_year(frame).set_index("section")
    assert math.isnan(yoy.loc["commitment_2012", "cosine"])
    # {alpha:1, beta:1} vs {alpha:1, gamma:1}: cosine 1 / (sqrt 2 * sqrt 2) = 0.5; Jaccard 1 / 3.
    assert yoy.loc["progress_2013", "cosine"] == pytest.approx(0.5)
    assert yoy.loc["progress_2013", "jaccard"] == pytest.approx(0.3333, abs=1e-4)
    assert yoy.loc["progress_2014", "previous_section"] == "progress_2013"
    assert yoy.loc["progress_2014", "cosine"] == pytest.approx(1.0)


# --- bad input ------------------------------------------------------------------------------------------


def test_bad_input_is_a_clear_error():
    frame = table(HAND)
    with pytest.raises(bp.BoilerplateInputError, match="lacks column.*text"):
        bp.classify(frame.drop(columns="text"))
    with pytest.raises(bp.BoilerplateInputError, match="duplicate statement_id"):
        bp.classify(pd.concat([frame, frame.iloc[:1]]))
    with pytest.raises(bp.BoilerplateInputError, match="unknown section 'review_2014'"):
        bp.classify(frame.assign(section="review_2014"))
    with pytest.raises(bp.BoilerplateInputError, match="has no text"):
        bp.classify(frame.assign(text=pd.Series([None] * len(frame), dtype="object")))
    with pytest.raises(bp.BoilerplateInputError, match="DataFrame"):
        bp.classify([1, 2, 3])


def test_empty_table_gives_an_empty_result():
    result = bp.classify(table(HAND).iloc[:0])
    assert result.empty and list(result.columns) == schemas.columns("boilerplate")


# --- no rule names a department or quotes the seed --------------------------------------------------------


def _rule_texts() -> list[str]:
    return [
        *bp.VAGUE_CUES.values(), bp.GENERIC_WORDS, bp._NOT_APPLICABLE.pattern,
        text_module._SERIES.pattern, text_module._SELF.pattern, bp._CONTINUATION.pattern,
    ]


def test_rules_name_no_department():
    names = {n for d in departments.DEPARTMENTS if d.abbr != "CO" for n in (d.name, d.abbr, *d.aliases)}
    for rule in _rule_texts():
        for name in names:
            assert not re.search(rf"\b{re.escape(name)}\b", rule), f"rule mentions {name!r}: {rule[:60]}"


def test_rules_quote_no_seed_sentence(seed_statements):
    seed_grams = set()
    for text in seed_statements["text"]:
        words = bp.tokens(text)
        seed_grams |= {" ".join(words[i : i + 4]) for i in range(len(words) - 3)}
    for rule in _rule_texts():
        words = re.findall(r"[a-z]+", rule.lower())
        grams = {" ".join(words[i : i + 4]) for i in range(len(words) - 3)}
        assert not (grams & seed_grams), f"rule shares a 4-word sequence with the seed: {sorted(grams & seed_grams)[:3]}"


# --- the seed page ----------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_result():
    from analysis.parse import parse_file
    from analysis.segment import statements

    from .conftest import SEED

    frame, _ = statements([parse_file(SEED)])
    return frame, bp.classify(frame)


def test_seed_table_validates(seed_result):
    frame, result = seed_result
    schemas.Boilerplate.validate(result)
    assert list(result["statement_id"]) == list(frame["statement_id"])


def test_seed_not_applicable(seed_result):
    frame, result = seed_result
    says_so = frame["text"].str.contains("not applicable", case=False).to_numpy()
    assert says_so.sum() >= 9
    assert (result.loc[says_so, "boilerplate_reason"] == "not_applicable").all()


def test_seed_shared_formula_is_one_template_family(seed_result):
    # Read off the page: four departments write "<Dept> has supported / will continue to support / continued
    # to support the work by Cabinet Office to raise digital capability across departments."
    frame, result = seed_result
    members = frame["text"].str.contains("the work by Cabinet Office to raise digital capability across departments", regex=False).to_numpy()
    assert members.sum() >= 8
    family = result.loc[members]
    assert (family["boilerplate_reason"] == "template").all()
    assert family["template_id"].nunique() == 1
    assert family["template_size"].iloc[0] >= 4


def test_seed_named_events_are_substantive(seed_result):
    # Statements naming a dated event or a number and no vague cue say something checkable.
    frame, result = seed_result
    concrete = frame["text"].str.contains(r"\b(?:January|February|March|April|September|October|November)\b \d{4}|\b\d+-day\b", regex=True)
    assert concrete.sum() >= 2
    assert not result.loc[concrete.to_numpy(), "is_boilerplate"].any()


# --- rules that generalise (issue 10): hand-written sentences, not copied from the labelled pages ------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The department does not run any services with that many users.", True),
        ("We don't provide transactional services to the public.", True),
        ("The agency has no digital services of this size.", True),
        ("This is not directly applicable to the Home Office.", True),
        ("Its arm's length bodies are largely exempt from the move.", True),
        ("Awaiting Treasury confirmation", True),
        ("To be confirmed", True),
        ("Although it does not have many transactions, this is a priority.", False),  # few, not none
        ("We do not yet know how many services will move.", False),
        ("The department is awaiting the results of its survey before it starts.", False),
        # holds or does none of what the action is about, and plans nothing: the follow-through's plans use
        # the same test, so a plan and its boilerplate call agree
        ("The agency does not manage policy areas of its own and advises others.", True),
        ("The office does not hold registers that would suit publication.", True),
        ("The office does not hold registers yet but will publish 2 by June 2014.", False),
        ("The agency does not have a digital leader.", False),  # a gap, not an absence
    ],
)
def test_not_applicable_in_other_words(text, expected):
    assert bp.is_not_applicable(text) is expected


def _edition_table(rows):
    """One department's responses to several actions of one edition (edition 2012, one period)."""
    frames = [table([(dept, "commitment_2012", pos, text)], action=action, title=title).assign(edition=2012) for action, dept, pos, text, title in rows]
    return pd.concat(frames, ignore_index=True).assign(statement_id=lambda f: f["statement_id"] + "-e")


def test_a_departments_sentence_reused_in_a_later_action_is_a_repeat():
    frame = _edition_table(
        [
            (3, "DfT", 1, "We will open a digital academy in Swansea for 40 engineers.", "capability in-house"),
            (6, "DfT", 1, "We will open a digital academy in Swansea for 40 engineers.", "meet the service standard"),
            (7, "DfT", 1, "We will open a digital academy in Swansea for 60 engineers.", "move onto GOV.UK"),  # a new number
            (7, "HO", 1, "The Home Office will publish its content plan on GOV.UK next week.", "move onto GOV.UK"),
        ]
    )
    out = bp.classify(frame, bp.THRESHOLDS).set_index(frame["statement_id"])
    first, again, changed, _ = frame["statement_id"]
    assert pd.isna(out.loc[first, "boilerplate_reason"])  # the first occurrence is judged on its merits
    assert out.loc[again, "boilerplate_reason"] == "repeat"
    assert out.loc[again, "repeat_of"] == first and out.loc[again, "repeat_similarity"] == 1.0
    assert out.loc[changed, "boilerplate_reason"] != "repeat"  # it names something the earlier text does not


def test_the_other_edition_is_never_earlier_text():
    frame = _edition_table([(3, "DfT", 1, "We will open a digital academy in Swansea for 40 engineers.", "capability in-house")])
    restated = frame.assign(edition=2015, statement_id=frame["statement_id"] + "x")
    out = bp.classify(pd.concat([frame, restated], ignore_index=True), bp.THRESHOLDS)
    assert out["boilerplate_reason"].isna().all() and out["repeat_of"].isna().all()


def test_words_and_items_of_the_action_title_are_not_concrete():
    title = "all new or redesigned transactional services meet the service standard by April 2014"
    restating = "All our new and redesigned transactional services will meet the service standard by April 2014."
    assert bp.concrete_terms(bp.shape(restating), bp.action_words(title)) == ()
    assert bp.restates_title("April 2014", title) and not bp.restates_title("Swansea", title)
    own = "We will redesign 12 licensing services in Swansea by April 2014."
    assert bp.concrete_terms(bp.shape(own), bp.action_words(title)) == ("license", "swansea")  # lemmas


def test_stance_cues():
    assert "committed to" in bp.vague_cues("The department is committed to becoming digital by default.")
    assert "if it changes" in bp.vague_cues("Should this change in future, it will appoint a manager.")
    assert "will need" in bp.vague_cues("This is likely to be a mixed model.")
    assert "champion" in bp.vague_cues("Senior leaders will champion digital, leading by example.")
    assert bp.vague_cues("It recruited 12 developers in March.") == ()


def test_exact_pairs_and_lsh_give_the_same_families(seed_statements):
    shapes = [bp.shape(t) for t in seed_statements["text"]]
    for threshold in (0.4, 0.6, 0.9):
        assert bp.near_duplicate_groups(shapes, threshold) == bp.near_duplicate_groups(shapes, threshold, exact_max=0), threshold


# --- issue 10, item 5 (second round): general aims without a cue word ----------------------------------------


def test_the_words_of_a_cue_are_not_also_concrete_content():
    # "champion", "leading by example", "committed" make the cue; counted again as content they outweighed it
    text = "Our directors will champion open working, leading by example."
    assert {"champion", "lead", "example"} <= bp.cue_lemmas(text)
    assert bp.concrete_terms(bp.shape(text), bp.cue_lemmas(text)) == ("director", "open")
    out = bp.classify(table([("DfT", "plan_2015", 1, text)]), T)
    assert out.loc[0, "concrete_words"] == 2 and out.loc[0, "boilerplate_reason"] == "vague"


def test_words_of_any_action_title_of_the_edition_are_restated_not_concrete():
    first = table([("DfT", "plan_2015", 1, "We will publish open data on every prison.")], action=1, title="departments will publish open data")
    second = table([("HO", "plan_2015", 1, "We will publish open data on every prison.")], action=2, title="departments will appoint a leader")
    out = bp.classify(pd.concat([first, second], ignore_index=True), T)
    # action 2's response quotes action 1's title: "publish", "open" and "data" are the strategy's words, not its own
    assert out["concrete_terms"].tolist() == ["prison", "prison"]
    assert bp.strategy_words(["departments will publish open data", "appoint a leader"]) >= {"publish", "open", "datum", "appoint", "leader"}


def test_hyphenated_and_joined_spellings_of_a_title_word_are_one_word():
    assert bp.concrete_terms(bp.shape("We redesigned the forms."), bp.action_words("forms will be re-designed")) == ()
    assert bp.concrete_terms(bp.shape("We re-designed the forms."), bp.action_words("forms will be redesigned")) == ()


def test_restated_share_counts_the_title_words_among_the_content_words():
    title = "every agency will publish its spending data monthly"
    assert bp.restated_share(bp.shape("We will publish our spending data every month."), title) == 0.75  # publish, spend, datum; not month
    assert bp.restated_share(bp.shape("We will publish spending data."), title) == 1.0
    assert bp.restated_share(bp.shape("We will build a tide gauge in Hull."), title) == 0.0
    assert bp.restated_share(bp.shape("We will do so."), title) == 0.0  # no content word


@pytest.mark.parametrize(
    "text, restates",
    [
        ("We will publish our spending data.", True),  # the commitment, given back
        ("We will publish our spending data from June 2013.", False),  # a date of its own
        ("We will publish our spending data on the Treasury Portal.", False),  # a name of its own
        ("We will build a tide gauge in Hull.", False),  # its own content
    ],
)
def test_restating_the_action_without_an_item_of_its_own_is_a_vague_cue(text, restates):
    frame = table([("DfT", "plan_2015", 1, text)], title="every agency will publish its spending data")
    out = bp.classify(frame, T.replace(restate_share=0.7))
    assert (bp.RESTATES_ACTION in out.loc[0, "vague_cues"]) is restates
    assert (out.loc[0, "boilerplate_reason"] == "vague") is restates
    never = bp.classify(frame, T.replace(restate_share=1.01))  # a share is at most 1: the rule is off
    assert bp.RESTATES_ACTION not in never.loc[0, "vague_cues"]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("We do not run transactional services, but will move our guidance to the Planning Portal by June 2013.", False),
        ("The department has no services of this kind; however, it will open 3 regional offices.", False),
        ("We do not run transactional services, but we support the aim of the action.", True),  # nothing specific after the turn
        ("We do not run transactional services.", True),
        ("Not applicable but will form part of the work on action 3.", True),  # an action number is not specific
    ],
)
def test_a_not_applicable_clause_turned_to_something_specific_answers_the_action(text, expected):
    assert bp.is_not_applicable(text) is expected


@pytest.mark.parametrize(
    "text, cue",
    [
        ("The board fully endorses the principles of open data.", "endorse"),
        ("Our agencies have embraced the digital agenda.", "endorse"),
        ("We recognise the importance of good data.", "recognise"),
        ("We will extend the scheme wherever possible.", "where appropriate"),
        ("We will work towards a single website.", "working to"),
    ],
)
def test_stance_and_hedge_cues(text, cue):
    assert cue in bp.vague_cues(text)


def test_no_stance_cue_for_an_act():
    assert bp.vague_cues("We supported 40 teams and published 3 principles in May 2013.") == ()


def test_calls_decide_the_same_as_decide(seed_statements):
    feats = bp.features(seed_statements, T)
    for t in (T, T.replace(vague_max_balance=5, restate_share=0.6), T.replace(specific_weight=1, repeat_containment=0.4)):
        assert (bp.calls(bp.signals(feats, t), t).is_boilerplate == bp.decide(feats, t)["is_boilerplate"].to_numpy()).all()


# --- issue 10, item 5 (third round): a cue's place in the sentence, reports of acts, claims of standing --------


@pytest.mark.parametrize(
    "text",
    [
        "We will set up a unit in our finance directorate to ensure that every invoice is paid online.",  # purpose clause
        "We will run a course which ensures that all our lawyers can use the case system.",  # relative clause
        "The agency has started 2 pilots which will support the move to online licences.",  # relative "which will support"
    ],
)
def test_a_cue_that_only_states_the_purpose_of_an_act_is_not_a_cue(text):
    assert bp.vague_cues(text) == ()
    out = bp.classify(table([("DfT", "plan_2015", 1, text)]), T.replace(vague_max_balance=8))
    assert pd.isna(out.loc[0, "boilerplate_reason"])  # the act is the content: no cue, so not vague however loose the balance


@pytest.mark.parametrize(
    "text, cues",
    [
        ("We will ensure that every invoice is paid online.", ("ensure",)),  # the pledge itself
        ("We will continue to ensure that every invoice is paid online.", ("continue to", "ensure")),  # "to" after a verb taking it
        ("We are keen to work with the agency to ensure that invoices are paid.", ("keen to", "ensure", "work closely with")),  # a pledge's purpose
    ],
)
def test_a_cue_that_is_the_pledge_or_part_of_one_still_counts(text, cues):
    assert bp.vague_cues(text) == cues


APPOINT = "boards will include an active digital leader appointed by the minister"


@pytest.mark.parametrize(
    "text, restates",
    [
        ("The agency will appoint an active digital leader to its board.", True),  # the commitment given back: a pledge
        ("The agency has appointed an active digital leader to its board.", False),  # reported done: a claim to check
        ("An active digital leader is already in place on the agency's board.", False),
        ("The agency is in the process of appointing an active digital leader to its board.", False),
    ],
)
def test_a_report_that_the_action_is_done_does_not_restate_it(text, restates):
    out = bp.classify(table([("DfT", "plan_2015", 1, text)], title=APPOINT), T.replace(restate_share=0.5))
    assert (bp.RESTATES_ACTION in out.loc[0, "vague_cues"]) is restates
    assert (out.loc[0, "boilerplate_reason"] == "vague") is restates


@pytest.mark.parametrize(
    "text, done",
    [
        ("The department has recruited 2 developers.", True),
        ("A service manager was appointed in May.", True),
        ("We have agreed to appoint a service manager.", False),  # a verb of commitment with "to": still a pledge
        ("We will recruit 2 developers.", False),
    ],
)
def test_reports_act(text, done):
    assert bp.reports_act(text) is done


@pytest.mark.parametrize(
    "text",
    [
        "This remains a key priority for the agency.",
        "Flood warnings are still our top priority.",
        "We are very much in the lead on marine and fisheries policy.",
        "The unit is at the forefront of open policy making.",
        "Our regional offices play an important role in this work.",
    ],
)
def test_a_claim_of_standing_or_priority_is_a_stance_cue(text):
    assert "claims standing" in bp.vague_cues(text)


def test_a_claim_of_standing_without_other_content_is_vague():
    out = bp.classify(table([("DfT", "plan_2015", 1, "However, we are very much in the lead on marine policy.")]), T)
    assert out.loc[0, "boilerplate_reason"] == "vague"


def test_priority_as_the_order_of_an_act_is_no_stance():
    assert bp.vague_cues("We trained 40 policy officials as a priority in May 2013.") == ()


@pytest.mark.parametrize(
    "text",
    ["We will put a service manager in place.", "We will have appointed a service manager by May.", "We intend to have a manager in place."],
)
def test_a_future_report_is_still_a_pledge(text):
    assert bp.reports_act(text) is False
