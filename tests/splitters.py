"""The sentence-splitter contest: the candidates crosscheck.segment's docstring compares.

Development tooling, not product: ``scripts/measure_splitters.py`` scores them and
``tests/test_segment.py`` checks that each tiles the text. The product uses only
``crosscheck.segment.SPLITTER``. pysbd and blingfire come with the ``test`` extra; their
tests skip where they are missing.

>>> sorted(SPLITTERS)
['blingfire', 'pysbd', 'regex', 'syntok']
>>> regex_spans("It rained. Talks went on.")
[(0, 10), (10, 25)]
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from crosscheck.segment import Splitter, syntok_spans

Span = tuple[int, int]


@cache
def _pysbd_segmenter() -> Any:
    import pysbd  # optional: only this contest reads it

    return pysbd.Segmenter(language="en", clean=False, char_span=True)


def pysbd_spans(line: str) -> list[Span]:
    return [(span.start, span.end) for span in _pysbd_segmenter().segment(line)]


def blingfire_spans(line: str) -> list[Span]:
    import blingfire  # optional: only this contest reads it

    _, offsets = blingfire.text_to_sentences_and_offsets(line)
    return [(start, end) for start, end in offsets]


def regex_spans(line: str) -> list[Span]:
    """Baseline: a stop, then a space, then a capital letter or opening quote."""
    spans, start = [], 0
    for match in re.finditer(r"[.!?][\"'”’)]*(?=\s+[\"“‘(]?[A-Z0-9])", line):
        spans.append((start, match.end()))
        start = match.end()
    spans.append((start, len(line)))
    return spans


SPLITTERS: dict[str, Splitter] = {
    "pysbd": pysbd_spans,
    "syntok": syntok_spans,
    "blingfire": blingfire_spans,
    "regex": regex_spans,
}
