"""Pandera models of every processed table: the data contract, validated before anything is written.

Each column's `description` is the text of `docs/data-dictionary.md`, which `render_data_dictionary`
generates (and a test checks is current), so the documentation cannot drift from the checks.
"""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
from pandera.typing.pandas import Series

from analysis import periods
from analysis.vocabulary import BOILERPLATE_REASONS, EDITIONS, EVIDENCED_STATUSES, FOLLOW_THROUGH_STATUSES, NAME_TYPES, RESTATEMENT_KINDS

SECTION_PATTERN = periods.PATTERN
# Statements also keep text whose period heading is missing, in section "unknown" (docs/codebook.md).
STATEMENT_SECTION_PATTERN = rf"^(?:{periods.NAME_REGEX}|{periods.UNKNOWN})$"
# Department keys: the gazetteer's abbreviations, an unknown department's initials (+ line if taken), UNNAMED{line}.
_ID = r"a\d{2}-[A-Za-z][A-Za-z0-9]*-(?:" + periods.NAME_REGEX + "|" + periods.UNKNOWN + r")(-e2012)?(-v\d+)?-\d{3,}"
ID_PATTERN = rf"^{_ID}$"


class Statements(pa.DataFrameModel):
    """`statements.parquet` / `statements.csv`: one row per statement (a sentence of a paragraph, or a
    bullet item) of every department section of every page in `data/raw/`."""

    statement_id: Series[str] = pa.Field(
        unique=True,
        str_matches=ID_PATTERN,
        description="Stable, readable id: a{action}-{dept_abbr}-{section}-{position}, e.g. a04-DWP-progress_2014-007; "
        "the 2012 edition's own text carries -e2012- before the position (a04-CO-commitment_2012-e2012-001), so it never "
        "collides with the 2015 page's restatement of the same section. Each section of an edition is in the table once, "
        "however many pages print it.",
    )
    source_file: Series[str] = pa.Field(
        description="File name in data/raw/ (or data/raw/govuk/) the statement was read from: of the pages giving the section, "
        "the first read that is not truncated."
    )
    other_sources: Series[str] = pa.Field(
        nullable=True,
        description="The other pages giving the same section (action, department, period, edition), '; '-joined; a "
        "department's response is on both the action's page and the department's page. Empty when only source_file gives "
        "it. The build warns where a copy differs, and says what differs.",
    )
    edition: Series[int] = pa.Field(
        isin=list(EDITIONS),
        description="Which publication the text is from: 2012 for the departments' first responses (December 2012, the "
        "strategy website's Markdown files, first person as written), 2015 for the January 2015 GOV.UK progress pages "
        "(whose commitment_2012 section restates the 2012 response).",
    )
    action: Series[int] = pa.Field(ge=1, le=99, description="Government Digital Strategy action number.")
    action_title: Series[str] = pa.Field(description="The action's wording after 'Action N:' in its heading.")
    department: Series[str] = pa.Field(
        description="Canonical department name from the gazetteer (analysis.departments); a heading the gazetteer does "
        "not know keeps its own name; 'unnamed department (line N)' when the department heading is missing; "
        "'no department (text about the action)' for text before any department heading."
    )
    dept_abbr: Series[str] = pa.Field(
        description="Standard abbreviation of the department (DWP, HMT, HO ...); for an unknown department its own "
        "initials (with the heading's line number if another department has them); UNNAMED{line} for an unnamed one; "
        "ACTION for text about the action."
    )
    section: Series[str] = pa.Field(
        str_matches=STATEMENT_SECTION_PATTERN,
        description=f"Period of the update: {periods.NAMES[0]} (December 2012 commitments), {periods.spelled_out(periods.NAMES[1:])}; "
        f"{periods.UNKNOWN} for text the page gives no usable period heading for (kept, reported as a warning with its "
        "line, and left out of the analyses).",
    )
    section_kind: Series[str] = pa.Field(
        isin=[*periods.KINDS, periods.UNKNOWN],
        description=f"{periods.spelled_out(periods.KINDS)}; {periods.UNKNOWN} with section {periods.UNKNOWN}.",
    )
    year: Series[pd.Int64Dtype] = pa.Field(
        nullable=True,
        ge=2012,
        le=2016,
        description="Year of the period (2012 for the December 2012 commitments); empty for section unknown.",
    )
    heading: Series[str] = pa.Field(
        description="The period heading exactly as the page gives it; for the 2012 edition, which has no period headings, "
        "\"Departments' responses (December 2012)\"."
    )
    position: Series[int] = pa.Field(ge=1, description="1-based order of the statement within its section.")
    paragraph: Series[int] = pa.Field(ge=1, description="1-based index of the source line (paragraph or bullet item) within the section.")
    is_bullet: Series[bool] = pa.Field(description="True for a bullet item of a list.")
    is_lead_in: Series[bool] = pa.Field(description="True for the sentence that introduces a bullet list ('DfE will:').")
    list_lead_in_id: Series[str] = pa.Field(
        nullable=True, str_matches=ID_PATTERN, description="For a bullet, the statement_id of its list's lead-in; empty otherwise."
    )
    text: Series[str] = pa.Field(str_length={"min_value": 1}, description="The statement, verbatim, with runs of white space folded to one space.")
    n_words: Series[int] = pa.Field(ge=0, description="Words in the statement (punctuation not counted).")
    line: Series[int] = pa.Field(
        ge=1,
        description="1-based line number in source_file where the statement's paragraph or bullet is (for a .json page, the "
        "line of its details.body HTML).",
    )
    source_url: Series[str] = pa.Field(
        nullable=True,
        description="URLs the statement links to, '; '-joined: its inline links (whose words stay in text), then its "
        "section's closing 'Read more »' link (the department's own digital strategy; those words are not in text). "
        "Pages read from GOV.UK's Content API keep their links; copied GOV.UK text carries none.",
    )

    class Config:
        strict = True
        ordered = True


