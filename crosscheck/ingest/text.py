"""A plain-text or Markdown file (front matter already split off) -> ``_Parsed``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from crosscheck.errors import IngestError
from crosscheck.ingest.clean import _clean_lines
from crosscheck.ingest.dates import _date_from_dateline, _url_date
from crosscheck.ingest.frontmatter import (
    _front_matter_date,
    _front_matter_outlet,
    _front_matter_url,
    _warn_about_front_matter,
)
from crosscheck.ingest.metadata import _text_value, _title_from_stem, _url_site
from crosscheck.ingest.parsed import _Parsed


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
