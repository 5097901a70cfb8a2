"""Pandera models of every processed table: the data contract, validated before anything is written.

Each column's `description` is the text of `docs/data-dictionary.md`, which `render_data_dictionary`
generates (and a test checks is current), so the documentation cannot drift from the checks.
"""

from __future__ import annotations

import pandera.pandas as pa
from pandera.typing.pandas import Series

SECTIONS = ["commitment_2012", "progress_2013", "plan_2014", "progress_2014", "plan_2015"]
SECTION_PATTERN = r"^(commitment|progress|plan)_20\d\d$"
ID_PATTERN = r"^a\d{2}-[A-Za-z]+-(commitment|progress|plan)_20\d\d(-v\d+)?-\d{3}$"


class Statements(pa.DataFrameModel):
    """`statements.parquet` / `statements.csv`: one row per statement (a sentence of a paragraph, or a
    bullet item) of every department section of every page in `data/raw/`."""

    statement_id: Series[str] = pa.Field(
        unique=True,
        str_matches=ID_PATTERN,
        description="Stable, readable id: a{action}-{dept_abbr}-{section}-{position}, e.g. a04-DWP-progress_2014-007. "
        "A second page giving different text for the same section gets -v2- before the position.",
    )
    source_file: Series[str] = pa.Field(description="File name in data/raw/ the statement was read from.")
    action: Series[int] = pa.Field(ge=1, le=99, description="Government Digital Strategy action number.")
    action_title: Series[str] = pa.Field(description="The action's wording after 'Action N:' in its heading.")
    department: Series[str] = pa.Field(description="Canonical department name from the gazetteer (analysis.departments).")
    dept_abbr: Series[str] = pa.Field(description="Standard abbreviation of the department (DWP, HMT, HO ...).")
    section: Series[str] = pa.Field(
        str_matches=SECTION_PATTERN,
        description="Period of the update: commitment_2012 (December 2012 commitments), progress_2013, plan_2014, "
        "progress_2014 or plan_2015.",
    )
    section_kind: Series[str] = pa.Field(isin=["commitment", "progress", "plan"], description="commitment, progress or plan.")
    year: Series[int] = pa.Field(ge=2012, le=2016, description="Year of the period (2012 for the December 2012 commitments).")
    heading: Series[str] = pa.Field(description="The period heading exactly as the page gives it.")
    position: Series[int] = pa.Field(ge=1, description="1-based order of the statement within its section.")
    paragraph: Series[int] = pa.Field(ge=1, description="1-based index of the source line (paragraph or bullet item) within the section.")
    is_bullet: Series[bool] = pa.Field(description="True for a bullet item of a list.")
    is_lead_in: Series[bool] = pa.Field(description="True for the sentence that introduces a bullet list ('DfE will:').")
    list_lead_in_id: Series[str] = pa.Field(
        nullable=True, str_matches=ID_PATTERN, description="For a bullet, the statement_id of its list's lead-in; empty otherwise."
    )
    text: Series[str] = pa.Field(str_length={"min_value": 1}, description="The statement, verbatim, with runs of white space folded to one space.")
    n_words: Series[int] = pa.Field(ge=0, description="Words in the statement (punctuation not counted).")
    line: Series[int] = pa.Field(ge=1, description="1-based line number in source_file where the statement's paragraph or bullet is.")

    class Config:
        strict = True
        ordered = True


# [boilerplate] models of the boilerplate, sections and departments tables go here

# [initiatives] models of the initiatives and initiative_mentions tables go here
INITIATIVE_TYPES = [
    "programme", "event", "network", "standard/guidance", "strategy/plan", "tool/product", "project", "group", "unit", "organisation",
]
INITIATIVE_ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
DEPT_LIST_PATTERN = r"^[A-Za-z]+(?:; [A-Za-z]+)*$"
SECTION_LIST_PATTERN = r"^(commitment|progress|plan)_20\d\d(?:; (commitment|progress|plan)_20\d\d)*$"


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
        isin=INITIATIVE_TYPES,
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
        isin=SECTIONS, description="Earliest period (in the order commitment_2012 ... plan_2015) in which any department mentions it."
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

# [followthrough] models of the follow_through tables go here


# Every table the pipeline writes, with the model that guards it (file stem -> model).
TABLES: dict[str, type[pa.DataFrameModel]] = {
    "statements": Statements,
    # [boilerplate] register tables here
    # [initiatives] register tables here
    "initiatives": Initiatives,
    "initiative_mentions": InitiativeMentions,
    # [followthrough] register tables here
}


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
