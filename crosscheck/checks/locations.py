"""Location: two outlets put the same event in different places.

Places are the capitalised names a sentence puts things in ("in Kharkiv", "at the
Ciragan Palace", "16 km northwest of Sagaing", "close to the capital, Nay Pyi
Taw"). A place on one side that fits some place on the other — the same place
(spelling variants, diacritics, spaces and ``rules/aliases.yaml`` folded), or one
inside the other according to the containment gazetteer (``crosscheck/data/
places.yaml``: Istanbul is in Turkey, Chatuchak in Bangkok) — is consistent, and
so is a place the other sentence names anywhere, not only as a location ("jolts
southern Iran" accounts for "in Iran"). A divergence needs a place on each side
that nothing on the other side accounts for, and the two must be known to be
apart: both listed under a common parent without one containing the other (Kharkiv
and Kyiv), or two venues of one kind with no name word in common (Ciragan Palace and
Dolmabahce Palace). Unknown pairs are never flagged.

Passes (a city inside its country)::

    left:  Russia said it was sending a team to talks in Istanbul on Monday.
    right: The Kremlin said the talks would take place next week in Turkey.

Fails (two different venues)::

    left:  The session at the Ciragan Palace on the Bosphorus lasted over an hour.
    right: The meeting, held at the Dolmabahce Palace, lasted more than an hour.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from crosscheck.checks import Claim, Context, Finding, Param
from crosscheck.extract.places import (
    CONTAINS,
    DISJOINT,
    INSIDE,
    SAME,
    Place,
    find_places,
    mentioned,
    relation,
)

PARAMS: dict[str, Param] = {
    "containment": Param(
        bool,
        True,
        "a place inside the other (Istanbul / Turkey) is consistent; false flags any "
        "two different listed places",
    ),
}


def check(
    left: Claim, right: Claim, params: Mapping[str, Any], context: Context
) -> Iterator[Finding]:
    left_places, right_places = find_places(left.text), find_places(right.text)
    if not left_places or not right_places:
        return
    strict = not params.get("containment", True)
    fitting = frozenset({SAME} if strict else {SAME, INSIDE, CONTAINS})
    aliases = context.aliases

    def fits(place: Place, others: list[Place], reverse: bool = False) -> bool:
        return any(
            (relation(other, place, aliases) if reverse else relation(place, other, aliases))
            in fitting
            for other in others
        )

    # A place is accounted for when the other side names it, or a place around or
    # inside it, anywhere: "jolts southern Iran" accounts for "in Iran".
    loose_left = [
        p
        for p in left_places
        if not fits(p, right_places) and not mentioned(p, right.text, aliases, fitting)
    ]
    loose_right = [
        p
        for p in right_places
        if not fits(p, left_places, reverse=True) and not mentioned(p, left.text, aliases, fitting)
    ]
    for a in loose_left:
        for b in loose_right:
            verdict = relation(a, b, aliases)
            if verdict == DISJOINT or (strict and verdict in (INSIDE, CONTAINS)):
                yield Finding(left_value=a.text, right_value=b.text)
                return
