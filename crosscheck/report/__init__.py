"""Renderers: a Report as Markdown or HTML (for people) or JSON (for machines)."""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from crosscheck.types import Report

if TYPE_CHECKING:
    from crosscheck.reviews import Verdicts

FORMATS = ("markdown", "json", "html")
_EXTENSION = {"markdown": ".md", "json": ".json", "html": ".html"}


def render(report: Report, fmt: str, *, verdicts: Verdicts | None = None) -> str:
    """The report in ``fmt``; ``verdicts``: the desk's reviews to show (see crosscheck.reviews)."""
    if fmt == "json":
        from crosscheck.report import json

        return json.render(report, verdicts=verdicts)
    if fmt == "markdown":
        from crosscheck.report import markdown

        return markdown.render(report, verdicts=verdicts)
    if fmt == "html":
        from crosscheck.report import html

        return html.render(report, verdicts=verdicts)
    raise ValueError(f"unknown format {fmt!r} (valid: {', '.join(FORMATS)})")


def slug(text: str, limit: int = 60) -> str:
    words = re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-")
    return words[:limit].rstrip("-") or "story"


def default_name(report: Report, fmt: str) -> str:
    """``<story-slug>-<latest publication date>.md``: stable across re-runs of one story."""
    from crosscheck.report.markdown import story_title

    dates = [s.published for s in report.sources if s.published]
    stamp = max(dates).isoformat() if dates else "undated"
    return f"{slug(story_title(report))}-{stamp}{_EXTENSION[fmt]}"


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file and a rename: never half-written."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
