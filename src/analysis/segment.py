"""`Document` sections -> the statements table: one row per sentence or bullet item.

A statement is the unit every analysis scores (docs/methods.md "Units: statements"). Paragraphs are split into
sentences by the shared spaCy pipeline; each bullet item is one statement; the last sentence before
a bullet run is the list's lead-in, flagged, and its bullets point to it by id.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import pandas as pd

from analysis import schemas
from analysis.nlp import get_nlp
from analysis.parse import Document, Section
from analysis.parse.headings import UNKNOWN_SECTION

_WORD = re.compile(r"[^\W_]+(?:['\u2019.\-][^\W_]+)*")


def normalise_whitespace(text: str) -> str:
    return " ".join(text.split())


def count_words(text: str) -> int:
    """Words as a reader counts them: "arm’s-length" is one, "2014" is one, punctuation is none."""
    return len(_WORD.findall(text))


def statement_id(action: int, dept_abbr: str, section: str, position: int, variant: int = 1) -> str:
    """Readable, stable id: a04-DWP-progress_2014-007 (a second, differing copy gets -v2-)."""
    version = f"-v{variant}" if variant > 1 else ""
    return f"a{action:02d}-{dept_abbr}-{section}{version}-{position:03d}"


def sentences(paragraphs: list[str]) -> list[list[str]]:
    """Split each paragraph into sentence texts with the shared pipeline (batched for speed).

    White space is folded first (non-breaking and other Unicode spaces become one space), so a sentence
    boundary written with a non-breaking space is seen by the tokenizer."""
    nlp = get_nlp()
    with nlp.select_pipes(enable=["sentence_rules"]):
        folded = (normalise_whitespace(p) for p in paragraphs)
        return [[normalise_whitespace(s.text) for s in doc.sents if s.text.strip()] for doc in nlp.pipe(folded)]


def section_rows(section: Section, source_file: str, split: list[list[str]], variant: int = 1) -> list[dict]:
    """Rows for one section, given the sentence split of its non-bullet blocks in order."""
    rows: list[dict] = []
    paragraph_sentences = iter(split)
    lead_in_id: str | None = None
    blocks = section.blocks
    for b_index, block in enumerate(blocks):
        next_is_bullet = b_index + 1 < len(blocks) and blocks[b_index + 1].is_bullet
        texts = [normalise_whitespace(block.text)] if block.is_bullet else next(paragraph_sentences)
        if not block.is_bullet:
            lead_in_id = None
        for s_index, text in enumerate(texts):
            position = len(rows) + 1
            sid = statement_id(section.action, section.dept_abbr, section.section, position, variant)
            is_lead_in = (not block.is_bullet) and next_is_bullet and s_index == len(texts) - 1
            rows.append(
                {
                    "statement_id": sid,
                    "source_file": source_file,
                    "action": section.action,
                    "action_title": section.action_title,
                    "department": section.department,
                    "dept_abbr": section.dept_abbr,
                    "section": section.section,
                    "section_kind": section.section_kind,
                    "year": section.year,
                    "heading": section.heading,
                    "position": position,
                    "paragraph": b_index + 1,
                    "is_bullet": block.is_bullet,
                    "is_lead_in": is_lead_in,
                    "list_lead_in_id": lead_in_id if block.is_bullet else None,
                    "text": text,
                    "n_words": count_words(text),
                    "line": block.line,
                }
            )
            if is_lead_in:
                lead_in_id = sid
    return rows


def _section_text(section: Section) -> tuple[str, ...]:
    return tuple(normalise_whitespace(b.text) for b in section.blocks)


def statements(documents: Iterable[Document]) -> tuple[pd.DataFrame, list[str]]:
    """The statements table of several documents, and warnings about overlapping pages.

    A section (action, department, period) reported by two pages with identical text is counted once;
    with differing text both are kept (the later one's ids carry -v2-) and a warning says so.
    """
    documents = list(documents)
    seen: dict[tuple[int, str, str], list[tuple[tuple[str, ...], str]]] = {}
    chosen: list[tuple[Document, Section, int]] = []
    warnings: list[str] = []
    for doc in documents:
        for section in doc.sections:
            text = _section_text(section)
            earlier = seen.setdefault(section.key, [])
            same = next((src for t, src in earlier if t == text), None)
            if same is not None:
                if same != doc.source_file:
                    warnings.append(
                        f"{doc.source_file}: action {section.action} {section.dept_abbr} {section.section} "
                        f"repeats {same} word for word: counted once"
                    )
                continue
            if earlier:
                warnings.append(
                    f"{doc.source_file}:{section.heading_line}: action {section.action} {section.dept_abbr} "
                    f"{section.section} differs from {earlier[0][1]}: both kept (ids with -v{len(earlier) + 1}-)"
                )
            earlier.append((text, doc.source_file))
            chosen.append((doc, section, len(earlier)))

    paragraphs = [b.text for _, section, _ in chosen for b in section.blocks if not b.is_bullet]
    split = iter(sentences(paragraphs))
    rows: list[dict] = []
    for doc, section, variant in chosen:
        n_paragraphs = sum(1 for b in section.blocks if not b.is_bullet)
        rows.extend(section_rows(section, doc.source_file, [next(split) for _ in range(n_paragraphs)], variant))

    frame = pd.DataFrame(rows, columns=schemas.columns("statements"))
    return typed_statements(frame), warnings


def placed(statements: pd.DataFrame) -> pd.DataFrame:
    """Statements with a period, as the analyses take them: the analyses compare periods, so text kept in
    section `unknown` (its period heading missing) stays in the statements table but is left out of them."""
    keep = statements[statements["section"] != UNKNOWN_SECTION].reset_index(drop=True)
    return keep.astype({"year": "int64"})


def typed_statements(frame: pd.DataFrame) -> pd.DataFrame:
    """The schema's columns and dtypes (pandas string dtype, missing where a value may be missing)."""
    frame = schemas.build("statements", frame)
    frame["list_lead_in_id"] = frame["list_lead_in_id"].where(frame["list_lead_in_id"].notna() & (frame["list_lead_in_id"] != "None"), pd.NA)
    return frame.sort_values(["source_file", "action", "line", "position"], kind="stable").reset_index(drop=True)