TEMPLATE_ID_PATTERN = r"^T[0-9a-f]{8}$"


class Boilerplate(pa.DataFrameModel):
    """`boilerplate.csv`: one row per statement (join to statements on statement_id) with its boilerplate
    decision and the evidence for it, built by `analysis.boilerplate.classify`. Definitions: docs/codebook.md;
    method and measured scores: docs/methods.md. Rows in the order of the statements table."""

    statement_id: Series[str] = pa.Field(unique=True, str_matches=ID_PATTERN, description="The statement (statements.statement_id).")
    boilerplate_reason: Series[str] = pa.Field(
        nullable=True,
        isin=BOILERPLATE_REASONS,
        description="Why the statement is boilerplate, by precedence: not_applicable, template (shared by at least two "
        "departments with names swapped), repeat (restates the department's earlier text of the action), vague "
        "(continuation or intent language without concrete content); empty for a substantive statement.",
    )
    is_boilerplate: Series[bool] = pa.Field(description="True when boilerplate_reason is set.")
    boilerplate_score: Series[float] = pa.Field(
        ge=0,
        le=1,
        description="Strength of the strongest signal, each scaled so that its threshold is 0.5: at least 0.5 exactly "
        "when is_boilerplate (1 for not_applicable).",
    )
    template_id: Series[str] = pa.Field(
        nullable=True,
        str_matches=TEMPLATE_ID_PATTERN,
        description="Family of near-identical sentence shapes (names masked, tense normalised) used by two or more "
        "departments: T + 8 hex digits of the family's most common shape. Empty when no other department shares it.",
    )
    template_size: Series[int] = pa.Field(ge=1, description="Number of departments whose statements are in the statement's shape family (1: only its own).")
    template_similarity: Series[float] = pa.Field(
        ge=0, le=1, description="Jaccard similarity of the statement's word bigrams with its family's most common shape (0 without a family)."
    )
    repeat_of: Series[str] = pa.Field(
        nullable=True,
        str_matches=ID_PATTERN,
        description="The department's own earlier statement (same action, earlier period) that shares most word bigrams "
        "with this one; empty when none shares any.",
    )
    repeat_similarity: Series[float] = pa.Field(
        ge=0,
        le=1,
        description="Share of the statement's word bigrams (normalised shape) already in the department's earlier text of "
        "the action, any earlier period.",
    )
    new_specific: Series[int] = pa.Field(
        ge=0, description="Specific items (names, numbers, dates) that the department's earlier text of the action does not name."
    )
    vague_cues: Series[str] = pa.Field(
        description="Continuation, intent, stance and hedging cues found ('continue to; work closely with'; 'restates the "
        "action' for a statement that restates its action's title and names nothing of its own); empty when none."
    )
    n_vague_cues: Series[int] = pa.Field(ge=0, description="Number of distinct vague cues found.")
    concrete_terms: Series[str] = pa.Field(
        description="Content lemmas of the statement outside the general vocabulary of intent and capability, the "
        "words of its cues and the words of the edition's action titles (space-separated)."
    )
    concrete_words: Series[int] = pa.Field(ge=0, description="Number of concrete_terms.")
    vague_balance: Series[int] = pa.Field(
        description="concrete_words + weight x new_specific - (n_vague_cues - 1), plus the content of its bullets for a "
        "list lead-in; with cues present, at most the threshold means vague."
    )
    specific_terms: Series[str] = pa.Field(
        description="Specific items (Hope et al. 2016): names, numbers, dates, months, places, '; '-joined; department "
        "names, GDS / Cabinet Office and the strategy's own name are not counted."
    )
    specific_items: Series[int] = pa.Field(ge=0, description="Number of specific items.")
    specific_words: Series[int] = pa.Field(ge=0, description="Words inside specific items.")
    specificity: Series[float] = pa.Field(ge=0, le=1, description="specific_words / n_words: Hope, Hu and Lu's (2016) specificity.")
    lsl_doc_count: Series[int] = pa.Field(
        ge=0,
        description="Lang and Stice-Lawrence (2015): the most documents (department section sets of one action) that use "
        "any 4-word sequence of the statement (names masked, action title excluded).",
    )
    lsl_boilerplate: Series[bool] = pa.Field(
        description="Lang and Stice-Lawrence boilerplate flag: lsl_doc_count at least analysis.boilerplate.LSL_MIN_DOCUMENTS (5, ~30% of departments)."
    )
    yoy_cosine: Series[float] = pa.Field(
        nullable=True,
        ge=0,
        le=1.0000001,
        description="Year-on-year similarity (Brown and Tucker 2011): cosine of term-frequency vectors of the statement's "
        "section and the department's previous section of the action; empty for its first section.",
    )
    yoy_jaccard: Series[float] = pa.Field(
        nullable=True, ge=0, le=1, description="Jaccard similarity of the word sets of the same two sections; empty for the first section."
    )
    boilerplate_reason_machine: Series[str] = pa.Field(
        nullable=True, isin=BOILERPLATE_REASONS,
        description="The classifier's reason, before any review (is_boilerplate and boilerplate_reason are final values).",
    )
    reviewed_by: Series[str] = pa.Field(
        nullable=True, description="Who reviewed the reason (data/reviews/*.csv), with the date; empty when not reviewed."
    )

    class Config:
        strict = True
        ordered = True

    @pa.dataframe_check
    def flag_matches_reason_and_score(cls, frame):  # noqa: N805
        flag = frame["is_boilerplate"]
        machine = frame["boilerplate_reason_machine"].notna() == (frame["boilerplate_score"] >= 0.5)
        return (flag == frame["boilerplate_reason"].notna()) & machine


