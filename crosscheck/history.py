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
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import sqlite3
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from crosscheck.errors import AuditError
from crosscheck.store import (
    PgConnection,
    SqliteConnection,
    database_errors,
    is_url,
    redact,
    wait_for_sqlite_wal,
)
from crosscheck.types import Divergence, Severity

if TYPE_CHECKING:
    from crosscheck.reviews import Review

# Bump when the tables change. Every step so far only adds tables, which the CREATE TABLE
# IF NOT EXISTS statements of _SCHEMA do on an older file at its next run:
# 2: the reviews table (a desk's verdicts); 3: run_reports (the run folder of each run).
SCHEMA_VERSION = 3
# The database's default file name, inside the audit's output folder.
DB_FILE = "history.sqlite3"
# How long an audit waits for another audit's transaction on the same database before
# giving up. A run holds the write lock only while it records and writes its reports
# (seconds for hundreds of stories), so two minutes covers a queue of several runs.
BUSY_TIMEOUT_SECONDS = 120.0
# A story of a pile keeps the id of a previous story when this share of the smaller of
# the two member sets is shared: a story that grows from 3 to 10 articles during the day
# keeps its id (3 of 3 shared), while two stories that share one article of four do not.
MATCH_MIN_OVERLAP = 0.5
# A divergence found again with the same rule, sources and values persists (rather than
# being resolved and new at once) when each of its sentences keeps this share of its
# words: a corrected figure or a reworded clause, not a different sentence. News
# sentences run 20-40 words, so 0.6 allows several words to change.
SAME_SENTENCE_MIN_OVERLAP = 0.6
# Memoised comparisons not used for this many runs are dropped, so the table stays
# about the size of the stories currently watched.
MEMO_KEEP_RUNS = 5

_SCHEMA = """
CREATE TABLE IF NOT EXISTS runs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    started TEXT NOT NULL,
    finished TEXT NOT NULL,
    inputs TEXT NOT NULL,
    version TEXT NOT NULL,
    stories INTEGER NOT NULL DEFAULT 0,
    divergences INTEGER NOT NULL DEFAULT 0,
    new INTEGER NOT NULL DEFAULT 0,
    resolved INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS stories (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    first_run INTEGER NOT NULL,
    last_run INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS story_runs (
    run INTEGER NOT NULL,
    story TEXT NOT NULL,
    title TEXT NOT NULL,
    members TEXT NOT NULL,
    sources TEXT NOT NULL,
    divergences INTEGER NOT NULL,
    new INTEGER NOT NULL,
    resolved INTEGER NOT NULL,
    PRIMARY KEY (run, story)
);
CREATE INDEX IF NOT EXISTS story_runs_by_story ON story_runs (story, run);
CREATE TABLE IF NOT EXISTS divergences (
    story TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    rule TEXT NOT NULL,
    kind TEXT NOT NULL,
    severity TEXT NOT NULL,
    left_source TEXT NOT NULL,
    right_source TEXT NOT NULL,
    left_value TEXT NOT NULL,
    right_value TEXT NOT NULL,
    left_text TEXT NOT NULL,
    right_text TEXT NOT NULL,
    message TEXT NOT NULL,
    first_run INTEGER NOT NULL,
    continues TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (story, fingerprint)
);
CREATE TABLE IF NOT EXISTS sightings (
    run INTEGER NOT NULL,
    story TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    PRIMARY KEY (run, story, fingerprint)
);
CREATE TABLE IF NOT EXISTS reviews (
    story TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    verdict TEXT NOT NULL,
    reviewer TEXT NOT NULL,
    reviewed_at TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (story, fingerprint)
);
CREATE TABLE IF NOT EXISTS memo (
    key TEXT PRIMARY KEY,
    report TEXT NOT NULL,
    last_run INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS run_reports (
    run INTEGER PRIMARY KEY,
    output TEXT NOT NULL,
    folder TEXT NOT NULL
);
"""
# PostgreSQL spells an auto-numbered key differently; the rest of the schema is shared.
_PG_SCHEMA = _SCHEMA.replace("INTEGER PRIMARY KEY AUTOINCREMENT", "BIGSERIAL PRIMARY KEY")
_PG_META = "CREATE TABLE IF NOT EXISTS crosscheck_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)"

