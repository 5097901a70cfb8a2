"""Dependencies: environment.yml pins exactly what requirements.lock pins, for every direct dependency."""

from __future__ import annotations

import re

from analysis import paths


def _lock() -> dict[str, str]:
    pins = {}
    for line in (paths.ROOT / "requirements.lock").read_text().splitlines():
        line = line.split("#")[0].strip()
        if line:
            name, version = line.split("==")
            pins[name.lower().replace("_", "-")] = version
    return pins


def _direct() -> list[str]:
    lines = (paths.ROOT / "requirements.in").read_text().splitlines()
    return [line.split("#")[0].strip().lower() for line in lines if line.split("#")[0].strip()]


def _conda_pins() -> dict[str, str]:
    text = (paths.ROOT / "environment.yml").read_text()
    return {m[1].lower(): m[2] for m in re.finditer(r"^\s*-\s*([A-Za-z0-9_.\-]+)==([^\s#]+)", text, re.M)}


def test_every_lock_line_is_pinned():
    for line in (paths.ROOT / "requirements.lock").read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            assert re.fullmatch(r"[A-Za-z0-9_.\-]+==[^\s]+", line.strip()), line


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
