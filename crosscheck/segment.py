"""Article -> [Sentence]: sentence spans with exact character offsets into ``Article.text``.

Lines are hard boundaries: ingest leaves one paragraph (or heading, or standfirst) per
line, so a line without final punctuation is a sentence of its own and nothing joins
across a line break. Inside a line a library splitter proposes boundaries and a few
repairs for news prose follow (closing quotes, abbreviations before names and numbers).

Which splitter won, by measurement (scripts/measure_splitters.py; sentences exactly
right on the hard cases in tests/cases/segment_hard_cases.yaml, 59 "tuned" cases that
were in hand while the repairs were written and 19 "holdout" cases written after; the
11 seed and dev articles for speed and for their 146 gold mentions, all of which fall
inside one sentence with every library):

    splitter              tuned    holdout   sentences/s
    pysbd                 52/59    18/19       ~2,000
    pysbd + repairs       55/59    19/19       ~2,000
    syntok                52/59    17/19      ~11,000
    syntok + repairs      59/59    19/19      ~10,000   <- used
    blingfire             54/59    18/19      ~20,000
    blingfire + repairs   58/59    19/19      ~29,000
    regex baseline        37/59    12/19     ~440,000

With the repairs the three libraries tie on the holdout cases; syntok is kept because
its misses are the kind the repairs can mend (it never misses a boundary the repairs
cannot restore, while blingfire runs "vote. Dr. Patel" together and pysbd never splits
inside a quotation), and because it is pure Python (blingfire ships x86-64 binaries
only). 10,000 sentences a second is far more than a comparison of a few articles needs.

>>> from crosscheck.types import Article, Source
>>> article = Article(Source("wire", "wire.txt", "", "Wire"), "Gen. Halvorsen spoke. It was brief.")
>>> [s.text for s in split_sentences(article)]
['Gen. Halvorsen spoke.', 'It was brief.']
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from functools import cache
from itertools import pairwise

from syntok import segmenter

from crosscheck.lang import vocabulary
from crosscheck.lang.dates import month_words
from crosscheck.types import Article, Sentence

__all__ = [
    "SPLITTER",
    "Splitter",
    "sentence_spans",
    "split_clauses",
    "split_phrases",
    "split_sentences",
]

Span = tuple[int, int]

# --- the splitter: one line of text -> spans within it ----------------------------------

# What proposes boundaries inside a line. The candidates the module docstring's table
# compares (pysbd, blingfire, a regex baseline) are development tooling, in
# tests/splitters.py, measured by scripts/measure_splitters.py.
Splitter = Callable[[str], list[Span]]


def syntok_spans(line: str) -> list[Span]:
    """Sentence spans syntok proposes in one line, before the repairs.

    >>> syntok_spans("It rained. Talks went on.")
    [(0, 10), (11, 25)]
    """
    spans = []
    for paragraph in segmenter.analyze(line):
        for sentence in paragraph:
            start = sentence[0].offset
            last = sentence[-1]
            spans.append((start, last.offset + len(last.value)))
    return spans


# The splitter split_sentences uses (see the module docstring for the figures).
SPLITTER: Splitter = syntok_spans

# --- repairs -----------------------------------------------------------------------------

# Abbreviations that, in news prose, stand before a name or a number and so never end
# a sentence when a capital letter or digit follows: titles, ranks, "No. 10", "Jan. 5".
_BEFORE_NAME = {
    "mr", "mrs", "ms", "mx", "dr", "prof", "sir", "gen", "lt", "col", "maj", "capt", "cpt",
    "sgt", "cpl", "adm", "cmdr", "brig", "gov", "sen", "rep", "rev", "fr", "st", "mt",
    "pres", "supt", "insp", "det", "hon", "amb", "no", "nos", "vs", "v", "jan", "feb",
    "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "fig", "art",
    "sec", "ch", "vol", "pp", "p", "approx", "est", "dept", "univ", "e.g", "i.e", "cf",
    "jr", "sr",
}  # fmt: skip
# Closed-class words that open sentences and are never names: after one of these, a
# stop is a sentence end even behind initials ("he lived in Columbia, S.C. He moved ...").
_SENTENCE_OPENERS = {
    "the", "a", "an", "he", "she", "it", "they", "we", "i", "his", "her", "its", "their",
    "our", "this", "that", "these", "those", "there", "but", "and", "in", "on", "at", "for",
    "if", "when", "while", "after", "before", "however", "meanwhile", "yet", "then", "so",
}  # fmt: skip
# Abbreviations that join two things ("Sweden vs. The Netherlands", "e.g. The Times"):
# an opener after them is still inside the sentence.
_JOINING = {"vs", "v", "e.g", "i.e", "cf"}
_WORD_BEFORE_STOP = re.compile(r"(?:^|[\s(\"“‘'])(?P<word>[\w.]+?)\.$")
_INITIAL = re.compile(r"(?:^|[\s(])(?:[A-Z]\.)+$")
# A stop, white space, then a capital (a candidate boundary behind an abbreviation).
_STOP_THEN_WORD = re.compile(r"\.\s+(?=[\"“‘(]?[A-Z])")
# "a.m." or "p.m." then a capitalised word and a lower-case one: a new sentence, unless
# the pair is a time zone ("10 a.m. Lisbon time", "9 a.m. Eastern Time" has no lower case).
_CLOCK_END = re.compile(r"\b[ap]\.m\.(?=\s+[A-Z][a-z]+\s+(?!time\b|hours?\b)[a-z])")
# A stop (or ? !) inside a closing quote, then a space and a capital: a boundary that
# some splitters miss ("He called it “absurd.” The talks ...").
_QUOTE_END = re.compile(r"[.!?][\"”’]+(?=\s+[\"“‘]?[A-Z])")


def _merge_false_breaks(line: str, spans: list[Span]) -> list[Span]:
    """Undo breaks after an abbreviation that introduces a name or number."""
    merged: list[Span] = []
    for start, end in spans:
        if merged:
            previous = line[merged[-1][0] : merged[-1][1]].rstrip()
            following = line[start:end].lstrip()
            if _is_false_break(previous, following):
                merged[-1] = (merged[-1][0], end)
                continue
        merged.append((start, end))
    return merged


def _opens_sentence(following: str) -> bool:
    """``following`` starts with a capitalised opener ("The", "He", "In", ...)."""
    match = re.match(r"[\"“‘(]?([A-Z][a-z]*)(?=[\s,])", following)
    return bool(match and match.group(1).lower() in _SENTENCE_OPENERS)


def _is_false_break(previous: str, following: str) -> bool:
    if not previous.endswith("."):
        return False
    if _opens_sentence(following):
        return False
    if not following[:1].isupper() and not following[:1].isdigit():
        # "e.g. Poland" aside, a lower-case start means the stop was not an end, unless
        # a brand written in camel case ("eBay", "iPhone") follows a full word.
        if _CAMEL_CASE.match(following) and not _ends_in_abbreviation(previous):
            return False
        return bool(following[:1].islower())
    if _INITIAL.search(previous) and not re.search(r"\b(?:U\.S|U\.K|U\.N|E\.U)\.$", previous):
        # "V.R. Matsek", "George R. R. Martin"; country initials can end a sentence.
        return True
    match = _WORD_BEFORE_STOP.search(previous)
    return bool(match and match.group("word").lower() in _BEFORE_NAME)


_CAMEL_CASE = re.compile(r"[\"“‘(]?[a-z]{1,3}[A-Z][A-Za-z]*\b")


def _ends_in_abbreviation(previous: str) -> bool:
    """``previous`` ends in "e.g.", "vs.", an initial or another short abbreviation."""
    match = _WORD_BEFORE_STOP.search(previous)
    if match is None:
        return True
    word = match.group("word")
    return "." in word or word.lower() in _JOINING or len(word) <= 2


# Where a repair cuts: the end of the sentence before and the start of the one after
# (white space between them is trimmed later), or None to leave the match alone.
Boundary = Callable[[re.Match[str], int, int], tuple[int, int] | None]


def _split_where(
    line: str, spans: list[Span], pattern: re.Pattern[str], boundary: Boundary
) -> list[Span]:
    """Split each span at the matches of ``pattern`` where ``boundary(match, cut, end)``
    says so (``cut``: where the current sentence began; ``end``: the span's end)."""
    result: list[Span] = []
    for start, end in spans:
        cut = start
        for match in pattern.finditer(line, start, end):
            found = boundary(match, cut, end)
            if found is not None:
                result.append((cut, found[0]))
                cut = found[1]
        result.append((cut, end))
    return result


def _split_after_quotes(line: str, spans: list[Span]) -> list[Span]:
    """Split where a sentence ends inside a closing quote and a new one begins."""

    def boundary(match: re.Match[str], cut: int, end: int) -> tuple[int, int] | None:
        if match.end() < end and not _is_attribution_after(line[match.end() : end]):
            return match.end(), match.end()
        return None

    return _split_where(line, spans, _QUOTE_END, boundary)


def _split_before_openers(line: str, spans: list[Span]) -> list[Span]:
    """Split after an abbreviation when a sentence opener follows ("in the U.S. The ...")."""

    def boundary(match: re.Match[str], cut: int, end: int) -> tuple[int, int] | None:
        before = _WORD_BEFORE_STOP.search(line[cut : match.start() + 1])
        word = before.group("word").lower() if before else ""
        if word in _JOINING or not _opens_sentence(line[match.end() : end]):
            return None
        return match.start() + 1, match.end()

    return _split_where(line, spans, _STOP_THEN_WORD, boundary)


_STOP_THEN_BRAND = re.compile(r"\.\s+(?=[\"“‘(]?[a-z]{1,3}[A-Z][A-Za-z]*\b)")


def _split_before_brands(line: str, spans: list[Span]) -> list[Span]:
    """Split where a camel-case brand opens a sentence ("on Tuesday. eBay shares ...")."""

    def boundary(match: re.Match[str], cut: int, end: int) -> tuple[int, int] | None:
        if _ends_in_abbreviation(line[cut : match.start() + 1]):
            return None
        return match.start() + 1, match.end()

    return _split_where(line, spans, _STOP_THEN_BRAND, boundary)


def _split_after_clock(line: str, spans: list[Span]) -> list[Span]:
    """Split "at 4 a.m. Residents ran ..." but not "at 10 a.m. Lisbon time"."""
    return _split_where(
        line, spans, _CLOCK_END, lambda match, _cut, _end: (match.end(), match.end())
    )


def _is_attribution_after(rest: str) -> bool:
    # “Why now?” the senator asked.  -> the quote is inside one sentence.
    return bool(re.match(r"\s+[a-z]", rest))


def _trim(line: str, spans: list[Span]) -> list[Span]:
    trimmed = []
    for start, end in spans:
        while start < end and line[start].isspace():
            start += 1
        while end > start and line[end - 1].isspace():
            end -= 1
        if start < end:
            trimmed.append((start, end))
    return trimmed


def _cover(line: str, spans: list[Span]) -> list[Span]:
    """Make spans tile the line: splitters may drop characters between sentences."""
    if not spans:
        return [(0, len(line))]
    spans = sorted(spans)
    tiled = []
    for i, (start, _end) in enumerate(spans):
        begin = 0 if i == 0 else start
        stop = spans[i + 1][0] if i + 1 < len(spans) else len(line)
        tiled.append((begin, stop))
    return tiled


def line_spans(
    line: str, splitter: Splitter = SPLITTER, *, repair: bool = True, lang: str | None = None
) -> list[Span]:
    """Sentence spans of one line (no newline inside), trimmed of white space."""
    if not line.strip():
        return []
    spans = _cover(line, splitter(line))
    if repair:
        spans = _merge_false_breaks(line, _trim(line, spans))
        if lang in _LANGUAGE_REPAIRS:
            spans = _merge_language_breaks(line, _trim(line, spans), lang)
        else:
            # English repairs: their openers, brands and clock times are English words.
            spans = _split_after_quotes(line, spans)
            spans = _split_before_openers(line, _trim(line, spans))
            spans = _split_before_brands(line, spans)
            spans = _split_after_clock(line, spans)
    return _trim(line, spans)


def sentence_spans(
    text: str, splitter: Splitter = SPLITTER, *, repair: bool = True, lang: str | None = None
) -> list[Span]:
    """Spans of every sentence in ``text``; a line break always ends a sentence.
    ``lang`` (ISO 639-1) adds that language's repairs (de, fr, es); else English ones.

    >>> sentence_spans("Why it matters\\nMr. Smith left. He was late.")
    [(0, 14), (15, 30), (31, 43)]
    >>> text = "Am 14. April 2025 kam es zum Streik. Er dauerte z. B. drei Tage."
    >>> [text[a:b] for a, b in sentence_spans(text, lang="de")]
    ['Am 14. April 2025 kam es zum Streik.', 'Er dauerte z. B. drei Tage.']
    """
    spans: list[Span] = []
    offset = 0
    for line in text.split("\n"):
        spans.extend(
            (offset + start, offset + end)
            for start, end in line_spans(line, splitter, repair=repair, lang=lang)
        )
        offset += len(line) + 1
    return spans


# --- German, French, Spanish -------------------------------------------------------------

# Languages with their own repairs (abbreviations from crosscheck/lang/data/<code>.yaml,
# month names from dateparser's locale data).
_LANGUAGE_REPAIRS = ("de", "fr", "es")
# Words before "14." that make it an ordinal (German writes "am 14. April", "im 19.
# Jahrhundert", "der 3. Versuch"): articles and prepositions, never a sentence's end.
_DE_ORDINAL_BEFORE = frozenset(
    "am im vom zum zur beim der die das dem den des bis ab seit ihr ihrem ihren sein "
    "seinem seinen jeder jedem jeden".split()
)
_NUMBER_STOP = re.compile(r"(?:^|\s)(?:(?P<before>[^\W\d_]+)\s+)?(?P<number>\d{1,2})\.$")


@cache
def _month_words(lang: str) -> frozenset[str]:
    return frozenset(month_words(lang))


def _merge_language_breaks(line: str, spans: list[Span], lang: str) -> list[Span]:
    """Undo breaks after an abbreviation of ``lang``, before a lower-case word, or after
    a day written "14." before a month ("14. April 2025") or a German ordinal."""

    abbreviations = vocabulary(lang).abbreviations
    merged: list[Span] = []
    for start, end in spans:
        if merged:
            previous = line[merged[-1][0] : merged[-1][1]].rstrip()
            following = line[start:end].lstrip()
            if previous.endswith(".") and _continues(previous, following, lang, abbreviations):
                merged[-1] = (merged[-1][0], end)
                continue
        merged.append((start, end))
    return merged


def _continues(previous: str, following: str, lang: str, abbreviations: frozenset[str]) -> bool:
    before = _WORD_BEFORE_STOP.search(previous)
    if before is not None and before.group("word") in abbreviations:
        return True
    if (
        before is not None
        and following[:1].isdigit()
        and before.group("word").casefold() in (_month_words(lang))
    ):
        return True  # "15 avr. 2025": an abbreviated month before its year
    if following[:1].islower():
        return True
    number = _NUMBER_STOP.search(previous)
    if number is None:
        return False
    first = re.match(r"[^\W\d_]+", following)
    if first is not None and first.group().casefold() in _month_words(lang):
        return True
    word_before = (number.group("before") or "").casefold()
    return lang == "de" and word_before in _DE_ORDINAL_BEFORE


def split_sentences(article: Article) -> list[Sentence]:
    """The article's sentences in reading order; ``text == article.text[start:end]``.
    The source's language (``Source.language``) chooses the repairs."""
    return [
        Sentence(
            source=article.source.id,
            index=index,
            text=article.text[start:end],
            start=start,
            end=end,
        )
        for index, (start, end) in enumerate(
            sentence_spans(article.text, lang=article.source.language)
        )
    ]


# Where a sentence may join two statements: a semicolon, a colon or a spaced dash, or a
# comma before a conjunction or a clause of its own ("..., but achieved a swap",
# "..., which was declared after the invasion"). Not ", who": it opens an aside about
# a person that runs on into the main clause.
_CLAUSE_BREAK = re.compile(
    r"[;:](?=\s)|\s[-–—](?=\s)"
    r"|,(?=\s+(?:but|and|while|whereas|although|though|yet|which|saying|adding)\b)"
)
# A part shorter than this many words is not a statement of its own ("he said").
CLAUSE_MIN_WORDS = 4


def split_clauses(sentence: Sentence) -> list[Sentence]:
    """The parts of a sentence that may each state a fact, as sentences of their own
    (same source and index, offsets into the article); [] when it has one part.

    >>> text = "Talks brought no breakthrough, but achieved a swap of prisoners."
    >>> [part.text for part in split_clauses(Sentence("wire", 3, text, 0, len(text)))]
    ['Talks brought no breakthrough', 'but achieved a swap of prisoners.']
    """
    parts = _split(sentence, _CLAUSE_BREAK, CLAUSE_MIN_WORDS)
    return parts if len(parts) > 1 else []


# Finer than clauses: any comma (not one inside a figure such as 1,000), brackets, and
# "and" before a verb ("lasted an hour and was held in Russian").
_PHRASE_BREAK = re.compile(
    _CLAUSE_BREAK.pattern + r"|,(?=\s)|[()]"
    r"|\s(?=and\s+(?:was|were|is|are|has|have|had|will|would|could|can|did)\b)"
)


def split_phrases(sentence: Sentence) -> list[Sentence]:
    """The phrases of a sentence (split at commas, brackets, clause breaks), as
    sentences of their own; a sentence without a break is one phrase.

    >>> text = "The tower, budgeted at 2.1 billion baht, fell."
    >>> [part.text for part in split_phrases(Sentence("wire", 3, text, 0, len(text)))]
    ['The tower', 'budgeted at 2.1 billion baht', 'fell.']
    """
    return _split(sentence, _PHRASE_BREAK, 1)


def _split(sentence: Sentence, breaks: re.Pattern[str], min_words: int) -> list[Sentence]:
    text = sentence.text
    cuts = [0, *(m.start() for m in breaks.finditer(text)), len(text)]
    parts: list[Sentence] = []
    for begin, end in pairwise(cuts):
        piece = text[begin:end]
        lead = len(piece) - len(piece.lstrip(" ;:,-–—()"))
        begin += lead
        piece = piece[lead:].rstrip(" ,;:()")
        if piece and len(piece.split()) >= min_words:
            start = sentence.start + begin
            parts.append(replace(sentence, text=piece, start=start, end=start + len(piece)))
    return parts
