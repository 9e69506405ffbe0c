"""File -> Article: read plain text, Markdown (with or without YAML front matter) and HTML.

The format is told by content, never by extension: a ``.txt`` that opens with ``---``
has front matter, and a saved page is HTML whatever it is called. The body is cleaned
of what is not a claim made by the article (headline, byline, date line, photo
captions, "Related article" links, agency credits, "Original url" trailers, Markdown
markup) so that every sentence left in ``Article.text`` is the outlet's own prose.

The shape of ``Article.text``, which crosscheck.segment relies on: paragraphs are
separated by one blank line; soft-wrapped lines are joined; any line break left is a
deliberate one (a section heading, a list item). The headline goes to ``Source.title``
only, since it is the desk's summary and not a claim the body makes; section headings
stay in the body, each on its own line, and become sentences of their own. A wire
dateline ("PORTVILLE, June 2 (Wire) - ") is cut from the first sentence: its date is
metadata, and a year it lacks is taken from the file, else from the other articles of
the same ``load_articles`` call.

>>> article = load_article("tests/data/ingest/plain.txt")     # doctest: +SKIP
>>> article.source.title, article.source.published             # doctest: +SKIP
('Harbour Council Approves Flood Wall After Two-Year Delay', datetime.date(2025, 4, 14))
"""

from __future__ import annotations

import datetime as dt
import errno
import html
import itertools
import os
import re
import unicodedata
import warnings
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from crosscheck.errors import IngestError, MetadataWarning
from crosscheck.lang import detect_language
from crosscheck.settings import max_article_bytes
from crosscheck.types import Article, Fetched, Origin, Source
from crosscheck.yamlfile import YamlProblem, brief, load_yaml_text, read_yaml

__all__ = ["load_article", "load_articles", "real_path", "source_ids"]

# --- thresholds ------------------------------------------------------------------------
# Calibrated by reading the seeds and the dev clusters (headlines there run 8-14 words,
# captions 4-12, bylines 3-9) and leaving generous room above each.

# A first line longer than this is prose, not a headline.
TITLE_MAX_WORDS = 30
# A "By ..." line longer than this is a sentence that happens to start with "By".
BYLINE_MAX_WORDS = 16
# A short line ending in a bracketed link credit is a photo caption; longer ones are prose.
CAPTION_MAX_WORDS = 30
# A line with at least this many words that ends like a sentence is body prose; the
# header (headline, byline, date line, caption) ends at the first such line.
PROSE_MIN_WORDS = 8
# Inside one paragraph, a line shorter than this is a deliberate break (a heading or a
# short label), not a soft wrap of running text, so it is never joined to the next.
SOFT_WRAP_MIN_CHARS = 40
# A dateline without a year ("PORTVILLE, June 2") takes the year that puts it nearest to
# the other articles of the same load; articles about one story appear within days of
# each other, so a match further away than this is not trusted.
CLUSTER_YEAR_MAX_DAYS = 92
# A year-less dateline borrows the year of a full date in the same text only when that
# date is this close to it (same month): "talks on June 2 ... a deadline of June 9, 2025".
DATELINE_YEAR_DAYS = 7
# A web page whose extracted text has fewer words than this, or no line that reads as
# a sentence of prose (PROSE_MIN_WORDS words ending like a sentence), holds no article:
# navigation, a cookie notice, a paywall stub. Set below the shortest news texts seen:
# of the 982 ECB+ documents (all topics, excerpts) the shortest run 7, 14 and 17 words,
# 99% have 20 or more; the seeds' and dev clusters' shortest body has 264. Not tuned.
PAGE_MIN_WORDS = 12
# A stretch of text with no sentence end longer than this is cut into paragraphs (see
# _break_run_ons). The longest sentence the splitter finds in the ECB+ news texts (982
# documents, 14,701 sentences) is 872 characters, 99.9% are under 540; the seeds' and
# dev clusters' longest is 283. Over twice the longest, so no real sentence is cut.
RUN_ON_MAX_CHARS = 2000
# How much of a file is sniffed for HTML markers.
HTML_SNIFF_CHARS = 2048

# --- dates -----------------------------------------------------------------------------

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
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

# --- lines that are not the article's prose --------------------------------------------

