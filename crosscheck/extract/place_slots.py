"""What a place does in its sentence: where the event was, where someone is from, or neither.

A place name is only comparable with a place on the other side that fills the same
slot. ``slot(mention, others)`` reads the slot from the mention's role in the parse
(``crosscheck.extract.mentions``) and the words it attaches to:

* ``WHERE``: where the event happened. After a locative preposition ("in", "at",
  "on", "near", "off", "outside", "close to"), after "<direction/area word> of"
  ("16 km northwest of X", "the outskirts of X"), a place naming a site or an event
  ("a X hotel", "X's dairy", "the X vigil"), a dateline ("X: two killed"), or the
  subject of "be" ("X was calm").
* ``LINKED``: a place tied to one word that may or may not be the event: the object
  or subject of a verb ("quakes rocked X", "X moved quickly"), "into X". Comparable
  only with a place tied to the same word (or a word WordNet relates to it: "shoot" /
  "shooting"), never across two different verbs.
* ``ORIGIN``: where someone is from ("Ilse Varn of X", "a X climber", "grew up in X",
  "the kid from X", "a native of X"): compared only with another origin.
* ``ELSEWHERE``: a place that neither locates the event nor anyone's origin: the
  reach of an effect ("across X", "into X's coast" after another verb), a target
  ("to X", "toward X"), a party ("war with X", "talks between X and Y"), an owner that
  acts ("X's president"), a place inside an organisation's name ("the X State
  University", "X police").

>>> from crosscheck.extract.mentions import Mention
>>> m = Mention("place", "GPE", "Vestby", 30, 36, "prep:in", "arrest", "VERB")
>>> slot(m).kind, slot(m).word
('where', 'arrest')
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from crosscheck.extract import derive, wordnet
from crosscheck.extract.mentions import Mention
from crosscheck.extract.text import lexicon

WHERE, LINKED, ORIGIN, ELSEWHERE = "where", "linked", "origin", "elsewhere"

# Prepositions that put the event itself in the place.
_LOCATIVE = frozenset({"in", "at", "on", "near", "within", "inside", "outside", "off", "by"})
# Prepositions whose place is where the thing went, tied to their verb: "checked into
# X" says where she is, "sent tsunamis into X" says where the waves went.
_TOWARD_THE_WORD = frozenset({"into", "onto"})
# "close to X", "next to X" say where, as "near X" does.
_NEAR = frozenset({"close", "next", "adjacent", "near"})
# Verbs through which someone's origin is told: "grew up in X", "was born in X",
# "hails from X", "comes from X", "moved from X" (WordNet lemmas, general English).
_ORIGIN_VERBS = frozenset({"grow", "bear", "raise", "hail", "come", "originate"})
# Nouns after which "of X" is where someone comes from: "a native of X", "a resident
# of X".
_ORIGIN_NOUNS = frozenset({"native", "resident", "citizen", "son", "daughter", "hometown"})
# Nouns whose owner or modifier is the place someone is from: "X's hometown".
_HOME_NOUNS = frozenset({"hometown", "home", "birthplace"})
# Prepositions of a motion whose end is the place: "taken to X", "checked into X".
_MOTION = frozenset({"into", "onto", "to", "toward", "towards"})
# WordNet senses of a noun that a place modifying it does not locate: "X police", "the
# X State University", "X church" (a group: an organisation named after the place; a
# building is located by its own "in X"), "X's president", "the X talks", "X's
# economy", "X's wealth".
_NOT_LOCATED = frozenset(
    {
        "noun.group",
        "noun.person",
        "noun.communication",
        "noun.possession",
        "noun.attribute",
        "noun.feeling",
        "noun.motive",
        "noun.relation",
        "noun.quantity",
    }
)
# Senses of a noun that its owner locates: a site or an area ("X's dairy", "X's
# southern coast"). An owner of an act or an event does it or suffers it ("X's
# attack", "Vestby's death": a person as often as a place).
_SITE_SENSES = frozenset({"noun.artifact", "noun.location", "noun.object"})
# Senses of a destination that is a building or an area someone goes to ("checked
# into a X clinic", "taken to X's resort"), where a noun.object ("X's coast", "X's
# mountains") is more often where an effect reached ("sent waves into X's coast").
_DESTINATION_SENSES = frozenset({"noun.artifact", "noun.location"})
# Senses read of such a noun: WordNet's first sense of "center" is an area, its second
# the building; of "camp" a site, then a group.
NOUN_SENSES = 2


@dataclass(frozen=True, slots=True)
class PlaceSlot:
    """A place with its slot: ``kind`` one of WHERE, LINKED, ORIGIN, ELSEWHERE;
    ``word`` the lemma it is tied to ("arrest" in "arrested in X")."""

    mention: Mention
    kind: str
    word: str


def _senses(word: str) -> tuple[str, ...]:
    return wordnet.lexnames(word, "n", NOUN_SENSES) if word else ()


def _first_sense(word: str) -> str:
    senses = _senses(word)
    return senses[0] if senses else ""


def person_noun(word: str) -> bool:
    return _first_sense(word) == "noun.person"


def _area_word(word: str) -> bool:
    """ "northwest", "outskirts", "area", "capital": a word "of X" after which says where."""
    if word in lexicon("places")["directions"]:
        return True
    return _first_sense(word) == "noun.location"


def site_noun(noun: str) -> bool:
    """A building, a site or an area by WordNet's first sense ("facility", "street")."""
    return _first_sense(noun) in _SITE_SENSES


