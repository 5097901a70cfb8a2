"""The HTML a reader opens: the front page (reports/html/index.html) and one card per department
(reports/html/departments/<abbr>.html). Plain, self-contained pages: inline SVG charts with alt text,
relative links only, printable.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from analysis import initiatives, periods, plots, summaries, vocabulary
from analysis.report import charts, findings
from analysis.report.data import sources

TITLE = "Government Digital Strategy progress reports, department by department"
CSS = """
body{font-family:Arial,Helvetica,sans-serif;color:#0b0c0c;margin:0;line-height:1.45;background:#fff}
header.site{background:#12436D;color:#fff;padding:10px 24px;font-family:Arial,Helvetica,sans-serif;font-size:16px}
header.site a{color:#fff;font-weight:bold;text-decoration:none}
header.site nav{display:inline;margin-left:18px;font-size:.95em}
header.site nav a{font-weight:normal;margin-right:12px;text-decoration:underline}
main{max-width:980px;margin:0 auto;padding:8px 24px 40px}
h1{font-size:1.9em;margin:.6em 0 .3em}h2{font-size:1.4em;margin-top:1.6em;border-top:1px solid #d9d9d9;padding-top:.6em}
h3{font-size:1.1em;margin-top:1.2em}
p.lead{font-size:1.12em}
a{color:#1d70b8}
table{border-collapse:collapse;margin:.6em 0 1em;font-size:.92em;width:100%}
th,td{border:1px solid #d9d9d9;padding:4px 7px;text-align:left;vertical-align:top}
th{background:#f3f2f1}
td.num{text-align:right;white-space:nowrap}
table.statements,table.plans{table-layout:fixed}
table.statements th.col-action{width:11%}table.statements th.col-statement{width:47%}
table.statements th.col-classified-as{width:12%}table.statements th.col-words{width:7%}
table.plans th.col-plan{width:34%}table.plans th.col-status{width:10%}table.plans th.col-progress-text-it-rests-on{width:34%}
figure.chart{margin:1em 0 1.6em;padding:0}
figure.chart svg{display:block;width:100%;height:auto;border:1px solid #eee}
figure.chart figcaption{font-size:.88em;color:#3d3d3d;margin-top:4px}
figure.chart details{margin-top:2px}
ul.findings li{margin-bottom:.35em}
.caveat{border-left:6px solid #F46A25;background:#fef3ec;padding:8px 12px;margin:1em 0}
.status{font-weight:bold;white-space:nowrap}
.reason{white-space:nowrap}
blockquote{margin:0;padding:0 0 0 8px;border-left:3px solid #bfbfbf}
blockquote+blockquote{margin-top:6px}
.cards{columns:2;column-gap:24px}
.cards li{break-inside:avoid;margin-bottom:4px}
footer{max-width:980px;margin:0 auto;padding:12px 24px 30px;color:#505a5f;font-size:.85em;border-top:1px solid #d9d9d9}
@media print{header.site{background:none;color:#000}header.site a,header.site nav a{color:#000}
 figure.chart{break-inside:avoid}details{display:none}a{color:#000}}
"""
QUESTIONS = [
    ("02", "1. Boilerplate or substance?",
     "Which updates say something a reader could check, and which are template text, copies of earlier text, "
     "\u201cnot applicable\u201d or vague pledges?", "02-substantive-share-ranked"),
    ("03", "2. Which initiatives are named?",
     "Which programmes, events, networks, standards and tools do departments name, who names them, and do plans name them again "
     "in the next progress report?", "03-initiatives-reach"),
    ("04", "3. Did plans turn into reported delivery?",
     "Did what a department planned show up in its next progress report, with evidence, or was it only restated, or dropped?",
     "04-follow-through-status"),
]
SOURCE_LINE = ("Source: GOV.UK, Government Digital Strategy progress reports, Open Government Licence v3.0; project analysis. "
               "Statements are the departments' own words: \u201cdelivered\u201d means reported as delivered.")


def esc(value) -> str:
    return html.escape("" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value))


def page(title: str, body: str, root: str = "") -> str:
    """A complete page: header with links home, the body, the source line. `root` leads back to reports/html/."""
    return (
        f'<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n<title>{esc(title)}</title>\n'
        f"<style>{CSS}</style>\n</head>\n<body>\n{nav_header(root)}\n<main>\n{body}\n</main>\n"
        f"<footer>{esc(SOURCE_LINE)}</footer>\n</body>\n</html>\n"
    )


def nav_header(root: str = "") -> str:
    return (f'<header class="site"><a href="{root}index.html">{esc(TITLE)}</a>'
            f'<nav aria-label="Site"><a href="{root}index.html">Front page</a>'
            f'<a href="{root}index.html#departments">Department cards</a>'
            f'<a href="{root}index.html#downloads">Charts and tables</a></nav></header>')


def table_html(frame: pd.DataFrame, numeric: tuple[str, ...] = (), raw: tuple[str, ...] = (), css: str = "") -> str:
    """A plain HTML table; columns in `raw` are already HTML; `css` names a class (fixed column widths). Each header
    cell has the class `col-<column name>`, so the stylesheet sizes a column by its name, not its position."""
    head = "".join(f"<th scope=\"col\" class=\"{column_class(c)}\">{esc(c)}</th>" for c in frame.columns)
    rows = []
    for record in frame.itertuples(index=False):
        cells = []
        for column, value in zip(frame.columns, record, strict=True):
            content = value if column in raw else esc(value)
            cells.append(f'<td class="num">{content}</td>' if column in numeric else f"<td>{content}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    attr = f' class="{css}"' if css else ""
    return f"<table{attr}><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


def column_class(column: str) -> str:
    """"col-" and the column's name in lower case, words joined by hyphens ("classified as" -> "col-classified-as")."""
    return "col-" + slug(column, empty="column")


@dataclass
class Site:
    """Where the report lives, and what the chart pack holds."""

    out: Path

    @property
    def html(self) -> Path:
        return self.out / "html"

    @property
    def figures(self) -> Path:
        return self.out / "figures"

    @property
    def tables(self) -> Path:
        return self.out / "tables"

    def chart_index(self) -> pd.DataFrame:
        path = self.figures / "index.csv"
        if not path.exists():
            return pd.DataFrame(columns=plots.INDEX_COLUMNS)
        return pd.read_csv(path, dtype=str, keep_default_na=False).reindex(columns=plots.INDEX_COLUMNS, fill_value="")

    def embed(self, name: str, page_dir: Path) -> str:
        """A chart of the pack as an inline <figure>, linked relative to `page_dir`; empty if it is not in the pack."""
        index = self.chart_index().set_index("file")
        svg = self.figures / f"{name}.svg"
        if name not in index.index or not svg.exists():
            return ""
        files = {"png": self.figures / f"{name}.png", "svg": svg, "csv": self.figures / f"{name}.csv", "alt": self.figures / f"{name}.alt.txt"}
        links = {k: plots.relative_link(p, page_dir) for k, p in files.items()}
        return plots.figure_html(name, index.at[name, "alt_text"], svg.read_text(encoding="utf-8"), links)

    def link(self, path: Path, page_dir: Path) -> str:
        return plots.relative_link(path, page_dir)


def slug(name: str, empty: str = "department") -> str:
    """Lower case, runs of other characters as one hyphen: a department's page name, a column's class."""
    return re.sub(r"[^a-z0-9]+", "-", str(name).lower()).strip("-") or empty


def notebook_title(html_path: Path) -> str:
    """The first heading of a notebook page, without its anchor link."""
    text = html_path.read_text(encoding="utf-8")
    match = re.search(r"<h1[^>]*>(.*?)</h1>", text, re.S)
    if not match:
        return html_path.stem
    return html.unescape(re.sub(r"<[^>]+>", "", match.group(1))).replace("\u00b6", "").strip()


# --- front page ------------------------------------------------------------------------------------


def front_page(site: Site, tables: dict[str, pd.DataFrame], scores: pd.DataFrame, notebook_pages: list[Path],
               cards: dict[str, Path]) -> str:
    here = site.html
    statements = tables["statements"]
    found = {
        "01": findings.overview(statements),
        "02": findings.boilerplate(statements, tables["boilerplate"], tables["departments"], tables["sections"], scores),
        "03": findings.initiatives_found(tables["initiatives"], tables["initiative_mentions"], statements, tables["boilerplate"], scores),
        "04": findings.follow_through_found(tables["follow_through"], tables["follow_through_departments"], scores),
    }
    pages = {p.stem[:2]: p for p in notebook_pages}
    parts = [
        f"<h1>{esc(TITLE)}</h1>",
        '<p class="lead">This report turns the UK Government Digital Strategy\u2019s progress reports into tidy data and '
        "answers three questions, department by department. Every number on this page is computed from the tables; "
        "every chart links to its PNG, SVG and data.</p>",
        "<p>" + esc(findings.Findings(found["01"]).paragraph()) + ' Where each page comes from: <a href="#sources">Sources</a>.</p>',
    ]
    for prefix, heading, question, headline in QUESTIONS:
        parts.append(f"<h2>{esc(heading)}</h2><p><em>{esc(question)}</em></p>")
        said = found[prefix][:-1] if prefix == "04" else found[prefix]  # 04's last sentence is the caveat, boxed below
        parts.append("<p>" + esc(findings.Findings(said).paragraph()) + "</p>")
        if prefix == "04":
            parts.append(f'<p class="caveat">{esc(findings.follow_through_reliability(scores))}</p>')
        parts.append(site.embed(headline, here))
        if prefix in pages:
            parts.append(f'<p>The full analysis, every chart and the examples: <a href="{site.link(pages[prefix], here)}">'
                         f"{esc(notebook_title(pages[prefix]))}</a>.</p>")
    parts.append('<h2 id="reliability">How far to trust each analysis</h2>')
    parts.append("<p>Scores against hand labels, as written by <code>make evaluate</code> to "
                 f'<a href="{site.link(site.tables / "scores.csv", here)}">scores.csv</a>. The seed page is the page the rules were '
                 "written from (in-sample figures are optimistic); cross-validated figures choose each setting without the text "
                 "scored; the other pages were held out at first, but some rules have since been written from their errors, so "
                 "their figures are partly in sample. Actions 8-14 of the 2012 edition are held back as the honest "
                 "test." + (f" The column &ldquo;{esc(vocabulary.UNSEEN_PAGES)}&rdquo; scores excerpts of pages no rule was written "
                 "from, labelled by an independent annotator, with the rules as built; nothing was fitted on them."
                 if vocabulary.UNSEEN_PAGES in set(scores["corpus"]) else "") + "</p>"
                 if not scores.empty else f"<p>{esc(findings.NOT_MEASURED)}</p>")
    if not scores.empty:
        parts.append(table_html(findings.reliability_table(scores), numeric=tuple(findings.shown_corpora(scores))))
    parts += sources_section(statements)
    parts.append('<h2 id="pages">The analyses, page by page</h2><ul>')
    parts += [f'<li><a href="{site.link(p, here)}">{esc(notebook_title(p))}</a></li>' for p in notebook_pages]
    parts.append("</ul>")
    parts.append('<h2 id="departments">Department cards</h2><p>One printable page per department: its statements by period, '
                 "substantive share with quoted examples, named initiatives, and each plan beside the progress text it was "
                 "judged on.</p>")
    names = charts.department_names(statements)
    shares = tables["departments"].set_index("dept_abbr")["substantive_share_words"]
    parts.append('<ul class="cards">' + "".join(
        f'<li><a href="{site.link(path, here)}">{esc(names.get(abbr, abbr))} ({esc(abbr)})</a>: '
        f"{shares.get(abbr, 0):.0%} of words substantive</li>" for abbr, path in sorted(cards.items(), key=lambda kv: names.get(kv[0], kv[0]))
    ) + "</ul>")
    parts.append(downloads(site, here))
    return page(TITLE, "\n".join(p for p in parts if p))


def sources_section(statements: pd.DataFrame) -> list[str]:
    """The pages analysed, from the data log, with the statements read from each (after the findings: a reader
    wants the answers first, and the 2012 edition alone lists eight files)."""
    parts = ['<h2 id="sources">Sources</h2>']
    log = sources()
    per_file = statements.groupby("source_file").agg(statements=("statement_id", "size"), departments=("dept_abbr", "nunique"))
    if len(log):
        log = log.assign(statements=log["file"].map(per_file["statements"]).fillna(0).astype("int64"))
        shown = log.rename(columns=str.capitalize)[[c for c in ["Title", "Source", "As of", "Licence", "File", "Statements"]
                                                    if c in log.rename(columns=str.capitalize).columns]]
        parts.append(table_html(shown, numeric=("Statements",)))
    else:
        parts.append(table_html(per_file.reset_index(), numeric=("statements", "departments")))
    return parts


def downloads(site: Site, here: Path) -> str:
    index = site.chart_index()
    out = ['<h2 id="downloads">Charts and tables</h2>']
    workbook = sorted(site.tables.glob("*.xlsx"))
    csvs = sorted(p for p in site.tables.glob("*.csv"))
    if workbook:
        out.append(f'<p>For checking by hand: <a href="{site.link(workbook[0], here)}">the Excel workbook</a> (a README sheet '
                   "describes every column; per-statement sheets carry the department, period and text).</p>")
    if csvs:
        out.append("<p>Tables (CSV): " + " · ".join(f'<a href="{site.link(p, here)}">{esc(p.name)}</a>' for p in csvs) + "</p>")
    rows = []
    for r in index.itertuples(index=False):
        links = " · ".join(f'<a href="{site.link(site.figures / f"{r.file}.{ext}", here)}">{label}</a>'
                           for ext, label in (("png", "PNG"), ("svg", "SVG"), ("csv", "CSV"), ("alt.txt", "alt text")))
        shown_on = f'<a href="{site.link(site.html / r.page, here)}">{esc(r.page)}</a>' if r.page else ""
        rows.append({"chart": esc(r.title), "on page": shown_on, "files": links})
    if rows:
        out.append(table_html(pd.DataFrame(rows), raw=("chart", "on page", "files")))
    return "\n".join(out)


# --- department cards ------------------------------------------------------------------------------


def _reason_text(row) -> str:
    return "substantive" if pd.isna(row.boilerplate_reason) or not row.boilerplate_reason else str(row.boilerplate_reason).replace("_", " ")


def _evidence(row: pd.Series) -> str:
    """The classifier's evidence for a boilerplate call, in words (empty for substantive statements)."""
    reason = row.get("boilerplate_reason")
    if pd.isna(reason) or reason not in summaries.EVIDENCE:
        return ""
    filled = row.copy()
    for column in ("vague_cues", "concrete_terms", "repeat_of"):
        if column in filled.index and pd.isna(filled[column]):
            filled[column] = ""
    try:
        return summaries.EVIDENCE[reason](filled)
    except (KeyError, TypeError, ValueError):
        return ""


def department_card(site: Site, abbr: str, tables: dict[str, pd.DataFrame], scores: pd.DataFrame, chart_names: dict[str, str]) -> str:
    here = site.html / "departments"
    statements, table = tables["statements"], tables["boilerplate"]
    own = statements[statements["dept_abbr"] == abbr].merge(table, on="statement_id", how="left", validate="one_to_one")
    name = own["department"].iloc[0]
    parts = [f"<h1>{esc(name)} ({esc(abbr)})</h1>",
             findings.Findings(findings.department(abbr, statements, tables["departments"], tables["follow_through"],
                                                   tables["initiatives"], tables["initiative_mentions"])).html(),
             '<p><a href="../index.html">All departments, the method and the scores</a></p>']
    parts.append("<h2>Statements by period</h2>")
    parts.append(f"<p>Each statement as the department wrote it, and how the boilerplate classifier called it. "
                 f"{esc(findings.reliability(scores, 'boilerplate'))}</p>")
    parts.append(site.embed(chart_names.get("reasons", ""), here))
    for section in sorted(own["section"].unique(), key=periods.order_key):
        rows = own[own["section"] == section].sort_values(["edition", "action", "position"])
        parts.append(f"<h3>{esc(periods.text_label(section).capitalize())} ({findings.plural(len(rows), 'statement')})</h3>")
        frame = pd.DataFrame({
            # a period can hold several actions and both editions: say which each statement answers
            "action": [f"{a} ({e} edition)" for a, e in zip(rows["action"], rows["edition"])],
            "statement": [f"<blockquote>{esc(t)}</blockquote>" for t in rows["text"]],
            "classified as": [f'<span class="reason">{esc(_reason_text(r))}</span>' for r in rows.itertuples()],
            "evidence": [_evidence(r) for _, r in rows.iterrows()],
            "words": rows["n_words"].astype("int64").tolist(),
        })
        parts.append(table_html(frame, numeric=("words",), raw=("statement", "classified as"), css="statements"))
    parts.append(initiatives_section(abbr, tables))
    parts.append(f"<p>{esc(findings.reliability(scores, 'initiatives'))}</p>")
    parts.append(plans_section(site, abbr, tables, scores, chart_names.get("follow_through", ""), here))
    return page(f"{name}: {TITLE}", "\n".join(p for p in parts if p), root="../")


def initiatives_section(abbr: str, tables: dict[str, pd.DataFrame]) -> str:
    statements, mentions, table = tables["statements"], tables["initiative_mentions"], tables["initiatives"]
    ctx = initiatives.mention_context(mentions, statements, table)
    ctx = ctx[ctx["type"].isin(initiatives.INITIATIVE_TYPES)]
    mine = ctx[ctx["dept_abbr"] == abbr]
    out = ["<h2>Named initiatives</h2>"]
    if mine.empty:
        out.append("<p>No named initiative in this department's text.</p>")
        return "\n".join(out)
    rows = []
    for (iid, iname, itype), group in mine.groupby(["initiative_id", "name", "type"], sort=False):
        named_in = sorted(group["section"].unique(), key=periods.order_key)
        others = sorted(set(ctx.loc[(ctx["initiative_id"] == iid) & (ctx["dept_abbr"] != abbr), "dept_abbr"]), key=str.lower)
        rows.append({"initiative": iname, "type": itype, "named in": ", ".join(periods.text_label(p) for p in named_in),
                     "mentions": len(group), "also named by": ", ".join(others) or "no other department"})
    out.append(table_html(pd.DataFrame(rows), numeric=("mentions",)))
    return "\n".join(out)


def plans_section(site: Site, abbr: str, tables: dict[str, pd.DataFrame], scores: pd.DataFrame, chart: str, here: Path) -> str:
    follow = tables["follow_through"]
    plans = follow[(follow["dept_abbr"] == abbr) & ~follow["plan_is_lead_in"]]
    out = ["<h2>Plans and what was reported</h2>"]
    if plans.empty:
        out.append("<p>No plan statements.</p>")
        return "\n".join(out)
    out.append(f'<p class="caveat">{esc(findings.follow_through_reliability(scores))}</p>')
    out.append(site.embed(chart, here))
    rows = []
    for r in plans.sort_values(["plan_section", "plan_statement_id"]).itertuples(index=False):
        evidence = str(r.evidence_text).split(" || ") if pd.notna(r.evidence_text) and str(r.evidence_text) else []
        quoted = "".join(f"<blockquote>{esc(t)}</blockquote>" for t in evidence) or "<em>no related progress statement</em>"
        rows.append({
            "plan": f"<blockquote>{esc(r.plan_text)}</blockquote><small>{esc(periods.text_label(r.plan_section))}"
                    f"{', testable' if r.plan_testable else ', not testable'}</small>",
            "status": f'<span class="status">{esc(plots.STATUS_LABELS.get(r.status, r.status))}</span>',
            "\u2192 progress text it rests on": (quoted if r.status != "pending" else "<em>no progress report on this period yet</em>")
            + (f"<small>{esc(periods.text_label(r.progress_section))}</small>"
                                                        if pd.notna(r.progress_section) and evidence else ""),
            "why": esc(r.status_reason),
        })
    out.append(table_html(pd.DataFrame(rows), raw=("plan", "status", "\u2192 progress text it rests on", "why"), css="plans"))
    return "\n".join(out)
