"""The audit history: fingerprints, diffs, schema versions and concurrent writers."""

from __future__ import annotations

import hashlib
import itertools
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest

from crosscheck.errors import AuditError
from crosscheck.history import (
    SCHEMA_VERSION,
    History,
    Seen,
    diff_story,
    fingerprint,
    match_stories,
    normalise,
)
from crosscheck.types import Divergence, Kind, Sentence, Severity

ROOT = Path(__file__).resolve().parent.parent


def _divergence(
    left: str = "The flood forced 1,200 people from their homes.",
    right: str = "Some 1,500 residents fled the rising water.",
    left_value: str = "1,200",
    right_value: str = "1,500",
    *,
    left_index: int = 3,
    right_index: int = 5,
    rule: str = "number-mismatch",
    sources: tuple[str, str] = ("wire", "ledger"),
) -> Divergence:
    return Divergence(
        rule=rule,
        kind=Kind.NUMBER,
        severity=Severity.ERROR,
        left=Sentence(sources[0], left_index, left, 0, len(left)),
        right=Sentence(sources[1], right_index, right, 0, len(right)),
        left_value=left_value,
        right_value=right_value,
        message=f"figures differ: {left_value} ({sources[0]}) vs {right_value} ({sources[1]})",
    )


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# --- fingerprints --------------------------------------------------------------------


def test_fingerprint_ignores_sentence_positions() -> None:
    # A paragraph inserted above both sentences shifts their indexes, nothing else.
    assert fingerprint(_divergence()) == fingerprint(_divergence(left_index=9, right_index=0))


def test_fingerprint_ignores_which_side_is_left() -> None:
    swapped = _divergence(
        "Some 1,500 residents fled the rising water.",
        "The flood forced 1,200 people from their homes.",
        "1,500",
        "1,200",
        sources=("ledger", "wire"),
    )
    assert fingerprint(swapped) == fingerprint(_divergence())


def test_fingerprint_ignores_typography_and_spacing() -> None:
    curly = _divergence(left="The  flood forced 1,200 people from their homes.")
    assert fingerprint(curly) == fingerprint(_divergence())
    assert normalise("“Done” — he said\u00a0today") == '"done" - he said today'


@pytest.mark.parametrize(
    "changed",
    [
        {"right": "Some 1,300 residents fled the rising water.", "right_value": "1,300"},
        {"left": "Floods forced 1,200 people from their homes."},
        {"rule": "number-rounding"},
        {"sources": ("wire", "courier")},
    ],
)
def test_fingerprint_changes_with_what_a_reader_sees(changed: dict[str, Any]) -> None:
    assert fingerprint(_divergence(**changed)) != fingerprint(_divergence())


# --- diffs -----------------------------------------------------------------------------


def _seen(**changes: object) -> Seen:
    return Seen.of(_divergence(**changes))  # type: ignore[arg-type]


def test_diff_sorts_new_persisting_resolved_and_departed() -> None:
    kept = _seen()
    corrected = _seen(right="Officials said 900 were moved.", right_value="900")
    left_story = _seen(sources=("wire", "courier"))
    fresh = _seen(rule="number-rounding")
    diff = diff_story(4, [kept, corrected, left_story], [kept, fresh], ["wire", "ledger"])
    assert diff.previous_run == 4
    assert diff.new == (fresh,)
    assert diff.persisting == (kept,)
    assert diff.resolved == (corrected,)
    assert diff.departed == (left_story,)
    assert diff.status(fresh.fingerprint) == "new"
    assert diff.status(kept.fingerprint) == "persisting"


def test_first_audit_has_everything_new_and_nothing_resolved() -> None:
    diff = diff_story(None, [], [_seen()], ["wire", "ledger"])
    assert diff.previous_run is None
    assert len(diff.new) == 1 and not diff.resolved and not diff.persisting


