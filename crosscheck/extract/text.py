"""Small text helpers the extractors share: folding, tokens with offsets, crude stems.

>>> fold("Şerin Palace’s “guests”")
'serin palace\\'s "guests"'
>>> [t.text for t in tokens("Mr Dalvik’s U.S. trip")]
['Mr', 'Dalvik’s', 'U.S.', 'trip']
>>> stem("talks") == stem("talk"), stem("rising") == stem("rise")
(True, True)
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import yaml

DATA_DIR = Path(__file__).resolve().parent.parent / "data"

# Letters that Unicode does not decompose into a base letter and a mark.
_LETTERS = str.maketrans(
    {
        "ı": "i",
        "İ": "I",
        "ł": "l",
        "Ł": "L",
        "ø": "o",
        "Ø": "O",
        "đ": "d",
        "Đ": "D",
        "ß": "ss",
        "æ": "ae",
        "Æ": "AE",
        "œ": "oe",
        "Œ": "OE",
        "“": '"',
        "”": '"',
        "„": '"',
        "«": '"',
        "»": '"',
        "‘": "'",
        "’": "'",
        "‚": "'",
        "–": "-",
        "—": "-",
        "‑": "-",
    }
)


def unaccent(text: str) -> str:
    """Case-fold and drop diacritics, nothing else: "Brandvík" -> "brandvik"."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


# Checks fold the same words and sentences again and again (every rule, every pair):
# memoising these pure functions cut rule time on an 85-sentence story by more than half.
@lru_cache(maxsize=200_000)
def fold(text: str) -> str:
    """Case-fold, drop diacritics and turn typographic quotes and dashes into ASCII."""
    return re.sub(r"\s+", " ", unaccent(text.translate(_LETTERS))).strip()


def squash(text: str) -> str:
    """``fold`` and drop everything but letters and digits: "Port Elin" -> "portelin"."""
    return re.sub(r"[^0-9a-z]", "", fold(text))


@dataclass(frozen=True, slots=True)
class Token:
    """A word or punctuation mark with its character offsets in the sentence."""

    text: str
    start: int
    end: int
    # Folded, without a possessive ending: "Norland’s" -> "norland". Computed once here:
    # the checks read it about 300 times per aligned pair.
    low: str = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "low", strip_possessive(fold(self.text)))

    @property
    def is_cap(self) -> bool:
        return self.text[:1].isupper()

    @property
    def is_word(self) -> bool:
        return self.text[:1].isalnum()

    @property
    def possessive(self) -> bool:
        return fold(self.text).endswith(("'s", "s'")) and len(self.text) > 2


# Initialisms ("U.S.") first, then words with inner hyphens or apostrophes, then any
# other single mark.
_TOKEN = re.compile(r"(?:[A-Za-z]\.){2,}|\w+(?:[-'’]\w+)*'?|[^\w\s]")


@lru_cache(maxsize=50_000)
def tokens(text: str) -> tuple[Token, ...]:
    return tuple(Token(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text))


def strip_possessive(word: str) -> str:
    if word.endswith(("'s", "’s")) and len(word) > 2:
        return word[:-2]
    if word.endswith(("s'", "s’")) and len(word) > 2:
        return word[:-1]
    return word


_SUFFIXES = ("ingly", "ing", "edly", "ied", "ed", "ies", "es", "s", "ly")


def stem(word: str) -> str:
    """A crude stem that makes inflections meet: agreed/agree, rising/rise, sides/side.

    Not a real lemmatiser: it only needs two forms of one word to collide, and two
    different content words to stay apart often enough for overlap measures.
    """
    word = strip_possessive(fold(word))
    irregular = _lexicon("words")["irregular"]
    if word in irregular:
        word = str(irregular[word])
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            if suffix in ("ies", "ied"):
                word += "y"
            break
    if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "aeiou":
        word = word[:-1]  # stopped/stop, planned/plan, cancelled/cancel
    return word.rstrip("e") if len(word) > 3 else word


@cache
def _lexicon(name: str) -> dict[str, Any]:
    """One YAML file of curated word lists under ``crosscheck/data/``."""
    # libyaml's loader when PyYAML was built with it: the same data (all five files
    # compared equal), about 6x faster, and these files are read inside the first pair
    # rules of a compare (35 ms of a cold seed compare's pair rules).
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    with (DATA_DIR / f"{name}.yaml").open(encoding="utf-8") as handle:
        data = yaml.load(handle, Loader=loader)
    assert isinstance(data, dict), name
    return data


def lexicon(name: str) -> dict[str, Any]:
    """The curated word lists in ``crosscheck/data/<name>.yaml`` (read once)."""
    return _lexicon(name)


def word_set(name: str, key: str) -> frozenset[str]:
    """One list from a lexicon file, folded: ``word_set("names", "honorifics")``."""
    return _word_set(name, key)


@cache
def _word_set(name: str, key: str) -> frozenset[str]:
    return frozenset(fold(str(word)) for word in _lexicon(name)[key])


STOPWORDS = frozenset(
    """a an the and or but nor of to in on at by for from with without into onto over under
    about after before during since until as than that which who whom whose what when where
    while if then so also again still just only even yet already very more most less least
    this these those it its he she they them their his her him we our us you your i my me
    is are was were be been being am has have had having do does did doing will would shall
    should can could may might must not no never n't there here some any all both each
    other another such own same too up down out off once further""".split()
)


def content_stems(text: str) -> set[str]:
    """Stems of the words that carry meaning (no stopwords, no single letters)."""
    return {
        stem(token.text)
        for token in tokens(text)
        if token.is_word and len(token.text) > 1 and fold(token.text) not in STOPWORDS
    }
