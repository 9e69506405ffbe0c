"""The machine-readable report. Field names are a contract other tools read: add, never rename."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from crosscheck.types import (
    Alignment,
    Coverage,
    Divergence,
    Fact,
    Fetched,
    Report,
    Sentence,
    Span,
)

if TYPE_CHECKING:
    from crosscheck.reviews import Verdicts

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


def _value_span(span: Span) -> dict[str, Any]:
    """A value's place in its article: offsets into the cleaned text, and the text."""
    return {"start": span.start, "end": span.end, "text": span.text}


def _divergence(d: Divergence, verdicts: Verdicts | None = None) -> dict[str, Any]:
    from crosscheck.history import fingerprint

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
        data["left_span"] = _value_span(d.left_span)
    if d.right_span is not None:
        data["right_span"] = _value_span(d.right_span)
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


def _coverage(coverage: Coverage) -> dict[str, Any]:
    """What was not judged: counts per reason, and each item with its sentences."""
    from crosscheck.types import Unjudged

    return {
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
    from crosscheck.report.coverage import coverage_of

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
            }
            for s in report.sources
        ],
        "sentences": [
            {"source": s.source, "index": s.index, "text": s.text, "start": s.start, "end": s.end}
            for s in report.sentences
        ],
        "alignments": [_alignment(a) for a in report.alignments],
        "facts": [_fact(f) for f in report.facts],
        "divergences": [_divergence(d, verdicts) for d in report.divergences],
        "omissions": _omissions(report),
        "coverage": _coverage(coverage_of(report)),
    }


def render(report: Report, *, verdicts: Verdicts | None = None) -> str:
    return json.dumps(to_dict(report, verdicts=verdicts), ensure_ascii=False, indent=2) + "\n"
