"""`fetch` against a local HTTP server on 127.0.0.1 serving recorded Content API responses, errors,
a 429 and a timeout. Nothing here touches the network beyond this machine."""

from __future__ import annotations

import csv
import hashlib
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from analysis import fetch, paths, pipeline
from analysis.cli import main
from analysis.parse import ParseError

from . import govuk_api

SEED_PAGES = ["action-04", "dept-dwp"]


class ContentAPI:
    """Scripted answers per path: a list of (status, headers, body, delay) consumed in order, the last repeated."""

    def __init__(self) -> None:
        self.scripts: dict[str, list[tuple[int, dict[str, str], bytes, float]]] = {}
        self.requests: list[tuple[str, dict[str, str]]] = []
        api = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                api.requests.append((self.path, dict(self.headers.items())))
                script = api.scripts.get(self.path) or [(404, {"Content-Type": "application/json"}, b'{"error": "not found"}', 0.0)]
                status, headers, body, delay = script.pop(0) if len(script) > 1 else script[0]
                if headers.get("ETag") and self.headers.get("If-None-Match") == headers["ETag"]:
                    status, body = 304, b""
                if delay:
                    time.sleep(delay)
                try:
                    self.send_response(status)
                    for name, value in headers.items():
                        self.send_header(name, value)
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.server.server_port}/api/content"
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    def serve(self, page_path: str, *answers: tuple) -> None:
        self.scripts["/api/content" + page_path] = [(*a, 0.0)[:4] if len(a) == 3 else a for a in answers]

    def serve_recorded(self, page: str, etag: str = '"v1"') -> bytes:
        body = (govuk_api.FIXTURES / f"{page}.json").read_bytes()
        headers = {"Content-Type": "application/json; charset=utf-8", "ETag": etag, "Last-Modified": "Fri, 16 Jan 2015 09:30:00 GMT"}
        self.serve(path_of(page), (200, headers, body))
        return body


def path_of(page: str) -> str:
    return fetch.Page(page, "", govuk_api.page_urls()[page]).path


@pytest.fixture
def api():
    server = ContentAPI()
    server.thread.start()
    yield server
    server.server.shutdown()
    server.server.server_close()


@pytest.fixture
def raw(tmp_path) -> Path:
    folder = tmp_path / "raw"
    folder.mkdir()
    return folder


def pages(*names: str) -> list[fetch.Page]:
    urls = govuk_api.page_urls()
    return [fetch.Page(n, "action" if n.startswith("action") else "department", urls[n]) for n in names]


def quick(api_base: str, **changes) -> fetch.Settings:
    return fetch.Settings(**{"api_base": api_base, "timeout": 2.0, "retries": 2, "backoff": 0.01, "delay": 0.0, **changes})


