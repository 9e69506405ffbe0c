"""Negation: one outlet says it happened, the other that it did not.

Both sentences are cut into clauses and each clause gets a polarity (see
``crosscheck.extract.polarity``): negative with one negator ("not", "no", "never",
"without", "yet to") or one negative verb ("rejected" = did not accept, "denied" =
did not confirm), positive with none. A negative clause and a positive clause clash
when they talk about the same thing: the negated part must share a word or synonym
group with the positive clause ("did not shake hands" / "exchanged handshakes";
"has not asked for foreign assistance" / "appealed for international aid"), and
the two clauses must share at least ``min_shared`` words or groups in all. Two
negative forms of one meaning agree ("had not agreed to" / "had rejected"), and a
side that denies the same thing elsewhere in its sentence is not counted as
asserting it. Double negatives ("did not deny") are left alone.

Passes (two ways of saying no)::

    left:  Russia had not agreed to an unconditional ceasefire.
    right: Moscow had rejected an unconditional ceasefire.

Fails (it happened / it did not)::

    left:  The two delegations did not shake hands.
    right: The heads of the two delegations exchanged handshakes.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from crosscheck.checks import Claim, Context, Finding, Param
from crosscheck.extract import gazetteer
from crosscheck.extract.names import Name, find_names, same_name
from crosscheck.extract.polarity import NEGATIVE, POSITIVE, Clause, clauses, concepts
from crosscheck.extract.quotes import antecedent
from crosscheck.extract.text import tokens

PARAMS: dict[str, Param] = {
    "min_shared": Param(
        int,
        2,
        "words or synonym groups a negative and a positive clause must share to be "
        "about the same thing (the denied part must share at least one)",
    ),
}

# Calibration of min_shared: every clash in the dev clusters shares 3 or more
# (delegations + two + handshake; request + foreign + help; stock + market + listing),
# while unrelated clauses of aligned sentences often share one (a name, "talks").

# Concept groups too common to tie two clauses together on their own.
_WEAK = frozenset({"say"})


def _denies(side: list[Clause], negative: Clause, min_shared: int) -> bool:
    """Whether ``side`` also has a negative clause denying what ``negative`` denies."""
    return any(
        clause.polarity == NEGATIVE and len((clause.scope & negative.scope) - _WEAK) >= min_shared
        for clause in side
    )


def _actor(claim: Claim, clause: Clause, targets: frozenset[str]) -> Name | None:
    """Who does what the clause (de)nies: the last name or "he"/"she" before the
    negation cue, or before the first word about ``targets`` in a positive clause.
    "it" and "they" give None: the check then assumes the actors may agree."""
    offset = max(claim.text.find(clause.text), 0)
    stop = len(clause.text)
    if clause.cue and clause.cue in clause.text:
        stop = clause.text.index(clause.cue)
    else:
        for token in tokens(clause.text):
            if concepts(token.text) & targets:
                stop = token.start
                break
    before = clause.text[:stop]
    actor: Name | None = None
    position = -1
    for name in find_names(before):
        if not name.possessive and name.start > position:
            actor, position = name, name.start
    for token in tokens(before):
        if token.start > position and token.low in ("he", "she", "it", "they"):
            actor, position = None, token.start
            if token.low in ("he", "she"):
                found = antecedent(claim.text[: offset + token.start], claim.context)
                actor = found
    return actor


def _same_actor(a: Name | None, b: Name | None, context: Context) -> bool:
    if a is None or b is None:
        return True  # nobody named on one side: nothing says the actors differ
    if same_name(a.text, b.text, context.aliases):
        return True
    return gazetteer.relation(a.text, b.text) in (
        gazetteer.SAME,
        gazetteer.INSIDE,
        gazetteer.CONTAINS,
    )


def _value(clause: Clause) -> str:
    text = clause.text
    if clause.cue and clause.cue in text:
        # Keep a word of lead-in ("did not", "had rejected") and what follows.
        head, _, tail = text.partition(clause.cue)
        lead = head.split()[-1:] if head.split() else []
        text = " ".join([*lead, clause.cue]) + tail
    return text.strip().rstrip(".!?;:")


def check(
    left: Claim, right: Claim, params: Mapping[str, Any], context: Context
) -> Iterator[Finding]:
    min_shared = int(params.get("min_shared", PARAMS["min_shared"].default))
    left_clauses, right_clauses = clauses(left.text), clauses(right.text)
    for a in left_clauses:
        for b in right_clauses:
            if {a.polarity, b.polarity} != {NEGATIVE, POSITIVE}:
                continue
            negative, positive = (a, b) if a.polarity == NEGATIVE else (b, a)
            positive_side = right_clauses if positive is b else left_clauses
            if not (negative.scope & positive.concepts) - _WEAK:
                continue
            if len((negative.concepts & positive.concepts) - _WEAK) < min_shared:
                continue
            if _denies(positive_side, negative, min_shared):
                continue
            negative_claim, positive_claim = (left, right) if negative is a else (right, left)
            shared = (negative.scope & positive.concepts) - _WEAK
            if not _same_actor(
                _actor(negative_claim, negative, shared),
                _actor(positive_claim, positive, shared),
                context,
            ):
                continue  # "Russia is yet to send" vs "he gave Russia a memorandum"
            yield Finding(left_value=_value(a), right_value=_value(b))
            return
