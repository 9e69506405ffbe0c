"""Where an audit's per-article and per-story work runs: in this process, in a pool of
local processes (``--workers N``), or on a Dask cluster (``--dask ADDRESS|local``).

>>> with make_executor(EncoderSpec(encoder=None)) as run:    # doctest: +SKIP
...     [outcome.value for outcome in run.map(split_texts, [(articles,)])]

Every executor runs the same module-level task functions on the same task lists, in
chunks fixed by the input order, so the vectors (computed batch by batch: a batch's
make-up changes the last bits of a float) and therefore the reports are identical
whichever executor ran them. A worker builds its encoder once from an ``EncoderSpec``
(the model itself is loaded once per worker process, on first need) and reads and
writes vectors through the shared cache. Workers only compute: the driver alone writes
history, reports and the index.

A worker that dies (killed, out of memory) takes its task with it: that task is run
once more on a fresh worker, then reported as failed (``Outcome.error``), never
silently dropped. An error raised by a task (bad input, a bug) is raised again on the
driver, as the in-process run would.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
import sys
import threading
import time
import traceback
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import TYPE_CHECKING, Any

from crosscheck import errors
from crosscheck.errors import AuditError, CrosscheckError
from crosscheck.tracing import trace

if TYPE_CHECKING:
    from crosscheck.dask_executor import DaskExecutor
    from crosscheck.types import Article

# How many times a task is started before a worker death marks it failed: the first
# run plus one retry (a death caused by the machine, not the task, rarely repeats).
TASK_ATTEMPTS = 2
# Articles per split task: big enough that task overhead (pickling, a round trip) is
# small next to the work, small enough that two workers share a 100-article pile.
ARTICLES_PER_TASK = 16
# Texts per embedding task: two of the ONNX encoder's batches of 32. The texts are
# sorted longest first before they are cut into tasks (crosscheck.audit.orchestration),
# so a task's batches pad little even when small. Small tasks are what lets two workers
# finish together: with 256 (8-16 s a task on this 2-core VM) a 119-article ECB+ first
# run ended its embed stage with one worker idle for 4 s (--workers 2) and 13 s (--dask
# local) while the other ran its last task (scripts/bench_audit.py --trace, shared VM).
TEXTS_PER_TASK = 64
# How long a worker told to stop may take to exit before it is killed (it has no task
# left by then, so only a stuck import or a swapped-out process takes this long).
WORKER_EXIT_SECONDS = 5.0


def _size_of(args: tuple[Any, ...]) -> int:
    """How many items a task carries (articles, texts or files), for the trace."""
    first = args[0] if args else ()
    return len(first) if isinstance(first, (list, tuple)) else 0


@dataclass(frozen=True, slots=True)
class EncoderSpec:
    """How a worker builds its encoder: a model folder and a cache, or a picklable object.

    ``encoder`` is shipped as is (a test double, a custom encoder); otherwise a worker
    builds ``Embedder(model, encoder=backend)`` named ``name``, with vectors cached in
    ``cache_dir`` or in the PostgreSQL database ``cache_url``, and exported ONNX graphs
    in ``models_dir`` (None: the worker's default folder).

    >>> EncoderSpec(model="/models/m", backend="torch").backend
    'torch'
    """

    encoder: Any = None
    model: str | None = None
    name: str | None = None
    cache_dir: str | None = None
    cache_url: str | None = None
    backend: str | None = None  # "onnx" or "torch", as the driver's --encoder asked
    models_dir: str | None = None


def encoder_spec(embedder: Any) -> EncoderSpec:
    """The spec that rebuilds ``embedder`` in a worker (without its loaded model)."""
    from crosscheck.embed import Embedder

    if not isinstance(embedder, Embedder):
        return EncoderSpec(encoder=embedder)
    cache = embedder.cache
    url = getattr(cache, "url", None)
    folder = str(cache.path.parent) if cache is not None and url is None else None
    return EncoderSpec(
        model=str(embedder.folder),
        name=embedder.name,
        cache_dir=folder,
        cache_url=url,
        # What was asked, not what ran: a worker whose export is refused falls back
        # to torch by itself, with the same one line the driver would print.
        backend=embedder.requested.value,
        models_dir=str(embedder.models_dir) if embedder.models_dir is not None else None,
    )


def build_encoder(spec: EncoderSpec) -> Any:
    """The encoder a worker uses for all its tasks."""
    if spec.encoder is not None:
        return spec.encoder
    from crosscheck.embed import Embedder

    embedder = Embedder(
        spec.model,
        cache_dir=Path(spec.cache_dir) if spec.cache_dir else None,
        encoder=spec.backend,
        models_dir=Path(spec.models_dir) if spec.models_dir else None,
    )
    if spec.name:
        embedder.name = spec.name  # reports name the model as the driver does
    if spec.cache_url:
        from crosscheck.store import PostgresVectorCache

        embedder.cache = PostgresVectorCache(spec.cache_url)  # type: ignore[assignment]
    return embedder


# --- the tasks (module-level: a process pool or Dask ships them by name) -----------------

# The encoder of this process: the driver's own for the in-process executor, built
# once from the spec in a worker.
_ENCODER: dict[str, Any] = {}
# In-process, per thread: two audits run from threads of one program (a test, a server)
# each use their own encoder.
_LOCAL = threading.local()


def _encoder() -> Any:
    local = getattr(_LOCAL, "encoder", None)
    return local if local is not None else _ENCODER["encoder"]


def split_texts(articles: Sequence[Any]) -> list[list[str]]:
    """Per article: the texts compare embeds (its sentences, then their clauses)."""
    from crosscheck.segment import split_clauses, split_sentences

    out = []
    for article in articles:
        sentences = split_sentences(article)
        clauses = [c for s in sentences for c in split_clauses(s)]
        out.append([s.text for s in (*sentences, *clauses)])
    return out


@dataclass(frozen=True, slots=True)
class Embedded:
    """What an embedding task did: texts run through the model, and the vectors when
    there is no shared cache to leave them in."""

    encoded: int
    vectors: Any = None
    seconds: float = 0.0  # spent in the task (model load included): how busy workers were


def embed_texts(texts: Sequence[str], keep: bool) -> Embedded:
    """Encode ``texts`` in one call (the cache keeps them); return them if ``keep``."""
    started = time.perf_counter()
    encoder = _encoder()
    before = getattr(encoder, "encoded", 0)
    vectors = encoder.encode(list(texts))
    encoded = getattr(encoder, "encoded", 0) - before
    return Embedded(encoded, vectors if keep else None, time.perf_counter() - started)


@dataclass(frozen=True, slots=True)
class Compared:
    """One story's report, what it encoded, and where its time went."""

    report: Any
    encoded: int
    timings: dict[str, float] = field(default_factory=dict)
    seconds: float = 0.0  # the whole task, imports and parser load included


def compare_story(articles: Sequence[Article], rules_dirs: Sequence[Path]) -> Compared:
    """``compare`` on one story's Articles (as the driver read them) with this
    process's encoder and the rules of ``rules_dirs`` (read once per process)."""
    started = time.perf_counter()
    from crosscheck import pipeline
    from crosscheck.build import build_rules

    encoder = _encoder()
    before = getattr(encoder, "encoded", 0)
    timings = pipeline.Timings()
    report = pipeline.compare(articles, build_rules(rules_dirs), encoder, timings=timings)
    encoded = getattr(encoder, "encoded", 0) - before
    return Compared(report, encoded, dict(timings), time.perf_counter() - started)


@dataclass(frozen=True, slots=True)
class Refusal:
    """A CrosscheckError raised in a worker, carried back as its class name and message
    (the exception classes take other arguments than their message)."""

    kind: str
    message: str

    def exception(self) -> CrosscheckError:
        cls = getattr(errors, self.kind, CrosscheckError)
        if not (isinstance(cls, type) and issubclass(cls, CrosscheckError)):
            cls = CrosscheckError
        exc = cls.__new__(cls)
        Exception.__init__(exc, self.message)
        if isinstance(exc, errors.IngestError):
            exc.path, _, exc.problem = self.message.partition(": ")
        return exc


@dataclass(frozen=True, slots=True)
class Crash:
    """Any other exception of a task, with the worker's traceback."""

    text: str


def guarded(fn: Callable[..., Any], args: tuple[Any, ...]) -> Any:
    started = time.time()
    try:
        return fn(*args)
    except CrosscheckError as exc:
        return Refusal(type(exc).__name__, str(exc))
    except Exception:
        return Crash(traceback.format_exc())
    finally:
        trace(fn.__name__, started, time.time(), n=_size_of(args))


@dataclass(frozen=True, slots=True)
class Outcome:
    """One task's result, or why it failed (its worker died ``TASK_ATTEMPTS`` times)."""

    index: int
    value: Any = None
    error: str = ""


def unwrap(index: int, value: Any) -> Outcome:
    if isinstance(value, Refusal):
        raise value.exception()
    if isinstance(value, Crash):
        raise RuntimeError(f"a worker task failed:\n{value.text}")
    return Outcome(index, value)


# --- the executors -----------------------------------------------------------------------


class InProcess:
    """Runs each task here, in order, with the driver's own encoder (the default)."""

    workers = 1
    name = "in-process"

    def __init__(self, encoder: Any) -> None:
        self.encoder = encoder

    def map(self, fn: Callable[..., Any], tasks: Sequence[tuple[Any, ...]]) -> Iterator[Outcome]:
        for index, args in enumerate(tasks):
            _LOCAL.encoder = self.encoder
            started = time.time()
            try:
                value = fn(*args)
            finally:
                _LOCAL.encoder = None
                trace(fn.__name__, started, time.time(), n=_size_of(args))
            yield Outcome(index, value)

    def close(self, abort: bool = False) -> None:
        _LOCAL.encoder = None


def threads_per_worker(workers: int) -> int:
    """This machine's share of cores for each of ``workers`` processes on it (>= 1)."""
    return max(1, (os.cpu_count() or 1) // max(1, workers))


def limit_threads(threads: int) -> None:
    """Give this worker process ``threads`` math threads (set before a model loads).

    N workers each running as many threads as there are cores would oversubscribe the
    CPU: on 2 cores, two workers with ONNX Runtime's 2 threads each run 4 spinning
    threads on 2 cores. torch, MKL and OpenBLAS read the environment when they load;
    ONNX Runtime takes its thread count from ``OnnxEncoder``, whose default is changed
    here for this process only (a worker process builds no other encoder).
    """
    for name in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS"):
        os.environ[name] = str(threads)
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    from crosscheck import onnx_encoder

    defaults = onnx_encoder.OnnxEncoder.__init__.__kwdefaults__
    if defaults is not None and "threads" in defaults:
        defaults["threads"] = threads


def _worker_main(conn: Connection, spec: EncoderSpec, threads: int) -> None:
    """A pool worker: build the encoder once, then run tasks until told to stop."""
    # Ctrl-C reaches the whole process group: the driver alone decides what to do.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    started = time.time()
    limit_threads(threads)
    _ENCODER["encoder"] = build_encoder(spec)
    trace("worker set-up", started, time.time())
    while True:
        try:
            message = conn.recv()
        except EOFError:
            return
        if message is None:
            # Every result has been sent and every vector committed: skip the
            # interpreter's teardown (ONNX Runtime, spaCy: about a second per worker,
            # spent while the driver waits to write).
            conn.close()
            for stream in (sys.stdout, sys.stderr):
                with contextlib.suppress(Exception):
                    stream.flush()
            os._exit(0)
        fn, args = message
        conn.send(guarded(fn, args))


@dataclass(slots=True)
class _Slot:
    process: Any
    conn: Connection
    task: int | None = None


class ProcessPool:
    """``--workers N``: N local processes, each loading the model once.

    Written here rather than taken from ``concurrent.futures``: its pool breaks as a
    whole when one worker dies and cannot say which task was running there; this one
    knows, restarts that worker and retries that task once.
    """

    name = "workers"

    def __init__(self, spec: EncoderSpec, workers: int) -> None:
        if workers < 1:
            raise AuditError("--workers takes a number of processes >= 1")
        self.workers = workers
        self._spec = spec
        self._threads = threads_per_worker(workers)
        self._context = multiprocessing.get_context("spawn")  # no torch state forked
        self._slots: list[_Slot] = [self._start() for _ in range(workers)]

    def _start(self) -> _Slot:
        parent, child = self._context.Pipe()
        process = self._context.Process(
            target=_worker_main, args=(child, self._spec, self._threads), daemon=True
        )
        process.start()
        child.close()
        return _Slot(process, parent)

    def map(self, fn: Callable[..., Any], tasks: Sequence[tuple[Any, ...]]) -> Iterator[Outcome]:
        queue = list(range(len(tasks)))
        queue.reverse()
        attempts = [0] * len(tasks)
        running = 0
        while queue or running:
            for slot in self._slots:
                if slot.task is None and queue:
                    index = queue.pop()
                    attempts[index] += 1
                    slot.task = index
                    slot.conn.send((fn, tasks[index]))
                    running += 1
            ready = wait([s.conn for s in self._slots] + [s.process.sentinel for s in self._slots])
            for n, slot in enumerate(list(self._slots)):
                if slot.task is None:
                    continue
                if slot.conn in ready:
                    try:
                        value = slot.conn.recv()
                    except (EOFError, OSError):
                        value = None
                    else:
                        index, slot.task = slot.task, None
                        running -= 1
                        yield unwrap(index, value)
                        continue
                if slot.process.sentinel in ready or not slot.process.is_alive():
                    slot.process.join(1)
                    index, code = slot.task, slot.process.exitcode
                    running -= 1
                    slot.conn.close()
                    self._slots[n] = self._start()
                    if attempts[index] < TASK_ATTEMPTS:
                        queue.append(index)
                    else:
                        yield Outcome(index, error=_death(code, attempts[index]))

    def close(self, abort: bool = False) -> None:
        """Stop the workers: asked to finish, or (``abort``: Ctrl-C, an error on the
        driver) killed at once, since a worker only computes and its result is no
        longer wanted."""
        if not abort:
            for slot in self._slots:
                with contextlib.suppress(OSError, BrokenPipeError):
                    slot.conn.send(None)
        for slot in self._slots:
            if not abort:
                slot.process.join(WORKER_EXIT_SECONDS)
            if slot.process.is_alive():
                slot.process.kill()
                slot.process.join(WORKER_EXIT_SECONDS)
            slot.conn.close()
        self._slots = []


def _death(code: int | None, attempts: int) -> str:
    how = f"killed by signal {-code}" if code is not None and code < 0 else f"exit code {code}"
    return f"its worker died ({how}) on each of {attempts} attempts"


class Executor(contextlib.AbstractContextManager["Executor"]):
    """What the audit uses: ``map(fn, tasks)`` yields one ``Outcome`` per task, in the
    order they finish (``Outcome.index`` says which)."""

    def __init__(self, impl: InProcess | ProcessPool | DaskExecutor) -> None:
        self.impl = impl

    @property
    def name(self) -> str:
        return self.impl.name

    @property
    def workers(self) -> int:
        return self.impl.workers

    def map(self, fn: Callable[..., Any], tasks: Sequence[tuple[Any, ...]]) -> Iterator[Outcome]:
        started = time.time()
        yield from self.impl.map(fn, tasks)
        trace(f"driver: {fn.__name__} x{len(tasks)}", started, time.time())

    def ordered(self, fn: Callable[..., Any], tasks: Sequence[tuple[Any, ...]]) -> list[Outcome]:
        """All outcomes, in task order."""
        return sorted(self.map(fn, tasks), key=lambda o: o.index)

    def __exit__(self, kind: object, *exc: object) -> None:
        started = time.time()
        self.impl.close(abort=kind is not None)
        trace("driver: close workers", started, time.time())


def make_executor(encoder: Any, *, workers: int = 0, dask: str | None = None) -> Executor:
    """The executor for ``--workers`` / ``--dask`` (neither: in-process)."""
    started = time.time()
    impl: InProcess | ProcessPool | DaskExecutor
    if dask:
        from crosscheck.dask_executor import DaskExecutor

        impl = DaskExecutor(encoder_spec(encoder), dask, workers or 2)
    elif workers and workers > 1:
        impl = ProcessPool(encoder_spec(encoder), workers)
    else:
        impl = InProcess(encoder)
    trace("driver: start executor", started, time.time())
    return Executor(impl)


def check_options(workers: int | None, dask: str | None) -> None:
    """Refuse bad ``--workers`` / ``--dask`` before anything runs."""
    if workers is not None and workers < 0:
        raise AuditError("--workers takes a number of processes >= 1")
    if dask:
        from crosscheck.dask_executor import import_distributed

        import_distributed()