def reason_column(reason: str) -> str:
    """Column counting the statements of a boilerplate reason: n_template ..."""
    return f"n_{reason}"


def period_share_column(section: str) -> str:
    """Column of the departments table with a department's substantive share in a period."""
    return f"substantive_share_{section}"


def _reason_count(reason: str) -> object:
    return pa.Field(ge=0, description=f"Statements whose boilerplate_reason is {reason}.")


class Sections(pa.DataFrameModel):
    """`sections.csv`: one row per action x department x period x edition (a section), with how much of it is
    boilerplate, why, and how similar it is to the department's previous section of the same edition. Built by
    `analysis.summaries.sections`. Sorted by action, department, edition, period in time order."""

    action: Series[int] = pa.Field(ge=1, le=99, description="Government Digital Strategy action number.")
    edition: Series[int] = pa.Field(
        isin=list(EDITIONS), description="2012: the departments' first responses; 2015: the January 2015 pages (statements.edition)."
    )
    department: Series[str] = pa.Field(description="Canonical department name.")
    dept_abbr: Series[str] = pa.Field(description="Department abbreviation.")
    section: Series[str] = pa.Field(str_matches=SECTION_PATTERN, description=f"Period: {periods.spelled_out()}.")
    section_kind: Series[str] = pa.Field(isin=periods.KINDS, description=f"{periods.spelled_out(periods.KINDS)}.")
    year: Series[int] = pa.Field(ge=2012, le=2016, description="Year of the period.")
    statements: Series[int] = pa.Field(ge=1, description="Statements in the section.")
    words: Series[int] = pa.Field(ge=0, description="Words in the section.")
    boilerplate_statements: Series[int] = pa.Field(ge=0, description="Statements classified boilerplate.")
    boilerplate_words: Series[int] = pa.Field(ge=0, description="Words in boilerplate statements.")
    boilerplate_share_statements: Series[float] = pa.Field(ge=0, le=1, description="boilerplate_statements / statements.")
    boilerplate_share_words: Series[float] = pa.Field(ge=0, le=1, description="boilerplate_words / words (0 for a section of no words).")
    substantive_share_words: Series[float] = pa.Field(ge=0, le=1, description="1 - boilerplate_share_words: the share of words that say something checkable.")
    n_substantive: Series[int] = pa.Field(ge=0, description="Statements with no boilerplate reason.")
    for _reason in BOILERPLATE_REASONS:
        __annotations__[reason_column(_reason)] = Series[int]
        vars()[reason_column(_reason)] = _reason_count(_reason)
    del _reason
    lsl_share_words: Series[float] = pa.Field(
        ge=0, le=1, description="Lang and Stice-Lawrence boilerplate share: words in statements with lsl_boilerplate / words."
    )
    specificity: Series[float] = pa.Field(ge=0, le=1, description="Hope et al. specificity of the section: specific words / words.")
    previous_section: Series[str] = pa.Field(
        nullable=True, str_matches=SECTION_PATTERN, description="The department's previous section of the action compared with; empty for its first."
    )
    similarity_cosine: Series[float] = pa.Field(
        nullable=True, ge=0, le=1.0000001, description="Cosine similarity of term-frequency vectors with previous_section (Brown and Tucker 2011)."
    )
    similarity_jaccard: Series[float] = pa.Field(nullable=True, ge=0, le=1, description="Jaccard similarity of word sets with previous_section.")

    class Config:
        strict = True
        ordered = True
        unique = ["action", "dept_abbr", "section", "edition"]

    @pa.dataframe_check
    def reasons_add_up(cls, frame):  # noqa: N805
        parts = frame[["n_substantive", *map(reason_column, BOILERPLATE_REASONS)]].sum(axis=1)
        return (parts == frame["statements"]) & (frame["statements"] - frame["n_substantive"] == frame["boilerplate_statements"])


