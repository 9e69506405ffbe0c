"""A timeline of an audit across its processes, for finding where a run's time goes.

>>> import os; os.environ[TRACE_ENV] = "/tmp/run.jsonl"     # doctest: +SKIP
>>> trace("embed_texts", 1700000000.0, 1700000001.5, n=64)  # doctest: +SKIP

The driver and every worker append one JSON line per task and per driver phase
(``pid``, ``what``, wall-clock ``start`` and ``end``) to the file named by the
environment variable; worker processes inherit it. ``scripts/bench_audit.py
--executors --trace`` sets it and prints each run's timeline.
"""

from __future__ import annotations

import json
import os
from typing import Any

# Set to a file path, every process of an audit (driver and workers) appends one JSON
# line per task and per driver phase to it: a timeline of where a run's time goes
# (scripts/bench_audit.py --trace). Unset: nothing is written.
TRACE_ENV = "CROSSCHECK_TRACE"


def trace(what: str, start: float, end: float, **extra: Any) -> None:
    """Append one span (wall-clock seconds) to the trace file, if one is asked for.

    >>> trace("embed_texts", 0.0, 1.5, n=256)   # doctest: +SKIP
    """
    target = os.environ.get(TRACE_ENV)
    if not target:
        return
    line = json.dumps({"pid": os.getpid(), "what": what, "start": start, "end": end, **extra})
    with open(target, "a", encoding="utf-8") as out:  # one short write: lines do not mix
        out.write(line + "\n")
