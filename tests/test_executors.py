"""The audit's executors: in-process, ``--workers`` and ``--dask local`` give the same
reports, JSON and history; a killed worker's story is retried once, then reported.

Fast tests run the real compare with the bag-of-words stand-in for the model (shipped
to the workers as the encoder); the slow one uses the real model on the bench's ECB+
sample.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from doubles import BagOfWords

from crosscheck.audit import audit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
from bench_audit import history_rows, write_pile  # noqa: E402  (the bench's own comparison)

DEV = ROOT.parent / "shared" / "eval" / "dev"
ECB = ROOT.parent / "shared" / "data" / "ecbplus" / "docs.jsonl"
needs_dev = pytest.mark.skipif(not DEV.is_dir(), reason=f"{DEV} not found (../shared absent)")

try:
    import distributed  # noqa: F401

    HAVE_DASK = True
except ImportError:
    HAVE_DASK = False
needs_dask = pytest.mark.skipif(not HAVE_DASK, reason="dask[distributed] not installed")


class Killer(BagOfWords):
    """Bag of words that kills its own process when asked to encode ``marker``: the
    first time only when ``once`` names a file to leave behind, else every time."""

    def __init__(self, marker: str, once: str | None = None) -> None:
        super().__init__()
        self.marker = marker
        self.once = once

    def encode(self, texts: Any) -> np.ndarray:
        killing = self.once is None or not Path(self.once).exists()
        if killing and any(self.marker in t for t in texts):
            if self.once is not None:
                Path(self.once).write_text("killed once\n")
            os.kill(os.getpid(), signal.SIGKILL)
        return super().encode(texts)


class Stall(BagOfWords):
    """Bag of words that, asked to encode ``marker``, writes its pid to ``beacon`` and
    sleeps: a worker caught mid-task when the audit is interrupted."""

    def __init__(self, marker: str, beacon: str) -> None:
        super().__init__()
        self.marker = marker
        self.beacon = beacon

    def encode(self, texts: Any) -> np.ndarray:
        if any(self.marker in t for t in texts):
            with open(self.beacon, "a", encoding="utf-8") as handle:
                handle.write(f"{os.getpid()}\n")
            time.sleep(120)
        return super().encode(texts)


# A word only the quake story's sentences hold.
QUAKE_MARKER = "earthquake"


def _inputs(tmp_path: Path) -> Path:
    """The dev clusters as story folders, plus a loose pile of two clusters' articles."""
    root = tmp_path / "news"
    shutil.copytree(DEV, root)
    for path in root.rglob("*"):
        path.chmod(0o755 if path.is_dir() else 0o644)
    for cluster in ("google-wiz", "nvidia-q1-fy2026"):
        for article in sorted((root / cluster).iterdir()):
            if article.suffix in {".md", ".txt", ".html"}:
                shutil.copy(article, root / f"pile-{cluster}-{article.name}")
    return root


def _published(out: Path) -> dict[str, str]:
    """Every report a reader sees, with the one line that carries the clock left out."""
    files = {}
    for path in sorted(out.iterdir()):
        if path.suffix in {".md", ".json"}:
            text = path.read_text(encoding="utf-8")
            if path.name == "index.md":
                text = "\n".join(line for line in text.splitlines() if "Started " not in line)
            files[path.name] = text
    return files


@needs_dev
@pytest.mark.parametrize(
    "options",
    [pytest.param({"workers": 2}, id="workers-2"),
     pytest.param({"dask": "local", "workers": 2}, id="dask-local", marks=needs_dask)],
)  # fmt: skip
def test_parallel_audits_give_the_in_process_answers(
    tmp_path: Path, options: dict[str, Any]
) -> None:
    news = _inputs(tmp_path)
    runs = {}
    for label, extra in (("serial", {}), ("parallel", options)):
        out = tmp_path / label
        result = audit(
            [news], output=out, embedder=BagOfWords(), cache_dir=tmp_path / f"cache-{label}",
            **extra,
        )  # fmt: skip
        runs[label] = (result, _published(out), history_rows(out / "history.sqlite3"))
    (serial, serial_files, serial_rows), (parallel, parallel_files, parallel_rows) = (
        runs["serial"],
        runs["parallel"],
    )
    assert parallel.executor == ("dask" if "dask" in options else "workers")
    assert len(serial.stories) >= 8  # 7 folders and the pile's stories
    assert any(s.id.startswith(("google", "nvidia")) and len(s.paths) > 1 for s in serial.stories)
    assert parallel_files == serial_files
    assert parallel_rows == serial_rows
    assert parallel.embedded == serial.embedded > 0


