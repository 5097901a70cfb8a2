"""Mutations of the real pages: nothing lost, nothing misfiled, and the right answer for bad input.

Each test damages a copy of a real page (the seed in data/raw/, the fragments in data/external/) the way
a hostile user or a bad download would, runs the command line on it, and checks with an INDEPENDENT word
count that every body word of the input is in exactly one statement. The body lines are labelled here,
by a few hand-written rules about these pages (their department names, period headings and page furniture,
listed below by reading the pages), never by asking the parser; mutations carry the labels along.
"""

from __future__ import annotations

import random
import re
from collections import Counter
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis.cli import main

from .conftest import PAGES, SEED

# --- an independent labelling of the real pages ------------------------------------------------

_NUM = r"^\s*(?:#+\s*)?(?:\d+(?:\.\d+)*\.?\s+)?"
_PERIOD = r"(?:Departmental digital strategy commitments \(December 2012\)|Progress (?:during|in) 201\d|Planned Activities in 201\d)"
_PERIOD_LINE = re.compile(_NUM + _PERIOD + r"\s*$", re.IGNORECASE)
_FUSED_LINE = re.compile(r"^\s*#+\s*" + _PERIOD + r"\s+(?P<rest>\S.*)$", re.IGNORECASE)
_ACTION_LINE = re.compile(_NUM + r"Action \d+: .*[^.]$")
# Department headings as these pages print them (read off the pages).
_DEPARTMENT_HEADINGS = {
    "The Attorney General\u2019s Office", "Cabinet Office", "Department for Business, Innovation and Skills",
    "Department of Business, Innovation and Skills", "Department for Culture, Media and Sport",
    "Department for Environment, Food and Rural Affairs", "Department for Education",
    "Department for International Development", "Department for Transport", "Department for Work and Pensions",
    "Department of Energy and Climate Change", "Department of Health", "Foreign and Commonwealth Office",
    "Her Majesty\u2019s Revenue and Customs", "Her Majesty\u2019s Treasury", "Home Office\u2019s", "Ministry of Defence",
    "Ministry of Justice",
}
_FURNITURE = (
    "Policy paper", "Corporate report", "Updated 16 January 2015", "This was published under the 2010 to 2015",
    "This action forms part of the Government Digital Strategy.", "Here\u2019s how departments are responding",
)
BODY, OTHER = "body", "other"
MAYBE = "maybe"  # a damaged heading: read as a heading (words in no statement) or kept as text (in one)


def label_page(path: Path) -> list[tuple[str, str]]:
    """(line, label) for every line of a real page: body, or other (heading, furniture, blank)."""
    out = []
    for line in path.read_text(encoding="utf-8").split("\n"):
        text = line.strip()
        bare = re.sub(_NUM, "", text)
        if (
            not text
            or _PERIOD_LINE.match(text)
            or _ACTION_LINE.match(text)
            or bare in _DEPARTMENT_HEADINGS
            or text.startswith(_FURNITURE)
            or text.endswith("actions in response to the Government Digital Strategy")
        ):
            out.append((line, OTHER))
        else:
            out.append((line, BODY))
    return out


def words(text: str) -> Counter:
    return Counter(re.findall(r"\w+", text))


def body_words(labelled: list[tuple[str, str]]) -> Counter:
    total: Counter = Counter()
    for line, label in labelled:
        fused = _FUSED_LINE.match(line)
        if fused:
            total += words(fused["rest"])
        elif label == BODY:
            total += words(line)
    return total


def page_text(labelled: list[tuple[str, str]]) -> str:
    return "\n".join(line for line, _ in labelled)


def run_tidy(tmp_path: Path, text: str | bytes, capsys, name: str = "page.txt"):
    page = tmp_path / name
    page.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    out = tmp_path / "statements.csv"
    out.unlink(missing_ok=True)
    code = main(["tidy", str(page), "--out", str(out)])
    _, err = capsys.readouterr()
    frame = pd.read_csv(out, keep_default_na=False) if code == 0 else None
    return code, err, frame


