"""Render synthetic pages of the series from a known structure, in either layout and any house style.

Used by the property-based tests (parse what we rendered, recover exactly what we generated) and by
the benchmarks (a corpus of any size). Nothing here is used by the analyses.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from analysis import periods
from analysis.departments import DEPARTMENTS, Department

# Heading wordings the pages use, by period kind ({y}: the year).
_HEADING_WORDINGS = {
    periods.COMMITMENT: ["Departmental digital strategy commitments (December {y})"],
    periods.PROGRESS: ["Progress during {y}", "Progress in {y}"],
    periods.PLAN: ["Planned activities in {y}", "Planned Activities in {y}"],
}
PERIOD_HEADINGS = {p.name: [w.format(y=p.year) for w in _HEADING_WORDINGS[p.kind]] for p in periods.PERIODS}

WORDS = (
    "digital capability staff training service teams users skills programme events learning data "
    "policy recruitment specialists awareness leaders managers content community guidance design "
    "departments agencies bodies support developed launched piloted trained established held ran "
    "workshops sessions network standard review survey plan academy month fortnight sprint"
).split()


@dataclass
class Paragraph:
    """Sentences of one paragraph; if `bullets` is set, the last sentence is the list's lead-in."""

    sentences: list[str]
    bullets: list[str] = field(default_factory=list)


@dataclass
class SyntheticSection:
    section: str
    paragraphs: list[Paragraph]
    heading: str = ""


@dataclass
class SyntheticBlock:
    """One department's sections (action-major) or one action's sections (department-major)."""

    department: Department
    action: int
    action_title: str
    sections: list[SyntheticSection]


@dataclass
class Style:
    blank_lines: bool = True
    numbered: bool = False
    header_lines: bool = True
    curly_apostrophes: bool = True
    the_prefix: bool = False


def expected_statements(blocks: list[SyntheticBlock]) -> list[tuple[int, str, str, str, bool, bool]]:
    """(action, dept_abbr, section, text, is_bullet, is_lead_in) in page order: what parsing must recover."""
    out = []
    for block in blocks:
        for sec in block.sections:
            for para in sec.paragraphs:
                for i, sentence in enumerate(para.sentences):
                    lead_in = bool(para.bullets) and i == len(para.sentences) - 1
                    out.append((block.action, block.department.abbr, sec.section, sentence, False, lead_in))
                for bullet in para.bullets:
                    out.append((block.action, block.department.abbr, sec.section, bullet, True, False))
    return out


def _dept_heading(dept: Department, style: Style) -> str:
    name = dept.name
    if style.the_prefix and not name.startswith("The "):
        name = "The " + name
    return name if style.curly_apostrophes else name.replace("\u2019", "'")


def render(blocks: list[SyntheticBlock], layout: str, style: Style) -> str:
    """The page text. action-major: one action, blocks are departments; department-major: one
    department, blocks are actions."""
    lines: list[str] = []
    first = blocks[0]
    apostrophe = "\u2019" if style.curly_apostrophes else "'"
    if layout == "action-major":
        if style.header_lines:
            lines += ["Policy paper"]
        lines += [f"Action {first.action}: {first.action_title}", "Updated 16 January 2015"]
        if style.header_lines:
            lines += ["This was published under the 2010 to 2015 Conservative and Liberal Democrat coalition government"]
        lines += ["This action forms part of the Government Digital Strategy.", f"Here{apostrophe}s how departments are responding to this action:"]
    else:
        if style.header_lines:
            lines += ["Corporate report"]
        lines += [f"{first.department.abbr}{apostrophe}s actions in response to the Government Digital Strategy", "Updated 16 January 2015"]
    for b_index, block in enumerate(blocks, start=1):
        if layout == "action-major":
            heading = _dept_heading(block.department, style)
        else:
            heading = f"Action {block.action}: {block.action_title}"
        lines.append(f"{b_index}. {heading}" if style.numbered and layout == "action-major" else heading)
        for s_index, sec in enumerate(block.sections, start=1):
            heading = sec.heading or PERIOD_HEADINGS[sec.section][0]
            lines.append(f"{b_index}.{s_index} {heading}" if style.numbered else heading)
            for para in sec.paragraphs:
                lines.append(" ".join(para.sentences))
                lines += [f"- {b}" for b in para.bullets]
    if style.blank_lines:
        return "\n\n".join(lines) + "\n"
    return "\n".join(lines) + "\n"


def random_sentence(rng: random.Random, n_words: int | None = None) -> str:
    n = n_words or rng.randint(4, 18)
    words = [rng.choice(WORDS) for _ in range(n)]
    if rng.random() < 0.3:
        words.insert(rng.randrange(len(words)), str(rng.randint(2, 400)))
    return words[0].capitalize() + " " + " ".join(words[1:]) + "."