# Typographic quotes, dashes and spaces folded before fingerprinting, so that an outlet's
# CMS switching to curly quotes does not make every divergence "new".
_FOLD = str.maketrans(
    {
        "‘": "'", "’": "'", "‚": "'", "‛": "'", "′": "'",
        "“": '"', "”": '"', "„": '"', "‟": '"', "″": '"', "«": '"', "»": '"',
        "‐": "-", "‑": "-", "‒": "-", "–": "-", "—": "-", "―": "-", "−": "-",
        "\u00a0": " ", "\u2009": " ", "\u202f": " ",
    }
)  # fmt: skip
_SPACES = re.compile(r"\s+")


def normalise(text: str) -> str:
    """Text as a fingerprint reads it: NFKC, ASCII quotes and dashes, folded case, one space.

    >>> normalise("  The  “deal” — done ")
    'the "deal" - done'
    """
    folded = unicodedata.normalize("NFKC", text).translate(_FOLD).casefold()
    return _SPACES.sub(" ", folded).strip()


@dataclass(frozen=True, slots=True)
class Seen:
    """A divergence as the history keeps it: enough to show it after the text has changed."""

    fingerprint: str
    rule: str
    kind: str
    severity: Severity
    left_source: str
    right_source: str
    left_value: str
    right_value: str
    left_text: str
    right_text: str
    message: str

    @classmethod
    def of(cls, divergence: Divergence) -> Seen:
        d = divergence
        return cls(
            fingerprint=fingerprint(d),
            rule=d.rule,
            kind=d.kind.value,
            severity=d.severity,
            left_source=d.left.source,
            right_source=d.right.source,
            left_value=d.left_value,
            right_value=d.right_value,
            left_text=d.left.text,
            right_text=d.right.text,
            message=d.message,
        )

    @property
    def sources(self) -> tuple[str, str]:
        return (self.left_source, self.right_source)


