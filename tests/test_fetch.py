"""URLs as inputs: the fetch, its limits and failures, the page cache, --offline.

Every test serves its pages from a local server on 127.0.0.1 (tests/webserver.py).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from crosscheck import fetch as fetching
from crosscheck.errors import IngestError
from crosscheck.fetch import FetchError, PageCache, fetch, policy
from crosscheck.ingest import load_articles
from tests.doubles import BagOfWords
from tests.webserver import Route, Site, article_page, serve

WIRE = article_page(
    "Flood barrier fails after three days of rain",
    "Valley Wire",
    "2025-03-14T08:00:00Z",
    [
        "A flood barrier on the river gave way on Thursday after three days of heavy rain, "
        "forcing the evacuation of 1,200 residents from the lower town.",
        "The regional water authority said its engineers had inspected the barrier in "
        "January and found no fault.",
        "Emergency crews opened two schools as shelters and said no one was hurt.",
    ],
)
LEDGER = article_page(
    "Residents evacuated as river barrier collapses",
    "Hill Ledger",
    "2025-03-14T10:30:00Z",
    [
        "About 1,500 residents of the lower town were evacuated on Thursday when a flood "
        "barrier on the river collapsed after three days of heavy rain.",
        "The regional water authority said engineers had last inspected the barrier in "
        "January without finding any fault.",
        "Two schools were opened as shelters, and emergency crews said nobody was injured.",
    ],
)
NAVIGATION_ONLY = b"""<!DOCTYPE html><html><head><title>Valley Wire</title></head>
<body><nav><a href="/">Home</a></nav><p>Home</p></body></html>"""
COOKIE_WALL = b"""<!DOCTYPE html><html><head><title>Hill Ledger</title></head><body>
<div class="consent"><p>We use cookies. Accept all?</p><p>Manage choices</p></div>
</body></html>"""


@pytest.fixture()
def site() -> Iterator[Site]:
    with serve(Site()) as running:
        running.routes.update(
            {
                "/2025/03/14/barrier.html": Route(WIRE),
                "/ledger/barrier": Route(LEDGER),
                "/old-link": Route(b"", 301, headers={"Location": "/2025/03/14/barrier.html"}),
                "/home": Route(NAVIGATION_ONLY),
                "/consent": Route(COOKIE_WALL),
                "/report.pdf": Route(b"%PDF-1.7 ...", content_type="application/pdf"),
                "/slow": Route(WIRE, delay=1.5),
                "/trickle": Route(WIRE, chunk_delay=0.05),
                "/huge": Route(WIRE * 40),
                "/loop": Route(b"", 302, headers={"Location": "/loop"}),
                "/gone": Route(b"gone", 410, "text/plain"),
            }
        )
        yield running


@pytest.fixture()
def cache(tmp_path: Path) -> Iterator[Path]:
    folder = tmp_path / "cache"
    with policy(cache_dir=folder):
        yield folder


def test_fetch_follows_redirects_and_records_where_it_landed(site: Site, cache: Path) -> None:
    page = fetch(site.url("/old-link"))
    assert page.status == 200
    assert page.final_url == site.url("/2025/03/14/barrier.html")
    assert page.kind == "html"
    assert not page.from_cache
    assert site.agents[-1].startswith("crosscheck/")


def test_a_second_fetch_reads_the_cache_and_refetch_goes_to_the_network(
    site: Site, cache: Path
) -> None:
    url = site.url("/ledger/barrier")
    first = fetch(url)
    again = fetch(url)
    assert again.from_cache and again.body == first.body
    assert again.fetched_at == first.fetched_at
    assert site.hits["/ledger/barrier"] == 1
    with policy(refetch=True):
        fetch(url)
    assert site.hits["/ledger/barrier"] == 2


def test_the_cache_is_content_addressed_with_url_final_url_time_and_status(
    site: Site, cache: Path
) -> None:
    page = fetch(site.url("/old-link"))
    records = list((cache / "pages" / "urls").glob("*.json"))
    assert len(records) == 1
    record = json.loads(records[0].read_text())
    assert record["url"] == site.url("/old-link")
    assert record["final_url"] == page.final_url
    assert record["status"] == 200
    assert record["fetched_at"].endswith("+00:00")
    blob = cache / "pages" / "blobs" / page.sha256[:2] / page.sha256
    assert blob.read_bytes() == WIRE


def test_a_damaged_cache_blob_is_fetched_again(site: Site, cache: Path) -> None:
    page = fetch(site.url("/ledger/barrier"))
    (cache / "pages" / "blobs" / page.sha256[:2] / page.sha256).write_bytes(b"garbage")
    assert not fetch(site.url("/ledger/barrier")).from_cache


def test_offline_refuses_a_page_not_in_the_cache(site: Site, cache: Path) -> None:
    with policy(offline=True), pytest.raises(FetchError, match="--offline forbids"):
        fetch(site.url("/ledger/barrier"))
    assert "/ledger/barrier" not in site.hits


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        ("/missing", "HTTP 404 Not Found"),
        ("/gone", "HTTP 410 Gone"),
        ("/loop", "more than 10 redirects"),
    ],
)
def test_http_failures_name_the_url_and_the_reason(
    site: Site, cache: Path, path: str, reason: str
) -> None:
    with pytest.raises(FetchError) as caught:
        fetch(site.url(path))
    assert str(caught.value) == f"{site.url(path)}: {reason}"
    assert not (cache / "pages" / "urls").exists()


def test_a_server_that_does_not_answer_times_out(site: Site, cache: Path) -> None:
    with policy(timeout=0.3), pytest.raises(FetchError, match=r"timed out \(no answer within"):
        fetch(site.url("/slow"))


def test_a_server_that_trickles_hits_the_total_time_limit(site: Site, cache: Path) -> None:
    with policy(total_seconds=0.3), pytest.raises(FetchError, match=r"took longer than 0\.3 s"):
        fetch(site.url("/trickle"))


def test_a_page_over_the_size_cap_is_refused(site: Site, cache: Path) -> None:
    with policy(max_bytes=len(WIRE) * 2), pytest.raises(FetchError, match="larger than"):
        fetch(site.url("/huge"))


def test_a_closed_port_is_a_connection_error(cache: Path) -> None:
    with serve(Site()) as gone:
        url = gone.url("/x")
    with pytest.raises(FetchError, match="could not connect"):
        fetch(url)


def test_ingest_reads_a_url_as_it_reads_a_saved_page(site: Site, cache: Path) -> None:
    wire, ledger = load_articles([site.url("/old-link"), site.url("/ledger/barrier")])
    assert wire.source.outlet == "Valley Wire"
    assert wire.source.title == "Flood barrier fails after three days of rain"
    assert wire.source.path == site.url("/old-link")
    assert wire.source.url == site.url("/2025/03/14/barrier.html")
    assert str(wire.source.published) == "2025-03-14"
    assert "1,200 residents" in wire.text and "Home" not in wire.text
    assert ledger.source.id == "barrier"


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/home", "no article text"),
        ("/consent", "no article text"),
        ("/report.pdf", "content type application/pdf is not a web page"),
    ],
)
def test_a_page_without_article_text_is_refused_in_one_line(
    site: Site, cache: Path, path: str, message: str
) -> None:
    with pytest.raises(IngestError) as caught:
        load_articles([site.url(path), site.url("/ledger/barrier")])
    assert str(caught.value).startswith(site.url(path) + ": ")
    assert message in str(caught.value)
    assert "\n" not in str(caught.value)


def test_an_html_file_with_only_navigation_is_refused_like_a_short_text(tmp_path: Path) -> None:
    page = tmp_path / "home.html"
    page.write_bytes(NAVIGATION_ONLY)
    with pytest.raises(IngestError, match=r"home\.html: no article text"):
        load_articles([page])


def test_other_schemes_are_refused(tmp_path: Path) -> None:
    with pytest.raises(IngestError, match="only http:// and https:// URLs"):
        load_articles(["ftp://files.example/a.txt"])


def test_is_url_tells_addresses_from_paths() -> None:
    assert fetching.is_url("http://127.0.0.1:8000/a")
    assert not fetching.is_url("https:/folded/by/pathlib")
    assert not fetching.is_url(Path("http://x"))


# ------------------------------------------------------------------- the command line

runner = CliRunner()


@pytest.fixture()
def fast_model(monkeypatch: pytest.MonkeyPatch) -> None:
    """compare's embedder replaced by the bag-of-words double (no model load)."""
    monkeypatch.setattr("crosscheck.embed.Embedder", lambda *args, **kwargs: BagOfWords())


