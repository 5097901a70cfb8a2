"""The report layer: workbook layout and metadata, HTML without code cells, chart functions, findings."""

from __future__ import annotations

import io

import matplotlib.pyplot as plt
import nbformat
import openpyxl
import pandas as pd
import pytest

from analysis import plots, schemas, vocabulary
from analysis.report import charts, findings, notebook_html, workbook
from analysis.report.data import plain_text, read, sources


def test_workbook_has_readme_then_tables_frozen_and_stable(seed_statements):
    tables = {"statements": seed_statements}
    payload = workbook.workbook_bytes(tables)
    assert payload == workbook.workbook_bytes(tables)  # same tables, same bytes
    book = openpyxl.load_workbook(io.BytesIO(payload))
    assert book.sheetnames == ["README", "statements"]
    sheet = book["statements"]
    assert sheet.freeze_panes == "A2"
    assert [c.value for c in sheet[1]] == list(seed_statements.columns)
    assert sheet.max_row == len(seed_statements) + 1
    text_column = openpyxl.utils.get_column_letter(list(seed_statements.columns).index("text") + 1)
    assert sheet.column_dimensions[text_column].width >= 40  # the text column is wide enough to read
    readme = pd.read_excel(io.BytesIO(payload), sheet_name="README")
    described = readme[readme["sheet"] == "statements"]
    assert described["column"].tolist() == list(schemas.Statements.to_schema().columns)
    assert described["description"].str.len().gt(10).all()


def test_per_statement_sheets_get_department_period_and_text():
    statements = pd.DataFrame({"statement_id": ["s1", "s2"], "department": ["Home Office", "HM Treasury"],
                               "section": ["plan_2014", "progress_2013"], "text": ["We will hold a sprint.", "We held one."]})
    labels = pd.DataFrame({"statement_id": ["s2", "s1"], "is_boilerplate": [True, False]})
    sheets = workbook.with_context({"statements": statements, "boilerplate": labels})
    assert sheets["boilerplate"].to_dict("records") == [
        {"statement_id": "s2", "department": "HM Treasury", "period": "2013 progress", "text": "We held one.", "is_boilerplate": True},
        {"statement_id": "s1", "department": "Home Office", "period": "2014 plans", "text": "We will hold a sprint.", "is_boilerplate": False},
    ]


def test_plain_text_drops_markdown():
    assert plain_text("See `make evaluate` and **bold** [docs](docs/methods.md), *emphasis*.") == "See make evaluate and bold docs, emphasis."


def test_sources_read_the_data_log(tmp_path):
    log = tmp_path / "README.md"
    log.write_text("# Raw\n\n| file | title | as of |\n|---|---|---|\n| `a.txt` | Action 4 | Updated 16 January 2015 |\n\ntext\n")
    assert sources(log).to_dict("records") == [{"file": "a.txt", "title": "Action 4", "as of": "Updated 16 January 2015"}]


def test_html_hides_code_cells_and_links_home():
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell("# A heading for readers"), nbformat.v4.new_code_cell("secret_variable = 41\nprint(secret_variable + 1)")]
    nb.cells[1].outputs = [nbformat.v4.new_output("stream", name="stdout", text="42\n")]
    page = notebook_html(nb, "demo")
    assert "A heading for readers" in page and "42" in page
    assert "secret_variable" not in page
    assert 'href="index.html"' in page
    assert "cdnjs" not in page and "<script src=\"http" not in page


# --- reliability sentences read the scores table ---------------------------------------------------------

SCORES = pd.DataFrame([
    ("follow-through", "agreement with hand coding", "other pages, partly in sample", 0.25, 20),
    ("follow-through", "Cohen's kappa", "other pages, partly in sample", 0.054, 20),
    ("follow-through", "agreement with hand coding", "seed page, in sample", 0.863, 51),
    ("boilerplate", "F1 on boilerplate", "other pages, partly in sample", 0.732, 61),
], columns=["analysis", "measure", "corpus", "value", "n"])


