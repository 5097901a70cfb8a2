"""Follow-through statuses against the hand labels: the seed page (data/annotations/follow_through_labels.csv)
and, separately, the fragments of five other pages (data/annotations/heldout/follow_through_labels.csv).

Prints, for each: strict agreement (the first coder's status), lenient agreement (the first coder's status
or any status an independent second coder called defensible, data/annotations/follow_through_second/),
agreement between the two coders (the ceiling a method can be expected to reach), Cohen's kappa,
the confusion matrix, agreement by confidence, and two baselines beside the method: thresholds on the
similarity score only, and one constant status. Thresholds are chosen by cross-validation leaving one
group out (`evaluate.cv`), in two splits reported side by side: departments of the seed page, and whole
pages (the seed page and each fragment page one group, their labels pooled). The build's thresholds are
the same rule's choice on every page's labels, so the "as built" figures are in sample for the
thresholds and the leave-one-page-out figures are the held-out ones.

Labels are read here and nowhere else.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from analysis import followthrough, paths, tables
from analysis.evaluate import HELD_OUT, SEED_CROSS_VALIDATED, SEED_IN_SAMPLE, cv, join_labels, multiclass_scores, record
from analysis.vocabulary import EVALUATED_STATUSES

LABELS = paths.ANNOTATIONS / "follow_through_labels.csv"
STATUSES = list(EVALUATED_STATUSES)
LENIENT_COLUMN = "accepted_statuses"  # "|"-separated statuses a coder would also accept
SECOND_CODER = paths.ANNOTATIONS / "follow_through_second"  # plans.csv (what was coded) + labels.csv (the calls)

# Threshold grid of the cross-validation (the constants are on it).
GRID = {
    "match": (0.10, 0.15, 0.20),
    "link": (0.1, 0.2, 0.3, 0.4),
    "novelty": (0.2, 0.3, 0.4, 0.5),
    "repeat": (0.5, 0.6, 0.7),
    "coverage": (0.2, 0.3, 0.4),
}
BASELINE_STEPS = tuple(float(x) for x in np.round(np.arange(0.0, 1.0001, 0.05), 3))
NO_LENIENT = "not measurable: the labels have one status per plan and no accepted-statuses column"
CONFIDENT = followthrough.CONFIDENT  # at or above it a call counts as "confident" (one place: followthrough.summaries)
# Printed under the figures: what the held-out figures do and do not protect against.
IN_SAMPLE_NOTE = [
    "  Read with care. Cross-validation protects the thresholds only. The rules were written while reading the seed page's",
    "  errors, and the four rule changes of issue 11's second session (progress cut off by a truncated page is no evidence;",
    "  a plan saying the department holds or does none of what the action concerns is not_applicable; a generic plan opening",
    "  with a pronoun is matched with the sentence before it; a shared aim verb alone does not relate two statements) were",
    "  made after reading the fragments' disagreements. The first two change no seed status, so only the fragments test",
    "  them, and there they are in sample. Every fragment figure above is therefore partly in sample.",
    "  The third session's changes were written from the codebook's definitions on invented sentences; one of them (delivery",
    "  must name an output of the kind the plan part promises) changes dev statuses, and it was checked against these same",
    "  labels before it was kept, so it too is in sample here (docs/methods.md, \"Third session\").",
]


def similarity_baseline(scores: pd.Series, low: float, high: float) -> pd.Series:
    """Baseline that only thresholds the best similarity score: >= high delivered, >= low partial,
    else not_reported (low == high gives the single-threshold delivered / not_reported baseline)."""
    values = scores.astype("float64").to_numpy()
    out = np.where(values >= high, "delivered", np.where(values >= low, "partial", "not_reported"))
    return pd.Series(out, index=scores.index, dtype="str")


@dataclass
class Labelled:
    """Hand-coded plans joined to a follow_through table (one row each, same order)."""

    labels: pd.DataFrame  # the label rows, with statement_id
    table: pd.DataFrame  # the method's rows for them
    matcher: followthrough.PlanMatcher
    groups: np.ndarray  # page of each plan (source_file), for cross-validation
    unmatched: int

    @property
    def truth(self) -> np.ndarray:
        return self.labels["status"].to_numpy()

    def accepted(self) -> list[set[str]] | None:
        if LENIENT_COLUMN not in self.labels.columns:
            return None
        return [{s.strip() for s in str(a).split("|") if s.strip()} | {t} for a, t in zip(self.labels[LENIENT_COLUMN], self.truth)]


def _labelled(labels: pd.DataFrame, statements: pd.DataFrame, matcher: followthrough.PlanMatcher, join: Callable) -> Labelled:
    joined = join(labels, statements)
    unmatched = int(joined["statement_id"].isna().sum())
    joined = joined[joined["statement_id"].notna()].reset_index(drop=True)
    table = matcher.table(followthrough.DEFAULT_THRESHOLDS).set_index("plan_statement_id").loc[joined["statement_id"]].reset_index()
    pages = joined["source_file"] if "source_file" in joined.columns else statements.set_index("statement_id").loc[joined["statement_id"], "source_file"]
    return Labelled(joined, table, matcher, np.asarray(pages, dtype=object), unmatched)


def read_inputs(processed_dir: Path) -> tuple[pd.DataFrame | None, pd.DataFrame | None, pd.DataFrame | None]:
    """The boilerplate, initiative-mention and initiative tables the build wrote, when it wrote them."""

    def read(name: str) -> pd.DataFrame | None:
        return tables.read(name, processed_dir) if tables.path(name, processed_dir).exists() else None

    return read("boilerplate"), read("initiative_mentions"), read("initiatives")


def second_coder() -> pd.DataFrame | None:
    """The second coder's calls keyed like the first coder's labels (source_file, dept_abbr, plan_section,
    plan_text): `second_status` (first choice) and `accepted_statuses` (every status called defensible)."""
    if not (SECOND_CODER / "labels.csv").exists():
        return None
    plans = pd.read_csv(SECOND_CODER / "plans.csv", dtype=str, keep_default_na=False)
    calls = pd.read_csv(SECOND_CODER / "labels.csv", dtype=str, keep_default_na=False)
    coded = plans.merge(calls, on="plan_row", how="inner", validate="one_to_one")
    return coded.rename(columns={"first_choice": "second_status", "defensible": LENIENT_COLUMN})[
        ["source_file", "dept_abbr", "plan_section", "plan_text", "second_status", LENIENT_COLUMN]
    ]


def with_second_coder(labels: pd.DataFrame, source_file: str | None = None) -> pd.DataFrame:
    """Label rows with the second coder's columns attached (empty where the second coder has no row)."""
    second = second_coder()
    if second is None:
        return labels
    left = labels if "source_file" in labels.columns else labels.assign(source_file=source_file)
    keys = ["source_file", "dept_abbr", "plan_section", "plan_text"]
    merged = left.merge(second.drop_duplicates(keys), on=keys, how="left", validate="many_to_one")
    merged[["second_status", LENIENT_COLUMN]] = merged[["second_status", LENIENT_COLUMN]].fillna("")
    return merged if "source_file" in labels.columns else merged.drop(columns="source_file")


