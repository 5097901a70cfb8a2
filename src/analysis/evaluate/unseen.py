"""Scores on pages no rule was written from ("unseen pages"): the honest test of all three analyses.

Every other labelled text (the seed page, the fragments, the 2012 edition's actions 1-7) has had rules written
after reading it. These pages are excerpts an independent annotator labelled without reading `src/`
(`data/annotations/unseen-pages/`, format and independence in its README); their text is not in the repository,
so they are scored only when the folder of excerpts is given (`make evaluate UNSEEN_PAGES=DIR`,
`python -m analysis evaluate --unseen-pages DIR`).

The pages are built with the rules AS BUILT, by the same `pipeline.build` that `make data` runs, into a temporary
folder (data/processed is never touched; no analyst review is applied). Nothing is fitted on these labels: the
follow-through and boilerplate baselines take the settings the existing evaluations fix or choose on the seed page.
Labels are joined by statement id and checked against the statement's text (SHA-1); a label whose id is missing or
whose text differs is reported, with its id, and not scored.
"""

from __future__ import annotations

import hashlib
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from analysis import paths, pipeline, schemas, tables
from analysis.evaluate import binary_scores, format_scores, multiclass_scores, norm_text, record
from analysis.evaluate import edition2012 as edition_eval
from analysis.evaluate import followthrough as follow_eval
from analysis.evaluate import heldout as heldout_eval
from analysis.evaluate import initiatives as ini_eval
from analysis.parse import ParseError
from analysis.vocabulary import BOILERPLATE_REASONS, EVALUATED_STATUSES, FOLLOW_THROUGH_STATUSES, INITIATIVE_TYPES, NAME_TYPES, UNSEEN_PAGES

LABELS = paths.ANNOTATIONS / "unseen-pages"
SECOND = "second"  # a second, independent coder's follow_through_labels.csv (same format), in LABELS/second/
SECOND_LABELS = f"{SECOND}/follow_through_labels.csv"
CORPUS = UNSEEN_PAGES
#: Sections that restate the December 2012 edition, whose actions 1-7 the boilerplate rules were tuned on.
RESTATED_SECTION = "commitment_2012"
MULTI = "|"  # separator of the list columns (defensible, evidence_ids)
NOT_GIVEN = (
    "Pages no rule was written from: not scored: these scores need the page excerpts, which are not in the repository "
    "(see data/annotations/unseen-pages/README.md); give the folder with `make evaluate UNSEEN_PAGES=DIR`"
)
TABLES_USED = ("statements", "boilerplate", "initiatives", "initiative_mentions", "follow_through")


# --- the label files' schemas -----------------------------------------------------------------------------


def _listed(values: Series[str], allowed) -> Series[bool]:
    """Each `|`-joined cell lists only allowed values (an empty cell lists none)."""
    return values.map(lambda cell: all(part in allowed for part in str(cell).split(MULTI) if part != ""))


class _Keyed(pa.DataFrameModel):
    statement_id: Series[str] = pa.Field(str_matches=schemas.ID_PATTERN, description="The statement (statements.statement_id).")
    text_sha1: Series[str] = pa.Field(str_matches=r"^[0-9a-f]{40}$", description="SHA-1 (hex) of the statement's text, UTF-8.")


class FollowThroughLabels(_Keyed):
    """`follow_through_labels.csv`: one row per plan statement of sections commitment_2012 and plan_2014."""

    statement_id: Series[str] = pa.Field(unique=True, str_matches=schemas.ID_PATTERN, description="The plan statement.")
    first_choice: Series[str] = pa.Field(isin=list(EVALUATED_STATUSES), description="The annotator's status.")
    defensible: Series[str] = pa.Field(description="Every status the annotator would accept, `|`-joined.")
    testable: Series[str] = pa.Field(isin=["yes", "no"], description="Whether the plan could be checked.")
    evidence_ids: Series[str] = pa.Field(description="Progress statements relied on, `|`-joined (may be empty).")
    note: Series[str] = pa.Field(description="Why, in the annotator's words.")

    class Config:
        strict = True
        ordered = True

    @pa.check("defensible")
    def defensible_are_statuses(cls, values: Series[str]) -> Series[bool]:  # noqa: N805
        return _listed(values, EVALUATED_STATUSES)

    @pa.check("evidence_ids")
    def evidence_are_ids(cls, values: Series[str]) -> Series[bool]:  # noqa: N805
        return values.map(lambda cell: all(pd.Series(str(cell).split(MULTI)).str.match(schemas.ID_PATTERN)) if cell else True)