def _period_share(section: str) -> object:
    return pa.Field(
        nullable=True,
        ge=0,
        le=1,
        description=f"Substantive share of words in the department's {section} sections (all actions); empty when it has none.",
    )


class Departments(pa.DataFrameModel):
    """`departments.csv`: one row per department: totals over every action and period, and the share of
    its words that are substantive, overall and per period. Built by `analysis.summaries.departments`.
    Sorted by department abbreviation."""

    department: Series[str] = pa.Field(description="Canonical department name.")
    dept_abbr: Series[str] = pa.Field(unique=True, description="Department abbreviation.")
    actions: Series[int] = pa.Field(ge=1, description="Actions the department has text for.")
    sections: Series[int] = pa.Field(ge=1, description="Sections (action x period) with text.")
    statements: Series[int] = pa.Field(ge=1, description="Statements in all its sections.")
    words: Series[int] = pa.Field(ge=0, description="Words in all its sections.")
    boilerplate_statements: Series[int] = pa.Field(ge=0, description="Statements classified boilerplate.")
    boilerplate_words: Series[int] = pa.Field(ge=0, description="Words in boilerplate statements.")
    substantive_share_words: Series[float] = pa.Field(ge=0, le=1, description="Share of all its words in substantive statements.")
    substantive_share_statements: Series[float] = pa.Field(ge=0, le=1, description="Share of its statements that are substantive.")
    for _section in periods.NAMES:
        __annotations__[period_share_column(_section)] = Series[float]
        vars()[period_share_column(_section)] = _period_share(_section)
    del _section
    plan_boilerplate_share: Series[float] = pa.Field(
        nullable=True,
        ge=0,
        le=1,
        description="Share of its commitment and plan statements that are boilerplate: the 'cheap talk' share of "
        "commitments (Bingler et al. 2022); empty without plans.",
    )
    for _reason in BOILERPLATE_REASONS:
        __annotations__[reason_column(_reason)] = Series[int]
        vars()[reason_column(_reason)] = _reason_count(_reason)
    del _reason

    class Config:
        strict = True
        ordered = True

INITIATIVE_ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
DEPT_LIST_PATTERN = r"^[A-Za-z]+(?:; [A-Za-z]+)*$"
SECTION_LIST_PATTERN = rf"^{periods.NAME_REGEX}(?:; {periods.NAME_REGEX})*$"


