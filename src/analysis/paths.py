"""Every folder the project reads or writes, from one root taken from this file's location.

Nothing else in the package hard-codes a path, so the project works from any working directory.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

DATA = ROOT / "data"
RAW = DATA / "raw"
SERIES = RAW / "series.csv"  # the manifest of pages `fetch` downloads
GOVUK = RAW / "govuk"  # Content API responses, as received
FETCH_LOG = RAW / "fetch-log.csv"  # the data log of fetched pages, written by `fetch`
PROCESSED = DATA / "processed"
ANNOTATIONS = DATA / "annotations"
# The seed page: the one page the seed hand labels were coded on.
SEED_PAGE = RAW / "action04-support-improved-digital-capability.txt"
REVIEWS = DATA / "reviews"  # analysts' corrections (analysis.reviews)

# What analysts hand on. `make report` into another folder (tests) sets ANALYSIS_REPORTS_DIR for the
# notebooks it runs; ANALYSIS_FIGURES_DIR alone moves only the charts.
REPORTS = Path(os.environ.get("ANALYSIS_REPORTS_DIR", ROOT / "reports"))
FIGURES = Path(os.environ.get("ANALYSIS_FIGURES_DIR", REPORTS / "figures"))
TABLES = REPORTS / "tables"
HTML = REPORTS / "html"
SCORES = TABLES / "scores.csv"  # headline scores, written by `make evaluate`, read by the report
SCREENSHOTS = REPORTS / "screenshots"
REVIEW_SHEET = REPORTS / "review" / "to-review.csv"

NOTEBOOKS = ROOT / "notebooks"
DOCS = ROOT / "docs"
DATA_DICTIONARY = DOCS / "data-dictionary.md"
# spaCy's word-frequency table as the initiative rules read it, kept with the environment it was made from
# (analysis.initiatives.word_frequencies; the Makefile's WORD_FREQUENCIES)
WORD_FREQUENCIES = Path(sys.prefix) / "share" / "gds-analysis" / "lexeme_prob.sqlite"
