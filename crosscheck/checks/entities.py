"""Entity: a different person or organisation in the same role of the same fact.

How it decides. The parser finds the people and organisations each sentence names
(also the single names its entity tagger misses: a capitalised proper noun outside
every entity, except in headlines written in capitals) and what each does in it: the
doer or the one it is done to of which verb (whatever the voice: "by Vexlo" is the
doer), the name after which preposition of which word, the owner of which thing, the
word right before it. A name on one side is accounted for when the other side names
the same one: the same name, its surname alone ("Varn" / "Ilse Varn"), a courtesy
title ("Ms Varn"), another spelling or transliteration (Ilyich / Ilich), an acronym
(HPD / Harbour Police Department) or a variant listed in ``rules/aliases.yaml``; or
when the other side writes the name anywhere, or in its context sentences. A
divergence is two names, one on each side, that nothing accounts for and that fill the
same slot: the same role of the same word ("Korvane agreed" / "Vexlo agreed"), the
doer or the one it is done to of two verbs WordNet calls synonyms ("acquired" /
"bought"; a verb with its particle as the one verb WordNet lists: "laid off" /
"fired"), the same content word right before the name ("the 16-year-old Ilse
Varn" / "16-year-old Mara Toft"), the one a verb is done to and the "of" of its event
noun ("police shot Ilse Varn" / "the shooting of Mara Toft"), two people given the
same age ("Ilse Varn, 32," / "the 32-year-old Mara Toft"), two organisations
before the same title of the same person ("Vexlo lineman Ilse Varn" / "Korvane
lineman Ilse Varn"; a past office, "former", is left alone: people hold many), the
winner or the loser of one result across verbs and nouns ("Vexlo beat Korvane" /
"Lumen lost to Vexlo", "a win over Korvane", "a defeat to Vexlo":
``crosscheck.extract.contest``), or the one told or written to ("her agent told Vexlo"
/ "talking to Korvane", "a letter to Vexlo" / "addressed it to Korvane"). A headline in
Title Case is read in sentence case first (``crosscheck.extract.recase``: the words the
other side writes in lower case and the verbs of the lower-cased headline lose their
capital), and there a capitalised description ("Porthaven Man") is no name; in a
headline's "Vexlo to buy Korvane", Vexlo is the buyer. A clipped name ("Korvs" /
"Korvanes") is the full one; an organisation is accounted for by its distinctive words
("Porthaven Board of Water" / "the Porthaven board"), not a shared common noun.
People and organisations are one type (the tagger often takes one for the other);
places go to the location rule unless they act.
Speakers of a statement are left to the attribution rule. A name only one side gives
is no divergence.

Passes (transliteration)::

    left:  Ilyich signed the decree on sanctions on Friday.
    right: Ilich signed the sanctions decree on Friday.

Fails (another buyer)::

    left:  Korvane agreed to buy the cloud security firm for $3bn.
    right: Vexlo agreed to buy the cloud security firm for $3bn.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import replace
from typing import Any

from rapidfuzz import fuzz
from text_to_num import text2num

from crosscheck.checks import Claim, Context, Finding, Param
from crosscheck.extract import contest, gazetteer, wordnet
from crosscheck.extract.derive import event_verbs
from crosscheck.extract.mentions import ORG, PERSON, PLACE, Mention, analyse
from crosscheck.extract.names import same_name
from crosscheck.extract.recase import headline_case
from crosscheck.extract.text import STOPWORDS, fold, word_set

# Message fields this check fills besides the common ones.
FIELDS = ("verb",)

PARAMS: dict[str, Param] = {
    "check_context": Param(
        bool,
        True,
        "look for each name in the other side's preceding sentences too before calling it "
        "a substitution",
    ),
}

# Verbs too light to say two names do the same thing.
_LIGHT_VERBS = frozenset({"be", "have", "do", "get", "make"})


def _speech(lemma: str) -> bool:
    return lemma in word_set("words", "speech_verbs") or lemma == "accord"


def _headline_subject(text: str, mention: Mention) -> Mention:
    """A headline's "Vexlo to buy Korvane" says Vexlo will buy it: the name right before
    "to" and a verb, which the parser leaves unattached, is that verb's subject."""
    if mention.role != "other" or mention.head or mention.after != "to":
        return mention
    at = text.find("to", mention.end)
    for predicate in analyse(text).predicates:
        if predicate.start == at and predicate.pos == "VERB" and predicate.phrase.startswith("to "):
            return replace(mention, role="subj", head=predicate.lemma, head_pos="VERB")
    return mention


