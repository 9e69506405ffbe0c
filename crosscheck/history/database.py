"""The history database: opening it (SQLite file or PostgreSQL), reading it, and one
run's write transaction."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import TYPE_CHECKING

from crosscheck import reviews
from crosscheck.errors import AuditError
from crosscheck.history.queries import Timeline, _latest_members, story_timeline
from crosscheck.history.recorder import RunRecorder
from crosscheck.history.schema import SCHEMA_VERSION, ensure_schema, read_version
from crosscheck.store import (
    PgConnection,
    SqliteConnection,
    database_errors,
    is_url,
    redact,
    wait_for_sqlite_wal,
)

if TYPE_CHECKING:
    from crosscheck.reviews import Review

# The database's default file name, inside the audit's output folder.
DB_FILE = "history.sqlite3"
# How long an audit waits for another audit's transaction on the same database before
# giving up. A run holds the write lock only while it records and writes its reports
# (seconds for hundreds of stories), so two minutes covers a queue of several runs.
BUSY_TIMEOUT_SECONDS = 120.0


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
        try:
            return read_version(db, self.label)
        except database_errors() as exc:
            raise self._error(exc) from None

    def _ensure(self, db: SqliteConnection | PgConnection) -> None:
        """Create or upgrade the tables (inside the caller's exclusive transaction)."""
        ensure_schema(db, self.label)

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
        with self._reader() as db:
            if db is None or "reviews" not in db.tables():
                return []
            return reviews.load(db, story)

    def add_review(self, review: Review) -> None:
        """Record a verdict, replacing an earlier one on the same divergence."""
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
            return story_timeline(db, story, self.label)

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