def assert_every_body_word_once(labelled, frame):
    expected = body_words(labelled)
    got = Counter()
    for text in frame["text"]:
        got += words(text)
    lost, extra = expected - got, got - expected
    extra -= sum((words(line) for line, label in labelled if label == MAYBE), Counter())
    assert not lost and not extra, f"lost {sorted(lost.elements())[:20]}, extra {sorted(extra.elements())[:20]}"


REAL_PAGES = [SEED] + [p for p in sorted(PAGES.glob("*.txt")) if p.name != "annual-report-2014.txt"]


def test_the_labelling_agrees_with_the_pages_read_by_eye():
    # test_parse counts 135 body lines in the seed (by eye); the labelling here must agree
    assert sum(1 for _, label in label_page(SEED) if label == BODY) == 135  # one of them behind a fused heading
    assert sum(1 for line, _ in label_page(SEED) if _FUSED_LINE.match(line)) == 1


@pytest.mark.parametrize("page", REAL_PAGES, ids=lambda p: p.name)
def test_unmutated_pages_keep_every_body_word(tmp_path, capsys, page):
    labelled = label_page(page)
    code, err, frame = run_tidy(tmp_path, page.read_bytes(), capsys, page.name)
    assert code == 0, err
    assert_every_body_word_once(labelled, frame)


# --- deleted, duplicated and shuffled lines ------------------------------------------------------


def _content_indices(labelled):
    return [i for i, (line, _) in enumerate(labelled) if line.strip()]


@pytest.mark.parametrize("page", REAL_PAGES, ids=lambda p: p.name)
def test_deleted_lines_lose_no_body_word(tmp_path, capsys, page):
    rng = random.Random(f"delete-{page.name}")
    base = label_page(page)
    for _ in range(8):
        labelled = list(base)
        del labelled[rng.choice(_content_indices(labelled))]
        code, err, frame = run_tidy(tmp_path, page_text(labelled), capsys, page.name)
        kinds = [("action" if _ACTION_LINE.match(line.strip()) else "period") for line, _ in labelled
                 if _ACTION_LINE.match(line.strip()) or _PERIOD_LINE.match(line.strip())]
        if kinds[0] != "action":
            # without an 'Action N:' heading before its first period, a page cannot give statement ids: a clean refusal
            assert code == 2 and err.count("\n") == 1 and "period heading before any 'Action N:' heading" in err
            continue
        assert code == 0, err
        assert_every_body_word_once(labelled, frame)


@pytest.mark.parametrize("operation", ["duplicate", "swap", "move-block"])
def test_duplicated_and_shuffled_lines_lose_no_body_word(tmp_path, capsys, operation):
    rng = random.Random(operation)
    base = label_page(SEED)
    for _ in range(8):
        labelled = list(base)
        idx = _content_indices(labelled)
        i = rng.choice(idx[4:-1])
        if operation == "duplicate":
            labelled.insert(i, labelled[i])
        elif operation == "swap":
            labelled[i], labelled[i + 1] = labelled[i + 1], labelled[i]
        else:  # move a run of lines (headings and text) elsewhere
            j = rng.choice(idx[4:-1])
            run = labelled[i : i + rng.randint(2, 12)]
            del labelled[i : i + len(run)]
            labelled[j:j] = run
        code, err, frame = run_tidy(tmp_path, page_text(labelled), capsys)
        assert code == 0, err
        assert_every_body_word_once(labelled, frame)


def _seed_with(replace: dict[str, str] | None = None, after: dict[str, str] | None = None):
    out = []
    for line, label in label_page(SEED):
        if replace and line in replace:
            out.append((replace[line], OTHER))
            continue
        out.append((line, label))
        if after and line in after:
            out.append((after[line], BODY))
    return out


