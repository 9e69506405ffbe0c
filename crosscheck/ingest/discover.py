"""Which files command-line arguments and folder scans take as articles."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from crosscheck.errors import IngestError
from crosscheck.ingest.files import real_path

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
