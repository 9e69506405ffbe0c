"""The audit's executors: in-process, ``--workers`` and ``--dask local`` give the same
reports, JSON and history; a killed worker's story is retried once, then reported.

Fast tests run the real compare with the bag-of-words stand-in for the model (shipped
to the workers as the encoder); the slow one uses the real model on the bench's ECB+
sample.
"""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from doubles import BagOfWords

from crosscheck.audit import audit

ROOT = Path(__file__).resolve().parent.parent
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


def _history(db: Path) -> dict[str, list[tuple[Any, ...]]]:
    connection = sqlite3.connect(db)
    tables = ["stories", "story_runs", "divergences", "sightings", "memo"]
    rows = {t: sorted(connection.execute(f"SELECT * FROM {t}").fetchall()) for t in tables}
    rows["runs"] = connection.execute(
        "SELECT id, inputs, version, stories, divergences, new, resolved FROM runs"
    ).fetchall()
    connection.close()
    return rows


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
        runs[label] = (result, _published(out), _history(out / "history.sqlite3"))
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
    result = audit([stories], output=out, use_cache=False, embedder=Killer("Mandalay"), **options)
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
        [stories], output=out, use_cache=False, embedder=Killer("Mandalay", str(once)), **options
    )
    assert once.exists()
    assert sorted(s.id for s in again.stories) == ["flood", "flood-again", "quake"]
    assert not again.failed_stories
    assert "## Failed" not in (out / "index.md").read_text()


@pytest.mark.slow
@pytest.mark.skipif(not ECB.is_file(), reason=f"{ECB} not found (../shared absent)")
@needs_dev
def test_parallel_audits_match_in_process_on_the_bench_sample(tmp_path: Path) -> None:
    """The real model: vectors are computed in the same batches whatever the executor,
    so even their last bits, and every score in the JSON, agree."""
    import sys

    sys.path.insert(0, str(ROOT / "scripts"))
    from bench_audit import write_pile

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
        seen[label] = (_published(out), _history(out / "history.sqlite3"))
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
