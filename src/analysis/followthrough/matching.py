"""Matching plans to progress statements and deciding each plan's status, with its evidence and a
confidence.

`PlanMatcher` computes, once per build, everything that does not depend on a threshold: features of
every statement and of every plan part (one batch of the spaCy pipeline), TF-IDF vectors (one
vocabulary and IDF per department and action, every text weighted once), and for each plan part and each
statement of the paired progress section: cosine, coverage of the part's deliverable terms, shared names,
and the *novelty* of the statement relative to the plan (the IDF-weighted share of its content lemmas the
plan does not have, and the names, numbers and dates it adds). `table(thresholds)` then decides the
statuses; evaluation calls it on a grid of thresholds without recomputing the text.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import repeat

import numpy as np
import pandas as pd

from analysis import periods, schemas
from analysis.followthrough import text_features as ft
from analysis.followthrough.text_features import FRAME_LEMMAS, Features, MentionSpan
from analysis.vocabulary import FOLLOW_THROUGH_STATUSES, NOT_INITIATIVE_TYPES

STATUSES = list(FOLLOW_THROUGH_STATUSES)

# --- thresholds (named, documented; chosen by cross-validation: docs/methods.md) -------------------
# The values are what `evaluate.cv.choose` picks on all hand-coded plans of all labelled pages pooled
# (the seed page and five fragment pages), the rule whose held-out score `make evaluate` reports by
# leaving one page out at a time (evaluate/followthrough.py checks the two agree).
# A progress statement relates to a plan part when their TF-IDF cosine reaches MATCH_THRESHOLD and they
# share a word other than a general aim verb (or they share a name). Weak evidence (liaison,
# continuation, plans) that adds no name, number or date must also cover LINK_THRESHOLD of the part's
# deliverable terms, else it is about something else.
MATCH_THRESHOLD = 0.1
LINK_THRESHOLD = 0.3
# A related statement only restates the plan (echo) when it adds no name, number or date and less than
# NOVELTY_THRESHOLD of its content (IDF-weighted lemmas, tense and auxiliaries normalised) is new.
NOVELTY_THRESHOLD = 0.4
# A progress statement repeats the department's earlier progress when their cosine reaches
# REPEAT_THRESHOLD and it adds nothing specific (fallback when no boilerplate table is given).
REPEAT_THRESHOLD = 0.6
# Concrete evidence delivers a part when it covers COVERAGE_THRESHOLD of the part's deliverable terms
# (IDF-weighted), or shares a named initiative with it; below that it is partial evidence.
COVERAGE_THRESHOLD = 0.2
# Confidence: the margin from the deciding threshold, reaching full confidence at this distance.
CONFIDENCE_SCALE = 0.25
# At most this many statements are quoted as the evidence of one plan (highest similarity first).
EVIDENCE_LIMIT = 5


@dataclass(frozen=True)
class Thresholds:
    """The tunable cut-offs together, so evaluation can cross-validate them; defaults are the constants."""

    match: float = MATCH_THRESHOLD
    link: float = LINK_THRESHOLD
    novelty: float = NOVELTY_THRESHOLD
    repeat: float = REPEAT_THRESHOLD
    coverage: float = COVERAGE_THRESHOLD


DEFAULT_THRESHOLDS = Thresholds()


@dataclass
class Candidate:
    """One progress statement as a candidate for one plan part: the threshold-free facts."""

    index: int  # row of the statement in the statements table
    sim: float  # cosine with the part
    whole_sim: float  # cosine with the whole plan
    coverage: float  # share of the part's deliverable terms it has
    novelty: float  # share of its own content terms the plan lacks
    new_specifics: list[str]  # names, numbers, dates the plan lacks
    new_terms: list[str]
    terms: list[str]  # content terms shared with the part
    names: list[str]  # names shared with the part
    undone: bool = False  # a clause of it says that something of the part was not done, or was put off
    object_met: bool = True  # names an output of the kind the part's object is (or the part names no output)


@dataclass
class Evidence:
    """A related statement as evidence for a part, with what kind of evidence it is."""

    candidate: Candidate
    kind: str  # concrete, weak, repeat, vague, echo, template


@dataclass
class Plan:
    """One plan statement: its row of facts, and its parts' candidates (or a status fixed without matching)."""

    row: dict
    testable: bool
    index: int  # row of the plan statement in the statements table
    candidates: list[int]  # rows of the paired progress section's statements
    section_wide: bool = False
    fixed_status: str | None = None  # not_applicable / pending / not_reported without candidates
    fixed_reason: str = ""
    specifics: frozenset[str] = frozenset()
    parts: list[list[Candidate]] = field(default_factory=list)
    repeat_sim: dict[int, float] = field(default_factory=dict)  # progress row -> cosine with earlier progress