class BoilerplateLabels(_Keyed):
    """`boilerplate_labels.csv`: one row per coded statement."""

    statement_id: Series[str] = pa.Field(unique=True, str_matches=schemas.ID_PATTERN, description="The coded statement.")
    label: Series[str] = pa.Field(isin=["boilerplate", "substantive", "borderline"], description="The annotator's call.")
    reason: Series[str] = pa.Field(isin=["", *BOILERPLATE_REASONS], description="For boilerplate: which kind (may be empty).")
    note: Series[str] = pa.Field(description="Why, in the annotator's words.")

    class Config:
        strict = True
        ordered = True


class InitiativeLabels(_Keyed):
    """`initiatives_gold.csv`: one row per named initiative mention, the name as written."""

    name: Series[str] = pa.Field(str_length={"min_value": 1}, description="The name as written in the statement.")
    type: Series[str] = pa.Field(isin=list(NAME_TYPES), description="The codebook's type.")

    class Config:
        strict = True
        ordered = True


LABEL_FILES: dict[str, type[pa.DataFrameModel]] = {
    "follow_through_labels.csv": FollowThroughLabels,
    "boilerplate_labels.csv": BoilerplateLabels,
    "initiatives_gold.csv": InitiativeLabels,
}


def read_labels(labels_dir: Path = LABELS) -> dict[str, pd.DataFrame | None]:
    """Each label file, validated (None when absent). A file that breaks its schema stops the run with one line
    naming the file and its line (ParseError: exit 2)."""
    return {name: _read_label_file(Path(labels_dir) / name, model) for name, model in LABEL_FILES.items()}


def _read_label_file(path: Path, model: type[pa.DataFrameModel]) -> pd.DataFrame | None:
    """One label file, validated (None when absent); a schema break is a ParseError naming the file and line."""
    if not path.exists():
        return None
    try:
        return model.validate(pd.read_csv(path, dtype=str, keep_default_na=False), lazy=False)
    except (pa.errors.SchemaError, pa.errors.SchemaErrors) as err:
        raise ParseError(str(path), _first_problem(err, model)) from None


def read_second(labels_dir: Path) -> pd.DataFrame | None:
    """The second coder's follow_through_labels.csv (LABELS/second/), validated; None when absent."""
    return _read_label_file(Path(labels_dir) / SECOND_LABELS, FollowThroughLabels)


def labelled_hashes(labels_dir: Path) -> dict[str, set[str]]:
    """Every statement id any label file of the folder labels (the second coder's too), with the text hashes
    (SHA-1) it was labelled on: what a new coding sheet leaves out (`evaluate.coding_sheet`)."""
    frames = [*read_labels(labels_dir).values(), read_second(labels_dir)]
    out: dict[str, set[str]] = {}
    for frame in frames:
        if frame is not None:
            for sid, sha in zip(frame["statement_id"], frame["text_sha1"].str.lower(), strict=True):
                out.setdefault(sid, set()).add(sha)
    return out


def _first_problem(err: Exception, model: type[pa.DataFrameModel]) -> str:
    cases = getattr(err, "failure_cases", None)
    first = str(err).splitlines()[0] if str(err) else type(err).__name__
    if isinstance(cases, pd.DataFrame) and len(cases) and "index" in cases.columns and pd.notna(cases["index"].iloc[0]):
        return f"row on line {int(cases['index'].iloc[0]) + 2} breaks the label schema: {first}"  # header is line 1
    return f"breaks the label schema ({', '.join(model.to_schema().columns)}): {first}"


# --- building the pages and checking the labels against them ----------------------------------------------


def build_tables(pages_dir: Path) -> tuple[dict[str, pd.DataFrame], list[str], int]:
    """The pages built exactly as `make data` builds data/raw (no reviews), into a temporary folder, read back
    as every reader reads a processed table; also the build's warnings and the number of pages read."""
    with tempfile.TemporaryDirectory(prefix="unseen-pages-") as tmp:
        out = Path(tmp) / "processed"
        result = pipeline.build(Path(pages_dir), out, Path(tmp) / "no-reviews")
        return {name: tables.read(name, out) for name in TABLES_USED}, result.warnings, len(result.documents)