_MD_LINK = re.compile(r"(?<!!)\[(?P<text>[^\]\n]*)\]\((?P<url>[^)\s]*)(?:\s+\"[^\"]*\")?\)")
_MD_REF_LINK = re.compile(r"\[(?P<text>[^\]\n]+)\]\[[^\]\n]*\]")
_MD_IMAGE = re.compile(r"!\[[^\]\n]*\]\([^)\n]*\)")
_AUTOLINK = re.compile(r"<(?P<url>(?:https?|ftp)://[^>\s]+)>")
_BARE_URL_LINE = re.compile(r"^<?(?:https?://|www\.)\S+>?$", re.I)
_REF_DEFINITION = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*\S+")
_RULE = re.compile(r"^\s{0,3}(?:(?:-\s*){3,}|(?:\*\s*){3,}|(?:_\s*){3,}|(?:=\s*){3,})$")
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(?P<text>.*?)(?:\s+#+)?\s*$")
_BULLET = re.compile(r"^\s*[-*+•]\s+")
_BLOCKQUOTE = re.compile(r"^\s{0,3}>\s?")
_HTML_COMMENT = re.compile(r"<!--.*?-->", re.S)
_INLINE_TAG = re.compile(r"</?(?:br|span|em|strong|i|b|u|a|sup|sub|small|mark)\b[^>]*>", re.I)
_STRONG = re.compile(r"(\*\*|__)(?=\S)(?P<text>.+?)(?<=\S)\1")
_EM_STAR = re.compile(r"(?<![\w*])\*(?=\S)(?P<text>[^*\n]+?)(?<=\S)\*(?![\w*])")
_EM_UNDERSCORE = re.compile(r"(?<![\w_])_(?=\S)(?P<text>[^_\n]+?)(?<=\S)_(?![\w_])")

_RELATED = re.compile(
    r"^(?:related(?:\s+(?:article|articles|stories|story|coverage|content|reading))?"
    r"|read\s+(?:more|also|next)|see\s+also|more\s+on\s+this(?:\s+story)?|also\s+read"
    r"|recommended)\s*:",
    re.I,
)
_ORIGINAL_URL = re.compile(
    r"^(?:original|source|canonical)\s+(?:url|link|article)\s*:\s*(?P<url>\S*)$", re.I
)
_CREDIT_WORDS = r"(?i:(?:additional\s+)?(?:reporting|writing|editing|compiled|edited|written)\s+by)"
_NAMES = r"[A-Z][\w&.'’-]*(?:(?:\s+|\s*,\s*|\s+and\s+)(?:in\s+)?[A-Z][\w&.'’-]*){0,8}"
_CREDITS = (
    # "(Reporting by Ines Marlow in Portville; editing by Tom Kell)"
    re.compile(rf"^[(\[]\s*{_CREDIT_WORDS}\s.*[)\]]\.?$"),
    # "Reporting by Imre Hale; editing by Petra Lunde" (a name must follow "by")
    re.compile(rf"^{_CREDIT_WORDS}\s+[A-Z][^.]*\.?$"),
    # "AFP contributed reporting.", "Rafe Kell in Portville contributed to this report."
    re.compile(
        rf"^(?:{_NAMES}|(?i:the\s+associated\s+press))\s+contributed"
        r"(?:\s+(?:reporting|(?:to\s+)?(?:this|the)\s+(?:report|story|article)))?"
        r"(?:\s+to\s+this\s+(?:report|story|article))?\.?$"
    ),
    # "With AFP.", "— Reuters", "Agencies"
    re.compile(
        r"^(?:(?:[—–-]\s*|(?i:with)\s+)?(?:AFP|AP|Reuters|dpa|Xinhua|EFE|ANSA|(?i:agencies))"
        r"(?:\s*(?:,|and)\s*(?:AFP|AP|Reuters|dpa|Xinhua|EFE|ANSA))*)\.?$"
    ),
)
_NOTE = re.compile(
    r"^(?:disclosure\s*:|this\s+(?:post|story|article|page|piece|blog)\s+(?:will\s+be|has\s+been"
    r"|was|is\s+being|is)\s+(?:updated|regularly\s+updated)\b)",
    re.I,
)
_PHOTO_CREDIT = re.compile(r"^(?:photo|image|picture|photograph)(?:\s+credit)?\s*:", re.I)
_CAPTION = re.compile(
    r"^(?P<before>.*?)\s*\[(?P<credit>[^\]\n]{1,60})\]\([^)\n]*\)\s*$",
)
_BYLINE = re.compile(
    r"^(?:By|BY|From)\s+(?:[A-Z][\w.'’-]*|de|van|von|al|bin)(?:[\s,]+\S+)*$",
)
# "PORTVILLE, June 2 (Wire) - ", "RIVERTON, Eastland, June 3 (Reuters) — ", "LAKESIDE — ".
_DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z.'’-]+(?:\s+[A-Z][A-Z.'’-]+){0,3}(?:,\s+[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,2})?)"
    rf"(?:,\s+(?P<date>{_MONTH}\s+\d{{1,2}}|\d{{1,2}}\s+{_MONTH}))?"
    r"(?:\s*\((?P<agency>[^()\n]{1,40})\))?"
    r"(?:\s+(?:-{1,2}|–|—)\s+|\s*[–—]\s*)(?=\S)"
)
_TITLE_SEPARATORS = re.compile(r"\s+(?:\||-|–|—|::|·|•)\s+")
# Headlines do not end with a full stop (they may end with "?" or "!").
_ENDS_WITH_STOP = re.compile(r"[.…][\"'”’)\]]*$")
_TERMINAL = re.compile(r"[.!?…][\"'”’»)\]]*$")

