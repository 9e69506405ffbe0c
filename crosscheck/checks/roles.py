"""Role: the same person given different offices by two outlets.

How it decides. People are matched across the two sentences by name (surname,
spelling variants, ``rules/aliases.yaml``); then the offices each sentence gives that
person are compared: the title before the name ("Finance Minister Ines Quellin") or in an
appositive ("Ines Quellin, the finance minister,"). Two offices fit when they share a head
and rank and their qualifiers agree or one side leaves the qualifier out. Descriptions
that sit beside any office ("aide", "co-founder") never clash. Nothing is raised when
only one side gives an office, or when one side's offices include the other's ("Deputy
Prime Minister and Defence Minister" vs "Defence Minister").

When no listed office clashes, the parse is read: the words right before the name that
WordNet calls a person noun ("coroner", "lawyer") or that abbreviate a title ("Gov."),
when written as a title: capitalised (also as the first word of the sentence),
abbreviated, or right after "the", "her", a possessive or "former" ("the actress Quellin",
"her attorney Quellin"). Synonyms agree ("lawyer" / "attorney"). A past office ("former
sheriff") is compared only with another past office, never with a current one.

Last, the level of government: two titles with the same head noun for one person
("attorney", "chief", "senator") that name two levels ("US Attorney" vs "District
Attorney", "State Senator" vs "US Senator"), or where one names a level and the other
the same place's own body ("Norland Fire Department Chief" vs "Norland County fire
chief"), are two offices. The level words are in ``data/titles.yaml``
(``jurisdictions``); a level on one side only, with nothing else to go on ("Norland
County Sheriff" vs "Sheriff"), is no clash.

Passes (an envoy is a special envoy)::

    left:  Special envoy Ira Bell met the president in the capital on Thursday.
    right: Envoy Ira Bell held three hours of talks with the president.

Fails (two different offices for one man)::

    left:  Sheriff Jonas Brenner closed the mountain road on Monday.
    right: On Monday, Coroner Jonas Brenner closed the mountain road.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from crosscheck.checks import Claim, Context, Finding, Param
from crosscheck.extract import wordnet
from crosscheck.extract.mentions import PERSON, Mention, analyse
from crosscheck.extract.names import same_name
from crosscheck.extract.text import fold, lexicon
from crosscheck.extract.titles import Title, compatible, titled_people
from crosscheck.nlp import default_parser

# Message fields this check fills besides the common ones.
FIELDS = ("person",)

PARAMS: dict[str, Param] = {
    "ignore_qualifiers": Param(
        bool,
        False,
        'compare only the office itself: "foreign minister" and "defence minister" '
        "then both count as minister",
    ),
}


def _fits(a: Title, b: Title, ignore_qualifiers: bool) -> bool:
    if ignore_qualifiers and a.office and b.office:
        return a.head == b.head and a.rank == b.rank
    return compatible(a, b)


def _written(titles: list[Title]) -> str:
    raws: list[str] = []
    for title in titles:
        if title.raw not in raws:
            raws.append(title.raw)
    return " and ".join(raws)


def check(
    left: Claim, right: Claim, params: Mapping[str, Any], context: Context
) -> Iterator[Finding]:
    ignore = bool(params.get("ignore_qualifiers", False))
    reported: list[str] = []
    found = False
    right_people = titled_people(right.text)
    for left_name, left_titles in titled_people(left.text):
        left_offices = [title for title in left_titles if title.office]
        if not left_offices:
            continue
        for right_name, right_titles in right_people:
            right_offices = [title for title in right_titles if title.office]
            if not right_offices or not same_name(left_name.text, right_name.text, context.aliases):
                continue
            if any(_fits(a, b, ignore) for a in left_offices for b in right_offices):
                continue
            if any(same_name(right_name.text, done, context.aliases) for done in reported):
                continue
            reported.append(right_name.text)
            found = True
            yield Finding(
                left_value=_written(left_offices),
                right_value=_written(right_offices),
                fields={
                    "person": right_name.text
                    if len(right_name.text) > len(left_name.text)
                    else left_name.text
                },
            )
    if not found:
        parsed = list(_parsed(left, right, context))
        yield from parsed or _jurisdictions(left, right, context)


def _person_key(mention: Mention) -> str:
    words = [w for w in mention.text.split() if not w[:1].islower()]
    return words[-1] if words else mention.text


def _parsed(left: Claim, right: Claim, context: Context) -> Iterator[Finding]:
    """Titles from the parse: the office nouns right before a person's name (WordNet
    person nouns, abbreviations such as "Gov."), compared for the same person. Two
    titles agree when one contains the other's word or WordNet calls them synonyms or
    one a kind of the other ("lawyer" / "attorney")."""
    people_right = [m for m in analyse(right.text).names if m.kind == PERSON and m.titles]
    for a in analyse(left.text).names:
        if a.kind != PERSON or not a.titles:
            continue
        for b in people_right:
            if _person_key(a) != _person_key(b) and not same_name(a.text, b.text, context.aliases):
                continue
            if a.titles_when != b.titles_when:
                continue  # "former lawyer" / "prosecutor": a past office beside a current one
            if set(a.titles) & set(b.titles) or any(
                wordnet.related(x, y, "n") for x in a.titles for y in b.titles
            ):
                continue
            la, rb = " ".join(a.titles), " ".join(b.titles)
            if la in right.text.lower() or rb in left.text.lower():
                continue  # the other side gives that office too, elsewhere
            yield Finding(left_value=la, right_value=rb, fields={"person": b.text})
            return


@dataclass(frozen=True, slots=True)
class _Level:
    """A title's head noun, the level of government its words name, and its other
    capitalised words (the place or body): "Norland County fire chief" -> chief,
    county, {"norland"}."""

    raw: str
    head: str
    level: str
    names: frozenset[str]


def _levels(text: str, mention: Mention) -> list[_Level]:
    """The titles the parse attaches to a person: the words before the name that the
    name governs ("Norland County fire chief Ines Quellin") and an appositive ("Ines
    Quellin, the US Attorney for the district,"), each read for its level."""
    doc = default_parser()(text)
    inside = [t for t in doc if mention.start <= t.idx < mention.end]
    root = next((t for t in inside if not mention.start <= t.head.idx < mention.end), None)
    if root is None:
        return []
    subtree = {t.i for t in root.subtree}
    phrases = []
    first = inside[0].i
    k = first
    while k > 0 and (k - 1) in subtree and not doc[k - 1].is_punct:
        k -= 1
    if k < first:
        phrases.append(doc[k:first])
    for child in root.children:
        if child.dep_ == "appos":
            phrases.append(doc[child.left_edge.i : child.i + 1])
    return [level for level in (_level(phrase) for phrase in phrases) if level is not None]


def _level(phrase: Any) -> _Level | None:
    """``phrase`` (a span ending in its head noun) read as head, level and names; None
    when the head is not a noun WordNet's most frequent sense calls a person."""
    head = phrase[-1]
    senses = wordnet.lexnames(head.lemma_.lower(), "n")
    if head.pos_ not in ("NOUN", "PROPN") or not senses or senses[0] != "noun.person":
        return None
    levels = lexicon("titles")["jurisdictions"]
    level, names = "", set()
    for token in phrase[:-1]:
        low = fold(token.text)
        if low in levels:
            level = levels[low]
        elif token.text[:1].isupper() and wordnet.lexnames(low, "n")[:1] != ("noun.person",):
            names.add(low)
    return _Level(phrase.text, head.lemma_.lower(), level, frozenset(names))


def _clash(a: _Level, b: _Level) -> bool:
    """One head at two levels: both name a level and they differ, or one names a level
    while the other names the same place's own body ("Norland Fire Department chief"
    vs "Norland County fire chief"). No level on either side is no evidence."""
    if a.head != b.head or a.level == b.level:
        return False
    if a.level and b.level:
        return True
    bare = a if not a.level else b
    return bool(a.names & b.names) and any(_is_body(word) for word in bare.names)


def _is_body(word: str) -> bool:
    """A body word ("department", "police"): WordNet's most frequent sense is a group.
    "Norland Fire Department Chief" names the place's own body, so a "Norland County"
    chief is another office; a bare "Norland fire chief" may be either."""
    senses = wordnet.lexnames(word, "n")
    return bool(senses) and senses[0] == "noun.group" and wordnet.common_noun(word)


def _jurisdictions(left: Claim, right: Claim, context: Context) -> Iterator[Finding]:
    """The same office head for one person at two levels of government."""
    people_right = [m for m in analyse(right.text).names if m.kind == PERSON]
    for a in analyse(left.text).names:
        if a.kind != PERSON:
            continue
        for b in people_right:
            if _person_key(a) != _person_key(b) and not same_name(a.text, b.text, context.aliases):
                continue
            for x in _levels(left.text, a):
                for y in _levels(right.text, b):
                    if _clash(x, y):
                        yield Finding(
                            left_value=x.raw, right_value=y.raw, fields={"person": b.text}
                        )
                        return