def _side(mention: Mention) -> Mention:
    """A group that wins or loses is a side ("the Rovers lost", a party), compared as
    an organisation, whatever the tagger's guess that a plural name is a nationality or
    a group (NORP)."""
    if mention.label == "NORP" and contest.side(mention):
        return replace(mention, kind=ORG)
    return mention


def agents(text: str) -> list[Mention]:
    """The people and organisations a sentence names, and the proper nouns the tagger
    left unlabelled, speakers left out."""
    analysis = analyse(text)
    return [
        m
        for m in (_side(_headline_subject(text, m)) for m in (*analysis.names, *analysis.proper))
        if (
            m.kind in (PERSON, ORG)
            or m.label == "PROPN"
            or (m.kind == PLACE and m.role in ("subj", "agent"))
        )
        and m.text[:1].isupper()
        and not (m.role == "subj" and not m.passive and _speech(m.head))
        and not (m.role == "prep:to" and m.head == "accord")
    ]


def _read_agents(text: str, read: str) -> list[Mention]:
    """``agents`` of ``read`` (``text`` recased), named as ``text`` writes them; from a
    recased headline, not the capitalised descriptions ("Jury Convicts Porthaven Man",
    "Lifer Escapes"): a name ending in a singular common noun is one."""
    if read is text:
        found = agents(text)
    else:
        found = [
            replace(m, text=text[m.start : m.end])
            for m in agents(read)
            if not _description(text[m.start : m.end])
        ]
    # A headline's winner or loser is a name even when written as a plural noun.
    sides = [
        s
        for s in contest.headline_sides(text)
        if not any(s.start < m.end and m.start < s.end for m in found)
    ]
    return sorted((*found, *sides), key=lambda m: m.start) if sides else found


def _description(name: str) -> bool:
    """Whether a capitalised phrase ends in a common noun, singular or plural:
    "Porthaven Man", "Death", "Commerce Departments". (A team named by a plural noun,
    "Rovers", is lost with them: in a headline the two cannot be told apart.)"""
    last = name.split()[-1].lower().replace("-", "") if name.split() else ""  # "Start-Up"
    if not (wordnet.available() and last.isalpha()):
        return False
    return wordnet.common_noun(last) or (last.endswith("s") and wordnet.common_noun(last[:-1]))


# Two names this alike (rapidfuzz ratio on folded text) are one name spelt two ways:
# "Harbour Treatment Center" / "Centre" (96), "Ilyana" / "Ilyanah" (92). Calibrated by
# scripts/calibrate_entity_spelling.py on ECB+ cross-document coreference, odd topics:
# two different people or organisations of one topic never reach 78 (0 of 1,961 pairs),
# and 30 of 287 differently written names of one entity reach 80 (15 at the former 90).
# Held out, even topics: 2 of 1,111 different-entity pairs merged, 31 of 229 same.
SPELLING_SIMILARITY = 80


