"""Paths, URLs and feed entries -> Articles: the one place that reads a story's files."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from pathlib import Path

from crosscheck.errors import IngestError
from crosscheck.feeds import FeedEntry, feed_kind
from crosscheck.fetch import fetch, is_url
from crosscheck.ingest.dates import _url_date
from crosscheck.ingest.files import _as_path, _looks_like_html, _normalise, _read_text, real_path
from crosscheck.ingest.frontmatter import _front_matter_end, _split_front_matter
from crosscheck.ingest.html import _parse_html
from crosscheck.ingest.metadata import _title_from_stem, _url_site, source_ids
from crosscheck.ingest.outlets import _named_outlet, outlet_names
from crosscheck.ingest.parsed import _Parsed
from crosscheck.ingest.text import _parse_text
from crosscheck.lang import detect_language
from crosscheck.origin import build_origin
from crosscheck.types import Article, Fetched, Source


def load_article(path: str | Path) -> Article:
    """Read one article file; raise ``IngestError`` if it cannot be used.

    >>> load_article("seeds/000_669a61a3c6b00fe6.txt").source.published
    datetime.date(2025, 5, 31)
    """
    return load_articles([path])[0]


def load_articles(
    paths: Iterable[str | Path | FeedEntry],
    *,
    rules_dirs: Sequence[str | Path] = (),
    outlets: Mapping[str, str] | None = None,
) -> list[Article]:
    """Read several articles of one story; the first bad file raises ``IngestError``.

    Ids are unique within the call (``wire``, ``wire-2`` for two ``wire`` stems). A
    dateline whose year the file does not give stays in ``Source.dateline`` for the
    story to resolve (``resolve_dateline_years``), whatever else this call reads.
    Outlets: ``outlets`` (path or URL -> name, as ``--outlet FILE=NAME`` gives) first,
    then what the file says, a host mapped through ``outlets.yaml`` (shipped, then in
    ``rules_dirs``); a machine-made file name is never shown as an outlet.

    >>> [a.source.id for a in load_articles(sorted(Path("seeds").glob("*.txt")))]
    ['000-669a61a3c6b00fe6', '004-57117f1b7dc3ecff']
    """
    inputs = list(paths)
    # A URL (or a feed entry) is fetched through crosscheck.fetch; a path is read.
    files = [_input_key(item) for item in inputs]
    parsed = [_parse_input(item) for item in inputs]
    names = outlet_names(*rules_dirs)
    given = {str(real_path(k)) if not _is_url_text(k) else k: v for k, v in (outlets or {}).items()}
    return [
        Article(
            source=Source(
                id=source_id,
                path=str(item.path),
                title=item.title,
                outlet=_named_outlet(item, names, given.get(_key_of(item.path))),
                published=item.published,
                url=item.url,
                language=detect_language(item.text),
                fetched=item.fetched,
                text=item.text,
                origin=item.origin,
                dateline=item.dateline,
            ),
            text=item.text,
        )
        for source_id, item in zip(source_ids(files), parsed, strict=True)
    ]


def _parse(path: Path) -> _Parsed:
    raw = _read_text(path)
    text = _normalise(raw)
    _refuse_feed(path, text)
    if _looks_like_html(text):
        return _with_origin(_parse_html(path, text), raw, "html")
    front_matter, body = _split_front_matter(path, text)
    return _with_origin(_parse_text(path, body, front_matter), raw, "text")


def _with_origin(parsed: _Parsed, raw: str, kind: str) -> _Parsed:
    """``parsed`` with the way back from its cleaned text to ``raw``, the file as read."""
    body_start = _front_matter_end(raw) if kind == "text" else 0
    return replace(parsed, origin=build_origin(raw, parsed.text, kind=kind, body_start=body_start))


def _input_key(item: str | Path | FeedEntry) -> str | Path:
    """What names an input in ids and messages: the URL as given, or the path."""
    if isinstance(item, FeedEntry):
        return item.link
    return item if is_url(item) else _as_path(item)


def _parse_input(item: str | Path | FeedEntry) -> _Parsed:
    if isinstance(item, FeedEntry):
        parsed = _parse_url(item.link)
        # The feed's own fields are the publisher's structured metadata: they win.
        return replace(
            parsed,
            title=item.title or parsed.title,
            published=item.published or parsed.published,
            outlet=item.source or parsed.outlet,
            dateline=None if item.published else parsed.dateline,
        )
    if is_url(item):
        return _parse_url(item)
    return _parse(_as_path(item))


def _parse_url(url: str) -> _Parsed:
    """Fetch (or read from the page cache) and read the page as a saved HTML file is."""
    page = fetch(url)
    text = _normalise(page.text)
    kind = feed_kind(text)
    if kind is not None:
        raise IngestError(url, f"is {kind}, not an article (give feeds to `crosscheck audit`)")
    if page.kind != "html" and not _looks_like_html(text):
        raise IngestError(url, f"content type {page.kind} is not a web page")
    parsed = _with_origin(_parse_html(url, text), page.text, "html")
    # Without a site name in the page, the outlet is the site that answered.
    outlet = parsed.outlet
    if outlet == _title_from_stem(url):
        outlet = _url_site(page.final_url) or outlet
    return replace(
        parsed,
        url=parsed.url or page.final_url,
        outlet=outlet,
        published=parsed.published or _url_date(page.final_url),
        fetched=Fetched(page.url, page.final_url, page.fetched_at, page.status, page.sha256),
    )


def _refuse_feed(path: Path, raw: str) -> None:
    kind = feed_kind(raw)
    if kind is not None:
        raise IngestError(
            path, f"is {kind}, not an article (give feeds to `crosscheck audit`, not as text)"
        )


def _is_url_text(value: str | Path) -> bool:
    return isinstance(value, str) and "://" in value


def _key_of(path: str | Path) -> str:
    """How ``--outlet FILE=NAME`` finds an input: its real path, or the URL as given."""
    return path if isinstance(path, str) and _is_url_text(path) else str(real_path(path))
