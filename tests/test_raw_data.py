"""Raw data is the input exactly as received: the files and hashes in data/raw/README.md's data log."""

from __future__ import annotations

import hashlib

from analysis import paths

RAW_LOG = {
    "action04-support-improved-digital-capability.txt": "bdab58b8103e8466bdc93f7771e9e90a8a237e5b3ac89998e9a8db078d0d8490",
}


def test_raw_files_match_the_data_log():
    found = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(paths.RAW.glob("*.txt"))}
    assert found == RAW_LOG
    log = (paths.RAW / "README.md").read_text(encoding="utf-8")
    for name, digest in RAW_LOG.items():
        assert name in log and digest in log
