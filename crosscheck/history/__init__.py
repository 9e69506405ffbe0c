"""The audit history: one database (a SQLite file, or PostgreSQL) that remembers runs,
stories and divergences.

>>> history = History(Path("reports/history.sqlite3"))          # doctest: +SKIP
>>> with history.recording(inputs=["nightly/"]) as run:         # doctest: +SKIP
...     diff = run.record_story("harbour-fire", "Fire at the harbour", members, sources, seen)
>>> [s.message for s in diff.new]                                # doctest: +SKIP
['Meridian Wire dates it Tuesday; Harbour Herald says Monday']

A divergence is known by a *fingerprint* built from what a reader sees (the two
sources, their normalised sentences, the two values and the rule), never from sentence
positions: a paragraph inserted above it leaves it "persisting", while an outlet that
rewrites the sentence (a correction) makes the old fingerprint "resolved".

A whole run is written in one exclusive transaction (``BEGIN IMMEDIATE`` on SQLite,
an advisory lock on PostgreSQL; see ``crosscheck.store``), so two audits started at
once on the same database take turns (the second waits, then diffs against the
first), and an interrupted run leaves no trace. The schema carries a version (``PRAGMA
user_version``, or the ``crosscheck_meta`` table); a database written by a newer
crosscheck is refused before anything is written to it, and nothing is created until a
run is recorded (a refused audit leaves no database behind).

One concern a module; import from ``crosscheck.history``:

- ``fingerprints``: ``Seen``, ``normalise``, ``fingerprint`` (how a divergence is known);
- ``changes``: ``diff_story``, ``match_stories`` (what changed; pure, no database);
- ``schema``: the tables, their version, creating and upgrading them;
- ``database``: ``History`` (opening, reading, one run's transaction);
- ``queries``: a story's timeline; ``recorder``: ``RunRecorder`` (writing one run).
The SQLite and PostgreSQL connections themselves are ``crosscheck.store``'s.
"""

from __future__ import annotations

from crosscheck.history.changes import (
    MATCH_MIN_OVERLAP,
    SAME_SENTENCE_MIN_OVERLAP,
    StoryDiff,
    diff_story,
    match_stories,
    same_divergence,
)
from crosscheck.history.database import BUSY_TIMEOUT_SECONDS, DB_FILE, History
from crosscheck.history.fingerprints import Seen, fingerprint, normalise
from crosscheck.history.queries import Lifetime, RunSummary, Timeline
from crosscheck.history.recorder import MEMO_KEEP_RUNS, RunRecorder
from crosscheck.history.schema import SCHEMA_VERSION

__all__ = [
    "BUSY_TIMEOUT_SECONDS",
    "DB_FILE",
    "MATCH_MIN_OVERLAP",
    "MEMO_KEEP_RUNS",
    "SAME_SENTENCE_MIN_OVERLAP",
    "SCHEMA_VERSION",
    "History",
    "Lifetime",
    "RunRecorder",
    "RunSummary",
    "Seen",
    "StoryDiff",
    "Timeline",
    "diff_story",
    "fingerprint",
    "match_stories",
    "normalise",
    "same_divergence",
]
