"""Raw data is the input exactly as received: the files and hashes in the data logs.

Copied pages are logged by hand in data/raw/README.md (and below); pages stored by `fetch` are
logged automatically in data/raw/fetch-log.csv, whose last row for each file must match it.
"""

from __future__ import annotations

import hashlib

from analysis import fetch, paths, pipeline

RAW_LOG = {
    "action04-support-improved-digital-capability.txt": "bdab58b8103e8466bdc93f7771e9e90a8a237e5b3ac89998e9a8db078d0d8490",
    # the December 2012 edition: alphagov/government-digital-strategy @ 9652f246b4c262a12889679d155952e22aca4fe8
    "_action01.md": "62cbcaa83bcc48b6503f627e781779ee27e96e7f8d1d019be899273c00e9b7dd",
    "_action02.md": "52e9d932e381fae73ec51a80320ad4c4305de606e95b15279ee408b24f2f874e",
    "_action03.md": "79a207c8ab5ab57eceaaf429295d187bfe956bb6f5caf7c42e0ce0078b1a5f3f",
    "_action04.md": "2da1fa5ee9471da763288901a94904000de324bd20b62dfacde0b4f2062bc068",
    "_action05.md": "1fd9e143867bdda99ea715eaf30cc2d689cf208ec7c0df942312d4dab796bb9f",
    "_action06.md": "336ddf55fa1f396d7abac906458ea71d690b0748bcd5d1a2b97423e080cf43ae",
    "_action07.md": "5d1440d586b067f5970ea713de15c1f49f59ca755ed7a91e5cf17fd34cc92555",
    "_index.md": "d8f3a3c2d209df65c335ff52ad536621357ae23183a1f000b520ae7aece12394",
}


def test_raw_files_match_the_data_log():
    copied = [p for p in pipeline.raw_files(paths.RAW) if p.parent == paths.RAW]  # fetched pages: their own log, below
    found = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in copied}
    assert found == RAW_LOG
    log = (paths.RAW / "README.md").read_text(encoding="utf-8")
    for name, digest in RAW_LOG.items():
        assert name in log and digest in log
    assert "9652f246b4c262a12889679d155952e22aca4fe8" in log


def test_fetched_pages_match_the_fetch_log():
    stored = {
        p.relative_to(paths.RAW).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(paths.GOVUK.glob("*.json"))
    }
    logged = {name: row["sha256"] for name, row in fetch.latest_rows(fetch.read_log(paths.FETCH_LOG)).items()}
    assert stored == {name: digest for name, digest in logged.items() if name in stored}, "a stored page differs from its log row"
    assert set(stored) == set(logged), "the fetch log and data/raw/govuk/ list different pages"
