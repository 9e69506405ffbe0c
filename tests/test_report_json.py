"""The report JSON's one reader: ``from_dict`` is the inverse of ``to_dict``."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from crosscheck.ingest import load_articles
from crosscheck.report.json import ReportError, from_dict, to_dict
from crosscheck.segment import split_sentences
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
W0 = Sentence("wire", 0, "Talks ended in Lakeport on Monday, but no ceasefire was agreed.", 0, 63)
W1 = Sentence("wire", 1, "Three people were killed overnight.", 64, 99)
D0 = Sentence("daily", 0, "Talks, held in Lakeport, ended on Tuesday with no ceasefire.", 0, 60)
D1 = Sentence("daily", 1, "Die Gespräche enden.", 61, 81)
CLAUSE = Sentence("wire", 0, "but no ceasefire was agreed.", 35, 63)
DETAIL = Sentence("daily", 0, "held in Lakeport", 7, 23)


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


# --- the way back to the file ------------------------------------------------------------


def _report_from_files(tmp_path: Path) -> Report:
    """A report over two real files, sentences and sources as compare gives them."""
    (tmp_path / "wire.txt").write_text(
        "Council Approves Flood Wall\n\nThe harbour council approved a flood wall on"
        "\nMonday. It will cost 4 million euros, the chair said.\n",
        encoding="utf-8",
    )
    (tmp_path / "daily.html").write_text(
        "<html><body><article><h1>Flood wall</h1>\n<p>The council approved the wall on "
        "<b>Monday</b> after a debate that ran late into the night. Smith &amp; Jones will "
        "build it for 4 million euros.</p>\n<p>Work on the northern section of the wall "
        "starts in May, weeks before the storm season, the chair said.</p>\n"
        "</article></body></html>",
        encoding="utf-8",
    )
    articles = load_articles([tmp_path / "wire.txt", tmp_path / "daily.html"])
    sentences = tuple(s for a in articles for s in split_sentences(a))
    return Report(tuple(a.source for a in articles), sentences, (), (), (), ())


def test_sentences_carry_their_file_position_and_sources_their_text(tmp_path: Path) -> None:
    report = _report_from_files(tmp_path)
    data = to_dict(report)
    for source in data["sources"]:
        assert source["text"] and source["file_map"]
        file_text = (tmp_path / Path(source["path"]).name).read_text(encoding="utf-8")
        for sentence in (s for s in data["sentences"] if s["source"] == source["id"]):
            assert source["text"][sentence["start"] : sentence["end"]] == sentence["text"]
            found = file_text[sentence["file_start"] : sentence["file_end"]]
            assert found.startswith(sentence["text"].split()[0])
            assert file_text.count("\n", 0, sentence["file_start"]) + 1 == sentence["line"]
    daily = [s for s in data["sentences"] if s["source"] == "daily"]
    assert daily[1]["text"].startswith("Smith & Jones")
    assert (
        "Smith &amp; Jones"
        in (tmp_path / "daily.html").read_text()[daily[1]["file_start"] : daily[1]["file_end"]]
    )
    assert data["coverage"]["no_file_position"] == []


def test_file_positions_survive_the_round_trip(tmp_path: Path) -> None:
    report = _report_from_files(tmp_path)
    data = to_dict(report)
    back = from_dict(json.loads(json.dumps(data)))
    assert back == report
    assert to_dict(back) == data


def test_a_report_without_file_map_keeps_its_sentences_file_positions(tmp_path: Path) -> None:
    data = to_dict(_report_from_files(tmp_path))
    for source in data["sources"]:
        source["file_map"] = None
    assert to_dict(from_dict(data))["sentences"] == data["sentences"]
    broken = {**data, "sources": [{**data["sources"][0], "file_map": [[1, 2, 3]]}]}
    with pytest.raises(ReportError, match=r"sources\[0\]\.file_map\[0\] is not a list of 6"):
        from_dict(broken)


def test_the_readme_names_every_source_and_sentence_field(tmp_path: Path) -> None:
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("### JSON report") :]
    section = section[: section.index("\n### ", 1)]
    data = to_dict(_report_from_files(tmp_path))
    for key in [*data["sources"][0], *data["sentences"][0], *data["coverage"]]:
        assert f'"{key}"' in section, f"README's JSON section does not name {key!r}"