_FRONT_MATTER_OUTLET_KEYS = ("outlet", "source", "site_name", "sitename", "publisher", "site")
_FRONT_MATTER_DATE_KEYS = ("date", "published", "published_at", "pubdate", "publish_date")
_FRONT_MATTER_URL_KEYS = ("url", "canonical_url", "canonical", "link", "permalink", "source_url")


@dataclass(frozen=True, slots=True)
class _Parsed:
    """What one file yields before ids are assigned across a load."""

    path: Path | str
    title: str
    outlet: str
    published: dt.date | None
    url: str | None
    text: str
    # A dateline's month and day when no year could be found in the file itself.
    dateline: tuple[int, int] | None = None
    # The stored page a URL was read from.
    fetched: Fetched | None = None
    # The way back from ``text`` to the file as read (crosscheck.origin).
    origin: Origin | None = None


# --- public API ------------------------------------------------------------------------


def load_article(path: str | Path) -> Article:
    """Read one article file; raise ``IngestError`` if it cannot be used.

    >>> load_article("seeds/000_669a61a3c6b00fe6.txt").source.published  # doctest: +SKIP
    datetime.date(2025, 5, 31)
    """
    return load_articles([path])[0]


OUTLETS_FILE = "outlets.yaml"
# A file name standing in for an outlet is shown as "unknown outlet (file NAME)" when
# it looks machine-made: a run of 8+ hex digits mixing digits and letters (a hash or
# UUID part), or no letters at all. "northern-ledger" stays, "000_669a61a3c6b00fe6" goes.
_HASH_LIKE = re.compile(
    r"(?:^|[^0-9a-f])(?=[0-9a-f]*\d)(?=[0-9a-f]*[a-f])[0-9a-f]{8,}(?:$|[^0-9a-f])"
)


def outlet_names(*folders: Path | str) -> dict[str, str]:
    """Outlet names by web host from ``outlets.yaml`` in the shipped rules folder and
    in each of ``folders`` (later ones win for the same host).

    >>> outlet_names()["reuters.com"]
    'Reuters'
    """
    from crosscheck.errors import CrosscheckError
    from crosscheck.settings import RULES_DIR

    names: dict[str, str] = {}
    for folder in (RULES_DIR, *map(Path, folders)):
        path = Path(folder) / OUTLETS_FILE
        if not path.is_file():
            continue
        try:
            data = read_yaml(path)
        except YamlProblem as problem:
            raise CrosscheckError(f"invalid config: {path}: {problem}") from None
        hosts = data.get("hosts") if isinstance(data, dict) else None
        if not isinstance(hosts, dict) or not all(
            isinstance(k, str) and isinstance(v, str) and v.strip() for k, v in hosts.items()
        ):
            raise CrosscheckError(
                f"invalid config: {path}: expected 'hosts:' mapping web host: outlet name"
            )
        names.update({_url_site(host) or host.lower(): v.strip() for host, v in hosts.items()})
    return names


def _outlet_for_host(site: str, names: dict[str, str]) -> str | None:
    """'edition.cnn.com' -> the name of 'cnn.com' when only the parent is listed."""
    labels = site.split(".")
    for n in range(len(labels) - 1):
        name = names.get(".".join(labels[n:]))
        if name:
            return name
    return None


def _named_outlet(item: _Parsed, names: dict[str, str], given: str | None) -> str:
    """The outlet to show: a name given with --outlet, a host mapped through
    outlets.yaml, the name ingest found, never a machine-made file name."""
    if given:
        return given
    outlet = item.outlet
    if re.fullmatch(r"[a-z0-9-]+(?:\.[a-z0-9-]+)+", outlet):
        return _outlet_for_host(outlet, names) or outlet
    machine_made = _HASH_LIKE.search(outlet.casefold()) or not re.search(r"[^\W\d_]", outlet)
    if isinstance(item.path, Path) and outlet == _title_from_stem(item.path) and machine_made:
        return f"unknown outlet (file {item.path.name})"
    return outlet


def load_articles(
    paths: Iterable[str | Path],
    *,
    rules_dirs: Sequence[str | Path] = (),
    outlets: Mapping[str, str] | None = None,
) -> list[Article]:
    """Read several articles of one story; the first bad file raises ``IngestError``.

    Ids are unique within the call (``wire``, ``wire-2`` for two ``wire`` stems). A
    dateline without a year takes the year that puts it nearest the other articles.
    Outlets: ``outlets`` (path or URL -> name, as ``--outlet FILE=NAME`` gives) first,
    then what the file says, a host mapped through ``outlets.yaml`` (shipped, then in
    ``rules_dirs``); a machine-made file name is never shown as an outlet.

    >>> [a.source.id for a in load_articles(["a/wire.txt", "b/wire.txt"])]  # doctest: +SKIP
    ['wire', 'wire-2']
    """
    inputs = list(paths)
    # A URL (or a feed entry) is fetched through crosscheck.fetch; a path is read.
    files = [_input_key(item) for item in inputs]
    parsed = [_parse_input(item) for item in inputs]
    parsed = _resolve_dateline_years(parsed)
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
            ),
            text=item.text,
        )
        for source_id, item in zip(source_ids(files), parsed, strict=True)
    ]


