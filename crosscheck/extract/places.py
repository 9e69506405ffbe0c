"""Where a sentence puts things: capitalised places after locative words.

A place is a capitalised name after "in", "at", "near", "outside", "close to",
"16 km northwest of" and the like (also the name in "close to the capital, Port
Elin"), or any name ending in a venue word ("Serin Palace"). Possessives ("Norland's
drone attacks") and places used as actors ("Lisbon said") are left out: they say
who, not where.

>>> [p.text for p in find_places("It struck 16 km northwest of Vestby, close to Eldmoor.")]
['Vestby', 'Eldmoor']
>>> [p.text for p in find_places("They met at the Şerin Palace on the Halden.")]
['Şerin Palace']
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache

from rapidfuzz import fuzz

from crosscheck.extract import gazetteer
from crosscheck.extract.names import find_names
from crosscheck.extract.text import fold, lexicon, squash, tokens, word_set

SAME, INSIDE, CONTAINS, DISJOINT, UNKNOWN = (
    gazetteer.SAME,
    gazetteer.INSIDE,
    gazetteer.CONTAINS,
    gazetteer.DISJOINT,
    gazetteer.UNKNOWN,
)

# Two unlisted place names this similar (rapidfuzz ratio on squashed text) are one
# place spelt two ways: a "d"/"t" transliteration in a 9-letter name scores 89, a name
# with and without its diacritics 100 after folding. Calibrated on ECB+ cross-document
# place coreference (scripts/calibrate_names.py): 85 is the lowest ratio at which no
# two different places of one odd (calibration) topic merge (0 of 76; 1 at 80), and 0
# of 42 merge on the even topics, held out.
SPELLING_SIMILARITY = 85

# Words that put an event in a place. "across", "around", "into" and "from" are left
# out: they mostly say where an effect reached ("shock across Israel") or where
# someone came from ("rescuers from China"), not where the event itself happened.
_LOCATIVE = frozenset({"in", "at", "near", "outside", "inside", "within", "off"})
_BEFORE_OF = frozenset(
    {
        "north",
        "south",
        "east",
        "west",
        "northwest",
        "northeast",
        "southwest",
        "southeast",
        "north-west",
        "north-east",
        "south-west",
        "south-east",
        "outskirts",
        "shore",
        "shores",
        "coast",
        "centre",
        "center",
        "heart",
        "edge",
        "suburbs",
        "outside",
        "part",
        "parts",
        "city",
        "town",
        "village",
        "region",
        "province",
        "capital",
    }
)
# Longest lower-case noun phrase between a locative word and an appositive name.
_APPOSITIVE_WORDS = 5
_TWO_WORD = frozenset({("close", "to"), ("next", "to"), ("close", "by")})
# Words allowed between a locative word and the name: "in the", "at the collapsed".
_SKIPPABLE = frozenset(
    {
        "the",
        "a",
        "an",
        "its",
        "their",
        "central",
        "northern",
        "southern",
        "eastern",
        "western",
        "downtown",
        "neighbouring",
        "neighboring",
        "nearby",
        "collapsed",
        "former",
        "historic",
    }
)


@dataclass(frozen=True, slots=True)
class Place:
    """A place name as written, with its offsets; ``venue`` names its venue word."""

    text: str
    start: int
    end: int
    venue: str = ""


@cache
def _venues() -> tuple[str, ...]:
    return tuple(sorted((fold(v) for v in lexicon("places")["venues"]), key=len, reverse=True))


def venue_word(name: str) -> str:
    """The venue word a name ends with ("Serin Palace" -> "palace"), else ""."""
    folded = fold(name)
    return next((v for v in _venues() if folded.endswith(f" {v}")), "")


def _locative_before(text: str, start: int) -> bool:
    """Whether the words right before ``start`` put what follows in a place."""
    before = [t for t in tokens(text[:start]) if t.is_word or t.text == ","]
    words = [t.low for t in before]
    # "close to the capital, Port Elin": step back over an appositive noun phrase.
    if words and words[-1] == ",":
        # At most a short lower-case noun phrase ("the capital", "the country's
        # second city") between the locative word and the comma.
        k = len(words) - 2
        while k >= 0 and len(words) - 2 - k < _APPOSITIVE_WORDS and words[k] not in _LOCATIVE:
            if words[k] in (",", "to") or before[k].text[:1].isupper():
                break
            k -= 1
        located = k >= 0 and (words[k] in _LOCATIVE or tuple(words[k - 1 : k + 1]) in _TWO_WORD)
        words = words[: k + 1] if located else []
    while words and words[-1] in _SKIPPABLE:
        words.pop()
    if not words:
        return False
    if words[-1] in _LOCATIVE:
        return True
    if len(words) >= 2 and tuple(words[-2:]) in _TWO_WORD:
        return True
    if words[-1] == "of" and len(words) >= 2:
        return words[-2] in _BEFORE_OF
    return False


def find_places(text: str) -> list[Place]:
    """Places ``text`` locates things in, in order of appearance."""
    found: list[Place] = []
    demonyms = word_set("names", "demonyms")
    names = find_names(text)
    for n, name in enumerate(names):
        if name.possessive:
            continue
        venue = venue_word(name.text)
        if fold(name.text) in demonyms:
            continue
        locative = _locative_before(text, name.start)
        # "in the Vestby and Eldmoor regions": a name joined to a located one.
        if not locative and n > 0 and found and found[-1].end == names[n - 1].end:
            between = fold(text[names[n - 1].end : name.start]).strip()
            locative = between in ("and", ",", "or")
        if venue or locative:
            found.append(Place(name.text, name.start, name.end, venue))
    return found


def relation(a: Place, b: Place, aliases: Mapping[str, str] | None = None) -> str:
    """How place ``a`` stands to place ``b`` (see ``gazetteer.relation``), with spelling
    variants and same-kind venues judged when the gazetteer does not list them."""
    aliases = aliases or {}
    left = aliases.get(fold(a.text), a.text)
    right = aliases.get(fold(b.text), b.text)
    listed = gazetteer.relation(left, right)
    if listed != UNKNOWN:
        return listed
    if fuzz.ratio(squash(left), squash(right)) >= SPELLING_SIMILARITY:
        return SAME
    if a.venue and a.venue == b.venue and not _shared_words(left, right, a.venue):
        return DISJOINT  # two palaces with different names are two palaces
    return UNKNOWN


def _shared_words(a: str, b: str, venue: str) -> set[str]:
    """Distinctive words two venue names share: "Yida" in "Yida Refugee Camp"."""
    generic = {*venue.split(), "the", "of", "refugee", "national", "city", "royal", "state"}
    words_a = {w for w in fold(a).replace("-", " ").split() if w not in generic}
    words_b = {w for w in fold(b).replace("-", " ").split() if w not in generic}
    return words_a & words_b


def mentioned(
    place: Place,
    text: str,
    aliases: Mapping[str, str] | None = None,
    fitting: frozenset[str] = frozenset({SAME, INSIDE, CONTAINS}),
) -> bool:
    """Whether ``text`` names ``place``, or a place containing or inside it, anywhere
    (as a subject, a possessive or an adjective-free mention), not only as a location."""
    squashed = squash(text)
    spellings = {squash(place.text), squash((aliases or {}).get(fold(place.text), place.text))}
    listed = gazetteer.lookup(place.text)
    if listed is not None:
        spellings |= gazetteer.spellings(listed)
    if any(spelling and spelling in squashed for spelling in spellings):
        return True
    for name in find_names(text):
        other = Place(name.text, name.start, name.end, venue_word(name.text))
        if relation(place, other, aliases) in fitting:
            return True
    return False