@dataclass
class PartOutcome:
    """What the evidence says about one part of a plan."""

    outcome: str  # delivered, weak, echo, negated, none
    evidence: list[Evidence]
    margin: float  # distance of the deciding quantity from its threshold


def with_types(mentions: pd.DataFrame | None, initiatives: pd.DataFrame | None) -> pd.DataFrame | None:
    """The mentions with each initiative's type attached (when the initiatives table gives one)."""
    if mentions is None or initiatives is None or "type" in mentions.columns or "type" not in initiatives.columns:
        return mentions
    return mentions.merge(initiatives[["initiative_id", "type"]].drop_duplicates("initiative_id"), on="initiative_id", how="left")


def _mention_spans(mentions: pd.DataFrame | None) -> dict[str, list[MentionSpan]] | None:
    if mentions is None:
        return None
    out: dict[str, list[MentionSpan]] = {}
    types = mentions["type"] if "type" in mentions.columns else [""] * len(mentions)
    for sid, iid, start, end, kind in zip(mentions["statement_id"], mentions["initiative_id"], mentions["char_start"], mentions["char_end"], types):
        span = MentionSpan(str(iid).replace("-", " "), int(start), int(end), str(kind) in NOT_INITIATIVE_TYPES)
        out.setdefault(str(sid), []).append(span)
    return out


class TfIdf:
    """TF-IDF weights as scikit-learn's TfidfVectorizer computes them (smooth IDF, raw counts, l2 norm),
    for one department and action, on lemma lists. Vectors are dictionaries: the texts are short, so a
    cosine is a walk over the smaller one, with no per-plan matrix to build."""

    def __init__(self, docs: list[list[str]]):
        n = len(docs)
        df = Counter(t for d in docs for t in set(d))
        self.idf = {t: math.log((1 + n) / (1 + c)) + 1.0 for t, c in df.items()}

    def vector(self, terms: list[str]) -> dict[str, float]:
        """Terms outside the group's vocabulary are ignored (as `transform` ignores them)."""
        weights = {t: c * self.idf[t] for t, c in Counter(terms).items() if t in self.idf}
        norm = math.sqrt(sum(w * w for w in weights.values()))
        return {t: w / norm for t, w in weights.items()} if norm else {}


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(b) < len(a):
        a, b = b, a
    return sum(w * b[t] for t, w in a.items() if t in b)


@dataclass
class _PartText:
    """A plan part waiting for its features (computed for all plans in one batch)."""

    plan: int
    text: str
    cover_text: str