def coder_agreement_lines(data: Labelled) -> list[str]:
    """How far the two coders agree on first choices: the ceiling for the method's strict agreement."""
    if "second_status" not in data.labels.columns:
        return []
    coded = data.labels["second_status"].to_numpy() != ""
    if not coded.any():
        return []
    scores, _ = multiclass_scores(data.truth[coded], data.labels["second_status"].to_numpy()[coded], STATUSES)
    return [f"  second coder vs first coder, first choices: n={scores['n']}  agreement={scores['agreement']:.3f}  kappa={scores['kappa']:.3f}"]


def seed_labelled(processed_dir: Path) -> Labelled:
    statements = tables.read("statements", processed_dir)
    boilerplate, mentions, initiatives = read_inputs(processed_dir)
    matcher = followthrough.PlanMatcher(statements, boilerplate, followthrough.with_types(mentions, initiatives))
    labels = with_second_coder(pd.read_csv(LABELS, dtype=str, keep_default_na=False), paths.SEED_PAGE.name)
    return _labelled(labels, statements, matcher, lambda lab, st: join_labels(lab, st, text_column="plan_text", section_column="plan_section"))


def fragments_labelled() -> Labelled | None:
    from analysis.evaluate import heldout

    labels = heldout.read_labels("follow_through_labels.csv")
    if labels is None:
        return None
    labels = with_second_coder(labels)
    tables = heldout.fragment_tables(sorted(set(labels["source_file"])))
    st = tables["statements"]
    mentions = followthrough.with_types(tables["initiative_mentions"], tables["initiatives"])
    matcher = followthrough.PlanMatcher(st, tables["boilerplate"], mentions, tables["truncated_files"])
    return _labelled(labels, st, matcher, lambda lab, s: heldout.join(lab, s, text="plan_text", section="plan_section"))


