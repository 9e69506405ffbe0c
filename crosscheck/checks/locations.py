"""Location: two outlets put the same event in different places.

How it decides. The places are the names the parser tags as places (countries,
cities, regions, venues), except those used as owners ("Norland's drone attacks"). A
place on one side is accounted for when the other side names the same place (spelling
variants, diacritics and ``rules/aliases.yaml`` folded), a place inside it or around
it (the gazetteer: every country, first-level subdivision and city of 15,000 people,
from GeoNames and ISO 3166), or merely writes its name anywhere. What is left on both
sides is compared: two places the gazetteer knows to be apart (different countries,
different states, cities far apart) are a divergence; two places of which one is in no
gazetteer are compared by name, and flagged only when they fill the same slot (the
place after the same preposition of the same verb or noun). Where someone is from
("Ilse Varn of Porthaven, Norland", "a Porthaven climber") is compared only with where
someone is from, never with where the event was. A town named as the doer or the one
done to must be a country, a region or a large city ("Norland said"; a small town of
that name is more likely a misread surname), and a lower-case word is no place
("checked into rehab"). A place only one side gives is no divergence.

Passes (a city inside its country)::

    left:  Portugal said it was sending a team to talks in Lisbon on Monday.
    right: The government said the talks would take place next week in Portugal.

Fails (two different cities)::

    left:  The fire destroyed a warehouse in Palmer, Alaska, on Tuesday.
    right: The fire destroyed a warehouse in Huntsville, Texas, on Tuesday.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from crosscheck.checks import Claim, Context, Finding, Param
from crosscheck.extract import gazetteer, wordnet
from crosscheck.extract.mentions import PLACE, Mention, analyse
from crosscheck.extract.text import fold, squash

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


def _relation(a: str, b: str, aliases: Mapping[str, str]) -> str:
    ka, kb = _canonical(a, aliases), _canonical(b, aliases)
    if ka == kb:
        return gazetteer.SAME
    a, b = _bare(a), _bare(b)
    return gazetteer.relation(aliases.get(fold(a), a), aliases.get(fold(b), b))


# An owner place whose thing is one of these (WordNet's most frequent sense) acts or
# owns rather than locates: "Norland's drone attacks", "Russia's president", "Britain's
# economy". Otherwise "India's highest peak" or "Ashgabat's resort" says where.
_ACTOR_SENSES = frozenset(
    {
        "noun.act",
        "noun.event",
        "noun.communication",
        "noun.cognition",
        "noun.possession",
        "noun.attribute",
        "noun.person",
        "noun.group",
        "noun.motive",
        "noun.feeling",
    }
)


# Prepositions that put a place elsewhere than the event: "shock across Israel" (how far
# an effect reached), "rescuers from China" (where someone came from), "flights to
# Lisbon" (where something goes).
_NOT_WHERE = frozenset(
    {
        "prep:across",
        "prep:around",
        "prep:throughout",
        "prep:from",
        "prep:to",
        "prep:toward",
        "prep:towards",
        "prep:over",
        "prep:beyond",
    }
)


# "close to X", "next to X" say where, as "near X" does.
_NEAR = frozenset({"close", "next", "adjacent", "near"})


def _locates(mention: Mention) -> bool:
    """Whether the place says where the event is, rather than who acts or where from."""
    if mention.role in _NOT_WHERE and not (mention.role == "prep:to" and mention.head in _NEAR):
        return False
    if mention.noun and "noun.person" in wordnet.lexnames(mention.noun, "n", 2):
        return False  # "a Perth climber", "a Bloomington man": where someone is from
    senses = wordnet.lexnames(mention.head, "n", 1) if mention.head_pos in ("NOUN", "PROPN") else ()
    if mention.role in ("mod", "other", "subj", "obj") and senses == ("noun.person",):
        return False
    if mention.role != "poss":
        return True
    return bool(senses) and senses[0] not in _ACTOR_SENSES


def _said_as_place(mention: Mention) -> bool:
    """A place named as the doer or the one done to ("Norland lost part of its
    history", "riots overtook Norland") is a country, a region or a large city; a small
    town of that name is more likely a surname the tagger misread ("Varn was rushed to
    hospital"). A lower-case word is no place name ("checked into rehab")."""
    if not mention.text[:1].isupper():
        return False
    if mention.role not in ("subj", "obj", "agent"):
        return True
    if not gazetteer.known(mention.text):
        return True  # compared by name, in the same slot only
    return gazetteer.prominent(_bare(mention.text))


def _origin(mention: Mention) -> bool:
    """A place that says where someone is from: "Ilse Varn of Porthaven", "Varn, 59, of
    Porthaven" (the "of" of a name or of a word for a person)."""
    if mention.role != "prep:of":
        return False
    if mention.head_pos == "PROPN":
        return True
    return mention.head_pos == "NOUN" and wordnet.lexnames(mention.head, "n", 1) == ("noun.person",)


def _origins(found: Sequence[Mention]) -> set[Mention]:
    """The places of one sentence that say where someone is from, with the state or
    country written after them ("Ilse Varn of Porthaven, Norland": both)."""
    origins = {m for m in found if _origin(m)}
    last_words = {m.text.split()[-1].lower() for m in origins}
    return origins | {m for m in found if m.role == "appos" and m.head in last_words}


def _bare(name: str) -> str:
    """The name without a possessive ending: "Porthaven's" -> "Porthaven"."""
    for ending in ("'s", "’s", "'", "’"):
        if name.endswith(ending):
            return name[: -len(ending)]
    return name


def places(text: str) -> list[Mention]:
    """The places a sentence puts things in (owners that act, not locate, left out)."""
    return [m for m in analyse(text).names if m.kind == PLACE and _locates(m) and _said_as_place(m)]


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
    loose_left = [
        p for p in left_places if not _accounted(p, right_places, right.text, fitting, aliases)
    ]
    loose_right = [
        p for p in right_places if not _accounted(p, left_places, left.text, fitting, aliases)
    ]
    origins = _origins(left_places) | _origins(right_places)
    for a in loose_left:
        for b in loose_right:
            if (a in origins) != (b in origins):
                continue  # where someone is from is not where the event was
            verdict = _relation(a.text, b.text, aliases)
            apart = verdict == gazetteer.DISJOINT or (
                strict and verdict in (gazetteer.INSIDE, gazetteer.CONTAINS)
            )
            # Two names no gazetteer knows are compared by name, in the same slot; a
            # known place may contain an unknown one (a park, a venue), so that pair
            # has no verdict.
            unknown = (
                verdict == gazetteer.UNKNOWN
                and not gazetteer.known(a.text)
                and not gazetteer.known(b.text)
                and _same_slot(a, b)
            )
            if apart or unknown:
                yield Finding(
                    left_value=a.text,
                    right_value=b.text,
                    left_at=(a.start, a.end),
                    right_at=(b.start, b.end),
                )
                return
