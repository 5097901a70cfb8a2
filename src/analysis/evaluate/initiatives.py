"""Named initiatives against the hand-made gold lists (data/annotations/initiatives_gold.csv,
initiative_mentions_gold.csv, initiatives_negatives.csv).

Names: a predicted initiative matches a gold one, one to one, when their canonical names or aliases
are the same string once case, apostrophes and spaces are folded (*exact*), or, *leniently*, when
they share a merge key (`analysis.initiatives.name_key`: articles, plurals, hyphens) or one name's
words contain the other's. Mentions: gold mentions are located in the statements of their department
and section (case-sensitive, at word boundaries, longer names first); a predicted span matches when
it has the same statement and offsets (*exact*) or overlaps (*lenient*). Only rows typed as
initiatives count as predictions: organisations and units are reported separately.

Baselines on the same scoring: every maximal run of capitalised words (no model), and spaCy's
`en_core_web_sm` entities (ORG, EVENT, PRODUCT, WORK_OF_ART, LAW) when that pipeline is installed.

What is in sample: every figure on the seed page and the 2012 edition, for the rules and word lists were
written or revised while reading them. What is cross-validated: the extractor's `Settings` (the choices a
label can judge), chosen by `evaluate.cv` leaving out each 2012 action and the seed page in turn
(`cross_validated_lines`). What is held out: the fragments of other pages (`evaluate.heldout`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np
import pandas as pd

from analysis import paths, tables
from analysis.evaluate import (
    EDITION_2012_CROSS_VALIDATED,
    SEED_CROSS_VALIDATED,
    SEED_IN_SAMPLE,
    cv,
    format_scores,
    norm_text,
    record,
)
from analysis.initiatives import LIST_SEPARATOR, SETTINGS, Settings, extract, name_key, split_list
from analysis.vocabulary import INITIATIVE_TYPES

NER_MODEL = "en_core_web_sm"
NER_LABELS = ("ORG", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW")


# ---------------------------------------------------------------------------------------------------
# Inputs
# ---------------------------------------------------------------------------------------------------


@dataclass
class Name:
    """A name to match: canonical form, every alias, type and departments (gold or predicted)."""

    name: str
    aliases: tuple[str, ...] = ()
    type: str | None = None
    departments: tuple[str, ...] = ()
    key: str = ""  # predicted initiative_id, or the gold name

    @property
    def forms(self) -> tuple[str, ...]:
        return (self.name, *[a for a in self.aliases if a != self.name])


@dataclass(frozen=True)
class Span:
    statement_id: str
    start: int
    end: int
    name: str  # gold name, or predicted initiative key
    surface: str = ""


def load_gold(annotations: Path = paths.ANNOTATIONS) -> tuple[list[Name], pd.DataFrame, pd.DataFrame]:
    """Gold names, gold mentions and the negatives list, as written by the annotator."""
    names = pd.read_csv(annotations / "initiatives_gold.csv", dtype=str, keep_default_na=False)
    mentions = pd.read_csv(annotations / "initiative_mentions_gold.csv", dtype=str, keep_default_na=False)
    negatives = pd.read_csv(annotations / "initiatives_negatives.csv", dtype=str, keep_default_na=False)
    gold = [
        Name(r.name, tuple(a.strip() for a in r.aliases.split("|") if a.strip()), r.type,
             tuple(d.strip() for d in r.departments.split("|") if d.strip()), r.name)
        for r in names.itertuples(index=False)
    ]
    return gold, mentions, negatives


def predicted_names(initiatives: pd.DataFrame) -> list[Name]:
    rows = initiatives[initiatives["type"].isin(INITIATIVE_TYPES)]
    return [
        Name(r.name, tuple(split_list(r.aliases)), r.type, tuple(split_list(r.departments)), r.initiative_id)
        for r in rows.itertuples(index=False)
    ]


def locate_gold_mentions(gold_mentions: pd.DataFrame, statements: pd.DataFrame) -> tuple[list[Span], list[dict]]:
    """Character spans of the gold mentions. Each (department, section, surface) row takes the next
    unclaimed occurrence of the surface in that section's statements, longer surfaces first, so that
    "Sprint DWP" is not found inside "Sprint DWP: Security". Rows that cannot be found are returned."""
    located: list[Span] = []
    missing: list[dict] = []
    claimed: dict[str, list[tuple[int, int]]] = {}
    texts = statements.assign(_norm=statements["text"].map(norm_text))
    rows = sorted(gold_mentions.to_dict("records"), key=lambda r: (-len(r["surface"]), r["dept_abbr"], r["section"], r["surface"]))
    for r in rows:
        surface = norm_text(r["surface"])
        pattern = re.compile(rf"(?<!\w){re.escape(surface)}(?!\w)")
        section = texts[(texts["dept_abbr"] == r["dept_abbr"]) & (texts["section"] == r["section"])]
        hit = None
        for sid, text in zip(section["statement_id"], section["_norm"], strict=True):
            for m in pattern.finditer(text):
                if not any(m.start() < e and s < m.end() for s, e in claimed.get(sid, [])):
                    hit = Span(sid, m.start(), m.end(), r["name"], r["surface"])
                    break
            if hit:
                break
        if hit is None:
            missing.append(r)
            continue
        claimed.setdefault(hit.statement_id, []).append((hit.start, hit.end))
        located.append(hit)
    return sorted(located, key=lambda s: (s.statement_id, s.start)), missing


# ---------------------------------------------------------------------------------------------------
# Matching
# ---------------------------------------------------------------------------------------------------


def fold(text: str) -> str:
    """Exact-match form: apostrophes and spaces folded, case folded."""
    return norm_text(text).casefold()


def _contains(a: str, b: str) -> bool:
    """Whether b's words appear, in order and contiguous, in a's (both merge keys)."""
    aw, bw = a.split(), b.split()
    return bool(bw) and any(aw[i : i + len(bw)] == bw for i in range(len(aw) - len(bw) + 1))


def match_tier(pred: Name, gold: Name) -> int | None:
    """1-3 exact (canonical = canonical; canonical = an alias; alias = alias), 4-5 lenient (same merge
    key; one name's words inside the other's), None no match."""
    if fold(pred.name) == fold(gold.name):
        return 1
    pred_forms, gold_forms = {fold(f) for f in pred.forms}, {fold(f) for f in gold.forms}
    if fold(pred.name) in gold_forms or fold(gold.name) in pred_forms:
        return 2
    if pred_forms & gold_forms:
        return 3
    pred_keys, gold_keys = {name_key(f) for f in pred.forms}, {name_key(f) for f in gold.forms}
    if pred_keys & gold_keys:
        return 4
    if _contains(name_key(pred.name), name_key(gold.name)) or _contains(name_key(gold.name), name_key(pred.name)):
        return 5
    return None


def match_names(predicted: list[Name], gold: list[Name], max_tier: int) -> list[tuple[Name, Name, int]]:
    """One-to-one matches, best tier first, then in gold order, then predicted order."""
    candidates = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(predicted):
            tier = match_tier(p, g)
            if tier is not None and tier <= max_tier:
                candidates.append((tier, gi, pi))
    used_g, used_p, out = set(), set(), []
    for tier, gi, pi in sorted(candidates):
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        out.append((predicted[pi], gold[gi], tier))
    return out


def prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"n_pred": n_pred, "n_gold": n_gold, "tp": tp, "precision": p, "recall": r, "f1": f}


def match_spans(predicted: list[Span], gold: list[Span], lenient: bool) -> list[tuple[Span, Span]]:
    """One-to-one span matches: same statement and offsets, or (lenient) overlapping; exact first."""
    by_statement: dict[str, list[Span]] = {}
    for p in predicted:
        by_statement.setdefault(p.statement_id, []).append(p)
    used: set[Span] = set()
    pairs: list[tuple[Span, Span]] = []
    remaining = []
    for g in gold:
        exact = next((p for p in by_statement.get(g.statement_id, []) if p not in used and (p.start, p.end) == (g.start, g.end)), None)
        if exact is not None:
            used.add(exact)
            pairs.append((exact, g))
        else:
            remaining.append(g)
    if lenient:
        for g in remaining:
            hit = next((p for p in by_statement.get(g.statement_id, []) if p not in used and p.start < g.end and g.start < p.end), None)
            if hit is not None:
                used.add(hit)
                pairs.append((hit, g))
    return pairs


@dataclass
class Scores:
    names_exact: dict
    names_lenient: dict
    mentions_exact: dict
    mentions_lenient: dict
    type_agreement: dict | None
    linking: dict | None
    name_pairs: list = field(default_factory=list)
    name_misses: list = field(default_factory=list)
    name_false_positives: list = field(default_factory=list)
    mention_misses: list = field(default_factory=list)
    mention_false_positives: list = field(default_factory=list)


def score(predicted: list[Name], predicted_spans: list[Span], gold: list[Name], gold_spans: list[Span], typed: bool = True) -> Scores:
    """Every score of one method against the gold lists."""
    exact = match_names(predicted, gold, 3)
    lenient = match_names(predicted, gold, 5)
    type_agreement = None
    if typed:
        agree = sum(p.type == g.type for p, g, _ in lenient)
        type_agreement = {"n": len(lenient), "agreement": agree / len(lenient) if lenient else 0.0}
    span_exact = match_spans(predicted_spans, gold_spans, lenient=False)
    span_lenient = match_spans(predicted_spans, gold_spans, lenient=True)
    gold_of_pred = {p.key: g.key for p, g, _ in lenient}
    linked = sum(gold_of_pred.get(p.name) == g.name for p, g in span_lenient)
    matched_gold = {g.key for _, g, _ in lenient}
    matched_pred = {p.key for p, _, _ in lenient}
    exact_gold = {g for _, g in span_exact}
    exact_pred = {p for p, _ in span_exact}
    return Scores(
        names_exact=prf(len(exact), len(predicted), len(gold)),
        names_lenient=prf(len(lenient), len(predicted), len(gold)),
        mentions_exact=prf(len(span_exact), len(predicted_spans), len(gold_spans)),
        mentions_lenient=prf(len(span_lenient), len(predicted_spans), len(gold_spans)),
        type_agreement=type_agreement,
        linking={"n": len(span_lenient), "agreement": linked / len(span_lenient) if span_lenient else 0.0},
        name_pairs=[(p, g, t) for p, g, t in lenient],
        name_misses=[g for g in gold if g.key not in matched_gold],
        name_false_positives=[p for p in predicted if p.key not in matched_pred],
        mention_misses=[g for g in gold_spans if g not in exact_gold],
        mention_false_positives=[p for p in predicted_spans if p not in exact_pred],
    )


# ---------------------------------------------------------------------------------------------------
# Methods: the extractor's tables and the two baselines
# ---------------------------------------------------------------------------------------------------


def extractor_output(initiatives: pd.DataFrame, mentions: pd.DataFrame) -> tuple[list[Name], list[Span]]:
    names = predicted_names(initiatives)
    keep = {n.key for n in names}
    spans = [
        Span(r.statement_id, int(r.char_start), int(r.char_end), r.initiative_id, r.surface)
        for r in mentions.itertuples(index=False)
        if r.initiative_id in keep
    ]
    return names, spans


def _spans_to_names(spans: list[Span]) -> list[Name]:
    """Distinct names of a baseline (merged on the folded surface), each span pointing to its name."""
    names: dict[str, Name] = {}
    for s in spans:
        names.setdefault(fold(s.surface), Name(s.surface, (), None, (), fold(s.surface)))
    return list(names.values())


def capitalised_runs(statements: pd.DataFrame) -> tuple[list[Name], list[Span]]:
    """Model-free baseline: every maximal run of capitalised words (numbers may continue a run),
    except a single word that starts its statement; no connectors, no gazetteer, no types."""
    spans: list[Span] = []
    token = re.compile(r"[A-Za-z0-9](?:[\w&'\u2019\-]|\.(?=\w))*")
    for sid, text in zip(statements["statement_id"], statements["text"], strict=True):
        run: list[re.Match] = []

        def close(run=run, sid=sid, text=text):
            if run and not (len(run) == 1 and run[0].start() == 0):
                spans.append(Span(sid, run[0].start(), run[-1].end(), "", text[run[0].start() : run[-1].end()]))
            run.clear()

        for m in token.finditer(text):
            word = m.group(0)
            gap = text[run[-1].end() : m.start()] if run else ""
            joins = run and gap.strip() == ""
            if word[:1].isupper() or (word[:1].isdigit() and joins):
                if run and not joins:
                    close()
                run.append(m)
            else:
                close()
        close()
    spans = [Span(s.statement_id, s.start, s.end, fold(s.surface), s.surface) for s in spans]
    return _spans_to_names(spans), spans


def ner_available(model: str = NER_MODEL) -> bool:
    import spacy

    return bool(spacy.util.is_package(model))


def statistical_ner(statements: pd.DataFrame, model: str = NER_MODEL) -> tuple[list[Name], list[Span]]:
    """Baseline: a trained spaCy pipeline's ORG, EVENT, PRODUCT, WORK_OF_ART and LAW entities
    (leading "the" dropped), typed by label: EVENT event, PRODUCT tool/product, LAW and WORK_OF_ART
    standard/guidance, ORG organisation."""
    import spacy

    nlp = spacy.load(model)
    spans: list[Span] = []
    for sid, doc in zip(statements["statement_id"], nlp.pipe(statements["text"].tolist()), strict=True):
        for ent in doc.ents:
            if ent.label_ not in NER_LABELS:
                continue
            start = ent.start_char + (4 if ent.text.lower().startswith("the ") else 0)
            spans.append(Span(sid, start, ent.end_char, "", doc.text[start : ent.end_char]))
    spans = [Span(s.statement_id, s.start, s.end, fold(s.surface), s.surface) for s in spans]
    return _spans_to_names(spans), spans


# ---------------------------------------------------------------------------------------------------
# Report
# ---------------------------------------------------------------------------------------------------


def _lines(title: str, s: Scores) -> list[str]:
    out = [
        title,
        format_scores("names, exact (name or alias)", s.names_exact),
        format_scores("names, lenient (merge key or overlap)", s.names_lenient),
        format_scores("mentions, exact span", s.mentions_exact),
        format_scores("mentions, overlapping span", s.mentions_lenient),
    ]
    if s.type_agreement is not None:
        out.append(format_scores("type of matched names", s.type_agreement))
    return out


def _listing(items: Iterable[str], empty: str = "none") -> list[str]:
    items = list(items)
    return [f"    - {i}" for i in items] if items else [f"    {empty}"]


def negatives_as_initiatives(predicted: list[Name], negatives: pd.DataFrame) -> list[str]:
    """Negatives (departments, organisations, units, places, near-misses) that came out as initiatives."""
    keys = {fold(f): p for p in predicted for f in p.forms}
    return [f"{r.name} ({r.type}) -> {keys[fold(r.name)].name}" for r in negatives.itertuples(index=False) if fold(r.name) in keys]


def non_initiatives_agreement(initiatives: pd.DataFrame, negatives: pd.DataFrame) -> tuple[int, int, list[str]]:
    """Of the negatives typed organisation or unit by the annotator and found by the extractor as a
    name, how many got the same type; and the disagreements."""
    rows = initiatives.to_dict("records")
    forms = {fold(f): r for r in rows for f in [r["name"], *split_list(r["aliases"])]}
    found, agree, disagree = 0, 0, []
    for r in negatives.itertuples(index=False):
        if r.type not in {"organisation", "unit"} or fold(r.name) not in forms:
            continue
        found += 1
        predicted = forms[fold(r.name)]["type"]
        if predicted == r.type:
            agree += 1
        else:
            disagree.append(f"{r.name}: annotator {r.type}, extractor {predicted}")
    return found, agree, disagree


def report(processed_dir: Path) -> str:
    processed_dir = Path(processed_dir)
    statements = tables.read("statements", processed_dir)
    every_statement = statements
    initiatives = tables.read("initiatives", processed_dir)
    mentions = tables.read("initiative_mentions", processed_dir)
    if "edition" in statements.columns:  # these gold lists are about the GOV.UK pages; the 2012 edition has its own
        statements = statements[statements["edition"] != 2012]
    mentions = mentions[mentions["statement_id"].isin(set(statements["statement_id"]))]
    initiatives = initiatives[initiatives["initiative_id"].isin(set(mentions["initiative_id"]))]
    gold, gold_mentions, negatives = load_gold()
    gold_spans, unlocated = locate_gold_mentions(gold_mentions, statements)

    names, spans = extractor_output(initiatives, mentions)
    ours = score(names, spans, gold, gold_spans)
    record("initiatives", "precision of names", SEED_IN_SAMPLE, ours.names_exact["precision"], ours.names_exact["n_pred"])
    record("initiatives", "recall of names", SEED_IN_SAMPLE, ours.names_exact["recall"], ours.names_exact["n_gold"])
    out = [
        "Named initiatives, seed page (data/annotations/initiatives_gold.csv, initiative_mentions_gold.csv): IN SAMPLE, the rules "
        "and word lists were written with this page in view",
        f"  gold: {len(gold)} names, {len(gold_mentions)} mentions ({len(gold_spans)} located in the statements); "
        "predictions: rows typed as initiatives only",
        "",
        *_lines("Rules (analysis.initiatives)", ours),
        format_scores("mentions linked to the right name", ours.linking),
        "",
    ]
    base_names, base_spans = capitalised_runs(statements)
    out += _lines("Baseline: every maximal run of capitalised words (no model)", score(base_names, base_spans, gold, gold_spans, typed=False))
    out.append("")
    if ner_available():
        ner_names, ner_spans = statistical_ner(statements)
        out += _lines(f"Baseline: statistical NER ({NER_MODEL}: {', '.join(NER_LABELS)})", score(ner_names, ner_spans, gold, gold_spans, typed=False))
    else:
        out.append(f"Baseline: statistical NER unavailable: spacy.util.is_package({NER_MODEL!r}) is false (no trained pipeline installed)")
    out += ["", "Rules, item by item"]

    out.append("  gold names the rules miss (no lenient match):")
    out += _listing(f"{g.name} ({g.type})" for g in ours.name_misses)
    out.append("  predicted initiatives with no gold name (false positives):")
    out += _listing(f"{p.name} ({p.type}; {LIST_SEPARATOR.join(p.departments)})" for p in ours.name_false_positives)
    lenient_only = [(p, g) for p, g, t in ours.name_pairs if t > 3]
    out.append("  names matched only leniently:")
    out += _listing(f"{p.name!r} ~ gold {g.name!r}" for p, g in lenient_only)
    mistyped = [(p, g) for p, g, _ in ours.name_pairs if p.type != g.type]
    out.append("  matched names with another type than the gold's:")
    out += _listing(f"{p.name}: {p.type} (gold {g.type})" for p, g in mistyped)
    out.append("  gold mentions without an exact predicted span:")
    out += _listing(f"{g.statement_id} [{g.start}:{g.end}] {g.surface!r}" for g in ours.mention_misses)
    out.append("  predicted mentions without an exact gold span:")
    out += _listing(f"{p.statement_id} [{p.start}:{p.end}] {p.surface!r}" for p in ours.mention_false_positives)
    if unlocated:
        out.append("  gold mentions not found in the statements (not scored):")
        out += _listing(f"{r['dept_abbr']} {r['section']} {r['surface']!r}" for r in unlocated)
    out.append("  negatives (initiatives_negatives.csv) output as initiatives:")
    out += _listing(negatives_as_initiatives(names, negatives))
    found, agree, disagree = non_initiatives_agreement(initiatives, negatives)
    n_units = int((initiatives["type"] == "unit").sum())
    n_orgs = int((initiatives["type"] == "organisation").sum())
    out.append(
        f"  non-initiatives typed: {n_orgs} organisations, {n_units} units; of the {found} annotated organisations/units "
        f"the extractor names, {agree} have the annotator's type"
    )
    out += _listing(disagree, empty="") if disagree else []
    if "edition" in every_statement.columns:
        out += ["", *cross_validated_lines(every_statement)]
    return "\n".join(out)


# ---------------------------------------------------------------------------------------------------
# Settings chosen leaving one action or page out
# ---------------------------------------------------------------------------------------------------

#: The extractor's settings a label can judge (`analysis.initiatives.Settings`) and the values tried.
SETTINGS_GRID: dict[str, tuple] = {"ordinary_margin": (0.5, 2.0, 8.0), "shared_by": (1, 2, 3)}
SEED_GROUP = "seed page"


def settings_candidates() -> list[Settings]:
    """Every combination of `SETTINGS_GRID`, as Settings."""
    values, _ = cv.grid(list(SETTINGS_GRID.values()))
    return [replace(SETTINGS, **dict(zip(SETTINGS_GRID, v, strict=True))) for v in values]


def settings_coords() -> np.ndarray:
    """Grid positions of `settings_candidates`, for the plateau-centre tie-break."""
    return cv.grid(list(SETTINGS_GRID.values()))[1]


@dataclass
class Groups:
    """The labelled groups of names: each 2012 action and the seed page, with their statements and gold names."""

    statements: dict[str, pd.DataFrame]
    gold: dict[str, list[Name]]


def labelled_groups(statements: pd.DataFrame) -> Groups:
    """Gold names by group: the 2012 edition's names under every action that names them, the seed page's
    names under the seed page. A name named in two actions is one item in each (names per action)."""
    from analysis.evaluate import edition2012

    edition = statements["edition"] == edition2012.EDITION
    groups = Groups({SEED_GROUP: statements[~edition]}, {SEED_GROUP: load_gold()[0]})
    names = edition2012.read("initiatives_gold.csv")
    if names is None:
        return groups
    gold_2012 = edition2012.gold_names(names)
    actions = [{a.strip() for a in str(r).split("|") if a.strip()} for r in names["actions"]]
    for action in sorted({a for acts in actions for a in acts}, key=int):
        key = f"action {action}"
        groups.statements[key] = statements[edition & (statements["action"].astype("str") == action)]
        groups.gold[key] = [g for g, acts in zip(gold_2012, actions, strict=True) if action in acts]
    return groups


def group_items(groups: Groups, tables: list[tuple[pd.DataFrame, pd.DataFrame]]) -> tuple[np.ndarray, np.ndarray, np.ndarray, list[tuple[str, str]]]:
    """(predictions: candidate x item, truth, group of each item, items) for the names of every group.
    Items are the gold names of each group (true) and every name some candidate predicts there that
    matches no gold name (false); a candidate predicts a gold item when one of its names matches it exactly."""
    hits: list[dict[tuple[str, str], bool]] = []
    items: dict[tuple[str, str], bool] = {}
    for group, gold in groups.gold.items():
        for g in gold:
            items[(group, "gold: " + g.key)] = True
    for initiatives, mentions in tables:
        predicted: dict[tuple[str, str], bool] = {}
        for group, gold in groups.gold.items():
            subset = groups.statements[group]
            in_group = mentions[mentions["statement_id"].isin(set(subset["statement_id"]))]
            names, _ = extractor_output(initiatives[initiatives["initiative_id"].isin(set(in_group["initiative_id"]))], in_group)
            matched = match_names(names, gold, 3)
            predicted.update({(group, "gold: " + g.key): True for _, g, _ in matched})
            found = {p.key for p, _, _ in matched}
            for p in names:
                if p.key not in found:
                    predicted[(group, "predicted: " + fold(p.name))] = True
                    items.setdefault((group, "predicted: " + fold(p.name)), False)
        hits.append(predicted)
    keys = list(items)
    predictions = np.array([[h.get(k, False) for k in keys] for h in hits], dtype=bool)
    return predictions, np.array([items[k] for k in keys]), np.array([k[0] for k in keys]), keys


def names_prf(truth: np.ndarray, predicted: np.ndarray) -> dict[str, float]:
    return prf(int((truth & predicted).sum()), int(predicted.sum()), int(truth.sum()))


def cross_validated_lines(statements: pd.DataFrame) -> list[str]:
    """Names per group with the extractor's settings as built and chosen leaving one action or page out
    (`evaluate.cv`: best F1 of names, its one tie-break rule); records the held-out figures."""
    groups = labelled_groups(statements)
    candidates = settings_candidates()
    tables = [extract(statements, settings=c) for c in candidates]
    if SETTINGS not in candidates:  # the settings as built are scored on the same items, even when off the grid
        tables.append(extract(statements))
    predictions, truth, item_groups, _ = group_items(groups, tables)
    built = predictions[candidates.index(SETTINGS) if SETTINGS in candidates else -1]
    predictions = predictions[: len(candidates)]
    coords = settings_coords()
    result = cv.cross_validate(predictions, truth, item_groups, cv.f1_then_accuracy, coords)
    best = candidates[cv.choose(predictions, truth, cv.f1_then_accuracy, coords=coords)]
    is_seed = item_groups == SEED_GROUP
    out = [
        "Named initiatives: settings chosen leaving one action or page out (analysis.evaluate.cv)",
        f"  groups: {', '.join(groups.gold)}; items: each group's gold names ({int(truth.sum())}) and the names any setting "
        f"predicts there that match none ({int((~truth).sum())}); a name of two actions is an item of each",
        f"  settings tried: {_describe_grid()}; as built: {_describe(SETTINGS)}",
    ]
    for label, mask, held_out in (
        ("2012 edition, names per action", ~is_seed, EDITION_2012_CROSS_VALIDATED),
        ("seed page", is_seed, SEED_CROSS_VALIDATED),
    ):
        as_built = names_prf(truth[mask], built[mask])
        held = names_prf(truth[mask], result.held_out[mask])
        out.append(format_scores(f"{label}, as built (in sample)", as_built))
        out.append(format_scores(f"{label}, held out (settings chosen without it)", held))
        record("initiatives", "precision of names", held_out, held["precision"], held["n_pred"])
        record("initiatives", "recall of names", held_out, held["recall"], held["n_gold"])
    sensitivity = [names_prf(truth, p)["f1"] for p in predictions]
    out.append("  F1 of names, all groups, by setting: " + "; ".join(f"{_describe(c)}: {f:.3f}" for c, f in zip(candidates, sensitivity, strict=True)))
    chosen = pd.Series([_describe(candidates[i]) for i in result.chosen.values()]).value_counts()
    out.append(f"  settings chosen across the {len(result.chosen)} folds: " + "; ".join(f"{n}x {s}" for s, n in chosen.items()))
    out.append(f"  CV choice on all groups: {_describe(best)}")
    if best != SETTINGS:
        out.append("  WARNING: SETTINGS in analysis.initiatives differ from the CV choice above")
    out.append(
        "  The word lists (head nouns, roles, governance words, list nouns, nouns of change) are not cross-validated: they "
        "were written from the codebook and revised while reading the seed page's and the 2012 edition's misses, so the "
        "seed and 2012 figures are in sample for them; the fragments of other pages are the held-out test."
    )
    return out


def _describe(settings: Settings) -> str:
    return ", ".join(f"{k}={getattr(settings, k)}" for k in SETTINGS_GRID)


def _describe_grid() -> str:
    return "; ".join(f"{k} in {list(v)}" for k, v in SETTINGS_GRID.items())