# Files a folder scan takes as articles (ingest itself tells formats by content, so a
# file named on the command line may have any name). Anything else in a story folder,
# such as gold.yaml or notes, is skipped.
ARTICLE_SUFFIXES = frozenset({".txt", ".md", ".markdown", ".html", ".htm"})
# Data that sits beside articles (gold.yaml, a JSON report, a CSV of figures): a
# "compare story/*" leaves it out rather than reading it as an article.
DATA_SUFFIXES = frozenset({".yaml", ".yml", ".json", ".jsonl", ".csv", ".tsv", ".sqlite3"})


def is_article_file(path: Path) -> bool:
    """A file a folder scan takes as an article (by its suffix)."""
    return path.is_file() and path.suffix.casefold() in ARTICLE_SUFFIXES


def article_inputs(values: Sequence[str | Path]) -> tuple[list[str | Path], list[str]]:
    """The articles that command-line arguments name, and notes on what was left out.

    A folder stands for its article files (``ARTICLE_SUFFIXES``, hidden ones aside); a
    data file (``DATA_SUFFIXES``) is left out with a note; anything else is kept for
    ingest to judge.

    >>> article_inputs(["wire.txt", "gold.yaml", "daily.html"])
    (['wire.txt', 'daily.html'], ['gold.yaml: left out (a .yaml data file, not an article)'])
    """
    files: list[str | Path] = []
    notes: list[str] = []
    for value in values:
        path = Path(value)
        if isinstance(value, str) and "://" in value:
            files.append(value)  # refused by ingest with its own message
            continue
        real_path(path)
        if path.is_dir():
            found = sorted(
                entry
                for entry in path.iterdir()
                if not entry.name.startswith(".") and is_article_file(entry)
            )
            if not found:
                kinds = ", ".join(sorted(ARTICLE_SUFFIXES))
                raise IngestError(path, f"folder holds no article files ({kinds})")
            files.extend(found)
        elif path.suffix.casefold() in DATA_SUFFIXES:
            notes.append(f"{value}: left out (a {path.suffix} data file, not an article)")
        else:
            files.append(value)
    return files, notes


def source_ids(paths: Iterable[str | Path]) -> list[str]:
    """Stable, unique ids from file name stems: slugified, duplicates numbered in order.

    >>> source_ids(["x/Wire Story.txt", "y/wire-story.md", "z/ledger.html"])
    ['wire-story', 'wire-story-2', 'ledger']
    """
    slugs = [_slugify(Path(p).stem) for p in paths]
    taken = set(slugs)
    seen: set[str] = set()
    ids = []
    for slug in slugs:
        candidate = slug
        number = 2
        while candidate in seen or (candidate != slug and candidate in taken):
            candidate = f"{slug}-{number}"
            number += 1
        seen.add(candidate)
        ids.append(candidate)
    return ids


# --- reading ---------------------------------------------------------------------------


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
    from crosscheck.origin import build_origin

    body_start = _front_matter_end(raw) if kind == "text" else 0
    return replace(parsed, origin=build_origin(raw, parsed.text, kind=kind, body_start=body_start))


def _front_matter_end(raw: str) -> int:
    """Where the body of ``raw`` (not yet normalised) starts: after the line that closes
    its front matter, as ``_split_front_matter`` finds it; 0 without front matter."""
    offset, opened = 0, False
    for line in re.split(r"(?<=\r\n)|(?<=\r)(?!\n)|(?<=\n)", raw):
        offset += len(line)
        bare = line.rstrip()
        if not opened and bare:
            if bare != "---":
                return 0
            opened = True
        elif opened and bare in ("---", "..."):
            return offset
    return 0


def _as_path(value: str | Path) -> Path:
    # Checked on the string: Path() would fold "https://" into "https:/".
    if isinstance(value, str) and re.match(r"^[a-z][a-z0-9+.-]*://", value, re.I):
        raise IngestError(value, "only http:// and https:// URLs can be read")
    return Path(value)


def _input_key(item: object) -> str | Path:
    """What names an input in ids and messages: the URL as given, or the path."""
    from crosscheck.feeds import FeedEntry
    from crosscheck.fetch import is_url

    if isinstance(item, FeedEntry):
        return item.link
    return item if is_url(item) else _as_path(item)  # type: ignore[arg-type]


def _parse_input(item: object) -> _Parsed:
    from crosscheck.feeds import FeedEntry
    from crosscheck.fetch import is_url

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
        return _parse_url(item)  # type: ignore[arg-type]
    return _parse(_as_path(item))  # type: ignore[arg-type]