class PlanMatcher:
    """Threshold-free facts of every plan, computed once; `table(thresholds)` decides the statuses."""

    def __init__(self, statements: pd.DataFrame, boilerplate: pd.DataFrame | Callable[[], pd.DataFrame] | None = None, mentions: pd.DataFrame | None = None,
                 truncated_files: frozenset[str] = frozenset(), docs: list | None = None):
        st = statements.reset_index(drop=True)
        if docs is not None and len(docs) != len(st):
            raise ValueError(f"{len(docs)} docs for {len(st)} statements")  # a bug in the caller
        self.st = st
        self.cut = ft.cut_off(st, truncated_files)
        self.ids = st["statement_id"].astype(str).tolist()
        self.texts = st["text"].astype(str).tolist()
        self.sections = st["section"].astype(str).tolist()
        self.columns = {c: st[c].tolist() for c in ("department", "dept_abbr", "action")}
        self.lead_in = st["is_lead_in"].astype(bool).tolist() if "is_lead_in" in st.columns else [False] * len(st)
        self.list_of = st["list_lead_in_id"].astype(str).tolist() if "list_lead_in_id" in st.columns else [""] * len(st)
        self.mentions = _mention_spans(mentions)
        self.aliases = ft._acronym_aliases(self.texts)
        per_text = None if self.mentions is None else [self.mentions.get(i, []) for i in self.ids]
        self.feats = ft.features(self.texts, per_text, self.aliases, docs)
        groups = [g.index.to_list() for _, g in st.groupby(["action", "dept_abbr"], sort=True)]
        self._vectorised = {idx[0]: self._vectorise(idx) for idx in groups}  # before the boilerplate: it may still be computing
        reported = {(a, sec) for a, sec in zip(st["action"], self.sections) if sec.startswith("progress_")}
        self._early_parts, self._early_features = self._parts_before_reasons(groups, reported)  # likewise
        self._read_boilerplate(boilerplate)
        self.plans: list[Plan] = []
        self._condition_cache: dict[int, set[str]] = {}
        self._negated_cache: dict[int, set[str]] = {}
        self._undone_cache: dict[int, set[str]] = {}
        self._kinds_cache: dict = {}  # output kinds of a part (by its terms and activity) and of a statement (by row)
        pending: list[_PartText] = []
        for idx in groups:
            for k in idx:
                target = ft.paired_section(self.sections[k])
                if target is not None:
                    pending += self._start_plan(k, target, (self.columns["action"][k], target) in reported, idx)
        self._finish_plans(pending, groups)

    def _parts_before_reasons(self, groups: list[list[int]], reported: set) -> tuple[dict[int, list[str]], dict[tuple[int, str], Features]]:
        """Each plan's part texts and their features, worked out before the boilerplate reasons are known (the
        table may still be computing in another process). A reason changes a plan's parts only when it is
        "not applicable", and such a plan has no parts, so these are the parts `_start_plan` finds for every
        plan it matches; a plan without parts costs only its text tests here."""
        parts: dict[int, list[str]] = {}
        for idx in groups:
            for k in idx:
                target = ft.paired_section(self.sections[k])
                if target is None or (self.columns["action"][k], target) not in reported or ft.detect_not_applicable(self.texts[k]):
                    continue
                if not any(self.sections[j] == target for j in idx):
                    continue
                bullets = [j for j in idx if self.list_of[j] == self.ids[k]] if self.lead_in[k] else []
                parts[k] = self._part_texts(k, idx, bullets, ft.is_testable(self.texts[k], self.feats[k]))
        keys = list(dict.fromkeys((k, text) for k, texts in parts.items() for p in texts for text in (p, ft._deliverable_text(p)) if text != self.texts[k]))
        mentions = None if self.mentions is None else [self._sub_mentions(k, text) for k, text in keys]
        return parts, dict(zip(keys, ft.features([text for _, text in keys], mentions, self.aliases))) if keys else {}

    def _part_texts(self, k: int, idx: list[int], bullets: list[int], testable: bool) -> list[str]:
        """A plan's parts: a list's bullets, or the activities of a testable sentence; a generic plan is one part."""
        text = self.texts[k]
        if bullets:
            part_texts = [self.texts[j] for j in bullets]
        elif testable:
            # a purpose clause is not an activity; a sentence that opens with one ("To help staff ..., we will
            # ...") leaves nothing before it, and is then matched whole rather than with no part at all
            part_texts = ft.split_parts(ft._deliverable_text(text)) or [text]
        else:
            part_texts = [text]
        return self._with_antecedent(k, idx, part_texts, testable or bool(bullets))

    # -- inputs -------------------------------------------------------------------------------------
    def _read_boilerplate(self, boilerplate: pd.DataFrame | Callable[[], pd.DataFrame] | None) -> None:
        """The boilerplate reasons; `boilerplate` may be a function giving the table, asked only now, after the
        text features (the pipeline computes the table meanwhile in another process)."""
        if callable(boilerplate):
            boilerplate = boilerplate()
        self.reasons: dict[str, str] = {}
        if boilerplate is not None:
            bp = boilerplate if "statement_id" in boilerplate.columns else boilerplate.reset_index()
            self.reasons = {str(k): str(v) for k, v in zip(bp["statement_id"], bp["boilerplate_reason"]) if pd.notna(v) and str(v)}
            self.template = [self.reasons.get(i) == "template" for i in self.ids]
        else:
            self.template = list(ft._template_flags(self.st, self.feats))
        self.use_repeat_fallback = boilerplate is None

    # -- plans: status fixed without matching, or parts to match -------------------------------------
    def _start_plan(self, k: int, target: str, period_reported: bool, idx: list[int]) -> list[_PartText]:
        sid, text, feat, lead_in = self.ids[k], self.texts[k], self.feats[k], self.lead_in[k]
        bullets = [j for j in idx if self.list_of[j] == sid] if lead_in else []
        reason = self.reasons.get(sid)
        testable = ft.is_testable(text, feat, reason) or any(ft.is_testable(self.texts[j], self.feats[j], self.reasons.get(self.ids[j])) for j in bullets)
        row = {
            "plan_statement_id": sid, "department": str(self.columns["department"][k]), "dept_abbr": str(self.columns["dept_abbr"][k]),
            "action": int(self.columns["action"][k]), "plan_section": self.sections[k], "progress_section": target, "plan_text": text,
            "plan_testable": testable, "evidence_statement_ids": None, "evidence_text": None, "score": 0.0, "shared_terms": None,
            "new_terms": None, "n_parts": 1, "parts_delivered": 0, "plan_is_lead_in": lead_in,
        }
        plan = Plan(row, testable, k, [j for j in idx if self.sections[j] == target], specifics=feat.specifics)
        self.plans.append(plan)
        if not period_reported:
            row["progress_section"] = None  # whatever its status, no progress period reports on it yet
        if reason == "not_applicable" or ft.detect_not_applicable(text):
            plan.fixed_status, plan.fixed_reason = "not_applicable", "the plan says the action does not apply"
        elif not period_reported:
            row["progress_section"] = None
            plan.fixed_status, plan.fixed_reason = "pending", f"no department has a {target} section yet"
        elif not plan.candidates:
            plan.fixed_status, plan.fixed_reason = "not_reported", f"the department has no {target} text"
        if plan.fixed_status:
            return []
        plan.section_wide = ft.is_aim_only(feat, testable) and not bullets
        part_texts = self._early_parts[k] if k in self._early_parts else self._part_texts(k, idx, bullets, testable)
        return [_PartText(len(self.plans) - 1, p, ft._deliverable_text(p)) for p in part_texts]

    def _with_antecedent(self, k: int, idx: list[int], part_texts: list[str], specific: bool) -> list[str]:
        """A generic plan that opens with a pronoun ("It is working to identify ...", "This will also ...")
        is about what the sentence before it named: it is matched with that sentence's words as well
        (`text_features.is_anaphoric`). A plan naming its own output or initiative is matched on its own."""
        if specific or not ft.is_anaphoric(self.texts[k]):
            return part_texts
        position = self.st.at[k, "position"]
        before = [j for j in idx if self.sections[j] == self.sections[k] and self.st.at[j, "position"] == position - 1]
        return [f"{self.texts[before[0]]} {p}" for p in part_texts] if before else part_texts

    def _finish_plans(self, pending: list[_PartText], groups: list[list[int]]) -> None:
        """Features of every part in one batch (a part that is the whole plan reuses the plan's), then
        the candidates' facts, group by group."""
        texts: dict[tuple[int, str], None] = {}
        for p in pending:
            for text in (p.text, p.cover_text):
                if text != self.plans[p.plan].row["plan_text"] and (self.plans[p.plan].index, text) not in self._early_features:
                    texts[(p.plan, text)] = None
        keys = list(texts)
        mentions = None if self.mentions is None else [self._sub_mentions(self.plans[i].index, text) for i, text in keys]
        computed = dict(zip(keys, ft.features([text for _, text in keys], mentions, self.aliases))) if keys else {}

        def feats_of(plan: int, text: str) -> Features:
            k = self.plans[plan].index
            return self._early_features.get((k, text)) or computed.get((plan, text)) or self.feats[k]

        by_plan: dict[int, list[tuple[Features, Features]]] = {}
        for p in pending:
            by_plan.setdefault(p.plan, []).append((feats_of(p.plan, p.text), feats_of(p.plan, p.cover_text)))
        plan_of_statement = {plan.index: i for i, plan in enumerate(self.plans)}
        for idx in groups:
            todo = [plan_of_statement[k] for k in idx if k in plan_of_statement and plan_of_statement[k] in by_plan]
            if todo:
                self._match_group(idx, todo, by_plan)

    def _sub_mentions(self, k: int, piece: str) -> list[MentionSpan]:
        """The mentions of statement `k` (a plan) that fall inside a piece of its text, with offsets into the piece."""
        text, sid = self.texts[k], self.ids[k]
        offset = text.find(piece)
        if offset < 0:
            return []
        return [
            MentionSpan(m.key, m.start - offset, m.end - offset, m.is_org)
            for m in self.mentions.get(sid, [])
            if offset <= m.start and m.end <= offset + len(piece)
        ]

    # -- one department and action: one vectoriser, every text transformed once -----------------------
    def _match_group(self, idx: list[int], todo: list[int], by_plan: dict[int, list[tuple[Features, Features]]]) -> None:
        self._term_cache: dict[tuple[int, int], tuple[list[str], float, set[str]]] = {}
        self._part_cache: dict[tuple[int, int, int], tuple] = {}  # keeps the keyed objects alive, so ids stay theirs
        tfidf, vectors = self._vectorised[idx[0]]
        repeat_sim = self._repeat_similarity(idx, vectors)
        for p in todo:
            self._match_plan(self.plans[p], by_plan[p], tfidf, vectors, repeat_sim)

    def _vectorise(self, idx: list[int]) -> tuple[TfIdf, dict[int, dict[str, float]]]:
        """One department and action's vectoriser and every statement's TF-IDF vector: they need only the text
        features, so they are made while the boilerplate table may still be computing (`pipeline.analyse`)."""
        tfidf = TfIdf([self.feats[k].terms for k in idx])
        return tfidf, {k: tfidf.vector(self.feats[k].terms) for k in idx}

    def _repeat_similarity(self, idx: list[int], vectors: dict[int, dict[str, float]]) -> dict[int, float]:
        """For each progress statement, its highest cosine with an earlier progress statement of the
        department to which it adds no name, number or date (the fallback repeat detector)."""
        out = {k: 0.0 for k in idx}
        if not self.use_repeat_fallback:
            return out
        progress = [k for k in idx if self.sections[k].startswith("progress_")]
        year = {k: periods.year(self.sections[k]) for k in progress}
        for k in progress:
            earlier = [j for j in progress if year[j] < year[k] and not (self.feats[k].specifics - self.feats[j].specifics)]
            if earlier:
                out[k] = max(cosine(vectors[k], vectors[j]) for j in earlier)
        return out

    def _match_plan(self, plan: Plan, parts: list[tuple[Features, Features]], tfidf: TfIdf, vectors, repeat_sim) -> None:
        feat = self.feats[plan.index]
        kept = [pc for pc in parts if any(t not in FRAME_LEMMAS for t in pc[0].terms)] or [(feat, feat)]
        part_feats = [pf for pf, _ in kept]
        cover_feats = [cf if any(t not in FRAME_LEMMAS for t in cf.terms) else pf for pf, cf in kept]
        plan.row["n_parts"] = len(part_feats)
        plan.specifics = feat.specifics.union(*(pf.specifics for pf in part_feats))
        candidates = plan.candidates
        whole = np.array([cosine(vectors[plan.index], vectors[j]) for j in candidates])
        part_vectors = [tfidf.vector(pf.terms) for pf in part_feats]
        part_sim = np.array([[cosine(v, vectors[j]) for j in candidates] for v in part_vectors])
        plan.row["score"] = round(float(whole.max()), 4) if len(whole) else 0.0
        # the years of the plan's and the progress's periods are known to whoever reads the plan: "In 2014 ..."
        # in a 2014 progress section adds no date (`_period_years`)
        known = _period_years(plan)
        plan.specifics = plan.specifics | known
        plan_terms = set(feat.terms).union(*(pf.terms for pf in part_feats)) | known
        plan.repeat_sim = repeat_sim
        for p, (pf, cf) in enumerate(zip(part_feats, cover_feats)):
            names = pf.names if len(part_feats) > 1 else feat.names | pf.names
            plan.parts.append([self._candidate(j, pf, cf, names, plan_terms, plan.specifics, float(part_sim[p, c]), float(whole[c]), tfidf.idf)
                               for c, j in enumerate(candidates)])

    def _candidate(self, j, pf: Features, cf: Features, names, plan_terms, plan_specifics, sim, whole_sim, idf) -> Candidate:
        sfeat = self.feats[j]
        own, own_weight, term_set = self._terms_of(j, idf)
        new = [t for t in own if t not in plan_terms]
        novelty = _weighted_share(new, own, idf, own_weight)
        wanted, wanted_weight, content = self._deliverables_of(pf, cf, idf)
        coverage = _coverage(cf.terms, term_set, idf, wanted, wanted_weight)
        return Candidate(
            index=j, sim=sim, whole_sim=whole_sim, coverage=coverage, novelty=novelty,
            new_specifics=sorted(sfeat.specifics - plan_specifics), new_terms=new,
            terms=sorted(content & term_set), names=_shared_names(names, sfeat.names),
            undone=sfeat.undone and bool(self._undone_lemmas(j) & (content - ft.AIM_VERBS)),
            object_met=self._object_met(cf, j),
        )

    def _object_met(self, cf: Features, j: int) -> bool:
        """The evidence (statement j) names an output of a kind the part's object is ("training product" <-
        "e-learning course": yes; <- "tag cloud": no); true when the part names no output. The part's activity verb
        is not its object ("will recruit a head of digital" promises a person, whom "a head of digital joined in
        May" reports). Each part's and each statement's kinds are worked out once."""
        key = (tuple(cf.terms), cf.activity)
        if key not in self._kinds_cache:
            self._kinds_cache[key] = ft.output_kinds(t for t in cf.terms if t != cf.activity)
        wanted = self._kinds_cache[key]
        if not wanted:
            return True
        if j not in self._kinds_cache:
            self._kinds_cache[j] = ft.output_kinds(self.feats[j].terms)
        return bool(wanted & self._kinds_cache[j])

    def _undone_lemmas(self, j: int) -> set[str]:
        """Content lemmas of the clauses of statement j that say something was not done or was put off."""
        if j not in self._undone_cache:
            self._undone_cache[j] = ft.negated_lemmas(self.texts[j], ft.undone_spans(self.texts[j]))
        return self._undone_cache[j]

    # -- what `_candidate` needs of a statement or a part, computed once rather than once per pair ----------
    def _terms_of(self, j: int, idf: dict[str, float]) -> tuple[list[str], float, set[str]]:
        """A statement's own content terms (frame words left out), their IDF weight and its set of terms."""
        key = (j, id(idf))
        if key not in self._term_cache:
            terms = self.feats[j].terms
            own = _content_terms(terms)
            self._term_cache[key] = (own, _weight(own, idf), set(terms))
        return self._term_cache[key]

    def _deliverables_of(self, pf: Features, cf: Features, idf: dict[str, float]) -> tuple[list[str], float, set[str]]:
        """A part's deliverable terms (as `_coverage` reads them), their IDF weight and its content terms."""
        key = (id(pf), id(cf), id(idf))
        if key not in self._part_cache:
            wanted = _content_terms(cf.terms)
            self._part_cache[key] = (wanted, _weight(wanted, idf), {t for t in pf.terms if t not in FRAME_LEMMAS}, pf, cf, idf)
        return self._part_cache[key][:3]

    # -- decisions -------------------------------------------------------------------------------------
    def table(self, thresholds: Thresholds = DEFAULT_THRESHOLDS) -> pd.DataFrame:
        """The follow_through table under these thresholds."""
        rows = [self._judge(plan, thresholds) for plan in self.plans]
        return typed(pd.DataFrame(rows))

    def _judge(self, plan: Plan, th: Thresholds) -> dict:
        if plan.fixed_status:
            return {**plan.row, "status": plan.fixed_status, "status_reason": plan.fixed_reason, "confidence": 1.0}
        feat = self.feats[plan.index]
        outcomes = [self._part_outcome(plan, part, th, feat) for part in plan.parts]
        return self._note_cut_off(plan, {**plan.row, **decide(outcomes, plan.testable, plan.section_wide, self)})

    def _note_cut_off(self, plan: Plan, row: dict) -> dict:
        """Say so when the paired section ends in a sentence a truncated page cut off (not counted as evidence)."""
        if any(self.cut[j] for j in plan.candidates):
            row["status_reason"] += "; the paired section ends in a sentence cut off by a truncated page, not counted"
        return row

    def evidence_kind(self, cand: Candidate, plan: Plan, th: Thresholds) -> str:
        """What a progress statement is as evidence for a plan, in order of precedence: template, none,
        undone (says that what it names was not done, not yet done, or put off), echo (adds no name, number
        or date and little new content, whatever its tense: "will launch X" -> "launched X" only restates),
        vague, repeat, weak, concrete."""
        j = cand.index
        sfeat, reason = self.feats[j], self.reasons.get(self.ids[j])
        if self.template[j] or reason == "template":
            return "template"
        if reason in {"not_applicable", "empty"} or self.cut[j]:
            return "none"  # says the action does not apply, or was cut off mid-sentence by a truncated page
        if cand.undone:
            return "undone"
        weak = reason == "vague" or sfeat.weak or sfeat.future or not sfeat.past
        repeat = plan.repeat_sim.get(j, 0.0) >= th.repeat or reason == "repeat"
        restates = not cand.new_specifics and cand.novelty < th.novelty
        if restates and not any(t in ft.PREPARATION_LEMMAS for t in cand.new_terms):
            return "echo"
        if restates:
            return "weak"  # the plan's output reported in development: "will publish X" <- "has been drafting X"
        if not sfeat.checkable and weak:
            return "vague"
        if repeat:
            return "repeat"
        return "weak" if weak else "concrete"

    def _part_outcome(self, plan: Plan, part: list[Candidate], th: Thresholds, feat: Features) -> PartOutcome:
        related: list[Evidence] = []
        for cand in part:
            kind = self.evidence_kind(cand, plan, th)
            if kind == "none" or (kind == "template" and plan.testable):
                continue  # a template sentence is no evidence for a specific plan (codebook)
            if kind == "undone" and not ((cand.sim >= th.match and _shares_content(cand)) or cand.names):
                continue  # says something else was not done
            if kind in {"weak", "repeat", "vague"} and not (cand.new_specifics or cand.names or plan.section_wide or cand.coverage >= th.link):
                continue  # adds nothing specific and barely touches the plan's content: about something else
            lexical = (cand.sim >= th.match and _shares_content(cand)) or bool(cand.names)
            if lexical or plan.section_wide or kind == "template":
                related.append(Evidence(cand, kind))
        best_sim = max((c.sim for c in part), default=0.0)
        if not related:
            return PartOutcome("none", [], th.match - best_sim)
        if feat.conditional:
            negated = [e for e in related if e.kind != "template" and self._denies_condition(plan, e.candidate.index)]
            # a statement that itself reports the plan delivered ("moved its service to the platform; no other
            # service needed it") reports that the condition arose, whatever its aside says
            if negated and not any(self._delivers(e, plan, th) for e in related):
                return PartOutcome("negated", negated, 1.0)
        undone = [e for e in related if e.kind == "undone"]
        related = [e for e in related if e.kind != "undone"]
        if not related:
            return PartOutcome("undone", undone, 1.0)
        delivered = [e for e in related if self._delivers(e, plan, th)]
        if delivered:
            best = max(1.0 if e.candidate.names else e.candidate.coverage - th.coverage for e in delivered)
            return PartOutcome("delivered", delivered, best if not plan.section_wide else min(best, 0.5))
        weak = [e for e in related if e.kind in {"concrete", "weak", "repeat"}]
        if weak:
            gap = min(abs(e.candidate.coverage - th.coverage) for e in weak)
            novelty_gap = min(abs(e.candidate.novelty - th.novelty) for e in weak)
            return PartOutcome("weak", weak, min(gap, novelty_gap, best_sim - th.match if not plan.section_wide else 1.0))
        echo = [e for e in related if e.kind in {"echo", "template", "vague"}]
        return PartOutcome("echo", echo, min((abs(th.novelty - e.candidate.novelty) for e in echo), default=1.0))


    @staticmethod
    def _delivers(e: Evidence, plan: Plan, th: Thresholds) -> bool:
        """Concrete evidence that delivers a part: it shares a name with it, or covers COVERAGE_THRESHOLD of its
        deliverable terms and names an output of the kind the part's object is (for a general aim, any)."""
        c = e.candidate
        return e.kind == "concrete" and (plan.section_wide or bool(c.names) or (c.coverage >= th.coverage and c.object_met))

    def _denies_condition(self, plan: Plan, j: int) -> bool:
        """Statement j says the plan's condition did not arise: a clause of it carries a negation and shares a
        content word with the condition ("Any new services ..." <- "No new services were developed"), or, when the
        condition has no content of its own ("where appropriate"), with the plan. "No exemptions were needed" in a
        report of a new service denies nothing the plan depends on."""
        key = plan.index
        if key not in self._condition_cache:
            own = ft.condition_lemmas(self.texts[key])
            self._condition_cache[key] = own or set(_content_terms(self.feats[key].terms))
        if j not in self._negated_cache:
            self._negated_cache[j] = ft.negated_lemmas(self.texts[j]) if self.feats[j].negative else set()
        return bool(self._condition_cache[key] & self._negated_cache[j])