class Initiatives(pa.DataFrameModel):
    """`initiatives.csv`: one row per named initiative (and per named unit or organisation, typed as
    such) found in the statements by `analysis.initiatives`, all spellings merged under one canonical
    name. List columns are strings joined with "; ". Sorted by initiative_id."""

    initiative_id: Series[str] = pa.Field(
        unique=True, str_matches=INITIATIVE_ID_PATTERN,
        description="Stable, readable slug of the canonical name, e.g. digital-academy, sprint-dwp-security.",
    )
    name: Series[str] = pa.Field(
        str_length={"min_value": 2},
        description="Canonical name: the first spelling met in page order, with a plural head noun put in the singular "
        "(a participant noun by its scheme: 'Fast Streamers' -> Fast Stream); a possessive owner is not part of it.",
    )
    type: Series[str] = pa.Field(
        isin=NAME_TYPES,
        description="programme, event, network, standard/guidance, strategy/plan, tool/product, project or group (initiatives); "
        "unit or organisation (named, but not initiatives). From head-noun rules: see docs/codebook.md.",
    )
    aliases: Series[str] = pa.Field(
        str_length={"min_value": 1},
        description="Every spelling merged into this name, '; '-joined: surface forms as written (plurals, spelling variants, "
        "acronyms), the possessive form with its owner, the coordinated phrase it was split from, and the canonical name.",
    )
    owner_department: Series[str] = pa.Field(
        nullable=True,
        description="Abbreviation of the department the text says owns it: a possessive ('DWP's Digital Academy') or a "
        "department written into the name ('Home Office Skills Plan'); empty when the text names no owner.",
    )
    departments: Series[str] = pa.Field(
        str_matches=DEPT_LIST_PATTERN,
        description="Abbreviations of the departments whose sections mention it, '; '-joined in gazetteer order.",
    )
    n_mentions: Series[int] = pa.Field(ge=1, description="Number of rows for it in initiative_mentions.")
    first_section: Series[str] = pa.Field(
        isin=periods.NAMES,
        description=f"Earliest period (in the order {periods.NAMES[0]} ... {periods.NAMES[-1]}) in which any department mentions it.",
    )
    sections: Series[str] = pa.Field(
        str_matches=SECTION_LIST_PATTERN, description="Every period in which it is mentioned, '; '-joined in time order."
    )

    class Config:
        strict = True
        ordered = True


class InitiativeMentions(pa.DataFrameModel):
    """`initiative_mentions.csv`: one row per occurrence of a name of `initiatives.csv` in a statement,
    with character offsets into the statement's text. Sorted by statement (table order) and offset."""

    statement_id: Series[str] = pa.Field(str_matches=ID_PATTERN, description="The statement (statements.statement_id).")
    initiative_id: Series[str] = pa.Field(str_matches=INITIATIVE_ID_PATTERN, description="The name mentioned (initiatives.initiative_id).")
    surface: Series[str] = pa.Field(
        str_length={"min_value": 2},
        description="The words as written: text[char_start:char_end] of the statement (an acronym, a plural, "
        "one conjunct of a coordinated phrase ...).",
    )
    char_start: Series[int] = pa.Field(ge=0, description="0-based offset of the first character in the statement's text.")
    char_end: Series[int] = pa.Field(ge=1, description="Offset one past the last character (Python slice end).")

    class Config:
        strict = True
        ordered = True
        unique = ["statement_id", "char_start"]

    @pa.dataframe_check
    def span_is_not_empty(cls, frame):  # noqa: N805
        return frame["char_end"] > frame["char_start"]

_PROGRESS_ID = r"a\d{2}-[A-Za-z]+-" + periods.PROGRESS + r"_20\d\d(-e2012)?(-v\d+)?-\d{3}"
STATEMENT_ID_LIST_PATTERN = rf"^{_PROGRESS_ID}(?:; {_PROGRESS_ID})*$"