def log_rows(raw: Path) -> list[dict[str, str]]:
    with open(raw / "fetch-log.csv", encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


# --- fetching ------------------------------------------------------------------------------------


def test_fetch_stores_responses_unchanged_read_only_and_logged(api, raw):
    bodies = {page: api.serve_recorded(page) for page in SEED_PAGES}
    outcomes = fetch.FetchRun(raw, quick(api.base)).all(pages(*SEED_PAGES))
    assert [o.status for o in outcomes] == ["fetched", "fetched"]
    assert outcomes[0].message.startswith("govuk/action-04.json (")
    for page, body in bodies.items():
        stored = raw / "govuk" / f"{page}.json"
        assert stored.read_bytes() == body
        assert stored.stat().st_mode & 0o777 == 0o444
    rows = log_rows(raw)
    assert [r["file"] for r in rows] == ["govuk/action-04.json", "govuk/dept-dwp.json"]
    first = rows[0]
    recorded = json.loads(bodies["action-04"])
    assert first["url"] == govuk_api.page_urls()["action-04"]
    assert first["api_url"] == api.base + path_of("action-04")
    assert first["content_id"] == recorded["content_id"]
    assert first["public_updated_at"] == recorded["public_updated_at"]
    assert first["sha256"] == hashlib.sha256(bodies["action-04"]).hexdigest()
    assert first["bytes"] == str(len(bodies["action-04"]))
    assert first["etag"] == '"v1"' and first["fetched_at"].endswith("Z")
    _, headers = api.requests[0]
    assert headers["User-Agent"] == fetch.USER_AGENT and "gds-progress-reports-analysis" in headers["User-Agent"]
    assert headers["Accept"] == "application/json"
    assert not list((raw / "govuk").glob(".*"))  # no temporary files left


def test_a_second_run_asks_conditionally_and_writes_nothing(api, raw):
    api.serve_recorded("action-04")
    run = fetch.FetchRun(raw, quick(api.base))
    run.all(pages("action-04"))
    stored = raw / "govuk" / "action-04.json"
    before = (stored.stat().st_mtime_ns, (raw / "fetch-log.csv").read_bytes())
    [again] = run.all(pages("action-04"))
    assert again.status == "current" and "not modified since" in again.message
    assert api.requests[-1][1]["If-None-Match"] == '"v1"'
    assert api.requests[-1][1]["If-Modified-Since"] == "Fri, 16 Jan 2015 09:30:00 GMT"
    assert (stored.stat().st_mtime_ns, (raw / "fetch-log.csv").read_bytes()) == before


def test_a_server_without_conditional_requests_still_skips_an_unchanged_page(api, raw):
    body = (govuk_api.FIXTURES / "dept-dwp.json").read_bytes()
    api.serve(path_of("dept-dwp"), (200, {}, body))
    run = fetch.FetchRun(raw, quick(api.base))
    run.all(pages("dept-dwp"))
    [again] = run.all(pages("dept-dwp"))
    assert again.status == "current" and "unchanged since" in again.message
    assert len(log_rows(raw)) == 1


def test_a_changed_page_is_replaced_and_logged_again(api, raw):
    api.serve_recorded("dept-dwp", etag='"v1"')
    run = fetch.FetchRun(raw, quick(api.base))
    run.all(pages("dept-dwp"))
    changed = json.loads((govuk_api.FIXTURES / "dept-dwp.json").read_bytes())
    changed["details"]["body"] = changed["details"]["body"].replace("future vision", "vision of the future")
    changed["public_updated_at"] = "2015-02-01T10:00:00.000+00:00"
    new_body = json.dumps(changed).encode()
    api.serve(path_of("dept-dwp"), (200, {"ETag": '"v2"'}, new_body))
    [outcome] = run.all(pages("dept-dwp"))
    assert outcome.status == "updated"
    assert (raw / "govuk" / "dept-dwp.json").read_bytes() == new_body
    rows = log_rows(raw)
    assert [r["etag"] for r in rows] == ['"v1"', '"v2"'] and rows[1]["public_updated_at"].startswith("2015-02-01")


def test_429_waits_as_retry_after_says_then_succeeds(api, raw):
    body = (govuk_api.FIXTURES / "dept-dwp.json").read_bytes()
    api.serve(path_of("dept-dwp"), (429, {"Retry-After": "7"}, b"slow down"), (503, {}, b""), (200, {}, body))
    waits: list[float] = []
    client = fetch.Client(quick(api.base), sleep=waits.append)
    [outcome] = fetch.FetchRun(raw, quick(api.base), client=client).all(pages("dept-dwp"))
    assert outcome.status == "fetched"
    assert waits == [7.0, 0.02]  # Retry-After honoured; then back-off (0.01 doubled on the second retry)
    assert (raw / "govuk" / "dept-dwp.json").read_bytes() == body


def test_a_retry_after_longer_than_allowed_gives_up_at_once(api, raw):
    api.serve(path_of("dept-dwp"), (429, {"Retry-After": "3600"}, b""))
    waits: list[float] = []
    client = fetch.Client(quick(api.base), sleep=waits.append)
    [outcome] = fetch.FetchRun(raw, quick(api.base), client=client).all(pages("dept-dwp"))
    assert outcome.status == "failed" and "asks to wait 3600 s" in outcome.message
    assert waits == [] and len(api.requests) == 1


def test_server_errors_are_retried_with_back_off_then_reported(api, raw):
    api.serve(path_of("action-04"), (500, {}, b"oops"))
    waits: list[float] = []
    client = fetch.Client(quick(api.base), sleep=waits.append)
    [outcome] = fetch.FetchRun(raw, quick(api.base), client=client).all(pages("action-04"))
    assert outcome.status == "failed" and outcome.message == "HTTP 500 (server error), 3 attempts"
    assert waits == [0.01, 0.02] and len(api.requests) == 3
    assert not (raw / "govuk").exists() and not (raw / "fetch-log.csv").exists()


def test_a_timeout_is_retried_then_reported(api, raw):
    body = (govuk_api.FIXTURES / "dept-dwp.json").read_bytes()
    api.serve(path_of("dept-dwp"), (200, {}, body, 1.0))
    start = time.perf_counter()
    [outcome] = fetch.FetchRun(raw, quick(api.base, timeout=0.2, retries=1)).all(pages("dept-dwp"))
    assert outcome.status == "failed" and outcome.message == f"no answer from 127.0.0.1:{api.server.server_port} within 0.2 s, 2 attempts"
    assert time.perf_counter() - start < 1.5
    assert not (raw / "govuk").exists()


def test_not_found_and_not_a_page_of_the_series_write_nothing(api, raw):
    api.serve(path_of("action-05"), (200, {}, b"<!doctype html><html><body>Hello</body></html>"))
    outcomes = fetch.FetchRun(raw, quick(api.base)).all(pages("action-01", "action-05"))
    assert [o.status for o in outcomes] == ["failed", "failed"]
    assert outcomes[0].message == f"HTTP 404 (not found) from {api.base}{path_of('action-01')}"
    assert "is not a page of the series" in outcomes[1].message
    assert not (raw / "govuk").exists() and not (raw / "fetch-log.csv").exists()


def test_rate_limit_spaces_requests(api, raw):
    for page in SEED_PAGES:
        api.serve_recorded(page)
    waits: list[float] = []
    client = fetch.Client(quick(api.base, delay=5.0), sleep=waits.append)
    fetch.FetchRun(raw, quick(api.base, delay=5.0), client=client).all(pages(*SEED_PAGES))
    assert len(waits) == 1 and 4.0 < waits[0] <= 5.0


def test_retry_after_as_a_date():
    assert fetch.retry_after("Wed, 21 Oct 2015 07:28:30 GMT", now=1445412480.0) == 30.0
    assert fetch.retry_after("soon") is None and fetch.retry_after("12") == 12.0


# --- the manifest --------------------------------------------------------------------------------


def test_the_manifest_is_seeded_from_the_series_list():
    manifest = fetch.read_manifest(paths.SERIES)
    assert len(manifest) == 30 and len({p.page for p in manifest}) == 30
    assert all(p.url.startswith("https://www.gov.uk/government/publications/") for p in manifest)
    assert {p.kind for p in manifest} == {"action", "department"}


@pytest.mark.parametrize(
    ("text", "message", "line"),
    [
        ("page,url\nx,https://www.gov.uk/a\n", "needs the columns page, kind, url", 1),
        ("page,kind,url\nx,action,https://www.gov.uk/a\nx,action,https://www.gov.uk/b\n", "listed twice", 3),
        ("page,kind,url\nX Y,action,https://www.gov.uk/a\n", "lower-case letters", 2),
        ("page,kind,url\nx,action,www.gov.uk/a\n", "is not the address of a page", 2),
    ],
)
def test_a_bad_manifest_is_one_line_naming_file_and_line(tmp_path, text, message, line):
    manifest = tmp_path / "series.csv"
    manifest.write_text(text)
    with pytest.raises(ParseError) as err:
        fetch.read_manifest(manifest)
    assert message in err.value.message and err.value.line == line


# --- the command, and a build from what it fetched -----------------------------------------------


def write_manifest(path: Path, names: list[str]) -> Path:
    urls = govuk_api.page_urls()
    path.write_text("page,kind,url\n" + "".join(f"{n},x,{urls[n]}\n" for n in names))
    return path


def test_cli_fetch_then_build_reads_the_json(api, raw, tmp_path, capsys, seed_path):
    for page in SEED_PAGES:
        api.serve_recorded(page)
    manifest = write_manifest(tmp_path / "series.csv", [*SEED_PAGES, "action-01"])
    code = main(["fetch", "--manifest", str(manifest), "--raw", str(raw), "--api-base", api.base, "--delay", "0"])
    out, err = capsys.readouterr()
    assert code == 0
    assert "action-04: fetched: govuk/action-04.json (" in out and "85 sections, published 2015-01-16)" in out
    assert err.splitlines() == [f"action-01: failed: HTTP 404 (not found) from {api.base}{path_of('action-01')}"]
    assert out.splitlines()[-1] == f"2 fetched, 0 updated, 0 current, 1 failed of 3 pages ({api.base})"

    code = main(["fetch", "--manifest", str(manifest), "--raw", str(raw), "--api-base", api.base, "--only", "dept-dwp", "--delay", "0"])
    out, _ = capsys.readouterr()
    assert code == 0 and out.splitlines()[0].startswith("dept-dwp: current: not modified since")

    (raw / "action04.txt").write_bytes(seed_path.read_bytes())
    files = pipeline.raw_files(raw)
    assert [f.relative_to(raw).as_posix() for f in files] == ["action04.txt", "govuk/action-04.json", "govuk/dept-dwp.json"]
    _, frame, warnings = pipeline.tidy(files)
    seed = frame[frame["action"] == 4]
    assert len(seed) == 202 and set(seed["source_file"]) == {"action04.txt"} and set(seed["other_sources"]) == {"action-04.json"}
    assert "action-04.json: 85 section(s) repeat action04.txt word for word: counted once" in warnings
    assert set(frame.loc[frame["action"] == 1, "source_file"]) == {"dept-dwp.json"}


def test_cli_fetch_with_nothing_reachable_says_so_per_page_and_exits_2(raw, tmp_path, capsys):
    import socket

    with socket.socket() as s:  # a port on this machine that nothing listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    manifest = write_manifest(tmp_path / "series.csv", SEED_PAGES)
    code = main(["fetch", "--manifest", str(manifest), "--raw", str(raw), "--api-base", f"http://127.0.0.1:{port}/api/content"])
    _, err = capsys.readouterr()
    assert code == 2
    lines = err.splitlines()
    assert lines[:2] == [f"{page}: failed: cannot reach 127.0.0.1:{port} (Connection refused)" for page in SEED_PAGES]
    assert lines[2].startswith("error: no page could be fetched") and len(lines) == 3
    assert not any(raw.iterdir())


def test_cli_fetch_unknown_page_and_bad_manifest_exit_2(tmp_path, capsys):
    manifest = write_manifest(tmp_path / "series.csv", SEED_PAGES)
    assert main(["fetch", "--manifest", str(manifest), "--only", "action-99"]) == 2
    assert capsys.readouterr().err.strip() == f"error: {manifest}: no page named 'action-99' in the manifest"
    assert main(["fetch", "--manifest", str(tmp_path / "missing.csv")]) == 2
    assert "manifest not found" in capsys.readouterr().err


def test_cli_fetch_while_another_fetch_holds_the_folder_is_refused(raw, tmp_path, capsys):
    import fcntl
    import os

    manifest = write_manifest(tmp_path / "series.csv", SEED_PAGES)
    raw.mkdir(parents=True, exist_ok=True)
    fd = os.open(raw, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)  # as a running fetch holds it
        code = main(["fetch", "--manifest", str(manifest), "--raw", str(raw), "--api-base", "http://127.0.0.1:9/api/content"])
    finally:
        os.close(fd)
    assert code == 2
    assert capsys.readouterr().err.strip() == f"error: {raw}: another fetch is writing here; try again when it has finished"
    assert not any(raw.iterdir())
