"""The machine-readable report. Field names are a contract other tools read: add, never rename.

``to_dict`` writes it; ``from_dict`` (crosscheck.report.json_reader) is its one reader
(audit's memo, the evaluation):

>>> from crosscheck.types import Source
>>> s = Sentence("wire", 0, "Talks ended.", 0, 12)
>>> report = Report((Source("wire", "wire.txt", "Talks", "Wire"),), (s,), (), (), (), (s,))
>>> from_dict(to_dict(report)) == report
True
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from crosscheck.history import fingerprint
from crosscheck.report.coverage import coverage_of, not_in_file
from crosscheck.report.json_reader import ReportError, from_dict
from crosscheck.types import (
    Alignment,
    Coverage,
    Divergence,
    Fact,
    Fetched,
    Report,
    Sentence,
    Span,
    Unjudged,
)

if TYPE_CHECKING:
    from crosscheck.reviews import Verdicts

__all__ = ["FORMAT_VERSION", "ReportError", "from_dict", "render", "to_dict"]

FORMAT_VERSION = 1


def _ref(sentence: Sentence) -> dict[str, Any]:
    return {"source": sentence.source, "index": sentence.index}


def _span(part: Sentence) -> dict[str, Any]:
    """A clause or a detail: a part of a sentence, offsets into the article."""
    return {"start": part.start, "end": part.end, "text": part.text}


def _alignment(a: Alignment) -> dict[str, Any]:
    data: dict[str, Any] = {
        "left": _ref(a.left),
        "right": _ref(a.right),
        "score": a.score,
        "cosine": a.cosine,
    }
    if a.confidence is not None:
        data["confidence"] = a.confidence
    # Where a sentence states two facts, the clause that states this one.
    if a.left_clause is not None:
        data["left_clause"] = _span(a.left_clause)
    if a.right_clause is not None:
        data["right_clause"] = _span(a.right_clause)
    return data


def _fact(fact: Fact) -> dict[str, Any]:
    members = []
    for member in fact.members:
        ref = _ref(member)
        clause = fact.clause_of(member)
        if clause is not None:
            ref["clause"] = _span(clause)
        members.append(ref)
    return {"id": fact.id, "members": members}


def _omissions(report: Report) -> list[dict[str, Any]]:
    """Sentences no other outlet states, and sentences with ``details`` (spans) that
    no other outlet gives, in reading order per source."""
    entries: dict[tuple[str, int], dict[str, Any]] = {s.ref: _ref(s) for s in report.omissions}
    for span in report.details:
        entry = entries.setdefault(span.ref, _ref(span))
        entry.setdefault("details", []).append(_span(span))
    order = {source.id: n for n, source in enumerate(report.sources)}
    return [entries[ref] for ref in sorted(entries, key=lambda r: (order.get(r[0], 0), r))]


def _value_span(span: Span, report: Report) -> dict[str, Any]:
    """A value's place in its article: offsets into the cleaned text, the text, and
    where it lies in the file (see _file_place)."""
    return {
        "start": span.start,
        "end": span.end,
        "text": span.text,
        **_file_place(report, span.source, span.start, span.end),
    }


_NO_PLACE = {"file_start": None, "file_end": None, "line": None, "column": None}


def _file_place(report: Report, source_id: str, start: int, end: int) -> dict[str, Any]:
    """``file_start``/``file_end`` (offsets into the file as read) and the ``line`` and
    ``column`` of the start, all null where the text was not found in the file."""
    try:
        origin = report.source(source_id).origin
    except KeyError:
        origin = None
    place = origin.place(start, end) if origin is not None else None
    if place is None:
        return dict(_NO_PLACE)
    return {
        "file_start": place.file_start,
        "file_end": place.file_end,
        "line": place.line,
        "column": place.column,
    }


def _sentence(s: Sentence, report: Report) -> dict[str, Any]:
    return {
        "source": s.source,
        "index": s.index,
        "text": s.text,
        "start": s.start,
        "end": s.end,
        **_file_place(report, s.source, s.start, s.end),
    }


def _divergence(d: Divergence, report: Report, verdicts: Verdicts | None = None) -> dict[str, Any]:
    data: dict[str, Any] = {
        "rule": d.rule,
        "kind": d.kind.value,
        "severity": d.severity.value,
        "left": _ref(d.left),
        "right": _ref(d.right),
        "left_value": d.left_value,
        "right_value": d.right_value,
        "message": d.message,
        "left_text": d.left.text,
        "right_text": d.right.text,
    }
    if d.left_span is not None:
        data["left_span"] = _value_span(d.left_span, report)
    if d.right_span is not None:
        data["right_span"] = _value_span(d.right_span, report)
    # The id a review names (``crosscheck review STORY FINGERPRINT``), as history keeps it.
    data["fingerprint"] = fingerprint(d)
    review = verdicts.of_fingerprint(data["fingerprint"]) if verdicts is not None else None
    if review is not None:
        data["review"] = {
            "verdict": review.verdict.value,
            "by": review.by,
            "at": review.at,
            "note": review.note,
        }
    return data


def _coverage(coverage: Coverage, report: Report) -> dict[str, Any]:
    """What was not judged: counts per reason, and each item with its sentences; and
    the sentences whose place in their file was not found (null file offsets)."""

    return {
        "no_file_position": [_ref(s) for s in not_in_file(report)],
        "counts": {reason.value: coverage.count(reason) for reason in Unjudged},
        "items": [
            {
                "reason": item.reason.value,
                "sentences": [_ref(s) for s in item.sentences],
                "detail": item.detail,
            }
            for item in coverage.items
        ],
    }


def _fetched(fetched: Fetched | None) -> dict[str, Any] | None:
    """Where a source read from the web came from: URL, final URL, time, status, SHA-256."""
    if fetched is None:
        return None
    return {
        "url": fetched.url,
        "final_url": fetched.final_url,
        "fetched_at": fetched.fetched_at,
        "status": fetched.status,
        "sha256": fetched.sha256,
    }


def to_dict(report: Report, *, verdicts: Verdicts | None = None) -> dict[str, Any]:
    """The report as plain data (see the README for the schema)."""
    return {
        "format_version": FORMAT_VERSION,
        "model": report.model,
        "rules": list(report.rules),
        "sources": [
            {
                "id": s.id,
                "path": s.path,
                "title": s.title,
                "outlet": s.outlet,
                "published": s.published.isoformat() if s.published else None,
                "url": s.url,
                "language": s.language,
                "fetched": _fetched(s.fetched),
                # The cleaned text that sentences' start/end point into.
                "text": s.text,
                # Cleaned-text offsets -> file offsets: [text_start, text_end,
                # file_start, file_end, line, column] per piece (types.Origin).
                "file_map": [list(piece) for piece in s.origin.pieces] if s.origin else None,
            }
            for s in report.sources
        ],
        "sentences": [_sentence(s, report) for s in report.sentences],
        "alignments": [_alignment(a) for a in report.alignments],
        "facts": [_fact(f) for f in report.facts],
        "divergences": [_divergence(d, report, verdicts) for d in report.divergences],
        "omissions": _omissions(report),
        "coverage": _coverage(coverage_of(report), report),
    }


def render(report: Report, *, verdicts: Verdicts | None = None) -> str:
    return json.dumps(to_dict(report, verdicts=verdicts), ensure_ascii=False, indent=2) + "\n"