def _period_years(plan: Plan) -> frozenset[str]:
    """The years of the plan's period and of the progress period paired with it, as the text writes them."""
    sections = (plan.row["plan_section"], plan.row["progress_section"] or ft.paired_section(plan.row["plan_section"]))
    return frozenset(str(periods.year(s)) for s in sections if s)


def _shares_content(cand: Candidate) -> bool:
    """A statement relates to a plan part by its words only when they share a word other than a general
    aim verb ("develop", "support", "work"): two sentences that only both "develop" something are about
    different things."""
    return any(t not in ft.AIM_VERBS for t in cand.terms)


def _weighted_share(some: list[str], all_terms: list[str], idf: dict[str, float], total: float | None = None) -> float:
    """IDF-weighted share of `all_terms` that `some` has (`total`: the weight of `all_terms`, when known)."""
    total = _weight(all_terms, idf) if total is None else total
    return _weight(some, idf) / total if total else 0.0


def _weight(terms: list[str], idf: dict[str, float]) -> float:
    """Summed IDF of the terms (1 for a term outside the group's vocabulary), added in the terms' order."""
    return sum(map(idf.get, terms, repeat(1.0)))


def _content_terms(terms: list[str]) -> list[str]:
    """Each term once, in order, frame words and time and aspect words ("recently", "successfully", "year")
    left out."""
    return [t for t in dict.fromkeys(terms) if t not in FRAME_LEMMAS and t not in ft.TIME_ASPECT_LEMMAS]


