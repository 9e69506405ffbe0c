"""The report JSON's one reader: ``from_dict`` is the inverse of ``to_dict``."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from crosscheck.report.json import ReportError, from_dict, to_dict
from crosscheck.types import (
    Alignment,
    Coverage,
    Divergence,
    Fact,
    Fetched,
    Kind,
    NotJudged,
    Report,
    Sentence,
    Severity,
    Source,
    Span,
    Unjudged,
)

WIRE = Source("wire", "wire.txt", "Talks", "Wire", dt.date(2025, 6, 2), None, "en")
DAILY = Source(
    "daily",
    "daily.md",
    "Talks end",
    "Daily",
    None,
    "https://daily.example/t",
    None,
    Fetched(
        "https://daily.example/t",
        "https://daily.example/t/",
        "2025-06-02T09:00:00Z",
        200,
        "ab" * 32,
    ),
)
W0 = Sentence("wire", 0, "Talks ended in Istanbul on Monday, but no ceasefire was agreed.", 0, 63)
W1 = Sentence("wire", 1, "Three people were killed overnight.", 64, 99)
D0 = Sentence("daily", 0, "Talks, held in Istanbul, ended on Tuesday with no ceasefire.", 0, 60)
D1 = Sentence("daily", 1, "Die Gespräche enden.", 61, 81)
CLAUSE = Sentence("wire", 0, "but no ceasefire was agreed.", 35, 63)
DETAIL = Sentence("daily", 0, "held in Istanbul", 7, 23)


def _report() -> Report:
    return Report(
        sources=(WIRE, DAILY),
        sentences=(W0, W1, D0, D1),
        alignments=(
            Alignment(W0, D0, 0.91, 0.84, left_clause=CLAUSE, confidence=0.93),
            Alignment(W1, D1, 0.52, 0.4, confidence=0.31),  # listed again as low-confidence
        ),
        facts=(Fact("f1", (W0, D0), clauses=(CLAUSE,)), Fact("f2", (W1, D1))),
        divergences=(
            Divergence(
                "date-mismatch",
                Kind.DATE,
                Severity.ERROR,
                W0,
                D0,
                "Monday",
                "Tuesday",
                "Wire says Monday; Daily says Tuesday",
                left_span=Span("wire", 24, 30, "Monday"),
                right_span=Span("daily", 34, 41, "Tuesday"),
            ),
        ),
        omissions=(W1,),
        model="some-model",
        rules=("date-mismatch",),
        details=(DETAIL,),
        coverage=Coverage((NotJudged(Unjudged.LANGUAGE, (D1,), "de"),)),
    )


def test_a_full_report_survives_the_round_trip() -> None:
    report = _report()
    data = to_dict(report)
    assert from_dict(data) == report
    assert to_dict(from_dict(data)) == data  # the derived low-confidence item comes back


def test_the_reader_names_where_the_json_is_wrong() -> None:
    data: dict[str, Any] = to_dict(_report())
    broken = {**data, "divergences": [{**data["divergences"][0], "severity": "fatal"}]}
    with pytest.raises(ReportError, match=r"divergences\[0\]: severity 'fatal' is not one of"):
        from_dict(broken)
    broken = {**data, "sentences": [{**data["sentences"][0], "start": "x"}]}
    with pytest.raises(ReportError, match=r"sentences\[0\] has an offset that is not a number"):
        from_dict(broken)
    broken = {**data, "facts": [{"id": "f1", "members": [{"source": "wire", "index": 7}]}]}
    with pytest.raises(ReportError, match=r"facts\[0\]\.members\[0\] names wire#7, not in"):
        from_dict(broken)
    with pytest.raises(ReportError, match=r'"alignments" must be a list'):
        from_dict({**data, "alignments": {"left": 1}})


def test_lists_a_hand_written_report_leaves_out_are_empty() -> None:
    report = from_dict({"sources": [{"id": "a", "path": "a.txt"}]})
    assert report.sources == (Source("a", "a.txt", "", ""),)
    assert report.sentences == report.alignments == report.divergences == ()