# --- cross-validation over groups ------------------------------------------------------------------
def cv_groups(data: Labelled) -> tuple[np.ndarray, str]:
    """Pages when the labels come from two or more pages; otherwise departments within the one page."""
    if len(set(data.groups)) >= 2:
        return data.groups, "pages"
    return data.labels["dept_abbr"].to_numpy(), "departments (the tuning labels come from one page)"


def threshold_grid() -> tuple[list[str], list[tuple], np.ndarray, tuple]:
    """Setting names, every candidate (in grid order), their grid positions, and the settings as built."""
    names = list(GRID)
    default = tuple(getattr(followthrough.DEFAULT_THRESHOLDS, n) for n in names)
    candidates, coords = cv.grid([GRID[n] for n in names])
    return names, candidates, coords, default


def baseline_grid() -> tuple[list[tuple[float, float]], np.ndarray]:
    """(low, high) pairs of the similarity-only baseline, low <= high, and their grid positions."""
    steps = range(len(BASELINE_STEPS))
    positions = [(i, j) for i in steps for j in steps if i <= j]
    return [(BASELINE_STEPS[i], BASELINE_STEPS[j]) for i, j in positions], np.array(positions)


def grid_predictions(data: Labelled, names: list[str], candidates: list[tuple]) -> np.ndarray:
    ids = data.labels["statement_id"]
    return np.array([
        data.matcher.table(followthrough.Thresholds(**dict(zip(names, c)))).set_index("plan_statement_id").loc[ids, "status"].to_numpy()
        for c in candidates
    ])


# --- report -------------------------------------------------------------------------------------------
def _matrix_lines(matrix: pd.DataFrame) -> list[str]:
    return ["    " + line for line in matrix.to_string().splitlines()]


def score_lines(name: str, truth: np.ndarray, predicted, accepted: list[set[str]] | None) -> list[str]:
    scores, matrix = multiclass_scores(truth, predicted, STATUSES)
    lenient = "n/a (no accepted-statuses column)" if accepted is None else f"{np.mean([p in a for p, a in zip(predicted, accepted)]):.3f}"
    return [f"  {name:<46} n={scores['n']}  strict={scores['agreement']:.3f}  lenient={lenient}  kappa={scores['kappa']:.3f}", *_matrix_lines(matrix)]


def record_scores(corpus: str, truth: np.ndarray, predicted) -> None:
    """The headline agreement and kappa for the scores table the report shows."""
    scores, _ = multiclass_scores(truth, predicted, STATUSES)
    record("follow-through", "agreement with hand coding", corpus, scores["agreement"], scores["n"])
    record("follow-through", "Cohen's kappa", corpus, scores["kappa"], scores["n"])


def confidence_lines(data: Labelled) -> list[str]:
    right = data.table["status"].to_numpy() == data.truth
    confident = data.table["confidence"].to_numpy() >= CONFIDENT
    parts = []
    for label, mask in ((f"confidence >= {CONFIDENT}", confident), (f"confidence < {CONFIDENT}", ~confident)):
        parts.append(f"{label}: {int(right[mask].sum())}/{int(mask.sum())}" + (f" = {right[mask].mean():.3f}" if mask.any() else ""))
    return ["  agreement by confidence: " + "; ".join(parts)]


def disagreement_lines(data: Labelled) -> list[str]:
    out = []
    for lab, row in zip(data.labels.itertuples(index=False), data.table.itertuples(index=False)):
        if lab.status == row.status:
            continue
        out += [
            f"    {row.plan_statement_id}: hand {lab.status} -> method {row.status} (confidence {row.confidence:.2f}; {row.status_reason})",
            f"      plan:     {row.plan_text}",
            f"      method's evidence: {row.evidence_text if isinstance(row.evidence_text, str) else '(none)'}",
            f"      hand's evidence:   {lab.evidence_text or '(none)'}",
        ]
    return out


@dataclass
class CrossValidated:
    """Held-out statuses of the method and of the two baselines under one leave-one-group-out split."""

    grouping: str
    held_out: np.ndarray  # the method's held-out statuses
    chosen: dict[str, tuple]  # the method's thresholds chosen in each fold (keyed by the group left out)
    base_held: np.ndarray  # similarity only
    base_chosen: dict[str, tuple[float, float]]
    constant_held: np.ndarray  # one constant status, the commonest in the training folds
    constant_chosen: dict[str, str]


