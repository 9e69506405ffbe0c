"""A headline written in Title Case, put back in sentence case for the entity tagger.

In "Harbour FC Hire Coach As Season Opens" every word is capitalised, and the tagger
takes runs of them for names ("Harbour FC Hire"). The other outlet's sentence about the
same fact usually writes most of those words, in running text, in lower case. A word it
writes in lower case (and no capitalised form of it), or a function word ("as", "over",
"to"), is a common word here too and is lower-cased; so is a word the tagger reads as a
verb, adjective or adverb once every word the other side does not capitalise is put in
lower case (``headline_case``: "Vexlo hire ..."). Nouns keep their capital, so a name the
other side does not give stays a name. Only the case changes, so character offsets are
those of the original text.

>>> sentence_case("Vexlo Hire Ilse Varn As Head Coach", "Korvane will hire Ilse Varn as coach.")
'Vexlo hire Ilse Varn as Head coach'
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from crosscheck.extract.text import STOPWORDS

if TYPE_CHECKING:
    from spacy.tokens import Token

# A sentence of at least this many words, every one of them capitalised but the
# function words ("on", "with", "to"), is written in Title Case. A sentence that merely
# names many people ("Talking to The Hollywood Reporter, Jack Ketsoyan confirms ...")
# has lower-case content words and is left as it is.
HEADLINE_WORDS = 4

_WORD = re.compile(r"(?<![\w'’])[A-Za-z][A-Za-z'’-]*(?:\.[A-Za-z]+)*")


def title_case(text: str) -> bool:
    """Whether ``text`` is a Title Case headline ("Vexlo Hire Coach As Season Opens")."""
    words = [w for w in _WORD.findall(text) if w.isalpha()]
    if len(words) < HEADLINE_WORDS:
        return False
    return all(w[:1].isupper() or w in STOPWORDS for w in words)


def _capitalised(text: str) -> set[str]:
    """The words ``text`` writes with a capital, lower-cased."""
    return {w.lower() for w in _WORD.findall(text) if w[:1].isupper()}


def sentence_case(text: str, other: str) -> str:
    """``text`` with the capitalised words ``other`` writes in lower case, and the
    function words, lower-cased (the first word and all-capital words kept); ``text``
    unchanged if it is no Title Case headline or ``other`` is one too and gives no
    lower-case words."""
    if not title_case(text):
        return text
    lower = {w for w in _WORD.findall(other) if w.islower()}
    capital = _capitalised(other)
    # "Colts": a name in both; only a word the other side never capitalises is common.
    common = lower - capital

    def recase(found: re.Match[str]) -> str:
        word = found.group(0)
        if found.start() == 0 or not word[:1].isupper() or word.isupper():
            return word
        low = word.lower()
        return low if low in common or low in STOPWORDS else word

    return _WORD.sub(recase, text)


# Parts of speech that name no one: a word the tagger reads so in the lower-cased
# headline is a common word ("Hire", "Beats", "Again", "Defensive").
_COMMON_POS = frozenset({"VERB", "AUX", "ADV", "ADP", "DET", "PRON", "SCONJ", "CCONJ"})
# The tagger's guess is taken only where WordNet agrees: a verb or adverb it knows in
# that part of speech ("Beats": beat; not "Sox", a team's name read as a verb), an
# adjective of which it knows no noun ("Defensive"; not "Tony", a given name that is
# also an adjective).
_WORDNET_POS = {"VERB": "v", "AUX": "v", "ADV": "r"}


# Endings taken off a word to find its WordNet lemma ("reverses", "fired", "winning").
_ENDINGS = ("s", "es", "ed", "d", "ing")


def _known(word: str) -> bool:
    """Whether WordNet knows ``word`` or its stem in some part of speech: a word no
    dictionary lists ("Varn") is a name, and stays capitalised for the parse."""
    from crosscheck.extract import wordnet

    if not wordnet.available():
        return True
    forms = [word] + [
        word[: -len(e)] for e in _ENDINGS if word.endswith(e) and len(word) > len(e) + 2
    ]
    return any(wordnet.is_word(form, pos) for form in forms for pos in ("n", "v", "a", "r"))


def _common(token: Token) -> bool:
    """Whether a word of the lower-cased headline is a common word, not a name."""
    from crosscheck.extract import wordnet

    if token.pos_ == "ADJ":
        return wordnet.is_word(token.lower_, "a") and not wordnet.is_word(token.lower_, "n")
    if token.pos_ not in _COMMON_POS:
        return False
    pos = _WORDNET_POS.get(token.pos_)
    return pos is None or token.lower_ in STOPWORDS or wordnet.is_word(token.lemma_.lower(), pos)


def flat_case(text: str, capital: frozenset[str] | set[str] = frozenset()) -> str:
    """``text`` with every word a dictionary knows in lower case, but the first word,
    all-capital words and the words in ``capital`` (lower-cased words another text
    capitalises): a headline's words for a parse that is not misled by its capitals."""
    return _WORD.sub(
        lambda m: (
            m.group(0)
            if m.start() == 0
            or m.group(0).isupper()
            or m.group(0).lower() in capital
            or not (_known(m.group(0).lower()) or m.group(0).lower() in STOPWORDS)
            else m.group(0).lower()
        ),
        text,
    )


def headline_case(text: str, other: str) -> str:
    """``sentence_case``, and also every capitalised word that the parse of the fully
    lower-cased headline (the first word and the other side's capitalised words kept)
    reads as no noun: "Vexlo Hire Coach" -> "Vexlo hire Coach". Parses twice (cached)."""
    cased = sentence_case(text, other)
    if cased is text:
        return text
    from crosscheck.nlp import default_parser

    flat = flat_case(text, _capitalised(other))
    common = [(t.idx, t.idx + len(t.text)) for t in default_parser()(flat) if _common(t)]
    chars = list(cased)
    for start, end in common:
        if start and not text[start:end].isupper():
            chars[start:end] = text[start:end].lower()
    return "".join(chars)


def caps_case(text: str, other: str) -> str:
    """An all-capitals headline in sentence case, for the parse: every word lower-cased
    but the first letter of the first and the words ``other`` capitalises ("ROVERS TOP
    COMETS" -> "Rovers top Comets" beside a sentence naming the Rovers and the Comets).
    Same length as ``text``, so offsets into it stay valid; ``text`` itself when it is
    not written in capitals."""
    words = [w for w in _WORD.findall(text) if w.isalpha()]
    if len(words) < HEADLINE_WORDS or not all(w.isupper() for w in words):
        return text
    capital = _capitalised(other)

    def recase(found: re.Match[str]) -> str:
        word = found.group(0)
        if found.start() == 0 or word.lower() in capital:
            return word[:1] + word[1:].lower()
        return word.lower()

    return _WORD.sub(recase, text)
