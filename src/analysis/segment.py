"""`Document` sections -> the statements table: one row per sentence or bullet item.

A statement is the unit every analysis scores (docs/methods.md "Units: statements"). Paragraphs are split into
sentences by the shared spaCy pipeline; each bullet item is one statement; the last sentence before
a bullet run is the list's lead-in, flagged, and its bullets point to it by id.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable

import pandas as pd

from analysis import schemas
from analysis.nlp import get_nlp
from analysis.parse import Document, Section
from analysis.parse.headings import UNKNOWN_SECTION

MARKED_EDITION = 2012  # ids of this edition carry -e2012- (the 2015 pages' ids stay as they were)

_WORD = re.compile(r"[^\W_]+(?:['\u2019.\-][^\W_]+)*")


def normalise_whitespace(text: str) -> str:
    return " ".join(text.split())


def count_words(text: str) -> int:
    """Words as a reader counts them: "arm’s-length" is one, "2014" is one, punctuation is none."""
    return len(_WORD.findall(text))


def statement_id(action: int, dept_abbr: str, section: str, position: int, edition: int = 2015) -> str:
    """Readable, stable id: a04-DWP-progress_2014-007; a04-CO-commitment_2012-e2012-001 for the 2012 edition's
    own text of the same section. Each section of an edition is in the table once, however many pages print it."""
    marker = f"-e{edition}" if edition == MARKED_EDITION else ""
    return f"a{action:02d}-{dept_abbr}-{section}{marker}-{position:03d}"


def link_urls(texts: list[str], links: tuple[tuple[int, str], ...]) -> list[list[str]]:
    """The URLs of a block's links, each given to the sentence of `texts` (the block's sentences in order)
    where its words start. Positions count non-space characters, which sentence splitting and white-space
    folding leave unchanged."""
    found: list[list[str]] = [[] for _ in texts]
    ends, total = [], 0
    for text in texts:
        total += len(text) - sum(map(str.isspace, text))
        ends.append(total)
    for at, url in links:
        index = next((i for i, end in enumerate(ends) if at < end), len(texts) - 1)
        if texts:
            found[index].append(url)
    return found


def sentences(paragraphs: list[str]) -> list[list[str]]:
    """Split each paragraph into sentence texts with the shared pipeline (batched for speed).

    White space is folded first (non-breaking and other Unicode spaces become one space), so a sentence
    boundary written with a non-breaking space is seen by the tokenizer."""
    nlp = get_nlp()
    with nlp.select_pipes(enable=["sentence_rules"]):
        folded = [normalise_whitespace(p) for p in paragraphs]
        # a sentence's text sliced from its paragraph by character offsets (`Span.text` joins its tokens again)
        return [
            [normalise_whitespace(sentence) for sentence in (text[s.start_char : s.end_char] for s in doc.sents) if sentence.strip()]
            for text, doc in zip(folded, nlp.pipe(folded), strict=True)
        ]


def section_rows(section: Section, source_file: str, split: list[list[str]]) -> list[dict]:
    """Rows for one section, given the sentence split of its non-bullet blocks in order."""
    rows: list[dict] = []
    paragraph_sentences = iter(split)
    lead_in_id: str | None = None
    blocks = section.blocks
    for b_index, block in enumerate(blocks):
        next_is_bullet = b_index + 1 < len(blocks) and blocks[b_index + 1].is_bullet
        texts = [normalise_whitespace(block.text)] if block.is_bullet else next(paragraph_sentences)
        urls = link_urls(texts, block.links)
        if not block.is_bullet:
            lead_in_id = None
        for s_index, text in enumerate(texts):
            position = len(rows) + 1
            sid = statement_id(section.action, section.dept_abbr, section.section, position, section.edition)
            sources = list(dict.fromkeys(urls[s_index] + ([section.source_url] if section.source_url else [])))
            is_lead_in = (not block.is_bullet) and next_is_bullet and s_index == len(texts) - 1
            rows.append(
                {
                    "statement_id": sid,
                    "source_file": source_file,
                    "edition": section.edition,
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
                    "source_url": "; ".join(sources) or None,
                }
            )
            if is_lead_in:
                lead_in_id = sid
    return rows


def _section_text(section: Section) -> tuple[tuple[str, bool], ...]:
    return tuple((normalise_whitespace(b.text), b.is_bullet) for b in section.blocks)


def _excerpt(words: list[str], start: int) -> str:
    cut = words[max(0, start - 2) : start + 6]
    return ("\u2026" if start > 2 else "") + " ".join(cut) + ("\u2026" if start + 6 < len(words) else "")


def describe_difference(kept: Section, other: Section) -> str:
    """What differs between two copies of a section, in words a reader can check by hand."""
    a, b = _section_text(kept), _section_text(other)
    if [t for t, _ in a] == [t for t, _ in b]:
        return "same words, different bullet structure"
    parts: list[str] = []
    matcher = difflib.SequenceMatcher(a=[t for t, _ in a], b=[t for t, _ in b], autojunk=False)
    for op, a0, a1, b0, b1 in matcher.get_opcodes():
        if op == "equal":
            continue
        if op == "delete":
            parts.append(f"paragraph {a0 + 1}{'' if a1 - a0 == 1 else f'-{a1}'} of the kept copy missing")
        elif op == "insert":
            parts.append(f"{b1 - b0} paragraph(s) not in the kept copy, at {b0 + 1}")
        else:
            old, new = " ".join(t for t, _ in a[a0:a1]).split(), " ".join(t for t, _ in b[b0:b1]).split()
            start = next((i for i, (x, y) in enumerate(zip(old, new, strict=False)) if x != y), min(len(old), len(new)))
            parts.append(f"paragraph {a0 + 1} reads {_excerpt(old, start)!r} in the kept copy, {_excerpt(new, start)!r} in this one")
    return "; ".join(parts[:3]) + (f"; and {len(parts) - 3} more difference(s)" if len(parts) > 3 else "")


def _completeness(copy: tuple[Document, Section]) -> tuple[bool, bool]:
    """Sort key of a section's copy, best first: a truncated download cuts only its page's last section, so
    a copy that is not that last section is whole even on a truncated page; a page that is not truncated
    is trusted most."""
    doc, section = copy
    return (doc.truncated and section is doc.sections[-1], doc.truncated)


def statements(documents: Iterable[Document]) -> tuple[pd.DataFrame, list[str]]:
    """The statements table of several documents, and warnings about overlapping pages.

    A department's response to an action is printed on the action's page and on the department's
    page: each section (action, department, period, edition) is kept once, from the first page read that is
    not truncated (or, when every page is, whose copy is not the cut-off end of its page), and
    `other_sources` names the other pages that give it. Copies that differ are
    reported, with what differs; identical copies get one line per page.
    """
    documents = list(documents)
    copies: dict[tuple[int, str, str], list[tuple[Document, Section]]] = {}
    for doc in documents:
        for section in doc.sections:
            copies.setdefault(section.key, []).append((doc, section))

    chosen: list[tuple[Document, Section, str | None]] = []
    warnings: list[str] = []
    identical: dict[str, list[str]] = {}  # page -> the pages whose identical copies were kept instead
    for key, found in copies.items():
        kept_doc, kept = min(found, key=_completeness)  # min is stable: the first of the most complete copies
        others = sorted({d.source_file for d, _ in found} - {kept_doc.source_file})
        chosen.append((kept_doc, kept, "; ".join(others) or None))
        for doc, section in found:
            if section is kept:
                continue
            if _section_text(section) == _section_text(kept):
                identical.setdefault(doc.source_file, []).append(kept_doc.source_file)
                continue
            cut = " (that page is truncated)" if doc.truncated else ""
            warnings.append(
                f"{doc.source_file}:{section.heading_line}: action {key[0]} {key[1]} {key[2]} differs from "
                f"{kept_doc.source_file}:{kept.heading_line}, whose copy is kept{cut}: {describe_difference(kept, section)}"
            )
    for source, kept_from in identical.items():
        pages = sorted(set(kept_from))
        where = pages[0] if len(pages) == 1 else f"{len(pages)} other pages"
        warnings.append(f"{source}: {len(kept_from)} section(s) repeat {where} word for word: counted once")

    order = {id(doc): i for i, doc in enumerate(documents)}
    chosen.sort(key=lambda item: order[id(item[0])])
    paragraphs = [b.text for _, section, _ in chosen for b in section.blocks if not b.is_bullet]
    split = iter(sentences(paragraphs))
    rows: list[dict] = []
    for doc, section, others in chosen:
        n_paragraphs = sum(1 for b in section.blocks if not b.is_bullet)
        section_rows_ = section_rows(section, doc.source_file, [next(split) for _ in range(n_paragraphs)])
        rows.extend({**row, "other_sources": others} for row in section_rows_)

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
    for column in ("list_lead_in_id", "other_sources", "source_url"):
        frame[column] = frame[column].where(frame[column].notna() & (frame[column] != "None"), pd.NA)
    return frame.sort_values(["source_file", "action", "line", "position"], kind="stable").reset_index(drop=True)
