"""Who did what to whom, and whether the sentence says it happened, from the parse.

Each verb (and each adjective that is a predicate: "found not guilty") becomes an
``Event``: its lemma, whether it is negated, whether the sentence asserts it (not when it
is only asked for, needed, wanted or supposed: "asked for him to be released", "would
need a permit to export"), who does it (``agents``: the active subject, or the "by" of a
passive) and to whom (``patients``: the object, or the subject of a passive), and the
nouns its objects are about (``objects``: heads of its object, prepositional objects and
passive subject, with their compounds and "of" nouns: "a semi-final place" -> semi-final, place).

>>> [(e.lemma, e.agents, e.patients) for e in events("Brandt had beaten Lindqvist in the final.")]
[('beat', ('brandt',), ('lindqvist',))]
>>> [(e.lemma, e.asserted) for e in events("The defence asked for him to be released.")]
[('ask', True), ('release', False)]
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token

# Verbs whose complement is wanted, not done: what they govern is not asserted. General
# English (requests, needs, wishes, attempts and conditions), not words of a story.
REQUESTS = frozenset(
    """ask call urge demand seek want need require hope wish plan try attempt request
    propose push press appeal plead aim intend expect seek lobby petition""".split()
)
# Subordinators that make a clause a condition or a question: "if it ships", "whether".
_CONDITIONS = frozenset({"if", "unless", "whether"})
_NEGATORS = frozenset({"not", "n't", "never", "no", "neither", "nor"})
_OBJECTS = frozenset({"dobj", "obj", "attr", "oprd", "nsubjpass", "dative"})
# Prepositions that say when, not to what: "detained ... before the derby".
_WHEN = frozenset({"before", "after", "during", "since", "until", "till", "ahead"})
# Levels of "of"/"in" phrases read below an object: "a loss of $3m in ticket sales".
_NESTED = 2


@dataclass(frozen=True, slots=True)
class Event:
    """One predicate of a sentence with its participants (lower-cased lemmas)."""

    lemma: str
    pos: str  # VERB or ADJ
    negated: bool
    asserted: bool
    agents: tuple[str, ...]
    patients: tuple[str, ...]
    objects: frozenset[str]
    start: int
    end: int
    phrase: str
    # The words from the first to the last of the predicate and its participants' heads:
    # "Brandt had also beaten him" (what a message quotes).
    clause: tuple[int, int] = (0, 0)
    # Participants that are names in the parse (proper nouns): "brandt", "unicef".
    names: frozenset[str] = frozenset()


def _negated(token: Token) -> bool:
    if any(c.dep_ == "neg" or c.lower_ in _NEGATORS for c in token.children):
        return True
    return any(
        c.dep_ in ("aux", "auxpass") and any(g.dep_ == "neg" for g in c.children)
        for c in token.children
    )


def _asserted(token: Token) -> bool:
    """False when a request, need or condition governs ``token``: "asked for him to be
    released", "would need a permit to export", "if it ships". Sibling clauses joined by
    "and" (``conj``) are not governed by one another."""
    if _conditional_main(token):
        return False
    current = token
    while current.head.i != current.i:
        if current.dep_ == "conj":
            return True
        if any(c.dep_ == "mark" and c.lower_ in _CONDITIONS for c in current.children):
            return False
        current = current.head
        if current.lemma_.lower() in REQUESTS:
            return False
    return True


# Auxiliaries of a hypothetical: "would not have signed if ...", "could sign if ...".
_HYPOTHETICAL = frozenset({"would", "could", "might", "'d"})


def _conditional_main(token: Token) -> bool:
    """Whether ``token`` is what a condition would bring about: "would not have placed
    him on the list if they were still in contention" says what did not happen in a
    world that is not this one, not that it did not happen."""
    hypothetical = any(
        c.dep_ in ("aux", "auxpass") and c.lower_ in _HYPOTHETICAL for c in token.children
    )
    return hypothetical and any(
        c.dep_ == "advcl" and any(g.dep_ == "mark" and g.lower_ in _CONDITIONS for g in c.children)
        for c in token.children
    )


def _who(token: Token) -> str:
    """The lemma a participant stands for: the head of a relative clause for "who"."""
    if token.lower_ in ("who", "that", "which") and token.head.dep_ == "relcl":
        return token.head.head.lemma_.lower()
    return token.lemma_.lower()


def _nouns(token: Token, depth: int = 0) -> set[str]:
    """The noun ``token`` heads, its compounds and its "of"/"in" nouns."""
    found = set()
    if token.pos_ in ("NOUN", "PROPN", "NUM", "ADJ"):
        if token.pos_ == "NOUN" and token.is_alpha:
            found.add(token.lemma_.lower())
        for child in token.children:
            if child.dep_ in ("compound", "amod") and child.pos_ == "NOUN" and child.is_alpha:
                found.add(child.lemma_.lower())
            if child.dep_ == "prep" and depth < _NESTED:
                for grand in child.children:
                    if grand.dep_ == "pobj":
                        found |= _nouns(grand, depth + 1)
    return found


def _event(token: Token) -> Event:
    agents: list[str] = []
    patients: list[str] = []
    objects: set[str] = set()
    ends = [token.i]
    names: set[str] = set()
    for child in token.children:
        if child.dep_ in ("nsubj", "csubj", "nsubjpass", "dobj", "obj", "dative", "agent"):
            ends.append(child.i)
            who = child if child.dep_ != "agent" else next(iter(child.children), child)
            if who.pos_ == "PROPN" or who.ent_type_ in ("PERSON", "ORG", "GPE", "NORP"):
                names.add(_who(who))
        if child.dep_ in ("nsubj", "csubj"):
            agents.append(_who(child))
        elif child.dep_ == "nsubjpass":
            patients.append(_who(child))
        elif child.dep_ == "agent":
            agents += [_who(g) for g in child.children if g.dep_ == "pobj"]
        elif child.dep_ in ("dobj", "obj", "dative"):
            patients.append(_who(child))
        if child.dep_ in _OBJECTS:
            objects |= _nouns(child)
        elif child.dep_ == "prep" and child.lower_ not in _WHEN:
            for grand in child.children:
                if grand.dep_ == "pobj" and grand.ent_type_ not in ("DATE", "TIME"):
                    objects |= _nouns(grand)
    lead = [c.i for c in token.children if c.i < token.i and c.dep_ in ("neg", "aux", "auxpass")]
    doc = token.doc
    span = doc[min([token.i, *lead]) : token.i + 1]
    return Event(
        lemma=token.lemma_.lower(),
        pos="VERB" if token.pos_ in ("VERB", "AUX") else "ADJ",
        negated=_negated(token),
        asserted=_asserted(token),
        agents=tuple(agents),
        patients=tuple(patients),
        objects=frozenset(objects),
        start=span.start_char,
        end=span.end_char,
        phrase=span.text,
        clause=(doc[min(ends)].idx, doc[max(ends)].idx + len(doc[max(ends)].text)),
        names=frozenset(names),
    )


def _predicate(token: Token) -> bool:
    if token.pos_ == "VERB":
        return True
    return token.pos_ == "ADJ" and token.dep_ in ("acomp", "oprd", "ROOT", "conj", "xcomp")


@lru_cache(maxsize=20_000)
def events(text: str) -> tuple[Event, ...]:
    """The predicates of ``text`` in reading order (parsed once per process)."""
    from crosscheck.nlp import default_parser

    doc = default_parser()(text)
    return tuple(_event(token) for token in doc if _predicate(token))


def hypothetical_at(text: str, start: int, end: int) -> bool:
    """Whether the predicate written at ``start``..``end`` of ``text`` is what a
    condition would bring about ("would not have signed if ..."); False when no
    predicate is there."""
    from crosscheck.nlp import default_parser

    for token in default_parser()(text):
        if token.idx < end and start < token.idx + len(token.text) and _predicate(token):
            return _conditional_main(token)
    return False


def asserted_at(text: str, start: int, end: int) -> bool:
    """Whether the predicate written at ``start``..``end`` of ``text`` is asserted; True
    when no predicate is there (nothing says otherwise)."""
    from crosscheck.nlp import default_parser

    doc = default_parser()(text)
    for token in doc:
        if token.idx < end and start < token.idx + len(token.text) and _predicate(token):
            return _asserted(token)
    return True
