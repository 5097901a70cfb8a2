"""The report as a reader gets it (one `make report` into a temporary folder, shared by the session):
every page parses; every chart of the pack is embedded in its page with its alt text as accessible
name; no absolute path or Python repr anywhere; every link resolves to a file of the report; the
reliability shown is the scores table's (hand-written here), never typed."""

from __future__ import annotations

import html
import re
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlparse

import pandas as pd
import pytest

from analysis import paths
from analysis.report import pages

pytestmark = pytest.mark.slow
REPRS = re.compile(r"PosixPath\(|WindowsPath\(|object at 0x|<Figure size|\{'svg':|<matplotlib\.|<analysis\.|<pandas\.")
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr",
        "path", "use", "rect", "circle", "line", "polyline", "polygon", "stop", "ellipse"}


class Page(HTMLParser):
    """Links, inline SVGs (with their aria-label) and a check that elements nest properly."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.svgs: list[dict] = []
        self.stack: list[str] = []
        self.errors: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for key in ("href", "src"):
            if attrs.get(key):
                self.links.append(attrs[key])
        if tag == "svg":
            self.svgs.append(attrs)
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID and self.stack and self.stack[-1] == tag:
            self.stack.pop()

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if tag in self.stack:
            while self.stack and self.stack.pop() != tag:
                pass
        else:
            self.errors.append(f"</{tag}> closes nothing")


def parse(path: Path) -> Page:
    page = Page()
    page.feed(path.read_text(encoding="utf-8"))
    page.close()
    return page


@pytest.fixture(scope="module")
def site(report_site):
    out, _ = report_site
    htmls = sorted((out / "html").rglob("*.html"))
    return out, htmls, {p: parse(p) for p in htmls}


def test_front_page_notebook_pages_and_a_card_per_department(site):
    out, htmls, _ = site
    names = {p.relative_to(out / "html").as_posix() for p in htmls}
    notebooks = {f"{nb.stem}.html" for nb in paths.NOTEBOOKS.glob("*.ipynb")}
    assert "index.html" in names and notebooks <= names
    statements = pd.read_csv(out / "tables" / "statements.csv")
    cards = {f"departments/{pages.slug(a)}.html" for a in statements["dept_abbr"].unique()}
    assert {n for n in names if n.startswith("departments/")} == cards
    front = (out / "html" / "index.html").read_text(encoding="utf-8")
    for name in sorted(notebooks | cards):
        assert f'href="{name}"' in front, f"front page does not link {name}"


def test_every_page_parses_and_nests(site):
    _, _, parsed = site
    for path, page in parsed.items():
        assert not page.errors, f"{path.name}: {page.errors[:3]}"
        assert page.stack in ([], ["html"], ["html", "body"]), f"{path.name}: unclosed {page.stack[-5:]}"


def test_every_chart_is_embedded_in_its_page_with_its_alt_text(site):
    out, _, parsed = site
    index = pd.read_csv(out / "figures" / "index.csv", dtype=str, keep_default_na=False)
    assert len(index) >= 12
    for row in index.itertuples():
        assert row.page, f"{row.file} names no page"
        page = parsed[out / "html" / row.page]
        labels = [s.get("aria-label") for s in page.svgs if s.get("role") == "img"]
        assert row.alt_text in labels, f"{row.file} is not embedded in {row.page} with its alt text"


def test_no_absolute_paths_or_python_reprs_in_any_output(site):
    out, _, _ = site
    roots = {str(paths.ROOT), str(out), str(Path.home()), "file://"}
    texts = {p: p.read_text(encoding="utf-8") for p in out.rglob("*") if p.suffix in {".html", ".csv", ".txt", ".svg"}}
    workbook = next((out / "tables").glob("*.xlsx"))
    with zipfile.ZipFile(workbook) as z:
        texts |= {workbook / n: z.read(n).decode("utf-8") for n in z.namelist() if n.endswith(".xml")}
    for path, text in texts.items():
        for root in roots:
            assert root not in text, f"{path}: contains {root}"
        found = REPRS.search(html.unescape(text))
        assert not found, f"{path}: Python repr {found.group(0)!r}"


def test_every_link_resolves_to_a_file_of_the_report(site):
    out, _, parsed = site
    for path, page in parsed.items():
        for link in page.links:
            url = urlparse(link)
            if url.scheme in {"http", "https", "mailto"} or link.startswith("#") or link.startswith("data:"):
                continue
            assert not url.scheme and not link.startswith("/"), f"{path.name}: link {link!r} is not relative"
            target = (path.parent / unquote(url.path)).resolve()
            assert target.is_file(), f"{path.name}: link {link!r} resolves to nothing"
            assert out.resolve() in target.parents, f"{path.name}: link {link!r} leaves the report"


def test_reliability_comes_from_the_scores_table(site):
    out, _, _ = site
    front = html.unescape((out / "html" / "index.html").read_text(encoding="utf-8"))
    assert "0.321 (n=61)" in front and "0.654 (n=186)" in front and "0.432 (n=8)" in front
    caveat = "agreed with hand coding for 12% of 17 plans"
    assert caveat in front
    # beside every follow-through result: its notebook page and every card that shows plans
    assert caveat in html.unescape((out / "html" / "04-follow-through.html").read_text(encoding="utf-8"))
    follow = pd.read_csv(out / "tables" / "follow_through.csv")
    for abbr in follow["dept_abbr"].unique():
        card = html.unescape((out / "html" / "departments" / f"{pages.slug(abbr)}.html").read_text(encoding="utf-8"))
        assert caveat in card, abbr
    # and inside the follow-through charts themselves, so a copied chart carries it
    index = pd.read_csv(out / "figures" / "index.csv", dtype=str, keep_default_na=False)
    status = index[index["file"].str.startswith("04-follow-through")]
    assert len(status) and status["subtitle"].str.contains("12% of 17 plans").all()


def test_each_notebook_page_says_what_was_found(site):
    out, _, _ = site
    for nb in sorted(paths.NOTEBOOKS.glob("*.ipynb")):
        text = (out / "html" / f"{nb.stem}.html").read_text(encoding="utf-8")
        assert "What we found" in text
        found = text[text.index("What we found"):]
        assert re.search(r'<ul class="findings"><li>[^<]*\d', found), f"{nb.stem}: no sentence with a number"


def test_workbook_sheets_carry_department_period_and_text(site):
    out, _, _ = site
    workbook = next((out / "tables").glob("*.xlsx"))
    for sheet, key in (("boilerplate", "statement_id"), ("initiative_mentions", "statement_id")):
        frame = pd.read_excel(workbook, sheet_name=sheet)
        assert list(frame.columns[:4]) == [key, "department", "period", "text"], sheet
        assert frame["text"].notna().all() and frame["department"].notna().all()
    follow = pd.read_excel(workbook, sheet_name="follow_through")
    assert {"department", "period", "plan_text"} <= set(follow.columns)
    readme = pd.read_excel(workbook, sheet_name="README")
    for sheet in ("boilerplate", "initiative_mentions", "follow_through"):
        listed = readme.loc[readme["sheet"] == sheet, "column"].tolist()
        assert listed == list(pd.read_excel(workbook, sheet_name=sheet, nrows=0).columns), sheet
    assert not readme["description"].str.contains(r"`|\*\*|\]\(", regex=True).any(), "README sheet has Markdown"
    assert readme["description"].str.len().gt(10).all()


def test_every_column_width_rule_names_a_column_the_cards_have(site):
    """The stylesheet sizes table columns by name: each rule must name a column a card's table has, and the
    statement text gets the widest column (it was squeezed to 12% when a column was added in front of it)."""
    out, htmls, _ = site
    cards = "".join(p.read_text(encoding="utf-8") for p in htmls if p.parent.name == "departments")
    rules = dict(re.findall(r"table\.(?:statements|plans) th\.(col-[a-z-]+)\{width:(\d+)%\}", pages.CSS))
    assert rules and all(f'class="{name}"' in cards for name in rules), rules
    assert int(rules["col-statement"]) == max(int(w) for n, w in rules.items() if n in {"col-action", "col-statement", "col-classified-as", "col-words"})
