"""Typed mentions read from the spaCy parse of a sentence, each with its character span.

``analyse(text)`` parses the text once (``crosscheck.nlp``, cached by text) and returns
an ``Analysis``: the named mentions (people, organisations, places, other names), the
predicates (verbs and predicative adjectives, with negation from the parse) and the
lemmas of the content words. Checks compare these; they do no parsing themselves.

A mention's *slot* says what it does in the sentence: its dependency role (``subj``,
``obj``, ``agent`` for "by X" in a passive, ``prep:in`` for "in X", ``poss``, ``mod``,
``appos``) and the lemma of the word it attaches to (the verb or noun it depends on).
Two sides' mentions in the same slot (same role, same head lemma) state the same
thing.

>>> a = analyse("Police arrested Jonah Kessling in Porthaven on Friday.")  # doctest: +SKIP
>>> [(m.kind, m.text, m.role, m.head) for m in a.names]  # doctest: +SKIP
[('person', 'Jonah Kessling', 'obj', 'arrest'), ('place', 'Porthaven', 'prep:in', 'arrest')]
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

from crosscheck.extract.counts import read_counts
from crosscheck.extract.named_places import (
    FALLBACK_PLACE_ROLES,
    gazetteer_places,
    inner_place,
    location_word,
    of_at,
    person_of_place,
    site_word,
)
from crosscheck.extract.offices import COURTESY, TITLE_ABBREVIATIONS, title_word, titles_before
from crosscheck.extract.slots import (
    KINDS,
    ORG,
    OTHER,
    PERSON,
    PLACE,
    SUBJECTS,
    Analysis,
    Count,
    Mention,
    Predicate,
    governor,
    is_headline,
    modified_noun,
    passive_subject,
    word_after,
    word_before,
)

__all__ = [
    "COURTESY",
    "ORG",
    "OTHER",
    "PERSON",
    "PLACE",
    "TITLE_ABBREVIATIONS",
    "Analysis",
    "Count",
    "Mention",
    "Predicate",
    "analyse",
    "prepare",
    "title_word",
]

# Negative words the parser does not always mark ``neg``: "never", "no one".
_NEGATIVE_WORDS = frozenset({"not", "n't", "never", "no", "neither", "nor", "nobody", "none"})


def prepare(texts: Iterable[str]) -> None:
    """Parse ``texts`` in batches now, so later per-pair reads hit the parse cache."""
    from crosscheck.nlp import default_parser

    default_parser().parse(list(dict.fromkeys(texts)))


def _mentions(doc: Doc) -> list[Mention]:
    found = []
    places = {
        i
        for ent in doc.ents
        if ent.label_ in ("GPE", "LOC", "FAC")
        for i in range(ent.start, ent.end)
    }
    found.extend(gazetteer_places(doc, places))
    for ent in doc.ents:
        kind = KINDS.get(ent.label_)
        if kind is None:
            continue
        if len(ent) > 1 and ent[0].lower_ == "the":
            ent = ent[1:]  # "the Vexlo Palace": the name is what follows
        root = ent.root
        role, head = governor(root)
        head_in_span = ent.start <= head.i < ent.end
        if kind == PERSON and role in FALLBACK_PLACE_ROLES - {"poss"}:
            from crosscheck.extract import gazetteer

            if gazetteer.known(ent.text):
                kind = PLACE  # "riot breaks out in Porthaven": the tagger took a town for a person
        if kind == ORG and (
            role in FALLBACK_PLACE_ROLES
            or (role in ("prep:of", "appos") and location_word(head.lemma_.lower()))
        ):
            from crosscheck.extract import gazetteer

            if gazetteer.known(ent.text):
                kind = PLACE  # "30 km east of Porthaven", "the border city, Elinor"
        if kind == PERSON and role == "poss" and site_word(head.lemma_.lower()):
            from crosscheck.extract import gazetteer

            if gazetteer.major(ent.text):
                kind = PLACE  # "Porthaven's new resort": a large town owns no resort
        if kind in (PERSON, ORG):
            split = person_of_place(ent)
            if split is not None:
                found.append(split)
                ent = ent[: of_at(ent)]
                root = ent.root
                role, head = governor(root)
                head_in_span = ent.start <= head.i < ent.end
        if kind in (PLACE, ORG, PERSON) and ent.label_ != "GPE":
            found.extend(inner_place(ent, role, head))
        titles, when = titles_before(ent) if kind == PERSON else ((), "")
        found.append(
            Mention(
                kind=kind,
                label=ent.label_,
                text=ent.text,
                start=ent.start_char,
                end=ent.end_char,
                role=role,
                head="" if head is root or head_in_span else head.lemma_.lower(),
                head_pos="" if head is root else head.pos_,
                titles=titles,
                titles_when=when,
                noun=modified_noun(root),
                before=word_before(doc, ent.start),
                after=word_after(doc, ent.end),
                passive=passive_subject(root),
                head_phrasal="" if head is root or head_in_span else phrasal_lemma(head),
            )
        )
    return sorted(found, key=lambda m: m.start)


def _proper_runs(doc: Doc) -> list[Mention]:
    """Runs of capitalised proper nouns outside every entity and not touching one
    (a touching run is part of a longer name the tagger cut: "American Pie"), that are
    no title ("Coach") and not a sentence's first word that is also a common word:
    the names the entity tagger missed ("Vexlo took the officers' weapons")."""
    from crosscheck.extract import wordnet

    if is_headline(doc):
        return []
    covered = {i for ent in doc.ents for i in range(ent.start, ent.end)}
    found = []
    i = 0
    while i < len(doc):
        if not _proper(doc[i]) or i in covered:
            i += 1
            continue
        j = i
        while j < len(doc) and _proper(doc[j]) and j not in covered:
            j += 1
        first = doc[i]
        touching = (i - 1) in covered or j in covered
        # "Fix-it", "Wi-Fi": a capitalised piece of a hyphenated word names no one.
        touching = (
            touching or (i and doc[i - 1].text == "-") or (j < len(doc) and doc[j].text == "-")
        )
        # "Officers took ...": a sentence's first word that is a common noun, alone or
        # with more of them; "Raj Chohan" is a name though "raj" is a noun too.
        common_opener = first.is_sent_start and all(wordnet.common_noun(t.lower_) for t in doc[i:j])
        if not touching and not common_opener and j - i <= 4:
            span = doc[i:j]
            role, head = governor(span.root)
            found.append(
                Mention(
                    kind=OTHER,
                    label="PROPN",
                    text=span.text,
                    start=span.start_char,
                    end=span.end_char,
                    role=role,
                    head="" if i <= head.i < j else head.lemma_.lower(),
                    head_pos=head.pos_,
                    before=word_before(doc, i),
                    after=word_after(doc, j),
                    passive=passive_subject(span.root),
                    noun=modified_noun(span.root),
                    head_phrasal="" if i <= head.i < j else phrasal_lemma(head),
                )
            )
        i = j
    return found


# An all-capital word longer than this is shouting ("RECEIVER ARRESTED"), not an
# acronym ("HPD", "KVRB").
ACRONYM_LENGTH = 5


def _proper(token: Token) -> bool:
    return (
        (token.pos_ == "PROPN" or _unlisted_noun(token))
        and token.is_alpha
        and token.text[:1].isupper()
        and not (token.is_upper and len(token.text) > ACRONYM_LENGTH)
        and not title_word(token)
        and token.lower_.rstrip(".") not in COURTESY
    )


def _unlisted_noun(token: Token) -> bool:
    """A capitalised word the tagger calls a common noun that no dictionary lists in
    any part of speech, neither as written nor as its lemma: a surname that looks like
    an inflected word ("Varning stops the champion"), not "Officers" or "Rebels"."""
    from crosscheck.extract import wordnet

    if token.pos_ != "NOUN" or not token.text[:1].isupper() or not wordnet.available():
        return False
    forms = {token.lower_, token.lemma_.lower()}
    return not any(wordnet.is_word(form, pos) for form in forms for pos in ("n", "v", "a", "r"))


def _negated(token: Token) -> bool:
    if any(child.dep_ == "neg" or child.lower_ in _NEGATIVE_WORDS for child in token.children):
        return True
    # "was not arrested": the negation may hang on the auxiliary.
    return any(
        child.dep_ in ("aux", "auxpass") and any(g.dep_ == "neg" for g in child.children)
        for child in token.children
    )


def phrasal_lemma(token: Token) -> str:
    """The verb's lemma with its particle when WordNet lists the two as one verb:
    "step_down" for "stepped down", "call_off" for "called it off" (WordNet relates them
    to "resign" and "cancel", which the bare "step" and "call" are not); else ""."""
    from crosscheck.extract import wordnet

    if token.pos_ != "VERB" or not wordnet.available():
        return ""
    lemma = token.lemma_.lower()
    for child in token.children:
        # The parser makes "down" of "stepped down" a particle or an adverb.
        if child.dep_ == "prt" or (child.dep_ == "advmod" and child.i == token.i + 1):
            joined = f"{lemma}_{child.lower_}"
            if wordnet.is_word(joined, "v"):
                return joined
    return ""


def _predicates(doc: Doc) -> list[Predicate]:
    found = []
    for token in doc:
        is_verb = token.pos_ == "VERB"
        is_adjective = token.pos_ == "ADJ" and token.dep_ in ("acomp", "ROOT", "conj", "xcomp")
        if not (is_verb or is_adjective):
            continue
        subjects = tuple(child.lemma_.lower() for child in token.children if child.dep_ in SUBJECTS)
        lead = [
            child
            for child in token.children
            if child.i < token.i
            and (child.dep_ in ("neg", "aux", "auxpass") or child.lower_ in _NEGATIVE_WORDS)
        ]
        first = min([token.i, *(child.i for child in lead)])
        span = doc[first : token.i + 1]
        found.append(
            Predicate(
                lemma=token.lemma_.lower(),
                text=token.text,
                start=span.start_char,
                end=span.end_char,
                negated=_negated(token),
                subjects=subjects,
                pos="VERB" if is_verb else "ADJ",
                phrase=span.text,
                phrasal=phrasal_lemma(token),
            )
        )
    return found


_CACHE: dict[str, Analysis] = {}
# Analyses kept per process: a large audit's worth of sentences; each is small.
CACHE_SIZE = 50_000


def analyse(text: str) -> Analysis:
    """The mentions and predicates of ``text`` (parsed once per process)."""
    cached = _CACHE.get(text)
    if cached is not None:
        return cached
    from crosscheck.nlp import default_parser

    doc = default_parser()(text)
    analysis = Analysis(
        text=text,
        names=tuple(_mentions(doc)),
        predicates=tuple(_predicates(doc)),
        lemmas=frozenset(
            t.lemma_.lower() for t in doc if t.is_alpha and not t.is_stop and t.pos_ != "PROPN"
        ),
        counts=tuple(read_counts(doc)),
        proper=tuple(_proper_runs(doc)),
    )
    if len(_CACHE) >= CACHE_SIZE:
        _CACHE.clear()
    _CACHE[text] = analysis
    return analysis
