"""Raw data is the input exactly as received: the files and hashes in the data logs.

Copied pages are logged by hand in data/raw/README.md (and below); pages stored by `fetch` are
logged automatically in data/raw/fetch-log.csv, whose last row for each file must match it.
"""

from __future__ import annotations

import hashlib

from analysis import fetch, paths

RAW_LOG = {
    "action04-support-improved-digital-capability.txt": "bdab58b8103e8466bdc93f7771e9e90a8a237e5b3ac89998e9a8db078d0d8490",
}


def test_raw_files_match_the_data_log():
    found = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(paths.RAW.glob("*.txt"))}
    assert found == RAW_LOG
    log = (paths.RAW / "README.md").read_text(encoding="utf-8")
    for name, digest in RAW_LOG.items():
        assert name in log and digest in log


def test_fetched_pages_match_the_fetch_log():
    stored = {
        p.relative_to(paths.RAW).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(paths.GOVUK.glob("*.json"))
    }
    logged = {name: row["sha256"] for name, row in fetch.latest_rows(fetch.read_log(paths.FETCH_LOG)).items()}
    assert stored == {name: digest for name, digest in logged.items() if name in stored}, "a stored page differs from its log row"
    assert set(stored) == set(logged), "the fetch log and data/raw/govuk/ list different pages"
