"""The records a parse is read into, and where a word sits in it.

``Mention``, ``Predicate``, ``Count`` and ``Analysis`` are what ``crosscheck.extract.mentions``
returns; ``governor`` gives the *slot* of a phrase: its dependency role (``subj``, ``obj``,
``agent``, ``prep:in``, ``poss``, ``mod``, ``appos``) and the word it attaches to.

>>> Mention("person", "PERSON", "Ilse Varn", 0, 9, "subj", "resign", "VERB").role
'subj'
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

PERSON, ORG, PLACE, OTHER = "person", "org", "place", "other"
# spaCy's OntoNotes labels -> mention kinds. NORP (nationalities, groups) names no
# one place or organisation; it is kept as "other" so that "the Norwegian climber"
# can still account for "Norway" on the other side.
KINDS = {
    "PERSON": PERSON,
    "ORG": ORG,
    "GPE": PLACE,
    "LOC": PLACE,
    "FAC": PLACE,
    "NORP": OTHER,
}
SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj", "expl"})
OBJECTS = frozenset({"dobj", "obj", "iobj", "attr", "oprd", "dative"})


@dataclass(frozen=True, slots=True)
class Mention:
    """A named mention: ``text == sentence[start:end]``."""

    kind: str  # person | org | place | other
    label: str  # the parser's entity label (PERSON, GPE, ...)
    text: str
    start: int
    end: int
    role: str  # subj | obj | agent | prep:<word> | poss | mod | appos | other
    head: str  # lemma of the word the mention depends on ("" for the sentence root)
    head_pos: str  # its part of speech (VERB, NOUN, ...)
    titles: tuple[str, ...] = ()  # lower-cased title words right before a person
    # "former", "incoming"...: the titles name a past or future office ("" if current).
    titles_when: str = ""
    # The noun the name itself modifies, if any: "climber" in "a Porthaven climber".
    noun: str = ""
    # The lower-cased words right before and after the name ("the" and "a" skipped):
    # "16-year-old" in "a 16-year-old Ilse Varn", "over" in "win over Harbour FC".
    before: str = ""
    after: str = ""
    # The subject of a passive verb ("Vexlo was acquired"): who the verb happens to.
    passive: bool = False
    # The verb ``head`` with its particle, where WordNet lists the two as one verb
    # ("gun_down" for "gunned down"); "" otherwise.
    head_phrasal: str = ""


@dataclass(frozen=True, slots=True)
class Predicate:
    """A verb or predicative adjective, with its polarity from the parse."""

    lemma: str
    text: str
    start: int
    end: int
    negated: bool
    subjects: tuple[str, ...]  # lower-cased lemmas of its subjects' heads
    pos: str = "VERB"  # VERB or ADJ
    # The words from its negation or first auxiliary to the predicate ("was not arrested")
    phrase: str = ""
    # The verb with its particle, where WordNet lists the two as one verb ("step_down"
    # for "stepped down"); "" otherwise. ``lemma`` stays the bare verb ("step"): the
    # parser also takes a preposition for a particle ("struck off the coast").
    phrasal: str = ""

    @property
    def verbs(self) -> tuple[str, ...]:
        """The lemma, and the phrasal verb if there is one."""
        return (self.lemma, self.phrasal) if self.phrasal else (self.lemma,)


@dataclass(frozen=True, slots=True)
class Count:
    """A figure and what it counts: "five guards" -> 5.0, "guard"; "$5.4 billion" ->
    5.4e9, "$". ``hedged`` when "about", "more than", "at least"... qualifies it."""

    value: float
    counted: str  # lemma of the noun counted, or the currency / unit
    text: str
    start: int
    end: int
    hedged: bool = False


@dataclass(frozen=True, slots=True)
class Analysis:
    text: str
    names: tuple[Mention, ...]
    predicates: tuple[Predicate, ...]
    lemmas: frozenset[str]  # lower-cased lemmas of every content word
    counts: tuple[Count, ...] = ()
    # Runs of proper nouns the entity tagger left unlabelled ("Vexlo", kind OTHER,
    # label PROPN): the single surnames and team names it misses most.
    proper: tuple[Mention, ...] = ()


def passive_subject(token: Token) -> bool:
    """Whether the phrase headed by ``token`` is the subject of a passive verb."""
    while token.dep_ in ("compound", "flat", "conj") and token.head is not token:
        token = token.head
    return token.dep_ in ("nsubjpass", "csubjpass")


def governor(token: Token) -> tuple[str, Token]:
    """The role of the phrase headed by ``token`` and the word that phrase attaches to."""
    dep = token.dep_
    if dep in ("compound", "flat") and token.head is not token:
        return governor(token.head)
    if dep == "pobj" and token.head.dep_ in ("prep", "agent"):
        prep = token.head
        role = "agent" if prep.dep_ == "agent" else f"prep:{prep.lower_}"
        return role, prep.head
    if dep in SUBJECTS:
        return "subj", token.head
    if dep in OBJECTS:
        return "obj", token.head
    if dep == "poss":
        return "poss", token.head
    if dep == "appos":
        return "appos", token.head
    if dep in ("amod", "nmod", "npadvmod"):
        return "mod", token.head
    if dep == "conj":
        return governor(token.head)
    return "other", token.head


def modified_noun(root: Token) -> str:
    """The noun a name modifies, through a chain of modifiers: "a Porthaven mountain climber"
    -> "climber"."""
    if root.dep_ not in ("compound", "amod", "nmod", "poss"):
        return ""
    head = root.head
    while head.dep_ == "compound" and head.head is not head and head.head.pos_ in ("NOUN", "PROPN"):
        head = head.head
    return head.lemma_.lower() if head.pos_ in ("NOUN", "PROPN") else ""


_ARTICLES = frozenset({"the", "a", "an"})


def word_before(doc: Doc, start: int) -> str:
    """The word before a name, a hyphenated compound whole ("16-year-old")."""
    i = start - 1
    while i >= 0 and doc[i].lower_ in _ARTICLES:
        i -= 1
    if i < 0:
        return ""
    first = i
    while first >= 2 and doc[first - 1].text == "-" and not doc[first - 2].whitespace_:
        first -= 2
    return doc[first : i + 1].text.lower()


def word_after(doc: Doc, end: int) -> str:
    return doc[end].lower_ if end < len(doc) else ""


# A sentence with at least this share of its words capitalised is a headline ("Harbour
# FC Hire Coach As Season Opens"): there every word looks like a name, and the tagger's
# proper nouns say nothing.
HEADLINE_CAPITALS = 0.6


def is_headline(doc: Doc) -> bool:
    words = [t for t in doc if t.is_alpha]
    if len(words) < 4:
        return False
    return sum(t.text[:1].isupper() for t in words) >= HEADLINE_CAPITALS * len(words)
