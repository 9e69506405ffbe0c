"""Feeds: RSS 2.0 and Atom entries become articles; a feed is never read as text.

Feeds and their pages are served from a local server on 127.0.0.1 (tests/webserver.py).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from crosscheck.errors import IngestError
from crosscheck.feeds import expand_inputs, feed_kind, read_feed, read_feed_at
from crosscheck.fetch import policy
from crosscheck.ingest import load_articles
from tests.doubles import BagOfWords
from tests.webserver import Route, Site, serve

STORIES = [
    (
        "Port workers end strike after pay deal",
        "Dock workers returned to work on Monday after their union accepted a pay rise of "
        "six percent over two years, ending a strike that had lasted nine days.",
    ),
    (
        "Council approves new tram line",
        "The city council voted 31 to 12 on Tuesday to build a tram line linking the "
        "airport with the central station, at a cost the council put at 480 million euros.",
    ),
    (
        "Heatwave warning issued for the south",
        "Forecasters issued a heat warning for the southern provinces on Wednesday, "
        "expecting temperatures of up to 41 degrees before the weekend.",
    ),
]


def _page(title: str, paragraph: str) -> bytes:
    # No site name and no date in the page: whatever the article carries of either
    # must come from the feed entry.
    return (
        f"<!DOCTYPE html><html><head><title>{title}</title></head><body><article>"
        f"<h1>{title}</h1><p>{paragraph}</p><p>Officials said more details would follow "
        "later in the week, once the figures had been checked.</p></article></body></html>"
    ).encode()


def _rss(base: str) -> bytes:
    items = "".join(
        f"<item><title>{title} (RSS)</title><link>{base}/rss/{n}</link>"
        f"<pubDate>Mon, 0{n + 2} Jun 2025 08:00:00 +0000</pubDate></item>"
        for n, (title, _) in enumerate(STORIES)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
        f"<title>Coast Courier</title><link>{base}/</link><description>News</description>"
        f"{items}</channel></rss>"
    ).encode()


def _atom(base: str) -> bytes:
    entries = "".join(
        f"<entry><title>{title} (Atom)</title><link href='{base}/atom/{n}'/>"
        f"<id>urn:test:{n}</id><updated>2025-06-0{n + 2}T09:00:00Z</updated></entry>"
        for n, (title, _) in enumerate(STORIES)
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        f"<title>Inland Observer</title><id>urn:test</id><updated>2025-06-12T09:00:00Z</updated>"
        f"{entries}</feed>"
    ).encode()


@pytest.fixture()
def site(tmp_path: Path) -> Iterator[Site]:
    with serve(Site()) as running, policy(cache_dir=tmp_path / "cache"):
        running.routes["/feed.rss"] = Route(_rss(running.base), content_type="application/rss+xml")
        running.routes["/feed.atom"] = Route(
            _atom(running.base), content_type="application/atom+xml"
        )
        for n, (title, paragraph) in enumerate(STORIES):
            running.routes[f"/rss/{n}"] = Route(_page(title, paragraph))
            running.routes[f"/atom/{n}"] = Route(_page(title, paragraph))
        yield running


def test_an_rss_feed_at_a_url_becomes_three_articles_with_the_entries_metadata(
    site: Site,
) -> None:
    feed = read_feed_at(site.url("/feed.rss"))
    assert feed.title == "Coast Courier"
    articles = load_articles(feed.entries)
    assert len(articles) == 3
    assert [a.source.title for a in articles] == [f"{t} (RSS)" for t, _ in STORIES]
    assert [a.source.published for a in articles] == [
        dt.date(2025, 6, 2),
        dt.date(2025, 6, 3),
        dt.date(2025, 6, 4),
    ]
    assert {a.source.outlet for a in articles} == {"Coast Courier"}
    assert [a.source.url for a in articles] == [site.url(f"/rss/{n}") for n in range(3)]
    assert "six percent" in articles[0].text


def test_an_atom_feed_file_becomes_three_articles_with_the_entries_metadata(
    site: Site, tmp_path: Path
) -> None:
    path = tmp_path / "inland.atom"
    path.write_bytes(_atom(site.base))
    articles = load_articles(read_feed(path).entries)
    assert len(articles) == 3
    assert [a.source.title for a in articles] == [f"{t} (Atom)" for t, _ in STORIES]
    assert [a.source.published for a in articles] == [dt.date(2025, 6, 2 + n) for n in range(3)]
    assert {a.source.outlet for a in articles} == {"Inland Observer"}
    assert "480 million euros" in articles[1].text


def test_a_feed_given_as_an_article_says_what_it_is(site: Site, tmp_path: Path) -> None:
    path = tmp_path / "news.txt"
    path.write_bytes(_rss(site.base))
    with pytest.raises(IngestError, match=r"news\.txt: is an RSS feed, not an article"):
        load_articles([path])
    with pytest.raises(IngestError, match="is an Atom feed, not an article"):
        load_articles([site.url("/feed.atom")])


def test_a_sitemap_given_as_an_article_says_what_it_is(tmp_path: Path) -> None:
    path = tmp_path / "sitemap.xml"
    path.write_text(
        '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        "<url><loc>https://news.example/a</loc></url></urlset>"
    )
    with pytest.raises(IngestError, match="is a sitemap, not an article"):
        load_articles([path])


def test_feed_kind_does_not_take_an_article_page_for_a_feed() -> None:
    page = "<!DOCTYPE html><html><body><p>Subscribe to our RSS feed: <rss> tags</p></body></html>"
    assert feed_kind(page) is None
    assert feed_kind("Plain text that mentions <feed> once.") is None


def test_a_feed_without_links_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "empty.rss"
    path.write_text('<rss version="2.0"><channel><title>X</title><item><title>a</title></item>')
    with pytest.raises(IngestError, match="no entry with a link"):
        read_feed(path)


def test_a_feed_list_expands_to_snapshot_files_of_every_entry(site: Site, tmp_path: Path) -> None:
    listing = tmp_path / "feeds.txt"
    listing.write_text(f"# the morning feeds\n{site.url('/feed.rss')}\n{site.url('/feed.atom')}\n")
    files = expand_inputs([listing])
    assert len(files) == 6
    articles = load_articles(files)
    assert {a.source.outlet for a in articles} == {"Coast Courier", "Inland Observer"}
    assert articles[0].source.url == site.url("/rss/0")
    assert articles[0].source.title == f"{STORIES[0][0]} (RSS)"
    # A second expansion reads everything from the page cache.
    hits = dict(site.hits)
    with policy(offline=True):
        assert expand_inputs([listing]) == files
    assert site.hits == hits


def test_audit_reads_a_feed_list_and_the_config_feeds(site: Site, tmp_path: Path) -> None:
    from crosscheck.audit import audit, read_config

    listing = tmp_path / "feeds.txt"
    listing.write_text(site.url("/feed.rss") + "\n")
    config = tmp_path / "audit.yaml"
    config.write_text(f"feeds:\n  - {site.url('/feed.atom')}\n")
    options = read_config(config)
    assert options["feeds"] == [site.url("/feed.atom")]
    result = audit(
        [listing],
        feeds=options["feeds"],
        output=tmp_path / "out",
        embedder=BagOfWords(),
        use_cache=False,
    )
    assert result.articles == 6
    # The same story in both feeds is compared across the two outlets.
    assert len(result.stories) == 3


def test_audit_offline_with_an_empty_cache_exits_3_naming_the_feed(tmp_path: Path) -> None:
    import subprocess
    import sys

    listing = tmp_path / "feeds.txt"
    listing.write_text("http://127.0.0.1:9/never-fetched.rss\n")
    out = subprocess.run(
        [sys.executable, "-m", "crosscheck", "audit", str(listing), "--offline", "-q",
         "--cache-dir", str(tmp_path / "cache"), "--output", str(tmp_path / "out")],
        capture_output=True,
        text=True,
    )  # fmt: skip
    assert out.returncode == 3
    assert out.stderr.strip() == (
        "Error: http://127.0.0.1:9/never-fetched.rss: not in the page cache, "
        "and --offline forbids fetching it"
    )
    assert not (tmp_path / "out").exists()
