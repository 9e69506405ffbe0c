"""The history's tables and their version: create, upgrade, and refuse a newer or
foreign database."""

from __future__ import annotations

from crosscheck.errors import AuditError
from crosscheck.store import PgConnection, SqliteConnection

# Bump when the tables change. Every step so far only adds tables, which the CREATE TABLE
# IF NOT EXISTS statements of _SCHEMA do on an older file at its next run:
# 2: the reviews table (a desk's verdicts); 3: run_reports (the run folder of each run).
SCHEMA_VERSION = 3

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


def read_version(db: SqliteConnection | PgConnection, label: str) -> int:
    """The schema version of ``db`` (0 for none yet); refuse a database that is not a
    crosscheck history. Database errors are the caller's to translate."""
    # Read before anything is written: journal_mode=WAL would already change the file.
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
    known = tables - {"crosscheck_meta", "vectors"}
    if version == 0 and known and "runs" not in known:
        kind = "a SQLite file" if db.dialect == "sqlite" else "a PostgreSQL database"
        raise AuditError(f"{label}: {kind}, but not a crosscheck history database")
    return version


def ensure_schema(db: SqliteConnection | PgConnection, label: str) -> None:
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
        raise AuditError(f"{label}: history schema version {version} is newer")
    if version == SCHEMA_VERSION:
        return
    if version == 0 and "runs" in db.tables() and db.dialect == "sqlite":
        raise AuditError(f"{label}: not a crosscheck history database")
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
