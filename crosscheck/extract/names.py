"""Names in news sentences, found by capitalisation, and when two of them are one entity.

A *name* is a run of capitalised words, with titles, honorifics and nationalities
peeled off its front ("Swedish Trade Minister Ilse Brandvik" gives the name "Ilse
Brandvik" and the title words "Swedish Trade Minister"). Its kind (person, org, place,
or just "name" when nothing tells) comes from general English words in
``crosscheck/data/names.yaml`` (titles, organisation words such as "ministry" or
"bank") and the place gazetteer. No list names a particular organisation.

>>> text = "Harbour Board aide Oren Matsek met Mr Dalvik in Lisbon."
>>> [(n.text, n.kind) for n in find_names(text)]
[('Harbour Board', 'org'), ('Oren Matsek', 'person'), ('Dalvik', 'person'), ('Lisbon', 'place')]
>>> same_name("Brandvik", "Ilse Brandvick"), same_name("NRB", "National Rail Board")
(True, True)
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz

from crosscheck.extract import gazetteer
from crosscheck.extract.text import (
    STOPWORDS,
    Token,
    fold,
    squash,
    strip_possessive,
    tokens,
    word_set,
)

# Two surnames are one name at this rapidfuzz ratio or above. Transliterations of one
# surname differ by a letter or two: an inserted "i" after a consonant in a 6-letter
# name scores 92, a "-y"/"-iy" ending on an 8-letter name 94, "-iv"/"-ov" 86. Calibrated
# on ECB+ cross-document person coreference (scripts/calibrate_names.py): 85 is the
# lowest ratio at which no two different people of one odd (calibration) topic merge
# (0 of 1,916 surname pairs; at 80, 19 do); on the even topics, held out, 0 of 1,683
# merge. The dev clusters' spelling variants agree (and the cases in
# tests/extract/test_names.py).
SURNAME_SIMILARITY = 85
# Given names that differ this much (ratio below) make two people with one surname
# different: two unrelated given names score about 20, while the Ukrainian and Russian
# spellings of one given name score near 60 and a -y/-i ending 83. ECB+ holds too few
# such pairs to calibrate on (8 and 2 in the odd topics, 14 and 3 in the even ones: at
# 50 no two people merge on either split; scripts/calibrate_names.py); the figure rests
# on those general spelling facts.
GIVEN_NAME_SIMILARITY = 50

PERSON, ORG, PLACE, NAME = "person", "org", "place", "name"
_JOINERS = frozenset({"of", "and", "&", "for", "the"})


@dataclass(frozen=True, slots=True)
class Name:
    """A capitalised name as written (possessive dropped) and what peeled off its front.

    ``prefix`` holds the title, honorific or nationality words written in the same
    capitalised run ("Turkish Foreign Minister"), ``kind`` is person, org, place or
    name (unknown). ``start``/``end`` are offsets of ``text`` in the sentence.
    """

    text: str
    start: int
    end: int
    kind: str
    prefix: str = ""
    possessive: bool = False

    @property
    def surname(self) -> str:
        return key_tokens(self.text)[-1] if key_tokens(self.text) else ""


def _is_cap(token: Token) -> bool:
    text = token.text
    if not text[:1].isalpha():
        return False
    return text[:1].isupper()


def _is_title(word: str) -> bool:
    return (
        word in word_set("names", "title_words")
        or word in word_set("names", "honorifics")
        or word.endswith("-elect")  # "President-elect"
    )


def _is_demonym(word: str) -> bool:
    parts = word.split("-")
    return all(part in word_set("names", "demonyms") for part in parts)


def _runs(toks: Sequence[Token]) -> list[list[int]]:
    """Indices of maximal runs of capitalised tokens, allowing "of"/particles inside."""
    particles = word_set("names", "particles")
    calendar = word_set("words", "calendar")
    runs: list[list[int]] = []
    current: list[int] = []
    for i, token in enumerate(toks):
        low = token.low
        if _is_cap(token) and low not in calendar:
            current.append(i)
            if token.possessive:
                runs.append(current)
                current = []
            continue
        # "of" and particles join capitalised words ("Bank of England", "Ursula von
        # der Leyen"); "and" only inside such a name ("Department of Health and Human
        # Services"), never between two people ("Matsek and Dalvik").
        joiner = (
            low in particles
            or low == "of"
            or (low in ("and", "&") and any(toks[k].low == "of" for k in current))
        )
        inner = (
            current
            and joiner
            and i + 1 < len(toks)
            and _is_cap(toks[i + 1])
            and toks[i + 1].low not in calendar
        )
        if inner:
            current.append(i)
            continue
        if current:
            runs.append(current)
        current = []
    if current:
        runs.append(current)
    return runs


def _at_sentence_start(toks: Sequence[Token], index: int) -> bool:
    before = [t for t in toks[:index] if t.is_word]
    return not before


def _kind(body: Sequence[Token], has_title: bool) -> str:
    words = [token.low for token in body]
    joined = " ".join(words)
    if any(word in word_set("names", "org_words") for word in words):
        return ORG
    if gazetteer.major(joined):
        return PLACE
    if len(body) == 1 and _looks_acronym(body[0].text):
        return ORG
    # A lone capitalised word with nothing else to go by stays a "name": a surname or
    # an organisation ("Orvane said"). No list of organisations decides, and neither
    # does spaCy's small model, which tags unfamiliar surnames ORG as often as firms
    # ("Dalvik said", "Lunde predicted" come out ORG); the quote extractor reads the
    # pronoun that takes the name up ("saying it would") instead.
    if has_title or len(body) >= 2:
        return PERSON
    return NAME


def _looks_acronym(word: str) -> bool:
    """ "NRB", "FAA", "H-P", "AT&T": an organisation's initials (not a title: "CEO")."""
    bare = word.replace(".", "").replace("-", "").replace("&", "")
    return 2 <= len(bare) <= 6 and bare.isupper() and bare.isalpha() and not _is_title(fold(bare))