def random_page(
    rng: random.Random, layout: str = "action-major", n_blocks: int = 17, action: int = 4
) -> tuple[str, list[SyntheticBlock]]:
    """A random page of realistic size (for benchmarks); an action-major page is about `action`, a
    department-major page about actions 1, 2, ..."""
    blocks = []
    depts = rng.sample(DEPARTMENTS, k=min(n_blocks, len(DEPARTMENTS)))
    page_dept = depts[0]
    n_blocks = len(depts) if layout == "action-major" else rng.randint(5, 16)
    for i in range(n_blocks):
        sections = []
        for section in PERIOD_HEADINGS:
            paragraphs = [Paragraph([random_sentence(rng) for _ in range(rng.randint(1, 4))]) for _ in range(rng.randint(1, 3))]
            if rng.random() < 0.15:
                paragraphs[-1].sentences[-1] = paragraphs[-1].sentences[-1][:-1] + " will:"
                paragraphs[-1].bullets = [random_sentence(rng)[:-1].lower() for _ in range(rng.randint(2, 5))]
            sections.append(SyntheticSection(section, paragraphs, rng.choice(PERIOD_HEADINGS[section])))
        dept = depts[i] if layout == "action-major" else page_dept
        action_no = action if layout == "action-major" else i + 1
        blocks.append(SyntheticBlock(dept, action_no, "support improved digital capability across departments", sections))
    return render(blocks, layout, Style(blank_lines=rng.random() < 0.5, numbered=rng.random() < 0.2)), blocks


# --- the December 2012 edition's Markdown dialect ---------------------------------------------------


@dataclass
class Style2012:
    """House-style choices of the 2012 edition's Markdown files (all seen in the real files)."""

    blank_lines: int = 1  # blank lines between furniture lines (the files vary: 0 to 3)
    br_spacing: str = ""  # "" -> "Department for<br>Education"; " " -> "Attorney <br> General's"
    ampersand: bool = True  # "& Skills" for "and Skills"
    read_more: str = "space"  # "space": "… services. [Read more »](url)"; "attached": "services.[Read more »](url)"; "none"
    link_every: int = 0  # put the n-th word of each sentence inside an inline link (0: no inline links)


def _heading_2012(dept: Department, style: Style2012) -> str:
    name = dept.name.replace(",", "")
    if style.ampersand:
        name = name.replace(" and ", " & ")
    words = name.split()
    chunks = [" ".join(words[i : i + 2]) for i in range(0, len(words), 2)]
    return "##" + f"{style.br_spacing}<br>{style.br_spacing}".join(chunks)


def link_words(sentence: str, every: int, url: str) -> str:
    """The sentence with its `every`-th word written as a Markdown link (words unchanged once the link is read)."""
    if every <= 0:
        return sentence
    words = sentence.split(" ")
    i = min(every, len(words)) - 1
    word = words[i]
    core = word.rstrip(".!?:")
    if not core:
        return sentence
    words[i] = f"[{core}]({url}){word[len(core):]}"
    return " ".join(words)


def render_2012(blocks: list[SyntheticBlock], style: Style2012) -> str:
    """One `_actionNN.md` file: one action, a `{div .department}` per block; each block's sections must be
    a single `commitment_2012` section (the edition has no periods)."""
    gap = [""] * style.blank_lines
    first = blocks[0]
    lines = ["{{DEPARTMENTRESPONSE}}", "", f"#Action {first.action:02d}: {first.action_title}", *gap, "{div .section}", *gap, "{navigation}", *gap]
    lines += ["Here's how departments are responding to this action:", *gap]
    for b_index, block in enumerate(blocks):
        lines += ["{div .department}", _heading_2012(block.department, style), "{: .logo-single}", "{div .statement}"]
        paragraphs = [p for sec in block.sections for p in sec.paragraphs]
        for p_index, para in enumerate(paragraphs):
            text = " ".join(link_words(s, style.link_every, f"http://example.gov.uk/{b_index}/{p_index}/{i}") for i, s in enumerate(para.sentences))
            last = p_index == len(paragraphs) - 1 and not para.bullets
            if last and style.read_more != "none":
                text += ("" if style.read_more == "attached" else " ") + f"[Read more \u00bb](http://example.gov.uk/strategy/{b_index})"
            lines.append(text)
            if para.bullets:
                lines.append("")
                lines += [f"- {b}" for b in para.bullets]
                if p_index == len(paragraphs) - 1 and style.read_more != "none":  # a list ends the response: link on its own
                    lines += ["", f"[Read more \u00bb](http://example.gov.uk/strategy/{b_index})"]
            if p_index < len(paragraphs) - 1:
                lines.append("")
        lines += ["{/div}", "{/div}", *gap]
    lines += ["{navigation}", "", "{/div}"]
    return "\n".join(lines) + "\n"
