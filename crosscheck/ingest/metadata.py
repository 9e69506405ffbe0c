"""Names and addresses: a value as text, a web address's site, ids from file names.

>>> _url_site("https://www.harbourgazette.example/2025/06/02/wall")
'harbourgazette.example'
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import urlsplit


def _text_value(value: object) -> str:
    if value is None or isinstance(value, (dict, list)):
        return ""
    return " ".join(str(value).split())


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


def _slugify(stem: str) -> str:
    slug = re.sub(r"[\W_]+", "-", unicodedata.normalize("NFKC", stem).casefold()).strip("-")
    return slug or "source"


def _title_from_stem(path: Path | str) -> str:
    if isinstance(path, str):  # a URL: its last path segment, else its host
        parts = urlsplit(path)
        return Path(parts.path).stem or parts.hostname or path
    return path.stem


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
