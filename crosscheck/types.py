"""The values that flow between pipeline stages.

Path -> Article -> [Sentence] -> vectors -> [Alignment] / [Fact] -> [Divergence] -> Report.
Every stage takes and returns these frozen dataclasses; library shapes (tensors,
dicts from YAML, trafilatura documents) are converted where they enter.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Self


class _Vocabulary(StrEnum):
    """A closed vocabulary whose values can be listed in error messages."""

    @classmethod
    def values(cls) -> list[str]:
        return [member.value for member in cls]

    @classmethod
    def parse(cls, value: str) -> Self:
        """Return the member named by ``value``; ``ValueError`` lists the choices."""
        try:
            return cls(value)
        except ValueError:
            raise ValueError(f"{value!r} is not one of {', '.join(cls.values())}") from None

    def __str__(self) -> str:
        return self.value


class Severity(_Vocabulary):
    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        """Higher is worse: error 2, warning 1, info 0."""
        return _SEVERITY_RANK[self]


_SEVERITY_RANK = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}


class Kind(_Vocabulary):
    DATE = "date"
    NUMBER = "number"
    ENTITY = "entity"
    ROLE = "role"
    QUOTE = "quote"
    ATTRIBUTION = "attribution"
    NEGATION = "negation"
    LOCATION = "location"


@dataclass(frozen=True, slots=True)
class Fetched:
    """Which stored page an article was read from (crosscheck.fetch's page cache)."""

    url: str
    final_url: str
    fetched_at: str  # ISO 8601, UTC
    status: int
    sha256: str  # of the body as fetched: the page cache's name for it


@dataclass(frozen=True, slots=True)
class FilePlace:
    """Where a stretch of an article lies in its file as read: character offsets into
    the decoded file text, and the line and column (1-based, in characters) of its start.

    >>> FilePlace(12, 30, 2, 5).file_end
    30
    """

    file_start: int
    file_end: int
    line: int
    column: int


# One piece of an Origin: (text_start, text_end, file_start, file_end, line, column).
OriginPiece = tuple[int, int, int, int, int, int]


@dataclass(frozen=True, slots=True)
class Origin:
    """The way back from an article's cleaned text to its file (crosscheck.origin).

    Each piece says that ``text[text_start:text_end]`` stands for
    ``file_text[file_start:file_end]``, whose start is at ``line``:``column``. Where the
    two lengths agree the piece maps character by character (and lies on one line);
    where they differ (an entity, a run of white space, a composed accent) it maps as a
    whole. Cleaned text no piece covers was not found in the file.

    >>> Origin(((0, 5, 10, 15, 2, 1), (5, 6, 15, 20, 2, 6))).place(1, 6)
    FilePlace(file_start=11, file_end=20, line=2, column=2)
    >>> Origin(((0, 5, 10, 15, 2, 1),)).place(3, 8) is None
    True
    """

    pieces: tuple[OriginPiece, ...] = ()

    def place(self, start: int, end: int) -> FilePlace | None:
        """Where ``text[start:end]`` lies in the file; None unless every character of it
        was found there."""
        if end <= start:
            return None
        first = bisect_right(self.pieces, start, key=lambda piece: piece[0]) - 1
        if first < 0 or self.pieces[first][1] <= start:
            return None
        last = first
        while self.pieces[last][1] < end:
            if last + 1 == len(self.pieces) or self.pieces[last + 1][0] != self.pieces[last][1]:
                return None  # a gap: part of the stretch was not found
            last += 1
        head, tail = self.pieces[first], self.pieces[last]
        if _linear(head):
            file_start, column = head[2] + start - head[0], head[5] + start - head[0]
        else:
            file_start, column = head[2], head[5]
        file_end = tail[2] + end - tail[0] if _linear(tail) else tail[3]
        return FilePlace(file_start, file_end, head[4], column)


def _linear(piece: OriginPiece) -> bool:
    return piece[1] - piece[0] == piece[3] - piece[2]


@dataclass(frozen=True, slots=True)
class Source:
    """One article's metadata. ``id`` is stable: derived from the file name."""

    id: str
    path: str
    title: str
    outlet: str
    published: dt.date | None = None
    url: str | None = None
    # ISO 639-1 code of the article's language (crosscheck.lang.detect_language), or
    # None when it could not be told (too little text).
    language: str | None = None
    # For an article read from a URL: the page it was read from, as the cache keeps it.
    fetched: Fetched | None = None
    # The cleaned text sentence offsets point into (the same as Article.text), and the
    # way back from it to the file; both ride on the source because a Report holds
    # sources, not articles. None for a source made by hand.
    text: str | None = None
    origin: Origin | None = None
    # A wire dateline's (month, day) whose year neither the file nor its address gave:
    # the story's other articles give it (ingest.resolve_dateline_years), once per story.
    dateline: tuple[int, int] | None = None


@dataclass(frozen=True, slots=True)
class Article:
    """A source and its cleaned body text (what sentence offsets point into)."""

    source: Source
    text: str


@dataclass(frozen=True, slots=True)
class Span:
    """Where a value was found: ``text == article.text[start:end]`` of source ``source``.

    Checks return the spans of the two values they compare, so reports highlight them
    without searching the sentence again.
    """

    source: str
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence-level claim. ``text == article.text[start:end]``."""

    source: str
    index: int
    text: str
    start: int
    end: int

    @property
    def ref(self) -> tuple[str, int]:
        return (self.source, self.index)


@dataclass(frozen=True, slots=True)
class Alignment:
    """Two sentences from different sources that state the same fact.

    When one of them states it in a clause only (its other clause states another
    fact), ``left_clause`` or ``right_clause`` is that part, offsets into the article.
    """

    left: Sentence
    right: Sentence
    score: float
    cosine: float = 0.0
    left_clause: Sentence | None = None
    right_clause: Sentence | None = None
    # Calibrated probability that the two state the same fact (None: not calibrated).
    confidence: float | None = None


@dataclass(frozen=True, slots=True)
class Fact:
    """Sentences across outlets that state one fact (a connected group of alignments)."""

    id: str
    members: tuple[Sentence, ...]
    # The clauses through which members state this fact, when their sentence states
    # more than one (at most one per member; see Alignment).
    clauses: tuple[Sentence, ...] = ()

    @property
    def sources(self) -> set[str]:
        return {member.source for member in self.members}

    def clause_of(self, member: Sentence) -> Sentence | None:
        """The part of ``member`` that states this fact, if only a part does."""
        for clause in self.clauses:
            if clause.ref == member.ref:
                return clause
        return None


@dataclass(frozen=True, slots=True)
class Divergence:
    """Where two aligned sentences disagree, as one rule sees it."""

    rule: str
    kind: Kind
    severity: Severity
    left: Sentence
    right: Sentence
    left_value: str
    right_value: str
    message: str
    # Where each value sits in its article (None when the check could not say).
    left_span: Span | None = None
    right_span: Span | None = None


class Unjudged(_Vocabulary):
    """Why something was not judged (a report's coverage)."""

    LANGUAGE = "language"  # a sentence in a language the checks do not read
    PLACE_BY_NAME = "place-by-name"  # places no gazetteer knows, compared by name only
    LOW_CONFIDENCE = "low-confidence"  # an aligned pair below the confident threshold


@dataclass(frozen=True, slots=True)
class NotJudged:
    """One thing a report did not judge: the sentences concerned and a short detail.

    >>> NotJudged(Unjudged.LANGUAGE, (), "de").reason.value
    'language'
    """

    reason: Unjudged
    sentences: tuple[Sentence, ...]
    detail: str = ""


@dataclass(frozen=True, slots=True)
class Coverage:
    """What a comparison did not judge and why, so that "0 divergences" can be told
    from "could not judge". Producers (checks, language detection, the aligner) add
    items; the report layer adds the low-confidence pairs it can see."""

    items: tuple[NotJudged, ...] = ()

    def count(self, reason: Unjudged) -> int:
        return sum(1 for item in self.items if item.reason is reason)


@dataclass(frozen=True, slots=True)
class Report:
    """Everything one comparison found; renderers turn it into Markdown or JSON."""

    sources: tuple[Source, ...]
    sentences: tuple[Sentence, ...]
    alignments: tuple[Alignment, ...]
    facts: tuple[Fact, ...]
    divergences: tuple[Divergence, ...]
    omissions: tuple[Sentence, ...]
    model: str = ""
    rules: tuple[str, ...] = field(default=())
    # Details one outlet alone gives inside sentences other outlets also state: spans
    # of those sentences (same source and index, offsets into the article).
    details: tuple[Sentence, ...] = ()
    # What was not judged and why (see Coverage).
    coverage: Coverage = Coverage()

    def source(self, source_id: str) -> Source:
        for source in self.sources:
            if source.id == source_id:
                return source
        raise KeyError(source_id)