def test_follow_through_caveat_quotes_the_held_out_agreement():
    text = findings.follow_through_reliability(SCORES)
    assert "25% of 20 plans" in text and "kappa 0.05" in text and "86% of 51" in text
    assert "25% of 20 plans" in findings.follow_through_reliability(SCORES, short=True)
    empty = SCORES.iloc[0:0]
    assert findings.follow_through_reliability(empty) == findings.NOT_MEASURED


def test_reliability_table_one_row_per_measure():
    table = findings.reliability_table(SCORES)
    assert table.loc[table["measure"] == "F1 on boilerplate", "other pages, partly in sample"].item() == "0.732 (n=61)"
    assert table.loc[table["measure"] == "F1 on boilerplate", "seed page, in sample"].item() == ""
    assert len(table) == 3


def test_pages_never_tuned_on_show_only_when_scored():
    """CI has no unseen pages: without their rows the tables and sentences are as before; with them, they show."""
    unseen = vocabulary.UNSEEN_PAGES
    assert unseen not in findings.reliability_table(SCORES).columns
    assert "never tuned" not in findings.follow_through_reliability(SCORES)
    more = pd.concat([SCORES, pd.DataFrame([
        ("follow-through", "agreement with hand coding", unseen, 0.6, 40),
        ("initiatives", "precision of names", unseen, 0.9, 10), ("initiatives", "recall of names", unseen, 0.5, 18),
    ], columns=SCORES.columns)], ignore_index=True)
    table = findings.reliability_table(more)
    assert table.loc[table["measure"] == "agreement with hand coding", unseen].item() == "0.600 (n=40)"
    long = findings.follow_through_reliability(more)
    assert long.startswith("How far to trust these statuses: on pages no rule was written from, labelled by an independent "
                           "annotator, the method agreed for 60% of 40 plans")
    assert long.index("60% of 40") < long.index("25% of 20")  # the cleanest figure first, the partly in-sample one after
    assert findings.follow_through_reliability(more, short=True).startswith(
        "Caution: on pages no rule was written from these statuses agreed with an independent annotator for 60% of 40 plans:")
    with_lenient = pd.concat([more, pd.DataFrame([("follow-through", "lenient agreement with hand coding", unseen, 0.8, 40)],
                                                 columns=SCORES.columns)], ignore_index=True)
    assert "60% of 40 plans, 80% counting any status the annotator called defensible" in findings.follow_through_reliability(
        with_lenient, short=True)
    assert findings.initiatives_reliability(more).startswith("Names found on pages no rule was written from: precision 0.90, recall 0.50")


def test_overview_sentences_are_computed():
    statements = pd.DataFrame({
        "statement_id": ["a1", "a2", "b1"], "department": ["Alpha Office", "Alpha Office", "Beta Office"],
        "dept_abbr": ["AO", "AO", "BO"], "section": ["plan_2014", "progress_2014", "plan_2014"],
        "n_words": [10, 30, 5], "source_file": ["p.txt"] * 3,
    })
    text = " ".join(findings.overview(statements))
    assert "3 statements (45 words) from 2 departments over 2 reporting periods, read from 1 page" in text
    assert "Alpha Office wrote the most (40 words, 89% of all); Beta Office the least (5 words)" in text
    assert "1 department-period cell of 4 have no text" in text


def test_follow_through_findings_count_testable_2014_plans():
    follow = pd.DataFrame({
        "dept_abbr": ["A", "A", "B", "B", "B"], "plan_section": ["plan_2014"] * 4 + ["plan_2015"],
        "status": ["delivered", "not_reported", "partial", "echoed", "pending"],
        "plan_testable": [True, True, False, True, True], "plan_is_lead_in": [False] * 5,
    })
    summary = pd.DataFrame({"dept_abbr": ["A", "B"], "plans": [2, 2], "delivery_rate": [0.5, 0.0]})
    text = " ".join(findings.follow_through_found(follow, summary, SCORES))
    assert "4 plan statements have a progress report" in text
    assert "Of 3 testable 2014 plans: 1 reported delivered, 0 partly delivered, 1 only echoed, 1 not mentioned." in text
    assert "1 2015 plan pending" in text
    assert text.endswith(findings.follow_through_reliability(SCORES))


