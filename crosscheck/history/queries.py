"""Reading the history: a story's runs and the life of each divergence."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from crosscheck.errors import AuditError
from crosscheck.history.fingerprints import Seen
from crosscheck.store import PgConnection, SqliteConnection
from crosscheck.types import Severity


@dataclass(frozen=True, slots=True)
class RunSummary:
    """One run of one story, as ``crosscheck history`` lists it."""

    run: int
    started: str
    sources: tuple[str, ...]
    divergences: int
    new: int
    resolved: int


@dataclass(frozen=True, slots=True)
class Lifetime:
    """One divergence across runs: when it was first and last seen, and whether it is open."""

    seen: Seen
    first_run: int
    last_run: int
    open: bool
    runs: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class Timeline:
    """A story's runs and divergences over time (``crosscheck history STORY``)."""

    story: str
    title: str
    runs: tuple[RunSummary, ...]
    divergences: tuple[Lifetime, ...]


def _latest_members(db: SqliteConnection | PgConnection) -> dict[str, frozenset[str]]:
    rows = db.execute(
        "SELECT sr.story, sr.members FROM story_runs sr"
        " JOIN (SELECT story, MAX(run) AS run FROM story_runs GROUP BY story) latest"
        " ON latest.story = sr.story AND latest.run = sr.run"
    )
    return {story: frozenset(json.loads(members)) for story, members in rows}


def _divergence_rows(
    db: SqliteConnection | PgConnection, story: str
) -> Iterator[tuple[Seen, int, str]]:
    """Each divergence of a story: what it says, its first run, the one it continues."""
    for row in db.execute(
        "SELECT fingerprint, rule, kind, severity, left_source, right_source, left_value,"
        " right_value, left_text, right_text, message, first_run, continues"
        " FROM divergences WHERE story = ?",
        (story,),
    ):
        yield _seen(row[:11]), row[11], row[12]


def _seen(row: Sequence[str]) -> Seen:
    fp, rule, kind, severity, *rest = row
    left_source, right_source, left_value, right_value, left_text, right_text, message = rest
    return Seen(
        fp, rule, kind, Severity(severity), left_source, right_source,
        left_value, right_value, left_text, right_text, message,
    )  # fmt: skip


def story_timeline(db: SqliteConnection | PgConnection | None, story: str, label: str) -> Timeline:
    """A story's runs and the life of each of its divergences; an unknown story is an
    ``AuditError`` that lists the known ones."""
    row = (
        db.execute("SELECT title FROM stories WHERE id = ?", (story,)).fetchone()
        if db is not None
        else None
    )
    if row is None or db is None:
        known = (
            [r[0] for r in db.execute("SELECT id FROM stories ORDER BY id")]
            if db is not None
            else []
        )
        close = [k for k in known if story.casefold() in k.casefold()]
        hint = close or known
        listed = ", ".join(hint[:10]) + (" ..." if len(hint) > 10 else "")
        raise AuditError(
            f"no story {story!r} in {label}"
            + (f" (known: {listed})" if hint else " (it records no stories yet)")
        )
    runs = tuple(
        RunSummary(run, started, tuple(json.loads(sources)), count, new, resolved)
        for run, started, sources, count, new, resolved in db.execute(
            "SELECT sr.run, r.started, sr.sources, sr.divergences, sr.new, sr.resolved"
            " FROM story_runs sr JOIN runs r ON r.id = sr.run"
            " WHERE sr.story = ? ORDER BY sr.run",
            (story,),
        )
    )
    seen_in: dict[str, list[int]] = {}
    for run, fp in db.execute(
        "SELECT run, fingerprint FROM sightings WHERE story = ? ORDER BY run", (story,)
    ):
        seen_in.setdefault(fp, []).append(run)
    last = runs[-1].run if runs else 0
    rows = list(_divergence_rows(db, story))
    # A divergence carried into an edited sentence continues an older fingerprint:
    # the older one is shown as part of its successor's life, not as resolved.
    predecessor = {seen.fingerprint: continues for seen, _, continues in rows if continues}
    succeeded = set(predecessor.values())
    lives = []
    for seen, first, _ in rows:
        if seen.fingerprint in succeeded:
            continue
        chain, fp = [], seen.fingerprint
        while fp and fp not in chain:
            chain.append(fp)
            fp = predecessor.get(fp, "")
        sightings = tuple(sorted({run for f in chain for run in seen_in.get(f, ())}))
        lives.append(
            Lifetime(
                seen=seen,
                first_run=first,
                last_run=sightings[-1] if sightings else first,
                open=bool(sightings) and sightings[-1] == last,
                runs=sightings,
            )
        )
    lives.sort(key=lambda life: (not life.open, -life.seen.severity.rank, life.first_run))
    return Timeline(story, row[0], runs, tuple(lives))
