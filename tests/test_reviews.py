"""Review verdicts: stored in the history, carried by later audits, obeyed by reports.

The comparison is the transparent stand-in of test_audit (sentences equal bar their
figures state one fact; differing figures diverge), so what is tested is the desk.
"""

from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path

import pytest
from test_audit import FakeCompare, _article
from typer.testing import CliRunner

from crosscheck.cli import app
from crosscheck.errors import AuditError
from crosscheck.history import History
from crosscheck.reviews import Review, Verdict, review

runner = CliRunner()

TOLL = "The earthquake in Mandalay killed {} people, officials said on Saturday."
SURVIVORS = "Rescuers in Mandalay pulled {} survivors from the rubble overnight."
AID = "The junta in Naypyidaw asked foreign governments for aid."


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch) -> FakeCompare:
    stand_in = FakeCompare()
    monkeypatch.setattr("crosscheck.pipeline.compare", stand_in)
    return stand_in


def _write(folder: Path, toll: str = TOLL, survivors: str = "45") -> Path:
    story = folder / "stories" / "quake"
    story.mkdir(parents=True, exist_ok=True)
    (story / "wire.md").write_text(
        _article("Quake kills 1,600", "Wire", "2025-03-29",
                 toll.format("1,600"), SURVIVORS.format("40"), AID),
        encoding="utf-8",
    )  # fmt: skip
    (story / "herald.md").write_text(
        _article("Rescuers dig by hand", "Herald", "2025-03-30",
                 toll.format("1,700"), SURVIVORS.format(survivors), AID),
        encoding="utf-8",
    )  # fmt: skip
    return story


def _audit(root: Path, out: Path) -> tuple[int, dict[str, dict[str, object]]]:
    """Run the audit CLI; return its exit code and the quake divergences by value pair."""
    done = runner.invoke(app, ["audit", str(root / "stories"), "-o", str(out), "-q"])
    assert done.exit_code in (0, 1), done.output
    data = json.loads((out / "quake.json").read_text(encoding="utf-8"))
    found = {f"{d['left_value']}/{d['right_value']}": d for d in data["divergences"]}
    return done.exit_code, found


def test_review_round_trip_across_an_edit(tmp_path: Path, fake: FakeCompare) -> None:
    story = _write(tmp_path)
    out = tmp_path / "out"
    # A desk works from a compare report first: fingerprints in its JSON.
    report = tmp_path / "quake.json"
    done = runner.invoke(app, ["compare", str(story), "-f", "json", "-o", str(report), "-q"])
    assert done.exit_code == 0, done.output
    divergences = {
        f"{d['left_value']}/{d['right_value']}": d["fingerprint"]
        for d in json.loads(report.read_text(encoding="utf-8"))["divergences"]
    }
    assert set(divergences) == {"1,700/1,600", "45/40"}
    db = str(out / "history.sqlite3")
    for fp, verdict, note in (
        (divergences["1,700/1,600"], "false-alarm", "the herald counts the missing"),
        (divergences["45/40"], "confirmed", "the herald got it wrong"),
    ):
        done = runner.invoke(
            app, ["review", "quake", fp, "--as", verdict, "--note", note, "--by", "ana", "--db", db]
        )
        assert done.exit_code == 0, done.output
        assert f"quake {fp}: {verdict} by ana" in done.output

    # compare obeys the verdicts: nothing open, so --strict passes only with --db.
    strict = ["compare", str(story), "-o", str(tmp_path / "r.md"), "-q", "--strict"]
    assert runner.invoke(app, strict).exit_code == 1
    assert runner.invoke(app, [*strict, "--db", db]).exit_code == 0

    # Run 1: two new errors, both reviewed: the run does not fail.
    code, found = _audit(tmp_path, out)
    assert code == 0
    assert found["1,700/1,600"]["review"]["verdict"] == "false-alarm"  # type: ignore[index]
    assert found["45/40"]["review"]["verdict"] == "confirmed"  # type: ignore[index]
    # The same story without the verdicts fails: the exit code counts open ones only.
    control = runner.invoke(app, ["audit", str(tmp_path / "stories"), "-o", str(tmp_path / "c")])
    assert control.exit_code == 1

    # Run 2: both outlets reword the toll sentence (new fingerprint, same divergence).
    _write(tmp_path, toll=TOLL.replace("said on", "said late on"))
    code, found = _audit(tmp_path, out)
    assert code == 0
    toll = found["1,700/1,600"]
    assert toll["fingerprint"] != divergences["1,700/1,600"]
    assert toll["review"]["verdict"] == "false-alarm"  # type: ignore[index]
    assert found["45/40"]["review"]["verdict"] == "confirmed"  # type: ignore[index]
    markdown = (out / "quake.md").read_text(encoding="utf-8")
    main, _, folded = markdown.partition("## Reviewed")
    assert "1,700" not in main.split("## Divergences", 1)[1]
    assert "1,700" in folded.split("## Aligned facts", 1)[0]
    assert "· confirmed" in main  # a confirmed divergence stays in the main list
    assert "**1** divergences (**0** open, 2 reviewed" in markdown  # the false alarm uncounted
    page = (out / "quake.html").read_text(encoding="utf-8")
    assert page.index(str(toll["fingerprint"])) > page.index('<section id="reviewed">')
    index = (out / "index.md").read_text(encoding="utf-8")
    row = next(line for line in index.splitlines() if "`quake`" in line)
    cells = [c.strip() for c in row.strip("|").split("|")]
    assert cells[8:10] == ["0", "2"]  # open, reviewed
    assert "<td><b>0</b></td><td>2</td>" in (out / "index.html").read_text(encoding="utf-8")
    outlets = index.split("## Outlets", 1)[1]
    assert re.search(r"\| Herald +\| +1 \| +1 \|", outlets)  # the false alarm not counted

    history = runner.invoke(app, ["history", "quake", "--db", db])
    assert "false-alarm by ana" in history.output and "confirmed by ana" in history.output
    listed = runner.invoke(app, ["review", "--list", "quake", "--db", db])
    assert str(toll["fingerprint"]) in listed.output  # the carried copy
    assert "the herald counts the missing" in listed.output

    # Run 3: the herald changes its survivors figure: a new, open error fails the run.
    _write(tmp_path, toll=TOLL.replace("said on", "said late on"), survivors="50")
    code, found = _audit(tmp_path, out)
    assert code == 1
    assert "review" not in found["50/40"]


