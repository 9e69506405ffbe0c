"""Renderers on a hand-built report: JSON contract, Markdown content, atomic writes."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import replace
from pathlib import Path

import pytest

from crosscheck.report import default_name, render, slug, write_atomic
from crosscheck.report.json import to_dict
from crosscheck.types import Alignment, Divergence, Fact, Kind, Report, Sentence, Severity, Source

WIRE = Source("wire", "in/wire.txt", "Talks end | Wire", "Meridian Wire", dt.date(2025, 6, 2))
DAILY = Source(
    "daily", "in/daily.md", "Talks end", "The Daily", dt.date(2025, 6, 3), "https://d.example/x"
)
W0 = Sentence("wire", 0, "The talks were held at the Ciragan Palace.", 0, 42)
W1 = Sentence("wire", 1, "Three people were killed in Brenvik overnight.", 43, 89)
D0 = Sentence("daily", 0, "The talks took place at the Dolmabahce Palace.", 0, 46)


@pytest.fixture()
def report() -> Report:
    divergence = Divergence(
        rule="location-mismatch",
        kind=Kind.LOCATION,
        severity=Severity.ERROR,
        left=W0,
        right=D0,
        left_value="Ciragan Palace",
        right_value="Dolmabahce Palace",
        message="Meridian Wire places it at Ciragan Palace; The Daily at Dolmabahce Palace",
    )
    return Report(
        sources=(WIRE, DAILY),
        sentences=(W0, W1, D0),
        alignments=(Alignment(W0, D0, 0.81, 0.74),),
        facts=(Fact("f1", (D0, W0)),),
        divergences=(divergence,),
        omissions=(W1,),
        model="all-MiniLM-L6-v2",
        rules=("location-mismatch",),
    )


def test_json_keeps_the_contract_field_names(report: Report) -> None:
    data = json.loads(render(report, "json"))
    assert set(data["sources"][0]) >= {"id", "path", "title", "outlet", "published", "url"}
    assert set(data["sentences"][0]) >= {"source", "index", "text", "start", "end"}
    assert data["alignments"][0]["left"] == {"source": "wire", "index": 0}
    assert data["alignments"][0]["score"] == 0.81
    assert data["facts"] == [
        {"id": "f1", "members": [{"source": "daily", "index": 0}, {"source": "wire", "index": 0}]}
    ]
    div = data["divergences"][0]
    assert set(div) >= {
        "rule",
        "kind",
        "severity",
        "left",
        "right",
        "left_value",
        "right_value",
        "message",
    }
    assert (div["kind"], div["severity"]) == ("location", "error")
    assert data["omissions"] == [{"source": "wire", "index": 1}]
    assert data["sources"][1]["published"] == "2025-06-03"


def test_json_sentence_offsets_are_kept(report: Report) -> None:
    sentences = to_dict(report)["sentences"]
    assert [(s["start"], s["end"]) for s in sentences] == [(0, 42), (43, 89), (0, 46)]


def test_markdown_shows_both_sides_values_and_outlets(report: Report) -> None:
    text = render(report, "markdown")
    assert text.startswith("# crosscheck report: Talks end | Wire")
    section = text.split("## Divergences")[1].split("## Aligned facts")[0]
    assert "ERROR · location · `location-mismatch`" in section
    assert (
        "**Meridian Wire** (sentence 1, JSON index 0): "
        "The talks were held at the **Ciragan Palace**." in section
    )
    assert (
        "**The Daily** (sentence 1, JSON index 0): "
        "The talks took place at the **Dolmabahce Palace**." in section
    )


def test_markdown_has_summary_facts_and_one_source_claims(report: Report) -> None:
    text = render(report, "markdown")
    assert "**1** facts stated by two or more outlets" in text
    assert "| location |" in text  # the by-kind summary table
    facts = text.split("## Aligned facts")[1].split("## Reported by one outlet only")[0]
    assert "| Meridian Wire" in facts and "| The Daily" in facts
    only = text.split("## Reported by one outlet only")[1]
    assert "### Meridian Wire" in only
    assert "- (2) Three people were killed in Brenvik overnight." in only
    assert "### The Daily" not in only


def _with_detail(report: Report) -> Report:
    """D0 also gives a detail no other outlet does: "Dolmabahce Palace"."""
    span = Sentence("daily", 0, "Dolmabahce Palace", 28, 45)
    assert D0.text[span.start - D0.start : span.end - D0.start] == span.text
    return replace(report, details=(span,))


def test_json_lists_details_with_the_omissions_in_reading_order(report: Report) -> None:
    data = to_dict(_with_detail(report))
    assert data["omissions"] == [
        {"source": "wire", "index": 1},
        {
            "source": "daily",
            "index": 0,
            "details": [{"start": 28, "end": 45, "text": "Dolmabahce Palace"}],
        },
    ]


def test_markdown_bolds_details_in_their_sentence(report: Report) -> None:
    text = render(_with_detail(report), "markdown")
    assert "**1** details one outlet alone gives inside shared sentences: " in text
    only = text.split("## Reported by one outlet only")[1]
    daily = only.split("### The Daily")[1]
    assert "- (1) The talks took place at the **Dolmabahce Palace**." in daily


def test_a_fact_member_shows_the_clause_that_states_it(report: Report) -> None:
    clause = Sentence("wire", 0, "held at the Ciragan Palace.", 15, 42)
    fact = Fact("f1", (D0, W0), clauses=(clause,))
    text = render(replace(report, facts=(fact,)), "markdown")
    assert "The talks were **held at the Ciragan Palace.**" in text
    assert "the part in bold states the fact of its row" in text
    member = to_dict(replace(report, facts=(fact,)))["facts"][0]["members"][1]
    assert member["clause"] == {"start": 15, "end": 42, "text": "held at the Ciragan Palace."}


def test_markdown_escapes_table_pipes(report: Report) -> None:
    assert "Talks end \\| Wire" in render(report, "markdown").split("## Summary")[0]


def test_markdown_is_deterministic(report: Report) -> None:
    assert render(report, "markdown") == render(report, "markdown")


def test_default_name_uses_story_slug_and_latest_date(report: Report) -> None:
    assert default_name(report, "markdown") == "talks-end-wire-2025-06-03.md"
    assert default_name(report, "json").endswith(".json")
    assert slug("  Eastland: the talks!  ") == "eastland-the-talks"


def test_write_atomic_leaves_no_temp_file(tmp_path: Path) -> None:
    target = tmp_path / "sub" / "r.md"
    write_atomic(target, "hello\n")
    assert target.read_text() == "hello\n"
    assert [p.name for p in target.parent.iterdir()] == ["r.md"]


def test_write_atomic_keeps_the_old_file_when_writing_fails(tmp_path: Path) -> None:
    target = tmp_path / "r.md"
    target.write_text("old\n")

    with pytest.raises(TypeError):
        write_atomic(target, 42)  # type: ignore[arg-type]
    assert target.read_text() == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["r.md"]


@pytest.mark.parametrize(
    ("text", "value", "marked"),
    [
        ("It will “supercharge” security.", "“supercharge”", "It will **“supercharge”** security."),
        # The check gives typographic quotes; the sentence has plain ones.
        ('It will "supercharge" security.', "“supercharge”", 'It will **"supercharge"** security.'),
        (
            "Talks at the ciragan palace ended.",
            "Ciragan Palace",
            "Talks at the **ciragan palace** ended.",
        ),
        # A name given in full, written with the surname only.
        ("Ruiz said it would help.", "Ana Ruiz", "**Ruiz** said it would help."),
        ("Nothing to mark here.", "Thomas Kurian", "Nothing to mark here."),
        ("A pint is not a pin.", "pin", "A pint is not a **pin**."),
    ],
)
def test_values_are_marked_where_they_appear(text: str, value: str, marked: str) -> None:
    from crosscheck.report.markdown import _mark

    assert _mark(text, value) == marked