MANIFEST = "pages.csv"  # page, url, chars, sha256, query, retrieved: the excerpts as collected (no text)


def manifest_lines(pages_dir: Path, labels_dir: Path) -> list[str]:
    """Whether the folder holds the excerpts the labels were made on: each manifest page's file and its SHA-256.
    Reported, not refused: full pages stored by `make fetch` differ by design, and the statement hashes decide."""
    path = Path(labels_dir) / MANIFEST
    if not path.exists():
        return [f"  no {MANIFEST} in {labels_dir}: the page files are not checked (the statement text hashes still are)"]
    manifest = pd.read_csv(path, dtype=str, keep_default_na=False)
    if not {"page", "sha256"} <= set(manifest.columns):
        return [f"  {path.name} has no page and sha256 columns: the page files are not checked (the statement text hashes still are)"]
    missing, differ = [], []
    for page, sha in zip(manifest["page"], manifest["sha256"], strict=True):
        file = Path(pages_dir) / f"{page}.txt"
        if not file.is_file():
            missing.append(page)
        elif hashlib.sha256(file.read_bytes()).hexdigest() != sha.lower():
            differ.append(page)
    out = [f"  pages in {MANIFEST}: {len(manifest)}; {len(manifest) - len(missing) - len(differ)} found as collected (SHA-256), "
           f"{len(differ)} differ, {len(missing)} missing"]
    out += ["    differ: " + ", ".join(differ)] if differ else []
    out += ["    missing: " + ", ".join(missing)] if missing else []
    return out


def text_sha1(text: str) -> str:
    return hashlib.sha1(str(text).encode("utf-8")).hexdigest()


@dataclass
class Checked:
    """Label rows whose statement exists with the same text (`ok`), and the ids of those that do not."""

    ok: pd.DataFrame
    missing: list[str] = field(default_factory=list)  # statement id not in the statements built
    changed: list[str] = field(default_factory=list)  # statement found, text hash differs

    def lines(self, what: str) -> list[str]:
        n = len(self.ok) + len(self.missing) + len(self.changed)
        out = [f"  {what}: {n} label rows; {len(self.missing)} with a statement id not in the pages built, "
               f"{len(self.changed)} whose statement text differs (SHA-1): not scored"]
        if self.missing:
            out.append("    id missing: " + ", ".join(self.missing))
        if self.changed:
            out.append("    text differs: " + ", ".join(self.changed))
        return out


def check(labels: pd.DataFrame, statements: pd.DataFrame) -> Checked:
    """Split label rows into those that match a statement by id and text hash, and the ids of the others."""
    hashes = dict(zip(statements["statement_id"], statements["text"].map(text_sha1), strict=True))
    found = labels["statement_id"].map(hashes)
    missing = found.isna()
    changed = ~missing & (found != labels["text_sha1"].str.lower())
    return Checked(
        labels[~missing & ~changed].reset_index(drop=True),
        list(dict.fromkeys(labels.loc[missing, "statement_id"])),
        list(dict.fromkeys(labels.loc[changed, "statement_id"])),
    )


def overlap_lines(labels: dict[str, pd.DataFrame | None], statements: pd.DataFrame, processed_dir: Path) -> list[str]:
    """How many labelled statements say word for word what a text the rules were written from says (the build in
    `processed_dir`: the seed page and the 2012 edition), e.g. a commitment restated unchanged: scored all the same."""
    if not tables.path("statements", processed_dir).exists():
        return []
    seen = set(tables.read("statements", processed_dir)["text"].map(norm_text))
    ids = {i for frame in labels.values() if frame is not None for i in frame["statement_id"]}
    texts = statements[statements["statement_id"].isin(ids)]
    same = texts.loc[texts["text"].map(norm_text).isin(seen), "statement_id"].tolist()
    return [f"  labelled statements whose text is also, word for word, in {processed_dir.name}/ (texts rules were written from): "
            f"{len(same)} of {len(texts)}" + (f": {', '.join(same)}" if same else "")]


