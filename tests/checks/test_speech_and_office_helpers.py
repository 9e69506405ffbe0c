"""Helpers of the attribution, role, date and quote checks, on invented sentences.

Fast: WordNet's data files and regular expressions only, no parser model.
"""

from __future__ import annotations

import pytest

from crosscheck.checks import attribution, dates, roles
from crosscheck.extract import wordnet

needs_wordnet = pytest.mark.skipif(not wordnet.available(), reason="WordNet data not installed")


@needs_wordnet
@pytest.mark.parametrize(
    ("name", "body"),
    [
        ("Norland Highway Patrol", True),
        ("Westmark State Police", True),
        ("Harbour City Council", True),
        ("Ines Smith", False),  # a surname that is also a noun names a person
        ("Police", False),  # one word: the reader's kind stands
    ],
)
def test_a_name_ending_in_a_group_noun_is_a_body(name: str, body: bool) -> None:
    assert attribution._body_head(name) is body


@needs_wordnet
@pytest.mark.parametrize(
    ("before", "represented"),
    [
        ("Prosecutors met a lawyer for ", True),
        ("a spokesman for Mayor ", True),
        ("the mother of ", True),
        ("the bridge for ", False),  # not a person noun
        ("she spoke with ", False),
    ],
)
def test_the_noun_before_for_says_whom_a_speaker_represents(before: str, represented: bool) -> None:
    assert attribution._represented(before) is represented


def test_months_without_a_year_are_read_with_their_role() -> None:
    found = dates.stated_months("The girl was killed last May, police said in June.")
    assert [(m[0], m[3]) for m in found] == [("may", "event"), ("jun", "statement")]
    assert dates.stated_months("It has raided the coast since September.")[0][3] == "start"
    assert dates.stated_months("The April 2012 shooting shook the town.") == []
    assert dates.stated_months("Talks may resume soon.") == []  # "may" the verb


@pytest.mark.parametrize(
    ("text", "zone"),
    [
        ("The numbers landed early on Thursday, Halden time.", True),
        ("The quake struck at 0100 GMT on Tuesday.", True),
        ("It was 3 am local time.", True),
        ("Time will tell.", False),
        ("For the first time the final went to five sets.", False),
    ],
)
def test_a_named_time_zone_is_seen(text: str, zone: bool) -> None:
    assert bool(dates._TIME_ZONE.search(text)) is zone


def _level(raw: str, head: str, level: str, *names: str) -> roles._Level:
    return roles._Level(raw, head, level, frozenset(names))


@needs_wordnet
def test_one_office_head_at_two_levels_clashes() -> None:
    us = _level("US Attorney", "attorney", "federal")
    district = _level("Harbour District Attorney", "attorney", "district", "harbour")
    assert roles._clash(us, district)
    city_body = _level(
        "Norland Fire Department Chief", "chief", "", "norland", "fire", "department"
    )
    county = _level("Norland County fire chief", "chief", "county", "norland")
    assert roles._clash(city_body, county)
    bare = _level("Norland fire chief", "chief", "", "norland")
    assert not roles._clash(bare, county)  # a bare place may be either level
    assert not roles._clash(_level("Sheriff", "sheriff", ""), _level("x", "sheriff", "county", "y"))
    assert not roles._clash(us, _level("US Senator", "senator", "federal"))  # other head