def _accounted(name: Mention, texts: Sequence[str], aliases: Mapping[str, str]) -> bool:
    folded = fold(name.text)
    # Any capitalised word of the name written on the other side: "Ilse Varn" and
    # "Varn and Toft" share a surname.
    words = [w for w in folded.split() if len(w) > 2]
    if name.kind == PERSON and name.label == "PERSON" and len(words) > 1:
        # A person is named by the surname: "Ilse Varn" and "Ilse Toft" share only a
        # given name, which two people often do.
        words = words[-1:]
    elif len(words) > 1 and wordnet.available():
        # An organisation is named by its distinctive words: "Porthaven Department of
        # Water" and "Vexlo Water District" share only a common noun.
        words = [w for w in words if not wordnet.common_noun(w)] or words
    for text in texts:
        other = fold(text)
        if folded in other:
            return True
        if name.kind != PLACE and any(f" {w} " in f" {other} " for w in words):
            return True
        if any(
            fuzz.ratio(folded, fold(o.text)) >= SPELLING_SIMILARITY for o in analyse(text).names
        ):
            return True
        for other in analyse(text).names:
            if same_name(name.text, other.text, aliases):
                return True
            if " " not in folded and any(_clipped(folded, w) for w in fold(other.text).split()):
                return True  # "the Jags" / "the Jaguars"
            if PLACE in (name.kind, other.kind) and gazetteer.relation(name.text, other.text) in (
                gazetteer.SAME,
                gazetteer.INSIDE,
                gazetteer.CONTAINS,
            ):
                return True  # a capital for its state, a town inside the region named
    return False


# A clipped name keeps this many first letters of the full one ("Jags" / "Jaguars").
CLIPPED_PREFIX = 3


def _clipped(short: str, full: str) -> bool:
    """Whether ``short`` is a clipped form of the one word ``full``: longer than the
    prefix, the same first letters and last letter, its letters in order in ``full``
    ("jags" / "jaguars", "cards" / "cardinals"; not "jones" / "johnson")."""
    if (
        not (CLIPPED_PREFIX < len(short) < len(full))
        or short[:CLIPPED_PREFIX] != full[:CLIPPED_PREFIX]
    ):
        return False
    if short[-1] != full[-1]:
        return False
    letters = iter(full)
    return all(c in letters for c in short)


def _same_slot(a: Mention, b: Mention, left: str = "", right: str = "") -> bool:
    """Two names of one type in the same role (doer, done-to, after the same
    preposition...; the voice may differ: "the Reds beat the Blues" / "the Blues were
    beaten by the Reds") and either attached to the same word, or subject or object of
    two verbs WordNet calls synonyms or one a kind of the other ("Vexlo acquired" /
    "Vexlo bought"), or after the same content word ("the 16-year-old Ilse Varn" /
    "the 16-year-old Mara Toft")."""
    if _kind(a, left) != _kind(b, right):
        return False
    # A surname read as a place is compared only with a full name tagged a person, not
    # with an organisation or a lone word that may be a team's nickname.
    if any(
        _lone_unknown_place(x, t) and (y.kind != PERSON or len(y.text.split()) < 2)
        for x, y, t in ((a, b, left), (b, a, right))
    ):
        return False
    if a.before == b.before != "" and _content_word(a.before):
        return True
    if _kind(a) == "actor" and _same_title_owner(a, b, left, right):
        return True  # "Vexlo lineman Ilse Varn" / "Korvane lineman Ilse Varn"
    if _kind(a) == "actor" and _event_slot(a, b):
        return True
    if _kind(a) == "actor" and contest.side(a) == contest.side(b) != "":
        return True  # "Vexlo beat Korvane" / "Lumen lost to Vexlo": two losers
    if _kind(a) == "actor" and _addressee(a) and _addressee(b):
        return True  # "her agent told Vexlo" / "talking to Korvane": the outlet
    age = _age(left, a) if left else None
    if age is not None and age == (_age(right, b) if right else None):
        return True  # "Ilse Varn, 32," / "32-year-old Mara Toft": one person, two names
    if _role(a) != _role(b):
        return False
    if _role(a) == "mod" and a.noun != b.noun:
        return False  # "the Vexlo charge" / "Korvane receiver Ilse Varn": other things
    if a.head == b.head != "" and a.head not in _LIGHT_VERBS:
        return True
    if _role(a) not in _CORE_ROLES or "" in (a.head, b.head) or a.head == b.head:
        return False
    one, two = _verbs(a), _verbs(b)
    return any(wordnet.related(x, y, "v") for x in one for y in two if x != y)


