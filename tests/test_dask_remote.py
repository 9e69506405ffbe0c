"""``crosscheck audit --dask tcp://HOST:PORT``: an audit on a Dask scheduler and worker
started apart from it (as on a cluster), on 127.0.0.1, gives the in-process answers.

The scheduler and one worker run as ``dask scheduler`` / ``dask worker`` subprocesses on
a free port and are torn down after the module's tests.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from doubles import BagOfWords
from test_executors import DEV, _inputs, _published, history_rows, needs_dask, needs_dev

from crosscheck.audit import audit

ROOT = Path(__file__).resolve().parent.parent
# How long the scheduler and the worker may take to come up on a loaded machine.
START_SECONDS = 90.0

pytestmark = [needs_dask, needs_dev]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _wait_for_worker(address: str, process: subprocess.Popen[bytes]) -> None:
    from distributed import Client

    deadline = time.monotonic() + START_SECONDS
    while time.monotonic() < deadline:
        assert process.poll() is None, "the dask worker exited at start"
        try:
            with Client(address, timeout=5) as client:
                client.wait_for_workers(1, timeout=deadline - time.monotonic())
                return
        except OSError:
            time.sleep(0.5)
    pytest.fail(f"no Dask worker joined {address} in {START_SECONDS:.0f} s")


@pytest.fixture(scope="module")
def scheduler(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The address of a ``dask scheduler`` with one single-threaded ``dask worker``."""
    port = _free_port()
    address = f"tcp://127.0.0.1:{port}"
    logs = tmp_path_factory.mktemp("dask-logs")
    # The worker imports this checkout's crosscheck and the tests' encoder double.
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), str(ROOT / "tests")])}
    python = [sys.executable, "-m"]
    with (logs / "scheduler.log").open("wb") as s_log, (logs / "worker.log").open("wb") as w_log:
        sched = subprocess.Popen(
            [*python, "distributed.cli.dask_scheduler", "--host", "127.0.0.1",
             "--port", str(port), "--no-dashboard"],
            cwd=logs, env=env, stdout=s_log, stderr=subprocess.STDOUT,
        )  # fmt: skip
        worker = subprocess.Popen(
            [*python, "distributed.cli.dask_worker", address, "--nthreads", "1",
             "--nworkers", "1", "--no-dashboard", "--host", "127.0.0.1",
             "--local-directory", str(logs)],
            cwd=logs, env=env, stdout=w_log, stderr=subprocess.STDOUT,
        )  # fmt: skip
        try:
            _wait_for_worker(address, worker)
            yield address
        finally:
            _stop(worker)
            _stop(sched)


def test_an_audit_on_a_separate_scheduler_gives_the_in_process_answers(
    tmp_path: Path, scheduler: str
) -> None:
    news = _inputs(tmp_path)
    runs = {}
    for label, extra in (("serial", {}), ("remote", {"dask": scheduler})):
        out = tmp_path / label
        result = audit(
            [news], output=out, embedder=BagOfWords(), cache_dir=tmp_path / f"cache-{label}",
            **extra,
        )  # fmt: skip
        runs[label] = (result, _published(out), history_rows(out / "history.sqlite3"))
    (serial, serial_files, serial_rows), (remote, remote_files, remote_rows) = (
        runs["serial"],
        runs["remote"],
    )
    assert remote.executor == "dask" and len(serial.stories) >= 8
    assert remote_files == serial_files
    assert remote_rows == serial_rows
    assert remote.embedded == serial.embedded > 0


@pytest.mark.slow
def test_the_cli_audits_on_a_separate_scheduler_with_the_real_model(
    tmp_path: Path, scheduler: str
) -> None:
    """``crosscheck audit --dask tcp://...`` from the command line, the shipped model."""
    news = tmp_path / "news"
    for cluster in sorted(p for p in DEV.iterdir() if p.is_dir())[:3]:
        shutil.copytree(cluster, news / cluster.name)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    outputs = {}
    for label, extra in (("serial", []), ("remote", ["--dask", scheduler])):
        out = tmp_path / label
        done = subprocess.run(
            [sys.executable, "-m", "crosscheck", "audit", str(news), "-o", str(out),
             "--cache-dir", str(tmp_path / f"cache-{label}"), "--quiet", *extra],
            cwd=ROOT, env=env, capture_output=True, text=True, timeout=600,
        )  # fmt: skip
        assert done.returncode in (0, 1), done.stderr
        outputs[label] = (_published(out), history_rows(out / "history.sqlite3"))
    assert outputs["remote"] == outputs["serial"]
    assert len(outputs["serial"][0]) == 2 * 3 + 1  # .md and .json per story, index.md
