"""Turn Government Digital Strategy progress pages into tidy tables, scores, charts and an HTML report.

Command line: argument parsing, messages and exit codes. No analysis logic lives here.
Exit status: 0 success, 2 bad input or usage (one line on stderr naming the file), 1 a table failed
its data contract (a bug: nothing is written).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from analysis import paths

EXIT_OK, EXIT_INVALID_TABLE, EXIT_BAD_INPUT = 0, 1, 2


def _count(n: int, one: str, many: str | None = None) -> str:
    """"1 warning", "2 warnings": a count with its noun in the right number."""
    return f"{n} {one if n == 1 else (many or one + 's')}"


def _summary_line(doc, statements) -> str:
    """One line per page read, e.g. "page.txt: action page (action 4), 17 departments, 85 sections, 202 statements, 1 warning".
    Sections another page also gives, and that were kept from it, are counted there and said here."""
    actions = sorted(doc.actions)
    listed = ", ".join(str(a) for a in actions) or "none"
    kind = {"action-major": "action page", "department-major": "department page"}.get(doc.layout, str(doc.layout))
    n_statements = int((statements["source_file"] == doc.source_file).sum())
    elsewhere = statements[statements["other_sources"].fillna("").str.split("; ").map(lambda names: doc.source_file in names)]
    n_elsewhere = len(elsewhere.drop_duplicates(["action", "dept_abbr", "section"]))
    return (
        f"{doc.source_file}: {kind} ({'actions' if len(actions) > 1 else 'action'} {listed}), "
        f"{_count(len(doc.departments), 'department')}, {_count(len(doc.sections), 'section')}, "
        f"{_count(n_statements, 'statement')}"
        + (f" ({_count(n_elsewhere, 'section')} counted from another page)" if n_elsewhere else "")
        + f", {_count(len(doc.warnings), 'warning')}"
    )


def _print_warnings(warnings: list[str]) -> None:
    from analysis.parse.document import cap

    for w in warnings:
        print(cap(f"warning: {w}"), file=sys.stderr)


def _error(message: str) -> None:
    """One line on stderr, capped, whatever the message quotes."""
    from analysis.parse.document import cap

    print(cap(f"error: {message}"), file=sys.stderr)


def cmd_tidy(args: argparse.Namespace) -> int:
    from analysis.outputs import write_table
    from analysis.pipeline import tidy

    out = Path(args.out)
    if out.suffix not in {".csv", ".parquet"}:
        _error(f"{out}: --out must end in .csv or .parquet")
        return EXIT_BAD_INPUT
    documents, frame, warnings = tidy([Path(f) for f in args.files])
    _print_warnings(warnings)
    for doc in documents:
        print(_summary_line(doc, frame))
    write_table(frame, out)
    print(f"wrote {len(frame)} statements to {out}")
    return EXIT_OK


def cmd_build(args: argparse.Namespace) -> int:
    from analysis.pipeline import build

    start = time.perf_counter()
    result = build(Path(args.raw), Path(args.out), Path(args.reviews))
    _print_warnings(result.warnings)
    statements = result.tables["statements"]
    for doc in result.documents:
        print(_summary_line(doc, statements))
    for path in result.written:
        print(f"wrote {path}")
    print(f"built in {time.perf_counter() - start:.2f} s")
    return EXIT_OK


def cmd_report(args: argparse.Namespace) -> int:
    from analysis.report import build_report

    start = time.perf_counter()
    for path in build_report():
        print(f"wrote {path}")
    print(f"report built in {time.perf_counter() - start:.1f} s")
    return EXIT_OK


def cmd_docs(args: argparse.Namespace) -> int:
    from analysis.outputs import write_text
    from analysis.schemas import render_data_dictionary

    write_text(Path(args.out), render_data_dictionary() + "\n")
    print(f"wrote {args.out}")
    return EXIT_OK


def cmd_review(args: argparse.Namespace) -> int:
    from analysis import reviews, tables
    from analysis.outputs import write_table

    follow, boilerplate, statements = (tables.read(name, Path(args.processed)) for name in ("follow_through", "boilerplate", "statements"))
    sheet = reviews.to_review(follow, boilerplate, statements, limit=args.limit)
    write_table(sheet, Path(args.out))
    print(f"wrote {args.out}: {len(sheet)} calls to check, lowest confidence first; fill in value, reviewer, date, note "
          f"and copy the rows (id, field, value, reviewer, date, note) into a file in data/reviews/")
    return EXIT_OK


def cmd_coding_sheet(args: argparse.Namespace) -> int:
    from analysis.evaluate import coding_sheet
    from analysis.outputs import write_table

    out = Path(args.out)
    if out.suffix != ".csv":
        _error(f"{out}: --out must end in .csv")
        return EXIT_BAD_INPUT
    labels = Path(args.exclude_labels) if args.exclude_labels else None
    made = coding_sheet.build(Path(args.raw), labels)
    _print_warnings(made.warnings)
    write_table(made.sheet, out)
    print(made.summary(out, labels))
    return EXIT_OK


def cmd_labels_from_sheet(args: argparse.Namespace) -> int:
    from analysis.evaluate import sheet_labels, unseen
    from analysis.outputs import write_table

    sheet, out = Path(args.sheet), Path(args.out)
    if out.exists() and not out.is_dir():
        _error(f"{out}: not a folder")
        return EXIT_BAD_INPUT
    if out.resolve() == unseen.LABELS.resolve():
        _error(f"{out}: the labels of the last clean test: put new labels in a new folder")
        return EXIT_BAD_INPUT
    labels = sheet_labels.convert(sheet)
    there = sheet_labels.existing(out)
    if there and not args.append:
        _error(f"{out}: already holds {', '.join(there)}: nothing written (--append adds the sheet's labels to them; "
               "or give a new folder)")
        return EXIT_BAD_INPUT
    frames, kept = sheet_labels.merge(labels, out, sheet) if there else (labels.frames, {})
    for name, frame in sheet_labels.to_write(frames).items():
        write_table(frame, out / name)
    print(labels.summary(sheet, out, kept))
    return EXIT_OK


def cmd_evaluate(args: argparse.Namespace) -> int:
    from analysis.evaluate import run_all, scores
    from analysis.report.data import write_scores

    labels = Path(args.unseen_labels) if args.unseen_labels else None
    if labels is not None and not labels.is_dir():
        _error(f"{labels}: {'labels folder not found' if not labels.exists() else 'not a folder'}")
        return EXIT_BAD_INPUT
    print(run_all(Path(args.processed), Path(args.unseen_pages) if args.unseen_pages else None, labels))
    print(f"wrote {write_scores(scores(), Path(args.scores))} (the headline scores the report shows)")
    return EXIT_OK


def cmd_fetch(args: argparse.Namespace) -> int:
    from analysis import fetch

    pages = fetch.select(fetch.read_manifest(Path(args.manifest)), args.only, Path(args.manifest))
    settings = fetch.Settings(api_base=args.api_base, timeout=args.timeout, retries=args.retries, delay=args.delay)
    run = fetch.FetchRun(Path(args.raw), settings)
    outcomes = []
    try:
        with fetch.exclusive(run.raw_dir):
            for page in pages:
                outcome = run.one(page)
                outcomes.append(outcome)
                print(outcome.line(), file=sys.stdout if outcome.ok else sys.stderr, flush=True)
    except fetch.FetchError as err:
        print(f"error: {err}", file=sys.stderr)
        return EXIT_BAD_INPUT
    counts = {status: sum(o.status == status for o in outcomes) for status in ("fetched", "updated", "current", "failed")}
    print(", ".join(f"{n} {status}" for status, n in counts.items()) + f" of {len(outcomes)} pages ({settings.api_base})")
    if outcomes and not any(o.ok for o in outcomes):
        print(f"error: no page could be fetched from {settings.api_base}: nothing written", file=sys.stderr)
        return EXIT_BAD_INPUT
    return EXIT_OK


def make_parser() -> argparse.ArgumentParser:
    from analysis.fetch import Settings

    fetching = Settings()  # the defaults of `fetch`, defined once there
    parser = argparse.ArgumentParser(
        prog="python -m analysis",
        description="Turn Government Digital Strategy progress pages into tidy tables, scores, charts and an HTML report. "
        "Most people run the make targets instead: `make data`, `make evaluate`, `make report` (then open "
        "reports/html/index.html), `make lab`.",
        epilog="Examples: python -m analysis tidy page.txt --out statements.csv | python -m analysis build | "
        "python -m analysis COMMAND --help for a command's options. Bad input stops with one line naming the file (exit 2).",
    )
    sub = parser.add_subparsers(dest="command", required=True, title="commands", metavar="COMMAND")

    p = sub.add_parser("tidy", help="read pages of the series into a table of statements (one row per sentence or bullet)")
    p.add_argument("files", nargs="+", help="page text files")
    p.add_argument("--out", required=True, help="output table (.csv or .parquet)")
    p.set_defaults(func=cmd_tidy)

    p = sub.add_parser("build", help="build every table in data/processed/ from the pages in data/raw/ (what `make data` runs)")
    p.add_argument("--raw", default=str(paths.RAW), help="folder of raw pages (default data/raw)")
    p.add_argument("--out", default=str(paths.PROCESSED), help="output folder (default data/processed)")
    p.add_argument("--reviews", default=str(paths.REVIEWS), help="folder of analysts' reviews (default data/reviews)")
    p.set_defaults(func=cmd_build)

    p = sub.add_parser("fetch", help="download the manifest's pages from the GOV.UK Content API into data/raw/govuk/ (uses the network)")
    p.add_argument("--manifest", default=str(paths.SERIES), help="pages to fetch: page,kind,url (default data/raw/series.csv)")
    p.add_argument("--raw", default=str(paths.RAW), help="raw folder: pages go to RAW/govuk/, the log to RAW/fetch-log.csv")
    p.add_argument("--only", action="append", metavar="PAGE", help="fetch only this page of the manifest (repeatable)")
    p.add_argument("--api-base", default=fetching.api_base, help="Content API address: a mirror, or a test server (default %(default)s)")
    p.add_argument("--timeout", type=float, default=fetching.timeout, help="seconds to wait for an answer (default %(default)s)")
    p.add_argument("--retries", type=int, default=fetching.retries, help="retries after a 429, a 5xx or a timeout, with back-off (default %(default)s)")
    p.add_argument("--delay", type=float, default=fetching.delay, help="at least this many seconds between requests (default %(default)s)")
    p.set_defaults(func=cmd_fetch)

    p = sub.add_parser("review", help="write the sheet of follow-through calls most worth checking")
    p.add_argument("--processed", default=str(paths.PROCESSED), help="folder of processed tables (default data/processed)")
    p.add_argument("--out", default=str(paths.REVIEW_SHEET), help="the sheet (default reports/review/to-review.csv)")
    p.add_argument("--limit", type=int, default=50, help="how many calls (default 50)")
    p.set_defaults(func=cmd_review)

    p = sub.add_parser("evaluate", help="score each analysis against the hand labels; writes the scores table the report shows")
    p.add_argument("--processed", default=str(paths.PROCESSED), help="folder of processed tables (default data/processed)")
    p.add_argument("--scores", default=str(paths.SCORES), help="where to write the scores table (default reports/tables/scores.csv)")
    p.add_argument("--unseen-pages", metavar="DIR", help="folder of page excerpts no rule was written from (not in the repository; "
                   "data/annotations/unseen-pages/README.md): score them against their labels too (default: not given)")
    p.add_argument("--unseen-labels", metavar="DIR", help="folder of labels for those pages, in the format of "
                   "data/annotations/unseen-pages/ (default that folder)")
    p.set_defaults(func=cmd_evaluate)

    p = sub.add_parser("coding-sheet", help="a blind sheet of the statements of pages to hand-label (no analysis output), "
                       "for the next test on pages no rule was written from")
    p.add_argument("--raw", required=True, metavar="DIR", help="folder of pages, read as `build --raw` reads one")
    p.add_argument("--out", required=True, metavar="FILE.csv", help="the sheet to write")
    p.add_argument("--exclude-labels", metavar="DIR", help="leave out statements labelled in this folder's label files on the "
                   "same text (format of data/annotations/unseen-pages/); labelled on a different text: kept and flagged")
    p.set_defaults(func=cmd_coding_sheet)

    p = sub.add_parser("labels-from-sheet", help="turn a filled-in coding sheet into the label files `evaluate --unseen-labels` "
                       "reads, checked (text hashes, allowed values)")
    p.add_argument("--sheet", required=True, metavar="FILE.csv", help="the coding sheet, filled in by a coder")
    p.add_argument("--out", required=True, metavar="DIR", help="folder for follow_through_labels.csv, boilerplate_labels.csv, "
                   "initiatives_gold.csv (a new one: existing label files are refused unless --append)")
    p.add_argument("--append", action="store_true", help="add to the label files already in DIR; a statement labelled "
                   "there with a different answer is refused")
    p.set_defaults(func=cmd_labels_from_sheet)

    p = sub.add_parser("report", help="write the HTML report (front page, analysis pages, department cards), charts and workbook")
    p.set_defaults(func=cmd_report)

    p = sub.add_parser("docs", help="rewrite docs/data-dictionary.md (every column of every table) from the schemas")
    p.add_argument("--out", default=str(paths.DATA_DICTIONARY))
    p.set_defaults(func=cmd_docs)
    return parser


def main(argv: list[str] | None = None) -> int:
    from pandera.errors import SchemaError, SchemaErrors

    from analysis.parse import ParseError

    args = make_parser().parse_args(argv)
    try:
        return args.func(args)
    except ParseError as err:
        _error(str(err))
        return EXIT_BAD_INPUT
    except (SchemaError, SchemaErrors) as err:
        first = str(err).splitlines()[0] if str(err) else type(err).__name__
        _error(f"a table failed its schema, nothing written: {first}")
        return EXIT_INVALID_TABLE
    except OSError as err:
        from analysis.parse.document import display_name

        where = display_name(str(err.filename)) if err.filename else "output"
        _error(f"{where}: {err.strerror or err}")
        return EXIT_BAD_INPUT
