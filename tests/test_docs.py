"""References from the code to the documentation point at things that exist."""

from __future__ import annotations

import re

from analysis import paths

SOURCES = sorted([*(paths.ROOT / "src" / "analysis").rglob("*.py"), *paths.NOTEBOOKS.glob("*.py")])


def _headings(doc: str) -> set[str]:
    return {m[1].strip() for m in re.finditer(r"^#+\s+(.*)$", (paths.DOCS / doc).read_text(encoding="utf-8"), re.M)}


def test_methods_references_name_real_sections():
    headings = _headings("methods.md")
    cited = {(f.name, m[1]) for f in SOURCES for m in re.finditer(r'docs/methods\.md,? "([^"]+)"', f.read_text(encoding="utf-8"))}
    assert cited, "expected the analyses to cite sections of docs/methods.md"
    missing = sorted(c for c in cited if c[1] not in headings)
    assert not missing, f"docs/methods.md has no such section: {missing}"


def test_no_numbered_methods_references():
    """'METHODS §n' pointed at a numbering docs/methods.md does not have; cite the section by name."""
    stale = [f.name for f in SOURCES if re.search(r"METHODS(\.md)? ?(§|section)", f.read_text(encoding="utf-8"))]
    assert not stale, stale


def test_paths_named_in_the_readme_exist():
    readme = (paths.ROOT / "README.md").read_text(encoding="utf-8")
    named = set(re.findall(r"\b((?:data|docs|tests|notebooks|src|benchmarks)/[\w./-]*[\w/])", readme))
    fetched = tuple(p.relative_to(paths.ROOT).as_posix() for p in (paths.GOVUK, paths.FETCH_LOG))  # written by make fetch
    generated = ("data/processed", "reports", *fetched)
    missing = sorted(p for p in named if not p.startswith(generated) and not (paths.ROOT / p).exists())
    assert not missing, f"README names paths that do not exist: {missing}"
