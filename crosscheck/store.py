"""The two databases an audit can keep its history and vectors in: SQLite (a file, the
default) or PostgreSQL (``--db postgresql://user@host/dbname``, for workers on several
machines).

>>> backend = open_backend("reports/history.sqlite3")                 # doctest: +SKIP
>>> backend = open_backend("postgresql://crosscheck@db.internal/news")  # doctest: +SKIP

The history writes one SQL dialect, the subset both understand (``?`` placeholders,
``INSERT ... ON CONFLICT``, ``RETURNING``); the PostgreSQL connection turns ``?`` into
psycopg's ``%s``. A run's write transaction is exclusive on both: SQLite's ``BEGIN
IMMEDIATE``, and on PostgreSQL a transaction-scoped advisory lock taken first thing, so
that two audits take turns and the second diffs against the first.
"""

from __future__ import annotations

import re
import sqlite3
import time
from collections.abc import Iterable, Sequence
from contextlib import closing
from pathlib import Path
from typing import Any

import numpy as np

from crosscheck.errors import AuditError

URL_SCHEMES = ("postgresql://", "postgres://")
# Same wait as SQLite's busy timeout for the history (see history.BUSY_TIMEOUT_SECONDS).
LOCK_TIMEOUT_SECONDS = 120.0
# The advisory lock key of a run's write transaction: any fixed 64-bit number; this one
# spells "crossch" in ASCII, so it is unlikely to collide with another application's.
RUN_LOCK_KEY = 0x63726F73736368
# Keys per vector lookup: one round trip per 500 sentences.
LOOKUP_CHUNK = 500


def is_url(db: object) -> bool:
    return isinstance(db, str) and db.startswith(URL_SCHEMES)


def redact(url: str) -> str:
    """A URL as messages show it: without its password.

    >>> redact("postgresql://ann:s3cret@db/news")
    'postgresql://ann:***@db/news'
    """
    return re.sub(r"(://[^:/@]+):[^@]*@", r"\1:***@", url)


def _psycopg() -> Any:
    try:
        import psycopg
    except ImportError:
        raise AuditError(
            "a postgresql:// --db needs psycopg: pip install 'psycopg[binary]'"
        ) from None
    return psycopg


class PgConnection:
    """A psycopg connection that speaks the history's dialect (``?`` placeholders)."""

    dialect = "postgresql"

    def __init__(self, url: str) -> None:
        psycopg = _psycopg()
        self.url = url
        try:
            self._db = psycopg.connect(url, autocommit=True, connect_timeout=30)
        except psycopg.Error as exc:
            raise AuditError(f"{redact(url)}: cannot open history database ({exc})") from None
        self.in_transaction = False

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        return self._db.execute(sql.replace("?", "%s"), tuple(params))

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        with self._db.cursor() as cursor:
            cursor.executemany(sql.replace("?", "%s"), [tuple(r) for r in rows])

    def begin(self, exclusive: bool = True) -> None:
        self._db.execute("BEGIN")
        self.in_transaction = True
        self._db.execute(f"SET LOCAL lock_timeout = '{int(LOCK_TIMEOUT_SECONDS * 1000)}ms'")
        if exclusive:
            self._db.execute("SELECT pg_advisory_xact_lock(%s)", (RUN_LOCK_KEY,))

    def commit(self) -> None:
        self._db.execute("COMMIT")
        self.in_transaction = False

    def rollback(self) -> None:
        if self.in_transaction:
            self.in_transaction = False
            self._db.execute("ROLLBACK")

    def tables(self) -> set[str]:
        rows = self.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()"
        )
        return {row[0] for row in rows}

    def close(self) -> None:
        self._db.close()


class SqliteConnection:
    """sqlite3 with explicit transactions (``BEGIN IMMEDIATE`` for a run)."""

    dialect = "sqlite"

    def __init__(self, db: sqlite3.Connection) -> None:
        self._db = db

    @property
    def in_transaction(self) -> bool:
        return self._db.in_transaction

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        return self._db.execute(sql, tuple(params))

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        self._db.executemany(sql, rows)

    def begin(self, exclusive: bool = True) -> None:
        self._db.execute("BEGIN IMMEDIATE" if exclusive else "BEGIN")

    def commit(self) -> None:
        self._db.execute("COMMIT")

    def rollback(self) -> None:
        if self._db.in_transaction:
            self._db.execute("ROLLBACK")

    def tables(self) -> set[str]:
        rows = self._db.execute("SELECT name FROM sqlite_master WHERE type='table'")
        return {row[0] for row in rows}

    def close(self) -> None:
        self._db.close()


def database_errors() -> tuple[type[BaseException], ...]:
    """The driver exceptions a history operation may raise (psycopg's when installed)."""
    try:
        import psycopg
    except ImportError:
        return (sqlite3.Error,)
    return (sqlite3.Error, psycopg.Error)


class PostgresVectorCache:
    """The vector cache in PostgreSQL: what ``embed.VectorCache`` is in SQLite, for
    workers on several machines. Same keys (model fingerprint, SHA-1 of the text)."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.path = None
        with closing(PgConnection(url)) as db:
            db.execute(
                "CREATE TABLE IF NOT EXISTS vectors ("
                " model TEXT NOT NULL, key BYTEA NOT NULL, vector BYTEA NOT NULL,"
                " PRIMARY KEY (model, key))"
            )

    @staticmethod
    def key(text: str) -> bytes:
        from crosscheck.embed import VectorCache

        return VectorCache.key(text)

    def get(self, model: str, texts: Sequence[str]) -> dict[str, np.ndarray]:
        found: dict[str, np.ndarray] = {}
        by_key = {self.key(text): text for text in texts}
        keys = list(by_key)
        with closing(PgConnection(self.url)) as db:
            for i in range(0, len(keys), LOOKUP_CHUNK):
                rows = db.execute(
                    "SELECT key, vector FROM vectors WHERE model = ? AND key = ANY(?)",
                    (model, keys[i : i + LOOKUP_CHUNK]),
                )
                for key, blob in rows:
                    found[by_key[bytes(key)]] = np.frombuffer(bytes(blob), dtype=np.float32)
        return found

    def put(self, model: str, vectors: dict[str, np.ndarray]) -> None:
        rows = [
            (model, self.key(text), np.asarray(vec, dtype=np.float32).tobytes())
            for text, vec in vectors.items()
        ]
        with closing(PgConnection(self.url)) as db:
            db.begin(exclusive=False)
            try:
                db.executemany(
                    "INSERT INTO vectors VALUES (?, ?, ?) ON CONFLICT (model, key) DO NOTHING",
                    rows,
                )
                db.commit()
            except BaseException:
                db.rollback()
                raise


def wait_for_sqlite_wal(db: sqlite3.Connection, timeout: float) -> None:
    """Switch to WAL, retrying while another connection holds the file.

    Changing the journal mode answers "database is locked" at once, without waiting for
    the busy timeout, when another process is creating or switching the same file (two
    audits started together on a new database): retry until the timeout instead.
    """
    deadline = time.monotonic() + timeout
    while True:
        try:
            db.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) and "busy" not in str(exc):
                raise
            if time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def as_location(db: str | Path) -> str | Path:
    """A ``--db`` value: a PostgreSQL URL stays a string, anything else is a file path."""
    return db if is_url(db) else Path(db)
