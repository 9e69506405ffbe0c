"""Negation: one outlet says it happened, the other that it did not.

Both sentences are cut into clauses and each clause gets a polarity (see
``crosscheck.extract.polarity``): negative with one negator ("not", "no", "never",
"yet to", "no longer") or one negative verb ("rejected" = did not accept, "denied" =
did not confirm), positive with none. A negative and a positive clause clash when
they talk about the same thing:

- the positive clause states the denied predicate itself, directly or through a
  synonym group ("did not shake hands" / "exchanged handshakes"; "has not asked
  for foreign assistance" / "appealed for international aid"; "had no plans for a
  listing" / "would work towards a flotation");
- the two clauses share at least ``min_shared`` further words or synonym groups,
  names and numbers aside (the coaches, the foreign help, the stock market);
- nothing says the actors differ: when both clauses name who acts, they must be one
  person, body or place ("the club is yet to send" vs "he gave the club a letter"
  is two actors, not a clash);
- the positive side does not deny the same thing elsewhere in its sentence.

When the clause comparison finds nothing, the parse is read: the same verb denied on
one side only (every use of it denied on that side, none on the other), a denied verb
that the other side states by a WordNet synonym or a kind of it ("is not acquiring" /
"buys"; a verb and its particle count as the one verb WordNet lists, "did not step
down" / "resigned"), or two WordNet opposites with the same subject ("acquitted" /
"convicted"; also a verb against a kind of its antonym, ``wordnet.opposite``:
"survived" / "died").
The parse readings are ``crosscheck.checks.negation_parse``.

Last, the parse's participants (``crosscheck.extract.events``): the doer and the one
it is done to swapped around one verb ("Brandt had beaten Lindqvist" / "Lindqvist had
beaten Brandt"; not for verbs of speaking, and only when both sides name both); a verb
denied on one side while the other side, with no negation anywhere, does something to
the same object ("did not win a semi-final place" / "secured a semi-final place"); a
negative verb against the verb it denies ("her spokeswoman denied" / "her agent
confirmed"; "lifted" / "extended" an order); two opposite verbs whose doers may be
one ("a climber who survived" / "a man has died"; not for contests, where one side's
win is the other's loss, nor when a side also states the other's verb of the same
doer); an adjective denied on one side only ("not guilty" / "a guilty verdict"). Two
different names as doers, or a name against a description, are two actors; one doer
written in the singular and the plural is one. A headline in capitals is parsed in
sentence case ("ROVERS REACH PLAYOFFS" / "the Rovers did not clinch a playoff spot").

Nothing clashes with what the other side only asks for, needs or wants ("refused to
release him" / "asked for him to be released"; "could no longer export" / "would need a
permit to export"), nor "never" with "the first time"; a denial that only a condition
would bring about says nothing of what happened ("would not have released him if he
had not paid" / "released him").

A German, French or Spanish sentence (``Source.language``) is cut by
``crosscheck.lang.polarity.clauses`` (the language's negators and word endings) and
compared clause by clause as above, without actors or the parse: "das Trinkwasser sei
nicht belastet" / "das Trinkwasser ist belastet" clash.

Two negative forms of one meaning agree ("had not agreed to" / "had rejected"), and
double negatives ("did not deny") are left alone.

Passes (two ways of saying no)::

    left:  The union had not agreed to the pay offer.
    right: The union had rejected the pay offer.

Fails (it happened / it did not)::

    left:  The two coaches did not shake hands.
    right: The two coaches exchanged handshakes after the match.

Fails (winner and loser swapped)::

    left:  Brandt had also beaten him in the semi-final in March.
    right: Lindqvist, who had beaten Brandt in the March semi-final, was the favourite.

Passes (a request is no statement that it happened)::

    left:  The court refused to release him on bail.
    right: His lawyers asked for him to be released on bail.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from crosscheck.checks import Claim, Context, Finding, Param
from crosscheck.checks.negation_parse import FIRST_TIME, parsed
from crosscheck.extract import gazetteer
from crosscheck.extract.events import asserted_at, hypothetical_at
from crosscheck.extract.names import Name, find_names, key_tokens, same_name
from crosscheck.extract.polarity import (
    NEGATIVE,
    POSITIVE,
    Clause,
    clauses,
    concepts,
)
from crosscheck.extract.quotes import antecedent
from crosscheck.extract.text import stem, tokens
from crosscheck.lang.polarity import LANGUAGES as READERS

# Languages this check reads: English with crosscheck/extract, German, French and
# Spanish with crosscheck.lang (the coverage names the checks that lack a reader).
LANGUAGES = ("en", *READERS)

PARAMS: dict[str, Param] = {
    "min_shared": Param(
        int,
        1,
        "words or synonym groups, besides the denied predicate, names and numbers, that "
        "a negative and a positive clause must share to be about the same thing",
    ),
}

# Calibration of min_shared: every clash in the dev clusters shares at least one more
# word than its predicate (the people who meet; foreign + help; stock + market), while
# a misaligned pair in the same story typically shares only the predicate and names
# ("the union had rejected the offer" / "the union had agreed to keep talking").

# Groups too common to tie two clauses together on their own.
_WEAK = frozenset({"say"})
_NUMBER_WORDS = frozenset(
    stem(word)
    for word in """one two three four five six seven eight nine ten eleven twelve dozen
    hundred hundreds thousand thousands million millions billion billions half""".split()
)


def _topical(claim: Claim, clause: Clause, concept_set: frozenset[str]) -> set[str]:
    """Concepts that say what a clause is about: not names, numbers or weak groups."""
    names = {stem(word) for name in find_names(claim.text) for word in key_tokens(name.text)}
    return {
        concept
        for concept in concept_set
        if concept not in names
        and concept not in _WEAK
        and concept not in _NUMBER_WORDS
        and not re.search(r"\d", concept)
    }


def _denies(side: list[Clause], negative: Clause) -> bool:
    """Whether ``side`` also has a negative clause denying the same predicate."""
    return any(
        clause.polarity == NEGATIVE and clause.predicate == negative.predicate for clause in side
    )


def _actor(claim: Claim, clause: Clause, target: str) -> Name | None:
    """Who does what the clause (de)nies: the last name or "he"/"she" before the
    negation cue, or before the first word about ``target`` in a positive clause.
    "it" and "they" give None: the check then assumes the actors may agree."""
    offset = max(claim.text.find(clause.text), 0)
    stop = len(clause.text)
    if clause.cue and clause.cue in clause.text:
        stop = clause.text.index(clause.cue)
    else:
        for token in tokens(clause.text):
            if target in concepts(token.text):
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
                actor = antecedent(claim.text[: offset + token.start], claim.context)
    return actor


def _same_actor(a: Name | None, b: Name | None, context: Context) -> bool:
    if a is None or b is None:
        return True  # nobody named on one side: nothing says the actors differ
    if same_name(a.text, b.text, context.aliases):
        return True
    related = (gazetteer.SAME, gazetteer.INSIDE, gazetteer.CONTAINS)
    return gazetteer.relation(a.text, b.text) in related


def _value(clause: Clause) -> str:
    text = clause.text
    if clause.cue and clause.cue in text:
        # Keep a word of lead-in ("did not", "had rejected") and what follows.
        head, _, tail = text.partition(clause.cue)
        lead = head.split()[-1:] if head.split() else []
        text = " ".join([*lead, clause.cue]) + tail
    return text.strip().rstrip(".!?;:")


def _clause_language(claim: Claim) -> str | None:
    """The claim's language when crosscheck.lang.polarity reads it, else None."""
    language = claim.source.language
    return language if language in READERS else None