@pytest.mark.parametrize(
    "options",
    [pytest.param({"workers": 2}, id="workers-2"),
     pytest.param({"dask": "local", "workers": 2}, id="dask-local", marks=needs_dask)],
)  # fmt: skip
def test_a_killed_worker_story_is_retried_once_then_reported_failed(
    tmp_path: Path, options: dict[str, Any]
) -> None:
    from test_audit import FLOOD, QUAKE

    stories = tmp_path / "stories"
    for story, files in (("quake", QUAKE), ("flood", FLOOD), ("flood-again", FLOOD)):
        (stories / story).mkdir(parents=True)
        for name, text in files.items():
            (stories / story / name).write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    # Every worker that reads the quake dies; the floods are compared.
    result = audit([stories], output=out, use_cache=False, embedder=Killer(QUAKE_MARKER), **options)
    assert sorted(s.id for s in result.stories) == ["flood", "flood-again"]
    (failed,) = result.failed_stories
    assert failed.id == "quake" and "died" in failed.error and "2 attempts" in failed.error
    assert result.failed
    index = (out / "index.md").read_text()
    assert "## Failed" in index and "`quake`" in index and "2 stories compared" in index
    db = sqlite3.connect(out / "history.sqlite3")
    assert {r[0] for r in db.execute("SELECT id FROM stories")} == {"flood", "flood-again"}

    # A worker that dies once (the machine, not the story): the retry compares it.
    once = tmp_path / "killed-once"
    again = audit(
        [stories], output=out, use_cache=False, embedder=Killer(QUAKE_MARKER, str(once)), **options
    )
    assert once.exists()
    assert sorted(s.id for s in again.stories) == ["flood", "flood-again", "quake"]
    assert not again.failed_stories
    assert "## Failed" not in (out / "index.md").read_text()


def _two_stories(tmp_path: Path) -> Path:
    from test_audit import FLOOD, QUAKE

    stories = tmp_path / "stories"
    for story, files in (("quake", QUAKE), ("flood", FLOOD)):
        (stories / story).mkdir(parents=True)
        for name, text in files.items():
            (stories / story / name).write_text(text, encoding="utf-8")
    return stories


def _edit_both(stories: Path) -> None:
    """A new figure in each story, so that a finished run would change both reports."""
    for path, old, new in (
        (stories / "quake" / "herald.md", "killed 1,700", "killed 1,650"),
        (stories / "flood" / "courier.md", "about 2,500", "about 2,700"),
    ):
        path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")


def _story_history(db: Path, story: str) -> dict[str, list[tuple[Any, ...]]]:
    connection = sqlite3.connect(db)
    rows = {
        t: sorted(connection.execute(f"SELECT * FROM {t} WHERE story = ?", (story,)).fetchall())
        for t in ("story_runs", "divergences", "sightings")
    }
    connection.close()
    return rows


def _visible(out: Path) -> dict[str, bytes]:
    """What a reader of the output folder sees (the run folders behind it aside)."""
    return {
        p.name: p.read_bytes()
        for p in sorted(out.iterdir())
        if p.is_file() and not p.name.startswith(".") and not p.name.endswith(("-wal", "-shm"))
    }


_INTERRUPTED_AUDIT = """
import sys
sys.path.insert(0, "tests")
from pathlib import Path
from test_executors import Stall
from crosscheck.audit import audit
options = {"workers": 2} if sys.argv[4] == "workers" else {"dask": "local", "workers": 2}
audit([Path(sys.argv[1])], output=Path(sys.argv[2]), embedder=Stall("earthquake", sys.argv[3]),
      use_cache=False, **options)
"""