def _destination(noun: str) -> bool:
    return bool(set(_senses(noun)) & _DESTINATION_SENSES)


def _locates(noun: str, owner: bool) -> bool:
    """Whether a place that modifies ``noun`` (``owner``: owns it, "X's") says where
    it is: a site or an area ("a X street", "X's coast"), or, for a modifier, also a
    happening named after where it was ("the X vigil", "the X shooting")."""
    sense = _first_sense(noun)
    if owner:
        return sense in _SITE_SENSES
    return sense not in _NOT_LOCATED


def _modifier(mention: Mention) -> PlaceSlot | None:
    """The slot of a place that owns or modifies a noun: "X's coast", "a X climber"."""
    owner = mention.role == "poss"
    noun = mention.noun or (mention.head if owner else "")
    if not noun:
        return None
    if noun in _HOME_NOUNS or person_noun(noun):
        return PlaceSlot(mention, ORIGIN, noun)  # "a X climber", "X's hometown"
    # "on a darkened X street", "close to the X County line": the preposition of the
    # noun the place modifies decides, whatever the noun; for an owner, the word
    # before it ("into X's coast").
    governed = mention.role.startswith("prep:")
    if not governed and not _locates(noun, owner):
        return PlaceSlot(mention, ELSEWHERE, noun)
    prep = mention.role[5:] if governed else mention.before if owner else ""
    word = mention.head if governed else noun
    if prep in _MOTION and not (prep == "to" and mention.head in _NEAR):
        if _destination(noun):
            return PlaceSlot(mention, WHERE, word)  # "checked into a X clinic"
        return PlaceSlot(mention, LINKED, word)  # "sent waves into X's coast"
    if governed:
        return _prepositional(mention, prep)
    return PlaceSlot(mention, WHERE, noun)


def _prepositional(mention: Mention, prep: str) -> PlaceSlot:
    head = mention.head
    if prep in _LOCATIVE:
        if head in _ORIGIN_VERBS and prep == "in":
            return PlaceSlot(mention, ORIGIN, head)  # "grew up in X", "born in X"
        return PlaceSlot(mention, WHERE, head)
    if prep == "to" and head in _NEAR:
        return PlaceSlot(mention, WHERE, head)
    if prep == "from" and (head in _ORIGIN_VERBS or person_noun(head)):
        return PlaceSlot(mention, ORIGIN, head)  # "hails from X", "the kid from X"
    if prep == "of":
        if head in _ORIGIN_NOUNS or (
            mention.head_pos == "PROPN" or (mention.head_pos == "NOUN" and person_noun(head))
        ):
            return PlaceSlot(mention, ORIGIN, head)  # "Ilse Varn of X", "a native of X"
        if _area_word(head):
            return PlaceSlot(mention, WHERE, head)  # "16 km northwest of X"
        return PlaceSlot(mention, ELSEWHERE, head)
    if prep in _TOWARD_THE_WORD:
        return PlaceSlot(mention, LINKED, head)
    return PlaceSlot(mention, ELSEWHERE, head)


# Longest run of capitalised words after a place that may name a venue in it: "X
# Promises Treatment Center" (three).
VENUE_NAME_WORDS = 4


def names_venue(mention: Mention, text: str) -> str:
    """The site noun ending a venue name that starts with the place ("entered X
    Promises Treatment Center" -> "center"), else ""."""
    words = text[mention.end :].split()[:VENUE_NAME_WORDS]
    run = []
    for word in words:
        bare = word.strip(",.;:!?\"'()")
        if not bare[:1].isupper() or bare != word.rstrip(",.;:!?\"')"):
            if bare[:1].isupper():
                run.append(bare)
            break
        run.append(bare)
    for word in reversed(run):
        noun = word.lower()
        if _destination(noun) or _destination(noun.removesuffix("s")):
            return noun
    return ""


# "near the capital, X", "in the border town of", "close to the country's second
# city, X": a locative word, at most this many lower-case words, an area noun, a comma.
_APPOSITIVE = re.compile(
    r"\b(?:in|at|near|outside|off|close to|next to)\s+(?:[a-z][\w'’-]*\s+){0,4}?"
    r"([a-z]+),\s*$"
)


