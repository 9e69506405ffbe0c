"""Languages: which one an article is in, and what crosscheck knows of each.

``detect_language`` names an article's language (ISO 639-1) with lingua, a detector
that ships its n-gram data inside its wheel. ``vocabulary`` reads the per-language data
in ``crosscheck/lang/data/<code>.yaml`` (abbreviations for sentence splitting, hedges,
negations, contrasting conjunctions, word endings, speech verbs); month and weekday
names and relative-day words come from dateparser's locale data. ``read_dates`` and
``read_numbers`` read German, French and Spanish dates and figures
(crosscheck.lang.dates, crosscheck.lang.numbers).

>>> detect_language("Am 14. April 2025 wurden drei Menschen verletzt, teilte die Polizei mit.")
'de'
>>> vocabulary("fr").name
'French'

Adding a language: write ``data/<code>.yaml`` (copy ``de.yaml``), add the code to
``READ`` (dateparser and text2num must know it) and, if lingua should tell it from
the others, to ``DETECTED``; then give it a gold cluster under tests/data/lang/.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import yaml

from crosscheck.lang.dates import LangDate, read_dates
from crosscheck.lang.numbers import LangNumber, read_numbers

__all__ = [
    "DETECTED",
    "READ",
    "LangDate",
    "LangNumber",
    "Vocabulary",
    "detect_language",
    "language_name",
    "read_dates",
    "read_numbers",
    "vocabulary",
]

DATA = Path(__file__).resolve().parent / "data"

# Languages whose dates, figures and sentence boundaries crosscheck reads. English is
# read by crosscheck/extract/ itself; the others by this package.
READ = ("en", "de", "fr", "es")
# Languages lingua chooses among: the read ones plus the neighbours most often met in
# European news, so that an Italian or Dutch article is named as such (and reported as
# not read) instead of being forced into the nearest supported language.
DETECTED = ("en", "de", "fr", "es", "it", "pt", "nl", "pl", "sv", "da")
# Below this many letters a guess is not worth making (a headline-only stub).
DETECT_MIN_LETTERS = 40
# How much of an article the detector reads: the language is settled long before, and
# lingua's cost grows with the text. Not tuned: a few paragraphs of any article.
DETECT_MAX_CHARS = 2000
# lingua's confidence for its top language below which the answer is None. Not tuned
# on data: low accuracy mode on a news paragraph gives the right language at >= 0.5 on
# the seeds, the dev clusters and tests/data/lang (all measured right).
DETECT_MIN_CONFIDENCE = 0.5

_NAMES = {
    "en": "English", "de": "German", "fr": "French", "es": "Spanish", "it": "Italian",
    "pt": "Portuguese", "nl": "Dutch", "pl": "Polish", "sv": "Swedish", "da": "Danish",
}  # fmt: skip


def language_name(code: str | None) -> str:
    """'de' -> 'German'; an unknown code is returned as it is."""
    return _NAMES.get(code or "", code or "unknown")


@cache
def _detector():  # type: ignore[no-untyped-def]
    # Low accuracy mode loads the trigram models only: ~0.07 s for the first article
    # instead of ~1.1 s (measured on this shared machine), and a paragraph of news
    # prose is far longer than the short phrases where the full models matter.
    from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

    languages = [Language.from_iso_code_639_1(getattr(IsoCode639_1, c.upper())) for c in DETECTED]
    return LanguageDetectorBuilder.from_languages(*languages).with_low_accuracy_mode().build()


def detect_language(text: str) -> str | None:
    """The ISO 639-1 code of ``text``'s language, or None when too short or unsure."""
    sample = text[:DETECT_MAX_CHARS]
    if sum(ch.isalpha() for ch in sample) < DETECT_MIN_LETTERS:
        return None
    values = _detector().compute_language_confidence_values(sample)
    if not values or values[0].value < DETECT_MIN_CONFIDENCE:
        return None
    return values[0].language.iso_code_639_1.name.lower()


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """One language's words that the splitter and the checks read, from data/<code>.yaml."""

    code: str
    name: str
    abbreviations: frozenset[str]
    hedges: dict[str, tuple[str, ...]]
    negations: tuple[str, ...]
    speech_verbs: tuple[str, ...]
    contrast: tuple[str, ...] = ()
    suffixes: tuple[str, ...] = ()
    # word after a figure (casefolded) -> the unit it names ("%", "EUR", "hour")
    units: dict[str, str] = field(default_factory=dict)
    # word just before a date (casefolded) -> its role ("seit" -> "start", "bis" -> "end")
    date_roles: dict[str, str] = field(default_factory=dict)
    # words beside a weekday that move it to another week ("letzten", "dernier")
    week_shifters: frozenset[str] = frozenset()
    # parts of the day written onto a weekday ("Montagabend")
    day_parts: tuple[str, ...] = ()


@cache
def vocabulary(code: str) -> Vocabulary:
    """The vocabulary of a language in ``READ``; a ``ValueError`` names the ones there are."""
    if code not in READ:
        raise ValueError(f"no vocabulary for language {code!r} (available: {', '.join(READ)})")
    path = DATA / f"{code}.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    _only_strings(path, data)
    return Vocabulary(
        code=code,
        name=str(data.get("name", code)),
        abbreviations=frozenset(str(a) for a in data.get("abbreviations") or ()),
        hedges={str(k): tuple(map(str, v)) for k, v in (data.get("hedges") or {}).items()},
        negations=tuple(map(str, data.get("negations") or ())),
        speech_verbs=tuple(map(str, data.get("speech_verbs") or ())),
        contrast=tuple(map(str, data.get("contrast") or ())),
        suffixes=tuple(sorted(map(str, data.get("suffixes") or ()), key=len, reverse=True)),
        units={
            str(word).casefold(): str(unit)
            for unit, words in (data.get("units") or {}).items()
            for word in words
        },
        date_roles={
            str(word).casefold(): str(role)
            for role, words in (data.get("date_roles") or {}).items()
            for word in words
        },
        week_shifters=frozenset(str(w).casefold() for w in data.get("week_shifters") or ()),
        day_parts=tuple(str(p).casefold() for p in data.get("day_parts") or ()),
    )


def _only_strings(path: Path, data: object, where: str = "") -> None:
    """Every word in a vocabulary file is a string: YAML reads a bare ``no`` or ``on``
    as a boolean, which would silently drop the word."""
    if isinstance(data, dict):
        for key, value in data.items():
            _only_strings(path, value, f"{where}{key}: ")
    elif isinstance(data, list):
        for item in data:
            if not isinstance(item, str):
                raise ValueError(f"{path}: {where}{item!r} is not a word; quote it")