# The Dask variants start a cluster (about 10 s here): run with --slow.
@pytest.mark.parametrize(
    "executor",
    [pytest.param("workers", id="workers-2"),
     pytest.param("dask", id="dask-local", marks=[needs_dask, pytest.mark.slow])],
)  # fmt: skip
def test_ctrl_c_during_a_parallel_audit_leaves_reports_and_history_as_they_were(
    tmp_path: Path, executor: str
) -> None:
    stories = _two_stories(tmp_path)
    out = tmp_path / "out"
    audit([stories], output=out, embedder=BagOfWords(), use_cache=False)
    before = (_visible(out), history_rows(out / "history.sqlite3"))
    _edit_both(stories)
    beacon = tmp_path / "stalled-pids"
    driver = subprocess.Popen(
        [sys.executable, "-c", _INTERRUPTED_AUDIT, str(stories), str(out), str(beacon), executor],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        start_new_session=True,  # its own process group, as a terminal's Ctrl-C reaches
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 120
        while not beacon.exists() and time.monotonic() < deadline and driver.poll() is None:
            time.sleep(0.1)
        assert beacon.exists(), driver.communicate(timeout=30)
        time.sleep(0.5)  # the other worker finishes its story meanwhile
        os.killpg(driver.pid, signal.SIGINT)  # Ctrl-C: driver and workers alike
        _, err = driver.communicate(timeout=90)
    finally:
        if driver.poll() is None:
            os.killpg(driver.pid, signal.SIGKILL)
            driver.wait()
    assert driver.returncode != 0 and "KeyboardInterrupt" in err
    assert (_visible(out), history_rows(out / "history.sqlite3")) == before
    assert not [p for p in out.iterdir() if p.name.endswith((".tmp", ".link"))]
    # The stalled worker did not outlive the audit.
    for pid in {int(line) for line in beacon.read_text().split()}:
        deadline = time.monotonic() + 10
        while _alive(pid) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not _alive(pid), f"worker {pid} still running"
    # The next run finds everything as the interrupted one found it.
    again = audit([stories], output=out, embedder=BagOfWords(), use_cache=False)
    assert again.run == 2 and sorted(s.id for s in again.stories) == ["flood", "quake"]


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie (exited, not yet reaped by its parent) is no running worker.
    with contextlib.suppress(OSError):
        return Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0] != "Z"
    return True


@pytest.mark.parametrize(
    "options",
    [pytest.param({"workers": 2}, id="workers-2"),
     pytest.param({"dask": "local", "workers": 2}, id="dask-local",
                  marks=[needs_dask, pytest.mark.slow])],
)  # fmt: skip
def test_a_story_whose_worker_keeps_dying_keeps_its_last_report_and_history(
    tmp_path: Path, options: dict[str, Any]
) -> None:
    stories = _two_stories(tmp_path)
    out = tmp_path / "out"
    audit([stories], output=out, embedder=BagOfWords(), use_cache=False)
    quake_before = {k: v for k, v in _visible(out).items() if k.startswith("quake.")}
    history_before = _story_history(out / "history.sqlite3", "quake")
    assert quake_before and history_before["divergences"]
    _edit_both(stories)
    result = audit([stories], output=out, use_cache=False, embedder=Killer(QUAKE_MARKER), **options)
    assert [s.id for s in result.stories] == ["flood"]
    assert [f.id for f in result.failed_stories] == ["quake"]
    # The quake was not compared: its report is the last one, its divergences neither
    # resolved nor seen again; the flood was compared and its report is new.
    after = _visible(out)
    assert {k: v for k, v in after.items() if k.startswith("quake.")} == quake_before
    assert _story_history(out / "history.sqlite3", "quake") == history_before
    assert b"2,700" in after["flood.md"]
    index = after["index.md"].decode()
    assert "## Failed" in index and "`quake`" in index and "died" in index


def test_workers_build_the_encoder_the_driver_was_asked_for(tmp_path: Path) -> None:
    from crosscheck.embed import Backend, Embedder
    from crosscheck.executors import build_encoder, encoder_spec

    driver = Embedder(cache_dir=tmp_path / "vectors", encoder="torch", models_dir=tmp_path / "m")
    spec = encoder_spec(driver)
    assert spec.backend == "torch" and spec.models_dir == str(tmp_path / "m")
    worker = build_encoder(spec)
    assert isinstance(worker, Embedder)
    assert worker.requested is Backend.TORCH
    assert worker.models_dir == tmp_path / "m"
    assert worker.fingerprint == driver.fingerprint and worker.name == driver.name
    assert worker.cache is not None and worker.cache.path == driver.cache.path  # type: ignore[union-attr]
    default = build_encoder(encoder_spec(Embedder(cache_dir=None)))
    assert default.requested is Backend.ONNX and default.cache is None
    assert default.models_dir is None


@pytest.mark.slow
@pytest.mark.skipif(not ECB.is_file(), reason=f"{ECB} not found (../shared absent)")
@needs_dev
def test_parallel_audits_match_in_process_on_the_bench_sample(tmp_path: Path) -> None:
    """The real model: vectors are computed in the same batches whatever the executor,
    so even their last bits, and every score in the JSON, agree."""
    pile = tmp_path / "pile"
    write_pile(ECB, pile, 120)
    for cluster in sorted(p for p in DEV.iterdir() if p.is_dir()):
        shutil.copytree(cluster, tmp_path / "dev" / cluster.name)
    seen = {}
    for label, extra in (("serial", {}), ("workers", {"workers": 2}), ("dask", {"dask": "local"})):
        if label == "dask" and not HAVE_DASK:
            continue
        out = tmp_path / label
        audit([pile, tmp_path / "dev"], output=out, cache_dir=tmp_path / f"c-{label}", **extra)
        seen[label] = (_published(out), history_rows(out / "history.sqlite3"))
    first = seen.pop("serial")
    for label, got in seen.items():
        assert got[0] == first[0], label
        assert got[1] == first[1], label


