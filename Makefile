# Government Digital Strategy progress reports -> tidy data, analyses, charts.
# `make help` lists the targets. Quickstart: `make data` then `make test`.

SHELL := /bin/bash
.DEFAULT_GOAL := help
.DELETE_ON_ERROR:

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
VENV_STAMP := $(VENV)/.installed
export PYTHONHASHSEED := 0
export MPLBACKEND := Agg

# inputs: GOV.UK page text (.txt), the 2012 edition's Markdown (.md; README.md is the data log, not an input),
# and the Content API responses `make fetch` stores in data/raw/govuk/ (what pipeline.raw_files reads)
RAW := $(sort $(wildcard data/raw/*.txt) $(filter-out data/raw/README.md,$(wildcard data/raw/*.md))) $(sort $(wildcard data/raw/govuk/*.json))
REVIEWS := $(sort $(wildcard data/reviews/*.csv))
SRC := $(sort $(shell find src/analysis -name '*.py' 2>/dev/null))
PROCESSED := data/processed
TABLES := $(PROCESSED)/statements.parquet $(PROCESSED)/statements.csv \
	$(addprefix $(PROCESSED)/,$(addsuffix .csv,boilerplate sections departments initiatives \
	initiative_mentions follow_through follow_through_departments follow_through_sections restatements))

# The build reads ANALYSIS_NER_MODEL (an optional statistical NER for initiatives, docs/methods.md): its
# value is kept in a stamp file, rewritten only when it changes, so changing it rebuilds the tables.
NER_STAMP := build/ner-model.stamp
$(shell mkdir -p $(dir $(NER_STAMP)) && { [ -f $(NER_STAMP) ] && [ "$$(cat $(NER_STAMP))" = "$(ANALYSIS_NER_MODEL)" ] || printf '%s' "$(ANALYSIS_NER_MODEL)" > $(NER_STAMP); })

NOTEBOOKS := $(sort $(wildcard notebooks/*.ipynb))
SCORES := reports/tables/scores.csv
ANNOTATIONS := $(sort $(shell find data/annotations -type f 2>/dev/null))
REPORT := reports/html/index.html reports/figures/index.csv reports/tables/digital-strategy-analysis.xlsx \
	$(patsubst notebooks/%.ipynb,reports/html/%.html,$(NOTEBOOKS))
# JupyterLab: extra options, e.g. `make lab LAB_ARGS="--no-browser --port 8899"` on a server; root needs --allow-root.
LAB_ARGS ?=
LAB_ROOT := $(shell [ "$$(id -u)" = 0 ] && echo --allow-root)
CHROMIUM ?= $(shell command -v chromium || command -v chromium-browser || command -v google-chrome)
SCREENSHOT_PAGES := reports/html/index.html reports/html/departments/dwp.html

.PHONY: help venv fetch data report review coding-sheet labels-from-sheet test lint evaluate bench docs lab screenshots lock clean clean-venv

help: ## List the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-zA-Z_-]+:.*## / {printf "  \033[36m%-12s\033[0m %s\n", $$1, $$2}' $(MAKEFILE_LIST)

$(VENV_STAMP): requirements.lock
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "error: Python 3.11 or newer is needed (pandas 3); set PYTHON=python3.11")'
	@echo "Installing the pinned environment into $(VENV)/ (first run only: a few minutes; pip shows its progress)"
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --disable-pip-version-check --progress-bar on -r requirements.lock
	$(PY) -c 'import pathlib, sysconfig; pathlib.Path(sysconfig.get_paths()["purelib"], "gds_analysis.pth").write_text(str(pathlib.Path("src").resolve()) + "\n")'
	touch $@

venv: $(VENV_STAMP) ## Create .venv with the pinned dependencies (done by the other targets when missing)

# The list of pages is an input too: removing a page rebuilds. The file changes only when the list does.
RAW_LIST := $(PROCESSED)/.raw-files
$(shell mkdir -p $(PROCESSED) && (echo '$(RAW)' | cmp -s - $(RAW_LIST) || echo '$(RAW)' > $(RAW_LIST)))
# the same for the analysts' reviews: deleting a review file rebuilds the tables without it
REVIEW_LIST := build/reviews.list
$(shell mkdir -p build && (echo '$(REVIEWS)' | cmp -s - $(REVIEW_LIST) || echo '$(REVIEWS)' > $(REVIEW_LIST)))

fetch: $(VENV_STAMP) ## Download the pages in data/raw/series.csv from GOV.UK's Content API (ONLY=page, API_BASE=url)
	$(PY) -m analysis fetch $(if $(ONLY),$(addprefix --only ,$(ONLY))) $(if $(API_BASE),--api-base $(API_BASE))

# spaCy's word-frequency table as the initiative rules read it, kept in .venv (a keyed store: only the words asked
# are read; analysis.initiatives.word_frequencies, paths.WORD_FREQUENCIES). Order-only: writing it never
# rebuilds the tables.
WORD_FREQUENCIES := $(VENV)/share/gds-analysis/lexeme_prob.sqlite
$(WORD_FREQUENCIES): $(VENV_STAMP)
	$(PY) -m analysis.initiatives.word_frequencies $@

$(TABLES) &: $(RAW) $(RAW_LIST) $(REVIEWS) $(REVIEW_LIST) $(SRC) $(VENV_STAMP) $(NER_STAMP) | $(WORD_FREQUENCIES)
	@chmod a-w $(RAW)
	$(PY) -m analysis build --raw data/raw --out $(PROCESSED) --reviews data/reviews

data: $(TABLES) ## Build every processed table in data/processed/ from data/raw/

# Pages no rule was written from (their text is not in the repository: data/annotations/unseen-pages/README.md):
# `make evaluate UNSEEN_PAGES=/path/to/pages` scores them too; not given, evaluate says so in one line (and
# `make report`, when it re-runs the scores, drops them: give it the same UNSEEN_PAGES).
# UNSEEN_LABELS=DIR: their labels from another folder in the same formats (default data/annotations/unseen-pages).
UNSEEN_PAGES ?=
UNSEEN_LABELS ?=
EVALUATE_ARGS := $(if $(UNSEEN_PAGES),--unseen-pages $(UNSEEN_PAGES)) $(if $(UNSEEN_LABELS),--unseen-labels $(UNSEEN_LABELS))

$(SCORES): $(TABLES) $(SRC) $(ANNOTATIONS)
	$(PY) -m analysis evaluate $(EVALUATE_ARGS)

$(REPORT) &: $(NOTEBOOKS) $(TABLES) $(SRC) $(SCORES) data/raw/README.md
	$(PY) -m analysis report

report: $(REPORT) ## Write the report: reports/html/index.html (open it first), analysis pages, department cards, charts, workbook

docs: $(VENV_STAMP) ## Regenerate docs/data-dictionary.md from the schemas
	$(PY) -m analysis docs

test: data ## Run the test suite (builds what it needs first)
	$(PY) -m pytest

lint: $(VENV_STAMP) ## Check the code with ruff (rules in pyproject.toml)
	$(VENV)/bin/ruff check src tests benchmarks notebooks

evaluate: data ## Print scores against the hand labels (data/annotations/); write reports/tables/scores.csv (UNSEEN_PAGES=dir: also the pages no rule was written from; UNSEEN_LABELS=dir: their labels)
	$(PY) -m analysis evaluate $(EVALUATE_ARGS)

# The next clean test: a blind sheet of the statements of PAGES for independent coders (no analysis output), leaving
# out what EXCLUDE's label files already cover (data/annotations/unseen-pages/README.md, "Next clean test").
PAGES ?=
SHEET ?= reports/coding/sheet.csv
EXCLUDE ?=

coding-sheet: $(VENV_STAMP) | $(WORD_FREQUENCIES) ## Write a blind coding sheet of the statements of PAGES=dir to SHEET= (default reports/coding/sheet.csv), EXCLUDE=labels dir
	@test -n "$(PAGES)" || { echo "error: give the pages: make coding-sheet PAGES=dir [SHEET=file.csv] [EXCLUDE=labels dir]" >&2; exit 2; }
	$(PY) -m analysis coding-sheet --raw $(PAGES) --out $(SHEET) $(if $(EXCLUDE),--exclude-labels $(EXCLUDE))

labels-from-sheet: $(VENV_STAMP) ## Turn a filled coding sheet SHEET= into the label files in LABELS=new dir (APPEND=1 adds to existing ones)
	@test -n "$(LABELS)" || { echo "error: give the folder for the labels: make labels-from-sheet LABELS=dir [SHEET=file.csv] [APPEND=1]" >&2; exit 2; }
	$(PY) -m analysis labels-from-sheet --sheet $(SHEET) --out $(LABELS) $(if $(APPEND),--append)

reports/review/to-review.csv: $(TABLES)
	$(PY) -m analysis review --processed $(PROCESSED) --out $@

review: reports/review/to-review.csv ## Write reports/review/to-review.csv: the follow-through and boilerplate calls most worth checking, lowest confidence first

lab: data ## Open JupyterLab on notebooks/ (start with 01-overview.ipynb); headless: make lab LAB_ARGS="--no-browser --port 8899"
	env -u MPLBACKEND $(VENV)/bin/jupyter lab $(LAB_ROOT) $(LAB_ARGS) notebooks/

screenshots: report ## Screenshots of the front page and one department card (needs chromium) into reports/screenshots/
	@test -n "$(CHROMIUM)" || { echo "error: chromium is not installed (Debian: apt-get install chromium)"; exit 2; }
	@mkdir -p reports/screenshots
	@for page in $(SCREENSHOT_PAGES); do \
	  profile=$$(mktemp -d); name=$$(basename $$page .html); \
	  "$(CHROMIUM)" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking \
	    --disable-component-update --disable-sync --user-data-dir=$$profile --window-size=1280,2000 \
	    --screenshot=$(CURDIR)/reports/screenshots/$$name.png file://$(CURDIR)/$$page >/dev/null 2>&1; \
	  rm -rf $$profile; test -s reports/screenshots/$$name.png && echo "wrote reports/screenshots/$$name.png"; \
	done

bench: $(VENV_STAMP) | $(WORD_FREQUENCIES) ## Print benchmark figures (throughput, build time)
	$(PY) benchmarks/bench.py

PIP_TOOLS := pip-tools==7.6.2

lock: ## Re-resolve requirements.in into requirements.lock with hashes (pip-tools; the one target that needs the network)
	rm -rf .venv-lock && $(PYTHON) -m venv .venv-lock && .venv-lock/bin/pip install --quiet $(PIP_TOOLS)
	grep -v '^#' requirements.lock > .venv-lock/requirements.lock || true
	.venv-lock/bin/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras --no-header --no-emit-index-url \
	  --no-emit-find-links --output-file .venv-lock/requirements.lock requirements.in
	( echo "# Generated by 'make lock' (pip-compile --generate-hashes) from requirements.in with $$($(PYTHON) --version); do not edit by hand."; \
	  cat .venv-lock/requirements.lock ) > requirements.lock
	rm -rf .venv-lock
	@echo "requirements.lock updated: update environment.yml to the same pins (make test checks)"

clean: ## Delete build outputs (data/processed, reports) and temporaries a killed build left, keep .venv
	rm -rf $(PROCESSED)/*.csv $(PROCESSED)/*.parquet reports/figures/* reports/html reports/tables reports/review reports/coding reports/screenshots
	rm -rf $(PROCESSED)/.*.tmp data/.processed.staging-* data/.processed.lock reports/figures/.*.tmp reports/tables/.*.tmp

clean-venv: ## Delete .venv
	rm -rf $(VENV)
