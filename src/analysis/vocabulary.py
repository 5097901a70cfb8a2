"""Allowed values of the coded columns, defined once: the schemas check them, the analyses produce
them, the evaluation scores them, and the report counts them, all from these lists."""

from __future__ import annotations

#: boilerplate.boilerplate_reason, in order of precedence (docs/codebook.md).
BOILERPLATE_REASONS: tuple[str, ...] = ("not_applicable", "template", "repeat", "vague")
#: The label of a statement with no boilerplate reason (evaluation and charts).
SUBSTANTIVE = "substantive"

#: follow_through.status.
FOLLOW_THROUGH_STATUSES: tuple[str, ...] = ("delivered", "partial", "echoed", "not_reported", "not_applicable", "pending")
#: Statuses a plan can be judged to have (pending plans have no progress period to judge them by).
EVALUATED_STATUSES: tuple[str, ...] = FOLLOW_THROUGH_STATUSES[:5]
#: Statuses that rest on progress statements (the table must name them).
EVIDENCED_STATUSES: tuple[str, ...] = ("delivered", "partial", "echoed")
#: Statuses given when progress was looked for (not_applicable and pending are decided without it).
REPORTED_STATUSES: tuple[str, ...] = ("delivered", "partial", "echoed", "not_reported")

#: initiatives.type: the first eight are initiatives; units and organisations are named but are not.
NAME_TYPES: tuple[str, ...] = (
    "programme", "event", "network", "standard/guidance", "strategy/plan", "tool/product", "project", "group", "unit", "organisation",
)
NOT_INITIATIVE_TYPES: tuple[str, ...] = ("unit", "organisation")
INITIATIVE_TYPES: tuple[str, ...] = tuple(t for t in NAME_TYPES if t not in NOT_INITIATIVE_TYPES)

#: statements.edition: the departments' first responses (December 2012) and the January 2015 GOV.UK pages.
EDITIONS: tuple[int, ...] = (2012, 2015)
#: restatements.kind: how a 2015 page restates a December 2012 response (docs/codebook.md).
RESTATEMENT_KINDS: tuple[str, ...] = ("unchanged", "shortened", "rewritten")

#: scores.corpus: which labelled text a headline score was measured on, and how (reports/tables/scores.csv). The
#: fragments of other pages were never tuned on, but some rules were written after reading their errors, and the
#: follow-through thresholds are chosen with each page left out in turn: hence "partly in sample".
SEED_IN_SAMPLE = "seed page, in sample"
SEED_CROSS_VALIDATED = "seed page, cross-validated"
EDITION_2012_IN_SAMPLE = "2012 edition, in sample"
EDITION_2012_CROSS_VALIDATED = "2012 edition, cross-validated"
OTHER_PAGES = "other pages, partly in sample"
#: Pages no rule was written from, labelled by an independent annotator and scored with the rules as built
#: (`evaluate.unseen`); their text is not in the repository, so these rows are present only when it was given.
UNSEEN_PAGES = "other pages, never tuned on"
SCORE_CORPORA: tuple[str, ...] = (
    SEED_IN_SAMPLE, SEED_CROSS_VALIDATED, EDITION_2012_IN_SAMPLE, EDITION_2012_CROSS_VALIDATED, OTHER_PAGES, UNSEEN_PAGES,
)