def test_deleted_first_period_heading_keeps_the_commitment_in_section_unknown(tmp_path, capsys):
    labelled = label_page(SEED)
    i = next(k for k, (line, _) in enumerate(labelled) if line == "Department for Work and Pensions")
    del labelled[i + 1]
    code, err, frame = run_tidy(tmp_path, page_text(labelled), capsys)
    assert code == 0
    assert_every_body_word_once(labelled, frame)
    kept = frame[frame["text"].str.contains("deliver improved capability")]
    assert kept[["dept_abbr", "section"]].drop_duplicates().values.tolist() == [["DWP", "unknown"]]
    assert f"line {i + 2}: text of DWP in action 4 before any period heading: kept in section unknown" in err


def test_deleted_mid_block_period_heading_is_reported_not_silent(tmp_path, capsys):
    labelled = label_page(SEED)
    i = next(k for k, (line, _) in enumerate(labelled) if line == "Department for Work and Pensions")
    assert labelled[i + 3][0] == "Progress during 2013"
    del labelled[i + 3]
    code, err, frame = run_tidy(tmp_path, page_text(labelled), capsys)
    assert code == 0
    assert_every_body_word_once(labelled, frame)
    # the 2013 progress now reads as part of the commitment (nothing says otherwise), and the parser says so
    intranet = frame[frame["text"].str.contains("The DWP intranet provides links")]
    assert intranet[["dept_abbr", "section"]].values.tolist() == [["DWP", "commitment_2012"]]
    assert "DWP in action 4 has no heading for 2013 progress between" in err
    assert "its text is read as commitment_2012" in err


def test_misspelt_period_heading_opens_its_section_with_a_warning(tmp_path, capsys):
    labelled = label_page(SEED)
    i = next(k for k, (line, _) in enumerate(labelled) if line == "Department for Work and Pensions")
    assert labelled[i + 3][0] == "Progress during 2013"
    labelled[i + 3] = ("Progres durng 2013", OTHER)
    code, err, frame = run_tidy(tmp_path, page_text(labelled), capsys)
    assert code == 0
    assert_every_body_word_once(labelled, frame)
    intranet = frame[frame["text"].str.contains("The DWP intranet provides links")]
    assert intranet[["dept_abbr", "section"]].values.tolist() == [["DWP", "progress_2013"]]
    assert f"line {i + 4}: period heading 'Progres durng 2013' read as 'Progress during 2013' (near miss)" in err


def test_added_line_after_a_department_heading_is_kept_and_reported(tmp_path, capsys):
    labelled = _seed_with(after={"Department for Transport": "DfT notes the following:"})
    code, err, frame = run_tidy(tmp_path, page_text(labelled), capsys)
    assert code == 0
    assert_every_body_word_once(labelled, frame)
    row = frame[frame["text"] == "DfT notes the following:"]
    assert row[["dept_abbr", "section"]].values.tolist() == [["DfT", "unknown"]]
    assert "kept in section unknown" in err


# --- misspelt and unknown departments ------------------------------------------------------------


def test_misspelt_departments_resolve_with_a_warning(tmp_path, capsys):
    labelled = _seed_with(replace={
        "Cabinet Office": "Cabnet Office",
        "Department for Work and Pensions": "Departmnet for Work and Pensions",
        "Ministry of Defence": "Ministry of Defense",
    })
    code, err, frame = run_tidy(tmp_path, page_text(labelled), capsys)
    assert code == 0
    assert_every_body_word_once(labelled, frame)
    assert sorted(frame["dept_abbr"].unique()) == sorted("AGO CO BIS DCMS Defra DfE DFID DfT DWP DECC DH FCO HMRC HMT HO MOD MOJ".split())
    assert err.count("(near miss, similarity") == 3
    assert "'Ministry of Defense' read as Ministry of Defence" in err


