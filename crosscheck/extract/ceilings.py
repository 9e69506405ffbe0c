"""Stated maxima and the verb whose object they are, from the parse.

"up to 20 years", "a maximum of 10 years", "at most 300 jobs" name one value: the
greatest amount possible (a penalty a defendant faces, the jobs a plan may cut). Two
outlets that give the maximum of the same verb ("faces up to 20 years" / "facing a
maximum of 10 years") state one fact, and two different ceilings cannot both be right,
although as ranges (0-20, 0-10) they overlap. Bounds that only say less ("under 50",
"fewer than 100", "within a week") are not maxima of anything: they stay ranges.

>>> [(c.verb, c.quantity.text) for c in ceilings(
...     "Each count carries a maximum of 10 years, so she faces up to 20 years.",
...     find_quantities("Each count carries a maximum of 10 years, so she faces up to 20 years."),
... )]  # doctest: +SKIP
[('carry', 'a maximum of 10 years'), ('face', 'up to 20 years')]
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from crosscheck.extract.numbers import Quantity

# Hedges that state a maximum rather than bound a figure from above. General English;
# the figure reader files all of these, and "under", "fewer than", under "up to".
MAXIMUM_PHRASES = ("up to", "a maximum of", "at most", "no more than", "not more than")
_SUBJECTS = frozenset({"nsubj", "nsubjpass"})


@dataclass(frozen=True, slots=True)
class Ceiling:
    """A stated maximum, the lemma of the verb it belongs to and that verb's subjects."""

    quantity: Quantity
    verb: str
    subjects: tuple[str, ...]


def ceilings(text: str, quantities: Iterable[Quantity]) -> tuple[Ceiling, ...]:
    """The stated maxima among ``quantities`` of ``text`` that belong to a verb."""
    maxima = [
        q
        for q in quantities
        if q.hedge == "up to" and not q.reference and q.text.lower().startswith(MAXIMUM_PHRASES)
    ]
    if not maxima:
        return ()
    from crosscheck.nlp import default_parser

    doc = default_parser()(text)
    found = []
    for q in maxima:
        figure = next((t for t in doc if q.start <= t.idx < q.end and t.like_num), None)
        current = figure
        while current is not None and current.pos_ not in ("VERB", "AUX"):
            current = None if current.head.i == current.i else current.head
        if current is None:
            continue
        subjects = tuple(c.lemma_.lower() for c in current.children if c.dep_ in _SUBJECTS)
        found.append(Ceiling(q, current.lemma_.lower(), subjects))
    return tuple(found)


def ceiling_pair(
    left: tuple[Ceiling, ...], right: tuple[Ceiling, ...]
) -> tuple[Quantity, Quantity] | None:
    """The two maxima one verb has on each side, one on each, in the same unit and with
    subjects that may agree (the same word, or one side names none): "faces up to 20
    years" / "facing a maximum of 10 years". None when a verb has several maxima on a
    side (which would be which?)."""
    for a in left:
        same_left = [c for c in left if c.verb == a.verb]
        same_right = [c for c in right if c.verb == a.verb]
        if len(same_left) != 1 or len(same_right) != 1:
            continue
        (b,) = same_right
        if a.quantity.unit != b.quantity.unit or a.quantity.counted != b.quantity.counted:
            continue
        if a.subjects and b.subjects and not set(a.subjects) & set(b.subjects):
            continue
        return a.quantity, b.quantity
    return None