# Senses of the noun before such an appositive read for a location sense.
APPOSITIVE_SENSES = 3


def after_area_noun(mention: Mention, text: str) -> str:
    """The area noun a place is the appositive of after a locative word ("close to the
    capital, X" -> "capital"), else ""."""
    found = _APPOSITIVE.search(text[: mention.start])
    if found is None:
        return ""
    noun = found.group(1)
    # Any of the first senses: "capital" is first wealth, then a seat of government
    # (the name that follows is checked to be a known place).
    if noun in lexicon("places")["directions"] or "noun.location" in wordnet.lexnames(
        noun, "n", APPOSITIVE_SENSES
    ):
        return noun
    return ""


def slot(mention: Mention, others: Sequence[Mention] = (), text: str = "") -> PlaceSlot:
    """The slot of a place ``mention`` of ``text``; ``others`` are the sentence's other
    places (a qualifier, "X, Norland", takes the slot of the place it follows)."""
    role = mention.role
    if text and not role.startswith("prep:") and after_area_noun(mention, text):
        return PlaceSlot(mention, WHERE, after_area_noun(mention, text))
    if text and role in ("subj", "obj", "agent", "other", "mod"):
        venue = names_venue(mention, text)
        if venue:
            return PlaceSlot(mention, WHERE, venue)  # "entered X Promises Treatment Center"
    if role == "poss" or (mention.noun and role != "appos"):
        found = _modifier(mention)
        if found is not None:
            return found
        if role == "poss":
            return PlaceSlot(mention, ELSEWHERE, mention.head)
    if role.startswith("prep:"):
        return _prepositional(mention, role[5:])
    if role == "appos":
        for other in others:
            if (
                other is not mention
                and other.role != "appos"
                and other.end <= mention.start
                and _last_word(other.text) == mention.head
            ):
                found = slot(other, (), text)
                return PlaceSlot(mention, found.kind, found.word)
        if _area_word(mention.head):
            return PlaceSlot(mention, WHERE, mention.head)  # "the capital, X"
        return PlaceSlot(mention, LINKED, mention.head)
    if role == "subj" and mention.head == "be":
        return PlaceSlot(mention, WHERE, "be")  # "X was calm", "X Neighborhood Is ..."
    if role == "subj" and not mention.passive and mention.head_pos in ("VERB", "AUX"):
        return PlaceSlot(mention, ELSEWHERE, mention.head)  # "X moved quickly": X acts
    if role in ("subj", "obj", "agent"):
        return PlaceSlot(mention, LINKED, mention.head)  # "quakes rocked X"
    if role == "other" and not mention.head and mention.after == ":":
        return PlaceSlot(mention, WHERE, "")  # a dateline: "X: two killed in fall"
    if role in ("mod", "other") and mention.head and _locates(mention.head, owner=False):
        return PlaceSlot(mention, WHERE, mention.head)
    return PlaceSlot(mention, ELSEWHERE, mention.head)


def _last_word(name: str) -> str:
    """The lower-cased last word of a name, without a possessive ending."""
    word = name.split()[-1].lower()
    for ending in ("'s", "’s", "'", "’"):
        if word.endswith(ending):
            return word[: -len(ending)]
    return word


def related_words(a: str, b: str) -> bool:
    """Whether two words a place is tied to name one event: the same lemma, WordNet
    synonyms ("strike" / "hit"), or a verb and its event noun ("shoot" / "shooting")."""
    if not a or not b:
        return False
    if a == b:
        return True
    if b in derive.event_verbs(a) or a in derive.event_verbs(b):
        return True
    # Synonyms only (each in the other's near words): "strike" / "hit". A word and its
    # hypernym ("strike" / "move") are one-directional, and too general to be one event.
    return any(
        wordnet.related(a, b, pos) and wordnet.related(b, a, pos) and _mutual(a, b, pos)
        for pos in ("v", "n")
    )


def _mutual(a: str, b: str, pos: str) -> bool:
    """Each word among the other's synonyms and hypernyms: a shared sense, not a kind."""
    return b in wordnet._near(a, pos) and a in wordnet._near(b, pos)


def comparable(a: PlaceSlot, b: PlaceSlot) -> bool:
    """Whether two places, one from each side, fill the same slot."""
    if ELSEWHERE in (a.kind, b.kind):
        return False
    if ORIGIN in (a.kind, b.kind):
        # Two origins of one person: the same name ("Ilse Varn of X" / "Varn, of Y"),
        # or two unnamed descriptions ("a X man" / "the kid from Y", "grew up in X");
        # a named person's origin is not an unnamed one's ("a X man" may be another).
        named = (a.mention.head_pos == "PROPN", b.mention.head_pos == "PROPN")
        return a.kind == b.kind and (a.word == b.word or named == (False, False))
    if a.kind == b.kind == WHERE:
        return True
    return related_words(a.word, b.word)
