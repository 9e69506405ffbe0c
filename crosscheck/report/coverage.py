"""What a report did not judge: its own ``coverage`` plus what the report layer can see.

>>> from crosscheck.types import Report
>>> coverage_of(Report((), (), (), (), (), ())).items
()
"""

from __future__ import annotations

from crosscheck.align import UNCERTAIN_CONFIDENCE
from crosscheck.types import Coverage, NotJudged, Report, Sentence, Unjudged

# An aligned pair whose calibrated confidence (Alignment.confidence: the probability
# that both sentences state the same fact) is below this is reported as "not judged
# with confidence": the same threshold as the report's uncertain mark (where and how it
# was calibrated is said at align.UNCERTAIN_CONFIDENCE), so the two never disagree.
CONFIDENT_PAIR = UNCERTAIN_CONFIDENCE

LABEL = {
    Unjudged.LANGUAGE: "sentences in a language the checks do not read",
    Unjudged.PLACE_BY_NAME: "places compared by name only (no gazetteer knows them)",
    Unjudged.LOW_CONFIDENCE: f"aligned pairs below the confident threshold ({CONFIDENT_PAIR})",
}
# The same, for one item.
ONE = {
    Unjudged.LANGUAGE: "sentence in a language the checks do not read",
    Unjudged.PLACE_BY_NAME: "place compared by name only (no gazetteer knows it)",
    Unjudged.LOW_CONFIDENCE: f"aligned pair below the confident threshold ({CONFIDENT_PAIR})",
}


def not_judged(coverage: Coverage, reason: Unjudged) -> str:
    """How many items ``reason`` left unjudged, with its label in the right number.

    >>> not_judged(Coverage(()), Unjudged.LANGUAGE)
    '0 sentences in a language the checks do not read'
    """
    n = coverage.count(reason)
    return f"{n} {ONE[reason] if n == 1 else LABEL[reason]}"


def coverage_of(report: Report) -> Coverage:
    """The report's coverage items, then one per low-confidence alignment not yet listed."""
    items = list(report.coverage.items)
    listed = {
        tuple(s.ref for s in item.sentences)
        for item in items
        if item.reason is Unjudged.LOW_CONFIDENCE
    }
    for a in report.alignments:
        if a.confidence is None or a.confidence >= CONFIDENT_PAIR:
            continue
        if (a.left.ref, a.right.ref) in listed:
            continue
        items.append(
            NotJudged(Unjudged.LOW_CONFIDENCE, (a.left, a.right), f"confidence {a.confidence:.2f}")
        )
    return Coverage(tuple(items))


# Said under coverage (not a reason a check gave up: these sentences were judged).
NOT_IN_FILE_LABEL = "sentences whose place in their file was not found (no file offsets)"


def not_in_file(report: Report) -> list[Sentence]:
    """Sentences of sources read from a file whose text was not found in that file
    (crosscheck.origin); a source made by hand (no ``Source.origin``) has no file.

    >>> from crosscheck.types import Origin, Source
    >>> s = Sentence("wire", 0, "Talks ended.", 0, 12)
    >>> source = Source("wire", "w.txt", "", "Wire", origin=Origin())
    >>> [x.index for x in not_in_file(Report((source,), (s,), (), (), (), ()))]
    [0]
    """
    origins = {source.id: source.origin for source in report.sources}
    unplaced = []
    for sentence in report.sentences:
        origin = origins.get(sentence.source)
        if origin is not None and origin.place(sentence.start, sentence.end) is None:
            unplaced.append(sentence)
    return unplaced
