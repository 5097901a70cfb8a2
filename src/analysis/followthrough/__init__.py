"""Plan-to-delivery follow-through: did a department's progress text report doing what its plan said?

For every plan statement (``plan_Y`` -> ``progress_Y``; ``commitment_Y`` -> ``progress_{Y+1}``; same
department and action) the package finds the progress statements that report on it and assigns one
status (docs/methods.md "Plan-to-delivery follow-through"; the rules: docs/codebook.md; scores:
docs/methods.md), with its evidence and a confidence:

``delivered``       every part of the plan has a related progress statement reporting a completed,
                    concrete measure that covers the part's content;
``partial``         some parts have such evidence, or the related progress adds something specific
                    (new content, a name, number or date) but is weak (liaison, continuation, plans, an
                    earlier measure) or covers the plan only in part;
``echoed``          the related progress only restates the plan: after tense and auxiliaries are
                    normalised it adds no name, number or date and little new content (novelty);
``not_reported``    no progress statement relates to the plan, or the plan was conditional ("any new
                    services will ...") and the progress says the condition did not arise;
``not_applicable``  the plan says the action does not apply;
``pending``         no department has yet reported on the plan's period (``plan_2015``).

Modules, one job each: `text_features` (text features of statements and plan parts), `matching` (candidate
facts computed once per build; statuses under a set of thresholds), `summaries` (per department, per
plan section, plan -> evidence). Pure functions from tables to tables; nothing here reads or writes files.
"""

from analysis.followthrough.matching import (
    DEFAULT_THRESHOLDS,
    STATUSES,
    PlanMatcher,
    Thresholds,
    follow_through,
    typed,
    with_types,
)
from analysis.followthrough.summaries import (
    CONFIDENT,
    confidence_by_status,
    department_summary,
    evidence_table,
    judged,
    section_rollup,
)
from analysis.followthrough.text_features import (
    Features,
    MentionSpan,
    detect_not_applicable,
    features,
    is_aim_only,
    is_testable,
    lemma,
    paired_section,
    split_parts,
    warm_up,
)
from analysis.vocabulary import EVALUATED_STATUSES, REPORTED_STATUSES

__all__ = [
    "DEFAULT_THRESHOLDS", "EVALUATED_STATUSES", "REPORTED_STATUSES", "STATUSES", "Features", "MentionSpan",
    "CONFIDENT", "PlanMatcher", "Thresholds", "confidence_by_status", "department_summary", "judged",
    "detect_not_applicable", "evidence_table", "features", "follow_through",
    "is_aim_only", "is_testable", "lemma", "paired_section", "section_rollup", "split_parts", "typed", "warm_up", "with_types",
]