class FollowThrough(pa.DataFrameModel):
    """`follow_through.csv`: one row per plan statement (commitment_2012, plan_2014, plan_2015) with the
    status of its *reported* follow-through in the paired progress section (plan_Y -> progress_Y,
    commitment_Y -> progress_{Y+1}; same department and action), built by `analysis.followthrough`.
    Progress sections are the departments' own account, so a status says what was reported, not what
    happened. Rules: docs/codebook.md; method and scores: docs/methods.md."""

    plan_statement_id: Series[str] = pa.Field(unique=True, str_matches=ID_PATTERN, description="The plan statement (statements.statement_id).")
    department: Series[str] = pa.Field(description="Canonical department name.")
    dept_abbr: Series[str] = pa.Field(description="Department abbreviation.")
    action: Series[int] = pa.Field(ge=1, le=99, description="Government Digital Strategy action number.")
    plan_section: Series[str] = pa.Field(
        str_matches=periods.pattern(periods.PLAN_KINDS),
        description=f"Period of the plan: {periods.spelled_out(periods.PLAN_PROGRESS)}.",
    )
    progress_section: Series[str] = pa.Field(
        nullable=True,
        str_matches=periods.pattern([periods.PROGRESS]),
        description="The progress period that reports on it (progress_2013 for commitment_2012, progress_2014 for "
        "plan_2014); empty when no progress period reports on it yet (pending plans, and not-applicable plans of such a period).",
    )
    plan_text: Series[str] = pa.Field(str_length={"min_value": 1}, description="The plan statement, verbatim.")
    plan_testable: Series[bool] = pa.Field(
        description="True when the plan is specific enough to check (names an output, event, product, training, "
        "recruitment, team, named initiative, number or date) and is not a continuation pledge; "
        "'work with', 'support' and 'raise awareness' aims are not testable."
    )
    status: Series[str] = pa.Field(
        isin=FOLLOW_THROUGH_STATUSES,
        description="Final status (an analyst's review, when there is one, else the machine's): delivered (a completed "
        "concrete measure reported for every part), partial (for some parts, or related progress that adds something "
        "specific but is weak: liaison, plans, an earlier measure), echoed (the related progress only restates the plan: "
        "no new name, number or date and little new content), not_reported (nothing related, the related progress says it "
        "was not done or was put off, or a conditional plan whose condition did not arise), not_applicable (the plan says "
        "the action does not apply) or pending (plan_2015).",
    )
    confidence: Series[float] = pa.Field(
        ge=0.5, le=1, description="Confidence of the machine's status: 0.5 at a deciding threshold, 1 at 0.25 or more from "
        "it, 1 for statuses fixed without matching (not applicable, pending, no progress text). Check low ones first."
    )
    evidence_statement_ids: Series[str] = pa.Field(
        nullable=True,
        str_matches=STATEMENT_ID_LIST_PATTERN,
        description="The progress statements the status rests on, statement ids joined with '; ' in id order "
        "(at most 5 per part, highest similarity first); empty when there is none.",
    )
    evidence_text: Series[str] = pa.Field(
        nullable=True, description="The text of those statements, in the same order, joined with ' || '; empty when there is none."
    )
    score: Series[float] = pa.Field(
        ge=0, le=1.0000001,
        description="Highest TF-IDF cosine similarity between the plan and any statement of the paired progress section "
        "(content-word lemmas, department names removed; IDF over the department's statements of the action); 0 when "
        "there is no paired section.",
    )
    shared_terms: Series[str] = pa.Field(
        nullable=True,
        description="Lemmas and names (initiatives, acronyms) that the plan shares with the evidence, joined with '; '.",
    )
    new_terms: Series[str] = pa.Field(
        nullable=True,
        description="What the evidence adds to the plan: names, numbers, dates and content lemmas (tense and auxiliaries "
        "normalised) the plan does not have, joined with '; ' (the novelty that tells delivery from an echo).",
    )
    n_parts: Series[int] = pa.Field(
        ge=1, description="Activities counted in the plan: its bullets for a list lead-in, the coordinated activities of a "
        "testable sentence ('run sprint events and publish case studies' is 2), else 1."
    )
    parts_delivered: Series[int] = pa.Field(ge=0, description="Parts with a concrete new measure reported (delivered needs all of them).")
    plan_is_lead_in: Series[bool] = pa.Field(
        description="True for a list lead-in ('DfE will:') judged on its bullets; summaries skip these (the bullets are counted)."
    )
    status_reason: Series[str] = pa.Field(description="Why the machine gave its status, in words.")
    status_machine: Series[str] = pa.Field(isin=FOLLOW_THROUGH_STATUSES, description="The machine's status, before any review.")
    reviewed_by: Series[str] = pa.Field(
        nullable=True, description="Who reviewed the status (data/reviews/*.csv), with the date; empty when not reviewed."
    )

    class Config:
        strict = True
        ordered = True

    @pa.dataframe_check
    def parts_within_count(cls, frame):  # noqa: N805
        return frame["parts_delivered"] <= frame["n_parts"]

    @pa.dataframe_check
    def evidence_when_reported(cls, frame):  # noqa: N805
        needs = frame["status_machine"].isin(EVIDENCED_STATUSES)
        return ~needs | frame["evidence_statement_ids"].notna()


