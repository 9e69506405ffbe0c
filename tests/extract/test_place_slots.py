"""place_slots: the slot of a place from hand-built mentions (no parser). Invented
towns ("Vestby", "Eldmoor"); the words around them are ordinary English."""

from __future__ import annotations

import pytest

from crosscheck.extract import place_slots
from crosscheck.extract.mentions import Mention
from crosscheck.extract.place_slots import ELSEWHERE, LINKED, ORIGIN, WHERE, PlaceSlot


def _place(sentence: str, name: str, role: str, head: str, head_pos: str = "VERB", **more):
    start = sentence.index(name)
    return Mention("place", "GPE", name, start, start + len(name), role, head, head_pos, **more)


def _slot(sentence: str, name: str, role: str, head: str, **more) -> PlaceSlot:
    mention = _place(sentence, name, role, head, **more)
    return place_slots.slot(mention, (mention,), sentence)


@pytest.mark.parametrize(
    ("sentence", "name", "role", "head", "more", "kind"),
    [
        ("Police arrested him in Vestby.", "Vestby", "prep:in", "arrest", {}, WHERE),
        ("It struck 16 km northwest of Vestby.", "Vestby", "prep:of", "northwest", {}, WHERE),
        ("The fire broke out close to Vestby.", "Vestby", "prep:to", "close", {}, WHERE),
        # a place naming the site: "at a Vestby hotel"
        ("He was held at a Vestby hotel.", "Vestby", "prep:at", "hold", {"noun": "hotel"}, WHERE),
        ("A Vestby man was charged.", "Vestby", "mod", "man", {"noun": "man"}, ORIGIN),
        ("She grew up in Vestby.", "Vestby", "prep:in", "grow", {}, ORIGIN),
        ("The kid from Vestby won.", "Vestby", "prep:from", "kid", {"head_pos": "NOUN"}, ORIGIN),
        ("He is a native of Vestby.", "Vestby", "prep:of", "native", {"head_pos": "NOUN"}, ORIGIN),
        # reach, target or party: not where the event was
        ("Riots spread across Vestby.", "Vestby", "prep:across", "spread", {}, ELSEWHERE),
        ("Flights to Vestby resumed.", "Vestby", "prep:to", "flight", {}, ELSEWHERE),
        ("Talks between Vestby and Eldmoor.", "Vestby", "prep:between", "talk", {}, ELSEWHERE),
        ("The war with Vestby went on.", "Vestby", "prep:with", "war", {}, ELSEWHERE),
        ("Vestby moved quickly to explain.", "Vestby", "subj", "move", {}, ELSEWHERE),
        # tied to its verb only
        ("Quakes rocked Vestby on Sunday.", "Vestby", "obj", "rock", {}, LINKED),
        ("Vestby was calm on Sunday.", "Vestby", "subj", "be", {}, WHERE),
    ],
)
def test_slot_kinds(sentence: str, name: str, role: str, head: str, more: dict, kind: str) -> None:
    assert _slot(sentence, name, role, head, **more).kind == kind


def test_an_owner_locates_a_site_but_not_an_act() -> None:
    sentence = "The blaze destroyed Vestby's oldest dairy."
    assert _slot(sentence, "Vestby", "poss", "dairy", head_pos="NOUN").kind == WHERE
    sentence = "Vestby's attack was condemned."
    assert _slot(sentence, "Vestby", "poss", "attack", head_pos="NOUN").kind == ELSEWHERE


def test_a_place_an_effect_reached_is_tied_to_its_noun() -> None:
    # "into X's coast" after another verb: where the waves went, not where it struck
    sentence = "The quake sent waves into Vestby's southern coast."
    found = _slot(sentence, "Vestby", "poss", "coast", head_pos="NOUN", before="into")
    assert (found.kind, found.word) == (LINKED, "coast")
    # a building one goes into is where one is
    sentence = "She checked into a Vestby clinic."
    found = _slot(sentence, "Vestby", "prep:into", "check", noun="facility")
    assert found.kind == WHERE


def test_a_qualifier_takes_the_slot_of_the_place_it_follows() -> None:
    sentence = "The jury convicted him of killing Ilse Varn of Vestby, Eldmoor."
    town = _place(sentence, "Vestby", "prep:of", "varn", head_pos="PROPN")
    state = _place(sentence, "Eldmoor", "appos", "vestby", head_pos="PROPN")
    assert place_slots.slot(state, (town, state), sentence).kind == ORIGIN