def test_unknown_departments_keep_their_own_name_key_and_text(tmp_path, capsys):
    labelled = _seed_with(replace={
        "Department for Transport": "Department for Widgets",
        "Department of Health": "Department of Health and Social Care",
        "Home Office\u2019s": "Office for Gadgets",
    })
    code, err, frame = run_tidy(tmp_path, page_text(labelled), capsys)
    assert code == 0
    assert_every_body_word_once(labelled, frame)
    names = frame.groupby("dept_abbr")["department"].first()
    assert names["DW"] == "Department for Widgets"
    assert names["DHSC"] == "Department of Health and Social Care"
    assert names["OG"] == "Office for Gadgets"
    assert "DfT" not in names and "DH" not in names
    # each keeps its own text: the widgets department has what DfT had, nothing of the others
    original = run_tidy(tmp_path, SEED.read_bytes(), capsys)[2]
    assert frame[frame["dept_abbr"] == "DW"]["text"].tolist() == original[original["dept_abbr"] == "DfT"]["text"].tolist()
    assert err.count("not in the gazetteer") == 3


def test_unknown_department_does_not_fail_the_build(tmp_path, capsys):
    raw = tmp_path / "raw"
    raw.mkdir()
    text = SEED.read_text(encoding="utf-8")
    for old, new in (("Department for Transport", "Department for Widgets"), ("Ministry of Justice", "Ministry of Widgets")):
        text = text.replace(f"\n{old}\n", f"\n{new}\n")
    (raw / "page.txt").write_text(text, encoding="utf-8")
    code = main(["build", "--raw", str(raw), "--out", str(tmp_path / "out")])
    _, err = capsys.readouterr()
    assert code == 0, err
    departments = pd.read_csv(tmp_path / "out" / "departments.csv")
    assert {"DW", "MW"} <= set(departments["dept_abbr"])


# --- heading words in body lines -----------------------------------------------------------------


def test_body_lines_starting_with_heading_words_stay_text(tmp_path, capsys):
    base = label_page(SEED)
    i = next(k for k, (line, _) in enumerate(base) if line.startswith("Cabinet Office will review existing"))
    labelled = list(base)
    labelled[i] = ("Progress in 2014 was slower than planned. " + base[i][0], BODY)
    labelled.insert(i + 1, ("Action 3: see the separate page.", BODY))
    code, err, frame = run_tidy(tmp_path, page_text(labelled), capsys)
    assert code == 0
    assert_every_body_word_once(labelled, frame)
    assert set(frame["action"]) == {4}
    original = run_tidy(tmp_path, SEED.read_bytes(), capsys)[2]
    assert frame.groupby(["dept_abbr", "section"]).size().drop(("CO", "plan_2014")).equals(
        original.groupby(["dept_abbr", "section"]).size().drop(("CO", "plan_2014"))
    )


# --- long lines, NUL bytes, NBSP, concatenated pages -----------------------------------------------


def test_long_line_is_read(tmp_path, capsys):
    base = label_page(SEED)
    rng = random.Random(7)
    vocabulary = "digital capability staff training service users skills".split()
    sentences = [" ".join(rng.choice(vocabulary) for _ in range(9)).capitalize() + "." for _ in range(4000)]
    labelled = list(base)
    labelled.insert(40, (" ".join(sentences), BODY))
    code, err, frame = run_tidy(tmp_path, page_text(labelled), capsys)
    assert code == 0, err
    assert_every_body_word_once(labelled, frame)
    assert len(frame) == 202 + 4000


def test_nul_byte_far_into_the_file_is_refused_with_its_line(tmp_path, capsys):
    raw = SEED.read_bytes() + b"Padding line.\n" * 6000 + b"x\x00y\n"
    code, err, _ = run_tidy(tmp_path, raw, capsys)
    assert code == 2
    assert err.strip().splitlines() == [f"error: page.txt:{240 + 6000}: binary file (contains NUL bytes), not the text of a GOV.UK page"]