def test_a_divergence_in_an_edited_sentence_persists() -> None:
    # The ledger corrects the death toll in a sentence that also disagrees on the
    # missing: the toll divergence is resolved, the missing one persists.
    wire = "The toll rose to 1,644 on Saturday, with 3,408 injured and 139 missing."
    ledger_before = "Officials put the toll at 2,056 on Monday, with 270 still missing."
    ledger_after = "Officials put the toll at 1,644 on Monday, with 270 still missing."
    toll = _seen(left=wire, right=ledger_before, left_value="1,644", right_value="2,056")
    missing = _seen(left=wire, right=ledger_before, left_value="139", right_value="270")
    missing_now = _seen(left=wire, right=ledger_after, left_value="139", right_value="270")
    assert missing_now.fingerprint != missing.fingerprint  # the sentence text changed
    diff = diff_story(1, [toll, missing], [missing_now], ["wire", "ledger"])
    assert diff.resolved == (toll,)
    assert diff.persisting == (missing_now,) and not diff.new
    assert diff.carried == ((missing_now.fingerprint, missing.fingerprint),)


def test_the_same_values_in_another_sentence_are_a_new_divergence() -> None:
    old = _seen()
    elsewhere = _seen(right="By nightfall the shelters held 1,500 evacuees from three towns.")
    diff = diff_story(1, [old], [elsewhere], ["wire", "ledger"])
    assert diff.new == (elsewhere,) and diff.resolved == (old,)


def test_match_keeps_an_id_while_a_story_grows_and_gives_it_to_the_bigger_part() -> None:
    previous = {"quake-1": frozenset({"a", "b", "c"}), "flood-2": frozenset({"x", "y"})}
    groups = {
        "quake-new": frozenset({"a", "b", "c", "d", "e"}),  # grew: all old members kept
        "quake-split": frozenset({"c", "f", "g"}),  # shares one member: a different story
        "fresh": frozenset({"p", "q"}),
    }
    assert match_stories(groups, previous) == {
        "quake-new": "quake-1",
        "quake-split": "quake-split",
        "fresh": "fresh",
    }


# --- the database ----------------------------------------------------------------------


def _record(history: History, divergences: list[Divergence], story: str = "flood") -> object:
    with history.recording(inputs=["x"]) as run:
        return run.record_story(
            story,
            "Flood in the valley",
            ["/news/wire.txt", "/news/ledger.txt"],
            ["wire", "ledger"],
            [Seen.of(d) for d in divergences],
        )


def test_runs_record_new_persisting_and_resolved(tmp_path: Path) -> None:
    history = History(tmp_path / "h.sqlite3")
    first = _divergence()
    second = _divergence(
        "Schools stay shut until Monday.", "Schools reopen on Friday.", "Monday", "Friday",
        rule="date-mismatch",
    )  # fmt: skip
    diff1 = _record(history, [first, second])
    assert diff1.previous_run is None and len(diff1.new) == 2  # type: ignore[attr-defined]
    # The ledger corrects its figure to agree: the number divergence is resolved.
    diff2 = _record(history, [second])
    assert diff2.previous_run == 1  # type: ignore[attr-defined]
    assert [s.rule for s in diff2.resolved] == ["number-mismatch"]  # type: ignore[attr-defined]
    assert [s.rule for s in diff2.persisting] == ["date-mismatch"]  # type: ignore[attr-defined]
    assert not diff2.new  # type: ignore[attr-defined]
    timeline = history.timeline("flood")
    assert [r.run for r in timeline.runs] == [1, 2]
    assert [(r.divergences, r.new, r.resolved) for r in timeline.runs] == [(2, 2, 0), (1, 0, 1)]
    lives = {life.seen.rule: life for life in timeline.divergences}
    assert lives["date-mismatch"].open and lives["date-mismatch"].runs == (1, 2)
    assert not lives["number-mismatch"].open and lives["number-mismatch"].last_run == 1


def test_a_carried_divergence_keeps_its_life_in_the_timeline(tmp_path: Path) -> None:
    history = History(tmp_path / "h.sqlite3")
    _record(history, [_divergence(left="The flood forced 1,200 people from their homes.")])
    _record(
        history, [_divergence(left="The flood forced 1,200 people from their homes, police said.")]
    )
    (life,) = history.timeline("flood").divergences
    assert life.open and life.first_run == 1 and life.runs == (1, 2)