# --- follow-through ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FollowBaselines:
    """The two baselines' settings, fixed before these labels are read (from the seed page's labels)."""

    low: float
    high: float
    constant: str


def seed_baselines(processed_dir: Path) -> FollowBaselines:
    """The similarity-only pair and the constant status the follow-through evaluation chooses on the seed."""
    seed = follow_eval.seed_labelled(processed_dir)
    low, high = follow_eval.similarity_baseline_choice(seed)
    return FollowBaselines(low, high, follow_eval.commonest_status(seed))


#: The plan sections the annotator codes (plan_2015 is pending: no progress period to judge it by).
CODED_PLAN_SECTIONS = ("commitment_2012", "plan_2014")


@dataclass
class FollowScores:
    n_labelled: int
    n_scored: int
    not_plans: list[str]  # labelled ids the follow-through table has no plan row for
    methods: dict[str, dict]  # name -> {"strict", "lenient", "kappa", "matrix"}
    unlabelled: int = 0  # plans of the coded sections in the table with no label passing the checks


def follow_through_scores(labels: pd.DataFrame, follow: pd.DataFrame, baselines: FollowBaselines) -> FollowScores:
    """Strict (first choice), lenient (any defensible status) and kappa, with the confusion matrix, for the rules
    as built and the two baselines, on the labelled plans the table has a row for."""
    table = follow.set_index("plan_statement_id")
    in_table = labels["statement_id"].isin(table.index)
    scored = labels[in_table].reset_index(drop=True)
    rows = table.loc[scored["statement_id"]]
    truth = scored["first_choice"].to_numpy()
    accepted = [{s for s in str(d).split(MULTI) if s} | {t} for d, t in zip(scored["defensible"], truth, strict=True)]
    predictions = {
        "rules as built": rows["status"].to_numpy(dtype=object),
        f"baseline: similarity only ({baselines.low}, {baselines.high}; chosen on the seed)":
            follow_eval.similarity_baseline(rows["score"].reset_index(drop=True), baselines.low, baselines.high).to_numpy(dtype=object),
        f"baseline: constant status '{baselines.constant}' (the seed's commonest)": np.full(len(truth), baselines.constant, dtype=object),
    }
    methods = {}
    for name, predicted in predictions.items() if len(truth) else ():
        scores, matrix = multiclass_scores(truth, predicted, list(FOLLOW_THROUGH_STATUSES))
        lenient = float(np.mean([p in a for p, a in zip(predicted, accepted, strict=True)]))
        methods[name] = {"strict": scores["agreement"], "lenient": lenient, "kappa": scores["kappa"], "matrix": matrix}
    coded_sections = follow[follow["plan_section"].isin(CODED_PLAN_SECTIONS)] if "plan_section" in follow.columns else follow
    unlabelled = int((~coded_sections["plan_statement_id"].isin(labels["statement_id"])).sum())
    return FollowScores(len(labels), len(scored), list(labels.loc[~in_table, "statement_id"]), methods, unlabelled)


def follow_through_lines(scores: FollowScores, n_rows: int) -> list[str]:
    out = [f"  plans labelled: {n_rows} ({scores.n_labelled} pass the id and text checks); plans scored: {scores.n_scored}; "
           f"plans of {' and '.join(CODED_PLAN_SECTIONS)} in the pages without a label passing the checks: {scores.unlabelled}"
           + (f"; {len(scores.not_plans)} labelled ids with no plan row in follow_through: {', '.join(scores.not_plans)}"
              if scores.not_plans else "")]
    for name, m in scores.methods.items():
        out.append(f"  {name:<62} n={scores.n_scored}  strict={m['strict']:.3f}  lenient={m['lenient']:.3f}  kappa={m['kappa']:.3f}")
        out += ["    " + line for line in m["matrix"].to_string().splitlines()]
    return out


# --- boilerplate -------------------------------------------------------------------------------------------


@dataclass
class BoilerplateScores:
    n: int  # boilerplate + substantive items scored
    n_boilerplate: int
    methods: dict[str, dict]  # name -> binary_scores
    borderline: dict[str, int]  # n, called boilerplate by the rules
    unplaced: list[str] = field(default_factory=list)  # labelled statements the analyses leave out (section unknown)


