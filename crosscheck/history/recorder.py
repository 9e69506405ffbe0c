"""Writing one run into the history (inside ``History.recording()``)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

from crosscheck import reviews
from crosscheck.history.changes import StoryDiff, diff_story, match_stories
from crosscheck.history.fingerprints import Seen
from crosscheck.history.queries import _divergence_rows, _latest_members
from crosscheck.store import PgConnection, SqliteConnection

if TYPE_CHECKING:
    from crosscheck.history.database import History
    from crosscheck.reviews import Review

# Memoised comparisons not used for this many runs are dropped, so the table stays
# about the size of the stories currently watched.
MEMO_KEEP_RUNS = 5


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


class RunRecorder:
    """Writes one run; obtained from ``History.recording()``."""

    def __init__(
        self,
        db: SqliteConnection | PgConnection,
        history: History,
        *,
        inputs: Sequence[str],
        version: str,
    ) -> None:
        self._db = db
        self._history = history
        self._totals = {"stories": 0, "divergences": 0, "new": 0, "resolved": 0}
        row = db.execute(
            "INSERT INTO runs (started, finished, inputs, version) VALUES (?, ?, ?, ?)"
            " RETURNING id",
            (_now(), "", json.dumps(list(inputs), ensure_ascii=False), version),
        ).fetchone()
        self.run = int(row[0])

    def match(self, groups: Mapping[str, frozenset[str]]) -> dict[str, str]:
        """Map proposed story ids of a pile to the ids of the stories they continue."""
        return match_stories(groups, _latest_members(self._db))

    def record_story(
        self,
        story: str,
        title: str,
        members: Iterable[str],
        sources: Iterable[str],
        current: Sequence[Seen],
    ) -> StoryDiff:
        """Store this run's divergences of one story and return what changed."""
        db = self._db
        sources = sorted(sources)
        row = db.execute(
            "SELECT MAX(run) FROM story_runs WHERE story = ? AND run < ?", (story, self.run)
        ).fetchone()
        previous_run = row[0] if row and row[0] is not None else None
        previous: list[Seen] = []
        if previous_run is not None:
            fps = {
                r[0]
                for r in db.execute(
                    "SELECT fingerprint FROM sightings WHERE run = ? AND story = ?",
                    (previous_run, story),
                )
            }
            previous = [
                seen for seen, _, _ in _divergence_rows(db, story) if seen.fingerprint in fps
            ]
        diff = diff_story(previous_run, previous, current, sources)
        db.execute(
            "INSERT INTO stories (id, title, first_run, last_run) VALUES (?, ?, ?, ?)"
            " ON CONFLICT(id) DO UPDATE SET title = excluded.title, last_run = excluded.last_run",
            (story, title, self.run, self.run),
        )
        db.execute(
            "INSERT INTO story_runs VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
            " ON CONFLICT (run, story) DO UPDATE SET title = excluded.title,"
            " members = excluded.members, sources = excluded.sources,"
            " divergences = excluded.divergences, new = excluded.new,"
            " resolved = excluded.resolved",
            (
                self.run,
                story,
                title,
                json.dumps(sorted(members), ensure_ascii=False),
                json.dumps(sources, ensure_ascii=False),
                len(current),
                len(diff.new),
                len(diff.resolved),
            ),
        )
        continues = dict(diff.carried)
        for s in current:
            first_run = self.run
            if s.fingerprint in continues:
                row = db.execute(
                    "SELECT first_run FROM divergences WHERE story = ? AND fingerprint = ?",
                    (story, continues[s.fingerprint]),
                ).fetchone()
                first_run = row[0] if row else self.run
            db.execute(
                "INSERT INTO divergences"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT (story, fingerprint) DO NOTHING",
                (
                    story, s.fingerprint, s.rule, s.kind, s.severity.value, s.left_source,
                    s.right_source, s.left_value, s.right_value, s.left_text, s.right_text,
                    s.message, first_run, continues.get(s.fingerprint, ""),
                ),
            )  # fmt: skip
            db.execute(
                "INSERT INTO sightings VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                (self.run, story, s.fingerprint),
            )
        self._totals["stories"] += 1
        self._totals["divergences"] += len(current)
        self._totals["new"] += len(diff.new)
        self._totals["resolved"] += len(diff.resolved)
        return diff

    def carry_reviews(self, story: str, carried: Iterable[tuple[str, str]]) -> list[Review]:
        """Carry verdicts to divergences that persist under a new fingerprint (see
        StoryDiff.carried) and return the story's verdicts."""

        reviews.carry(self._db, story, carried)
        return reviews.load(self._db, story)

    def remember(self, key: str, report_json: str) -> None:
        """Memoise one comparison so that an unchanged story is not compared again."""
        self._db.execute(
            "INSERT INTO memo (key, report, last_run) VALUES (?, ?, ?)"
            " ON CONFLICT (key) DO UPDATE SET report = excluded.report,"
            " last_run = excluded.last_run",
            (key, report_json, self.run),
        )

    def touch(self, key: str) -> None:
        """Mark a memoised comparison as used by this run."""
        self._db.execute("UPDATE memo SET last_run = ? WHERE key = ?", (self.run, key))

    def reports_in(self, output: str, folder: str) -> None:
        """Record the run folder holding this run's reports (see crosscheck.runfolder)."""
        self._db.execute(
            "INSERT INTO run_reports VALUES (?, ?, ?) ON CONFLICT (run) DO UPDATE SET"
            " output = excluded.output, folder = excluded.folder",
            (self.run, output, folder),
        )

    def committed_reports(self, output: str) -> str | None:
        """The run folder of the last committed run that wrote to ``output``."""
        row = self._db.execute(
            "SELECT folder FROM run_reports WHERE output = ? AND run < ? ORDER BY run DESC LIMIT 1",
            (output, self.run),
        ).fetchone()
        return row[0] if row else None

    def finish(self) -> None:
        self._db.execute(
            "UPDATE runs SET finished = ?, stories = ?, divergences = ?, new = ?, resolved = ?"
            " WHERE id = ?",
            (_now(), *self._totals.values(), self.run),
        )
        self._db.execute("DELETE FROM memo WHERE last_run <= ?", (self.run - MEMO_KEEP_RUNS,))
