"""Location: two outlets put the same event in different places.

How it decides. The places are the names the parser tags as places (countries,
cities, regions, venues), and a known town the tagger took for a person when it names
a site ("a Vestby rehabilitation facility") or someone's origin ("the kid from
Vestby"). Each place gets a slot (``crosscheck.extract.place_slots``): *where* the
event was ("in", "at", "near", "16 km northwest of", "a Vestby hotel", "Vestby's
dairy"), *where someone is from* ("Ilse Varn of Vestby", "a Vestby climber", "grew up
in Vestby"), a place *tied to one verb* ("quakes rocked Vestby"), or *elsewhere* (the
reach of an effect, "across Vestby"; a party, "talks with Vestby"; an actor, "Vestby
said"; an organisation named after it, "Vestby police"). A place on one side is
accounted for when the other side names the same place (spelling variants,
diacritics and ``rules/aliases.yaml`` folded), a place inside it or around it (the
gazetteer: every country, subdivision and city of 5,000 people, from GeoNames and ISO
3166), or merely writes its name anywhere. What is left is compared only in the same
slot: two places of where the event was, two origins, or two places tied to the same
verb (or its noun: "shot" / "the shooting"). Two places the gazetteer knows to be
apart (different countries, different states, cities far apart) are a divergence;
when a name has several readings, one that fits the other side wins, and a reading
that contradicts the sentence's own country or state ("the Vestby neighborhood", a
town of that name abroad) is taken for a namesake and not used; so is the reading of a
town that only starts a longer name ("the Vestby Rovers", "the Vestby Glacier area":
the next word is capitalised too, outside a Title Case headline, and is neither a day
or month nor a venue named after a city of 100,000 or more). A name someone owns ("his
Mercedes") is no place. Two places in no gazetteer are compared by name when they fill
the same slot of the same word. A place only one side gives is no divergence.

Passes (a city inside its country)::

    left:  Portugal said it was sending a team to talks in Lisbon on Monday.
    right: The government said the talks would take place next week in Portugal.

Fails (two different cities)::

    left:  The fire destroyed a warehouse in Palmer, Alaska, on Tuesday.
    right: The fire destroyed a warehouse in Huntsville, Texas, on Tuesday.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import replace
from typing import Any

from crosscheck.checks import Claim, Context, Finding, Param
from crosscheck.extract import gazetteer, place_slots, wordnet
from crosscheck.extract.mentions import OTHER, PERSON, PLACE, Mention, analyse
from crosscheck.extract.place_slots import PlaceSlot
from crosscheck.extract.recase import title_case
from crosscheck.extract.text import fold, squash
from crosscheck.vocabulary import MONTHS, WEEKDAYS

PARAMS: dict[str, Param] = {
    "containment": Param(
        bool,
        True,
        "a place inside the other (Lisbon / Portugal) is consistent; false flags any "
        "two different places",
    ),
}


def _canonical(name: str, aliases: Mapping[str, str]) -> str:
    folded = fold(_bare(name))
    if folded.startswith("the "):
        folded = folded[4:]
    return squash(aliases.get(folded, folded))


def _listed(name: str) -> bool:
    """Whether the gazetteer lists ``name``, small towns included."""
    return bool(gazetteer.readings(_bare(name), towns=True))


def _relation(a: str, b: str, aliases: Mapping[str, str]) -> str:
    ka, kb = _canonical(a, aliases), _canonical(b, aliases)
    if ka == kb:
        return gazetteer.SAME
    a, b = _bare(a), _bare(b)
    return gazetteer.relation(aliases.get(fold(a), a), aliases.get(fold(b), b), towns=True)


def _said_as_place(mention: Mention, text: str = "") -> bool:
    """A place named as the doer or the one done to ("Norland lost part of its
    history", "riots overtook Norland") is a country, a region or a large city; a small
    town of that name is more likely a surname the tagger misread ("Varn was rushed to
    hospital"). A lower-case word is no place name ("checked into rehab")."""
    if not mention.text[:1].isupper():
        return False
    if mention.role not in ("subj", "obj", "agent"):
        return True
    if mention.noun and place_slots.site_noun(mention.noun):
        return True  # "entering a Vestby rehabilitation facility"
    if text and place_slots.names_venue(mention, text):
        return True  # "Vestby Neighborhood Is Calm", "entered Vestby Treatment Center"
    if not gazetteer.known(mention.text):
        return True  # compared by name, in the same slot only
    return gazetteer.prominent(_bare(mention.text))


def _bare(name: str) -> str:
    """The name without a possessive ending: "Porthaven's" -> "Porthaven"."""
    for ending in ("'s", "’s", "'", "’"):
        if name.endswith(ending):
            return name[: -len(ending)]
    return name


def _as_place(mention: Mention, text: str) -> Mention | None:
    """A name the tagger took for a person or a group that the gazetteer knows, said
    as a place: naming a site ("a Vestby rehabilitation facility"), after "from" of a
    person ("the kid from Vestby"), or after an area noun ("close to the capital,
    Vestby", a country, a region or a large city there)."""
    if mention.kind == PLACE:
        return mention
    if mention.kind not in (PERSON, OTHER) or not gazetteer.known(mention.text):
        return None
    if mention.noun and place_slots.site_noun(mention.noun):
        return replace(mention, kind=PLACE)
    if mention.role == "prep:from" and place_slots.person_noun(mention.head):
        return replace(mention, kind=PLACE)
    if place_slots.after_area_noun(mention, text) and gazetteer.major(mention.text):
        return replace(mention, kind=PLACE)
    return None


# Capitalised words after a town's name that make it the name of another, smaller
# place ("Vestby Hill", "Vestby Heights", "Vestby Beach"): WordNet's first sense of the
# last word is a natural object or a location.
_NAMING_SENSES = frozenset({"noun.object", "noun.location"})


def _inside_a_longer_name(mention: Mention, found: Sequence[Mention]) -> bool:
    """Whether a town is only the start of a longer place name the tagger also gives
    ("Vestby" of "South Vestby Hill"): the longer name is the place meant."""
    for other in found:
        if other is mention or not (other.start <= mention.start and mention.end <= other.end):
            continue
        if other.end - other.start <= mention.end - mention.start:
            continue
        last = other.text.split()[-1].lower()
        senses = wordnet.lexnames(last, "n", 1)
        if senses and senses[0] in _NAMING_SENSES and last != mention.text.split()[-1].lower():
            return True
    return False


# Possessive determiners: "in his Mercedes" is a thing someone owns, not a place.
_OWNERS = frozenset({"his", "her", "their", "my", "our", "your"})


def places(text: str) -> list[Mention]:
    """The places a sentence names as places (not a surname or a common word)."""
    found = [m for m in (_as_place(m, text) for m in analyse(text).names) if m is not None]
    return [
        m
        for m in found
        if _said_as_place(m, text) and not _inside_a_longer_name(m, found) and not _owned(m, text)
    ]


# Day and month names in English and their three-letter forms.
_CALENDAR = frozenset(form for name in (*WEEKDAYS, *MONTHS) for form in (name, name[:3]))
_NEXT_WORD = re.compile(r"\s+([A-Z][\w'’.-]*)")


def _starts_a_longer_name(mention: Mention, text: str) -> bool:
    """Whether a listed place is only the first word(s) of a longer name: the next word
    is capitalised too in a sentence that is not a Title Case headline ("Vestby Recovery
    Center", "the Vestby Rovers", "the Vestby Glacier area", a town name the tagger cut
    short). A facility, a team or a glacier named after a town need not lie in it, so
    the gazetteer's reading is not used: the name is compared by name only."""
    if title_case(text) or _bare(mention.text) != mention.text:
        return False
    following = _NEXT_WORD.match(text, mention.end)
    if following is None or not gazetteer.known(mention.text):
        return False
    word = following.group(1)
    if word.endswith(("'s", "’s")) or word.lower().strip(".") in _CALENDAR:
        return False  # "the Vestby Varn's Bakery branch", "in Vestby Friday night"
    # A venue named after a large city ("Halden Municipal Stadium") is read as in it; not
    # a title before a person ("Halden City Attorney Ilse Varn") nor a word whose first
    # sense is no site ("the Halden Rovers").
    venue = place_slots.names_venue(mention, text)
    if not venue or not place_slots.site_noun(venue.removesuffix("s")):
        return True
    if not gazetteer.major(mention.text):
        # A small town's name on a venue may be a neighbourhood's or a namesake's (many
        # towns share one): "the Vestby Recovery Center" need not lie in Vestby. A large
        # city's venue ("the Lisbon Municipal Stadium") is read as in it.
        return True
    words = [w.strip(",.;:!?\"'()").lower() for w in text[mention.end :].split()]
    after = words[words.index(venue) + 1] if venue in words[:-1] else ""
    return place_slots.person_noun(after)


def _owned(mention: Mention, text: str) -> bool:
    """A name owned by a person and modifying nothing ("speeding in his Mercedes")."""
    before = text[: mention.start].split()
    return bool(before) and before[-1].lower() in _OWNERS and not mention.noun


# Nouns for a part of a town (general English): "the X neighborhood" may name a
# neighbourhood called X, which a town of that name elsewhere is not.
_PARTS_OF_TOWN = frozenset(
    {"neighborhood", "neighbourhood", "district", "quarter", "suburb", "borough", "precinct"}
)


def _namesake(mention: Mention, own: Sequence[PlaceSlot]) -> bool:
    """Whether the gazetteer's reading of a town is a namesake of the place meant: its
    own sentence puts the events in a country or a state in which no town of that name
    lies ("the Vestby area ... the rebellion in Norland", and the only Vestby listed is
    in another country). Such a town is compared by name only."""
    keys = gazetteer.readings(_bare(mention.text), towns=True)
    if not keys or any(gazetteer.place(k).level not in ("city", "county") for k in keys):
        return False
    if mention.noun in _PARTS_OF_TOWN and not gazetteer.major(_bare(mention.text)):
        return True  # "the Vestby neighborhood": a neighbourhood of that name, anywhere
    for other in own:
        if other.mention is mention or other.kind == place_slots.ELSEWHERE:
            continue
        wide = [
            gazetteer.place(k)
            for k in gazetteer.readings(_bare(other.mention.text))
            if gazetteer.place(k).level in ("country", "subdivision")
        ]
        if wide and _relation(mention.text, other.mention.text, {}) == (gazetteer.DISJOINT):
            return True
    return False


def _doubtful(loose: Sequence[PlaceSlot], own: Sequence[PlaceSlot], text: str) -> set[Mention]:
    """The places of one side whose gazetteer reading is not used: namesakes, and towns
    that only start a longer name."""
    return {
        s.mention
        for s in loose
        if _namesake(s.mention, own) or _starts_a_longer_name(s.mention, text)
    }


def _accounted(
    place: Mention,
    others: Sequence[Mention],
    other_text: str,
    fitting: frozenset[str],
    aliases: Mapping[str, str],
) -> bool:
    if _canonical(place.text, aliases) in squash(other_text):
        return True
    names = [m for m in analyse(other_text).names]
    return any(_relation(place.text, other.text, aliases) in fitting for other in names)


def _same_slot(a: Mention, b: Mention) -> bool:
    """The same preposition of the same word, or two venues of one kind ("the Halden
    Palace" / "the Serin Palace": the last word, a building or site in WordNet,
    is the same and the names differ)."""
    if a.role == b.role and a.role.startswith("prep:") and a.head == b.head != "":
        return True
    kind_a, kind_b = a.text.split()[-1].lower(), b.text.split()[-1].lower()
    if len(a.text.split()) < 2 or len(b.text.split()) < 2 or kind_a != kind_b:
        return False
    senses = wordnet.lexnames(kind_a, "n", 1)
    return bool(senses) and senses[0] in ("noun.artifact", "noun.location")


def check(
    left: Claim, right: Claim, params: Mapping[str, Any], context: Context
) -> Iterator[Finding]:
    left_places, right_places = places(left.text), places(right.text)
    if not left_places or not right_places:
        return
    strict = not params.get("containment", True)
    fitting = frozenset(
        {gazetteer.SAME} if strict else {gazetteer.SAME, gazetteer.INSIDE, gazetteer.CONTAINS}
    )
    aliases = context.aliases
    left_slots = [place_slots.slot(m, left_places, left.text) for m in left_places]
    right_slots = [place_slots.slot(m, right_places, right.text) for m in right_places]
    loose_left = [
        s
        for s in left_slots
        if s.kind != place_slots.ELSEWHERE
        and not _accounted(s.mention, right_places, right.text, fitting, aliases)
    ]
    loose_right = [
        s
        for s in right_slots
        if s.kind != place_slots.ELSEWHERE
        and not _accounted(s.mention, left_places, left.text, fitting, aliases)
    ]
    doubtful = _doubtful(loose_left, left_slots, left.text) | _doubtful(
        loose_right, right_slots, right.text
    )
    for sa in loose_left:
        for sb in loose_right:
            if not place_slots.comparable(sa, sb):
                continue
            a, b = sa.mention, sb.mention
            if a in doubtful or b in doubtful:
                verdict = (
                    gazetteer.SAME
                    if _canonical(a.text, aliases) == _canonical(b.text, aliases)
                    else gazetteer.UNKNOWN
                )
                known_a, known_b = (
                    a not in doubtful and _listed(a.text),
                    (b not in doubtful and _listed(b.text)),
                )
            else:
                verdict = _relation(a.text, b.text, aliases)
                known_a, known_b = _listed(a.text), _listed(b.text)
            apart = verdict == gazetteer.DISJOINT or (
                strict and verdict in (gazetteer.INSIDE, gazetteer.CONTAINS)
            )
            # Two names no gazetteer knows are compared by name, in the same slot; a
            # known place may contain an unknown one (a park, a venue), so that pair
            # has no verdict.
            unknown = (
                verdict == gazetteer.UNKNOWN and not known_a and not known_b and _same_slot(a, b)
            )
            if apart or unknown:
                yield Finding(
                    left_value=a.text,
                    right_value=b.text,
                    left_at=(a.start, a.end),
                    right_at=(b.start, b.end),
                )
                return
