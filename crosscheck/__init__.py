"""crosscheck: compare how several outlets report one story, offline.

>>> from crosscheck import compare_files                      # doctest: +SKIP
>>> report = compare_files(sorted(Path("seeds").glob("*.txt")))  # doctest: +SKIP
>>> [d.message for d in report.divergences]             # doctest: +SKIP
"""

from __future__ import annotations

from typing import Any

__all__ = ["audit", "compare", "compare_files", "load_articles", "load_rules"]
__version__ = "0.1.0"

# Public names resolve on first use, so `import crosscheck` (and `crosscheck --help`)
# never imports sentence-transformers, torch or trafilatura.
_LAZY = {
    "compare": "crosscheck.pipeline",
    "compare_files": "crosscheck.pipeline",
    "load_articles": "crosscheck.ingest",
    "load_rules": "crosscheck.rules",
    "audit": "crosscheck.audit",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'crosscheck' has no attribute {name!r}")
