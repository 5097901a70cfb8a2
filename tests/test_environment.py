"""Dependencies: environment.yml pins exactly what requirements.lock pins, for every direct dependency."""

from __future__ import annotations

import re

from analysis import paths

_PIN = re.compile(r"^([A-Za-z0-9_.\-]+)==([^\s\\]+)(?:\s+\\)?$")
_HASH = re.compile(r"^\s+--hash=sha256:[0-9a-f]{64}(?:\s+\\)?$")


def _lock_lines() -> list[str]:
    """Lines of requirements.lock that are not comments (pip-compile writes '# via' notes)."""
    lines = (paths.ROOT / "requirements.lock").read_text().splitlines()
    return [line for line in lines if line.strip() and not line.lstrip().startswith("#")]


def _lock() -> dict[str, str]:
    pins = {}
    for line in _lock_lines():
        match = _PIN.match(line)
        if match:
            pins[match[1].lower().replace("_", "-")] = match[2]
    return pins


def _direct() -> list[str]:
    lines = (paths.ROOT / "requirements.in").read_text().splitlines()
    return [line.split("#")[0].strip().lower() for line in lines if line.split("#")[0].strip()]


def _conda_pins() -> dict[str, str]:
    text = (paths.ROOT / "environment.yml").read_text()
    return {m[1].lower(): m[2] for m in re.finditer(r"^\s*-\s*([A-Za-z0-9_.\-]+)==([^\s#]+)", text, re.M)}


def test_every_lock_line_is_a_pin_or_a_hash_and_every_pin_has_hashes():
    hashes_of: dict[str, int] = {}
    current = None
    for line in _lock_lines():
        pin = _PIN.match(line)
        if pin:
            current = pin[1]
            hashes_of[current] = 0
        else:
            assert _HASH.match(line) and current, f"neither an exact pin nor a sha256 hash: {line!r}"
            hashes_of[current] += 1
    assert hashes_of, "requirements.lock pins nothing"
    unhashed = [name for name, n in hashes_of.items() if not n]
    assert not unhashed, f"pins without hashes (run make lock): {unhashed}"


def test_direct_dependencies_are_locked():
    lock = _lock()
    missing = [d for d in _direct() if d not in lock]
    assert not missing, f"in requirements.in but not requirements.lock: {missing} (run make lock)"


def test_environment_yml_matches_lock():
    lock, conda = _lock(), _conda_pins()
    assert set(conda) == set(_direct()), "environment.yml must list every direct dependency, and only those"
    wrong = {name: (version, lock.get(name)) for name, version in conda.items() if lock.get(name) != version}
    assert not wrong, f"environment.yml pins differ from requirements.lock: {wrong}"


def test_environment_yml_python_matches_lock_python():
    header = (paths.ROOT / "requirements.lock").read_text().splitlines()[0]
    conda_python = re.search(r"python=(\d+\.\d+)", (paths.ROOT / "environment.yml").read_text())[1]
    assert conda_python in header


def test_pyproject_declares_the_direct_dependencies():
    import tomllib

    project = tomllib.loads((paths.ROOT / "pyproject.toml").read_text())["project"]
    declared = [*project["dependencies"], *(d for extra in project["optional-dependencies"].values() for d in extra)]
    names = sorted(re.split(r"[<>=!~ \[]", d, maxsplit=1)[0].lower() for d in declared)
    assert names == sorted(_direct())
    assert project["requires-python"] == ">=3.11"