def test_config_and_cli_take_workers_dask_and_a_postgres_url(tmp_path: Path) -> None:
    from crosscheck.audit import read_config
    from crosscheck.errors import AuditError

    config = tmp_path / "audit.yaml"
    config.write_text("workers: 3\ndask: tcp://10.0.0.5:8786\ndb: postgresql://u@db/news\n")
    assert read_config(config) == {
        "workers": 3,
        "dask": "tcp://10.0.0.5:8786",
        "db": "postgresql://u@db/news",
    }
    config.write_text("workers: 0\n")
    with pytest.raises(AuditError, match='option "workers" takes a whole number'):
        read_config(config)


def test_dask_without_distributed_says_how_to_install_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import sys

    from crosscheck.errors import AuditError
    from crosscheck.executors import check_options

    monkeypatch.setitem(sys.modules, "distributed", None)  # import fails as if absent
    with pytest.raises(AuditError, match=r"pip install 'crosscheck\[dask\]'"):
        check_options(None, "local")


class _Vectors:
    """A vector cache in a dict (what the audit reads of one: get and put)."""

    def __init__(self) -> None:
        self.rows: dict[str, np.ndarray] = {}

    def get(self, model: str, texts: Any) -> dict[str, np.ndarray]:
        return {t: self.rows[t] for t in texts if t in self.rows}

    def put(self, model: str, vectors: dict[str, np.ndarray]) -> None:
        self.rows.update(vectors)


class _Calls(BagOfWords):
    """Bag of words with a cache that records the texts of each encode call."""

    def __init__(self) -> None:
        super().__init__()
        self.cache = _Vectors()
        self.calls: list[list[str]] = []

    def encode(self, texts: Any) -> np.ndarray:
        self.calls.append(list(texts))
        vectors = super().encode(texts)
        self.cache.put(self.fingerprint, dict(zip(texts, vectors, strict=True)))
        return vectors


def _dev_articles() -> list[Any]:
    from crosscheck.ingest import load_articles

    files = sorted(p for p in DEV.rglob("*") if p.suffix in {".md", ".txt", ".html"})
    return load_articles(files)


@needs_dev
def test_embed_tasks_are_cut_longest_first_and_every_miss_is_embedded_once() -> None:
    from crosscheck.audit.orchestration import _embed_ahead
    from crosscheck.executors import TEXTS_PER_TASK, Executor, InProcess, split_texts
    from crosscheck.pipeline import Timings

    articles = _dev_articles()
    encoder = _Calls()
    with Executor(InProcess(encoder)) as executor:
        (split,) = executor.ordered(split_texts, [(articles,)])
        wanted = {t for per_article in split.value for t in per_article}
        known = set(sorted(wanted)[:5])
        encoder.encode(sorted(known))  # already in the cache: not embedded again
        encoder.calls.clear()
        _, encoded = _embed_ahead(executor, encoder, articles, [], Timings())
    assert len(encoder.calls) > 2  # the dev clusters make several tasks
    assert all(0 < len(call) <= TEXTS_PER_TASK for call in encoder.calls)
    lengths = [len(t) for call in encoder.calls for t in call]
    assert lengths == sorted(lengths, reverse=True)
    embedded = [t for call in encoder.calls for t in call]
    assert len(embedded) == len(set(embedded)) == encoded
    assert set(embedded) == wanted - known


def test_a_trace_records_each_task_and_the_drivers_map(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import json

    from crosscheck.executors import Executor, InProcess, embed_texts
    from crosscheck.tracing import TRACE_ENV

    trace = tmp_path / "trace.jsonl"
    with Executor(InProcess(BagOfWords())) as executor:
        executor.ordered(embed_texts, [(["one text"], False)])  # not traced: no variable
        monkeypatch.setenv(TRACE_ENV, str(trace))
        executor.ordered(embed_texts, [(["a text", "another"], False), (["third"], False)])
    spans = [json.loads(line) for line in trace.read_text().splitlines()]
    assert [(s["what"], s.get("n")) for s in spans] == [
        ("embed_texts", 2), ("embed_texts", 1), ("driver: embed_texts x2", None),
        ("driver: close workers", None),
    ]  # fmt: skip
    assert all(s["pid"] == os.getpid() and s["start"] <= s["end"] for s in spans)
