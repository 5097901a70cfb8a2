"""Download the series' pages from the GOV.UK Content API into `data/raw/govuk/`, with their data log.

The one part of the project that uses the network (`python -m analysis fetch`, `make fetch`); the
build only reads what this stored. Each page of the manifest (`data/raw/series.csv`: page, kind, url)
is requested as `<api base><path of its url>` and the response is stored byte for byte as
`govuk/<page>.json`, read-only, after checking that it reads as a page of the series; a row in
`fetch-log.csv` records where and when it came from and its SHA-256.

Polite by default: a User-Agent naming the project, a timeout, at most one request per `delay`
seconds, retries with exponential back-off on 429 and 5xx (honouring Retry-After), and conditional
requests (If-None-Match / If-Modified-Since from the log), so a page that has not changed is not
downloaded again. A response is written whole or not at all.
"""

from __future__ import annotations

import contextlib
import csv
import email.utils
import fcntl
import hashlib
import http
import http.client
import io
import os
import re
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from analysis import paths
from analysis.outputs import write_atomic
from analysis.parse import ParseError, parse_bytes

API_BASE = "https://www.gov.uk/api/content"
USER_AGENT = "gds-progress-reports-analysis/0.1 (text analysis of the Government Digital Strategy progress reports; Python urllib)"
MANIFEST_COLUMNS = ["page", "kind", "url"]
LOG_COLUMNS = ["file", "page", "url", "api_url", "content_id", "public_updated_at", "fetched_at", "etag", "last_modified", "bytes", "sha256"]
RETRY_STATUSES = {429, 500, 502, 503, 504}
_PAGE_NAME = re.compile(r"^[a-z0-9][a-z0-9-]*$")


@dataclass(frozen=True)
class Page:
    """A row of the manifest: the name its file gets, action or department page, its GOV.UK address."""

    page: str
    kind: str
    url: str

    @property
    def path(self) -> str:
        return urllib.parse.urlsplit(self.url).path

    @property
    def file_name(self) -> str:
        return f"{self.page}.json"


@dataclass
class Settings:
    api_base: str = API_BASE
    timeout: float = 30.0  # seconds for one request
    retries: int = 3  # further attempts after a 429, a 5xx or a timeout
    backoff: float = 2.0  # seconds before the first retry; doubles each time
    max_wait: float = 120.0  # longest wait accepted from a Retry-After
    delay: float = 1.0  # at least this many seconds between requests (rate limit)
    user_agent: str = USER_AGENT


@dataclass
class Outcome:
    """What happened to one page: fetched (new or changed), current (nothing to download) or failed."""

    page: str
    status: str
    message: str
    path: Path | None = None

    @property
    def ok(self) -> bool:
        return self.status != "failed"

    def line(self) -> str:
        return f"{self.page}: {self.status}: {self.message}"


class FetchError(Exception):
    """A page could not be fetched; the message is the one line the user sees."""


@dataclass
class Response:
    status: int
    headers: dict[str, str]
    body: bytes


# --- the manifest and the data log ---------------------------------------------------------------


def read_manifest(path: Path = paths.SERIES) -> list[Page]:
    """The pages to fetch. A malformed manifest is a ParseError naming the file and line."""
    path = Path(path)
    if not path.is_file():
        raise ParseError(str(path), "manifest not found" if not path.exists() else "manifest is not a file")
    reader = csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig")))
    if reader.fieldnames is None or not set(MANIFEST_COLUMNS) <= set(reader.fieldnames):
        raise ParseError(str(path), f"manifest needs the columns {', '.join(MANIFEST_COLUMNS)}", 1)
    pages: list[Page] = []
    seen: set[str] = set()
    for n, row in enumerate(reader, start=2):
        page, kind, url = ((row.get(c) or "").strip() for c in MANIFEST_COLUMNS)
        if not page and not url:
            continue
        if not _PAGE_NAME.match(page):
            raise ParseError(str(path), f"page name {page!r} must be lower-case letters, digits and hyphens", n)
        if page in seen:
            raise ParseError(str(path), f"page {page!r} listed twice", n)
        parts = urllib.parse.urlsplit(url)
        if parts.scheme not in {"http", "https"} or not parts.netloc or parts.path in {"", "/"}:
            raise ParseError(str(path), f"{url!r} is not the address of a page (https://www.gov.uk/...)", n)
        seen.add(page)
        pages.append(Page(page, kind, url))
    return pages