def _coverage(part_terms: list[str], evidence_terms: set[str], idf: dict[str, float], wanted: list[str] | None = None, total: float | None = None) -> float:
    """IDF-weighted share of the part's deliverable terms (frame words left out) found in the evidence
    (`wanted`, `total`: those terms and their weight, when already computed)."""
    wanted = _content_terms(part_terms) if wanted is None else wanted
    return _weighted_share([t for t in wanted if t in evidence_terms], wanted, idf, total)


def _shared_names(a, b) -> list[str]:
    """Names in both texts; a name of two or more words also matches a longer name containing it."""
    shared = set()
    for x in a:
        for y in b:
            if x == y:
                shared.add(x)
            else:
                short, long = sorted((x, y), key=len)
                if len(short.split()) >= 2 and f" {short} " in f" {long} ":
                    shared.add(short)
    return sorted(shared)


def _confidence(margin: float) -> float:
    """0.5 at a threshold, 1.0 at CONFIDENCE_SCALE or more away from it."""
    return round(0.5 + 0.5 * min(1.0, max(0.0, margin) / CONFIDENCE_SCALE), 3)


STATUS_REASONS = {
    "delivered": "a concrete new measure is reported",
    "partial_parts": "concrete new measures for {d} of {n} parts",
    "partial": "related progress adds something specific but covers the plan only in part (liaison, continuation, plans, an earlier measure, or a loose match)",
    "echoed": "the related progress only restates the plan: no new name, number or date and little new content",
    "not_reported": "no progress statement relates to the plan",
    "condition": "the plan was conditional and the progress says the condition did not arise",
    "undone": "the related progress says it was not done, not yet done, or put off",  # "not done": tests read it
}


