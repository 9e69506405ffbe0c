"""What one file yields on its way to an Article: the records the readers hand on.

``_Cleaned`` is what cleaning a body (crosscheck.ingest.clean) found in it; ``_Parsed``
is one file read, before the load (crosscheck.ingest.load) gives it an id, an outlet
name and a dateline year.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from crosscheck.types import Fetched, Origin


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


@dataclass(slots=True)
class _Cleaned:
    text: str = ""
    title: str = ""
    url: str | None = None
    published: dt.date | None = None
    dateline: tuple[int, int] | None = None
    agency: str = ""
    copyright_year: int | None = None