def read_log(path: Path) -> list[dict[str, str]]:
    if not Path(path).exists():
        return []
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def latest_rows(rows: list[dict[str, str]]) -> dict[str, dict[str, str]]:
    """The last row of the log for each file: the version stored now."""
    return {row["file"]: row for row in rows}


def _write_log(path: Path, rows: list[dict[str, str]]) -> None:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=LOG_COLUMNS, lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    write_atomic(path, lambda tmp: tmp.write_bytes(buffer.getvalue().encode("utf-8")))


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# --- HTTP, politely --------------------------------------------------------------------------------


def retry_after(value: str | None, now: float | None = None) -> float | None:
    """Seconds to wait from a Retry-After header: a number of seconds, or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, when.timestamp() - (time.time() if now is None else now))


class Client:
    """GET with a User-Agent, a timeout, a minimum interval between requests and retries with back-off."""

    def __init__(self, settings: Settings, sleep: Callable[[float], None] = time.sleep, clock: Callable[[], float] = time.monotonic):
        self.settings, self.sleep, self.clock = settings, sleep, clock
        self._last_request: float | None = None

    def _wait_turn(self) -> None:
        if self._last_request is not None:
            wait = self.settings.delay - (self.clock() - self._last_request)
            if wait > 0:
                self.sleep(wait)
        self._last_request = self.clock()

    def _once(self, url: str, headers: dict[str, str]) -> Response:
        self._wait_turn()
        request = urllib.request.Request(url, headers={"User-Agent": self.settings.user_agent, "Accept": "application/json", **headers})
        try:
            with urllib.request.urlopen(request, timeout=self.settings.timeout) as reply:
                return Response(reply.status, dict(reply.headers.items()), reply.read())
        except urllib.error.HTTPError as err:
            body = err.read() if err.fp is not None else b""
            return Response(err.code, dict(err.headers.items()) if err.headers else {}, body)

    def get(self, url: str, headers: dict[str, str] | None = None) -> Response:
        """The response (any status but 429/5xx, which are retried); FetchError when none came."""
        host = urllib.parse.urlsplit(url).netloc
        attempts = self.settings.retries + 1
        for attempt in range(attempts):
            last = attempt == attempts - 1
            try:
                response = self._once(url, headers or {})
            except urllib.error.URLError as err:
                if not isinstance(err.reason, TimeoutError):
                    self._last_request = None  # nothing reached the server: the next request need not wait
                    reason = getattr(err.reason, "strerror", None) or str(err.reason)
                    raise FetchError(f"cannot reach {host} ({reason})") from None
                problem, wait = f"no answer from {host} within {self.settings.timeout:g} s", None
            except TimeoutError:
                problem, wait = f"no answer from {host} within {self.settings.timeout:g} s", None
            except (ConnectionError, http.client.HTTPException) as err:
                problem, wait = f"connection to {host} broken ({type(err).__name__})", None
            else:
                if response.status not in RETRY_STATUSES:
                    return response
                problem = f"HTTP {response.status}" + (" (too many requests)" if response.status == 429 else " (server error)")
                wait = retry_after(response.headers.get("Retry-After"))
                if wait is not None and wait > self.settings.max_wait:
                    raise FetchError(f"{problem}: the server asks to wait {wait:.0f} s, more than {self.settings.max_wait:g} s")
            if last:
                raise FetchError(f"{problem}, {attempts} attempts")
            self.sleep(wait if wait is not None else self.settings.backoff * 2**attempt)
        raise AssertionError("unreachable")


# --- fetching the series -------------------------------------------------------------------------------


def _phrase(status: int) -> str:
    try:
        return f" ({http.HTTPStatus(status).phrase.lower()})"
    except ValueError:
        return ""


def api_url(page: Page, api_base: str) -> str:
    return api_base.rstrip("/") + urllib.parse.quote(page.path, safe="/%")


def _conditional_headers(stored: Path, row: dict[str, str] | None) -> dict[str, str]:
    """Ask only for a newer version when the stored file is the one the log describes."""
    if row is None or not stored.exists() or sha256(stored.read_bytes()) != row.get("sha256"):
        return {}
    headers = {}
    if row.get("etag"):
        headers["If-None-Match"] = row["etag"]
    if row.get("last_modified"):
        headers["If-Modified-Since"] = row["last_modified"]
    return headers


@dataclass
class FetchRun:
    """Fetch pages into `raw_dir`/govuk/ and log them in `raw_dir`/fetch-log.csv."""

    raw_dir: Path = paths.RAW
    settings: Settings = field(default_factory=Settings)
    client: Client | None = None
    now: Callable[[], datetime] = lambda: datetime.now(UTC)

    def __post_init__(self) -> None:
        self.raw_dir = Path(self.raw_dir)
        self.folder = self.raw_dir / paths.GOVUK.name
        self.log_path = self.raw_dir / paths.FETCH_LOG.name
        self.client = self.client or Client(self.settings)

    def one(self, page: Page) -> Outcome:
        stored = self.folder / page.file_name
        rows = read_log(self.log_path)
        row = latest_rows(rows).get(f"{self.folder.name}/{page.file_name}")
        url = api_url(page, self.settings.api_base)
        try:
            response = self.client.get(url, _conditional_headers(stored, row))
        except FetchError as err:
            return Outcome(page.page, "failed", str(err))
        if response.status == 304:
            return Outcome(page.page, "current", f"not modified since {row['fetched_at']}", stored)
        if response.status != 200:
            return Outcome(page.page, "failed", f"HTTP {response.status}{_phrase(response.status)} from {url}")
        try:
            document = parse_bytes(response.body, page.file_name)
        except ParseError as err:
            return Outcome(page.page, "failed", f"the answer from {url} is not a page of the series: {err.message}")
        digest = sha256(response.body)
        if stored.exists() and row is not None and row.get("sha256") == digest == sha256(stored.read_bytes()):
            return Outcome(page.page, "current", f"unchanged since {row['fetched_at']}", stored)
        meta = document.metadata
        new_row = {
            "file": f"{self.folder.name}/{page.file_name}",
            "page": page.page,
            "url": page.url,
            "api_url": url,
            "content_id": meta.get("content_id", ""),
            "public_updated_at": meta.get("public_updated_at", ""),
            "fetched_at": self.now().strftime("%Y-%m-%dT%H:%M:%SZ"),
            "etag": response.headers.get("ETag", ""),
            "last_modified": response.headers.get("Last-Modified", ""),
            "bytes": str(len(response.body)),
            "sha256": digest,
        }
        verb = "updated" if stored.exists() else "fetched"
        write_atomic(stored, lambda tmp: tmp.write_bytes(response.body), mode=0o444)
        _write_log(self.log_path, [*rows, new_row])
        return Outcome(
            page.page,
            verb,
            f"{new_row['file']} ({len(response.body):,} bytes, {len(document.sections)} sections, "
            f"published {meta.get('public_updated_at', 'date unknown')[:10]})",
            stored,
        )

    def all(self, pages: list[Page]) -> list[Outcome]:
        return [self.one(page) for page in pages]


@contextlib.contextmanager
def exclusive(raw_dir: Path) -> Iterator[None]:
    """Hold a lock on `raw_dir` itself (no lock file: a fetch that finds nothing writes nothing), so that two
    fetches cannot interleave their writes to the log; a second fetch is refused with a FetchError."""
    raw_dir.mkdir(parents=True, exist_ok=True)
    fd = os.open(raw_dir, os.O_RDONLY)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise FetchError(f"{raw_dir}: another fetch is writing here; try again when it has finished") from None
        yield
    finally:
        os.close(fd)  # closing the descriptor releases the lock


def select(pages: list[Page], only: list[str] | None, manifest: Path) -> list[Page]:
    """The pages named by --only (all when none is named); an unknown name is a ParseError."""
    if not only:
        return pages
    unknown = [name for name in only if name not in {p.page for p in pages}]
    if unknown:
        raise ParseError(str(manifest), f"no page named {', '.join(map(repr, unknown))} in the manifest")
    return [p for p in pages if p.page in set(only)]