def decide(outcomes: list[PartOutcome], testable: bool, section_wide: bool, matcher: PlanMatcher) -> dict:
    """Status, reason, confidence and evidence columns from the outcome of each part."""
    kinds = [o.outcome for o in outcomes]
    if not kinds:
        raise ValueError("a plan with no parts to judge")  # a bug: every plan that is matched has at least one part
    n, n_delivered = len(kinds), kinds.count("delivered")
    if "negated" in kinds and n_delivered == 0 and "weak" not in kinds:
        status, why = "not_reported", STATUS_REASONS["condition"]
    elif n_delivered == n:
        status, why = "delivered", STATUS_REASONS["delivered"] + (f" for each of the {n} parts" if n > 1 else "")
    elif n_delivered or "weak" in kinds:
        status = "partial"
        why = STATUS_REASONS["partial_parts"].format(d=n_delivered, n=n) if n_delivered else STATUS_REASONS["partial"]
    elif "echo" in kinds:
        status, why = "echoed", STATUS_REASONS["echoed"] + ("" if testable else " (template sentences included)")
    elif "undone" in kinds:
        status, why = "not_reported", STATUS_REASONS["undone"]
    else:
        status, why = "not_reported", STATUS_REASONS["not_reported"]
    if section_wide and status not in {"not_reported"}:
        why += " in the paired progress section (a general aim: the whole section reports on it)"
    wanted = {"delivered": {"delivered"}, "partial": {"delivered", "weak"}, "echoed": {"echo"}}.get(status, {"negated", "undone"})
    margin = min((o.margin for o in outcomes if o.outcome in wanted or status == "not_reported"), default=1.0)
    return {"status": status, "status_reason": why, "parts_delivered": n_delivered, "confidence": _confidence(margin),
            **_evidence_columns([o for o in outcomes if o.outcome in wanted], matcher)}