def _compare(*args: str) -> tuple[int, str]:
    from crosscheck.cli import app

    result = runner.invoke(app, ["compare", *args], catch_exceptions=False)
    return result.exit_code, result.output


def test_compare_url_url_end_to_end_then_offline_from_the_cache(
    site: Site, tmp_path: Path, fast_model: None
) -> None:
    cache = tmp_path / "cache"
    urls = [site.url("/2025/03/14/barrier.html"), site.url("/ledger/barrier")]
    first, second = tmp_path / "first.json", tmp_path / "second.json"
    common = ["--cache-dir", str(cache), "--format", "json", "-q"]
    code, output = _compare(*urls, *common, "-o", str(first))
    assert code == 0, output
    hits = dict(site.hits)
    code, output = _compare(*urls, *common, "--offline", "-o", str(second))
    assert code == 0, output
    assert site.hits == hits  # nothing fetched the second time
    assert first.read_text() == second.read_text()
    report = json.loads(first.read_text())
    assert [s["path"] for s in report["sources"]] == urls
    cited = report["sources"][1]["fetched"]
    assert cited["url"] == cited["final_url"] == urls[1]
    assert cited["status"] == 200 and cited["fetched_at"].endswith("+00:00")
    assert cited["sha256"] == hashlib.sha256(LEDGER).hexdigest()
    assert report["divergences"], "the planted 1,200 vs 1,500 should be found"


def test_compare_offline_without_a_cache_fails_with_exit_3_and_writes_nothing(
    site: Site, tmp_path: Path, fast_model: None
) -> None:
    from crosscheck.cli import main

    out = tmp_path / "report.md"
    urls = [site.url("/2025/03/14/barrier.html"), site.url("/ledger/barrier")]
    args = ["compare", *urls, "--offline", "--cache-dir", str(tmp_path / "c"), "-o", str(out)]
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("sys.argv", ["crosscheck", *args])
        with pytest.raises(SystemExit) as stopped:
            main()
    assert stopped.value.code == 3
    assert not out.exists()
    assert site.hits == {}


def test_page_cache_get_ignores_an_unknown_url(tmp_path: Path) -> None:
    assert PageCache(tmp_path).get("http://127.0.0.1:9/none") is None
