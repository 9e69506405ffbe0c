"""The history and vector cache on PostgreSQL: the SQLite tests of concurrent and
interrupted audits, against a real server this module starts on 127.0.0.1.

The server is Debian's ``postgresql`` package (``/usr/lib/postgresql/*/bin``), run by
the ``postgres`` OS user when the tests run as root; without it these tests skip.
"""

from __future__ import annotations

import contextlib
import glob
import itertools
import os
import pwd
import shutil
import socket
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parent.parent


def _bin() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    return Path(found[-1]).parent if found else None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    """A throwaway PostgreSQL server; yields a URL prefix (add a database name)."""
    pytest.importorskip("psycopg", reason="psycopg not installed")
    binaries = _bin()
    if binaries is None:
        pytest.skip("PostgreSQL server binaries not found (/usr/lib/postgresql/*/bin)")
    run_as: list[str] = []
    if os.geteuid() == 0:
        try:
            pwd.getpwnam("postgres")
        except KeyError:
            pytest.skip("running as root and there is no postgres user to run the server")
        run_as = ["runuser", "-u", "postgres", "--"]
    home = Path(tempfile.mkdtemp(prefix="crosscheck-pg-"))
    if run_as:
        shutil.chown(home, "postgres")
    data, port = home / "data", _free_port()
    try:
        subprocess.run(
            [*run_as, str(binaries / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres"],
            check=True, capture_output=True, text=True, timeout=120,
        )  # fmt: skip
        subprocess.run(
            [*run_as, str(binaries / "pg_ctl"), "-D", str(data), "-l", str(home / "log"), "-w",
             "-o", f"-h 127.0.0.1 -p {port} -k {home}", "start"],
            check=True, capture_output=True, text=True, timeout=120,
        )  # fmt: skip
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired, OSError) as exc:
        shutil.rmtree(home, ignore_errors=True)
        pytest.skip(f"could not start a PostgreSQL server: {exc}")
    try:
        yield f"postgresql://postgres@127.0.0.1:{port}"
    finally:
        subprocess.run(
            [*run_as, str(binaries / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"],
            capture_output=True, timeout=60,
        )  # fmt: skip
        shutil.rmtree(home, ignore_errors=True)


_names = itertools.count()


@pytest.fixture
def url(server: str) -> str:
    """A fresh, empty database on the server."""
    import psycopg

    name = f"t{os.getpid()}_{next(_names)}"
    with psycopg.connect(f"{server}/postgres", autocommit=True) as db:
        db.execute(f"CREATE DATABASE {name}")
    return f"{server}/{name}"


def _connect(url: str):  # type: ignore[no-untyped-def]
    import psycopg

    return psycopg.connect(url, autocommit=True)


def test_a_run_is_recorded_and_a_failed_run_leaves_no_trace(url: str) -> None:
    from test_history import assert_a_failed_run_leaves_no_trace

    from crosscheck.history import History

    history = History(url)
    with _connect(url) as db:  # opening alone creates nothing
        assert not db.execute("SELECT 1 FROM pg_tables WHERE tablename = 'runs'").fetchall()
    assert_a_failed_run_leaves_no_trace(history)


def test_a_newer_schema_on_postgres_is_refused(url: str) -> None:
    from test_history import _divergence, _record

    from crosscheck.errors import AuditError
    from crosscheck.history import SCHEMA_VERSION, History

    _record(History(url), [_divergence()])
    with _connect(url) as db:
        db.execute(
            "UPDATE crosscheck_meta SET value = %s WHERE key = 'schema_version'",
            (str(SCHEMA_VERSION + 1),),
        )
    with pytest.raises(AuditError, match=r"schema version \d+ is newer"):
        History(url)


def test_concurrent_audits_on_one_postgres_database_take_turns(url: str) -> None:
    from test_history import _WRITER

    # The SQLite test's writer, given the URL as it is (not as a file path).
    writer = _WRITER.replace("runs = Path(sys.argv[1])", "runs = sys.argv[1]")
    assert writer != _WRITER
    workers, runs = 3, 8
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-c", writer, url]
    procs = [
        subprocess.Popen(
            [*command, str(w), str(runs)], cwd=ROOT, stderr=subprocess.PIPE, text=True, env=env
        )
        for w in range(workers)
    ]
    for proc in procs:
        _, err = proc.communicate(timeout=180)
        assert proc.returncode == 0, err
    with _connect(url) as db:
        assert db.execute("SELECT COUNT(*) FROM runs").fetchone()[0] == workers * runs
        rows = db.execute(
            "SELECT run, new, resolved FROM story_runs WHERE story = 'shared-story' ORDER BY run"
        ).fetchall()
        sightings: dict[int, set[str]] = {}
        for run, fp in db.execute(
            "SELECT run, fingerprint FROM sightings WHERE story = 'shared-story'"
        ):
            sightings.setdefault(run, set()).add(fp)
    assert len(rows) == workers * runs
    for (prev, _, _), (run, new, resolved) in itertools.pairwise(rows):
        assert new == len(sightings[run] - sightings[prev])
        assert resolved == len(sightings[prev] - sightings[run])


@pytest.mark.parametrize("step", ["reports", "index", "commit"])
def test_an_interrupted_audit_on_postgres_leaves_reports_and_history_agreeing(
    tmp_path: Path, url: str, step: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    import json
    import re

    from doubles import BagOfWords
    from test_audit import FakeCompare, _edit, _stories

    from crosscheck.audit import audit

    monkeypatch.setattr("crosscheck.pipeline.compare", FakeCompare())
    stories, out = _stories(tmp_path), tmp_path / "out"
    audit([stories], output=out, db=url, embedder=BagOfWords())
    _edit(stories)

    def interrupt() -> None:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        audit([stories], output=out, db=url, embedder=BagOfWords(), hooks={step: interrupt})

    def state() -> tuple[int, set[int], int]:
        index = (out / "index.md").read_text()
        found = re.search(r"# crosscheck audit: run (\d+)", index)
        assert found is not None
        runs = {json.loads(p.read_text())["audit"]["run"] for p in out.glob("*.json")}
        with _connect(url) as db:
            last = db.execute("SELECT MAX(id) FROM runs").fetchone()[0]
        return int(found.group(1)), runs, last

    assert state() == (1, {1}, 1)
    assert not (out / "history.sqlite3").exists()
    result = audit([stories], output=out, db=url, embedder=BagOfWords())
    assert state() == (result.run, {result.run}, result.run)


def test_the_vector_cache_on_postgres_round_trips(url: str) -> None:
    from crosscheck.store import PostgresVectorCache

    cache = PostgresVectorCache(url)
    vectors = {"a sentence": np.arange(4, dtype=np.float32), "another": np.ones(4, np.float32)}
    cache.put("model:1", vectors)
    cache.put("model:1", vectors)  # written twice: kept once
    got = cache.get("model:1", ["a sentence", "another", "missing"])
    assert set(got) == {"a sentence", "another"}
    assert (got["a sentence"] == vectors["a sentence"]).all()
    assert cache.get("model:2", ["a sentence"]) == {}
    with contextlib.closing(_connect(url)) as db:
        assert db.execute("SELECT COUNT(*) FROM vectors").fetchone()[0] == 2
