"""URL -> stored page: a careful HTTP fetch and a content-addressed page cache.

Every page crosscheck reads from the web is kept beside the vector cache, under
``pages/``: the body once per SHA-256 of its bytes (``pages/blobs/<sha>``) and, per URL,
a small JSON record of what was fetched (URL, final URL after redirects, fetch time,
HTTP status, content type, the body's SHA-256). A report can cite exactly what it
compared, and a re-run reads the cache instead of the network, so an audit repeated on
the same URLs works offline. ``--refetch`` fetches again; ``--offline`` never fetches.

>>> with policy(offline=True, cache_dir=Path("/tmp/cc")):          # doctest: +SKIP
...     page = fetch("https://news.example/2025/06/02/talks.html")
>>> page.status, page.final_url                                     # doctest: +SKIP
(200, 'https://news.example/2025/06/02/talks.html')

Failures raise ``FetchError`` with one line naming the URL and the reason.
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime as dt
import hashlib
import json
import os
import re
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import TypeGuard

from crosscheck import __version__
from crosscheck.errors import CrosscheckError
from crosscheck.settings import cache_dir

__all__ = ["FetchError", "FetchPolicy", "Page", "fetch", "is_url", "policy"]

# --- limits ----------------------------------------------------------------------------
# Not calibrated on data: chosen for a newsroom laptop on an ordinary connection.

# Seconds to wait for a connection or for the next bytes of a response. News sites
# answer in well under a second; ten leaves room for a slow mobile link.
TIMEOUT_SECONDS = 10.0
# Seconds a whole fetch may take, body included: a server that trickles a byte at a
# time never trips the per-read timeout, so the total is bounded too.
TOTAL_SECONDS = 30.0
# The largest body read. Article pages run 50 kB to 1.5 MB of HTML (scripts inlined);
# eight times the upper end still fits in memory on any laptop.
MAX_BYTES = 12 * 1024 * 1024
# Redirect hops followed: a paywall or consent bounce takes two or three.
MAX_REDIRECTS = 10
# Content types read as pages (HTML) and as feeds (RSS, Atom, plain XML).
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
FEED_TYPES = frozenset(
    {
        "application/rss+xml",
        "application/atom+xml",
        "application/xml",
        "text/xml",
        "application/rdf+xml",
    }
)
# The cache folder's name under the cache directory (the vector cache sits beside it).
PAGES_DIR = "pages"


def user_agent() -> str:
    """The User-Agent header: names crosscheck and its version, so a site can tell."""
    return f"crosscheck/{__version__} (offline cross-outlet fact comparison)"


class FetchError(CrosscheckError):
    """A URL could not be fetched or read from the cache: ``<url>: <reason>``."""

    def __init__(self, url: str, problem: str) -> None:
        super().__init__(f"{url}: {problem}")
        self.url = url
        self.problem = problem


@dataclass(frozen=True, slots=True)
class FetchPolicy:
    """How fetches behave in the current command (set once by the CLI with ``policy``)."""

    offline: bool = False
    refetch: bool = False
    cache_dir: Path | None = None
    timeout: float = TIMEOUT_SECONDS
    total_seconds: float = TOTAL_SECONDS
    max_bytes: int = MAX_BYTES


@dataclass(frozen=True, slots=True)
class Page:
    """One fetched response as stored: what was asked, what answered, and the body."""

    url: str
    final_url: str
    status: int
    content_type: str
    fetched_at: str  # ISO 8601, UTC
    sha256: str
    body: bytes
    from_cache: bool = False

    @property
    def text(self) -> str:
        """The body decoded (UTF-8 unless the response or page declares otherwise)."""
        charset = _charset(self.content_type) or _meta_charset(self.body) or "utf-8"
        try:
            return self.body.decode(charset, errors="replace")
        except LookupError:
            return self.body.decode("utf-8", errors="replace")

    @property
    def kind(self) -> str:
        """'html', 'feed' or the bare content type, from the header and the body."""
        bare = self.content_type.split(";")[0].strip().lower()
        if bare in HTML_TYPES:
            return "html"
        if bare in FEED_TYPES or bare.endswith(("+xml", "/xml")):
            return "feed"
        return bare or "unknown"


# A frozen dataclass: sharing the default instance is safe.
_POLICY: contextvars.ContextVar[FetchPolicy] = contextvars.ContextVar(
    "crosscheck_fetch_policy",
    default=FetchPolicy(),  # noqa: B039
)


@contextlib.contextmanager
def policy(**changes: object) -> Iterator[FetchPolicy]:
    """Set fetch options for the block: ``with policy(offline=True): ...``."""
    current = replace(_POLICY.get(), **changes)  # type: ignore[arg-type]
    token = _POLICY.set(current)
    try:
        yield current
    finally:
        _POLICY.reset(token)


def current_policy() -> FetchPolicy:
    """The options in force (defaults outside any ``policy`` block)."""
    return _POLICY.get()


def is_url(value: object) -> TypeGuard[str]:
    """True for an ``http://`` or ``https://`` address given as a string.

    >>> is_url("https://news.example/a.html"), is_url("seeds/a.txt")
    (True, False)
    """
    return isinstance(value, str) and bool(re.match(r"^https?://[^\s/]", value, re.I))


def fetch(url: str) -> Page:
    """The page at ``url``: from the cache unless refetching, else from the network."""
    options = current_policy()
    if not is_url(url):
        raise FetchError(url, "not an http(s) URL")
    cache = PageCache(options.cache_dir or _default_cache_dir())
    if not options.refetch:
        cached = cache.get(url)
        if cached is not None:
            return cached
    if options.offline:
        raise FetchError(url, "not in the page cache, and --offline forbids fetching it")
    page = _download(url, options)
    cache.put(page)
    return page


def snapshot_dir(options: FetchPolicy) -> Path:
    """Where articles read from the web are kept as Markdown files (audits read them)."""
    return (options.cache_dir or _default_cache_dir()) / PAGES_DIR / "articles"


# --- network -----------------------------------------------------------------------------


def _download(url: str, options: FetchPolicy) -> Page:
    import httpx

    started = time.monotonic()
    headers = {"User-Agent": user_agent(), "Accept": "text/html,application/xhtml+xml,*/*;q=0.5"}
    try:
        with (
            httpx.Client(
                follow_redirects=True,
                max_redirects=MAX_REDIRECTS,
                timeout=options.timeout,
                headers=headers,
            ) as client,
            client.stream("GET", url) as response,
        ):
            if response.status_code >= 400:
                reason = response.reason_phrase or "error"
                raise FetchError(url, f"HTTP {response.status_code} {reason}")
            declared = response.headers.get("content-length")
            if declared and declared.isdigit() and int(declared) > options.max_bytes:
                raise FetchError(url, _too_big(options.max_bytes))
            chunks: list[bytes] = []
            size = 0
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > options.max_bytes:
                    raise FetchError(url, _too_big(options.max_bytes))
                if time.monotonic() - started > options.total_seconds:
                    raise FetchError(url, f"took longer than {options.total_seconds:g} s")
                chunks.append(chunk)
            body = b"".join(chunks)
            final_url = str(response.url)
            status = response.status_code
            content_type = response.headers.get("content-type", "")
    except httpx.TooManyRedirects:
        raise FetchError(url, f"more than {MAX_REDIRECTS} redirects") from None
    except httpx.TimeoutException:
        raise FetchError(url, f"timed out (no answer within {options.timeout:g} s)") from None
    except httpx.ConnectError as error:
        raise FetchError(url, f"could not connect ({_reason(error)})") from None
    except httpx.HTTPError as error:
        raise FetchError(url, f"fetch failed ({_reason(error)})") from None
    if not body.strip():
        raise FetchError(url, f"HTTP {status} with an empty body")
    return Page(
        url=url,
        final_url=final_url,
        status=status,
        content_type=content_type,
        fetched_at=dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat(),
        sha256=hashlib.sha256(body).hexdigest(),
        body=body,
    )


def _too_big(limit: int) -> str:
    return f"page is larger than the {limit / 1024 / 1024:g} MB cap"


def _reason(error: Exception) -> str:
    text = " ".join(str(error).split())
    return text or type(error).__name__


def _charset(content_type: str) -> str | None:
    match = re.search(r"charset\s*=\s*[\"']?([\w.:-]+)", content_type, re.I)
    return match.group(1) if match else None


def _meta_charset(body: bytes) -> str | None:
    head = body[:2048].decode("ascii", errors="replace")
    match = re.search(r"<meta[^>]+charset\s*=\s*[\"']?([\w.:-]+)", head, re.I) or re.search(
        r"<\?xml[^>]+encoding\s*=\s*[\"']([\w.:-]+)", head, re.I
    )
    return match.group(1) if match else None


# --- cache ---------------------------------------------------------------------------------


def _default_cache_dir() -> Path:
    return cache_dir()


class PageCache:
    """Bodies by SHA-256 and one JSON record per URL, under ``<cache_dir>/pages``."""

    def __init__(self, cache_dir: Path) -> None:
        self.root = Path(cache_dir) / PAGES_DIR

    def _record_path(self, url: str) -> Path:
        return self.root / "urls" / f"{hashlib.sha256(url.encode()).hexdigest()}.json"

    def _blob_path(self, sha256: str) -> Path:
        return self.root / "blobs" / sha256[:2] / sha256

    def get(self, url: str) -> Page | None:
        """The stored page for ``url``, or None (also when the record is damaged)."""
        record_path = self._record_path(url)
        try:
            record = json.loads(record_path.read_text(encoding="utf-8"))
            body = self._blob_path(record["sha256"]).read_bytes()
        except (OSError, ValueError, KeyError, TypeError):
            return None
        if hashlib.sha256(body).hexdigest() != record["sha256"]:
            return None  # a damaged blob is fetched again rather than trusted
        fields = {k: record[k] for k in ("final_url", "status", "content_type", "fetched_at")}
        return Page(url=url, sha256=record["sha256"], body=body, from_cache=True, **fields)

    def put(self, page: Page) -> None:
        """Store the body (once per content) and the URL's record, each atomically."""
        blob = self._blob_path(page.sha256)
        if not blob.is_file():
            _write_atomic(blob, page.body)
        record = asdict(page)
        del record["body"], record["from_cache"]
        data = json.dumps(record, ensure_ascii=False, indent=1).encode()
        _write_atomic(self._record_path(page.url), data)


def _write_atomic(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temporary.write_bytes(data)
    os.replace(temporary, path)