def _language_topical(language: str, clause: Clause) -> set[str]:
    """``_topical`` for a clause in a language crosscheck.lang reads: its concepts less
    figures and number words. Names are not told apart here (German writes every noun
    with a capital), and no actor is read: nothing says the actors differ."""
    from crosscheck.lang import read_numbers

    return {
        concept
        for concept in clause.concepts
        if not re.search(r"\d", concept) and not read_numbers(concept, language)
    }


def check(
    left: Claim, right: Claim, params: Mapping[str, Any], context: Context
) -> Iterator[Finding]:
    min_shared = int(params.get("min_shared", PARAMS["min_shared"].default))
    languages = (_clause_language(left), _clause_language(right))
    if any(languages):
        # German, French, Spanish: crosscheck.lang's clauses (the language's negators
        # and word endings); the parse below reads English only.
        yield from _language_clash(left, right, languages, min_shared)
        return
    left_clauses, right_clauses = clauses(left.text), clauses(right.text)
    for a in left_clauses:
        for b in right_clauses:
            if {a.polarity, b.polarity} != {NEGATIVE, POSITIVE}:
                continue
            negative, positive = (a, b) if a.polarity == NEGATIVE else (b, a)
            negative_claim, positive_claim = (left, right) if negative is a else (right, left)
            positive_side = right_clauses if positive is b else left_clauses
            if not negative.predicate or negative.predicate not in positive.concepts:
                continue  # the other side does not say the denied thing happened
            shared = _topical(negative_claim, negative, negative.concepts) & _topical(
                positive_claim, positive, positive.concepts
            )
            if len(shared - {negative.predicate}) < min_shared:
                continue
            if _denies(positive_side, negative):
                continue
            if _first_time(negative, positive_claim.text):
                continue  # "had never won ... before" / "the first time he had won"
            if not _stated(positive_claim.text, positive, negative.predicate):
                continue  # "asked for him to be released" says nobody released him yet
            if _hypothetical(negative_claim.text, negative, negative.predicate):
                continue  # "would not have released him if ...": a world that is not
            if not _same_actor(
                _actor(negative_claim, negative, negative.predicate),
                _actor(positive_claim, positive, negative.predicate),
                context,
            ):
                continue  # "the club is yet to send" vs "he gave the club a letter"
            yield Finding(left_value=_value(a), right_value=_value(b))
            return
    yield from parsed(left, right)