def boilerplate_scores(labels: pd.DataFrame, table: pd.DataFrame) -> BoilerplateScores:
    """The rules as built and the baselines (the held-out evaluation's fixed ones, and everything boilerplate) on
    the items labelled boilerplate or substantive; borderline items are reported apart (how the rules call them)."""
    rows = table.set_index("statement_id")
    placed = labels["statement_id"].isin(rows.index)
    unplaced, labels = list(labels.loc[~placed, "statement_id"]), labels[placed]
    decided = labels[labels["label"] != "borderline"]
    border = labels[labels["label"] == "borderline"]
    feats = rows.loc[decided["statement_id"]].reset_index()
    truth = (decided["label"] == "boilerplate").to_numpy()
    predictions = {"rules as built": feats["is_boilerplate"].to_numpy(dtype=bool), "baseline: everything boilerplate": np.ones(len(truth), dtype=bool)}
    predictions.update({name: np.asarray(rule(feats), dtype=bool) for name, rule in heldout_eval.BOILERPLATE_BASELINES.items()})
    called = rows.loc[border["statement_id"], "is_boilerplate"].to_numpy(dtype=bool)
    return BoilerplateScores(
        len(truth), int(truth.sum()), {name: binary_scores(truth, p) for name, p in predictions.items()},
        {"n": len(border), "called boilerplate": int(called.sum())}, unplaced,
    )


def boilerplate_lines(scores: BoilerplateScores, title: str) -> list[str]:
    out = [f"  {title}: {scores.n} items ({scores.n_boilerplate} boilerplate, {scores.n - scores.n_boilerplate} substantive); "
           f"borderline, not scored: {scores.borderline['n']} (rules call {scores.borderline['called boilerplate']} boilerplate)"
           + (f"; {len(scores.unplaced)} labelled statements not in the boilerplate table (text the parser could not place, "
              f"section unknown: the analyses leave it out), not scored: {', '.join(scores.unplaced)}" if scores.unplaced else "")]
    if scores.n:
        out += [format_scores(name, {k: s[k] for k in ("n", "precision", "recall", "f1", "kappa")}) for name, s in scores.methods.items()]
    return out


# --- initiatives -------------------------------------------------------------------------------------------


@dataclass
class InitiativeScores:
    rules: ini_eval.Scores
    baseline: ini_eval.Scores
    n_mentions: int
    unlocated: int
    not_initiatives: list[str]  # names the annotator typed unit or organisation (not scored as initiatives)
    outside: int  # gold rows whose statement is not in boilerplate_labels.csv (added to the coded statements)


def gold_names(labels: pd.DataFrame) -> tuple[list[ini_eval.Name], pd.DataFrame]:
    """One gold name per distinct name (case, spaces and apostrophes folded; first spelling kept), and the
    mention rows with their canonical name. The annotator writes each name as written: no aliases."""
    canonical: dict[str, str] = {}
    types: dict[str, list[str]] = {}
    for name, kind in zip(labels["name"], labels["type"], strict=True):
        key = canonical.setdefault(ini_eval.fold(name), name)
        types.setdefault(key, []).append(kind)
    names = [ini_eval.Name(n, (), pd.Series(t).value_counts().index[0], (), n) for n, t in types.items()]
    return names, labels.assign(name=labels["name"].map(lambda n: canonical[ini_eval.fold(n)]))


