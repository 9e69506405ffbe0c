"""Figures as written, in digits or words: the value and scale of each, nothing more.

Part of reading quantities (``crosscheck.extract.numbers`` builds a ``Quantity`` around
each figure found here: its unit, hedge and what it counts).

>>> word_value("one hundred and twenty"), word_value("two and a half")
(120.0, 2.5)
>>> [(c.low, c.kind) for c in map(read_core, FIGURE.finditer("dozens of 3.5bn"))]
[(24, 'vague'), (3500000000.0, 'number')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_ONES = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
_SCALES = {
    "hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
    "bn": 1e9, "b": 1e9, "mn": 1e6, "mln": 1e6, "m": 1e6, "k": 1e3, "tn": 1e12,
    "crore": 1e7, "lakh": 1e5,
}  # fmt: skip
_WORD = "|".join([*_ONES, "hundred", "thousand", "million", "billion", "trillion", "dozen"])
# "and" joins number words only after a scale: "one hundred and twenty", not "three and four".
_SCALE_AND = r"(?:(?<=hundred)|(?<=thousand)|(?<=million)|(?<=billion))\s+and\s+"
# A figure: thousands grouped by commas ("2,000"; also "2, 000", a spacing that copy
# pasted from some feeds carries), or plain digits, not starting with a zero ("078" in
# "MS08-078" is a code, not a quantity).
_DIGITS = (
    r"(?<![\w.,/:])(?<![A-Za-z]-)(?!0\d)(?:\d{1,3}(?:,\d{3})+|\d{1,3}(?:,\x20000)+|\d+)"
    r"(?:\.\d+)?(?:\s?[½¼¾])?(?![\d,]\d|/\d)"
)
_VULGAR = {"½": 0.5, "¼": 0.25, "¾": 0.75}
FIGURE = re.compile(
    rf"(?P<digits>{_DIGITS})"
    r"(?:(?:\s*|-)(?P<scale>thousand|million|billion|trillion|bn|mn|mln|tn|crore|lakh)\b"
    r"|(?P<short>[mbk])\b)?"
    rf"|(?P<words>\b(?:an?\s+(?=(?:dozen|hundred|thousand|million|billion)\b))?"
    rf"(?:{_WORD})(?:(?:[\s-]+|{_SCALE_AND})(?:{_WORD})\b)*(?:\s+and\s+a\s+half)?\b)"
    r"|(?P<halfunit>\bhalf\s+an?(?=\s+(?:hour|day|year|mile|minute))|\ban?(?=\s+(?:hour|day|week"
    r"|month|year|decade|minute|century)s?\b(?!\s+ago)))"
    r"|(?P<vague>\b(?:(?:tens|hundreds)\s+of\s+)?(?:dozens|hundreds|thousands|millions"
    r"|billions)\b(?:\s+of\b)?)"
    r"|(?P<fraction>\b(?:an?|one|two|three)[\s-](?:half|third|quarter|fifth|tenth)s?(?=\s+of\b)"
    r"|\bhalf(?=\s+of\b))"
    r"|(?P<magword>\b(?:multi-?)?(?:million|billion|trillion)-(?=dollar|pound|euro))",
    re.IGNORECASE,
)
# Plural scales as ranges, from the scale to a hundred times it. Loose on purpose: writers
# say "thousands" of 25,000 people, and a vague word should only clash with a figure
# plainly outside it ("dozens" against 3,000), never decide a close call.
_VAGUE = {
    "dozens": (24, 1_199), "hundreds": (100, 9_999), "thousands": (1_000, 99_999),
    "millions": (1e6, 99e6), "billions": (1e9, 99e9),
    "tens of thousands": (10_000, 999_999), "hundreds of thousands": (100_000, 9_999_999),
    "tens of millions": (10e6, 999e6), "hundreds of millions": (100e6, 9_999e6),
}  # fmt: skip
_FRACTIONS = {"half": 50.0, "third": 100 / 3, "quarter": 25.0, "fifth": 20.0, "tenth": 10.0}


def word_value(words: str) -> float | None:
    """ "two and a half" -> 2.5, "one hundred and twenty" -> 120, "a dozen" -> 12."""
    tokens = re.findall(r"[a-z]+", words.lower())
    total = current = 0.0
    seen = False
    half = False
    previous = ""
    for index, token in enumerate(tokens):
        if token in ("a", "an"):
            current = max(current, 1.0)
            continue
        if token == "and":
            if tokens[index + 1 : index + 3] == ["a", "half"]:
                half = True
                break
            if previous not in ("hundred", "thousand", "million", "billion", "trillion"):
                return None if not seen else total + current
            continue
        if token in _ONES:
            current += _ONES[token]
        elif token == "dozen":
            current = (current or 1) * 12
        elif token == "hundred":
            current = (current or 1) * 100
        elif token in _SCALES:
            total += (current or 1) * _SCALES[token]
            current = 0
        seen = True
        previous = token
    if not seen:
        return None
    return total + current + (0.5 if half else 0.0)


@dataclass(slots=True)
class Core:
    start: int
    end: int
    low: float
    high: float
    kind: str  # "number", "short" ("5m"), "unit1" ("an hour"), "vague", "fraction", "magword"
    factor: float = 1.0  # the scale written after the figure: 1e9 for "32 billion"


def read_core(match: re.Match[str]) -> Core | None:
    start, end = match.span()
    if match["digits"]:
        digits = match["digits"].replace(", ", "").replace(",", "")
        value = float(digits.rstrip(" ½¼¾")) + _VULGAR.get(digits[-1], 0.0)
        factor = _SCALES.get((match["scale"] or match["short"] or "").lower(), 1.0)
        kind = "short" if match["short"] else "number"
        return Core(start, end, value * factor, value * factor, kind, factor)
    if match["words"]:
        text = match["words"]
        words_value = word_value(text)
        if words_value is None:
            return None
        last = text.lower().split()[-1].split("-")[-1]
        factor = _SCALES[last] if last in _SCALES and last != "hundred" else 1.0
        return Core(start, end, words_value, words_value, "number", factor)
    if match["halfunit"]:
        value = 0.5 if match["halfunit"].lower().startswith("half") else 1.0
        return Core(start, end, value, value, "unit1")
    if match["vague"]:
        key = " ".join(match["vague"].lower().split()).removesuffix(" of")
        low, high = _VAGUE[key]
        return Core(start, end, low, high, "vague")
    if match["fraction"]:
        words = match["fraction"].lower().split()
        name = next(w.rstrip("s") for w in words if w.rstrip("s") in _FRACTIONS)
        count = word_value(words[0]) if words[0] not in ("half",) else 1.0
        value = _FRACTIONS[name] * (count or 1)
        return Core(start, end, value, value, "fraction")
    scale = match["magword"].lower().split("-")[-2] if "-" in match["magword"] else ""
    base = _SCALES.get(scale.replace("multi", ""), 1e9)
    if "multi" in match["magword"].lower():
        return Core(start, end, base * 2, base * 100, "magword")
    # "the billion-dollar mark": of the order of a billion.
    return Core(start, end, base, base * 10, "magword")
