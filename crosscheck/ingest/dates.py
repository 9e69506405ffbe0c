"""Dates in an article's furniture: date lines, bylines, addresses, datelines.

These read the dates a page states about itself ("Published 19 March 2025", a
``/2025/06/02/`` address, a wire dateline's "June 2"), not the dates its sentences
report, which crosscheck.extract.dates reads.

>>> _date_line("Published 10:42 GMT, Wednesday 19 March 2025")
datetime.date(2025, 3, 19)
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import replace
from urllib.parse import urlsplit

from crosscheck.ingest.parsed import _Cleaned
from crosscheck.types import Article
from crosscheck.vocabulary import month_number

# A dateline without a year ("PORTVILLE, June 2") takes the year that puts it nearest to
# the other articles of the same story; articles about one story appear within days of
# each other, so a match further away than this is not trusted.
CLUSTER_YEAR_MAX_DAYS = 92
# A year-less dateline borrows the year of a full date in the same text only when that
# date is this close to it (same month): "talks on June 2 ... a deadline of June 9, 2025".
DATELINE_YEAR_DAYS = 7

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_WEEKDAY = r"(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs?)?|Fri|Sat(?:ur)?|Sun)(?:day)?\.?,?"
_ORD = r"(?:st|nd|rd|th)?"
_FULL_DATE = re.compile(
    rf"(?:{_WEEKDAY}\s+)?(?:"
    rf"(?P<m1>{_MONTH})\s+(?P<d1>\d{{1,2}}){_ORD},?\s+(?P<y1>\d{{4}})"
    rf"|(?P<d2>\d{{1,2}}){_ORD}\s+(?:of\s+)?(?P<m2>{_MONTH}),?\s+(?P<y2>\d{{4}})"
    r"|(?P<y3>\d{4})-(?P<m3>\d{2})-(?P<d3>\d{2})"
    r")\b",
    re.IGNORECASE,
)
_PARTIAL_DATE = re.compile(
    rf"^(?:(?P<m1>{_MONTH})\s+(?P<d1>\d{{1,2}}){_ORD}|(?P<d2>\d{{1,2}}){_ORD}\s+(?P<m2>{_MONTH}))$",
    re.IGNORECASE,
)
# What may stand beside a date on a line that is only a date: labels, a clock time,
# separators. "Published 10:42 GMT, Wednesday 19 March 2025" is a date line.
_DATE_LINE_FILLER = re.compile(
    r"(?:first\s+)?(?:published|updated|posted|last\s+updated|last\s+modified|on|at"
    r"|\d{1,2}[:.]\d{2}(?:\s*(?:[ap]\.?m\.?))?(?:\s*[A-Z]{2,5})?|[\s,|·•:\-–—/()])*",
    re.IGNORECASE,
)
_URL_DATE = re.compile(r"/(?P<y>(?:19|20)\d{2})/(?P<m>\d{1,2})/(?P<d>\d{1,2})(?:/|$)")
_URL_YEAR = re.compile(r"/(?P<y>(?:19|20)\d{2})/")
_COPYRIGHT = re.compile(r"^(?:©|\(c\)|copyright)\s*(?:©\s*)?(?P<y>(?:19|20)\d{2})\b", re.I)


def _url_date(url: str | None) -> dt.date | None:
    match = _URL_DATE.search(urlsplit(url).path) if url else None
    return _safe_date(int(match["y"]), int(match["m"]), int(match["d"])) if match else None


def _url_year(url: str | None) -> int | None:
    match = _URL_YEAR.search(urlsplit(url).path + "/") if url else None
    return int(match["y"]) if match else None


def _iso_date(value: object) -> dt.date | None:
    if not isinstance(value, str):
        return None
    match = re.match(r"^\s*(\d{4})-(\d{2})-(\d{2})", value)
    return _safe_date(int(match[1]), int(match[2]), int(match[3])) if match else None


def _loose_date(value: str) -> dt.date | None:
    match = _FULL_DATE.search(value)
    return _match_date(match) if match else None


def _date_line(text: str) -> dt.date | None:
    """The date if ``text`` is nothing but a date (with labels or a clock time)."""
    match = _FULL_DATE.search(text)
    if not match:
        return None
    rest = text[: match.start()] + " " + text[match.end() :]
    if _DATE_LINE_FILLER.fullmatch(rest) is None:
        return None
    return _match_date(match)


def _match_date(match: re.Match[str]) -> dt.date | None:
    if match.group("y3"):
        return _safe_date(int(match["y3"]), int(match["m3"]), int(match["d3"]))
    month = month_number(match.group("m1") or match.group("m2"))
    day = int(match.group("d1") or match.group("d2"))
    year = int(match.group("y1") or match.group("y2"))
    return _safe_date(year, month, day)


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _date_from_dateline(
    published: dt.date | None, cleaned: _Cleaned, url: str | None
) -> tuple[dt.date | None, tuple[int, int] | None]:
    """Complete a year-less dateline from the file; else hand it on for the story to resolve.

    The year comes from the address (``/2025/``), then from a full date in the text on
    the same month and within a week (``"... by June 10, 2025"``), then from a copyright
    line. A body's other years ("invaded in February 2022") are not used: they are
    history, not the date of the piece.
    """
    if published is not None or cleaned.dateline is None:
        return published, None
    month, day = cleaned.dateline
    year = _url_year(url) or _year_near(cleaned.text, month, day) or cleaned.copyright_year
    if year:
        return _safe_date(year, month, day), None
    return None, cleaned.dateline


def _year_near(text: str, month: int, day: int) -> int | None:
    for match in _FULL_DATE.finditer(text):
        date = _match_date(match)
        if date is not None and date.month == month and abs(date.day - day) <= DATELINE_YEAR_DAYS:
            return date.year
    return None


def resolve_dateline_years(articles: Sequence[Article]) -> list[Article]:
    """Give a year-less dateline the year that puts it nearest the story's other articles.

    A per-story step (compare runs it on the story's articles): the year never depends
    on which other files happened to be read in the same call. An article already
    dated is returned as it is.

    >>> from crosscheck.types import Source
    >>> dated = Article(Source("a", "a.txt", "", "A", dt.date(2025, 1, 3)), "x")
    >>> wire = Article(Source("b", "b.txt", "", "B", dateline=(12, 30)), "y")
    >>> resolve_dateline_years([dated, wire])[1].source.published
    datetime.date(2024, 12, 30)
    """
    known = [a.source.published for a in articles if a.source.published is not None]
    resolved = []
    for article in articles:
        if article.source.dateline is None or not known:
            resolved.append(article)
            continue
        month, day = article.source.dateline
        best: tuple[int, dt.date] | None = None
        for other in known:
            for year in (other.year - 1, other.year, other.year + 1):
                candidate = _safe_date(year, month, day)
                if candidate is None:
                    continue
                distance = abs((candidate - other).days)
                if best is None or distance < best[0]:
                    best = (distance, candidate)
        if best is not None and best[0] <= CLUSTER_YEAR_MAX_DAYS:
            source = replace(article.source, published=best[1], dateline=None)
            article = replace(article, source=source)
        resolved.append(article)
    return resolved
