"""crosscheck audit end to end.

Fast tests replace ``compare`` with a transparent stand-in (sentences that match once
their figures are blanked state one fact; differing figures diverge) and the model with
a bag-of-words embedder, so that what is tested is the audit: inputs, grouping, ids,
history, reports, index, exit codes and errors. Slow tests run the real pipeline on
copies of the dev clusters.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import shutil
import sqlite3
import subprocess
import sys
import threading
from collections import defaultdict
from collections.abc import Sequence
from itertools import combinations
from pathlib import Path
from typing import Any

import pytest
from doubles import BagOfWords
from typer.testing import CliRunner

from crosscheck.audit import AuditResult, audit, odd_ones_out, read_config, report_from_dict
from crosscheck.cli import app
from crosscheck.errors import AuditError, IngestError
from crosscheck.history import SCHEMA_VERSION, Seen, fingerprint, normalise
from crosscheck.report.json import to_dict
from crosscheck.types import (
    Alignment,
    Article,
    Divergence,
    Fact,
    Kind,
    Report,
    Sentence,
    Severity,
    Source,
)

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT.parent / "shared" / "eval" / "dev"
runner = CliRunner()


_FIGURE = re.compile(r"\d[\d,]*")


class FakeCompare:
    """compare() as a rule of thumb: same words bar the figures = same fact."""

    def __init__(self) -> None:
        self.calls = 0

    def __call__(self, articles: Sequence[Article], *_: object, **__: object) -> Report:
        from crosscheck.segment import split_sentences

        self.calls += 1
        # The audit hands over the Articles it read: compare reads no file again.
        assert all(isinstance(a, Article) for a in articles)
        sentences = [s for a in articles for s in split_sentences(a)]
        groups = defaultdict(list)
        for s in sentences:
            groups[_FIGURE.sub("#", s.text.casefold())].append(s)
        alignments, facts, divergences = [], [], []
        shared = [g for g in groups.values() if len({s.source for s in g}) > 1]
        for n, members in enumerate(shared, 1):
            facts.append(Fact(f"f{n}", tuple(members)))
            for a, b in combinations(members, 2):
                if a.source == b.source:
                    continue
                alignments.append(Alignment(a, b, 1.0, 1.0))
                left, right = _FIGURE.findall(a.text), _FIGURE.findall(b.text)
                if left != right:
                    severity = Severity.WARNING if "about" in a.text else Severity.ERROR
                    divergences.append(
                        Divergence(
                            "number-mismatch", Kind.NUMBER, severity, a, b,
                            " ".join(left), " ".join(right),
                            f"figures differ: {' '.join(left)} ({a.source}) vs "
                            f"{' '.join(right)} ({b.source})",
                        )
                    )  # fmt: skip
        return Report(
            sources=tuple(a.source for a in articles),
            sentences=tuple(sentences),
            alignments=tuple(alignments),
            facts=tuple(facts),
            divergences=tuple(divergences),
            omissions=(),
            model="fake",
            rules=("number-mismatch",),
        )


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch) -> FakeCompare:
    stand_in = FakeCompare()
    monkeypatch.setattr("crosscheck.pipeline.compare", stand_in)
    return stand_in


def _article(title: str, outlet: str, date: str, *paragraphs: str) -> str:
    front = f"---\ntitle: {title}\noutlet: {outlet}\ndate: {date}\n---\n\n"
    return front + "\n\n".join(paragraphs) + "\n"


QUAKE = {
    "wire.md": _article(
        "Quake kills 1,600 in Port Avery", "Wire", "2025-03-29",
        "The earthquake in Port Avery killed 1,600 people, officials said on Saturday.",
        "Rescuers in Port Avery pulled 40 survivors from the rubble overnight.",
        "The junta in the capital asked foreign governments for aid.",
    ),
    "ledger.md": _article(
        "Port Avery quake toll climbs", "Ledger", "2025-03-29",
        "The earthquake in Port Avery killed 1,600 people, officials said on Saturday.",
        "Rescuers in Port Avery pulled 45 survivors from the rubble overnight.",
        "Aid flights from abroad landed in Port Avery on Sunday.",
    ),
    "herald.md": _article(
        "Rescuers dig by hand in Port Avery", "Herald", "2025-03-30",
        "The earthquake in Port Avery killed 1,700 people, officials said on Saturday.",
        "Rescuers in Port Avery pulled 40 survivors from the rubble overnight.",
        "The junta in the capital asked foreign governments for aid.",
    ),
}  # fmt: skip
FLOOD = {
    "wire.md": _article(
        "Valencia floods force thousands out", "Wire", "2025-10-30",
        "Floods in Valencia forced about 3,000 residents from their homes on Wednesday.",
        "The weather agency kept its red alert for the Valencia coast.",
    ),
    "courier.md": _article(
        "Valencia evacuates as rivers burst", "Courier", "2025-10-30",
        "Floods in Valencia forced about 2,500 residents from their homes on Wednesday.",
        "The weather agency kept its red alert for the Valencia coast.",
    ),
}  # fmt: skip


def _stories(root: Path) -> Path:
    folder = root / "stories"
    for story, files in (("quake", QUAKE), ("flood", FLOOD)):
        (folder / story).mkdir(parents=True)
        for name, text in files.items():
            (folder / story / name).write_text(text, encoding="utf-8")
    (folder / "quake" / "notes.yaml").write_text("not: an article\n")  # skipped by the scan
    return folder


def _pile(root: Path) -> Path:
    folder = root / "pile"
    folder.mkdir()
    for story, files in (("quake", QUAKE), ("flood", FLOOD)):
        for name, text in files.items():
            (folder / f"{story}-{name}").write_text(text, encoding="utf-8")
    (folder / "budget-gazette.md").write_text(
        _article(
            "Leeds passes its budget", "Gazette", "2025-03-29",
            "The council in Leeds approved a leaner budget after a long evening session.",
        ),
        encoding="utf-8",
    )  # fmt: skip
    return folder


def _run(paths: Sequence[Path], out: Path, **options: Any) -> AuditResult:
    options.setdefault("embedder", BagOfWords())
    return audit(paths, output=out, **options)


def _values(seen: object) -> tuple[str, ...]:
    return tuple(sorted((seen.left_value, seen.right_value)))  # type: ignore[attr-defined]


def _snapshot(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.name.endswith(("-wal", "-shm"))
    }


# --- a folder of story folders -----------------------------------------------------------


def test_folder_of_stories_gives_reports_index_and_history(
    tmp_path: Path, fake: FakeCompare
) -> None:
    out = tmp_path / "reports"
    result = _run([_stories(tmp_path)], out)
    assert result.run == 1
    assert sorted(s.id for s in result.stories) == ["flood", "quake"]
    written = {p.name for p in out.iterdir()}
    assert {"flood.md", "flood.json", "quake.md", "quake.json", "index.md"} <= written
    assert "history.sqlite3" in written
    assert not [name for name in written if name.endswith(".tmp")]
    quake = next(s for s in result.stories if s.id == "quake")
    # 1,600 vs 1,700 (herald vs the two others) and 40 vs 45 (ledger vs the two others)
    assert len(quake.report.divergences) == 4
    assert len(quake.diff.new) == 4 and quake.diff.previous_run is None
    assert result.failed  # new errors, and fail_on defaults to error
    index = (out / "index.md").read_text()
    assert "[Rescuers dig by hand in Port Avery](quake.md)" in index
    assert index.index("quake.md") < index.index("flood.md")  # worst first
    md = (out / "quake.md").read_text()
    assert md.startswith("# crosscheck report: ")
    assert "## Since the last run" in md and "First audit of this story" in md


def test_json_report_keeps_the_compare_shape_with_source_paths(
    tmp_path: Path, fake: FakeCompare
) -> None:
    stories = _stories(tmp_path)
    result = _run([stories], tmp_path / "out")
    quake = next(s for s in result.stories if s.id == "quake")
    data = json.loads(quake.json.read_text())
    assert set(to_dict(quake.report)) <= set(data)
    assert {Path(s["path"]).name for s in data["sources"]} == {"wire.md", "ledger.md", "herald.md"}
    assert all(Path(s["path"]).exists() for s in data["sources"])
    block = data["audit"]
    assert block["story"] == "quake" and block["run"] == 1
    assert [d["status"] for d in block["divergences"]] == ["new"] * 4
    assert [d["fingerprint"] for d in block["divergences"]] == [
        fingerprint(d) for d in quake.report.divergences
    ]


def test_second_run_after_an_edit_reports_exactly_what_the_edit_changed(
    tmp_path: Path, fake: FakeCompare
) -> None:
    stories = _stories(tmp_path)
    out = tmp_path / "out"
    _run([stories], out)
    # The herald corrects its toll to 1,600; the courier revises its estimate to 2,800.
    herald = stories / "quake" / "herald.md"
    herald.write_text(herald.read_text().replace("killed 1,700", "killed 1,600"))
    courier = stories / "flood" / "courier.md"
    courier.write_text(courier.read_text().replace("about 2,500", "about 2,800"))
    result = _run([stories], out)
    assert result.run == 2
    quake = next(s for s in result.stories if s.id == "quake")
    assert [_values(s) for s in quake.diff.resolved] == [("1,600", "1,700")] * 2
    assert not quake.diff.new
    assert len(quake.diff.persisting) == 2  # the survivors' 40 vs 45 is untouched
    flood = next(s for s in result.stories if s.id == "flood")
    assert [_values(s) for s in flood.diff.new] == [("2,800", "3,000")]
    assert [_values(s) for s in flood.diff.resolved] == [("2,500", "3,000")]
    index = (out / "index.md").read_text()
    assert "**1 new** divergences, 2 persisting, **3 resolved**" in index
    md = (out / "quake.md").read_text()
    assert "Run 2 against run 1: **0 new**, 2 persisting, **2 resolved**" in md
    assert "### Resolved (an outlet changed its text)" in md


def test_an_inserted_paragraph_makes_nothing_new(tmp_path: Path, fake: FakeCompare) -> None:
    stories = _stories(tmp_path)
    out = tmp_path / "out"
    _run([stories], out)
    ledger = stories / "quake" / "ledger.md"
    text = ledger.read_text()
    ledger.write_text(
        text.replace("---\n\n", "---\n\nPower returned to parts of the city late on Sunday.\n\n")
    )
    result = _run([stories], out)
    quake = next(s for s in result.stories if s.id == "quake")
    assert not quake.diff.new and not quake.diff.resolved
    assert len(quake.diff.persisting) == 4
    assert not result.failed


def test_an_unchanged_story_is_not_compared_again(tmp_path: Path, fake: FakeCompare) -> None:
    stories = _stories(tmp_path)
    out = tmp_path / "out"
    _run([stories], out)
    assert fake.calls == 2
    first = (out / "quake.md").read_text()
    result = _run([stories], out)
    assert fake.calls == 2
    assert all(s.reused for s in result.stories)
    assert not result.failed  # nothing new
    assert "Run 2 against run 1: **0 new**, 4 persisting" in (out / "quake.md").read_text()
    assert first != (out / "quake.md").read_text()
    # Without the memo every story is compared again.
    _run([stories], out, memoise=False)
    assert fake.calls == 4


def test_a_story_folder_with_one_article_is_reported_not_compared(
    tmp_path: Path, fake: FakeCompare
) -> None:
    stories = _stories(tmp_path)
    (stories / "lonely").mkdir()
    (stories / "lonely" / "wire.md").write_text(QUAKE["wire.md"])
    result = _run([stories], tmp_path / "out")
    assert [u.path.name for u in result.uncompared] == ["wire.md"]
    assert "the only article in lonely/" in (tmp_path / "out" / "index.md").read_text()


# --- a pile --------------------------------------------------------------------------------


def test_a_pile_is_grouped_into_stories_with_stable_ids(tmp_path: Path, fake: FakeCompare) -> None:
    pile = _pile(tmp_path)
    out = tmp_path / "out"
    first = _run([pile], out)
    groups = sorted(sorted(p.name for p in s.paths) for s in first.stories)
    assert groups == [
        ["flood-courier.md", "flood-wire.md"],
        ["quake-herald.md", "quake-ledger.md", "quake-wire.md"],
    ]
    assert [u.path.name for u in first.uncompared] == ["budget-gazette.md"]
    ids = {s.id for s in first.stories}
    assert all(re.fullmatch(r"[a-z0-9-]+-[0-9a-f]{6}", i) for i in ids)
    # A fourth outlet joins the quake story overnight: the story keeps its id.
    (pile / "quake-post.md").write_text(
        QUAKE["ledger.md"].replace("Ledger", "Post").replace("45 survivors", "40 survivors")
    )
    second = _run([pile], out)
    assert {s.id for s in second.stories} == ids
    quake = next(s for s in second.stories if len(s.paths) == 4)
    assert quake.diff.previous_run == 1
    assert len(quake.diff.persisting) == 4
    assert len(quake.diff.new) == 2  # the post against the herald's toll and the ledger's count


def test_the_same_outlet_twice_in_a_pile_story_is_set_aside(
    tmp_path: Path, fake: FakeCompare
) -> None:
    pile = _pile(tmp_path)
    (pile / "quake-wire-update.md").write_text(
        QUAKE["wire.md"].replace("2025-03-29", "2025-03-30").replace("40 survivors", "41 survivors")
    )
    result = _run([pile], tmp_path / "out")
    quake = next(s for s in result.stories if len(s.paths) == 3 and "quake" in s.paths[0].name)
    assert [p.name for p in quake.set_aside] == ["quake-wire.md"]  # the older version
    assert "quake-wire-update.md" in {p.name for p in quake.paths}
    assert "### Set aside" in quake.markdown.read_text()


# --- index ---------------------------------------------------------------------------------


def test_the_odd_one_out_is_the_outlet_alone_against_two_others(
    tmp_path: Path, fake: FakeCompare
) -> None:
    result = _run([_stories(tmp_path)], tmp_path / "out")
    quake = next(s for s in result.stories if s.id == "quake")
    assert odd_ones_out(quake.report) == ["herald", "ledger"]
    flood = next(s for s in result.stories if s.id == "flood")
    assert odd_ones_out(flood.report) == []  # two sources: nobody can be singled out
    index = result.index.read_text()
    outlets = index[index.index("## Outlets") :]
    assert re.search(r"\| Herald +\| +1 \| +3 \| +1 \|", outlets)  # 2 on the toll, 1 on survivors


def test_report_round_trips_through_json(tmp_path: Path, fake: FakeCompare) -> None:
    result = _run([_stories(tmp_path)], tmp_path / "out")
    for story in result.stories:
        data = to_dict(story.report)
        assert to_dict(report_from_dict(data)) == data


def test_a_report_with_clauses_and_details_survives_the_memo() -> None:
    wire = Source("wire", "wire.txt", "Talks", "Wire", dt.date(2025, 6, 2))
    daily = Source("daily", "daily.txt", "Talks", "Daily", None)
    w0 = Sentence("wire", 0, "Talks ended in Eastbury, but no ceasefire was agreed.", 0, 53)
    w1 = Sentence("wire", 1, "Three people were killed overnight in the south.", 54, 102)
    d0 = Sentence("daily", 0, "No ceasefire came of the talks, held in Eastbury.", 0, 49)
    clause = Sentence("wire", 0, "but no ceasefire was agreed.", 25, 53)
    detail = Sentence("daily", 0, "held in Eastbury", 32, 48)
    report = Report(
        sources=(wire, daily),
        sentences=(w0, w1, d0),
        alignments=(Alignment(w0, d0, 0.9, 0.8, left_clause=clause),),
        facts=(Fact("f1", (d0, w0), clauses=(clause,)),),
        divergences=(),
        omissions=(w1,),
        details=(detail,),
    )
    assert report_from_dict(to_dict(report)) == report


# --- concurrency -----------------------------------------------------------------------


def test_two_audits_at_once_on_one_database(tmp_path: Path, fake: FakeCompare) -> None:
    stories = _stories(tmp_path)
    out = tmp_path / "out"
    errors: list[BaseException] = []

    def one() -> None:
        try:
            _run([stories], out, memoise=False)
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=one) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    db = sqlite3.connect(out / "history.sqlite3")
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert [r[0] for r in db.execute("SELECT id FROM runs ORDER BY id")] == [1, 2, 3]
    # Only the first run found anything new: the others diffed against a committed run.
    assert [r[0] for r in db.execute("SELECT new FROM runs ORDER BY id")] == [5, 0, 0]


# --- configuration --------------------------------------------------------------------------


def test_config_paths_are_read_from_the_config_folder(tmp_path: Path) -> None:
    config = tmp_path / "conf" / "audit.yaml"
    config.parent.mkdir()
    config.write_text(
        "inputs: [../news]\noutput: out\ndb: /var/tmp/h.sqlite3\nrules: my-rules\n"
        "date_window_days: 2\nfail_on: [warning, error]\n"
    )
    options = read_config(config)
    assert options["paths"] == [tmp_path / "conf" / "../news"]
    assert options["output"] == tmp_path / "conf" / "out"
    assert options["db"] == Path("/var/tmp/h.sqlite3")
    assert options["rules_dirs"] == [tmp_path / "conf" / "my-rules"]
    assert options["window_days"] == 2
    assert options["fail_on"] is Severity.WARNING


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("inputs: [a]\nouput: b\n", 'unknown option "ouput" (valid: inputs, rules'),
        ("inputs: [a\n", "not valid YAML (line 2)"),
        ("- a\n- b\n", "expected a mapping of options"),
        ("fail_on: critical\n", "'critical' is not one of info, warning, error"),
        ("date_window_days: soon\n", 'option "date_window_days" takes a whole number'),
        ("inputs: 3\n", 'option "inputs" takes a path or a list of paths'),
    ],
)
def test_a_broken_config_is_refused(tmp_path: Path, text: str, message: str) -> None:
    config = tmp_path / "audit.yaml"
    config.write_text(text)
    with pytest.raises(AuditError, match=re.escape(message)):
        read_config(config)


# --- the command line -------------------------------------------------------------------------


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "crosscheck", *args], capture_output=True, text=True, cwd=ROOT
    )


def test_cli_exit_codes_quiet_and_log_lines(tmp_path: Path, fake: FakeCompare) -> None:
    stories = _stories(tmp_path)
    out, cache = tmp_path / "out", tmp_path / "cache"
    base = ["audit", str(stories), "-o", str(out), "--cache-dir", str(cache)]
    first = runner.invoke(app, base)
    assert first.exit_code == 1, first.output  # new errors
    # the larger story is compared first, so a pool never waits on it at the end
    assert "compare 1/2: quake: 3 sources, 4 divergences" in first.stderr
    assert "compare 2/2: flood: 2 sources, 1 divergences" in first.stderr
    assert first.stdout.startswith("run 1: 2 stories from 5 articles, 5 new divergences (4 error)")
    again = runner.invoke(app, [*base, "--quiet"])
    assert again.exit_code == 0 and again.output == ""  # nothing new
    courier = stories / "flood" / "courier.md"
    courier.write_text(courier.read_text().replace("about 2,500", "about 2,600"))
    warn = runner.invoke(app, [*base, "-q", "--fail-on", "warning"])
    assert warn.exit_code == 1  # a new warning
    courier.write_text(courier.read_text().replace("about 2,600", "about 2,700"))
    assert runner.invoke(app, [*base, "-q"]).exit_code == 0  # warnings pass by default


def test_cli_config_supplies_inputs_and_options(tmp_path: Path, fake: FakeCompare) -> None:
    _stories(tmp_path)
    (tmp_path / "audit.yaml").write_text(
        "inputs: [stories]\noutput: nightly\nfail_on: none\ncache_dir: cache\n"
    )
    result = runner.invoke(app, ["audit", "--config", str(tmp_path / "audit.yaml"), "-q"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "nightly" / "index.md").exists()


def test_history_command_shows_a_story_over_time(tmp_path: Path, fake: FakeCompare) -> None:
    stories = _stories(tmp_path)
    out = tmp_path / "out"
    _run([stories], out)
    herald = stories / "quake" / "herald.md"
    herald.write_text(herald.read_text().replace("killed 1,700", "killed 1,600"))
    _run([stories], out)
    shown = runner.invoke(app, ["history", "quake", "--output", str(out)])
    assert shown.exit_code == 0, shown.output
    assert "quake: Rescuers dig by hand in Port Avery" in shown.stdout
    assert "resolved after run 1" in shown.stdout
    assert shown.stdout.count("open") == 2
    listed = runner.invoke(app, ["history", "--db", str(out / "history.sqlite3")])
    assert "flood" in listed.stdout and "quake" in listed.stdout
    with pytest.raises(AuditError, match="no story 'volcano'"):
        runner.invoke(app, ["history", "volcano", "-o", str(out)], catch_exceptions=False)


# --- bad input leaves earlier reports and history intact ------------------------------------


@pytest.fixture
def audited(tmp_path: Path, fake: FakeCompare) -> tuple[Path, Path, dict[str, str]]:
    stories = _stories(tmp_path)
    out = tmp_path / "out"
    _run([stories], out)
    return stories, out, _snapshot(out)


def _refused(out: Path, *args: str) -> str:
    done = _cli("audit", *args, "-o", str(out), "--cache-dir", str(out.parent / "cache"))
    assert done.returncode == 3, done.stderr
    assert done.stderr.startswith("Error: ")
    assert done.stderr.count("\n") == 1, done.stderr  # one line
    return done.stderr


def test_an_unreadable_file_is_refused(audited: tuple[Path, Path, dict[str, str]]) -> None:
    stories, out, before = audited
    bad = stories / "quake" / "wire.md"
    bad.write_bytes(b"\x00\x01binary\x00")  # unreadable as text, even for root
    assert "wire.md: binary file" in _refused(out, str(stories))
    assert _snapshot(out) == before


@pytest.mark.skipif(sys.platform == "win32" or not hasattr(__import__("os"), "geteuid")
                    or __import__("os").geteuid() == 0, reason="root reads any file")  # fmt: skip
def test_a_file_without_read_permission_is_refused(
    audited: tuple[Path, Path, dict[str, str]],
) -> None:
    stories, out, before = audited
    bad = stories / "flood" / "courier.md"
    bad.chmod(0)
    try:
        assert "courier.md: cannot be read" in _refused(out, str(stories))
    finally:
        bad.chmod(0o644)
    assert _snapshot(out) == before


def test_an_empty_folder_is_refused(
    tmp_path: Path, audited: tuple[Path, Path, dict[str, str]]
) -> None:
    _, out, before = audited
    (tmp_path / "empty").mkdir()
    assert "empty: no articles here" in _refused(out, str(tmp_path / "empty"))
    assert "no such file or folder" in _refused(out, str(tmp_path / "missing"))
    assert _snapshot(out) == before


def test_a_broken_config_is_refused_by_the_cli(
    tmp_path: Path, audited: tuple[Path, Path, dict[str, str]]
) -> None:
    _, out, before = audited
    (tmp_path / "audit.yaml").write_text("inputs: [stories\n")
    assert "not valid YAML" in _refused(out, "--config", str(tmp_path / "audit.yaml"))
    assert _snapshot(out) == before


def test_a_database_from_a_newer_version_is_refused(
    audited: tuple[Path, Path, dict[str, str]],
) -> None:
    stories, out, _ = audited
    db = sqlite3.connect(out / "history.sqlite3")
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    db.close()
    before = _snapshot(out)
    assert "is newer than this crosscheck" in _refused(out, str(stories))
    assert _snapshot(out) == before


def test_ingest_errors_come_before_any_write(tmp_path: Path, fake: FakeCompare) -> None:
    stories = _stories(tmp_path)
    (stories / "flood" / "empty.md").write_text("")
    with pytest.raises(IngestError, match=r"empty\.md: file is empty"):
        _run([stories], tmp_path / "out")
    assert not (tmp_path / "out" / "index.md").exists()
    assert fake.calls == 0


# --- the real pipeline (slow) -------------------------------------------------------------


def _keys(items: Sequence[Divergence] | Sequence[Seen]) -> set[tuple[str, frozenset[object]]]:
    """Rule and (source, value) pairs: what a reader means by "the same divergence"."""
    out: set[tuple[str, frozenset[object]]] = set()
    for item in items:
        if isinstance(item, Seen):
            pairs = {(item.left_source, item.left_value), (item.right_source, item.right_value)}
        else:
            pairs = {(item.left.source, item.left_value), (item.right.source, item.right_value)}
        out.add((item.rule, frozenset((source, normalise(value)) for source, value in pairs)))
    return out


needs_dev = pytest.mark.skipif(not DEV.is_dir(), reason=f"{DEV} not found (../shared absent)")


@pytest.mark.slow
@needs_dev
def test_dev_clusters_audit_then_edit_reports_exactly_the_edit(
    tmp_path: Path, embedder: Any
) -> None:
    from crosscheck.pipeline import compare_files

    stories = tmp_path / "dev"
    shutil.copytree(DEV, stories)
    for path in stories.rglob("*"):
        path.chmod(0o755 if path.is_dir() else 0o644)
    out = tmp_path / "out"
    first = audit([stories], output=out, embedder=embedder)
    assert sorted(s.id for s in first.stories) == sorted(
        p.name for p in DEV.iterdir() if p.is_dir()
    )
    story = next(s for s in first.stories if s.id == "myanmar-quake")
    # One outlet corrects a figure to agree with another: that divergence is resolved.
    paths = {s.id: Path(s.path) for s in story.report.sources}
    fixable = [
        d
        for d in story.report.divergences
        if d.kind is Kind.NUMBER
        and paths[d.right.source].read_text(encoding="utf-8").count(d.right_value) == 1
    ]
    if not fixable:
        pytest.skip("the rules found no number divergence to correct in myanmar-quake")
    corrected = fixable[0]
    target = paths[corrected.right.source]
    text = target.read_text(encoding="utf-8")
    target.write_text(text.replace(corrected.right_value, corrected.left_value), encoding="utf-8")
    second = audit([stories], output=out, embedder=embedder)
    files = sorted(p for p in (stories / "myanmar-quake").iterdir() if p.suffix != ".yaml")
    after_report = compare_files(files, embedder=embedder)
    story2 = next(s for s in second.stories if s.id == "myanmar-quake")
    assert fingerprint(corrected) in {s.fingerprint for s in story2.diff.resolved}

    # Exactly what the edit changed: a divergence is the same one when its rule, sources
    # and values are (its sentence may have been edited elsewhere, as here).
    before, after = _keys(story.report.divergences), _keys(after_report.divergences)
    assert _keys(story2.diff.new) == after - before
    assert _keys(story2.diff.resolved) == before - after
    assert _keys(story2.diff.persisting) == before & after
    for other in second.stories:
        if other.id != "myanmar-quake":
            assert not other.diff.new and not other.diff.resolved
            assert other.reused


@pytest.mark.slow
@needs_dev
@pytest.mark.xfail(
    reason="known miss, open: on the 7 dev clusters 21 of 23 articles join their story (2 of "
    "the four newer clusters' pieces stay alone); the grouping thresholds were calibrated on "
    "ECB+ odd topics only and are not refitted here",
    strict=False,
)
def test_dev_articles_mixed_in_one_pile_come_apart_by_story(tmp_path: Path, embedder: Any) -> None:
    pile = tmp_path / "pile"
    pile.mkdir()
    truth = {}
    for cluster in sorted(p for p in DEV.iterdir() if p.is_dir()):
        for article in cluster.iterdir():
            if article.suffix in {".txt", ".md", ".html"}:
                name = f"{cluster.name}--{article.name}"
                shutil.copy(article, pile / name)
                truth[name] = cluster.name
    result = audit([pile], output=tmp_path / "out", embedder=embedder)
    # No story mixes two clusters, and each cluster is found (an angle piece, such as a
    # building collapse in a neighbouring country within a quake cluster, may be left alone).
    found = [{truth[p.name] for p in s.paths} for s in result.stories]
    assert all(len(clusters) == 1 for clusters in found)
    assert sorted(c for clusters in found for c in clusters) == sorted(set(truth.values()))
    grouped = sum(len(s.paths) for s in result.stories)
    assert grouped + len(result.uncompared) == len(truth)
    assert grouped >= len(truth) - 1


# --- a refused audit creates nothing; an interrupted one changes nothing (issue 12) --------


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        ("rules", "rules"),
        ("model", "not a local folder"),
        ("empty", "file is empty"),
        ("binary", "binary file"),
    ],
)
def test_a_refused_audit_creates_no_output_folder_and_no_database(
    tmp_path: Path, bad: str, message: str
) -> None:
    stories = _stories(tmp_path)
    out = tmp_path / "new" / "reports"
    args = [str(stories), "-o", str(out), "--cache-dir", str(tmp_path / "cache")]
    if bad == "rules":
        rules = tmp_path / "my-rules"
        rules.mkdir()
        (rules / "broken.yaml").write_text("id: x\ncheck: no-such-check\nseverity: error\n")
        args += ["--rules", str(rules)]
    elif bad == "model":
        args += ["--model", str(tmp_path / "no-model")]
    elif bad == "empty":
        (stories / "flood" / "empty.md").write_text("")
    else:
        (stories / "flood" / "scan.md").write_bytes(b"\x00\x01\x02binary\x00")
    done = _cli("audit", *args)
    assert done.returncode == 3, done.stderr
    assert done.stderr.startswith("Error: ") and done.stderr.count("\n") == 1, done.stderr
    assert message in done.stderr
    assert not (tmp_path / "new").exists()
    assert not list(tmp_path.rglob("history.sqlite3"))


def _state(out: Path) -> tuple[int, set[int], int]:
    """(run in index.md, runs named by the story JSONs, last run in the history)."""
    index = (out / "index.md").read_text()
    index_run = int(re.search(r"# crosscheck audit: run (\d+)", index).group(1))  # type: ignore[union-attr]
    json_runs = {json.loads(p.read_text())["audit"]["run"] for p in out.glob("*.json")}
    db = sqlite3.connect(out / "history.sqlite3")
    (history_run,) = db.execute("SELECT MAX(id) FROM runs").fetchone()
    db.close()
    return index_run, json_runs, history_run


def _edit(stories: Path) -> None:
    herald = stories / "quake" / "herald.md"
    herald.write_text(herald.read_text().replace("killed 1,700", "killed 1,600"))


@pytest.mark.parametrize("step", ["reports", "index", "commit"])
def test_an_audit_interrupted_at_each_write_step_leaves_reports_and_history_agreeing(
    tmp_path: Path, fake: FakeCompare, step: str
) -> None:
    stories = _stories(tmp_path)
    out = tmp_path / "out"
    _run([stories], out)
    before = _snapshot(out)
    _edit(stories)

    def interrupt() -> None:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        _run([stories], out, hooks={step: interrupt})
    assert _state(out) == (1, {1}, 1)
    assert {k: v for k, v in _snapshot(out).items() if not k.startswith(".runs")} == {
        k: v for k, v in before.items() if not k.startswith(".runs")
    }
    assert _run([stories], out).run == 2
    assert _state(out) == (2, {2}, 2)


_KILLED_AUDIT = """
import os, signal, sys
sys.path.insert(0, "tests")
from pathlib import Path
from doubles import BagOfWords
from crosscheck.audit import audit
step = sys.argv[3]
def die():
    os.kill(os.getpid(), signal.SIGKILL)