def _evidence_columns(outcomes: list[PartOutcome], matcher: PlanMatcher) -> dict:
    chosen: dict[int, Evidence] = {}
    for o in outcomes:
        for e in sorted(o.evidence, key=lambda e: (-e.candidate.sim, matcher.ids[e.candidate.index]))[:EVIDENCE_LIMIT]:
            if e.candidate.index not in chosen or e.candidate.sim > chosen[e.candidate.index].candidate.sim:
                chosen[e.candidate.index] = e
    ordered = [chosen[k].candidate for k in sorted(chosen, key=lambda k: matcher.ids[k])]
    terms = sorted({t for c in ordered for t in c.terms} | {n for c in ordered for n in c.names})
    new = sorted({t for c in ordered for t in c.new_specifics} | {t for c in ordered for t in c.new_terms})
    return {
        "evidence_statement_ids": "; ".join(matcher.ids[c.index] for c in ordered) or None,
        "evidence_text": " || ".join(matcher.texts[c.index] for c in ordered) or None,
        "shared_terms": "; ".join(terms) or None,
        "new_terms": "; ".join(new) or None,
    }


def typed(frame: pd.DataFrame) -> pd.DataFrame:
    """The follow_through table in its contract's shape (schemas.FollowThrough), rows in plan order; the
    machine's status is also the final one until an analyst's review (analysis.reviews) says otherwise."""
    if frame.empty:
        return schemas.empty("follow_through")
    frame = schemas.build("follow_through", frame.assign(status_machine=frame["status"], reviewed_by=pd.NA))
    return frame.sort_values(["action", "dept_abbr", "plan_statement_id"], kind="stable").reset_index(drop=True)


def follow_through(
    statements: pd.DataFrame,
    boilerplate: pd.DataFrame | Callable[[], pd.DataFrame] | None = None,
    mentions: pd.DataFrame | None = None,
    thresholds: Thresholds = DEFAULT_THRESHOLDS,
    initiatives: pd.DataFrame | None = None,
    truncated_files: frozenset[str] = frozenset(),
    docs: list | None = None,
) -> pd.DataFrame:
    """One row per plan statement with its status, confidence, testability and evidence (schemas.FollowThrough).

    `boilerplate` (analysis.boilerplate.classify, or a function giving it, asked once the text features are
    done) and `mentions` (analysis.initiatives.extract, typed by
    `initiatives`) are what the pipeline passes; without them light fallbacks here detect template and
    repeated sentences and capitalised names. `truncated_files` names pages that end mid-text: their last
    statement, when it stops mid-sentence, is no evidence (`text_features.cut_off`). `docs`: the statements'
    texts already tokenised by the shared pipeline (`nlp.sentence_docs`, as the initiative rules read them),
    one per row; without them the texts are tokenised here.
    """
    return PlanMatcher(statements, boilerplate, with_types(mentions, initiatives), truncated_files, docs).table(thresholds)