def cross_validated(truth: np.ndarray, predictions: np.ndarray, scores: np.ndarray, groups: np.ndarray, grouping: str) -> CrossValidated:
    """The method (rows of `predictions`: the threshold grid), the similarity-only baseline and the
    constant-status baseline, each chosen on the other groups of every fold by `evaluate.cv`."""
    names, candidates, coords, _ = threshold_grid()
    method = cv.cross_validate(predictions, truth, groups, cv.agreement, coords)
    pairs, pair_coords = baseline_grid()
    base_predictions = np.array([similarity_baseline(pd.Series(scores), lo, hi).to_numpy() for lo, hi in pairs])
    base = cv.cross_validate(base_predictions, truth, groups, cv.agreement, pair_coords)
    constants = np.array([np.full(len(truth), s, dtype=object) for s in STATUSES])
    constant = cv.cross_validate(constants, truth, groups, cv.agreement)
    return CrossValidated(
        grouping, method.held_out, {g: candidates[i] for g, i in method.chosen.items()},
        base.held_out, {g: pairs[i] for g, i in base.chosen.items()},
        constant.held_out, {g: STATUSES[i] for g, i in constant.chosen.items()},
    )


@dataclass
class Tuned:
    """The method's thresholds and the similarity baseline's, chosen on the seed; CV over departments."""

    names: list[str]
    default: tuple  # the method's thresholds as built
    best: tuple  # the method's choice on all seed labels
    base_pair: tuple[float, float]  # the baseline's (low, high) on all seed labels
    by_department: CrossValidated

    @property
    def held_out(self) -> np.ndarray:
        return self.by_department.held_out

    @property
    def chosen(self) -> list[tuple]:
        return list(self.by_department.chosen.values())


def similarity_baseline_choice(data: Labelled) -> tuple[float, float]:
    """The similarity-only baseline's (low, high), chosen on these labels by `evaluate.cv`'s one rule."""
    pairs, pair_coords = baseline_grid()
    base_predictions = np.array([similarity_baseline(data.table["score"], lo, hi).to_numpy() for lo, hi in pairs])
    return pairs[cv.choose(base_predictions, data.truth, cv.agreement, coords=pair_coords)]


def commonest_status(data: Labelled) -> str:
    """The constant-status baseline's status: the commonest in these labels."""
    return pd.Series(data.truth).value_counts().index[0]


def tune(seed: Labelled) -> Tuned:
    names, candidates, coords, default = threshold_grid()
    predictions = grid_predictions(seed, names, candidates)
    groups, grouping = cv_groups(seed)
    best = candidates[cv.choose(predictions, seed.truth, cv.agreement, coords=coords)]
    base_pair = similarity_baseline_choice(seed)
    scores = seed.table["score"].to_numpy()
    return Tuned(names, default, best, base_pair, cross_validated(seed.truth, predictions, scores, groups, grouping))


@dataclass
class Pooled:
    """The seed's and the fragments' labels as one set, grouped by page, for leave-one-page-out CV."""

    truth: np.ndarray
    accepted: list[set[str]] | None
    groups: np.ndarray
    is_seed: np.ndarray
    result: CrossValidated
    best: tuple  # the thresholds the same rule chooses on every page's labels: what the build should use


def leave_one_page_out(seed: Labelled, fragments: Labelled) -> Pooled:
    """Every labelled plan predicted with thresholds chosen on the other pages' labels (the seed page is
    one group, each fragment page another): the split issue 11 asks for, as far as the labels allow."""
    names, candidates, coords, _ = threshold_grid()
    predictions = np.hstack([grid_predictions(seed, names, candidates), grid_predictions(fragments, names, candidates)])
    truth = np.concatenate([seed.truth, fragments.truth])
    groups = np.concatenate([seed.groups, fragments.groups]).astype(str)
    scores = np.concatenate([seed.table["score"].to_numpy(), fragments.table["score"].to_numpy()])
    accepted = None if seed.accepted() is None or fragments.accepted() is None else seed.accepted() + fragments.accepted()
    is_seed = np.arange(len(truth)) < len(seed.truth)
    best = candidates[cv.choose(predictions, truth, cv.agreement, coords=coords)]
    return Pooled(truth, accepted, groups, is_seed, cross_validated(truth, predictions, scores, groups, "pages"), best)


