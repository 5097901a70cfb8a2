"""The second coder's follow-through calls join the first coder's labels row for row (a broken join
would silently turn lenient agreement into strict agreement)."""

import pandas as pd

from analysis import paths
from analysis.evaluate import followthrough as ft_eval
from analysis.evaluate import heldout


def test_every_seed_and_heldout_plan_has_a_second_call():
    seed = ft_eval.with_second_coder(pd.read_csv(ft_eval.LABELS, dtype=str, keep_default_na=False), paths.SEED_PAGE.name)
    frag = ft_eval.with_second_coder(heldout.read_labels("follow_through_labels.csv"))
    for labels in (seed, frag):
        assert (labels["second_status"] != "").all()
        # the first choice is always among the statuses the coder called defensible
        assert all(s in a.split("|") for s, a in zip(labels["second_status"], labels[ft_eval.LENIENT_COLUMN]))
    assert len(seed) + len(frag) == len(pd.read_csv(ft_eval.SECOND_CODER / "labels.csv"))


def test_second_coder_rows_without_a_match_stay_empty():
    labels = pd.DataFrame(
        {"dept_abbr": ["XYZ"], "plan_section": ["plan_2014"], "plan_text": ["A plan nobody coded."], "status": ["partial"]}
    )
    joined = ft_eval.with_second_coder(labels, "nowhere.txt")
    assert joined.loc[0, "second_status"] == "" and joined.loc[0, ft_eval.LENIENT_COLUMN] == ""
    assert "source_file" not in joined.columns