# --- chart functions on the seed tables ---------------------------------------------------------------


@pytest.fixture(scope="module")
def tables():
    return {name: read(name) for name in schemas.TABLES}


def _charts(t):
    summary = t["follow_through_departments"]
    return {
        "coverage_words": lambda: charts.coverage_words(t["statements"]),
        "substantive_share_ranked": lambda: charts.substantive_share_ranked(t["departments"]),
        "substantive_share_heatmap": lambda: charts.substantive_share_heatmap(t["departments"], t["sections"]),
        "reasons_by_period": lambda: charts.reasons_by_period(t["statements"], t["boilerplate"]),
        "template_families": lambda: charts.template_families(t["statements"], t["boilerplate"]),
        "plans_to_progress": lambda: charts.plans_to_progress(t["sections"]),
        "initiatives_matrix": lambda: charts.initiatives_matrix(t["initiative_mentions"], t["statements"], t["initiatives"]),
        "initiatives_by_type": lambda: charts.initiatives_by_type(t["initiatives"]),
        "carry_through": lambda: charts.carry_through(t["initiative_mentions"], t["statements"], t["initiatives"], t["boilerplate"]),
        "initiatives_reach": lambda: charts.initiatives_reach(t["initiatives"], t["initiative_mentions"], t["statements"], t["boilerplate"]),
        "follow_through_status": lambda: charts.follow_through_status(t["follow_through"], SCORES),
        "rate_vs_testable": lambda: charts.rate_vs_testable(summary, SCORES),
    }


CHARTS = [
    "coverage_words", "substantive_share_ranked", "substantive_share_heatmap", "reasons_by_period", "template_families",
    "plans_to_progress", "initiatives_matrix", "initiatives_by_type", "carry_through", "initiatives_reach",
    "follow_through_status", "rate_vs_testable",
]


@pytest.mark.parametrize("name", CHARTS)
def test_each_chart_has_its_words_and_data(tables, name):
    if not (tables["statements"] is not None and len(tables["statements"])):
        pytest.skip("no processed tables")
    chart = _charts(tables)[name]()
    try:
        assert isinstance(chart, plots.Chart)
        for text in (chart.title, chart.subtitle, chart.alt):
            assert len(text) > 20 and "nan" not in text.split()
        assert len(chart.data) > 0
        legends = [ax.get_legend() for ax in chart.figure.axes if ax.get_legend() is not None]
        if name in {"reasons_by_period", "carry_through", "follow_through_status", "rate_vs_testable", "plans_to_progress"}:
            assert legends, f"{name}: colours or sizes without a legend"
    finally:
        plt.close(chart.figure)


def test_follow_through_charts_carry_the_held_out_agreement(tables):
    for chart in (charts.follow_through_status(tables["follow_through"], SCORES),
                  charts.rate_vs_testable(tables["follow_through_departments"], SCORES)):
        plt.close(chart.figure)
        assert "25% of 20 plans" in chart.subtitle and "25% of 20 plans" in chart.alt


def test_carry_through_chart_counts_pairs_and_template_alt_names_sentences(tables):
    chart = charts.carry_through(tables["initiative_mentions"], tables["statements"], tables["initiatives"], tables["boilerplate"])
    plt.close(chart.figure)
    assert "department\u2013initiative pairs" in chart.title
    families = charts.template_families(tables["statements"], tables["boilerplate"])
    plt.close(families.figure)
    assert not any(tid in families.alt for tid in families.data["template_id"])
    assert families.data["example"].iloc[0][:30] in families.alt


