"""Quoted words and who said them.

``find_quotes`` returns the text inside quotation marks; ``find_speakers`` finds who
a sentence credits with speech, from the speech verb outwards ("X said", "said X",
"X, who led the team, told reporters", "..., saying", "according to X"), and
resolves "he said" to the person named just before (in the sentence or its context).

>>> text = 'Brandvik called the meeting “great” and said: "We will host them."'
>>> [q.text for q in find_quotes(text)]
['great', 'We will host them.']
>>> [(s.name, s.kind) for s in find_speakers("On a call, Lunde predicted lower costs.",
...     context=("Petra Lunde, Orvane's chief executive, said it was a good day.",))]
[('Petra Lunde', 'person')]
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from crosscheck.extract.names import NAME, ORG, PERSON, PLACE, Name, find_names, key_tokens
from crosscheck.extract.text import Token, fold, tokens, word_set

GROUP, UNRESOLVED = "group", "unresolved"

_QUOTE = re.compile(
    r"“(?P<a>[^”]+)”?"  # typographic double quotes (an open one may run to the end)
    r'|"(?P<b>[^"]+)"?'  # straight double quotes
    r"|‘(?P<c>[^’]+(?:’\w[^’]*)*)’(?!\w)"  # typographic single quotes, apostrophes inside
    r"|(?<![\w'])'(?P<d>[^']+)'(?![\w])"  # straight single quotes around words
)
_QUOTE_MARKS = frozenset({'"', "“", "”", "'", "’", "‘"})
_DETERMINERS = frozenset(
    "a an the this that these those his her its their our my your any no every each".split()
)
_PRONOUNS = {"he": PERSON, "she": PERSON, "they": GROUP, "we": GROUP, "i": PERSON}
# Prepositions that open an aside between a speaker and the speech verb.
_ASIDE_OPENERS = frozenset("to in for at on with by after like as despite".split())
# Participles that report speech of the clause's subject: "..., saying it would".
_PARTICIPLE = re.compile(r"ing$")


@dataclass(frozen=True, slots=True)
class Quote:
    """The words inside one pair of quotation marks, with their offsets in the sentence."""

    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Speaker:
    """Who a sentence credits with speech.

    ``name`` is the name as written, or completed from context for a bare surname or
    a pronoun ("he" -> "Oren Matsek"); ``kind`` is person, org, place, name
    (a capitalised name of unknown kind), group ("the Russian delegation",
    "officials") or unresolved (a pronoun with nobody to point at). ``written`` is
    what the sentence itself says ("he", "Lunde") and ``verb`` the speech verb.
    """

    name: str
    kind: str
    written: str
    verb: str
    start: int
    end: int
    verb_start: int = 0
    verb_end: int = 0

    @property
    def named(self) -> bool:
        return self.kind in (PERSON, ORG, PLACE, NAME)


def _unquoted(text: str) -> str:
    """``text`` with quoted words blanked out: names inside a quote are not its speaker."""
    for quote in find_quotes(text):
        text = text[: quote.start] + " " * (quote.end - quote.start) + text[quote.end :]
    return text


def find_quotes(text: str) -> list[Quote]:
    """Every quoted span in ``text``, in order (empty and one-letter quotes are skipped)."""
    found = []
    for match in _QUOTE.finditer(text):
        group = next(name for name in "abcd" if match.group(name) is not None)
        inner = match.group(group)
        start = match.start(group)
        stripped = inner.strip()
        if len(stripped) < 2:
            continue
        offset = inner.index(stripped)
        found.append(Quote(stripped, start + offset, start + offset + len(stripped)))
    return found


def _is_speech_verb(toks: Sequence[Token], i: int) -> bool:
    low = toks[i].low
    if low not in word_set("words", "speech_verbs"):
        return False
    before = next((t for t in reversed(toks[:i]) if t.is_word), None)
    if before is None:
        return False  # a sentence that opens "Says who" or a headline fragment
    if before.low in _DETERMINERS or before.possessive or before.low == "to":
        return False  # a noun ("a call", "the generals' call") or an infinitive
    after = next((t for t in toks[i + 1 :] if t.is_word), None)
    if after is not None and after.low == "as" and toks[i + 1].is_word:
        return False  # "revealed as the new Doctor", "named as": not speech
    past = low.endswith("ed") or low in ("said", "told", "wrote")
    if past or low in ("says", "tells", "adds", "writes", "warns") or low.endswith("ing"):
        return True
    # "state", "call", "claims", "reports" are nouns as often as verbs: count them only
    # right after a subject ("officials say", "Matsek claims").
    return (
        _is_cap(before)
        or before.low in _PRONOUNS
        or before.low in word_set("words", "group_nouns")
        or before.low in word_set("words", "speech_adverbs")
    )


def _is_cap(token: Token) -> bool:
    return token.text[:1].isupper()


def find_speakers(text: str, context: Sequence[str] = ()) -> list[Speaker]:
    """Who ``text`` credits with speech, resolved against ``context`` (oldest first).

    >>> [s.name for s in find_speakers("He said Lisbon was satisfied.",
    ...     context=("Lisbon offered a truce, Matsek said.",))]
    ['Matsek']
    """
    return list(_find_speakers(text, tuple(context)))


# Asked for once per rule and aligned pair a sentence is in: memoised by text and context.
@lru_cache(maxsize=20_000)
def _find_speakers(text: str, context: tuple[str, ...]) -> tuple[Speaker, ...]:
    toks = tokens(text)
    names = find_names(text)
    speakers: list[Speaker] = []
    for i, token in enumerate(toks):
        verb_end = token.end
        if token.low == "according" and i + 1 < len(toks) and toks[i + 1].low == "to":
            speaker = _after(text, toks, names, i + 2, token.text)
            verb_end = toks[i + 1].end
        elif _is_speech_verb(toks, i):
            if _PARTICIPLE.search(token.low) and _comma_before(toks, i):
                speaker = _clause_subject(text, toks, names, i, token.text)
            else:
                speaker = _before(text, toks, names, i) or _inverted(text, toks, names, i)
        else:
            continue
        if speaker is not None:
            speaker = replace(speaker, verb_start=token.start, verb_end=verb_end)
            taken_up = _pronoun_kind(toks, i)
            if taken_up and speaker.kind in (NAME, ORG) and len(key_tokens(speaker.name)) == 1:
                speaker = replace(speaker, kind=taken_up)
            speakers.append(_resolve(speaker, text, names, context))
    return tuple(speakers)


# How many words after a speech verb are searched for the pronoun that takes up its
# subject ("saying it would", "said its sales").
_PRONOUN_WINDOW = 3


def _pronoun_kind(toks: Sequence[Token], i: int) -> str | None:
    """What the pronoun that takes up the speaker of the verb at ``i`` says it is: a lone
    name spoken of as "it" is an organisation ("Orvane rejected the bid, saying it
    would list"), as "he" or "she" a person. The pronoun is stronger evidence than the
    tagger's guess on one unfamiliar word. None when no pronoun follows, or when the
    sentence holds both kinds."""
    words = {t.low for t in toks}
    personal = bool(words & {"he", "she", "his", "her", "him"})
    following = [t.low for t in toks[i + 1 : i + 1 + _PRONOUN_WINDOW] if t.is_word]
    if not following:
        return None
    if following[0] in ("it", "its") and not personal:
        return ORG
    if following[0] in ("he", "she", "his", "her") and not words & {"it", "its"}:
        return PERSON
    return None


def _comma_before(toks: Sequence[Token], i: int) -> bool:
    return i > 0 and toks[i - 1].text == ","


def _name_ending_at(names: Sequence[Name], end: int) -> Name | None:
    return next((name for name in names if name.end == end), None)


def _speaker_from_name(name: Name, verb: str) -> Speaker:
    return Speaker(name.text, name.kind, name.text, verb, name.start, name.end)


def _before(text: str, toks: Sequence[Token], names: Sequence[Name], i: int) -> Speaker | None:
    """The subject in front of a speech verb: "Matsek said", "X, who led it, said"."""
    verb = toks[i].text
    adverbs = word_set("words", "speech_adverbs")
    j = i - 1
    while j >= 0 and (toks[j].low in adverbs or toks[j].text in ")]"):
        j -= 1
    if j < 0 or toks[j].text in _QUOTE_MARKS:
        return None  # '"...," said X': the speaker follows the verb
    if toks[j].text == ",":
        named = _name_ending_at(names, toks[j - 1].end) if j > 0 else None
        if _appositive_start(toks, j) is not None:
            j = _appositive_start(toks, j)  # type: ignore[assignment]
            j -= 1
        elif named is not None and not named.possessive and _opens_aside(toks, named):
            # "Ines Gorka's lawyer, Olaf Brandt, said": the name set off by commas
            # right before the verb is who spoke; what comes before it describes him.
            return _speaker_from_name(named, verb)
    if j < 0:
        return None
    token = toks[j]
    if token.low in _PRONOUNS:
        return Speaker(token.text, _PRONOUNS[token.low], token.text, verb, token.start, token.end)
    name = _name_ending_at(names, token.end)
    if name is not None and not name.possessive:
        return _speaker_from_name(name, verb)
    if (token.is_word and not _is_cap(token)) or token.low in word_set("words", "group_nouns"):
        return _group_phrase(text, toks, j, verb)
    return None


def _opens_aside(toks: Sequence[Token], name: Name) -> bool:
    """Whether ``name`` is set off by a comma before it too: ", Olaf Brandt, said"."""
    before = [t for t in toks if t.end <= name.start]
    return bool(before) and before[-1].text == ","


def _appositive_start(toks: Sequence[Token], comma: int) -> int | None:
    """Index of the comma opening an appositive that ends at ``comma``, if it is one.

    "Petra Lunde, Orvane's chief executive, said": the words between the two
    commas describe the name in front of them.
    """
    k = comma - 1
    while k >= 0 and toks[k].text != ",":
        if toks[k].text in '.;:"“”':
            return None
        k -= 1
    if k <= 0 or comma - k < 2:
        return None
    first = toks[k + 1]
    looks_appositive = (
        first.low in ("who", "which", "whose", "a", "an", "the")
        # an aside: "Brandt, to his credit, said", "Brandt, in a statement, said"
        or first.low in _ASIDE_OPENERS
        or first.possessive
        or first.low.endswith("ing")
        or first.low in word_set("names", "title_words")
    )
    before = toks[k - 1]
    if looks_appositive and (_is_cap(before) or before.low in _PRONOUNS):
        return k
    return None


def _group_phrase(text: str, toks: Sequence[Token], j: int, verb: str) -> Speaker | None:
    """A common-noun subject: "officials from both delegations said", "the company said"."""
    k = j
    while k > 0 and toks[k - 1].is_word and toks[k - 1].low not in ("that", "and", "but"):
        k -= 1
    phrase = text[toks[k].start : toks[j].end]
    words = [t.low for t in toks[k : j + 1]]
    unnamed = words[0] in ("a", "an", "the")  # "an NRB correspondent at the venue"
    if not unnamed and not any(word in word_set("words", "group_nouns") for word in words):
        return None
    return Speaker(phrase, GROUP, phrase, verb, toks[k].start, toks[j].end)


def _inverted(text: str, toks: Sequence[Token], names: Sequence[Name], i: int) -> Speaker | None:
    """ "..., said ministry spokesman Oren Matsek." """
    if toks[i].low not in word_set("words", "inverted_speech_verbs"):
        return None
    if i == 0 or toks[i - 1].text not in (",", '"', "”", "'", "’"):
        return None
    for name in (name for name in names if name.start > toks[i].end):
        between = tokens(text[toks[i].end : name.start])
        if any(
            not t.is_word
            or not (
                _is_cap(t) or t.low in _DETERMINERS or t.low in word_set("names", "title_words")
            )
            for t in between
        ):
            return None
        # "said Matsek." / "said Dalvik, adding"; not "said Russia had given ...".
        rest = tokens(text[name.end :])
        if not rest or not rest[0].is_word or rest[0].low in ("who", "on", "in", "at", "and"):
            return _speaker_from_name(name, toks[i].text)
    return None


def _after(
    text: str, toks: Sequence[Token], names: Sequence[Name], k: int, verb: str
) -> Speaker | None:
    """The source after "according to": a name, or a phrase such as "Russian media"."""
    if k >= len(toks):
        return None
    start = toks[k].start
    for name in names:
        if name.start >= start and not text[start : name.start].strip(" ,").count(","):
            words_between = [t for t in tokens(text[start : name.start]) if t.is_word]
            if all(
                t.low in _DETERMINERS or t.low in word_set("names", "title_words")
                for t in words_between
            ):
                return _speaker_from_name(name, "according to")
            break
    end = k
    while end + 1 < len(toks) and toks[end + 1].is_word:
        end += 1
    phrase = text[toks[k].start : toks[end].end]
    return Speaker(phrase, GROUP, phrase, "according to", toks[k].start, toks[end].end)


def _clause_subject(
    text: str, toks: Sequence[Token], names: Sequence[Name], i: int, verb: str
) -> Speaker | None:
    """The speaker of "..., saying X": the first person or body named before it."""
    for name in names:
        if name.start >= toks[i].start:
            break
        if not name.possessive and name.kind != PLACE:
            return _speaker_from_name(name, verb)
    for token in toks[:i]:
        if token.low in _PRONOUNS:
            return Speaker(
                token.text, _PRONOUNS[token.low], token.text, verb, token.start, token.end
            )
    return None


def _resolve(speaker: Speaker, text: str, names: Sequence[Name], context: Sequence[str]) -> Speaker:
    """Complete "he" and bare surnames from the sentence itself, then from its context."""
    if speaker.kind == PERSON and fold(speaker.written) in ("he", "she", "i"):
        person = antecedent(text[: speaker.start], context)
        if person is None:
            return replace(speaker, kind=UNRESOLVED)
        return replace(speaker, name=person.text, kind=PERSON)
    # A lone word the tagger took for an organisation ("Lunde predicted") is still a
    # person when a person of that surname was named before: the earlier full name is
    # stronger evidence than the tagger's guess on one unfamiliar word.
    if speaker.kind in (NAME, PERSON, ORG) and len(key_tokens(speaker.name)) == 1:
        full = _full_name(speaker.name, [text, *reversed(context)])
        if full is not None:
            return replace(speaker, name=full, kind=PERSON)
    return speaker


def _full_name(surname: str, texts: Sequence[str]) -> str | None:
    from rapidfuzz import fuzz

    from crosscheck.extract.names import SURNAME_SIMILARITY

    short = key_tokens(surname)[-1]
    for text in texts:
        for name in find_names(text):
            words = key_tokens(name.text)
            if (
                name.kind == PERSON
                and len(words) > 1
                and fuzz.ratio(words[-1], short) >= SURNAME_SIMILARITY
            ):
                return name.text
    return None


def antecedent(before: str, context: Sequence[str]) -> Name | None:
    """Whom "he" points at: the first person named earlier in the sentence, else the
    speaker (or first person) of the nearest context sentence."""
    people = [
        n for n in find_names(_unquoted(before)) if n.kind in (PERSON, NAME) and not n.possessive
    ]
    if people:
        return people[0]
    for earlier in reversed(context):
        for speaker in find_speakers(earlier):
            if speaker.kind in (PERSON, NAME) and fold(speaker.written) not in _PRONOUNS:
                return Name(speaker.name, 0, 0, PERSON)
        people = [n for n in find_names(earlier) if n.kind in (PERSON, NAME) and not n.possessive]
        if people:
            return people[0]
    return None
