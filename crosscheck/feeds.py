"""RSS and Atom feeds -> the articles they list; telling a feed or sitemap from an article.

A feed is never read as article text: each entry's link is an article, fetched like any
URL (crosscheck.fetch), and the entry's title, date and feed title fill the metadata
the page itself may lack.

>>> atom = ('<feed xmlns="http://www.w3.org/2005/Atom"><title>Wire</title><entry>'
...         '<title>Port strike ends after nine days</title>'
...         '<link href="https://wire.example/port-strike"/>'
...         '<updated>2025-06-02T08:00:00Z</updated></entry></feed>')
>>> feed = read_feed("wire.atom", atom)
>>> [(e.title, e.published) for e in feed.entries]
[('Port strike ends after nine days', datetime.date(2025, 6, 2))]
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from crosscheck.errors import IngestError
from crosscheck.fetch import current_policy, fetch, is_url, snapshot_dir

__all__ = ["Feed", "FeedEntry", "expand_inputs", "feed_kind", "read_feed", "read_feed_at"]

# How much of a document is sniffed for a feed's or sitemap's root element.
SNIFF_CHARS = 4096

_FEEDS = ("an RSS feed", "an Atom feed", "an RSS 1.0 feed")
_ROOTS = (
    (re.compile(r"<rss[\s>]", re.I), "an RSS feed"),
    (re.compile(r"<feed[^>]*xmlns\s*=\s*[\"']http://www\.w3\.org/2005/Atom", re.I), "an Atom feed"),
    (re.compile(r"<rdf:RDF[^>]*purl\.org/rss", re.I | re.S), "an RSS 1.0 feed"),
    (re.compile(r"<urlset[\s>]", re.I), "a sitemap"),
    (re.compile(r"<sitemapindex[\s>]", re.I), "a sitemap index"),
)


def feed_kind(text: str) -> str | None:
    """'an RSS feed', 'an Atom feed', 'a sitemap'... if ``text`` is one, else None.

    >>> feed_kind('<?xml version="1.0"?><rss version="2.0"><channel>')
    'an RSS feed'
    >>> feed_kind("<html><body><p>Talks resumed.</p></body></html>") is None
    True
    """
    head = re.sub(r"<!--.*?-->", "", text.lstrip()[:SNIFF_CHARS], flags=re.S)
    # A feed or sitemap is XML: its root comes before any HTML element.
    if re.match(r"\s*<!doctype\s+html|\s*<html[\s>]", head, re.I):
        return None
    for pattern, kind in _ROOTS:
        if pattern.search(head):
            return kind
    return None


@dataclass(frozen=True, slots=True)
class FeedEntry:
    """One item of a feed: where the article is and what the feed says of it."""

    link: str
    title: str
    published: dt.date | None
    source: str  # the feed's title (the outlet), or its site


@dataclass(frozen=True, slots=True)
class Feed:
    """A feed's title and its entries, in the feed's order."""

    where: str
    title: str
    entries: tuple[FeedEntry, ...]


def read_feed(where: str | Path, text: str | None = None) -> Feed:
    """Parse an RSS or Atom feed from a file, or from ``text`` fetched from ``where``.

    Entries without a link are skipped (there is no article to read); a feed with no
    usable entry is an ``IngestError``.
    """
    import feedparser

    if text is None:
        path = Path(where)
        try:
            text = path.read_text(encoding="utf-8-sig")
        except FileNotFoundError:
            raise IngestError(where, "no such feed file") from None
        except (OSError, UnicodeDecodeError) as error:
            raise IngestError(where, f"feed cannot be read ({error})") from None
    if feed_kind(text) not in _FEEDS:
        raise IngestError(where, "not an RSS or Atom feed")
    parsed = feedparser.parse(text)
    channel = parsed.get("feed", {})
    title = " ".join(str(channel.get("title", "")).split())
    site = _site(str(channel.get("link", "")))
    entries = []
    for item in parsed.get("entries", []):
        link = str(item.get("link", "")).strip()
        if not link:
            continue
        entry_source = item.get("source", {}).get("title") if item.get("source") else None
        entries.append(
            FeedEntry(
                link=link,
                title=" ".join(str(item.get("title", "")).split()),
                published=_entry_date(item),
                source=" ".join(str(entry_source or title or site).split()),
            )
        )
    if not entries:
        raise IngestError(where, "feed lists no entry with a link")
    return Feed(str(where), title or site, tuple(entries))


def read_feed_at(where: str | Path) -> Feed:
    """A feed from a URL (fetched through the page cache) or from a file.

    >>> len(read_feed_at("https://news.example/world.rss").entries)    # doctest: +SKIP
    3
    """

    if is_url(where):
        page = fetch(str(where))
        return read_feed(where, page.text)
    return read_feed(where)


def expand_inputs(values: Sequence[str | Path]) -> list[str | Path]:
    """An audit's inputs with feeds, feed lists and URLs turned into article files.

    A feed (URL or ``.rss``/``.atom``/``.xml`` file) stands for its entries, a feed
    list (a text file of feed addresses, one a line) for the entries of each feed, an
    article URL for its page. Each article is read once (fetched through the page cache)
    and kept as a Markdown snapshot with front matter (title, date, outlet, URL) under
    ``<cache>/pages/articles/``, so the audit's folders, ids and memos work on it as on
    any file. Anything else is passed on unchanged.
    """

    out: list[str | Path] = []
    for value in values:
        if is_url(value):
            out.extend(_snapshots_of_url(str(value)))
            continue
        path = Path(value)
        if is_feed_list(path):
            for line in read_feed_list(path):
                where: str | Path = line if is_url(line) else path.parent / line
                out.extend(_snapshots(read_feed_at(where).entries))
        elif path.is_file() and _sniff_file(path) is not None:
            out.extend(_snapshots(read_feed_at(path).entries))
        else:
            out.append(value)
    return out


def _sniff_file(path: Path) -> str | None:
    try:
        with path.open("rb") as handle:
            head = handle.read(SNIFF_CHARS).decode("utf-8", errors="replace")
    except OSError:
        return None
    kind = feed_kind(head)
    return kind if kind in _FEEDS else None


def _snapshots_of_url(url: str) -> list[Path]:
    page = fetch(url)
    if feed_kind(page.text) in _FEEDS:
        return _snapshots(read_feed(url, page.text).entries)
    return _snapshots([url])


def _snapshots(items: Sequence[FeedEntry | str]) -> list[Path]:
    """Each article read and written as a Markdown file with front matter."""
    # Here, not at the top: ingest reads feed entries through this module (a cycle).
    from crosscheck.ingest import load_articles

    folder = snapshot_dir(current_policy())
    paths = []
    for item in items:
        link = item.link if isinstance(item, FeedEntry) else item
        article = load_articles([item])[0]
        source = article.source
        front: dict[str, object] = {
            "title": source.title,
            "outlet": source.outlet,
            "date": source.published.isoformat() if source.published else None,
            "url": source.url or link,
            "fetched_from": link,
        }
        if source.fetched is not None:  # what exactly was read, for the report's reader
            front.update(
                fetched_at=source.fetched.fetched_at,
                status=source.fetched.status,
                sha256=source.fetched.sha256,
            )
        text = "---\n" + yaml.safe_dump(front, allow_unicode=True, sort_keys=False) + "---\n\n"
        text += article.text + "\n"
        digest = hashlib.sha256(link.encode()).hexdigest()[:16]
        path = folder / digest / f"{source.id}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def read_feed_list(path: Path) -> list[str]:
    """The feed addresses listed in a text file, one a line; ``#`` starts a comment.

    >>> read_feed_list(Path("feeds.txt"))                                # doctest: +SKIP
    ['https://news.example/world.rss', 'feeds/local.atom']
    """
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except OSError as error:
        raise IngestError(path, f"feed list cannot be read ({error.strerror or error})") from None
    feeds = [line.split("#", 1)[0].strip() for line in lines]
    feeds = [line for line in feeds if line]
    if not feeds:
        raise IngestError(path, "feed list names no feed (one URL or file a line)")
    return feeds


def is_feed_list(path: Path) -> bool:
    """A text file whose every non-comment line is a URL or a feed file: a feed list."""
    if not path.is_file() or path.suffix.casefold() not in (".txt", ".list", ""):
        return False
    try:
        text = path.read_text(encoding="utf-8-sig")[: SNIFF_CHARS * 4]
    except (OSError, UnicodeDecodeError):
        return False
    lines = [line.split("#", 1)[0].strip() for line in text.splitlines()]
    lines = [line for line in lines if line]
    return bool(lines) and all(
        re.match(r"^https?://\S+$", line) or line.endswith((".rss", ".atom", ".xml"))
        for line in lines
    )


def _entry_date(item: dict) -> dt.date | None:  # type: ignore[type-arg]
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = item.get(key)
        if value:
            try:
                return dt.date(value.tm_year, value.tm_mon, value.tm_mday)
            except (AttributeError, ValueError):
                continue
    return None


def _site(url: str) -> str:
    host = urlsplit(url).hostname or "" if url else ""
    return re.sub(r"^www\d?\.", "", host.lower())
