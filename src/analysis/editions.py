"""Both editions side by side: how the January 2015 pages restate the departments' December 2012 responses.

Where a department's 2012 response to an action (edition 2012) and the 2015 page's "commitments
(December 2012)" section for the same department and action (edition 2015) both exist, the two are
paired sentence by sentence and the restatement is called:

- ``unchanged``: every sentence is kept, in order, and each differs only in person, tense, names and
  small wording ("We will review our …" -> "It will review its …"; at least `SAME_SENTENCE` alike);
- ``shortened``: every 2015 sentence restates a 2012 one, but some 2012 sentences were dropped (listed);
- ``rewritten``: some 2015 sentence restates no 2012 sentence (listed), or the order changed.

Sentences are compared on their `boilerplate.shape` (department, GDS and Cabinet Office names masked,
auxiliaries, pronouns and other stop words removed, lemmatised), which is what makes person and tense
invisible. Pure functions: a statements table in, a table out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from analysis import schemas
from analysis.boilerplate import jaccard, shape
from analysis.text import CENTRE, DEPT, SERIES
from analysis.vocabulary import RESTATEMENT_KINDS

SAME_SENTENCE = 0.6
"""Two sentences are the same sentence restated when the Jaccard similarity of their shape words reaches this:
in the real pairs a restated sentence scores 0.75 or more and different sentences of a response under 0.3."""

KINDS = RESTATEMENT_KINDS
ORIGINAL, RESTATED = 2012, 2015


_FIRST_PERSON = re.compile(r"\b(?:we|our|ours|us|ourselves)\b", re.IGNORECASE)


def words(text: str) -> frozenset[str]:
    """The words compared: the sentence's shape as a set."""
    return frozenset(shape(text))


def _shown(vocabulary: frozenset[str]) -> str | None:
    """Words for a reader: placeholders of masked names left out (a name spelt out where 'we' stood is no edit)."""
    return " ".join(sorted(vocabulary - {CENTRE, DEPT, SERIES})) or None


def first_person(texts: list[str]) -> bool:
    return any(_FIRST_PERSON.search(t) for t in texts)


@dataclass(frozen=True)
class Alignment:
    """Which 2015 sentence restates which 2012 sentence (index pairs, in order), and their similarities."""

    pairs: tuple[tuple[int, int, float], ...]
    dropped: tuple[int, ...]  # 2012 sentences with no counterpart
    added: tuple[int, ...]  # 2015 sentences with no counterpart


def align(original: list[str], restated: list[str], threshold: float = SAME_SENTENCE) -> Alignment:
    """Monotone alignment of two sentence lists maximising total similarity (a small dynamic programme);
    a pair counts only when its similarity reaches `threshold`."""
    a = [words(t) for t in original]
    b = [words(t) for t in restated]
    n, m = len(a), len(b)
    sim = [[jaccard(x, y) for y in b] for x in a]
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            take = sim[i][j] + best[i + 1][j + 1] if sim[i][j] >= threshold else -1.0
            best[i][j] = max(take, best[i + 1][j], best[i][j + 1])
    pairs, i, j = [], 0, 0
    while i < n and j < m:
        if sim[i][j] >= threshold and best[i][j] == sim[i][j] + best[i + 1][j + 1]:
            pairs.append((i, j, round(sim[i][j], 4)))
            i, j = i + 1, j + 1
        elif best[i][j] == best[i + 1][j]:
            i += 1
        else:
            j += 1
    kept_a = {p[0] for p in pairs}
    kept_b = {p[1] for p in pairs}
    return Alignment(tuple(pairs), tuple(k for k in range(n) if k not in kept_a), tuple(k for k in range(m) if k not in kept_b))


def classify_restatement(original: list[str], restated: list[str], threshold: float = SAME_SENTENCE) -> tuple[str, Alignment]:
    """The kind of restatement (see the module docstring) and the alignment it rests on."""
    alignment = align(original, restated, threshold)
    if alignment.added or not alignment.pairs:
        return "rewritten", alignment
    if alignment.dropped:
        return "shortened", alignment
    return "unchanged", alignment


def restatements(statements: pd.DataFrame, truncated_files: frozenset[str] = frozenset()) -> pd.DataFrame:
    """One row per department x action with both a 2012 response and a 2015 commitment_2012 section.

    `truncated_files` names 2015 pages that end mid-text: a pair whose 2015 section is the last of such a
    page is flagged `truncated_2015` (its "dropped" sentences may only be cut off).
    """
    if "edition" not in statements.columns:
        return schemas.empty("restatements")
    frame = statements[statements["section"] == "commitment_2012"].sort_values(["source_file", "line", "position"], kind="stable")
    rows = []
    originals = frame[frame["edition"] == ORIGINAL]
    restated_all = frame[frame["edition"] == RESTATED]
    last_in_file = statements.sort_values(["line", "position"], kind="stable").groupby("source_file")[["action", "dept_abbr", "section"]].last()
    for (action, dept), before in originals.groupby(["action", "dept_abbr"], sort=True):
        after_all = restated_all[(restated_all["action"] == action) & (restated_all["dept_abbr"] == dept)]
        for source_2015, after in after_all.groupby("source_file", sort=True):
            a, b = list(before["text"]), list(after["text"])
            kind, alignment = classify_restatement(a, b)
            words_a = frozenset().union(*(words(t) for t in a))
            words_b = frozenset().union(*(words(t) for t in b))
            last = last_in_file.loc[source_2015] if source_2015 in last_in_file.index else None
            is_last = last is not None and (last["action"], last["dept_abbr"], last["section"]) == (action, dept, "commitment_2012")
            truncated = source_2015 in truncated_files and is_last
            rows.append(
                {
                    "action": int(action),
                    "department": before["department"].iloc[0],
                    "dept_abbr": dept,
                    "kind": kind,
                    "person_changed": first_person(a) and not first_person(b),
                    "sentences_2012": len(a),
                    "sentences_2015": len(b),
                    "kept": len(alignment.pairs),
                    "similarity": round(jaccard(words_a, words_b), 4),
                    "dropped": " || ".join(a[i] for i in alignment.dropped) or pd.NA,
                    "added": " || ".join(b[j] for j in alignment.added) or pd.NA,
                    "words_dropped": _shown(words_a - words_b),
                    "words_added": _shown(words_b - words_a),
                    "source_file_2012": before["source_file"].iloc[0],
                    "source_file_2015": source_2015,
                    "truncated_2015": bool(truncated),
                    "text_2012": " ".join(a),
                    "text_2015": " ".join(b),
                }
            )
    out = pd.DataFrame(rows, columns=schemas.columns("restatements"))
    return _typed(out.sort_values(["action", "dept_abbr", "source_file_2015"], kind="stable").reset_index(drop=True))


def _typed(frame: pd.DataFrame) -> pd.DataFrame:
    return schemas.build("restatements", frame)
