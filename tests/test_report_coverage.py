"""The report's "not judged" counts are worded in the right number."""

from __future__ import annotations

import pytest

from crosscheck.report.coverage import not_judged
from crosscheck.types import Coverage, NotJudged, Sentence, Unjudged


def _coverage(n: int) -> Coverage:
    pair = (Sentence("wire", 0, "Talks ended.", 0, 12), Sentence("blog", 0, "Talks end.", 0, 10))
    return Coverage(tuple(NotJudged(Unjudged.LOW_CONFIDENCE, pair, "") for _ in range(n)))


@pytest.mark.parametrize(
    ("n", "wording"),
    [
        (0, "0 aligned pairs below"),
        (1, "1 aligned pair below"),
        (2, "2 aligned pairs below"),
    ],
)
def test_a_count_of_one_is_singular(n: int, wording: str) -> None:
    assert not_judged(_coverage(n), Unjudged.LOW_CONFIDENCE).startswith(wording)