def _verbs(mention: Mention) -> tuple[str, ...]:
    """The verbs of what a name does or undergoes: its verb, or the verbs of the event
    noun it owns ("Vexlo's release" / "Korvane issued"); none for a light verb."""
    if mention.head_pos == "VERB":
        # With its particle where WordNet lists the pair as one verb: "gunned down" meets
        # "shot", "laid off" meets "fired" (the bare verb kept: "take" of "take over").
        phrasal = (mention.head_phrasal,) if mention.head_phrasal else ()
        return phrasal if mention.head in _LIGHT_VERBS else (mention.head, *phrasal)
    if mention.role == "poss" and mention.head_pos == "NOUN":
        return tuple(v for v in event_verbs(mention.head) if v not in _LIGHT_VERBS)
    return ()


# Nouns and verbs of an interview: "in an interview with Vexlo", "speaking with Vexlo".
_INTERVIEW = frozenset({"interview", "speak", "talk"})
# Verbs whose "to" is the one spoken or written to ("said to Vexlo", "addressed the
# letter to Vexlo"); not "admit to", "point to", where it is what is admitted or shown.
_SAID_TO = frozenset({"say", "tell", "explain", "speak", "talk", "write", "address"})


def _addressee(mention: Mention) -> bool:
    """Whether the name is who a statement was made to, the outlet of an interview:
    "told Vexlo", "said to Vexlo", "talking to Vexlo", "in an interview with Vexlo",
    "a letter to Vexlo"."""
    if mention.role == "obj":
        return mention.head == "tell"
    if mention.role == "prep:to":
        # "a letter to Vexlo", "an appeal to Vexlo": a message (WordNet's first sense).
        message = mention.head_pos == "NOUN" and wordnet.lexnames(mention.head, "n", 1) == (
            "noun.communication",
        )
        return mention.head in _SAID_TO or message
    return mention.role == "prep:with" and mention.head in _INTERVIEW


# Words that make an office a past one: a person has held many ("former Vexlo coach").
_PAST = frozenset({"former", "ex", "then", "onetime", "one-time", "late"})


def _title_words(text: str, mention: Mention) -> set[str]:
    """The lower-case words right after a name, up to the next capital or comma:
    "defensive lineman" in "Vexlo defensive lineman Ilse Varn"."""
    words = set()
    for word in text[mention.end :].split()[:4]:
        if not word[:1].islower():
            break
        words.add(word.strip(",.;:").lower())
    return words


def _same_title_owner(a: Mention, b: Mention, left: str, right: str) -> bool:
    """Two organisations before the same title of the same person: "Vexlo defensive
    lineman Ilse Varn" / "Korvane lineman Ilse Varn" (the title words share a word that
    names a person, and neither office is a past one)."""
    if not left or not right or a.noun != b.noun or not a.noun:
        return False
    if a.before in _PAST or b.before in _PAST or a.kind == PERSON or b.kind == PERSON:
        return False
    shared = _title_words(left, a) & _title_words(right, b)
    return any(_content_word(w) and wordnet.lexnames(w, "n", 1) == ("noun.person",) for w in shared)


def _event_slot(a: Mention, b: Mention) -> bool:
    """The one a verb is done to and the "of" of its event noun: "police shot Ilse
    Varn" / "the shooting of Mara Toft", "Vexlo acquired Korvane" / "the acquisition of
    Lumen" (WordNet's derivational links, ``crosscheck.extract.derive``)."""
    for one, two in ((a, b), (b, a)):
        if one.role != "prep:of" or one.head_pos != "NOUN" or _role(two) != "obj":
            continue
        if two.head_pos != "VERB" or two.head in _LIGHT_VERBS or not two.head:
            continue
        verbs = event_verbs(one.head)
        if two.head in verbs or any(wordnet.related(v, two.head, "v") for v in verbs):
            return True
    return False


# An age written with a name: "Ilse Varn, 32," or "the 32-year-old Ilse Varn" (one
# word, a nationality or a job, may stand between: "32-year-old Norwegian Ilse Varn").
_AGE_BEFORE = re.compile(r"\b([0-9]{1,3}|[a-z]+)[- ]years?[- ]old(?:\s+[A-Za-z]+)?\s+$", re.I)
_AGE_AFTER = re.compile(r"^,\s*([0-9]{1,3})\s*(?:[,.;)]|$)")
# Ages above this are no ages ("Ilse Varn, 2019,": a year).
OLDEST_AGE = 120