def _page_line(pooled: Pooled, page: str) -> str:
    """One page's held-out agreement, so a change's effect can be read fold by fold."""
    mask = pooled.groups == page
    right = pooled.result.held_out[mask] == pooled.truth[mask]
    text = f"{page}: {int(right.sum())}/{int(mask.sum())}"
    if pooled.accepted is not None:
        ok = sum(p in a for p, a, m in zip(pooled.result.held_out, pooled.accepted, mask) if m)
        text += f" strict, {ok}/{int(mask.sum())} lenient"
    return text


def pooled_lines(pooled: Pooled) -> list[str]:
    r = pooled.result
    default = threshold_grid()[3]
    out = [
        f"Follow-through, leave-one-page-out cross-validation ({len(pooled.truth)} plans of {len(set(pooled.groups))} pages pooled: "
        "the seed page and each fragment page is one group; every page's plans are predicted with thresholds chosen on the other pages)",
        "  thresholds chosen with each page left out: " + "; ".join(f"{g}: {c}" for g, c in r.chosen.items()),
        f"  thresholds chosen on every page's labels: {pooled.best}; as built: {default}"
        + ("" if pooled.best == default else "  <- DIFFERENT: set the constants in followthrough/matching.py to the choice"),
        "  constant chosen with each page left out: " + "; ".join(f"{g}: {c}" for g, c in r.constant_chosen.items()),
        "  each page held out (plans right of n): " + "; ".join(_page_line(pooled, g) for g in dict.fromkeys(pooled.groups)),
    ]
    for name, mask in (("seed page", pooled.is_seed), ("fragments", ~pooled.is_seed)):
        accepted = None if pooled.accepted is None else [a for a, m in zip(pooled.accepted, mask) if m]
        truth = pooled.truth[mask]
        out += [
            f"  {name}, held out by page:",
            *score_lines("method, thresholds chosen on the other pages", truth, r.held_out[mask], accepted),
            *score_lines("baseline: similarity only, same CV", truth, r.base_held[mask], accepted),
            *score_lines("baseline: constant status, same CV", truth, r.constant_held[mask], accepted),
        ]
    return out


def _short(truth: np.ndarray, predicted, accepted: list[set[str]] | None) -> str:
    scores, _ = multiclass_scores(truth, predicted, STATUSES)
    lenient = "  n/a" if accepted is None else f"{np.mean([p in a for p, a in zip(predicted, accepted)]):.3f}"
    return f"{scores['agreement']:.3f} / {lenient} / {scores['kappa']:.3f}"


def side_by_side_lines(seed: Labelled, tuned: Tuned, fragments: Labelled | None, pooled: Pooled | None) -> list[str]:
    """One table of every follow-through figure: strict / lenient / kappa, seed and fragments."""
    rows: list[tuple[str, str, str]] = []
    frag = fragments is not None
    rows.append(("method as built (thresholds chosen on all pages)", _short(seed.truth, seed.table["status"].to_numpy(), seed.accepted()),
                 _short(fragments.truth, fragments.table["status"].to_numpy(), fragments.accepted()) if frag else "-"))
    d = tuned.by_department
    rows.append(("method, CV over seed departments", _short(seed.truth, d.held_out, seed.accepted()), "-"))
    rows.append(("similarity only, CV over seed departments", _short(seed.truth, d.base_held, seed.accepted()), "-"))
    rows.append(("constant status, CV over seed departments", _short(seed.truth, d.constant_held, seed.accepted()), "-"))
    if pooled is not None:
        r, s = pooled.result, pooled.is_seed
        acc = pooled.accepted

        def part(values, mask):
            return _short(pooled.truth[mask], values[mask], None if acc is None else [a for a, m in zip(acc, mask) if m])

        rows.append(("method, leave-one-page-out", part(r.held_out, s), part(r.held_out, ~s)))
        rows.append(("similarity only, leave-one-page-out", part(r.base_held, s), part(r.base_held, ~s)))
        rows.append(("constant status, leave-one-page-out", part(r.constant_held, s), part(r.constant_held, ~s)))
    width = max(len(r[0]) for r in rows)
    n_frag = len(fragments.truth) if frag else 0
    out = [f"Follow-through, side by side: strict / lenient / kappa (seed page n={len(seed.truth)}; fragments n={n_frag})",
           f"  {'':<{width}}  {'seed page':<23}  fragments"]
    out += [f"  {name:<{width}}  {a:<23}  {b}" for name, a, b in rows]
    return out