# A sentence with no lower-case content word is a headline in title case ("Sudan
# Bombs Yida Refugee Camp in South Sudan"): its capitals say nothing about names.
_HEADLINE_MIN_WORDS = 4


def is_headline(toks: Sequence[Token]) -> bool:
    """Whether the words are in title case or all capitals, like a headline."""
    words = [t for t in toks if t.is_word and t.text[:1].isalpha()]
    if len(words) < _HEADLINE_MIN_WORDS:
        return False
    return not any(
        t.text[:1].islower() and len(t.text) > 2 and t.low not in STOPWORDS for t in words
    )


def find_names(text: str) -> list[Name]:
    """Every capitalised name in ``text``, in order, with titles split off."""
    return list(_find_names(text))


# Checks ask for the names of the same few sentences many times over (six rules, each
# side, each context sentence): remember the last few thousand.
@lru_cache(maxsize=4096)
def _find_names(text: str) -> tuple[Name, ...]:
    toks = tokens(text)
    if is_headline(toks):
        return ()
    starters = word_set("words", "sentence_starters") | word_set("words", "group_nouns")
    found: list[Name] = []
    for run in _runs(toks):
        # A sentence's first word is capitalised anyway: drop it if it is a common word.
        while run and _at_sentence_start(toks, run[0]) and toks[run[0]].low in starters:
            run = run[1:]
        while run and toks[run[-1]].low in _JOINERS:
            run = run[:-1]
        if not run:
            continue
        words = [toks[i].low for i in run]
        originals = [toks[i] for i in run]
        org_words = word_set("names", "org_words")
        # Split off the title words in front: everything up to the last title word.
        last_title = max(
            (k for k, word in enumerate(words) if _is_title(word) and not originals[k].possessive),
            default=-1,
        )
        rest = words[last_title + 1 :]
        if last_title >= 0 and rest and not any(word in org_words for word in rest):
            body = run[last_title + 1 :]
            prefix_tokens = run[: last_title + 1]
        else:
            body, prefix_tokens = run, []
        if (
            not prefix_tokens
            and last_title == len(run) - 1
            and not any(word in org_words for word in words)
        ):
            continue  # only title words: "Defence Minister", "Prime Minister"
        # Nationality words in front of a name are modifiers too ("Swedish Brandvik").
        while len(body) > 1 and _is_demonym(toks[body[0]].low) and prefix_tokens:
            prefix_tokens, body = [*prefix_tokens, body[0]], body[1:]
        body_words = [toks[i].low for i in body]
        if all(_is_demonym(word) for word in body_words) and not gazetteer.major(
            " ".join(body_words)
        ):
            continue  # "Russian", "Turkish": adjectives, not names
        first, last = toks[body[0]], toks[body[-1]]
        possessive = last.possessive
        end = last.end
        if possessive:
            end -= 2 if fold(last.text).endswith("'s") else 1
        has_title = bool(prefix_tokens) or _title_before(toks, body[0])
        kind = _kind([toks[i] for i in body], has_title)
        prefix = (
            text[toks[prefix_tokens[0]].start : toks[prefix_tokens[-1]].end]
            if prefix_tokens
            else ""
        )
        found.append(
            Name(
                text=text[first.start : end],
                start=first.start,
                end=end,
                kind=kind,
                prefix=prefix,
                possessive=possessive,
            )
        )
    return tuple(found)


