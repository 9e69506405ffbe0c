"""A desk's verdicts on divergences: confirmed, false alarm, fixed.

>>> history = History(Path("reports/history.sqlite3"))                # doctest: +SKIP
>>> history.add_review("quake", "3f2a9c0d1e4b5a67", Verdict.FALSE_ALARM, by="im")  # doctest: +SKIP

A verdict is kept per (story, fingerprint) in the history database (table ``reviews``,
created with the others in ``crosscheck.history``). A later audit carries it to the same
divergence: the same fingerprint, or the divergence that history finds persisting in an
edited sentence (``StoryDiff.carried``), whose new fingerprint receives a copy.

What a verdict does to a report: a false alarm leaves the counts, the exit codes and the
main list (it is shown folded under "Reviewed"); a fix is shown there too; a confirmed
divergence stays in the main list with its verdict. Only unreviewed divergences are
*open*, and only open ones fail a run.

The SQL is plain (``?`` parameters, ``ON CONFLICT ... DO UPDATE``) so that another
database backend can run it as written or with its own parameter style.
"""

from __future__ import annotations

import datetime as dt
import getpass
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from crosscheck.errors import AuditError
from crosscheck.types import Divergence, _Vocabulary

if TYPE_CHECKING:
    from crosscheck.history import History


class Verdict(_Vocabulary):
    CONFIRMED = "confirmed"
    FALSE_ALARM = "false-alarm"
    FIXED = "fixed"

    @property
    def counted(self) -> bool:
        """Whether a divergence with this verdict still counts in a report's totals."""
        return self is not Verdict.FALSE_ALARM

    @property
    def in_main_list(self) -> bool:
        """A confirmed divergence stays in the main list; the others fold under "Reviewed"."""
        return self is Verdict.CONFIRMED


@dataclass(frozen=True, slots=True)
class Review:
    """One verdict: who gave it, when (UTC, ISO 8601) and why."""

    story: str
    fingerprint: str
    verdict: Verdict
    by: str
    at: str
    note: str = ""


class _Connection(Protocol):
    def execute(self, sql: str, parameters: Any = ..., /) -> Any: ...


_COLUMNS = "story, fingerprint, verdict, reviewer, reviewed_at, note"


def now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def store(db: _Connection, review: Review) -> None:
    """Write a verdict, replacing an earlier verdict on the same divergence."""
    db.execute(
        f"INSERT INTO reviews ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?)"
        " ON CONFLICT (story, fingerprint) DO UPDATE SET verdict = excluded.verdict,"
        " reviewer = excluded.reviewer, reviewed_at = excluded.reviewed_at,"
        " note = excluded.note",
        (
            review.story,
            review.fingerprint,
            review.verdict.value,
            review.by,
            review.at,
            review.note,
        ),
    )


def load(db: _Connection, story: str | None = None) -> list[Review]:
    """Every verdict (of one story), oldest first."""
    where, params = (" WHERE story = ?", (story,)) if story is not None else ("", ())
    rows = db.execute(
        f"SELECT {_COLUMNS} FROM reviews{where} ORDER BY reviewed_at, story, fingerprint", params
    )
    return [Review(s, fp, Verdict(v), by, at, note) for s, fp, v, by, at, note in rows]


def carry(db: _Connection, story: str, carried: Iterable[tuple[str, str]]) -> None:
    """Give each (new, old) fingerprint pair's new fingerprint the old one's verdict,
    unless it has one of its own."""
    known = {r.fingerprint: r for r in load(db, story)}
    for new, old in carried:
        if new not in known and old in known:
            was = known[old]
            store(db, Review(story, new, was.verdict, was.by, was.at, was.note))


@dataclass(frozen=True, slots=True)
class Verdicts:
    """The verdicts a report shows, by fingerprint, and the review command's story id.

    >>> Verdicts.none("quake").of_fingerprint("abc") is None
    True
    """

    story: str
    by_fingerprint: Mapping[str, Review]

    @classmethod
    def none(cls, story: str) -> Verdicts:
        return cls(story, {})

    def of_fingerprint(self, fp: str) -> Review | None:
        return self.by_fingerprint.get(fp)

    def of(self, divergence: Divergence) -> Review | None:
        # Here, not at the top: the history reads and writes verdicts through this
        # module (a cycle).
        from crosscheck.history import fingerprint

        return self.by_fingerprint.get(fingerprint(divergence))

    def is_open(self, divergence: Divergence) -> bool:
        return self.of(divergence) is None

    def counted(self, divergence: Divergence) -> bool:
        review = self.of(divergence)
        return review is None or review.verdict.counted

    def command(self, fp: str, verdict: Verdict = Verdict.FALSE_ALARM) -> str:
        """The review command to copy for one divergence."""
        return f"crosscheck review {self.story} {fp} --as {verdict.value}"


def split(
    divergences: Iterable[Divergence], verdicts: Verdicts
) -> tuple[list[Divergence], list[Divergence]]:
    """(main list, folded under "Reviewed"): confirmed ones stay in the main list."""
    main: list[Divergence] = []
    folded: list[Divergence] = []
    for d in divergences:
        review = verdicts.of(d)
        (main if review is None or review.verdict.in_main_list else folded).append(d)
    return main, folded


_FINGERPRINT = re.compile(r"[0-9a-f]{4,16}")


def review(
    history: History, story: str, fp: str, verdict: str, *, by: str = "", note: str = ""
) -> Review:
    """Record a verdict on one divergence of ``story``; a prefix of its fingerprint will do
    when the history knows the story (``crosscheck history STORY`` lists them).

    A story the history does not know (reports from ``compare``) takes the full
    16-character fingerprint the report prints.
    """

    try:
        parsed = Verdict.parse(verdict)
    except ValueError as exc:
        raise AuditError(f"--as: {exc}") from None
    fp = fp.strip().casefold()
    if not _FINGERPRINT.fullmatch(fp):
        raise AuditError(f"{fp!r} is not a fingerprint (4 to 16 hex digits, as reports print)")
    known = {story_id for story_id, _, _ in history.stories()}
    if story in known:
        fingerprints = {life.seen.fingerprint for life in history.timeline(story).divergences}
        fingerprints |= {r.fingerprint for r in history.reviews(story)}
        matches = sorted(f for f in fingerprints if f.startswith(fp))
        if not matches:
            listed = ", ".join(sorted(fingerprints)[:10]) or "none"
            raise AuditError(f"no divergence {fp} in story {story!r} (known: {listed})")
        if len(matches) > 1:
            raise AuditError(
                f"{fp} names {len(matches)} divergences of {story!r}: give more digits"
            )
        fp = matches[0]
    elif len(fp) != 16:
        raise AuditError(
            f"story {story!r} is not in {history.path}: give the full 16-digit fingerprint"
        )
    entry = Review(story, fp, parsed, by or _user(), now(), note)
    history.add_review(entry)
    return entry


def _user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


def for_report(history: History, default_story: str) -> Verdicts:
    """Every verdict of the history by fingerprint, for ``compare --db`` (a fingerprint
    names one divergence whatever the story it was reviewed under)."""
    found = {r.fingerprint: r for r in history.reviews()}
    return Verdicts(default_story, found)