def test_non_breaking_spaces_do_not_change_the_statements(tmp_path, capsys):
    labelled = [(re.sub(r"([.:]) (?=[A-Z])", "\\1\u00a0", line), label) for line, label in label_page(SEED)]
    assert sum(line.count("\u00a0") for line, _ in labelled) > 30
    code, err, frame = run_tidy(tmp_path, page_text(labelled), capsys)
    assert code == 0
    assert_every_body_word_once(labelled, frame)
    original = run_tidy(tmp_path, SEED.read_bytes(), capsys)[2]
    assert frame["text"].tolist() == original["text"].tolist()


@pytest.mark.parametrize("second", [SEED, PAGES / "action05.txt", PAGES / "action16.txt"], ids=lambda p: p.name)
def test_concatenated_pages_lose_no_body_word(tmp_path, capsys, second):
    labelled = label_page(SEED) + label_page(second)
    code, err, frame = run_tidy(tmp_path, page_text(labelled), capsys)
    assert code == 0, err
    assert_every_body_word_once(labelled, frame)
    if second != SEED:
        assert "in the middle of the page" in err


# --- property-based: random mutations of generated pages -------------------------------------------

from analysis.synthetic import random_page  # noqa: E402

MUTATIONS = ("delete", "duplicate", "swap", "misspell", "unknown-dept", "heading-words", "nbsp", "blank")


def _generated(seed: int, layout: str):
    text, blocks = random_page(random.Random(seed), layout=layout, n_blocks=5)
    # label the generated page from what the generator knows it wrote: every body sentence and bullet
    body = set()
    for block in blocks:
        for section in block.sections:
            for para in section.paragraphs:
                body.add(" ".join(para.sentences))
                body.update(f"- {b}" for b in para.bullets)
    return [(line, BODY if line in body else OTHER) for line in text.split("\n")]


def _mutate(labelled, rng: random.Random, kind: str):
    idx = [i for i, (line, _) in enumerate(labelled) if line.strip()]
    i = rng.choice(idx[3:])
    line, label = labelled[i]
    if kind == "delete":
        del labelled[i]
    elif kind == "duplicate":
        labelled.insert(i, (line, label))
    elif kind == "swap" and i + 1 < len(labelled):
        labelled[i], labelled[i + 1] = labelled[i + 1], labelled[i]
    elif kind == "misspell" and label == OTHER and len(line) > 10 and line[:1].isupper():
        k = rng.randrange(3, len(line) - 2)
        labelled[i] = (line[:k] + line[k + 1] + line[k] + line[k + 2 :], MAYBE)
    elif kind == "unknown-dept":
        labelled.insert(i, ("Department for Widgets And Gadgets", MAYBE))  # a heading only where a period heading follows
    elif kind == "heading-words" and label == BODY and not line.startswith("- "):
        labelled[i] = ("Progress in 2014 was slower than planned. " + line, BODY)
    elif kind == "nbsp":
        labelled[i] = (line.replace(" ", "\u00a0", 3), label)
    elif kind == "blank":
        labelled.insert(i, ("", OTHER))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    seed=st.integers(0, 10_000),
    layout=st.sampled_from(["action-major", "department-major"]),
    kinds=st.lists(st.sampled_from(MUTATIONS), min_size=1, max_size=4),
    mutation_seed=st.integers(0, 10_000),
)
def test_random_mutations_of_generated_pages_lose_no_body_word(tmp_path, capsys, seed, layout, kinds, mutation_seed):
    labelled = _generated(seed, layout)
    rng = random.Random(mutation_seed)
    for kind in kinds:
        _mutate(labelled, rng, kind)
    code, err, frame = run_tidy(tmp_path, page_text(labelled), capsys)
    if code == 2:  # a clean refusal is a right answer only for a page left without structure
        assert len(err.strip().splitlines()) == 1 and err.startswith("error: page.txt")
        assert "Action" not in page_text(labelled).split("\n", 6)[-1] or "structure" in err or "period heading before" in err
        return
    assert code == 0, err
    assert_every_body_word_once(labelled, frame)