def seed_lines(seed: Labelled, tuned: Tuned, constant: str) -> list[str]:
    common = pd.Series([str(c) for c in tuned.chosen]).value_counts()
    return [
        f"Follow-through, seed page (data/annotations/follow_through_labels.csv: {len(seed.truth)} plans, "
        f"{seed.labels['dept_abbr'].nunique()} departments; {seed.unmatched} label rows match no statement)",
        "  lenient agreement: " + ("first coder's status or any status the second coder called defensible" if seed.accepted() else NO_LENIENT),
        *coder_agreement_lines(seed),
        *score_lines("method as built (thresholds below)", seed.truth, seed.table["status"].to_numpy(), seed.accepted()),
        *confidence_lines(seed),
        f"  thresholds ({', '.join(tuned.names)}) as built: {tuned.default}; best on all seed labels: {tuned.best}",
        f"  cross-validation over {tuned.by_department.grouping}: {len(tuned.chosen)} folds; most often chosen {common.index[0]} ({common.iloc[0]} folds)",
        *score_lines("method, thresholds chosen on the other folds", seed.truth, tuned.held_out, seed.accepted()),
        *score_lines(f"baseline: similarity only, CV (all seed: {tuned.base_pair})", seed.truth, tuned.by_department.base_held, seed.accepted()),
        *score_lines("baseline: constant status, CV", seed.truth, tuned.by_department.constant_held, seed.accepted()),
        *score_lines(f"baseline: constant status '{constant}' (in sample)", seed.truth, np.full(len(seed.truth), constant), seed.accepted()),
        f"  testable (yes/no) agreement: {(seed.labels['testable'].eq('yes').to_numpy() == seed.table['plan_testable'].to_numpy()).mean():.3f}",
        f"  disagreements ({int((seed.table['status'].to_numpy() != seed.truth).sum())}):",
        *disagreement_lines(seed),
    ]


def fragment_lines(fragments: Labelled, tuned: Tuned, constant: str) -> list[str]:
    frag_base = similarity_baseline(fragments.table["score"], *tuned.base_pair).to_numpy()
    return [
        f"Follow-through, fragments of {len(set(fragments.groups))} other pages (data/annotations/heldout/: "
        f"{len(fragments.truth)} plans; {fragments.unmatched} label rows match no statement; their labels take part in choosing the "
        "built thresholds, so 'as built' is in sample for the thresholds: the held-out figure is leave-one-page-out, below)",
        *coder_agreement_lines(fragments),
        *score_lines("method as built", fragments.truth, fragments.table["status"].to_numpy(), fragments.accepted()),
        *confidence_lines(fragments),
        *score_lines(f"baseline: similarity only {tuned.base_pair} (chosen on the seed)", fragments.truth, frag_base, fragments.accepted()),
        *score_lines(
            f"baseline: constant status '{constant}' (the seed's commonest)", fragments.truth, np.full(len(fragments.truth), constant), fragments.accepted()
        ),
        f"  disagreements ({int((fragments.table['status'].to_numpy() != fragments.truth).sum())}):",
        *disagreement_lines(fragments),
    ]


def report(processed_dir: Path) -> str:
    """The follow-through section of `make evaluate`: the seed (tuned by CV), then the held-out fragments."""
    processed_dir = Path(processed_dir)
    if not (processed_dir / "follow_through.csv").exists() or not (processed_dir / "statements.parquet").exists():
        return "Follow-through: no data/processed/follow_through.csv; run `make data` first"
    seed = seed_labelled(processed_dir)
    tuned = tune(seed)
    constant = commonest_status(seed)
    record_scores(SEED_IN_SAMPLE, seed.truth, seed.table["status"].to_numpy())
    record_scores(SEED_CROSS_VALIDATED, seed.truth, tuned.held_out)
    out = seed_lines(seed, tuned, constant)
    fragments = fragments_labelled()
    pooled = None
    if fragments is not None:
        out += ["", *fragment_lines(fragments, tuned, constant)]
        pooled = leave_one_page_out(seed, fragments)
        record_scores(HELD_OUT, fragments.truth, pooled.result.held_out[~pooled.is_seed])
        out += ["", *pooled_lines(pooled)]
    out += ["", *side_by_side_lines(seed, tuned, fragments, pooled), "", *IN_SAMPLE_NOTE]
    return "\n".join(out)