def test_heatmap_marks_cells_from_one_or_two_statements(tables):
    chart = charts.substantive_share_heatmap(tables["departments"], tables["sections"])
    marked = [t.get_text() for t in chart.figure.axes[0].texts if t.get_text().endswith(plots.THIN_MARK)]
    thin = chart.data[chart.data["statements"] < plots.THIN_CELL_STATEMENTS]
    plt.close(chart.figure)
    assert len(marked) == len(thin) > 0


# --- notebook 05 (the series across actions) ---------------------------------------------------------

SERIES_SCORES = pd.DataFrame([
    ("boilerplate", "F1 on boilerplate", "2012 edition, cross-validated", 0.654, 180),
    ("boilerplate", "F1 on boilerplate", "2012 edition, in sample", 0.707, 180),
    ("initiatives", "precision of names", "other pages, partly in sample", 0.321, 9),
    ("initiatives", "recall of names", "other pages, partly in sample", 0.432, 8),
], columns=["analysis", "measure", "corpus", "value", "n"])


def _series_charts(t):
    from analysis import series

    return {
        "series_substantive_heatmap": lambda: charts.series_substantive_heatmap(t["sections"], SERIES_SCORES),
        "series_travelling_templates": lambda: charts.series_travelling_templates(series.travelling_templates(t["statements"], t["boilerplate"])),
        "series_initiatives_heatmap": lambda: charts.series_initiatives_heatmap(t["statements"], t["initiative_mentions"], t["initiatives"], SERIES_SCORES),
    }


@pytest.mark.parametrize("name", ["series_substantive_heatmap", "series_travelling_templates", "series_initiatives_heatmap"])
def test_each_series_chart_has_its_words_and_data(tables, name):
    chart = _series_charts(tables)[name]()
    plt.close(chart.figure)
    for text in (chart.title, chart.subtitle, chart.alt):
        assert len(text) > 20 and "nan" not in text.split()
    assert len(chart.data) > 0


def test_series_heatmap_marks_thin_cells_and_carries_the_measured_reliability(tables):
    chart = charts.series_substantive_heatmap(tables["sections"], SERIES_SCORES)
    marked = [t.get_text() for t in chart.figure.axes[0].texts if t.get_text().endswith(plots.THIN_MARK)]
    plt.close(chart.figure)
    thin = chart.data[chart.data["statements"] < plots.THIN_CELL_STATEMENTS]
    assert len(marked) == len(thin) > 0
    assert f"({len(thin)} of {len(chart.data)})" in chart.subtitle
    assert "F1 0.65" in chart.subtitle and "n=180" in chart.subtitle and "F1 0.65" in chart.alt  # from the scores, not typed


def test_series_initiatives_heatmap_carries_names_precision_and_recall(tables):
    chart = _series_charts(tables)["series_initiatives_heatmap"]()
    plt.close(chart.figure)
    assert "precision 0.32, recall 0.43 (n=8 names)" in chart.subtitle


def test_series_findings_say_how_reliable_the_boilerplate_call_is(tables):
    from analysis import series

    t = tables
    templates = series.travelling_templates(t["statements"], t["boilerplate"])
    across = series.initiatives_across(t["statements"], t["initiative_mentions"], t["initiatives"])
    text = findings.series_found(t["sections"], templates, across, t["restatements"], SERIES_SCORES)
    assert any("rest on one or two statements" in s for s in text)
    assert "F1 on boilerplate is 0.65 with the settings chosen without the action scored (0.71 in sample)" in text[-2]
    assert findings.edition_boilerplate_reliability(SERIES_SCORES.iloc[0:0]) == findings.NOT_MEASURED
    assert text[-1].startswith("How far to trust the names: Names found on other pages (partly in sample): precision 0.32, recall 0.43")


def test_readable_tables_show_two_decimals_not_six():
    html = findings.readable(pd.DataFrame({"mean confidence": [0.7, 0.12345]})).to_html()
    assert "0.70" in html and "0.12" in html and "0.700000" not in html