def _language_clash(
    left: Claim,
    right: Claim,
    languages: tuple[str | None, str | None],
    min_shared: int,
) -> Iterator[Finding]:
    """The clause comparison of ``check`` for sentences crosscheck.lang reads."""
    from crosscheck.lang.polarity import clauses as language_clauses

    def read(claim: Claim, language: str | None) -> list[Clause]:
        return language_clauses(claim.text, language) if language else clauses(claim.text)

    def topical(language: str | None, claim: Claim, clause: Clause) -> set[str]:
        if language is None:
            return _topical(claim, clause, clause.concepts)
        return _language_topical(language, clause)

    left_clauses, right_clauses = read(left, languages[0]), read(right, languages[1])
    for a in left_clauses:
        for b in right_clauses:
            if {a.polarity, b.polarity} != {NEGATIVE, POSITIVE}:
                continue
            negative, positive = (a, b) if a.polarity == NEGATIVE else (b, a)
            negative_side, positive_side = (
                ((left, languages[0]), (right, languages[1]))
                if negative is a
                else ((right, languages[1]), (left, languages[0]))
            )
            if not negative.predicate or negative.predicate not in positive.concepts:
                continue  # the other side does not say the denied thing happened
            shared = topical(negative_side[1], negative_side[0], negative) & topical(
                positive_side[1], positive_side[0], positive
            )
            if len(shared - {negative.predicate}) < min_shared:
                continue
            if _denies(right_clauses if positive is b else left_clauses, negative):
                continue
            yield Finding(left_value=_value(a), right_value=_value(b))
            return


def _first_time(negative: Clause, positive_text: str) -> bool:
    """ "had never won a title away from home" and "it was the first time she
    had won abroad" state one fact: never before, and now."""
    return negative.cue.lower() == "never" and bool(FIRST_TIME.search(positive_text))


def _saying(text: str, clause: Clause, concept: str) -> list[tuple[int, int]]:
    """Where in ``text`` the words of ``clause`` that say ``concept`` are."""
    offset = max(text.find(clause.text), 0)
    return [
        (offset + token.start, offset + token.end)
        for token in tokens(clause.text)
        if token.is_word and concept in concepts(token.text)
    ]


def _hypothetical(text: str, clause: Clause, concept: str) -> bool:
    """Whether every word of ``clause`` that says ``concept`` is what a condition would
    bring about ("would not have released him if he had paid")."""
    places = _saying(text, clause, concept)
    return bool(places) and all(hypothetical_at(text, start, end) for start, end in places)


def _stated(text: str, clause: Clause, concept: str) -> bool:
    """Whether ``clause`` of ``text`` asserts ``concept``: some word of it that says
    ``concept`` is not only asked for, needed or wanted ("asked for the suspect to
    be released", "would need a permit to export")."""
    places = _saying(text, clause, concept)
    return not places or any(asserted_at(text, start, end) for start, end in places)
