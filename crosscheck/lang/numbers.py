"""Figures in German, French and Spanish text: digits with their separators and words.

"1 700" and "1.700" are one thousand seven hundred (French writes thousands with a
space, German and Spanish with a full stop; all three use a decimal comma), and
number words ("drei", "sept mille", "mil setecientos") are read by text2num, which
knows each language's number grammar. text2num is imported on first use.

>>> [(n.text, n.value) for n in read_numbers("1 700 morts et sept mille blessés", "fr")]
[('1 700', 1700.0), ('sept mille', 7000.0)]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

__all__ = ["LangNumber", "read_numbers"]

LANGUAGES = ("de", "fr", "es")
# The longest run of words tried as one number ("zwei millionen dreihunderttausend",
# "mil setecientos cuarenta y dos"): six words cover every figure news writes in words.
MAX_NUMBER_WORDS = 6

# Thousands groups: a space (also narrow and no-break spaces), a full stop, and in
# French an apostrophe is not used (that is Swiss); a decimal comma may follow.
_DIGITS = re.compile(
    r"(?<![\d.,])\d{1,3}(?:(?P<sep>[ .\u00a0\u202f])\d{3})(?:(?P=sep)\d{3})*(?:,\d+)?(?![\d])"
    r"|(?<![\d.,])\d+(?:,\d+)?(?![\d])"
)
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")


@dataclass(frozen=True, slots=True)
class LangNumber:
    """One figure in a text: its span, its value, and whether it was written in words."""

    text: str
    start: int
    end: int
    value: float
    words: bool = False


def read_numbers(text: str, lang: str) -> list[LangNumber]:
    """Every figure ``text`` (in ``lang``) states, in order; a lone "ein"/"un"/"uno"
    (also an article) is not a figure.

    >>> [(n.text, n.value) for n in read_numbers("Drei Tote, 1.700 Verletzte", "de")]
    [('Drei', 3.0), ('1.700', 1700.0)]
    """
    if lang not in LANGUAGES:
        raise ValueError(f"figures are read for {', '.join(LANGUAGES)}, not {lang!r}")
    found = []
    scaled: set[int] = set()  # starts of scale words taken into a figure ("2,5 Millionen")
    for m in _DIGITS.finditer(text):
        if _is_date_part(text, m.start(), m.end()):
            continue
        value, end = _digits_value(m.group()), m.end()
        scale = re.match(r"\s+([^\W\d_]+)", text[end:])
        factor = _scale(scale.group(1), lang) if scale else None
        if scale and factor:
            scaled.add(end + scale.start(1))
            value, end = value * factor, end + scale.end()
        found.append(LangNumber(text[m.start() : end], m.start(), end, value))
    found.extend(n for n in _number_words(text, lang) if n.start not in scaled)
    return sorted(found, key=lambda n: n.start)


def _scale(word: str, lang: str) -> float | None:
    """1e3, 1e6 or 1e9 when ``word`` is a scale word ("Millionen", "milliards", "mil")."""
    value = _word_value(word.lower(), lang)
    return float(value) if value in (1000, 10**6, 10**9) else None


@cache
def _word_value(word: str, lang: str) -> int | None:
    from text_to_num import text2num

    try:
        return int(text2num(word, lang))
    except (ValueError, KeyError):
        return None


def _digits_value(figure: str) -> float:
    whole, _, decimals = figure.partition(",")
    digits = re.sub(r"[ .\u00a0\u202f]", "", whole)
    return float(f"{digits}.{decimals}" if decimals else digits)


def _is_date_part(text: str, start: int, end: int) -> bool:
    # "14.04.2025": its parts are a date's, not figures (crosscheck.lang.dates reads it).
    return bool(
        re.match(r"[./]\d{1,2}[./]\d{4}", text[end:])
        or re.search(r"\d[./]\d{0,2}[./]?$", text[:start])
    )


@cache
def _single_ones(lang: str) -> frozenset[str]:
    """Words for "one" that are also the indefinite article: never a figure alone."""
    from text_to_num import text2num

    candidates = {"ein", "eine", "einen", "einem", "einer", "un", "une", "uno", "una"}
    ones = set()
    for word in candidates:
        try:
            if text2num(word, lang) == 1:
                ones.add(word)
        except ValueError:
            continue
    return frozenset(ones)


def _number_words(text: str, lang: str) -> list[LangNumber]:
    from text_to_num import text2num

    words = list(_WORD.finditer(text))
    found: list[LangNumber] = []
    i = 0
    while i < len(words):
        best: tuple[int, int] | None = None
        for j in range(min(len(words), i + MAX_NUMBER_WORDS), i, -1):
            # Only runs of adjacent words (a space or a hyphen between them).
            gap = text[words[i].end() : words[j - 1].start()]
            if j - i > 1 and not re.fullmatch(r"[\w\s-]*", gap):
                continue
            # A figure opens and closes on number words ("vingt et un", not "und fünf").
            if _word_value(words[i].group().lower(), lang) is None:
                break
            if _word_value(words[j - 1].group().lower(), lang) is None:
                continue
            phrase = text[words[i].start() : words[j - 1].end()]
            try:
                value = text2num(phrase.lower(), lang)
            except (ValueError, KeyError):
                continue
            best = (j, value)
            break
        if best is None:
            i += 1
            continue
        j, value = best
        phrase = text[words[i].start() : words[j - 1].end()]
        if not (j - i == 1 and phrase.lower() in _single_ones(lang)):
            found.append(
                LangNumber(phrase, words[i].start(), words[j - 1].end(), float(value), words=True)
            )
        i = j
    return found