def _parse_url(url: str) -> _Parsed:
    """Fetch (or read from the page cache) and read the page as a saved HTML file is."""
    from crosscheck.feeds import feed_kind
    from crosscheck.fetch import fetch

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
    from crosscheck.feeds import feed_kind

    kind = feed_kind(raw)
    if kind is not None:
        raise IngestError(
            path, f"is {kind}, not an article (give feeds to `crosscheck audit`, not as text)"
        )


def _is_url_text(value: str | Path) -> bool:
    return isinstance(value, str) and "://" in value


def _key_of(path: str | Path) -> str:
    """How ``--outlet FILE=NAME`` finds an input: its real path, or the URL as given."""
    return path if _is_url_text(path) else str(real_path(path))


def real_path(path: str | Path) -> Path:
    """``path`` with every symbolic link resolved; a link loop is an ``IngestError``.

    Compare and the audit's folder scan both call it, so a loop among the inputs is one
    line of error, not a traceback.

    >>> real_path("seeds") == Path("seeds").resolve()
    True
    """
    try:
        os.stat(path)
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise IngestError(path, "symbolic link loop (the link leads back to itself)") from None
    try:
        return Path(path).resolve()
    except (RuntimeError, OSError):
        raise IngestError(path, "symbolic link loop (the link leads back to itself)") from None


def _read_text(path: Path) -> str:
    real_path(path)
    if not path.exists():
        raise IngestError(path, "no such file")
    if path.is_dir():
        raise IngestError(path, "is a directory, not an article file")
    limit = max_article_bytes()
    try:
        with path.open("rb") as handle:
            data = handle.read(limit + 1)
    except OSError as error:
        raise IngestError(path, f"cannot be read ({error.strerror or error})") from None
    if len(data) > limit:
        raise IngestError(
            path,
            f"larger than the {_megabytes(limit)} limit for one article; raise it with "
            "--max-article-mb or $CROSSCHECK_MAX_ARTICLE_MB if this is really one article",
        )
    if not data.strip():
        raise IngestError(path, "file is empty")
    text = _decode(path, data)
    if not text.strip():
        raise IngestError(path, "file is empty")
    # As decoded, not yet normalised: file offsets (crosscheck.origin) point into this.
    return text


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.3g} MB"


def _decode(path: Path, data: bytes) -> str:
    # A UTF-16 byte-order mark is an explicit declaration, so honour it before the NUL
    # check (UTF-16 text is full of NUL bytes).
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise IngestError(path, "not valid UTF-16 text despite its byte-order mark") from None
    if b"\x00" in data:
        raise IngestError(path, "binary file (contains NUL bytes), not an article")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        # No guessing (cp1252 "works" on any byte string and turns mis-encoded text into
        # silent garbage), except where the file itself names its encoding: an HTML page
        # with <meta charset="...">.
        declared = _declared_html_charset(data)
        if declared:
            try:
                return data.decode(declared)
            except (LookupError, UnicodeDecodeError):
                pass
        line = data[: error.start].count(b"\n") + 1
        byte = data[error.start]
        raise IngestError(
            path, f"not UTF-8 text (byte 0x{byte:02x} on line {line}); save it as UTF-8"
        ) from None


def _declared_html_charset(data: bytes) -> str | None:
    head = data[:HTML_SNIFF_CHARS].decode("ascii", errors="replace")
    if not re.search(r"<(?:!doctype\s+html|html|head|meta)\b", head, re.I):
        return None
    match = re.search(r"<meta[^>]+charset\s*=\s*[\"']?([\w.:-]+)", head, re.I)
    if not match or match.group(1).lower().replace("_", "-") in ("utf-8", "utf8"):
        return None
    return match.group(1)