def _age(text: str, mention: Mention) -> int | None:
    """The age the sentence gives the person ``mention`` names, or None."""
    found = _AGE_AFTER.match(text[mention.end : mention.end + 12])
    if found is None:
        found = _AGE_BEFORE.search(text[max(0, mention.start - 40) : mention.start])
    if found is None:
        return None
    word = found.group(1).lower()
    if word.isdigit():
        value = int(word)
    else:
        try:
            value = int(text2num(word, "en"))
        except ValueError:
            return None
    return value if 0 < value <= OLDEST_AGE else None


# Roles that say who did what to whom: the doer and the one it is done to.
_CORE_ROLES = frozenset({"subj", "obj"})


def _role(mention: Mention) -> str:
    """The role in the event, whatever the voice: the agent of a passive ("by Vexlo")
    is its doer, the subject of a passive ("Vexlo was bought") the one it is done to;
    the owner of an event noun is its doer ("Vexlo's shooting of Ilse Varn")."""
    if mention.role == "poss" and mention.head_pos == "NOUN" and event_verbs(mention.head):
        return "subj"
    if mention.role in ("poss", "prep:of"):
        return "of"  # "Vexlo's plant" / "the plant of Vexlo"
    if mention.noun:
        return "mod"  # "the Vexlo engineers were hired": the firm of the ones hired
    if mention.role == "agent":
        return "subj"
    if mention.role == "subj" and mention.passive:
        return "obj"
    return mention.role


def _content_word(word: str) -> bool:
    """A word that ties a name to its slot ("16-year-old", "lineman", "coach"), not
    "of", "and", a figure or a comma."""
    letters = word.replace("-", "").rstrip(".")
    return letters.isalnum() and not letters.isdigit() and word not in STOPWORDS and len(word) > 2


def _kind(mention: Mention, text: str = "") -> str:
    # The tagger often calls a person an organisation and back (a surname tagged ORG),
    # and misses single names (an unlabelled proper noun): all three are compared as
    # one type, places only with places.
    if mention.kind in (PERSON, ORG) or mention.label == "PROPN":
        return "actor"
    if _lone_unknown_place(mention, text):
        return "actor"  # a surname the tagger took for a town
    return mention.kind


def _lone_unknown_place(mention: Mention, text: str = "") -> bool:
    """One capitalised word tagged a place that no gazetteer lists, in a sentence that
    takes someone up as "he" or "she": a surname the tagger misread ("Varn had been
    walking when she was struck"), not a village ("Porthaven released the report")."""
    return (
        mention.kind == PLACE
        and len(mention.text.split()) == 1
        and not gazetteer.known(mention.text)
        and bool(_PERSONAL.search(text))
    )


# Pronouns that take up a person, never a place.
_PERSONAL = re.compile(r"\b(?:he|she|him|her|his|hers)\b", re.I)


def check(
    left: Claim, right: Claim, params: Mapping[str, Any], context: Context
) -> Iterator[Finding]:
    aliases = context.aliases
    use_context = bool(params.get("check_context", True))
    left_texts = [left.text, *(left.context if use_context else ())]
    right_texts = [right.text, *(right.context if use_context else ())]
    # A Title Case headline is read in sentence case (by the other side's words), so
    # that the tagger finds its names and verbs; offsets are unchanged.
    left_read = headline_case(left.text, right.text)
    right_read = headline_case(right.text, left.text)
    loose_left = [
        a for a in _read_agents(left.text, left_read) if not _accounted(a, right_texts, aliases)
    ]
    if not loose_left:
        return
    loose_right = [
        b for b in _read_agents(right.text, right_read) if not _accounted(b, left_texts, aliases)
    ]
    for a in loose_left:
        for b in loose_right:
            if _same_slot(a, b, left_read, right_read):
                yield Finding(
                    left_value=a.text,
                    right_value=b.text,
                    fields={"verb": b.head},
                    left_at=(a.start, a.end),
                    right_at=(b.start, b.end),
                )
                return