def _title_before(toks: Sequence[Token], index: int) -> bool:
    """A lower-case title or honorific right before a name: "spokesman Oren Matsek"."""
    return index > 0 and _is_title(toks[index - 1].low) and not toks[index - 1].possessive


@lru_cache(maxsize=50_000)
def key_tokens(name: str) -> tuple[str, ...]:
    """Folded words of a name without honorifics and possessive: "Mr Dalvik's" -> ("dalvik",)."""
    honorifics = word_set("names", "honorifics")
    words = [strip_possessive(fold(token.text)) for token in tokens(name) if token.is_word]
    words = [word.replace(".", "") for word in words]
    return tuple(word for word in words if word not in honorifics)


def acronym(name: str) -> str:
    """Initials of a multi-word name; words written in capitals count whole.

    >>> acronym("National Rail Board"), acronym("UK Rail Board")
    ('NRB', 'UKRB')
    """
    letters = []
    for token in tokens(name):
        word = token.text.replace(".", "")
        if not word[:1].isalpha() or fold(word) in _JOINERS:
            continue
        if len(word) > 1 and word.isupper():
            letters.append(word)
        elif word[:1].isupper():
            letters.append(word[0])
    return "".join(letters).upper()


def canonical(name: str, aliases: Mapping[str, str]) -> str:
    """The newsroom's canonical spelling of ``name`` (``rules/aliases.yaml``), else ``name``."""
    folded = fold(name)
    if folded in aliases:
        return aliases[folded]
    bare = " ".join(key_tokens(name))
    return aliases.get(bare, name)


def _in_order(short: Sequence[str], long: Sequence[str]) -> bool:
    """Every word of ``short`` matches a word of ``long``, in the same order."""
    position = 0
    for word in short:
        while position < len(long) and fuzz.ratio(word, long[position]) < SURNAME_SIMILARITY:
            position += 1
        if position == len(long):
            return False
        position += 1
    return True


def same_name(a: str, b: str, aliases: Mapping[str, str] | None = None) -> bool:
    """Whether two written names can denote one entity (spelling, aliases, short forms).

    >>> same_name("Mr Matsek", "Oren Matsek"), same_name("Oren Matsek", "Lidia Matsek")
    (True, False)
    """
    aliases = aliases or {}
    a, b = canonical(a, aliases), canonical(b, aliases)
    if squash(a) == squash(b):
        return True
    if _acronym_match(a, b) or _acronym_match(b, a):
        return True
    ta, tb = key_tokens(a), key_tokens(b)
    if not ta or not tb:
        return False
    if fuzz.ratio(ta[-1], tb[-1]) < SURNAME_SIMILARITY:
        # "Maria Lunde" inside "Petra Maria Lunde", "Orvane" inside "Orvane Systems".
        short, long = (ta, tb) if len(ta) <= len(tb) else (tb, ta)
        return len(short) < len(long) and _in_order(short, long) and short[0] == long[0]
    short, long = (ta, tb) if len(ta) <= len(tb) else (tb, ta)
    if _in_order(short, long):
        return True
    if len(ta) > 1 and len(tb) > 1:
        given_a, given_b = ta[0], tb[0]
        if len(given_a) == 1 or len(given_b) == 1:  # an initial: "O. Matsek"
            return given_a[0] == given_b[0]
        return fuzz.ratio(given_a, given_b) >= GIVEN_NAME_SIMILARITY
    return True


def _acronym_match(short: str, long: str) -> bool:
    word = squash(short).upper()
    return len(word) >= 2 and len(key_tokens(long)) >= 2 and acronym(long) == word