def initiative_scores(labels: pd.DataFrame, coded_ids: list[str], built: dict[str, pd.DataFrame]) -> InitiativeScores:
    """Precision and recall of names (and mentions) as `evaluate.initiatives` defines them, on the coded
    statements: gold = the annotator's initiative names there; predicted = the rules' initiatives named there."""
    statements = built["statements"]
    outside = int((~labels["statement_id"].isin(coded_ids)).sum())
    coded = statements[statements["statement_id"].isin(set(coded_ids) | set(labels["statement_id"]))]
    is_initiative = labels["type"].isin(INITIATIVE_TYPES)
    not_initiatives = list(dict.fromkeys(labels.loc[~is_initiative, "name"]))
    gold, mentions = gold_names(labels[is_initiative])
    spans: list[ini_eval.Span] = []
    unlocated = 0
    by_id = coded.set_index("statement_id")
    for sid, rows in mentions.groupby("statement_id", sort=True):
        one = coded[coded["statement_id"] == sid]
        frame = rows.assign(dept_abbr=by_id.at[sid, "dept_abbr"], section=by_id.at[sid, "section"], surface=rows["name"])
        located, lost = ini_eval.locate_gold_mentions(frame, one)
        spans += located
        unlocated += len(lost)
    ours_init, ours_mentions = edition_eval.restrict(built["initiatives"], built["initiative_mentions"], coded)
    predicted, predicted_spans = ini_eval.extractor_output(ours_init, ours_mentions)
    base_names, base_spans = ini_eval.capitalised_runs(coded)
    return InitiativeScores(
        ini_eval.score(predicted, predicted_spans, gold, spans),
        ini_eval.score(base_names, base_spans, gold, spans, typed=False),
        len(mentions), unlocated, not_initiatives, outside,
    )


def initiative_lines(scores: InitiativeScores) -> list[str]:
    s = scores.rules
    out = [f"  gold: {s.names_exact['n_gold']} names, {scores.n_mentions} mentions ({scores.unlocated} not found in their statement)"
           + (f"; {scores.outside} gold rows on statements not in boilerplate_labels.csv (coded all the same)" if scores.outside else "")]
    if scores.not_initiatives:
        out.append("  named but typed unit or organisation by the annotator (not initiatives, not scored): " + "; ".join(scores.not_initiatives))
    out += ini_eval._lines("  rules (analysis.initiatives), as built", s)
    out += ini_eval._lines("  baseline: every maximal run of capitalised words", scores.baseline)
    out.append("  gold names the rules miss: " + ("; ".join(g.name for g in s.name_misses) or "none"))
    out.append("  predicted names with no gold name: " + ("; ".join(p.name for p in s.name_false_positives) or "none"))
    return out


# --- report ------------------------------------------------------------------------------------------------


def report(processed_dir: Path = paths.PROCESSED, pages_dir: Path | None = None, labels_dir: Path | None = None) -> str:
    """The section of `make evaluate` on pages no rule was written from; one line when the pages are not given.
    `labels_dir`: default data/annotations/unseen-pages/."""
    labels_dir = LABELS if labels_dir is None else Path(labels_dir)
    if pages_dir is None:
        return NOT_GIVEN
    if not Path(pages_dir).is_dir():
        return f"{NOT_GIVEN} ({pages_dir}: no such folder)"
    try:
        pipeline.raw_files(Path(pages_dir))
    except ParseError:
        return f"{NOT_GIVEN} ({pages_dir}: no page files in it)"
    labels = read_labels(labels_dir)
    built, warnings, n_pages = build_tables(Path(pages_dir))
    statements = built["statements"]
    out = [
        f"Pages no rule was written from (pages: {pages_dir}; labels: {labels_dir}; scores.csv corpus \"{CORPUS}\")",
        f"  built with the rules as built (pipeline.build, no reviews, into a temporary folder): {n_pages} page{'s' if n_pages != 1 else ''}, "
        f"{len(statements)} statements, {len(warnings)} build warnings. Nothing is fitted on these labels.",
        *manifest_lines(Path(pages_dir), Path(labels_dir)),
    ]
    if all(frame is None for frame in labels.values()):
        return "\n".join([*out, f"  no labels yet in {labels_dir}: nothing scored"])
    out += overlap_lines(labels, statements, Path(processed_dir))

    if (follow := labels["follow_through_labels.csv"]) is not None:
        out += ["", *follow_through_section(follow, built, Path(processed_dir), labels_dir)]
    coded: list[str] = []
    if (bp := labels["boilerplate_labels.csv"]) is not None:
        lines, coded = boilerplate_section(bp, built)
        out += ["", *lines]
    if (names := labels["initiatives_gold.csv"]) is not None:
        out += ["", *initiative_section(names, coded if bp is not None else None, built)]
    return "\n".join(out)