def fingerprint(divergence: Divergence) -> str:
    """A stable id for a divergence: rule + both (source, normalised sentence, value).

    Left and right are sorted, so the same disagreement found in the other order keeps
    its fingerprint; sentence indexes play no part.
    """
    d = divergence
    sides = sorted(
        [
            (d.left.source, normalise(d.left.text), normalise(d.left_value)),
            (d.right.source, normalise(d.right.text), normalise(d.right_value)),
        ]
    )
    payload = json.dumps([d.rule, sides], ensure_ascii=False)
    return hashlib.sha1(payload.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class StoryDiff:
    """What changed in one story since the last run that audited it.

    ``resolved``: gone while both sources are still in the story (an outlet changed its
    text). ``departed``: gone because one of the two sources left the story.
    ``carried``: (new fingerprint, old fingerprint) of divergences that persist in an
    edited sentence (same rule, sources and values; the sentence mostly the same).
    """

    previous_run: int | None
    new: tuple[Seen, ...] = ()
    persisting: tuple[Seen, ...] = ()
    resolved: tuple[Seen, ...] = ()
    departed: tuple[Seen, ...] = ()
    carried: tuple[tuple[str, str], ...] = ()

    def status(self, fingerprint: str) -> str:
        """``new`` or ``persisting`` for a divergence of the current run."""
        return "new" if any(s.fingerprint == fingerprint for s in self.new) else "persisting"


_WORDS = re.compile(r"\w+")


def _word_overlap(a: str, b: str) -> float:
    """Share of the words of the shorter sentence that the other one has too."""
    left, right = set(_WORDS.findall(normalise(a))), set(_WORDS.findall(normalise(b)))
    smaller = min(len(left), len(right))
    return len(left & right) / smaller if smaller else 0.0


def same_divergence(old: Seen, new: Seen) -> bool:
    """Whether ``new`` is ``old`` in an edited sentence: same rule, same sources with
    the same values, and each sentence keeps most of its words.

    An outlet that corrects one figure in a sentence carrying three divergences has
    resolved one of them; the other two, whose fingerprints changed with the sentence
    text, persist.
    """
    if old.rule != new.rule:
        return False

    def sides(s: Seen) -> list[tuple[str, str, str]]:
        return sorted(
            [
                (s.left_source, normalise(s.left_value), s.left_text),
                (s.right_source, normalise(s.right_value), s.right_text),
            ]
        )

    for (source_a, value_a, text_a), (source_b, value_b, text_b) in zip(
        sides(old), sides(new), strict=True
    ):
        if source_a != source_b or value_a != value_b:
            return False
        if _word_overlap(text_a, text_b) < SAME_SENTENCE_MIN_OVERLAP:
            return False
    return True


def diff_story(
    previous_run: int | None,
    previous: Iterable[Seen],
    current: Sequence[Seen],
    sources: Iterable[str],
) -> StoryDiff:
    """Compare a story's divergences with those of its previous run (pure; no database).

    >>> diff_story(None, [], [], ["wire"]).previous_run is None
    True
    """
    if previous_run is None:
        return StoryDiff(None, new=tuple(current))
    before = {s.fingerprint: s for s in previous}
    now = {s.fingerprint for s in current}
    present = set(sources)
    gone = [s for fp, s in before.items() if fp not in now]
    carried: list[tuple[str, str]] = []
    for item in current:
        if item.fingerprint in before:
            continue
        match = next((old for old in gone if same_divergence(old, item)), None)
        if match is not None:
            carried.append((item.fingerprint, match.fingerprint))
            gone.remove(match)
    continued = {new for new, _ in carried}
    return StoryDiff(
        previous_run,
        new=tuple(
            s for s in current if s.fingerprint not in before and s.fingerprint not in continued
        ),
        persisting=tuple(
            s for s in current if s.fingerprint in before or s.fingerprint in continued
        ),
        resolved=tuple(s for s in gone if set(s.sources) <= present),
        departed=tuple(s for s in gone if not set(s.sources) <= present),
        carried=tuple(carried),
    )


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


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


class History:
    """The history database at ``path`` (a file, or a ``postgresql://`` URL).

    Opening it only reads: a database newer than this crosscheck, or one that is not a
    crosscheck history, is refused; a missing one is created by the first run recorded.
    """

    def __init__(self, path: Path | str, *, create: bool = True) -> None:
        self.url = str(path) if is_url(path) else None
        self.path: Path | str = self.url if self.url else Path(path)
        self.label = redact(self.url) if self.url else str(self.path)
        self._create_ok = create
        if self.url is None:
            file = Path(self.path)
            if file.is_dir():
                raise AuditError(f"{file}: is a folder; --db takes a database file")
            if not file.exists():
                if not create:
                    raise AuditError(f"{file}: no audit history here (run crosscheck audit first)")
                return
        with self._open(setup=False) as db:
            version = self._read_version(db)
        if version > SCHEMA_VERSION:
            raise AuditError(
                f"{self.label}: history schema version {version} is newer than this "
                f"crosscheck understands ({SCHEMA_VERSION}); upgrade crosscheck or "
                "use another --db"
            )
        if version == 0 and not create:
            if self.url:
                raise AuditError(
                    f"{self.label}: no audit history here (run crosscheck audit first)"
                )
            raise AuditError(f"{self.label}: not a crosscheck history database")

    # --- connection and schema ------------------------------------------------------

    @contextmanager
    def _open(self, *, setup: bool = True) -> Iterator[SqliteConnection | PgConnection]:
        db = self._connect(setup=setup)
        try:
            yield db
        except database_errors() as exc:
            raise self._error(exc) from None
        finally:
            db.close()

    def _connect(self, *, setup: bool = True) -> SqliteConnection | PgConnection:
        if self.url:
            return PgConnection(self.url)
        try:
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
            # isolation_level=None: transactions are explicit (BEGIN IMMEDIATE below).
            raw = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None)
        except (OSError, sqlite3.Error) as exc:
            raise AuditError(f"{self.label}: cannot open history database ({exc})") from None
        if setup:
            try:
                wait_for_sqlite_wal(raw, BUSY_TIMEOUT_SECONDS)
                raw.execute("PRAGMA foreign_keys=ON")
            except sqlite3.Error as exc:
                raw.close()
                raise self._error(exc) from None
        return SqliteConnection(raw)

    @contextmanager
    def _reader(self) -> Iterator[SqliteConnection | PgConnection | None]:
        """A connection for reading, or None while no run has created the database."""
        if self.url is None and not Path(self.path).exists():
            yield None
            return
        with self._open() as db:
            if db.dialect == "postgresql" and "runs" not in db.tables():
                yield None
                return
            yield db

    def _error(self, exc: BaseException) -> AuditError:
        text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        if "locked" in text or "busy" in text or "lock timeout" in text:
            return AuditError(
                f"{self.label}: history database busy: another audit held it for more than "
                f"{BUSY_TIMEOUT_SECONDS:.0f} s"
            )
        if "not a database" in text or "malformed" in text:
            return AuditError(f"{self.label}: not a crosscheck history database ({text})")
        return AuditError(f"{self.label}: history database error ({text})")

    def _read_version(self, db: SqliteConnection | PgConnection) -> int:
        # Read before anything is written: journal_mode=WAL would already change the file.
        try:
            tables = db.tables()
            if db.dialect == "sqlite":
                version = int(db.execute("PRAGMA user_version").fetchone()[0])
            elif "crosscheck_meta" in tables:
                row = db.execute(
                    "SELECT value FROM crosscheck_meta WHERE key = 'schema_version'"
                ).fetchone()
                version = int(row[0]) if row else 0
            else:
                version = 0
        except database_errors() as exc:
            raise self._error(exc) from None
        known = tables - {"crosscheck_meta", "vectors"}
        if version == 0 and known and "runs" not in known:
            kind = "a SQLite file" if db.dialect == "sqlite" else "a PostgreSQL database"
            raise AuditError(f"{self.label}: {kind}, but not a crosscheck history database")
        return version

    def _ensure(self, db: SqliteConnection | PgConnection) -> None:
        """Create or upgrade the tables (inside the caller's exclusive transaction)."""
        if db.dialect == "sqlite":
            version = int(db.execute("PRAGMA user_version").fetchone()[0])
        else:
            db.execute(_PG_META)
            row = db.execute(
                "SELECT value FROM crosscheck_meta WHERE key = 'schema_version'"
            ).fetchone()
            version = int(row[0]) if row else 0
        if version > SCHEMA_VERSION:
            raise AuditError(f"{self.label}: history schema version {version} is newer")
        if version == SCHEMA_VERSION:
            return
        if version == 0 and "runs" in db.tables() and db.dialect == "sqlite":
            raise AuditError(f"{self.label}: not a crosscheck history database")
        schema = _SCHEMA if db.dialect == "sqlite" else _PG_SCHEMA
        for statement in schema.split(";"):
            if statement.strip():
                db.execute(statement)
        if db.dialect == "sqlite":
            db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        else:
            db.execute(
                "INSERT INTO crosscheck_meta VALUES ('schema_version', ?)"
                " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (str(SCHEMA_VERSION),),
            )

    # --- reading --------------------------------------------------------------------

    def latest_members(self) -> dict[str, frozenset[str]]:
        """Each known story's members at the last run that audited it."""
        with self._reader() as db:
            return _latest_members(db) if db is not None else {}

    def memo(self, key: str) -> str | None:
        """A memoised comparison (report JSON) for ``key``, if an earlier run stored one."""
        with self._reader() as db:
            if db is None:
                return None
            row = db.execute("SELECT report FROM memo WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def reviews(self, story: str | None = None) -> list[Review]:
        """The desk's verdicts (on one story's divergences), oldest first."""
        from crosscheck import reviews

        with self._reader() as db:
            if db is None or "reviews" not in db.tables():
                return []
            return reviews.load(db, story)

    def add_review(self, review: Review) -> None:
        """Record a verdict, replacing an earlier one on the same divergence."""
        from crosscheck import reviews

        with self._open() as db:
            try:
                db.begin()
                self._ensure(db)
                reviews.store(db, review)
                db.commit()
            finally:
                db.rollback()

    def stories(self) -> list[tuple[str, str, int]]:
        """``(id, title, last_run)`` of every story, most recently audited first."""
        with self._reader() as db:
            if db is None:
                return []
            return [
                tuple(row)
                for row in db.execute(
                    "SELECT id, title, last_run FROM stories ORDER BY last_run DESC, id"
                )
            ]

    def timeline(self, story: str) -> Timeline:
        """A story's runs and the life of each of its divergences."""
        with self._reader() as db:
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
                    f"no story {story!r} in {self.label}"
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

    # --- writing --------------------------------------------------------------------

    @contextmanager
    def recording(self, *, inputs: Sequence[str], version: str = "") -> Iterator[RunRecorder]:
        """One run in one exclusive write transaction: committed on exit, rolled back on
        any error or interruption. Creates the database on the first run."""
        if self.url is None and not Path(self.path).exists() and not self._create_ok:
            raise AuditError(f"{self.label}: no audit history here (run crosscheck audit first)")
        db = self._connect()
        try:
            try:
                db.begin()
                self._ensure(db)
                recorder = RunRecorder(db, self, inputs=inputs, version=version)
            except database_errors() as exc:
                raise self._error(exc) from None
            try:
                yield recorder
                recorder.finish()
                db.commit()
            except BaseException:
                if db.in_transaction:
                    db.rollback()
                raise
        except database_errors() as exc:
            raise self._error(exc) from None
        finally:
            if db.in_transaction:
                with suppress(*database_errors()):
                    db.rollback()
            db.close()


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


def match_stories(
    groups: Mapping[str, frozenset[str]], previous: Mapping[str, frozenset[str]]
) -> dict[str, str]:
    """Give each new group (proposed id -> members) the id of the previous story it continues.

    Biggest overlaps are matched first and each previous story is taken at most once, so
    a story that splits keeps its id on the larger part.

    >>> match_stories({"new-a": frozenset("abcd")}, {"old": frozenset("abc")})
    {'new-a': 'old'}
    """
    by_member: dict[str, set[str]] = {}
    for story, members in previous.items():
        for member in members:
            by_member.setdefault(member, set()).add(story)
    candidates = []
    for proposed, members in groups.items():
        counts: dict[str, int] = {}
        for member in members:
            for story in by_member.get(member, ()):
                counts[story] = counts.get(story, 0) + 1
        for story, shared in counts.items():
            smaller = min(len(members), len(previous[story]))
            if smaller and shared / smaller >= MATCH_MIN_OVERLAP:
                candidates.append((-shared, proposed, story))
    matched: dict[str, str] = {}
    taken: set[str] = set()
    for _, proposed, story in sorted(candidates):
        if proposed in matched or story in taken:
            continue
        matched[proposed] = story
        taken.add(story)
    return {proposed: matched.get(proposed, proposed) for proposed in groups}


class RunRecorder:
    """Writes one run; obtained from ``History.recording()``."""

    def __init__(
        self,
        db: SqliteConnection | PgConnection,
        history: History,
        *,
        inputs: Sequence[str],
        version: str,
    ) -> None:
        self._db = db
        self._history = history
        self._totals = {"stories": 0, "divergences": 0, "new": 0, "resolved": 0}
        row = db.execute(
            "INSERT INTO runs (started, finished, inputs, version) VALUES (?, ?, ?, ?)"
            " RETURNING id",
            (_now(), "", json.dumps(list(inputs), ensure_ascii=False), version),
        ).fetchone()
        self.run = int(row[0])

    def match(self, groups: Mapping[str, frozenset[str]]) -> dict[str, str]:
        """Map proposed story ids of a pile to the ids of the stories they continue."""
        return match_stories(groups, _latest_members(self._db))

    def record_story(
        self,
        story: str,
        title: str,
        members: Iterable[str],
        sources: Iterable[str],
        current: Sequence[Seen],
    ) -> StoryDiff:
        """Store this run's divergences of one story and return what changed."""
        db = self._db
        sources = sorted(sources)
        row = db.execute(
            "SELECT MAX(run) FROM story_runs WHERE story = ? AND run < ?", (story, self.run)
        ).fetchone()
        previous_run = row[0] if row and row[0] is not None else None
        previous: list[Seen] = []
        if previous_run is not None:
            fps = {
                r[0]
                for r in db.execute(
                    "SELECT fingerprint FROM sightings WHERE run = ? AND story = ?",
                    (previous_run, story),
                )
            }
            previous = [
                seen for seen, _, _ in _divergence_rows(db, story) if seen.fingerprint in fps
            ]
        diff = diff_story(previous_run, previous, current, sources)
        db.execute(
            "INSERT INTO stories (id, title, first_run, last_run) VALUES (?, ?, ?, ?)"
            " ON CONFLICT(id) DO UPDATE SET title = excluded.title, last_run = excluded.last_run",
            (story, title, self.run, self.run),
        )
        db.execute(
            "INSERT INTO story_runs VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
            " ON CONFLICT (run, story) DO UPDATE SET title = excluded.title,"
            " members = excluded.members, sources = excluded.sources,"
            " divergences = excluded.divergences, new = excluded.new,"
            " resolved = excluded.resolved",
            (
                self.run,
                story,
                title,
                json.dumps(sorted(members), ensure_ascii=False),
                json.dumps(sources, ensure_ascii=False),
                len(current),
                len(diff.new),
                len(diff.resolved),
            ),
        )
        continues = dict(diff.carried)
        for s in current:
            first_run = self.run
            if s.fingerprint in continues:
                row = db.execute(
                    "SELECT first_run FROM divergences WHERE story = ? AND fingerprint = ?",
                    (story, continues[s.fingerprint]),
                ).fetchone()
                first_run = row[0] if row else self.run
            db.execute(
                "INSERT INTO divergences"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT (story, fingerprint) DO NOTHING",
                (
                    story, s.fingerprint, s.rule, s.kind, s.severity.value, s.left_source,
                    s.right_source, s.left_value, s.right_value, s.left_text, s.right_text,
                    s.message, first_run, continues.get(s.fingerprint, ""),
                ),
            )  # fmt: skip
            db.execute(
                "INSERT INTO sightings VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                (self.run, story, s.fingerprint),
            )
        self._totals["stories"] += 1
        self._totals["divergences"] += len(current)
        self._totals["new"] += len(diff.new)
        self._totals["resolved"] += len(diff.resolved)
        return diff

    def carry_reviews(self, story: str, carried: Iterable[tuple[str, str]]) -> list[Review]:
        """Carry verdicts to divergences that persist under a new fingerprint (see
        StoryDiff.carried) and return the story's verdicts."""
        from crosscheck import reviews

        reviews.carry(self._db, story, carried)
        return reviews.load(self._db, story)

    def remember(self, key: str, report_json: str) -> None:
        """Memoise one comparison so that an unchanged story is not compared again."""
        self._db.execute(
            "INSERT INTO memo (key, report, last_run) VALUES (?, ?, ?)"
            " ON CONFLICT (key) DO UPDATE SET report = excluded.report,"
            " last_run = excluded.last_run",
            (key, report_json, self.run),
        )

    def touch(self, key: str) -> None:
        """Mark a memoised comparison as used by this run."""
        self._db.execute("UPDATE memo SET last_run = ? WHERE key = ?", (self.run, key))

    def reports_in(self, output: str, folder: str) -> None:
        """Record the run folder holding this run's reports (see crosscheck.runfolder)."""
        self._db.execute(
            "INSERT INTO run_reports VALUES (?, ?, ?) ON CONFLICT (run) DO UPDATE SET"
            " output = excluded.output, folder = excluded.folder",
            (self.run, output, folder),
        )

    def committed_reports(self, output: str) -> str | None:
        """The run folder of the last committed run that wrote to ``output``."""
        row = self._db.execute(
            "SELECT folder FROM run_reports WHERE output = ? AND run < ? ORDER BY run DESC LIMIT 1",
            (output, self.run),
        ).fetchone()
        return row[0] if row else None

    def finish(self) -> None:
        self._db.execute(
            "UPDATE runs SET finished = ?, stories = ?, divergences = ?, new = ?, resolved = ?"
            " WHERE id = ?",
            (_now(), *self._totals.values(), self.run),
        )
        self._db.execute("DELETE FROM memo WHERE last_run <= ?", (self.run - MEMO_KEEP_RUNS,))