def test_a_review_names_a_known_divergence_by_prefix(tmp_path: Path) -> None:
    db = tmp_path / "history.sqlite3"
    history = History(db)
    with pytest.raises(AuditError, match="full 16-digit fingerprint"):
        review(history, "unknown-story", "abcd", "confirmed")
    with pytest.raises(AuditError, match="not one of confirmed, false-alarm, fixed"):
        review(history, "unknown-story", "abcd" * 4, "wrong")
    with pytest.raises(AuditError, match="not a fingerprint"):
        review(history, "s", "not-hex!", "fixed")
    entry = review(history, "s", "ABCD" * 4, "fixed", by="li", note="corrected")
    assert history.reviews("s") == [entry]
    assert entry.fingerprint == "abcd" * 4 and entry.verdict is Verdict.FIXED
    # A second verdict on the same divergence replaces the first.
    again = review(history, "s", "abcd" * 4, "confirmed", by="li")
    assert [r.verdict for r in history.reviews()] == [Verdict.CONFIRMED]
    assert isinstance(again, Review)


@pytest.mark.parametrize("verdict", [[], ["--as", "maybe"]])
def test_the_cli_refuses_a_bad_review_and_writes_nothing(
    tmp_path: Path, verdict: list[str]
) -> None:
    import subprocess
    import sys

    db = tmp_path / "h.db"
    done = subprocess.run(
        [sys.executable, "-m", "crosscheck", "review", "quake", "abcd" * 4, *verdict,
         "--db", str(db)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 3
    assert done.stderr.startswith("Error: ") and len(done.stderr.strip().splitlines()) == 1
    assert not db.exists()


def test_a_version_1_history_gains_the_reviews_table(tmp_path: Path) -> None:
    db = tmp_path / "history.sqlite3"
    with History(db).recording(inputs=[]):  # opening alone creates nothing (issue 12)
        pass
    with sqlite3.connect(db) as raw:
        raw.execute("DROP TABLE reviews")
        raw.execute("PRAGMA user_version = 1")
    assert History(db, create=False).reviews() == []


def test_audit_pages_work_in_headless_chromium(tmp_path: Path, fake: FakeCompare) -> None:
    from test_report_html import check_in_browser

    _write(tmp_path)
    out = tmp_path / "out"
    _audit(tmp_path, out)
    story = check_in_browser(out / "quake.html", tmp_path / "quake.png")
    assert {"1,600", "1,700", "40", "45"} <= set(story["marks"])
    assert story["cards"] == 2 and story["dialog_open"] is True
    index = check_in_browser(out / "index.html", tmp_path / "index.png")
    assert index["cards"] == 0
