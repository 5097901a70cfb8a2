"""Named initiatives: programmes, events, networks, standards, plans, tools, projects and groups.

`extract(statements)` finds every proper-named thing a department reports (docs/methods.md "Named initiatives") and returns
two tables: one row per canonical name (`initiatives`) and one row per occurrence in a statement
(`mentions`). Everything is rule-based, on the project's one spaCy pipeline (`analysis.nlp`), so it
works without a trained model:

1. **Candidates.** A spaCy `Matcher` finds maximal runs of capitalised tokens (title case, acronyms,
   CamelCase, GOV.UK-style domains, numbers after a capitalised word), joined by the connectors
   "of", "and", "for", "in", "by", "&", a hyphen or a colon ("Technology in Business Fast Stream",
   "Cross-Government Transformation Working Group", "Sprint DWP: Security").
2. **Structure of a run.** A sentence-initial ordinary word is dropped ("During BIS's ..."); a
   possessive splits owner from name ("DWP's Digital Academy" -> Digital Academy, owner DWP);
   departments (the gazetteer, `analysis.departments`) cut the run where a connector joins them to
   something else ("Cabinet Office and GDS") but stay as modifiers when written straight into a
   name ("Home Office Skills Plan", "Sprint DWP"); "and" coordinates two names ("Code Club and
   Digital Month") unless its left side is a single plain word ("Digital and Technology Fast Stream").
3. **Types from head nouns.** The last word of a name decides its type (`HEAD_NOUNS`: Academy ->
   programme, Conference -> event, Manual -> standard/guidance ...); a leading series noun makes a
   numbered or named event ("Sprint 14", "Sprint Alpha"); CamelCase words and domains are
   tool/product; participant nouns name their scheme ("Fast Streamers" -> Fast Stream). A name with no
   head of its own takes its type from a generic lower-case noun after it ("Digital Foundation
   programme", "Digital Awareness and Digital Skills learning packages"). Organisation and unit head
   words (Service, Agency, Learning ... / Team, Division, Directorate ...) type the names that are not
   initiatives; departments, places, headings and names with no recognisable head are left out.
4. **Acronyms.** "Full Name (ACR)" is found with Schwartz and Hearst's (2003) algorithm; the acronym
   then stands for the full name everywhere else ("CSL" -> Civil Service Learning).
5. **Canonical names.** Mentions merge on a key that folds case, articles, possessives, plurals,
   hyphenation and spelling variants ("Civil Service Capability Plan" = "Civil Service Capabilities
   Plan"); every surface form is kept as an alias.

Modules, one job each: `extraction` (statements -> names, types, mentions) and `summaries` (the
tables the notebook and report show). No list of the seed page's initiative names is used anywhere: only general vocabularies of head
nouns, organisation and unit words, connectors and calendar words.
"""

from analysis.initiatives.extraction import (
    HEAD_NOUNS,
    INITIATIVE_TYPES,
    LIST_SEPARATOR,
    SERIES_NOUNS,
    SETTINGS,
    TYPE_NOUNS,
    TYPES,
    Mention,
    Settings,
    configured_ner,
    extract,
    find_mentions,
    is_proper_name,
    name_key,
    slug,
)
from analysis.initiatives.summaries import (
    CARRY_STATUSES,
    by_type,
    carry_through,
    carry_through_summary,
    department_matrix,
    initiatives_only,
    mention_context,
    reach,
    split_list,
    timeline,
    unplanned,
)

__all__ = [
    "CARRY_STATUSES", "HEAD_NOUNS", "INITIATIVE_TYPES", "LIST_SEPARATOR", "SERIES_NOUNS", "SETTINGS", "TYPES", "TYPE_NOUNS",
    "Mention", "Settings", "by_type", "carry_through", "carry_through_summary", "configured_ner",
    "department_matrix", "extract", "find_mentions", "initiatives_only", "is_proper_name",
    "mention_context", "name_key", "reach", "slug", "split_list", "timeline", "unplanned",
]
