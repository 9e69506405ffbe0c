"""compare() end to end: fast with a test-double embedder, slow with the real model."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from doubles import BagOfWords

from crosscheck.checks import Claim
from crosscheck.errors import IngestError
from crosscheck.pipeline import Timings, compare, compare_files, narrowed
from crosscheck.report import render
from crosscheck.report.json import to_dict
from crosscheck.rules import load_rules, run_rules
from crosscheck.segment import split_clauses
from crosscheck.settings import RULES_DIR
from crosscheck.types import Sentence, Source

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
GOLDEN = Path(__file__).parent / "golden" / "seeds.md"


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_compare_pairs_same_fact_and_lists_one_source_claims(tmp_path: Path) -> None:
    a = _write(
        tmp_path,
        "wire.txt",
        "The storm destroyed forty homes in Port Ellis on Tuesday night.\n\n"
        "Rescue teams from three provinces searched the flooded harbour district.\n\n"
        "The mayor promised compensation for every family that lost a house.\n",
    )
    b = _write(
        tmp_path,
        "daily.md",
        "---\ntitle: Storm hits Port Ellis\noutlet: The Daily\ndate: 2025-03-05\n---\n\n"
        "The storm destroyed forty homes in Port Ellis on Tuesday night.\n\n"
        "A local choir cancelled its spring concert at the old theatre.\n",
    )
    timings = Timings()
    report = compare_files([a, b], embedder=BagOfWords(), timings=timings)
    assert [s.outlet for s in report.sources] == ["wire.txt", "The Daily"]
    pairs = {(al.left.text[:20], al.right.text[:20]) for al in report.alignments}
    assert pairs == {("The storm destroyed ", "The storm destroyed ")}
    assert len(report.facts) == 1
    omitted = {s.text for s in report.omissions}
    assert "A local choir cancelled its spring concert at the old theatre." in omitted
    assert {"ingest", "rules", "embed", "align"} <= set(timings)
    data = to_dict(report)
    assert data["facts"][0]["members"][0]["index"] == 0


def test_a_sentence_stating_two_facts_pairs_with_both(tmp_path: Path) -> None:
    a = _write(
        tmp_path,
        "a.txt",
        "Forty homes in Port Ellis were destroyed by the storm on Tuesday, but the mayor"
        " refused to declare an emergency in the harbour district.\n",
    )
    b = _write(
        tmp_path,
        "b.txt",
        "The mayor refused to declare an emergency in the harbour district despite the damage."
        "\n\nForty homes in Port Ellis were destroyed by the storm on Tuesday.\n",
    )
    report = compare_files([a, b], embedder=BagOfWords())
    assert {al.right.ref for al in report.alignments} == {("b", 0), ("b", 1)}
    assert [[m.ref for m in fact.members] for fact in report.facts] == [
        [("a", 0), ("b", 0)],
        [("a", 0), ("b", 1)],
    ]
    through = report.facts[0].clauses[0]
    assert through.text.startswith("but the mayor refused")
    data = to_dict(report)
    assert data["facts"][0]["members"][0]["clause"]["text"] == through.text
    clause_pairs = [al for al in data["alignments"] if "left_clause" in al]
    assert [al["right"]["index"] for al in clause_pairs] == [0]
    markdown = render(report, "markdown")
    assert "**but the mayor refused to declare an emergency in the harbour district.**" in markdown


def test_a_detail_only_one_outlet_gives_is_listed(tmp_path: Path) -> None:
    a = _write(
        tmp_path,
        "a.txt",
        "The storm destroyed forty homes in Port Ellis on Tuesday night,"
        " the worst damage since the floods of 1998.\n",
    )
    b = _write(tmp_path, "b.txt", "The storm destroyed forty homes in Port Ellis on Tuesday.\n")
    report = compare_files([a, b], embedder=BagOfWords())
    assert len(report.alignments) == 1 and report.omissions == ()
    assert [d.text for d in report.details] == ["the worst damage since the floods of 1998."]
    entry = to_dict(report)["omissions"][0]
    assert (entry["source"], entry["index"]) == ("a", 0)
    assert entry["details"][0]["text"] == "the worst damage since the floods of 1998."


def test_rules_read_the_clause_an_alignment_went_through() -> None:
    text = (
        "Forty homes in Port Ellis were destroyed on Tuesday,"
        " but the mayor refused to declare an emergency."
    )
    other = "The mayor refused to declare an emergency after ten homes were damaged."
    whole = Claim(Sentence("a", 0, text, 0, len(text)), Source("a", "a.txt", "", "A"))
    right = Claim(Sentence("b", 0, other, 0, len(other)), Source("b", "b.txt", "", "B"))
    clause = split_clauses(whole.sentence)[1]
    part = narrowed(whole, clause)
    assert part.text == "but the mayor refused to declare an emergency."
    assert part.context == ("Forty homes in Port Ellis were destroyed on Tuesday,",)
    assert narrowed(whole, None) is whole
    rules = load_rules(RULES_DIR)
    # The whole sentence's other clause gives a figure the clause does not state.
    assert [d.kind.value for d in run_rules(rules, [(whole, right)])] == ["number"]
    assert run_rules(rules, [(part, right)]) == []


def test_compare_chains_the_stages_on_articles_already_read(tmp_path: Path) -> None:
    from crosscheck.build import build_rules
    from crosscheck.ingest import load_articles

    a = _write(tmp_path, "a.txt", "PORTVILLE, June 2 (Wire) - The storm destroyed forty homes.\n")
    b = _write(
        tmp_path,
        "b.md",
        "---\noutlet: The Daily\ndate: 2025-06-03\n---\n\nThe storm destroyed forty homes.\n",
    )
    articles = load_articles([a, b])
    assert articles[0].source.published is None  # the year is the story's to give
    a.unlink()
    b.unlink()  # compare reads no file: it has the articles
    report = compare(articles, build_rules(), BagOfWords())
    assert len(report.alignments) == 1
    # The year-less dateline took the year of the story's other article.
    assert report.source("a").published is not None
    assert report.source("a").published.isoformat() == "2025-06-02"


def test_compare_refuses_the_same_file_twice(tmp_path: Path) -> None:
    a = _write(tmp_path, "a.txt", "A sentence that says something about the story.\n")
    with pytest.raises(IngestError, match="given more than once"):
        compare_files([a, tmp_path / "." / "a.txt"], embedder=BagOfWords())


def test_compare_refuses_a_bad_file_before_any_work(tmp_path: Path) -> None:
    good = _write(tmp_path, "a.txt", "A sentence that says something about the story.\n")
    empty = _write(tmp_path, "b.txt", "")
    with pytest.raises(IngestError, match=r"b\.txt"):
        compare_files([good, empty], embedder=BagOfWords())


def test_cli_writes_nothing_when_an_input_is_bad(tmp_path: Path) -> None:
    good = _write(tmp_path, "a.txt", "A sentence that says something about the story.\n")
    binary = tmp_path / "b.txt"
    binary.write_bytes(b"\x00\x01\x02binary")
    out = tmp_path / "report.md"
    done = subprocess.run(
        [sys.executable, "-m", "crosscheck", "compare", str(good), str(binary), "-o", str(out)],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 3
    assert done.stderr.startswith("Error: ") and "b.txt" in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
    assert not out.exists()


# ---------------------------------------------------------------- real model, slow


def _sentence_with(report_json: dict, needle: str) -> tuple[str, int]:  # type: ignore[type-arg]
    hits = [(s["source"], s["index"]) for s in report_json["sentences"] if needle in s["text"]]
    assert len(hits) == 1, f"{needle!r} found {len(hits)} times"
    return hits[0]


@pytest.fixture(scope="module")
def seed_report(embedder):  # type: ignore[no-untyped-def]
    return compare_files(SEEDS, embedder=embedder)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("left", "right"),
    [
        # The 16 May talks, told as "two weeks ago" in a piece of 31 May. The sentence
        # also states the no-breakthrough fact: the talks pair through its first clause.
        ("The first round of talks two weeks ago in Istanbul", "last met in Istanbul on May 16"),
        # The 19 May Trump-Putin call in both.
        ("On 19 May, Trump and Putin had a two-hour phone call", "Following a May 19 call"),
    ],
)
def test_seeds_pair_the_same_facts_in_other_words(seed_report, left: str, right: str) -> None:  # type: ignore[no-untyped-def]
    data = to_dict(seed_report)
    a, b = _sentence_with(data, left), _sentence_with(data, right)
    pairs = {
        frozenset(
            ((p["left"]["source"], p["left"]["index"]), (p["right"]["source"], p["right"]["index"]))
        )
        for p in data["alignments"]
    }
    assert frozenset((a, b)) in pairs


@pytest.mark.slow
def test_seed_report_matches_the_golden_file(seed_report) -> None:  # type: ignore[no-untyped-def]
    text = render(seed_report, "markdown")
    if os.environ.get("CROSSCHECK_UPDATE_GOLDEN"):
        GOLDEN.write_text(text, encoding="utf-8")
    assert GOLDEN.exists(), "no golden report: run with CROSSCHECK_UPDATE_GOLDEN=1 once"
    assert text == GOLDEN.read_text(encoding="utf-8"), (
        "the seed report changed; if on purpose, rewrite it with CROSSCHECK_UPDATE_GOLDEN=1"
    )


@pytest.mark.slow
def test_cli_compare_on_seeds_writes_json(tmp_path: Path) -> None:
    out = tmp_path / "seeds.json"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "crosscheck",
            "compare",
            *map(str, SEEDS),
            "-f",
            "json",
            "-o",
            str(out),
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "CROSSCHECK_CACHE_DIR": str(tmp_path / "cache")},
    )
    assert done.returncode == 0, done.stderr
    data = json.loads(out.read_text())
    assert len(data["sources"]) == 2
    assert data["alignments"] and data["facts"]


@pytest.mark.slow
def test_cli_compare_takes_a_folder_and_leaves_out_data_files(tmp_path: Path) -> None:
    story = tmp_path / "story"
    story.mkdir()
    for seed in SEEDS:
        (story / seed.name).write_bytes(seed.read_bytes())
    (story / "gold.yaml").write_text("story: seeds\n", encoding="utf-8")
    out = tmp_path / "story.json"
    args = ["compare", str(story), str(story / "gold.yaml"), "-f", "json", "-o", str(out)]
    done = subprocess.run(
        [sys.executable, "-m", "crosscheck", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "CROSSCHECK_CACHE_DIR": str(tmp_path / "cache")},
    )
    assert done.returncode == 0, done.stderr
    assert "gold.yaml: left out (a .yaml data file, not an article)" in done.stderr
    data = json.loads(out.read_text())
    assert sorted(Path(s["path"]).name for s in data["sources"]) == [s.name for s in SEEDS]


def test_outlets_that_share_a_name_are_told_apart(tmp_path: Path) -> None:
    from crosscheck.pipeline import distinct_outlets
    from crosscheck.types import Article, Source

    articles = [
        Article(Source("a", "a.txt", "", "example.org"), "x"),
        Article(Source("b", "b.txt", "", "example.org"), "y"),
        Article(Source("c", "c.txt", "", "The Daily"), "z"),
    ]
    outlets = [a.source.outlet for a in distinct_outlets(articles)]
    assert outlets == ["example.org (a)", "example.org (b)", "The Daily"]


def test_rules_are_read_once_until_a_rule_file_changes(tmp_path: Path) -> None:
    from crosscheck.build import rules_once

    folder = tmp_path / "rules"
    folder.mkdir()
    rule = folder / "date-mismatch.yaml"
    rule.write_text((RULES_DIR / "date-mismatch.yaml").read_text(encoding="utf-8"), "utf-8")
    first = rules_once(RULES_DIR, folder)
    assert rules_once(RULES_DIR, folder) is first
    # The same size and, on a coarse clock, the same mtime: the contents decide.
    rule.write_text(rule.read_text(encoding="utf-8").replace("error", "debug", 1), "utf-8")
    rule.write_text(rule.read_text(encoding="utf-8").replace("debug", "error", 1), "utf-8")
    assert rules_once(RULES_DIR, folder) is first
    rule.write_text(rule.read_text(encoding="utf-8").replace("severity: error", "severity: info"))
    changed = rules_once(RULES_DIR, folder)
    assert changed is not first
    assert changed.get("date-mismatch").severity.value == "info"
    assert first.get("date-mismatch").severity.value == "error"
