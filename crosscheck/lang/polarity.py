"""Clauses and their polarity in German, French and Spanish, as the negation check reads.

The shapes are ``extract.polarity.Clause``: a clause's concepts (its content words,
lower-cased, with the language's plural and inflection endings stripped; stop words
from spaCy's lists for the language, read from their files without loading spaCy),
its polarity (negative with one or more negators of the language's vocabulary data,
positive with none) and what the negation covers. There are no negative verbs or
synonym groups here as there are for English: "nicht belastet" / "belastet" is read,
"dementierte" / "bestätigte" is not.

>>> [(c.polarity, c.predicate) for c in clauses("Das Wasser sei nicht belastet.", "de")]
[('negative', 'belastet')]
"""

from __future__ import annotations

import importlib.util
import re
import runpy
from functools import cache, lru_cache
from pathlib import Path

from crosscheck.extract.polarity import NEGATIVE, POSITIVE, Clause

__all__ = ["clauses", "stop_words"]

LANGUAGES = ("de", "fr", "es")
# A stem keeps at least this many letters ("Haus" is not cut to "Hau").
MIN_STEM = 4
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


@cache
def stop_words(lang: str) -> frozenset[str]:
    """spaCy's stop words for ``lang``, read from spacy/lang/<lang>/stop_words.py
    (importing spaCy itself costs seconds); empty when spaCy is not installed."""
    spec = importlib.util.find_spec("spacy")
    if spec is None or spec.origin is None:
        return frozenset()
    path = Path(spec.origin).parent / "lang" / lang / "stop_words.py"
    if not path.is_file():
        return frozenset()
    words = runpy.run_path(str(path)).get("STOP_WORDS", set())
    return frozenset(str(w).casefold() for w in words)


def _stem(word: str, suffixes: tuple[str, ...]) -> str:
    for suffix in suffixes:
        if word.endswith(suffix) and len(word) - len(suffix) >= MIN_STEM:
            return word[: -len(suffix)]
    return word


@cache
def _boundary(lang: str) -> re.Pattern[str]:
    from crosscheck.lang import vocabulary

    words = "|".join(re.escape(w) for w in vocabulary(lang).contrast)
    conjunctions = rf"|\b(?:{words})\b" if words else ""
    return re.compile(rf",(?!\d)|[;:()]|\s[-–—]\s{conjunctions}", re.IGNORECASE)


def clauses(text: str, lang: str) -> list[Clause]:
    """The clauses of a sentence in ``lang`` with their polarity."""
    if lang not in LANGUAGES:
        raise ValueError(f"clauses are read for {', '.join(LANGUAGES)}, not {lang!r}")
    return list(_clauses(text, lang))


@lru_cache(maxsize=4096)
def _clauses(text: str, lang: str) -> tuple[Clause, ...]:
    parts = [p for p in _boundary(lang).split(text) if p and p.strip(" .!?\"'“”«»")]
    return tuple(_clause(part, lang) for part in parts)


def _clause(text: str, lang: str) -> Clause:
    from crosscheck.lang import vocabulary

    vocab = vocabulary(lang)
    negators = {n.casefold() for n in vocab.negations}
    stops = stop_words(lang) - negators
    words = []
    for match in _WORD.finditer(text):
        word = match.group().casefold()
        # French elision: "n'avait" is the negator "n" and the verb "avait".
        head, _, tail = word.replace("’", "'").partition("'")
        words.extend([head, tail] if tail else [head])
    cue_index = next((i for i, w in enumerate(words) if w in negators), None)

    def concepts(items: list[str]) -> list[str]:
        return [_stem(w, vocab.suffixes) for w in items if w not in stops and w not in negators]

    if cue_index is None:
        return Clause(text.strip(), frozenset(concepts(words)), POSITIVE, frozenset())
    scope = concepts(words[cue_index + 1 :])
    return Clause(
        text.strip(),
        frozenset(concepts(words)),
        NEGATIVE,
        frozenset(scope),
        cue=words[cue_index],
        predicate=scope[0] if scope else "",
    )
