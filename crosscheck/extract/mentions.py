"""Typed mentions read from the spaCy parse of a sentence (filled in by the checks' rebuild).

``prepare(texts)`` parses every text once, in batches, so that the checks that read a
parse afterwards find it cached.

>>> prepare(["Prices rose."])  # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Iterable


def prepare(texts: Iterable[str]) -> None:
    """Parse ``texts`` in batches now, so later per-pair reads hit the parse cache."""
    from crosscheck.nlp import default_parser

    default_parser().parse(list(dict.fromkeys(texts)))
