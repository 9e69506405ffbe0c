"""The aligner's array evidence (align_words.WordMatrix, align_dates.date_adjustments)
gives what the one-pair helpers give, pair by pair (invented sentences, no model)."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crosscheck import align
from crosscheck.types import Sentence

TEXTS = [
    "Minister Okonkwo said talks on the 17.4 billion grid deal would resume.",
    "Okonkvo, the minister, told reporters the talk on the grid would resume soon.",
    "The 2,316 workers at the Harlow plant walked out on Monday.",
    "Workers at Harlow's plant, 2,316 of them, went on strike.",
    "Rain fell across the valley.",
    "Talks.",
    "",
    "The deputy interior minister, Petra Valdane, resigned two weeks ago.",
    "Valdane quit on May 16, officials said.",
]
PUBLISHED = dt.date(2025, 5, 31)


def _matrix(texts: list[str]) -> tuple[align.WordMatrix, dict[str, float], align.FuzzyIndex]:
    idf = align.idf_table(texts)
    fuzzy = align.FuzzyIndex(frozenset().union(*(align.tokens(t) for t in texts)))
    return align.WordMatrix(texts, idf, fuzzy), idf, fuzzy


def test_word_matrix_is_shared_evidence_of_every_pair() -> None:
    words, idf, fuzzy = _matrix(TEXTS)
    got = words.evidence(TEXTS, TEXTS)
    for i, left in enumerate(TEXTS):
        for j, right in enumerate(TEXTS):
            assert got[i, j] == pytest.approx(align.shared_evidence(left, right, idf, fuzzy))
    # An inflection and a transliteration count, so these two share more than a figure.
    assert got[0, 1] > align.FUZZY_CREDIT
    assert got[4, 5] == 0.0


def test_word_matrix_pair_outside_the_story_is_computed_alone() -> None:
    words, idf, fuzzy = _matrix(TEXTS[:4])
    outside = "Minister Okonkwo resigned."
    assert words.pair(TEXTS[0], outside) == pytest.approx(
        align.shared_evidence(TEXTS[0], outside, idf, fuzzy)
    )


WORDS = ["minister", "ministers", "okonkwo", "okonkvo", "grid", "talks", "17.4", "2,316", "the"]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.lists(st.sampled_from(WORDS), max_size=6), min_size=2, max_size=6))
def test_word_matrix_matches_on_random_texts(draws: list[list[str]]) -> None:
    texts = [" ".join(words) for words in draws]
    words, idf, fuzzy = _matrix(texts)
    got = words.evidence(texts, texts)
    want = np.array([[align.shared_evidence(a, b, idf, fuzzy) for b in texts] for a in texts])
    assert np.allclose(got, want)


def test_date_adjustments_are_date_adjustment_of_every_pair() -> None:
    days = [align.day_tokens(t, PUBLISHED) for t in TEXTS] + [
        align.day_tokens("They met on May 2.", PUBLISHED)
    ]
    idf = align.idf_table(TEXTS)
    idf.update({"@2025-05-16": 2.0})
    got = align.date_adjustments(days, days, idf)
    for i, left in enumerate(days):
        for j, right in enumerate(days):
            assert got[i, j] == pytest.approx(align.date_adjustment(left, right, idf))
    # "two weeks ago" (vague) and "May 16" can be one day; "May 2" can be neither.
    assert got[7, 8] > 0 and got[8, 9] == -align.DATE_CONFLICT_PENALTY


def test_story_score_matrix_is_story_score() -> None:
    sentences = [Sentence("ab"[n % 2], n, t, 0, len(t)) for n, t in enumerate(TEXTS)]
    story = align.Story(sentences, published={"a": PUBLISHED, "b": PUBLISHED}, slots=align.no_slots)
    rng = np.random.default_rng(0)
    cosines = rng.uniform(-1, 1, (len(sentences), len(sentences))).astype(np.float32)
    got = story.score_matrix(cosines, sentences, sentences)
    for i, left in enumerate(sentences):
        for j, right in enumerate(sentences):
            assert got[i, j] == pytest.approx(story.score(float(cosines[i, j]), left, right))
