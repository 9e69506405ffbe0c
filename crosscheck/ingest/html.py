"""A saved web page -> the article in it (trafilatura), with title, outlet and date.

>>> _title_suffix("Flood wall approved | The Northern Ledger")
'The Northern Ledger'
"""

from __future__ import annotations

import datetime as dt
import html
import re
from pathlib import Path
from typing import Any

from crosscheck.errors import IngestError
from crosscheck.ingest.clean import _BYLINE, BYLINE_MAX_WORDS, _clean_lines, _is_prose
from crosscheck.ingest.dates import (
    _FULL_DATE,
    _date_from_dateline,
    _date_line,
    _iso_date,
    _match_date,
    _url_date,
)
from crosscheck.ingest.metadata import _text_value, _title_from_stem, _url_site
from crosscheck.ingest.parsed import _Parsed

# A web page whose extracted text has fewer words than this, or no line that reads as
# a sentence of prose (PROSE_MIN_WORDS words ending like a sentence), holds no article:
# navigation, a cookie notice, a paywall stub. Set below the shortest news texts seen:
# of the 982 ECB+ documents (all topics, excerpts) the shortest run 7, 14 and 17 words,
# 99% have 20 or more; the seeds' and dev clusters' shortest body has 264. Not tuned.
PAGE_MIN_WORDS = 12
_TITLE_SEPARATORS = re.compile(r"\s+(?:\||-|–|—|::|·|•)\s+")


def _parse_html(path: Path | str, page: str) -> _Parsed:
    import trafilatura

    # Dates only from meta tags and markup: htmldate's extensive search turns a footer's
    # "(c) 2024" into 2024-01-01, a date no article had.
    try:
        found = trafilatura.bare_extraction(
            page,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            include_images=False,
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except Exception as error:  # the parser's failure modes are not documented
        raise IngestError(path, f"HTML could not be parsed ({error})") from None
    meta: dict[str, Any] = {}
    if isinstance(found, dict):
        meta = found
    elif found is not None:
        meta = found.as_dict()
    body_text = meta.get("text") or ""
    if not body_text.strip():
        raise IngestError(path, "no article text found in the HTML page")
    page_title = _html_title(page)
    title = _text_value(meta.get("title")) or _title_without_suffix(page_title)
    url = _text_value(meta.get("url")) or None

    # trafilatura gives one paragraph a line; blank lines keep them apart here.
    cleaned = _clean_lines("\n\n".join(body_text.split("\n")), known_title=title)
    published = _iso_date(meta.get("date")) or _page_top_date(page) or cleaned.published
    published = published or _url_date(url)
    outlet = (
        _text_value(meta.get("sitename"))
        or _url_site(url)
        or _title_suffix(page_title)
        or cleaned.agency
        or _title_from_stem(path)
    )
    if not cleaned.text:
        raise IngestError(path, "no article text left after cleaning (only a headline or metadata)")
    if not _has_article_prose(cleaned.text):
        raise IngestError(
            path,
            "no article text in the HTML page (navigation, a cookie notice or a paywall stub "
            f"only: under {PAGE_MIN_WORDS} words or no full sentence)",
        )
    published, dateline = _date_from_dateline(published, cleaned, url)
    return _Parsed(
        path, title or _title_from_stem(path), outlet, published, url, cleaned.text, dateline
    )


def _has_article_prose(text: str) -> bool:
    """Enough words, and at least one line that reads as a sentence of prose."""
    return len(text.split()) >= PAGE_MIN_WORDS and any(_is_prose(line) for line in text.split("\n"))


def _html_title(page: str) -> str:
    match = re.search(r"<title[^>]*>(.*?)</title>", page, re.I | re.S)
    return " ".join(html.unescape(match.group(1)).split()) if match else ""


def _title_parts(page_title: str) -> list[str]:
    return [part.strip() for part in _TITLE_SEPARATORS.split(page_title) if part.strip()]


def _title_suffix(page_title: str) -> str:
    """'Headline | The Northern Ledger' -> 'The Northern Ledger' (a short last part)."""
    parts = _title_parts(page_title)
    if len(parts) >= 2 and len(parts[-1].split()) <= 6:
        return parts[-1]
    return ""


def _title_without_suffix(page_title: str) -> str:
    suffix = _title_suffix(page_title)
    if not suffix:
        return page_title
    return page_title[: page_title.rfind(suffix)].rstrip(" |-–—:·•")


_BLOCK_TAGS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "time", "li", "address", "div", "span"}


def _page_top_date(page: str) -> dt.date | None:
    """A date line or dated byline among the page's first short lines of visible text."""
    from lxml import etree
    from lxml import html as lxml_html

    # lxml refuses str input that still carries an XML encoding declaration.
    page = re.sub(r"^\s*<\?xml[^>]*\?>", "", page)
    try:
        tree = lxml_html.fromstring(page)
    except (ValueError, etree.ParserError):
        return None
    for bad in tree.xpath("//script|//style|//nav|//footer|//noscript"):
        bad.drop_tree()
    # A reader looks for the date under the headline, inside the article: page furniture
    # above it (a cookie notice, a promo) may be a full sentence that would end the
    # search before the byline is reached.
    scope = next(iter(tree.xpath("//article|//main")), tree)
    lines: list[str] = []
    for element in scope.iter():
        if not isinstance(element.tag, str) or element.tag not in _BLOCK_TAGS:
            continue
        if any(isinstance(c.tag, str) and c.tag in _BLOCK_TAGS for c in element.iterdescendants()):
            continue
        text = " ".join(element.text_content().split())
        if text:
            lines.append(text)
    for text in lines:
        if _is_prose(text):
            break
        date = _date_line(text)
        if date is None and _BYLINE.match(text) and len(text.split()) <= BYLINE_MAX_WORDS:
            found = _FULL_DATE.search(text)
            date = _match_date(found) if found else None
        if date is not None:
            return date
    return None
