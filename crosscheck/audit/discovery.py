"""What an audit's inputs hold: story folders and a pile, and the pile's stories.

>>> unique_id("flood", {"flood"})
'flood-2'

A file is taken as an article whatever its name (ingest judges it); a folder scan takes
the files in ``ARTICLE_SUFFIXES``. A pile is grouped into stories by
``crosscheck.stories``; a pile story's first id is its title slug plus a hash of its
first member's file name.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from crosscheck.audit.results import AuditEvent, Progress, Story, Uncompared
from crosscheck.errors import AuditError
from crosscheck.ingest import ARTICLE_SUFFIXES, is_article_file, real_path
from crosscheck.pipeline import Timings
from crosscheck.report import slug
from crosscheck.stories import display_title, group_stories
from crosscheck.types import Article

# --- inputs --------------------------------------------------------------------------


def _visible(folder: Path, skip: set[Path]) -> list[Path]:
    try:
        entries = sorted(folder.iterdir())
    except OSError as exc:
        raise AuditError(f"{folder}: cannot be listed ({exc.strerror or exc})") from None
    return [
        entry
        for entry in entries
        if not entry.name.startswith((".", "_")) and real_path(entry) not in skip
    ]


@dataclass(frozen=True, slots=True)
class Inputs:
    """What the input paths hold: story folders (name -> files) and a pile of files."""

    folders: tuple[tuple[Path, tuple[Path, ...]], ...]
    pile: tuple[Path, ...]


def discover(paths: Sequence[Path], *, skip: Iterable[Path] = ()) -> Inputs:
    """Sort the inputs into story folders and a pile; refuse paths that hold no article.

    A file is taken as an article whatever its name (ingest will judge it); a folder
    scan takes the files in ``ARTICLE_SUFFIXES``. A file met twice counts once.
    """
    if not paths:
        raise AuditError("audit needs at least one input: a folder of stories or of articles")
    skipped = {Path(p).resolve() for p in skip}
    seen: set[Path] = set()
    folders: list[tuple[Path, tuple[Path, ...]]] = []
    pile: list[Path] = []

    def fresh(files: Iterable[Path]) -> list[Path]:
        out = []
        for item in files:
            key = real_path(item)
            if key not in seen:
                seen.add(key)
                out.append(item)
        return out

    for raw in paths:
        path = Path(raw)
        if not path.exists():
            raise AuditError(f"{path}: no such file or folder")
        if path.is_file():
            pile.extend(fresh([path]))
            continue
        entries = _visible(path, skipped)
        loose = [e for e in entries if is_article_file(e)]
        stories = 0
        for entry in entries:
            if entry.is_dir():
                files = [e for e in _visible(entry, skipped) if is_article_file(e)]
                if files:
                    folders.append((entry, tuple(fresh(files))))
                    stories += 1
        if not loose and not stories:
            raise AuditError(
                f"{path}: no articles here (expected story folders or article files: "
                f"{', '.join(sorted(ARTICLE_SUFFIXES))})"
            )
        pile.extend(fresh(loose))
    return Inputs(tuple(folders), tuple(pile))


def story_slug(text: str, limit: int = 40) -> str:
    return slug(text, limit)


def unique_id(wanted: str, taken: set[str]) -> str:
    candidate, number = wanted, 2
    while candidate in taken:
        candidate = f"{wanted}-{number}"
        number += 1
    taken.add(candidate)
    return candidate


def pile_story_id(title: str, paths: Sequence[Path]) -> str:
    """A pile story's first id: title slug + a hash of its first member's file name.

    >>> pile_story_id("Quake hits Port Avery", [Path("b/wire.txt"), Path("a/ledger.md")])
    'quake-hits-port-avery-6db413'
    """
    first = min(p.name for p in paths)
    return f"{story_slug(title)}-{hashlib.sha1(first.encode()).hexdigest()[:6]}"


def group_pile(
    pile: Sequence[Path],
    articles: Sequence[Article],
    vectors: Any,
    window_days: int | None,
    say: Progress,
    timings: Timings,
) -> tuple[list[Story], list[Uncompared], int]:

    say(AuditEvent("group", f"grouping a pile of {len(articles)} articles into stories"))
    with timings.stage("group: cluster"):
        grouping = group_stories(articles, vectors, window_days=window_days)
    stories: list[Story] = []
    alone: list[Uncompared] = []
    proposed: set[str] = set()  # two groups may share a title and a first file name
    for group in grouping.groups:
        members = tuple(pile[i] for i in group.members)
        set_aside = tuple(pile[i] for i in group.set_aside)
        title = display_title(articles[group.central])
        if len(members) < 2:
            alone.extend(
                Uncompared(pile[i], articles[i].source.title, articles[i].source.outlet,
                           "only one outlet reports this story")
                for i in (*group.members, *group.set_aside)
            )  # fmt: skip
            continue
        stories.append(
            Story(
                unique_id(pile_story_id(title, members), proposed),
                title,
                members,
                set_aside,
                origin="pile",
            )
        )
    alone.extend(
        Uncompared(pile[i], articles[i].source.title, articles[i].source.outlet,
                   "no other article reports this story")
        for i in grouping.singletons
    )  # fmt: skip
    say(
        AuditEvent(
            "group",
            f"{len(stories)} stories, {len(grouping.singletons)} singletons "
            f"({grouping.candidate_pairs} candidate pairs scored)",
        )
    )
    return stories, alone, grouping.candidate_pairs
