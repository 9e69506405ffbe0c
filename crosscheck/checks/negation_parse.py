"""Negation read from the parse: predicates and their participants.

The second half of the negation check (``crosscheck.checks.negation`` compares clauses
word by word first and calls ``parsed`` when they find nothing): the same verb denied on
one side only, a denied verb the other side states in other words (a WordNet synonym or
kind of it), two WordNet antonyms with the same subject, and, from the parse's
participants (``crosscheck.extract.events``), a doer and the one it is done to swapped,
a denied verb against the other side's verb on the same object, a negative verb against
the verb it denies, two opposite verbs of doers that may be one, and an adjective
denied on one side only.

>>> from crosscheck.checks.negation_parse import parsed  # doctest: +SKIP
>>> [f.right_value for f in parsed(claim("The driver was arrested."),
...                                claim("The driver was not arrested."))]  # doctest: +SKIP
['was not arrested']
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from crosscheck.checks import Claim, Finding
from crosscheck.extract import wordnet
from crosscheck.extract.events import Event, asserted_at, events, hypothetical_at
from crosscheck.extract.mentions import Predicate, analyse
from crosscheck.extract.polarity import POSITIVE, clauses, concepts, negative_verbs
from crosscheck.extract.recase import caps_case
from crosscheck.extract.text import stem

# "for the first time", "a first-ever": what had never happened before now has.
FIRST_TIME = re.compile(r"\bfirst(?:[- ]ever)?\s+time\b|\bfirst[- ]ever\b", re.IGNORECASE)


def _never_and_first(negative: str, positive: str) -> bool:
    """ "had never won abroad" / "the first time she had won away from home"."""
    return bool(re.search(r"\bnever\b", negative, re.IGNORECASE)) and bool(
        FIRST_TIME.search(positive)
    )


# Predicates too light or too general to carry a fact on their own.
_LIGHT_PREDICATES = frozenset({"be", "have", "do", "say", "make", "get", "go", "come", "take"})


def parsed(left: Claim, right: Claim) -> Iterator[Finding]:
    """Polarity from the parse: the same predicate negated on one side only ("was not
    arrested" / "was arrested", "not guilty" / "guilty"), the negated predicate stated
    on the other side as another part of speech ("have not fallen" / "two climbers
    killed in falls"), or two antonyms from WordNet ("acquitted" / "convicted",
    "won" / "lost") with the same subject and the same polarity."""
    if _never_and_first(left.text, right.text) or _never_and_first(right.text, left.text):
        return
    la, ra = analyse(left.text), analyse(right.text)
    polarities_left: dict[str, set[bool]] = {}
    polarities_right: dict[str, set[bool]] = {}
    for p in la.predicates:
        polarities_left.setdefault(p.lemma, set()).add(p.negated)
    for p in ra.predicates:
        polarities_right.setdefault(p.lemma, set()).add(p.negated)
    for a in la.predicates:
        if a.lemma in _LIGHT_PREDICATES:
            continue
        for b in ra.predicates:
            if a.lemma == b.lemma:
                # Only when every use on one side is negated and none on the other:
                # "we were not progressing the way we wanted to progress" on both sides
                # is no clash.
                if (
                    a.negated != b.negated
                    and not polarities_left[a.lemma] & polarities_right[b.lemma]
                    and _asserts(left.text, a)
                    and _asserts(right.text, b)
                ):
                    yield _finding(a, b)
                    return
            elif (
                a.negated == b.negated
                and a.subjects
                and b.subjects
                and set(a.subjects) & set(b.subjects)
                and a.lemma not in polarities_right
                and a.lemma not in ra.lemmas
                and b.lemma not in polarities_left
                and b.lemma not in la.lemmas
                and _opposite(a, b)
            ):
                yield _finding(a, b)
                return
    # A negated predicate the other side states positively in other words: a synonym or
    # a direct kind of it in WordNet ("is not acquiring" / "buys"), or the same word as
    # another part of speech ("have not fallen" / "killed in falls").
    for negative, other, flip in ((la, ra, False), (ra, la, True)):
        if any(q.negated for q in other.predicates):
            continue  # the other side denies something too: leave it to the cases above
        for p in negative.predicates:
            if not p.negated or p.lemma in _LIGHT_PREDICATES or p.pos != "VERB":
                continue
            anchor = next(
                (
                    q
                    for q in other.predicates
                    if q.pos == "VERB"
                    and q.lemma not in _LIGHT_PREDICATES
                    and q.lemma != p.lemma
                    and any(wordnet.related(x, y, "v") for x in p.verbs for y in q.verbs)
                ),
                None,
            )
            if anchor is None and p.lemma in other.lemmas:
                anchor = next(
                    (q for q in other.predicates if q.lemma not in _LIGHT_PREDICATES), None
                )
            if anchor is None or not _asserts(other.text, anchor):
                continue
            if hypothetical_at(negative.text, p.end - len(p.text), p.end):
                continue  # "would not have acquired it if ...": a world that is not
            yield _finding(p, anchor) if flip else _finding(anchor, p)
            return
    yield from _by_events(left, right)


def _asserts(text: str, predicate: Predicate) -> bool:
    """Whether the sentence asserts the predicate (not "asked for it to be released")."""
    return asserted_at(text, predicate.end - len(predicate.text), predicate.end)


_PRONOUNS = frozenset(
    """he she it they who that which him her them we i you himself herself itself
    themselves myself ourselves yourself""".split()
)


def _agents_agree(a: Event, b: Event) -> bool:
    """``_participants_agree`` for the doers of two events, names told apart."""
    named = (a.names & set(a.agents)) or (b.names & set(b.agents))
    if named and a.agents and b.agents and not _share_a_stem(a.agents, b.agents):
        # A name against another name or a description ("Brandt has signed" /
        # "the regulators have not signed off"): nothing shows one actor, unless a pronoun.
        return bool(set(a.agents) & _PRONOUNS or set(b.agents) & _PRONOUNS)
    return _participants_agree(a.agents, b.agents)


def _participants_agree(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Nothing says two sets of participants differ: one side names none or a pronoun,
    they share a word, or one side only describes who acts (a common noun in WordNet)."""
    if not a or not b or set(a) & _PRONOUNS or set(b) & _PRONOUNS or _share_a_stem(a, b):
        return True
    return any(_may_corefer(x, y) for x in a for y in b)


def _share_a_stem(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Whether two sets of participants share a word, compared by stem: a recased
    headline's "Rovers" is lemmatised "rover", the sentence's stays "rovers"."""
    return bool({stem(x) for x in a} & {stem(x) for x in b})


def _may_corefer(a: str, b: str) -> bool:
    """Two different words for who acts that may name one actor: WordNet synonyms or
    kinds of one another, two words for people ("her agent" / "her spokeswoman"), or two
    words for things ("the plan" / "the proposal"). A name (no WordNet entry)
    meets only itself; a person never meets a thing ("prosecutors" / "the facility")."""
    files_a = set(wordnet.lexnames(a, "n", wordnet.SENSES_READ))
    files_b = set(wordnet.lexnames(b, "n", wordnet.SENSES_READ))
    if not files_a or not files_b:
        return False
    if wordnet.related(a, b, "n") or files_a & files_b:
        return True
    return "noun.person" not in files_a | files_b


def _no_negation(found: tuple[Event, ...], text: str) -> bool:
    return not any(e.negated for e in found) and not any(
        c.polarity != POSITIVE for c in clauses(text)
    )


def _by_events(left: Claim, right: Claim) -> Iterator[Finding]:
    """The parse's participants: the winner and the loser swapped around one verb ("A
    had beaten B" / "B had beaten A"); a verb denied on one side while the other side
    does something else to the same object without any negation ("does not yet include
    $3m of ticket sales" / "already covers a loss of $3m in ticket sales"; "did not win a
    semi-final place" / "secured a semi-final place"); a negative verb against the verb
    it denies ("her spokeswoman denied" / "her agent confirmed"); two opposite verbs of
    doers that may be one ("a hiker who survived" / "a walker has died"); an adjective
    denied on one side only ("not guilty" / "a guilty verdict")."""
    la = events(caps_case(left.text, right.text))
    ra = events(caps_case(right.text, left.text))
    swap = _swapped(la, ra)
    if swap is not None:
        a, b = swap
        yield _event_finding(left.text, right.text, a, b)
        return
    for negative, other, n_text, o_text, flip in (
        (la, ra, left.text, right.text, False),
        (ra, la, right.text, left.text, True),
    ):
        if not _no_negation(other, o_text):
            continue
        for p in negative:
            if not p.negated or not p.asserted or p.lemma in _LIGHT_PREDICATES:
                continue
            anchor = next(
                (
                    q
                    for q in other
                    if q.asserted
                    and q.pos == "VERB"
                    and q.lemma not in _LIGHT_PREDICATES
                    and p.pos == "VERB"
                    and p.objects & q.objects
                    and _agents_agree(p, q)
                ),
                None,
            )
            if anchor is None and p.pos == "ADJ" and p.lemma in analyse(o_text).lemmas:
                anchor = next((q for q in other if q.asserted), None)
            if anchor is None:
                continue
            yield (
                _event_finding(o_text, n_text, anchor, p)
                if flip
                else _event_finding(n_text, o_text, p, anchor)
            )
            return
    if not any(e.negated for e in la + ra):
        # A negative verb makes its clause negative: only negators are ruled out here.
        for a in la:
            for b in ra:
                if (
                    a.asserted
                    and b.asserted
                    and _agents_agree(a, b)
                    and (
                        _denied_by(a.lemma, b.lemma)
                        or _denied_by(b.lemma, a.lemma)
                        or _contrary(a, b, la, ra)
                    )
                ):
                    yield _event_finding(left.text, right.text, a, b)
                    return


def _contrary(a: Event, b: Event, la: tuple[Event, ...], ra: tuple[Event, ...]) -> bool:
    """Two opposite verbs in WordNet (``wordnet.opposite``: "survived" / "has died",
    "acquitted" / "convicted") done by doers that may be one ("a climber" / "a man";
    the caller checks them), each side naming its doer. Not for contests, where one
    side's win is the other's loss ("the hosts won" / "the visitors lost"), and not when
    a side also states the other's verb of the same doer ("he survived; his brother
    died" / "his brother died": both say the brother died)."""
    if a.pos != "VERB" or b.pos != "VERB" or not a.agents or not b.agents:
        return False
    if {a.lemma, b.lemma} & _LIGHT_PREDICATES or a.lemma == b.lemma:
        return False
    if any(_CONTEST in wordnet.lexnames(lemma, "v", 1) for lemma in (a.lemma, b.lemma)):
        return False
    if not wordnet.opposite(a.lemma, b.lemma, "v"):
        return False
    both = any(q.lemma == a.lemma and set(q.agents) & set(a.agents) for q in ra) or any(
        q.lemma == b.lemma and set(q.agents) & set(b.agents) for q in la
    )
    return not both


# WordNet's lexicographer file of verbs of contests (win, lose, beat, defeat).
_CONTEST = "verb.competition"


def _denied_by(negative: str, positive: str) -> bool:
    """Whether the negative verb ``negative`` denies ``positive``: "deny" / "confirm",
    "reject" / "accept", "lift" / "extend" (polarity.yaml's negative verbs and the
    concept groups of what they deny)."""
    table = negative_verbs()
    denied = table.get((stem(negative),))
    if denied is None or (stem(positive),) in table:
        return False  # "dismissed" on both sides, or two negative verbs, deny nothing
    return denied in concepts(positive)


def _swapped(la: tuple[Event, ...], ra: tuple[Event, ...]) -> tuple[Event, Event] | None:
    """One verb with its doer on one side as its object on the other and no doer in
    common: "Brandt had also beaten him" / "Lindqvist, who had beaten Brandt"."""
    for a in la:
        if a.lemma in _LIGHT_PREDICATES or a.negated or not a.asserted:
            continue
        if "verb.communication" in wordnet.lexnames(a.lemma, "v", 1):
            continue  # people tell and ask one another: "the judge told them" / "telling the judge"
        for b in ra:
            if b.lemma != a.lemma or b.negated or not b.asserted:
                continue
            if not (a.agents and a.patients and b.agents and b.patients):
                continue  # a headline's "Striker arrested" names no doer: no swap to see
            crossed = (set(a.agents) & set(b.patients)) | (set(a.patients) & set(b.agents))
            if crossed - _PRONOUNS and not set(a.agents) & set(b.agents):
                return a, b
    return None


def _event_finding(left: str, right: str, a: Event, b: Event) -> Finding:
    return Finding(
        left_value=left[a.clause[0] : a.clause[1]],
        right_value=right[b.clause[0] : b.clause[1]],
        left_at=a.clause,
        right_at=b.clause,
    )


def _opposite(a: Predicate, b: Predicate) -> bool:
    pos = "v" if a.pos == "VERB" else "a"
    if a.pos != b.pos:
        return False
    return (
        b.lemma in wordnet.antonyms(a.lemma, pos)
        or a.lemma in wordnet.antonyms(b.lemma, pos)
        or wordnet.opposite(a.lemma, b.lemma, pos)
    )


def _finding(a: Predicate, b: Predicate) -> Finding:
    return Finding(
        left_value=a.phrase,
        right_value=b.phrase,
        left_at=(a.start, a.end),
        right_at=(b.start, b.end),
    )
