"""``crosscheck check-pairs``: input validation, output fields, spans."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from crosscheck.check_pairs import PairsError, read_pairs, result_line
from crosscheck.types import Divergence, Kind, Sentence, Severity, Span

GOOD = {"id": "p1", "left": {"text": "Two people died."}, "right": {"text": "Five people died."}}


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "crosscheck", "check-pairs", *args],
        capture_output=True,
        text=True,
    )


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("{not json", "not valid JSON"),
        ('["a list"]', 'must be an object with "id"'),
        ('{"id": "x", "left": {"text": "a"}}', 'missing "right"'),
        ('{"id": "x", "left": {"text": ""}, "right": {"text": "b"}}', '"left.text" must be'),
        (
            '{"id": "x", "left": {"text": "a", "published": "May 5"}, "right": {"text": "b"}}',
            '"left.published" must be an ISO date',
        ),
        ('{"id": "x", "left": {"text": "a", "colour": 1}, "right": {"text": "b"}}', "unknown key"),
    ],
)
def test_bad_line_is_refused_naming_its_number(line: str, expected: str) -> None:
    lines = [json.dumps(GOOD), "", line]
    with pytest.raises(PairsError) as info:
        read_pairs(lines, "pairs.jsonl")
    assert str(info.value).startswith("pairs.jsonl: line 3: ")
    assert expected in str(info.value)


def test_cli_bad_line_exits_3_with_one_line_and_writes_nothing(tmp_path: Path) -> None:
    source = tmp_path / "pairs.jsonl"
    source.write_text(json.dumps(GOOD) + "\n{oops\n", encoding="utf-8")
    out = _run(str(source), "-o", str(tmp_path / "out.jsonl"))
    assert out.returncode == 3
    assert out.stderr.count("\n") == 1
    assert "line 2" in out.stderr
    assert not (tmp_path / "out.jsonl").exists()


def test_context_and_published_reach_the_claim() -> None:
    line = json.dumps(
        {
            "id": 7,
            "left": {
                "text": "He said so.",
                "context": ["Jo Bloggs spoke."],
                "published": "2025-05-31",
            },
            "right": {"text": "She said so.", "outlet": "Daily"},
        }
    )
    (pair,) = read_pairs([line])
    assert pair.id == "7"
    assert pair.left.context == ("Jo Bloggs spoke.",)
    assert pair.left.source.published is not None and pair.left.source.published.day == 31
    assert pair.right.source.outlet == "Daily"


def test_result_line_carries_every_contract_field() -> None:
    left = Sentence("left", 0, "Two people died.", 0, 16)
    right = Sentence("right", 0, "Five people died.", 0, 17)
    divergence = Divergence(
        rule="number-mismatch",
        kind=Kind.NUMBER,
        severity=Severity.ERROR,
        left=left,
        right=right,
        left_value="Two",
        right_value="Five",
        message="m",
        left_span=Span("left", 0, 3, "Two"),
        right_span=Span("right", 0, 4, "Five"),
    )
    data = json.loads(result_line("p1", [divergence]))
    assert data["id"] == "p1"
    (found,) = data["divergences"]
    assert set(found) == {
        "rule",
        "kind",
        "severity",
        "left_value",
        "right_value",
        "left_span",
        "right_span",
        "message",
    }
    assert found["right_span"] == {"start": 0, "end": 4, "text": "Five"}


@pytest.mark.slow
def test_cli_flags_a_changed_figure_with_spans(tmp_path: Path) -> None:
    source = tmp_path / "pairs.jsonl"
    pairs = [
        {
            "id": "a",
            "left": {"text": "The fire destroyed 120 homes on Tuesday."},
            "right": {"text": "The fire destroyed 310 homes on Tuesday."},
        },
        {
            "id": "b",
            "left": {"text": "The fire destroyed 120 homes on Tuesday."},
            "right": {"text": "On Tuesday the blaze destroyed 120 houses."},
        },
    ]
    source.write_text("".join(json.dumps(p) + "\n" for p in pairs), encoding="utf-8")
    out = _run(str(source))
    assert out.returncode == 0, out.stderr
    first, second = (json.loads(line) for line in out.stdout.splitlines())
    assert [d["kind"] for d in first["divergences"]] == ["number"]
    span = first["divergences"][0]["right_span"]
    assert span["text"].startswith("310")
    assert pairs[0]["right"]["text"][span["start"] : span["end"]] == span["text"]
    assert second["divergences"] == []