audit([Path(sys.argv[1])], output=Path(sys.argv[2]), embedder=BagOfWords(), hooks={step: die})
"""


@pytest.mark.parametrize("step", ["reports", "index", "commit", "publish"])
def test_an_audit_killed_at_each_write_step_never_shows_reports_ahead_of_history(
    tmp_path: Path, step: str
) -> None:
    stories = _stories(tmp_path)
    out = tmp_path / "out"
    _run([stories], out)
    _edit(stories)
    done = subprocess.run(
        [sys.executable, "-c", _KILLED_AUDIT, str(stories), str(out), step],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == -9, done.stderr
    index_run, json_runs, history_run = _state(out)
    # Killed before COMMIT: nothing happened. Killed in the instant after it: the
    # reports are one run behind (never ahead), until the next run switches them.
    assert (index_run, json_runs) == (1, {1})
    assert history_run == (2 if step == "publish" else 1)
    assert not [p for p in out.iterdir() if p.name.endswith((".tmp", ".link"))]
    result = _run([stories], out)
    assert _state(out) == (result.run, {result.run}, result.run)


@pytest.mark.parametrize("layout", [_stories, _pile])
def test_an_audit_reads_each_article_file_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, layout: Any
) -> None:
    import crosscheck.ingest.load as load

    reads: list[Path] = []
    parse = load._parse

    def counted(path: Path) -> Any:
        reads.append(path.resolve())
        return parse(path)

    monkeypatch.setattr(load, "_parse", counted)
    result = _run([layout(tmp_path)], tmp_path / "out")
    assert result.stories  # the real compare ran, on the Articles the audit read
    assert len(reads) == len(set(reads)) == result.articles