def test_appositive_after_an_area_noun() -> None:
    sentence = "It was centred close to the capital, Vestby, at a shallow depth."
    mention = _place(sentence, "Vestby", "mod", "centre")
    assert place_slots.after_area_noun(mention, sentence) == "capital"
    assert place_slots.slot(mention, (mention,), sentence).kind == WHERE


def test_a_venue_named_after_the_place() -> None:
    sentence = "She entered Vestby Lakeside Treatment Center on Tuesday."
    mention = _place(sentence, "Vestby", "obj", "enter")
    assert place_slots.names_venue(mention, sentence) == "center"
    assert place_slots.slot(mention, (mention,), sentence).kind == WHERE


@pytest.mark.parametrize(
    ("a", "b", "comparable"),
    [
        ((WHERE, "arrest"), (WHERE, "hold"), True),  # two places of the event
        ((LINKED, "rock"), (LINKED, "rock"), True),  # the same verb
        ((LINKED, "shooting"), (WHERE, "shoot"), True),  # a verb and its event noun
        ((LINKED, "move"), (WHERE, "strike"), False),  # two different verbs
        ((ORIGIN, "man"), (WHERE, "arrest"), False),  # where from is not where
        ((ORIGIN, "varn"), (ORIGIN, "varn"), True),  # one person's origin
        ((ORIGIN, "man"), (ORIGIN, "kid"), True),  # two unnamed descriptions
        ((ELSEWHERE, "spread"), (WHERE, "spread"), False),
    ],
)
def test_comparable(a: tuple[str, str], b: tuple[str, str], comparable: bool) -> None:
    # hand-built mentions tied to a common noun or a verb (head_pos VERB)
    sentence = "Vestby Eldmoor"
    left = PlaceSlot(_place(sentence, "Vestby", "other", ""), *a)
    right = PlaceSlot(_place(sentence, "Eldmoor", "other", ""), *b)
    assert place_slots.comparable(left, right) is comparable


def test_a_city_of_unknown_state_is_not_apart_from_a_state_of_its_country() -> None:
    from crosscheck.extract import gazetteer

    # GeoNames gives a Canadian city no ISO province: which province it is in is
    # unknown, not "another one"; two provinces, or two far cities, stay apart.
    assert gazetteer.relation("Vancouver", "British Columbia") == gazetteer.UNKNOWN
    assert gazetteer.relation("Ontario", "British Columbia") == gazetteer.DISJOINT
    assert gazetteer.relation("Vancouver", "Toronto") == gazetteer.DISJOINT
    assert gazetteer.relation("Vancouver", "Texas") == gazetteer.DISJOINT


def test_close_to_a_line_is_where() -> None:
    sentence = "The blaze broke out close to the Vestby County line."
    found = _slot(sentence, "Vestby County", "prep:to", "close", noun="line")
    assert found.kind == WHERE


def test_a_named_persons_origin_is_not_an_unnamed_ones() -> None:
    sentence = "A Vestby man shot Ilse Varn of Eldmoor."
    man = _place(sentence, "Vestby", "mod", "man", head_pos="NOUN", noun="man")
    varn = _place(sentence, "Eldmoor", "prep:of", "varn", head_pos="PROPN")
    left, right = place_slots.slot(man, (man,), sentence), place_slots.slot(varn, (varn,), sentence)
    assert (left.kind, right.kind) == (ORIGIN, ORIGIN)
    assert not place_slots.comparable(left, right)


def test_small_towns_are_read_only_when_asked() -> None:
    from crosscheck.extract import gazetteer

    # A town of about 1,300 people: not a name the other checks take for a place, but
    # the location check compares it by containment.
    assert not gazetteer.known("Tombstone")
    assert gazetteer.relation("Tombstone", "Texas") == gazetteer.UNKNOWN
    assert gazetteer.relation("Tombstone", "Arizona", towns=True) == gazetteer.INSIDE
    assert gazetteer.relation("Tombstone", "Texas", towns=True) == gazetteer.DISJOINT
    # a larger place of the name wins: the towns are read only when nothing else is
    assert gazetteer.readings("Lisbon", towns=True) == gazetteer.readings("Lisbon")