def assert_a_failed_run_leaves_no_trace(history: History) -> None:
    """One run recorded, then a run that fails mid-way: only the first is in history.
    Shared with the PostgreSQL tests (tests/test_postgres.py)."""
    _record(history, [_divergence()])
    with pytest.raises(RuntimeError), history.recording(inputs=["x"]) as run:
        run.record_story("flood", "t", [], ["wire", "ledger"], [])
        raise RuntimeError("disk full while writing reports")
    timeline = history.timeline("flood")
    assert [r.run for r in timeline.runs] == [1]
    assert timeline.divergences[0].open


def test_a_failed_run_leaves_no_trace(tmp_path: Path) -> None:
    assert_a_failed_run_leaves_no_trace(History(tmp_path / "h.sqlite3"))


def test_unknown_story_lists_the_known_ones(tmp_path: Path) -> None:
    history = History(tmp_path / "h.sqlite3")
    _record(history, [], story="myanmar-quake")
    with pytest.raises(AuditError, match=r"no story 'quake'.*known: myanmar-quake"):
        history.timeline("quake")


def test_a_newer_schema_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "h.sqlite3"
    History(path)
    db = sqlite3.connect(path)
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    db.close()
    before = _digest(path)
    with pytest.raises(AuditError, match=r"schema version \d+ is newer than this crosscheck"):
        History(path)
    assert _digest(path) == before


def test_a_file_that_is_not_a_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite3"
    path.write_text("these are my notes, not a database\n" * 100)
    before = _digest(path)
    with pytest.raises(AuditError, match="not a crosscheck history database"):
        History(path)
    assert _digest(path) == before


def test_another_sqlite_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite3"
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE customers (name TEXT)")
    db.commit()
    db.close()
    with pytest.raises(AuditError, match="not a crosscheck history database"):
        History(path)


def test_history_without_a_database_says_so(tmp_path: Path) -> None:
    with pytest.raises(AuditError, match="no audit history here"):
        History(tmp_path / "missing.sqlite3", create=False)
    assert not (tmp_path / "missing.sqlite3").exists()


_WRITER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from crosscheck.history import History, Seen
    from crosscheck.types import Divergence, Kind, Sentence, Severity

    def divergence(n):
        left = f"The count rose to {n} on day {n}."
        right = f"The count rose to {n + 1} on day {n}."
        return Divergence("number-mismatch", Kind.NUMBER, Severity.ERROR,
                          Sentence("wire", 0, left, 0, len(left)),
                          Sentence("ledger", 0, right, 0, len(right)),
                          str(n), str(n + 1), "differ")

    path, worker, runs = Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
    history = History(path)
    for k in range(runs):
        with history.recording(inputs=[f"worker-{worker}"]) as run:
            # Each run sees a sliding window of divergences: some new, some resolved.
            seen = [Seen.of(divergence(n)) for n in range(k, k + 3)]
            run.record_story("shared-story", "Shared", ["a", "b"], ["wire", "ledger"], seen)
            run.record_story(f"own-{worker}", "Own", ["c"], ["wire", "ledger"], seen[:1])
    """
)


def test_concurrent_audits_on_one_database_take_turns(tmp_path: Path) -> None:
    path = tmp_path / "h.sqlite3"
    workers, runs = 3, 15
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", _WRITER, str(path), str(w), str(runs)],
            cwd=ROOT,
            stderr=subprocess.PIPE,
            text=True,
        )
        for w in range(workers)
    ]
    for proc in procs:
        _, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert db.execute("SELECT COUNT(*) FROM runs").fetchone()[0] == workers * runs
    # Every run of the shared story diffed against the run just before it, whoever wrote
    # it: the stored new/resolved counts match the sightings of consecutive runs.
    rows = db.execute(
        "SELECT run, new, resolved FROM story_runs WHERE story = 'shared-story' ORDER BY run"
    ).fetchall()
    assert len(rows) == workers * runs
    sightings: dict[int, set[str]] = {}
    for run, fp in db.execute("SELECT run, fingerprint FROM sightings WHERE story='shared-story'"):
        sightings.setdefault(run, set()).add(fp)
    for (prev, _, _), (run, new, resolved) in itertools.pairwise(rows):
        assert new == len(sightings[run] - sightings[prev])
        assert resolved == len(sightings[prev] - sightings[run])
