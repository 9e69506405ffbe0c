"""location-mismatch on hand-built mentions (no parser: ``analyse`` is replaced); the
gazetteer is the real one. Invented people; real, well-known places."""

from __future__ import annotations

from dataclasses import replace

import pytest

from crosscheck.checks import Claim, Context, locations
from crosscheck.extract import gazetteer
from crosscheck.extract.mentions import Analysis, Mention
from crosscheck.types import Sentence, Source


def _claim(text: str) -> Claim:
    return Claim(Sentence("s", 0, text, 0, len(text)), Source("s", "", "", "Outlet"))


def _place(text: str, sentence: str, role: str, head: str, **more: object) -> Mention:
    start = sentence.index(text)
    mention = Mention("place", "GPE", text, start, start + len(text), role, head, "VERB")
    return replace(mention, **more)  # type: ignore[arg-type]


def _add(table: dict[str, Analysis], text: str, *names: Mention) -> None:
    table[text] = Analysis(text, tuple(names), (), frozenset())


def _findings(left: str, right: str) -> list:
    return list(locations.check(_claim(left), _claim(right), {"containment": True}, Context()))


def test_where_someone_is_from_is_not_where_it_happened(parsed: dict[str, Analysis]) -> None:
    left = "A jury in Lisbon convicted the man."
    right = "The jury convicted him of killing Ilse Varn of Madrid."
    _add(parsed, left, _place("Lisbon", left, "prep:in", "jury", head_pos="NOUN"))
    _add(parsed, right, _place("Madrid", right, "prep:of", "varn", head_pos="PROPN"))
    assert _findings(left, right) == []


def test_two_origins_are_compared(parsed: dict[str, Analysis]) -> None:
    left = "He killed Ilse Varn of Lisbon."
    right = "The jury convicted him of killing Ilse Varn of Madrid."
    _add(parsed, left, _place("Lisbon", left, "prep:of", "varn", head_pos="PROPN"))
    _add(parsed, right, _place("Madrid", right, "prep:of", "varn", head_pos="PROPN"))
    (finding,) = _findings(left, right)
    assert (finding.left_value, finding.right_value) == ("Lisbon", "Madrid")


def test_possessive_place_is_looked_up_without_its_ending(parsed: dict[str, Analysis]) -> None:
    left = "The fire gutted Lisbon's oldest market hall."
    right = "The fire gutted the oldest market hall in Madrid."
    _add(parsed, left, _place("Lisbon's", left, "poss", "hall", head_pos="NOUN"))
    _add(parsed, right, _place("Madrid", right, "prep:in", "hall", head_pos="NOUN"))
    (finding,) = _findings(left, right)
    assert (finding.left_value, finding.right_value) == ("Lisbon's", "Madrid")


@pytest.mark.parametrize(
    ("text", "role", "said"),
    [
        ("Portugal", "subj", True),  # a country acts
        ("Lisbon", "obj", True),  # a large city
        ("rehab", "prep:into", False),  # a lower-case word is no place name
        ("Lisbon", "prep:in", True),
    ],
)
def test_said_as_place(text: str, role: str, said: bool) -> None:
    sentence = f"It is {text} now."
    assert locations._said_as_place(_place(text, sentence, role, "be")) is said


def test_small_town_as_subject_is_not_a_place() -> None:
    # A bare name that is only a small town or a county, as the doer, is more likely a
    # person the tagger misread; a country or a large city is said as a place.
    assert gazetteer.prominent("Portugal") and gazetteer.prominent("Lisbon")
    small = next(
        name
        for name in ("Palmer", "Huntsville", "Beaumont")
        if gazetteer.known(name) and not gazetteer.prominent(name)
    )
    sentence = f"{small} was rushed to hospital."
    assert not locations._said_as_place(_place(small, sentence, "subj", "rush"))


def test_state_after_an_origin_is_an_origin_too(parsed: dict[str, Analysis]) -> None:
    left = "A jury in Portugal convicted the man."
    right = "He was convicted of killing Ilse Varn of Madrid, Spain."
    _add(parsed, left, _place("Portugal", left, "prep:in", "jury", head_pos="NOUN"))
    _add(
        parsed,
        right,
        _place("Madrid", right, "prep:of", "varn", head_pos="PROPN"),
        _place("Spain", right, "appos", "madrid", head_pos="PROPN"),
    )
    assert _findings(left, right) == []


def test_a_name_owned_by_a_person_is_no_place(parsed: dict[str, Analysis]) -> None:
    # Bentley is also an English town: "his Bentley" is his car.
    right = "Police stopped him in Madrid at 2 a.m."
    _add(parsed, right, _place("Madrid", right, "prep:in", "stop"))
    for place, found in (("his Bentley", 0), ("Bentley", 1)):
        left = f"He was speeding in {place} when police stopped him."
        name = place.split()[-1]
        _add(parsed, left, _place(name, left, "prep:in", "speed"))
        assert len(_findings(left, right)) == found, place


@pytest.mark.parametrize(
    ("left", "fires"),
    [
        # A team, a glacier, a name the tagger cut: the town is only part of the name.
        ("The striker carried the Lisbon Lions to the title on Sunday.", False),
        ("The climber fell in the Lisbon Glacier area on Sunday.", False),
        # A weekday after the town, or a venue named after it, leaves the town read.
        ("The climber fell in Lisbon Friday night.", True),
        ("The climber fell at the Lisbon Municipal Stadium on Sunday.", True),
        # In a Title Case headline every word is capitalised: nothing to read from it.
        ("Climber Falls In Lisbon Glacier Area", True),
    ],
)
def test_a_town_that_starts_a_longer_name(
    parsed: dict[str, Analysis], left: str, fires: bool
) -> None:
    right = "The climber fell in Madrid on Sunday."
    _add(parsed, right, _place("Madrid", right, "prep:in", "fall"))
    _add(parsed, left, _place("Lisbon", left, "prep:in", "fall"))
    assert bool(_findings(left, right)) is fires


@pytest.mark.parametrize(
    ("town", "fires"),
    [
        # A small town's name on a venue may be a neighbourhood's or a namesake's.
        ("Malibu", False),
        # A large city's venue is read as in the city.
        ("Chicago", True),
    ],
)
def test_a_venue_named_after_a_town(parsed: dict[str, Analysis], town: str, fires: bool) -> None:
    left = f"The singer checked into the {town} Recovery Center on Friday."
    right = "The singer checked into a clinic in Sedona on Friday."
    _add(parsed, left, _place(town, left, "mod", "center"))
    _add(parsed, right, _place("Sedona", right, "prep:in", "clinic"))
    assert bool(_findings(left, right)) is fires