class FollowThroughDepartments(pa.DataFrameModel):
    """`follow_through_departments.csv`: one row per department and action, counting the plans of
    `follow_through.csv` by status (list lead-ins left out, their bullets counted), with the *reported*
    delivery rate."""

    action: Series[int] = pa.Field(ge=1, le=99, description="Government Digital Strategy action number.")
    department: Series[str] = pa.Field(description="Canonical department name.")
    dept_abbr: Series[str] = pa.Field(description="Department abbreviation.")
    plans: Series[int] = pa.Field(ge=0, description="Plan statements with a progress period to judge them by (pending ones excluded).")
    testable_plans: Series[int] = pa.Field(ge=0, description="Of those, plans specific enough to check (plan_testable).")
    delivered: Series[int] = pa.Field(ge=0, description="Plans with status delivered.")
    partial: Series[int] = pa.Field(ge=0, description="Plans with status partial.")
    echoed: Series[int] = pa.Field(ge=0, description="Plans with status echoed.")
    not_reported: Series[int] = pa.Field(ge=0, description="Plans with status not_reported.")
    not_applicable: Series[int] = pa.Field(ge=0, description="Plans with status not_applicable.")
    pending: Series[int] = pa.Field(ge=0, description="plan_2015 statements (no progress period yet), not counted in plans.")
    testable_delivered_or_partial: Series[int] = pa.Field(ge=0, description="Testable plans with status delivered or partial.")
    delivery_rate: Series[float] = pa.Field(
        nullable=True, ge=0, le=1,
        description="Reported delivery rate: (delivered + partial) / testable plans, counting testable plans only in the "
        "numerator too (so it is a share, as in Thomson et al. 2017); empty when the department has no testable plan.",
    )
    testable_share: Series[float] = pa.Field(
        nullable=True, ge=0, le=1, description="testable_plans / plans; empty when the department has no plan to judge."
    )

    class Config:
        strict = True
        ordered = True
        unique = ["action", "dept_abbr"]


class FollowThroughSections(pa.DataFrameModel):
    """`follow_through_sections.csv`: one row per plan section (a department's plans of one period of one
    action), rolling its plan statements up into one status, so section-level follow-through can be read
    without counting a multi-sentence plan several times (list lead-ins left out, their bullets counted)."""

    action: Series[int] = pa.Field(ge=1, le=99, description="Government Digital Strategy action number.")
    department: Series[str] = pa.Field(description="Canonical department name.")
    dept_abbr: Series[str] = pa.Field(description="Department abbreviation.")
    plan_section: Series[str] = pa.Field(str_matches=periods.pattern(periods.PLAN_KINDS), description="Period of the plans.")
    progress_section: Series[str] = pa.Field(
        nullable=True, str_matches=periods.pattern([periods.PROGRESS]), description="The period reporting on them; empty when none has yet."
    )
    plans: Series[int] = pa.Field(ge=1, description="Plan statements of the section.")
    delivered: Series[int] = pa.Field(ge=0, description="Plans with status delivered.")
    partial: Series[int] = pa.Field(ge=0, description="Plans with status partial.")
    echoed: Series[int] = pa.Field(ge=0, description="Plans with status echoed.")
    not_reported: Series[int] = pa.Field(ge=0, description="Plans with status not_reported.")
    not_applicable: Series[int] = pa.Field(ge=0, description="Plans with status not_applicable.")
    pending: Series[int] = pa.Field(ge=0, description="Plans with status pending.")
    section_status: Series[str] = pa.Field(
        isin=FOLLOW_THROUGH_STATUSES, description="delivered when every applicable plan is delivered; partial when some are delivered "
        "or partial; echoed when the rest only echo; not_reported when none is reported; not_applicable or pending when all are."
    )
    confidence: Series[float] = pa.Field(ge=0.5, le=1, description="Lowest confidence among the plans that decide the section's status.")

    class Config:
        strict = True
        ordered = True
        unique = ["action", "dept_abbr", "plan_section"]


