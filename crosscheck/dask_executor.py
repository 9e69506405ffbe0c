"""``--dask ADDRESS|local``: an audit's tasks on a Dask cluster (``pip install
'crosscheck[dask]'``), with one encoder per worker built by a worker plugin.

>>> with Executor(DaskExecutor(spec, "local", workers=2)) as run:   # doctest: +SKIP
...     outcomes = run.ordered(split_texts, [(articles,)])

The same task functions and task lists as the other executors (crosscheck.executors),
so the answers are the same; a task whose worker died is retried once by the scheduler
(``allowed-failures``), then reported as failed.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from crosscheck.errors import AuditError
from crosscheck.executors import (
    TASK_ATTEMPTS,
    EncoderSpec,
    Outcome,
    guarded,
    unwrap,
)

# Tasks a worker is given per thread before it finishes one (Dask's
# ``distributed.scheduler.worker-saturation``); see DaskExecutor.
WORKER_SATURATION = 1.0
# The one place that says how to get the optional Dask support.
DASK_INSTALL = "pip install 'crosscheck[dask]'"


def import_distributed() -> Any:
    try:
        import distributed
    except ImportError:
        raise AuditError(f"--dask needs Dask's distributed scheduler: {DASK_INSTALL}") from None
    return distributed


def _dask_plugin(spec: EncoderSpec, per_host: dict[str, int]) -> Any:
    """The plugin that builds each worker's encoder; ``per_host``: how many worker
    processes share each host's cores (hosts not listed: one per host)."""
    distributed = import_distributed()

    class CrosscheckWorker(distributed.WorkerPlugin):  # type: ignore[misc,name-defined]  # untyped here
        """Builds the worker's encoder once; the model loads on the first miss."""

        name = "crosscheck-encoder"

        def setup(self, worker: Any) -> None:
            # This class travels by value (it is made here, as distributed is optional):
            # reach the worker's imported module, not a copy of its globals.
            import time

            from crosscheck import executors
            from crosscheck.tracing import trace

            started = time.time()
            # The worker's machine decides: its cores, shared by its worker processes.
            sharing = per_host.get(_host(worker.address), 1)
            executors.limit_threads(executors.threads_per_worker(sharing))
            executors._ENCODER["encoder"] = executors.build_encoder(spec)
            trace("worker set-up", started, time.time())

    return CrosscheckWorker()


def _host(address: str) -> str:
    """``tcp://10.0.0.5:40123`` -> ``10.0.0.5``."""
    return address.rpartition("://")[2].rpartition(":")[0]


class DaskExecutor:
    """``--dask ADDRESS`` (a running scheduler) or ``--dask local`` (a LocalCluster of
    ``workers`` single-threaded processes). Tasks are retried once after a worker dies
    (the scheduler's ``allowed-failures``), then reported as failed."""

    name = "dask"

    def __init__(self, spec: EncoderSpec, address: str, workers: int = 2) -> None:
        distributed = import_distributed()
        import dask

        # A task whose worker died more than once is given up (KilledWorker): one retry.
        dask.config.set({"distributed.scheduler.allowed-failures": TASK_ATTEMPTS - 1})
        # One task at a time per worker thread (Dask's default of 1.1 hands a one-thread
        # worker a second task to hold): a held task cannot go to the worker that
        # finishes first, so a stage ended with one worker idle while the other ran
        # both. Read by the scheduler this process starts (--dask local); a separate
        # scheduler takes it from its own config (docs/scaling.md).
        dask.config.set({"distributed.scheduler.worker-saturation": WORKER_SATURATION})
        self._cluster = None
        self._address = address
        self._failure: BaseException | None = None
        self._starting: threading.Thread | None = None
        if address == "local":
            # The cluster starts (a scheduler, two nannies and their workers: about 3 s)
            # while the driver reads the articles; the first task waits for it.
            self.workers = max(1, workers)
            self._starting = threading.Thread(
                target=self._start_local, args=(spec,), name="dask-local-start", daemon=True
            )
            self._starting.start()
            return
        try:
            self._client = distributed.Client(address, timeout=30)
            self.workers = max(1, len(self._client.scheduler_info()["workers"]))
        except (OSError, TimeoutError) as exc:
            self.close()
            raise AuditError(f"--dask {address}: cannot reach the scheduler ({exc})") from None
        self._register(spec)

    def _start_local(self, spec: EncoderSpec) -> None:
        """Start the LocalCluster (in a thread); a failure is raised by the first task."""
        distributed = import_distributed()
        try:
            self._cluster = distributed.LocalCluster(
                n_workers=self.workers,
                threads_per_worker=1,
                processes=True,
                dashboard_address=None,
                host="127.0.0.1",
                silence_logs=40,
            )
            self._client = distributed.Client(self._cluster)
            # Every worker registered before the threads are shared out per host.
            self._client.wait_for_workers(self.workers, timeout=60)
            self._register(spec)
        except BaseException as exc:  # carried to the driver's thread by _ready()
            self._failure = exc

    def _register(self, spec: EncoderSpec) -> None:
        hosts = [_host(w) for w in self._client.scheduler_info()["workers"]]
        per_host = {host: hosts.count(host) for host in hosts}
        self._client.register_plugin(_dask_plugin(spec, per_host))

    def _ready(self) -> None:
        """Wait for a cluster still starting; raise what stopped it."""
        if self._starting is not None:
            import time

            from crosscheck.tracing import trace

            started = time.time()
            self._starting.join()
            self._starting = None
            trace("driver: wait for the local cluster", started, time.time())
        if self._failure is not None:
            failure, self._failure = self._failure, None
            if isinstance(failure, (OSError, TimeoutError)):
                raise AuditError(
                    f"--dask {self._address}: cannot start the local cluster ({failure})"
                ) from None
            raise failure

    def map(self, fn: Callable[..., Any], tasks: Sequence[tuple[Any, ...]]) -> Iterator[Outcome]:
        distributed = import_distributed()
        self._ready()
        # In the order given (the audit hands out the longest story first): Dask's
        # default order for separate submissions is not promised to be first in, first
        # run, and a long story started last keeps the run waiting on it alone.
        futures = {
            self._client.submit(guarded, fn, args, pure=False, priority=len(tasks) - index): index
            for index, args in enumerate(tasks)
        }
        for future in distributed.as_completed(futures):
            index = futures[future]
            try:
                value = future.result()
            except distributed.KilledWorker as exc:
                yield Outcome(index, error=f"its worker died on each of {TASK_ATTEMPTS} attempts"
                              f" ({exc.__class__.__name__})")  # fmt: skip
                continue
            yield unwrap(index, value)

    def close(self, abort: bool = False) -> None:
        if self._starting is not None:  # a cluster being started is stopped once it is up
            self._starting.join()
            self._starting = None
        with contextlib.suppress(Exception):
            self._client.close()
        if self._cluster is not None:
            with contextlib.suppress(Exception):
                self._cluster.close()
