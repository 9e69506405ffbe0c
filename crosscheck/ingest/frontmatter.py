"""YAML front matter: where it ends, what it says (title, outlet, date, address),
and a warning for each value that would be ignored.

>>> _front_matter_date({"published": "2025-06-07T10:00:00Z"})
datetime.date(2025, 6, 7)
"""

from __future__ import annotations

import datetime as dt
import re
import warnings
from pathlib import Path
from typing import Any

from crosscheck.errors import IngestError, MetadataWarning
from crosscheck.ingest.dates import _iso_date, _loose_date
from crosscheck.ingest.metadata import _looks_like_url, _text_value, _url_site
from crosscheck.yamlfile import YamlProblem, brief, load_yaml_text

_FRONT_MATTER_OUTLET_KEYS = ("outlet", "source", "site_name", "sitename", "publisher", "site")
_FRONT_MATTER_DATE_KEYS = ("date", "published", "published_at", "pubdate", "publish_date")
_FRONT_MATTER_URL_KEYS = ("url", "canonical_url", "canonical", "link", "permalink", "source_url")


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