def _normalise(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u2028", "\n").replace("\u2029", "\n\n")
    # Non-breaking and odd-width spaces become spaces; zero-width marks are dropped so
    # that the same words match across outlets.
    text = re.sub(r"[\u00a0\u2000-\u200a\u202f\u205f\u3000]", " ", text)
    text = re.sub(r"[\u200b-\u200d\u2060\ufeff]", "", text)
    return unicodedata.normalize("NFC", text)


def _looks_like_html(text: str) -> bool:
    head = text.lstrip()[:HTML_SNIFF_CHARS]
    if re.search(r"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]", head, re.I):
        return True
    # A fragment saved without <html>: starts with a tag and has paragraph markup.
    return head.startswith("<") and bool(re.search(r"<(?:p|article|div)[\s>]", head, re.I))


def _split_front_matter(path: Path, text: str) -> tuple[dict[str, Any], str]:
    """Return (front matter as a dict with lower-case keys, body)."""
    lines = text.split("\n")
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None or lines[first].rstrip() != "---":
        return {}, text
    end = next(
        (i for i in range(first + 1, len(lines)) if lines[i].rstrip() in ("---", "...")), None
    )
    if end is None:
        raise IngestError(path, f"front matter opened on line {first + 1} is never closed by '---'")
    block = "\n".join(lines[first + 1 : end])
    try:
        data = load_yaml_text(block, first_line=first + 2)
    except YamlProblem as problem:
        text = str(problem)
        sep = " is " if text.startswith("not valid YAML") else ": "
        raise IngestError(path, f"front matter{sep}{text}") from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise IngestError(
            path, f"front matter (line {first + 2}) is not a mapping of 'key: value' lines"
        )
    return {str(k).lower(): v for k, v in data.items()}, "\n".join(lines[end + 1 :])


# --- plain text and Markdown -------------------------------------------------------------


def _warn_about_front_matter(path: Path, front_matter: dict[str, Any]) -> None:
    """A ``MetadataWarning`` for each metadata key whose value is ignored, naming the
    file and the key: a title that is a list, a date that is no date, a url that is no
    address. The CLI prints them; ``--strict`` refuses the file instead."""

    def warn(key: str, what: str) -> None:
        value = brief(front_matter[key], 40)
        message = f"{path}: front matter '{key}: {value}' ignored: {what}"
        warnings.warn(MetadataWarning(message), stacklevel=4)

    for key in ("title", *_FRONT_MATTER_OUTLET_KEYS):
        value = front_matter.get(key)
        if value is not None and not isinstance(value, (str, int, float)):
            warn(key, "not text")
    for key in _FRONT_MATTER_DATE_KEYS:
        value = front_matter.get(key)
        if value is None or isinstance(value, dt.date):
            continue
        if not isinstance(value, str) or not (_iso_date(value) or _loose_date(value)):
            warn(key, "not a date (write it as 2025-06-07)")
    for key in _FRONT_MATTER_URL_KEYS:
        value = front_matter.get(key)
        if value is not None and not (isinstance(value, str) and _looks_like_url(value)):
            warn(key, "not a web address (https://...)")


def _parse_text(path: Path, body: str, front_matter: dict[str, Any]) -> _Parsed:
    _warn_about_front_matter(path, front_matter)
    title = _text_value(front_matter.get("title"))
    url = _front_matter_url(front_matter)
    outlet = _front_matter_outlet(front_matter)
    published = _front_matter_date(front_matter)

    cleaned = _clean_lines(body, known_title=title)
    title = title or cleaned.title or _title_from_stem(path)
    url = url or cleaned.url
    published = published or cleaned.published or _url_date(url)
    published, dateline = _date_from_dateline(published, cleaned, url)
    outlet = outlet or _url_site(url) or cleaned.agency or _title_from_stem(path)
    if not cleaned.text:
        raise IngestError(path, "no article text left after cleaning (only a headline or metadata)")
    return _Parsed(path, title, outlet, published, url, cleaned.text, dateline)


@dataclass(slots=True)
class _Cleaned:
    text: str = ""
    title: str = ""
    url: str | None = None
    published: dt.date | None = None
    dateline: tuple[int, int] | None = None
    agency: str = ""
    copyright_year: int | None = None


@dataclass(slots=True)
class _Line:
    text: str
    # A heading, list item or quote line: never joined to its neighbours.
    structural: bool = False


def _clean_lines(body: str, *, known_title: str) -> _Cleaned:
    """Strip markup and non-prose lines; return the body and what metadata it held."""
    out = _Cleaned()
    body = _HTML_COMMENT.sub("", body)
    raw_lines = [line.rstrip() for line in body.split("\n")]

    # Pass 1: drop whole lines that are never prose, remembering their metadata.
    kept: list[str | None] = []  # None marks a paragraph break
    skip_url_line = False
    for raw in raw_lines:
        line = raw.strip()
        if not line:
            kept.append(None)
            continue
        if skip_url_line:
            skip_url_line = False
            if _BARE_URL_LINE.match(line):
                out.url = out.url or line.strip("<>")
                continue
        original = _ORIGINAL_URL.match(line)
        if original:
            if original.group("url"):
                out.url = out.url or original.group("url").strip("<>")
            else:
                skip_url_line = True
            continue
        copyright_ = _COPYRIGHT.match(line)
        if copyright_:
            out.copyright_year = int(copyright_.group("y"))
            continue
        if _is_furniture(line):
            continue
        kept.append(raw)

    # Pass 2: inline Markdown -> text, line by line, keeping paragraph breaks.
    lines: list[_Line | None] = []
    for kept_line in kept:
        if kept_line is None:
            lines.append(None)
            continue
        cleaned_line = _inline_text(kept_line)
        if cleaned_line is not None:
            lines.append(cleaned_line)

    # Pass 3: the header (headline, byline, date line) up to the first prose line.
    lines = _strip_header(lines, out, known_title=known_title)

    paragraphs = _paragraphs(lines)
    if paragraphs:
        paragraphs[0] = _strip_dateline(paragraphs[0], out)
    out.text = "\n\n".join(_break_run_ons(p) for p in paragraphs if p)
    return out


_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+")


def _break_run_ons(paragraph: str) -> str:
    """Cut a stretch with no sentence end longer than ``RUN_ON_MAX_CHARS`` into
    paragraphs at spaces (or anywhere, in a text without spaces).

    Checks read one sentence at a time and some look back over the sentence for each
    name they find; a run-on of megabytes made them quadratic. Real sentences are far
    shorter than the limit and are never cut.

    >>> [len(p) for p in _break_run_ons("word " * 1000).split("\\n\\n")]
    [1999, 1999, 999]
    """
    if len(paragraph) <= RUN_ON_MAX_CHARS:
        return paragraph
    pieces: list[str] = []
    for sentence in _SENTENCE_END.split(paragraph):
        while len(sentence) > RUN_ON_MAX_CHARS:
            cut = sentence.rfind(" ", 0, RUN_ON_MAX_CHARS + 1)
            cut = cut if cut > 0 else RUN_ON_MAX_CHARS
            pieces.append(sentence[:cut].rstrip())
            pieces.append("\n\n")
            sentence = sentence[cut:].lstrip()
        pieces.append(sentence)
        pieces.append(" ")
    return "".join(pieces).strip().replace(" \n\n", "\n\n")


def _is_furniture(line: str) -> bool:
    """A line that belongs to the page, not the story: links out, credits, captions."""
    if _RULE.match(line) or _REF_DEFINITION.match(line) or _BARE_URL_LINE.match(line):
        return True
    plain = _strip_emphasis(line).strip()
    if _RELATED.match(plain) or _NOTE.match(plain) or any(c.match(plain) for c in _CREDITS):
        return True
    if _PHOTO_CREDIT.match(plain):
        return True
    if _MD_IMAGE.sub("", line).strip() == "":
        return True
    return _is_caption(line)


def _is_caption(line: str) -> bool:
    # "Harbour master Ines Marlow. [harbour.example](https://harbour.example)": a short
    # description, then a bracketed credit link standing after the final stop. A body
    # sentence that links a word ("He [said](#) ...") ends with text, not with a link.
    match = _CAPTION.match(line)
    if not match:
        return False
    before = _strip_emphasis(_MD_LINK.sub(r"\g<text>", match.group("before"))).strip()
    if len(before.split()) > CAPTION_MAX_WORDS:
        return False
    return before == "" or bool(_TERMINAL.search(before)) or before.endswith((":", "|", "-", "—"))


def _inline_text(raw: str) -> _Line | None:
    structural = False
    line = raw
    heading = _HEADING.match(line)
    if heading:
        line, structural = heading.group("text"), True
    if _BLOCKQUOTE.match(line):
        line, structural = _BLOCKQUOTE.sub("", line), True
    if _BULLET.match(line):
        line, structural = _BULLET.sub("", line, count=1), True
    line = _MD_IMAGE.sub("", line)
    line = _MD_LINK.sub(r"\g<text>", line)
    line = _MD_REF_LINK.sub(r"\g<text>", line)
    line = _AUTOLINK.sub(r"\g<url>", line)
    line = _INLINE_TAG.sub("", line)
    line = _strip_emphasis(line)
    line = re.sub(r"[ \t]+", " ", line).strip()
    return _Line(line, structural) if line else None


def _strip_emphasis(text: str) -> str:
    text = _STRONG.sub(r"\g<text>", text)
    text = _EM_STAR.sub(r"\g<text>", text)
    return _EM_UNDERSCORE.sub(r"\g<text>", text)


def _strip_header(
    lines: list[_Line | None], out: _Cleaned, *, known_title: str
) -> list[_Line | None]:
    result = list(lines)
    first = next((i for i, line in enumerate(result) if line is not None), None)
    if first is None:
        return result
    head = result[first]
    assert head is not None
    following = result[first + 1] if first + 1 < len(result) else None
    if _is_title_line(head, following):
        # Without a title from metadata the first line is the headline; with one, a
        # first line that repeats it (or any leading Markdown heading) is dropped too.
        if not known_title:
            out.title = head.text
        if not known_title or _same_text(head.text, known_title) or head.structural:
            result[first] = None

    for i, line in enumerate(result):
        if line is None:
            continue
        if _is_prose(line.text):
            break
        date = _date_line(line.text)
        if date is not None:
            out.published = out.published or date
            result[i] = None
            continue
        if _BYLINE.match(line.text) and len(line.text.split()) <= BYLINE_MAX_WORDS:
            found = _FULL_DATE.search(line.text)
            if found and out.published is None:
                out.published = _match_date(found)
            result[i] = None
    return result


def _is_title_line(line: _Line, following: _Line | None) -> bool:
    words = line.text.split()
    if not words or len(words) > TITLE_MAX_WORDS or _ENDS_WITH_STOP.search(line.text):
        return False
    if _date_line(line.text) is not None or _BYLINE.match(line.text):
        return False
    # A hard-wrapped first paragraph goes on in lower case on the next line.
    return not (following is not None and following.text[:1].islower())


def _is_prose(text: str) -> bool:
    return len(text.split()) >= PROSE_MIN_WORDS and bool(_TERMINAL.search(text))


def _same_text(a: str, b: str) -> bool:
    def fold(s: str) -> str:
        return re.sub(r"\W+", " ", s).strip().casefold()

    return fold(a) == fold(b)


def _paragraphs(lines: list[_Line | None]) -> list[str]:
    """Group lines into paragraphs; join soft-wrapped lines, keep deliberate breaks."""
    paragraphs: list[str] = []
    block: list[_Line] = []
    for line in [*lines, None]:
        if line is not None:
            block.append(line)
            continue
        if block:
            paragraphs.append(_unwrap(block))
            block = []
    return paragraphs


def _unwrap(block: list[_Line]) -> str:
    text = block[0].text
    for previous, line in itertools.pairwise(block):
        soft_wrap = (
            not previous.structural
            and not line.structural
            and len(previous.text) >= SOFT_WRAP_MIN_CHARS
            and not _TERMINAL.search(previous.text)
        )
        text += (" " if soft_wrap else "\n") + line.text
    return text


def _strip_dateline(paragraph: str, out: _Cleaned) -> str:
    match = _DATELINE.match(paragraph)
    if not match:
        return paragraph
    if match.group("agency"):
        out.agency = match.group("agency").strip()
    if match.group("date"):
        partial = _PARTIAL_DATE.match(match.group("date"))
        if partial:
            month = _month_number(partial.group("m1") or partial.group("m2"))
            day = int(partial.group("d1") or partial.group("d2"))
            if out.published is None:
                out.dateline = (month, day)
    return paragraph[match.end() :]


# --- HTML --------------------------------------------------------------------------------


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


# --- metadata helpers --------------------------------------------------------------------


def _text_value(value: object) -> str:
    if value is None or isinstance(value, (dict, list)):
        return ""
    return " ".join(str(value).split())


def _front_matter_outlet(front_matter: dict[str, Any]) -> str:
    for key in _FRONT_MATTER_OUTLET_KEYS:
        value = _text_value(front_matter.get(key))
        if value:
            # `source: https://...` names the outlet by its address.
            return _url_site(value) if _looks_like_url(value) else value
    return ""


def _front_matter_url(front_matter: dict[str, Any]) -> str | None:
    for key in (*_FRONT_MATTER_URL_KEYS, "source"):
        value = _text_value(front_matter.get(key))
        if value and _looks_like_url(value):
            return value
    return None


def _front_matter_date(front_matter: dict[str, Any]) -> dt.date | None:
    for key in _FRONT_MATTER_DATE_KEYS:
        value = front_matter.get(key)
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        if isinstance(value, str) and value.strip():
            parsed = _iso_date(value) or _loose_date(value)
            if parsed:
                return parsed
    return None


def _looks_like_url(value: str) -> bool:
    return bool(re.match(r"^(?:https?://|www\.)\S+$", value, re.I))


# Domains reserved for examples (RFC 2606): a page served from one names no outlet.
_PLACEHOLDER_SITES = frozenset({"example.com", "example.org", "example.net"})


def _url_site(url: str | None) -> str:
    """'https://www.harbourgazette.example/2025/...' -> 'harbourgazette.example'; '' for a
    placeholder domain (https://www.example.org/...), so the next clue names the outlet."""
    if not url:
        return ""
    host = urlsplit(url if "://" in url else f"http://{url}").hostname or ""
    site = re.sub(r"^(?:www\d?|m|amp|mobile)\.", "", host.lower())
    return "" if site in _PLACEHOLDER_SITES else site


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
    month = _month_number(match.group("m1") or match.group("m2"))
    day = int(match.group("d1") or match.group("d2"))
    year = int(match.group("y1") or match.group("y2"))
    return _safe_date(year, month, day)


def _month_number(name: str) -> int:
    key = name.rstrip(".").lower()
    return _MONTHS.get(key[:4] if key.startswith("sept") else key[:3], 0)


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _slugify(stem: str) -> str:
    slug = re.sub(r"[\W_]+", "-", unicodedata.normalize("NFKC", stem).casefold()).strip("-")
    return slug or "source"


def _title_from_stem(path: Path | str) -> str:
    if isinstance(path, str):  # a URL: its last path segment, else its host
        parts = urlsplit(path)
        return Path(parts.path).stem or parts.hostname or path
    return path.stem


def _date_from_dateline(
    published: dt.date | None, cleaned: _Cleaned, url: str | None
) -> tuple[dt.date | None, tuple[int, int] | None]:
    """Complete a year-less dateline from the file; else hand it on for the load to resolve.

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


def _resolve_dateline_years(parsed: list[_Parsed]) -> list[_Parsed]:
    """Give a year-less dateline the year that puts it nearest the other articles."""
    known = [item.published for item in parsed if item.published is not None]
    resolved = []
    for item in parsed:
        if item.dateline is None or not known:
            resolved.append(item)
            continue
        month, day = item.dateline
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
            item = replace(item, published=best[1], dateline=None)
        resolved.append(item)
    return resolved