class Restatements(pa.DataFrameModel):
    """`restatements.csv`: both editions side by side. One row per department and action that has both a
    December 2012 response (edition 2012) and a 2015 page's commitment_2012 section restating it (edition
    2015), with how the 2015 text restates the original. Built by `analysis.editions.restatements`;
    sentences are compared with person, tense and names masked. Sorted by action and department."""

    action: Series[int] = pa.Field(ge=1, le=99, description="Government Digital Strategy action number.")
    department: Series[str] = pa.Field(description="Canonical department name.")
    dept_abbr: Series[str] = pa.Field(description="Department abbreviation.")
    kind: Series[str] = pa.Field(
        isin=list(RESTATEMENT_KINDS),
        description="unchanged (every sentence kept in order, differing only in person, tense, names and small wording), "
        "shortened (every 2015 sentence restates a 2012 one but some 2012 sentences were dropped) or rewritten (some 2015 "
        "sentence restates none of the 2012 ones).",
    )
    person_changed: Series[bool] = pa.Field(description="True when the 2012 text is in the first person ('we', 'our') and the 2015 text is not.")
    sentences_2012: Series[int] = pa.Field(ge=1, description="Statements of the 2012 response.")
    sentences_2015: Series[int] = pa.Field(ge=1, description="Statements of the 2015 commitment_2012 section.")
    kept: Series[int] = pa.Field(ge=0, description="2012 sentences restated by a 2015 sentence (analysis.editions.SAME_SENTENCE).")
    similarity: Series[float] = pa.Field(ge=0, le=1, description="Jaccard similarity of the two texts' word sets (names masked, lemmas, no stop words).")
    dropped: Series[str] = pa.Field(nullable=True, description="The 2012 sentences with no 2015 counterpart, ' || '-joined; empty when none.")
    added: Series[str] = pa.Field(nullable=True, description="The 2015 sentences with no 2012 counterpart, ' || '-joined; empty when none.")
    words_dropped: Series[str] = pa.Field(nullable=True, description="Lemmas only in the 2012 text (space-separated); empty when none.")
    words_added: Series[str] = pa.Field(nullable=True, description="Lemmas only in the 2015 text (space-separated); empty when none.")
    source_file_2012: Series[str] = pa.Field(description="File of the 2012 response in data/raw/.")
    source_file_2015: Series[str] = pa.Field(description="File of the 2015 page.")
    truncated_2015: Series[bool] = pa.Field(description="True when the 2015 section is the last of a page that ends mid-text (it may be cut short).")
    text_2012: Series[str] = pa.Field(description="The 2012 response, statements joined with a space.")
    text_2015: Series[str] = pa.Field(description="The 2015 restatement, statements joined with a space.")

    class Config:
        strict = True
        ordered = True
        unique = ["action", "dept_abbr", "source_file_2015"]


# Every table the pipeline writes, with the model that guards it (file stem -> model).
TABLES: dict[str, type[pa.DataFrameModel]] = {
    "statements": Statements,
    "boilerplate": Boilerplate,
    "sections": Sections,
    "departments": Departments,
    "initiatives": Initiatives,
    "initiative_mentions": InitiativeMentions,
    "follow_through": FollowThrough,
    "follow_through_departments": FollowThroughDepartments,
    "follow_through_sections": FollowThroughSections,
    "restatements": Restatements,
}


def model(name: str) -> type[pa.DataFrameModel]:
    """The model of a processed table, by file stem ("boilerplate")."""
    try:
        return TABLES[name]
    except KeyError:
        raise KeyError(f"no processed table named {name!r}: one of {', '.join(TABLES)}") from None


def columns(name: str) -> list[str]:
    """Column names of a processed table, in the order the model gives (and the files have)."""
    return list(model(name).to_schema().columns)


def dtypes(name: str) -> dict[str, object]:
    """Column -> pandas dtype of a processed table, from its model (str columns: pandas' string dtype)."""
    return {column: spec.dtype.type for column, spec in model(name).to_schema().columns.items()}


def nullable(name: str) -> list[str]:
    """Columns of a processed table that may be empty."""
    return [column for column, spec in model(name).to_schema().columns.items() if spec.nullable]


def build(name: str, frame: pd.DataFrame) -> pd.DataFrame:
    """The table in its contract's shape: the model's columns in its order, cast to its dtypes.

    Builds, does not check: `pipeline` validates every table before writing it. Missing columns raise
    KeyError; extra columns are dropped."""
    return frame[columns(name)].astype(dtypes(name))


def empty(name: str) -> pd.DataFrame:
    """A table with no rows, with the model's columns and dtypes."""
    return pd.DataFrame({column: pd.Series(dtype=dtype) for column, dtype in dtypes(name).items()})


def render_data_dictionary() -> str:
    """Markdown for docs/data-dictionary.md, from the models' docstrings and column descriptions."""
    out = [
        "# Data dictionary",
        "",
        "Generated from the pandera models in `src/analysis/schemas.py` by `python -m analysis docs`;",
        "a test fails if this file and the models disagree. Every table in `data/processed/` is validated",
        "against its model before it is written.",
        "",
    ]
    for stem, model in TABLES.items():
        schema = model.to_schema()
        doc = " ".join((model.__doc__ or "").split())
        out += [f"## {stem}", "", doc, "", "| column | type | nullable | description |", "|---|---|---|---|"]
        for name, column in schema.columns.items():
            dtype = str(column.dtype).replace("string[pyarrow]", "str").replace("string[python]", "str")
            out.append(f"| `{name}` | {dtype} | {'yes' if column.nullable else 'no'} | {column.description or ''} |")
        out.append("")
    return "\n".join(out)