def coder_agreement(first: pd.DataFrame, second: pd.DataFrame) -> dict[str, float]:
    """The two coders' first choices on the plans both coded (label rows that passed the checks): agreement and
    kappa, the ceiling a method can be expected to reach."""
    both = first.merge(second[["statement_id", "first_choice"]], on="statement_id", suffixes=("", "_second"))
    if both.empty:
        return {"n": 0}
    scores, _ = multiclass_scores(both["first_choice"], both["first_choice_second"], list(EVALUATED_STATUSES))
    return scores


def second_coder_lines(first: pd.DataFrame, labels_dir: Path, statements: pd.DataFrame) -> list[str]:
    second = read_second(labels_dir)
    if second is None:
        return []
    checked = check(second, statements)
    scores = coder_agreement(first, checked.ok)
    if not scores["n"]:
        return [f"  second coder ({SECOND}/): no plan coded by both"]
    return [f"  second coder vs first coder, first choices ({SECOND}/: {len(second)} rows, "
            f"{len(checked.missing) + len(checked.changed)} failing the checks): n={scores['n']}  "
            f"agreement={scores['agreement']:.3f}  kappa={scores['kappa']:.3f}"]


def follow_through_section(follow: pd.DataFrame, built: dict[str, pd.DataFrame], processed_dir: Path, labels_dir: Path) -> list[str]:
    checked = check(follow, built["statements"])
    scores = follow_through_scores(checked.ok, built["follow_through"], seed_baselines(processed_dir))
    if scores.n_scored:
        rules, n = scores.methods["rules as built"], scores.n_scored
        record("follow-through", "agreement with hand coding", CORPUS, rules["strict"], n)
        record("follow-through", "lenient agreement with hand coding", CORPUS, rules["lenient"], n)
        if np.isfinite(rules["kappa"]):  # undefined when hand and rules use one status only
            record("follow-through", "Cohen's kappa", CORPUS, rules["kappa"], n)
    return ["Follow-through, pages no rule was written from (strict: the annotator's first choice; lenient: any status "
            "called defensible)", *checked.lines("labels"), *second_coder_lines(checked.ok, labels_dir, built["statements"]),
            *follow_through_lines(scores, len(follow))]


def boilerplate_section(labels: pd.DataFrame, built: dict[str, pd.DataFrame]) -> tuple[list[str], list[str]]:
    """The boilerplate lines, every section and without the restated 2012 commitments; and the coded statement ids."""
    statements = built["statements"]
    checked = check(labels, statements)
    section = statements.set_index("statement_id").loc[checked.ok["statement_id"], "section"].to_numpy()
    every = boilerplate_scores(checked.ok, built["boilerplate"])
    later = boilerplate_scores(checked.ok[section != RESTATED_SECTION], built["boilerplate"])
    if every.n:
        record("boilerplate", "F1 on boilerplate", CORPUS, every.methods["rules as built"]["f1"], every.n)
    if later.n:
        record("boilerplate", f"F1 on boilerplate, sections other than {RESTATED_SECTION}", CORPUS, later.methods["rules as built"]["f1"], later.n)
    return [
        "Boilerplate vs substantive, pages no rule was written from (positive class = boilerplate)", *checked.lines("labels"),
        *boilerplate_lines(every, "every section"),
        *boilerplate_lines(later, f"sections other than {RESTATED_SECTION}"),
        f"  ({RESTATED_SECTION} sections restate the December 2012 edition, whose actions 1-7 the boilerplate rules were "
        "tuned on: the second figure is the cleaner test)",
    ], list(checked.ok["statement_id"])


def initiative_section(labels: pd.DataFrame, coded: list[str] | None, built: dict[str, pd.DataFrame]) -> list[str]:
    checked = check(labels, built["statements"])
    out = ["Named initiatives, pages no rule was written from (names: exact = name or alias, as evaluate.initiatives)",
           *checked.lines("labels")]
    if coded is None:
        return [*out, "  not scored: the coded statements are those of boilerplate_labels.csv, which is missing"]
    scores = initiative_scores(checked.ok, coded, built)
    exact = scores.rules.names_exact
    if exact["n_pred"]:  # precision of no prediction is undefined: no row rather than a 0
        record("initiatives", "precision of names", CORPUS, exact["precision"], exact["n_pred"])
    if exact["n_gold"]:
        record("initiatives", "recall of names", CORPUS, exact["recall"], exact["n_gold"])
    return [*out, *initiative_lines(scores)]
