"""What an audit hands between its steps and back to its caller: stories, results, events.

>>> Story("harbour-fire", "Fire at the harbour", (Path("a.md"), Path("b.md"))).origin
'folder'
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from crosscheck.history import Seen, StoryDiff
from crosscheck.reviews import Verdicts
from crosscheck.types import Report, Severity


@dataclass(frozen=True, slots=True)
class AuditEvent:
    """Progress of a run, for a progress bar or a log line (the library never prints)."""

    stage: str
    message: str
    done: int = 0
    total: int = 0


Progress = Callable[[AuditEvent], None]


@dataclass(frozen=True, slots=True)
class Story:
    """A story to compare: its id, title, the files compared and those set aside."""

    id: str
    title: str
    paths: tuple[Path, ...]
    set_aside: tuple[Path, ...] = ()
    origin: str = "folder"  # folder | pile


@dataclass(frozen=True, slots=True)
class Uncompared:
    """An article that was read but compared with nothing, and why."""

    path: Path
    title: str
    outlet: str
    reason: str


@dataclass(frozen=True, slots=True)
class StoryResult:
    """One story of a run: its report, what changed since the last run, and its files."""

    id: str
    title: str
    paths: tuple[Path, ...]
    set_aside: tuple[Path, ...]
    report: Report
    diff: StoryDiff
    markdown: Path
    json: Path
    reused: bool
    # The desk's verdicts on this story's divergences (crosscheck.reviews).
    verdicts: Verdicts | None = None

    def is_open(self, seen: Seen) -> bool:
        """Not reviewed: only open divergences fail a run."""
        return self.verdicts is None or self.verdicts.of_fingerprint(seen.fingerprint) is None


@dataclass(frozen=True, slots=True)
class AuditResult:
    """What one audit run did. ``failed``: something new at or above ``fail_on``."""

    run: int
    started: str
    output: Path
    db: Path | str
    index: Path
    stories: tuple[StoryResult, ...]
    uncompared: tuple[Uncompared, ...]
    articles: int
    fail_on: Severity | None
    failed: bool
    embedded: int
    timings: dict[str, float] = field(default_factory=dict)
    # Pairs of pile articles scored while grouping (the blocking keeps it near-linear).
    candidate_pairs: int = 0
    # Stories whose comparison failed (a worker died on every attempt): in the index,
    # not in the history (their previous run stays their latest).
    failed_stories: tuple[Any, ...] = ()
    # Where the work ran: in-process, workers or dask.
    executor: str = "in-process"

    @property
    def new(self) -> list[tuple[str, Seen]]:
        return [(s.id, seen) for s in self.stories for seen in s.diff.new]

    @property
    def resolved(self) -> list[tuple[str, Seen]]:
        return [(s.id, seen) for s in self.stories for seen in s.diff.resolved]


@dataclass(frozen=True, slots=True)
class FailedStory:
    """A story whose comparison could not be done (its worker died on every attempt)."""

    id: str
    title: str
    paths: tuple[Path, ...]
    error: str
