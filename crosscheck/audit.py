"""Batch audits: many stories -> one report per story, an index, and a history.

>>> result = audit(["nightly/"], output=Path("reports"))      # doctest: +SKIP
>>> [(s.id, len(s.diff.new)) for s in result.stories]          # doctest: +SKIP
[('harbour-fire', 1), ('river-flood', 0)]

An input is a folder of story folders (one folder per story: its name is the story id),
a flat pile of articles (a folder of files, or files), or both at once: loose files
beside story folders join the pile. A pile is grouped into stories by
``crosscheck.stories``; a pile story's id is its title slug plus a hash of its first
member's file name, and a later run that groups mostly the same files takes the
earlier id back from the history.

The order of work makes bad input cheap and harmless: configuration, inputs, the
history's schema version, the rules and every article are checked before anything is
compared, and nothing is written until every story has been compared. The history and
all reports of a run are then written inside one database transaction; each file is
written atomically, so an interrupted run leaves the previous reports and history as
they were (or, at worst, some story reports of the new run, each complete).

One embedder serves every story, and its vector cache is the one ``compare`` uses, so
re-auditing unchanged articles embeds nothing. An unchanged story (same files, rules,
model and crosscheck code) is not even compared again: its report is memoised in the
history database.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import time
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from crosscheck.errors import AuditError
from crosscheck.history import DB_FILE, History, RunRecorder, Seen, StoryDiff
from crosscheck.ingest import ARTICLE_SUFFIXES, is_article_file, real_path
from crosscheck.pipeline import Timings
from crosscheck.report.json import from_dict
from crosscheck.reviews import Verdicts
from crosscheck.stories import DATE_WINDOW_DAYS
from crosscheck.types import (
    Article,
    Report,
    Severity,
)

# The index lists at most this many new and resolved divergences in full; the story
# reports list all of them.
INDEX_LIST_LIMIT = 50
# Options an audit config file may set, with what each one is.
CONFIG_OPTIONS = {
    "inputs": "folders of story folders, piles of articles, or article files",
    "rules": "a rules folder (or a list) overriding the shipped rules",
    "model": "a local sentence-transformers model folder",
    "output": "where reports and index.md are written",
    "db": "the history database file, or a postgresql:// URL",
    "cache_dir": "where sentence vectors are cached",
    "date_window_days": "the longest span of one story in a pile (null: ignore dates)",
    "fail_on": "the lowest severity whose new divergences fail the run (error, warning, "
    "info or none), or a list of severities",
    "workers": "run the work in this many local processes",
    "dask": "a Dask scheduler address, or local",
    "feeds": "RSS/Atom feeds (URLs or files) whose entries are audited as articles",
}


@dataclass(frozen=True, slots=True)
class AuditEvent:
    """Progress of a run, for a progress bar or a log line (the library never prints)."""

    stage: str
    message: str
    done: int = 0
    total: int = 0


Progress = Callable[[AuditEvent], None]


@dataclass(frozen=True, slots=True)
class Story:
    """A story to compare: its id, title, the files compared and those set aside."""

    id: str
    title: str
    paths: tuple[Path, ...]
    set_aside: tuple[Path, ...] = ()
    origin: str = "folder"  # folder | pile


@dataclass(frozen=True, slots=True)
class Uncompared:
    """An article that was read but compared with nothing, and why."""

    path: Path
    title: str
    outlet: str
    reason: str


@dataclass(frozen=True, slots=True)
class StoryResult:
    """One story of a run: its report, what changed since the last run, and its files."""

    id: str
    title: str
    paths: tuple[Path, ...]
    set_aside: tuple[Path, ...]
    report: Report
    diff: StoryDiff
    markdown: Path
    json: Path
    reused: bool
    # The desk's verdicts on this story's divergences (crosscheck.reviews).
    verdicts: Verdicts | None = None

    def is_open(self, seen: Seen) -> bool:
        """Not reviewed: only open divergences fail a run."""
        return self.verdicts is None or self.verdicts.of_fingerprint(seen.fingerprint) is None


@dataclass(frozen=True, slots=True)
class AuditResult:
    """What one audit run did. ``failed``: something new at or above ``fail_on``."""

    run: int
    started: str
    output: Path
    db: Path | str
    index: Path
    stories: tuple[StoryResult, ...]
    uncompared: tuple[Uncompared, ...]
    articles: int
    fail_on: Severity | None
    failed: bool
    embedded: int
    timings: dict[str, float] = field(default_factory=dict)
    # Pairs of pile articles scored while grouping (the blocking keeps it near-linear).
    candidate_pairs: int = 0
    # Stories whose comparison failed (a worker died on every attempt): in the index,
    # not in the history (their previous run stays their latest).
    failed_stories: tuple[Any, ...] = ()
    # Where the work ran: in-process, workers or dask.
    executor: str = "in-process"

    @property
    def new(self) -> list[tuple[str, Seen]]:
        return [(s.id, seen) for s in self.stories for seen in s.diff.new]

    @property
    def resolved(self) -> list[tuple[str, Seen]]:
        return [(s.id, seen) for s in self.stories for seen in s.diff.resolved]


# --- configuration -----------------------------------------------------------------


def parse_fail_on(value: object, where: str = "fail_on") -> Severity | None:
    """``error`` -> ERROR; ``none`` -> None; a list -> its least severe member."""
    if value is None or (isinstance(value, str) and value.casefold() in {"none", "never"}):
        return None
    values = value if isinstance(value, list) else [value]
    try:
        parsed = [Severity.parse(str(v).casefold()) for v in values]
    except ValueError as exc:
        raise AuditError(f"{where}: {exc} (or none)") from None
    if not parsed:
        return None
    return min(parsed, key=lambda s: s.rank)


def read_config(path: Path) -> dict[str, Any]:
    """An audit config file as keyword arguments of ``audit()``; relative paths are
    taken from the config file's folder.

    >>> read_config(Path("audit.yaml"))                          # doctest: +SKIP
    {'paths': [PosixPath('/srv/news/today')], 'fail_on': <Severity.WARNING: 'warning'>}
    """
    from crosscheck.yamlfile import YamlProblem, read_yaml

    path = Path(path)
    where = f"invalid config: {path}"
    try:
        raw = read_yaml(path)
    except YamlProblem as problem:
        if problem.missing:
            raise AuditError(f"{path}: no such config file") from None
        if problem.unreadable:
            raise AuditError(f"{path}: config file: {problem}") from None
        raise AuditError(f"{where}: {problem}") from None
    if raw is None:
        raw = {}
    if not isinstance(raw, dict):
        raise AuditError(f"{where}: expected a mapping of options ({', '.join(CONFIG_OPTIONS)})")
    base = path.parent

    def paths_of(key: str, value: object) -> list[Path]:
        items = value if isinstance(value, list) else [value]
        if not all(isinstance(item, str) and item for item in items):
            raise AuditError(f'{where}: option "{key}" takes a path or a list of paths')
        return [base / Path(str(item)).expanduser() for item in items]

    def one_path(key: str, value: object) -> Path:
        if not isinstance(value, str) or not value:
            raise AuditError(f'{where}: option "{key}" takes one path')
        return base / Path(value).expanduser()

    options: dict[str, Any] = {}
    for key, value in raw.items():
        if key not in CONFIG_OPTIONS:
            raise AuditError(
                f'{where}: unknown option "{key}" (valid: {", ".join(CONFIG_OPTIONS)})'
            )
        if key == "inputs":
            options["paths"] = paths_of(key, value)
        elif key == "feeds":
            items = value if isinstance(value, list) else [value]
            if not all(isinstance(item, str) and item for item in items):
                raise AuditError(f'{where}: option "feeds" takes a feed URL or file, or a list')
            # URLs as given; files relative to the config, like every path here.
            options["feeds"] = [
                item if "://" in item else str(base / Path(item).expanduser()) for item in items
            ]
        elif key == "rules":
            options["rules_dirs"] = paths_of(key, value)
        elif (
            key == "db"
            and isinstance(value, str)
            and value.startswith(("postgresql://", "postgres://"))
        ):
            options["db"] = value
        elif key in ("output", "db", "cache_dir"):
            options[key] = one_path(key, value)
        elif key == "model":
            if not isinstance(value, str) or not value:
                raise AuditError(f'{where}: option "model" takes a model name or folder')
            local = base / Path(value).expanduser()
            options["model"] = str(local) if local.is_dir() else value
        elif key == "date_window_days":
            if value is not None and (
                isinstance(value, bool) or not isinstance(value, int) or value < 0
            ):
                raise AuditError(
                    f'{where}: option "date_window_days" takes a whole number of days >= 0 '
                    f"or null, not {value!r}"
                )
            options["window_days"] = value
        elif key == "fail_on":
            options["fail_on"] = parse_fail_on(value, f'{where}: option "fail_on"')
        elif key == "workers":
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise AuditError(f'{where}: option "workers" takes a whole number >= 1')
            options["workers"] = value
        elif key == "dask":
            if not isinstance(value, str) or not value:
                raise AuditError(f'{where}: option "dask" takes a scheduler address or local')
            options["dask"] = value
    return options


# --- inputs --------------------------------------------------------------------------


def _visible(folder: Path, skip: set[Path]) -> list[Path]:
    try:
        entries = sorted(folder.iterdir())
    except OSError as exc:
        raise AuditError(f"{folder}: cannot be listed ({exc.strerror or exc})") from None
    return [
        entry
        for entry in entries
        if not entry.name.startswith((".", "_")) and real_path(entry) not in skip
    ]


@dataclass(frozen=True, slots=True)
class Inputs:
    """What the input paths hold: story folders (name -> files) and a pile of files."""

    folders: tuple[tuple[Path, tuple[Path, ...]], ...]
    pile: tuple[Path, ...]


def discover(paths: Sequence[Path], *, skip: Iterable[Path] = ()) -> Inputs:
    """Sort the inputs into story folders and a pile; refuse paths that hold no article.

    A file is taken as an article whatever its name (ingest will judge it); a folder
    scan takes the files in ``ARTICLE_SUFFIXES``. A file met twice counts once.
    """
    if not paths:
        raise AuditError("audit needs at least one input: a folder of stories or of articles")
    skipped = {Path(p).resolve() for p in skip}
    seen: set[Path] = set()
    folders: list[tuple[Path, tuple[Path, ...]]] = []
    pile: list[Path] = []

    def fresh(files: Iterable[Path]) -> list[Path]:
        out = []
        for item in files:
            key = real_path(item)
            if key not in seen:
                seen.add(key)
                out.append(item)
        return out

    for raw in paths:
        path = Path(raw)
        if not path.exists():
            raise AuditError(f"{path}: no such file or folder")
        if path.is_file():
            pile.extend(fresh([path]))
            continue
        entries = _visible(path, skipped)
        loose = [e for e in entries if is_article_file(e)]
        stories = 0
        for entry in entries:
            if entry.is_dir():
                files = [e for e in _visible(entry, skipped) if is_article_file(e)]
                if files:
                    folders.append((entry, tuple(fresh(files))))
                    stories += 1
        if not loose and not stories:
            raise AuditError(
                f"{path}: no articles here (expected story folders or article files: "
                f"{', '.join(sorted(ARTICLE_SUFFIXES))})"
            )
        pile.extend(fresh(loose))
    return Inputs(tuple(folders), tuple(pile))


def _slug(text: str, limit: int = 40) -> str:
    from crosscheck.report import slug

    return slug(text, limit)


def _unique(wanted: str, taken: set[str]) -> str:
    candidate, number = wanted, 2
    while candidate in taken:
        candidate = f"{wanted}-{number}"
        number += 1
    taken.add(candidate)
    return candidate


def pile_story_id(title: str, paths: Sequence[Path]) -> str:
    """A pile story's first id: title slug + a hash of its first member's file name.

    >>> pile_story_id("Quake hits Port Avery", [Path("b/wire.txt"), Path("a/ledger.md")])
    'quake-hits-port-avery-6db413'
    """
    first = min(p.name for p in paths)
    return f"{_slug(title)}-{hashlib.sha1(first.encode()).hexdigest()[:6]}"


# --- memoised comparisons ------------------------------------------------------------


def _code_fingerprint(rules_dirs: Sequence[Path]) -> str:
    """Hash of crosscheck's own code and of every rules file: a change to either redoes
    every comparison (a stale memo would hide a new check's findings)."""
    from crosscheck.settings import RULES_DIR

    digest = hashlib.sha1()
    package = Path(__file__).resolve().parent
    for item in sorted(package.rglob("*.py")):
        digest.update(str(item.relative_to(package)).encode())
        digest.update(item.read_bytes())
    for folder in (RULES_DIR, *rules_dirs):
        for item in sorted(Path(folder).glob("*.y*ml")):
            digest.update(item.name.encode())
            digest.update(item.read_bytes())
    return digest.hexdigest()


def _memo_key(base: str, paths: Sequence[Path]) -> str:
    digest = hashlib.sha1(base.encode())
    for path in paths:
        digest.update(str(path).encode() + b"\0")
        digest.update(hashlib.sha1(path.read_bytes()).digest())
    return digest.hexdigest()


def report_from_dict(data: Mapping[str, Any]) -> Report:
    """Rebuild a Report from ``crosscheck.report.json.to_dict`` output (a memo)."""
    return from_dict(data)


def _group_pile(
    pile: Sequence[Path],
    articles: Sequence[Article],
    vectors: Any,
    window_days: int | None,
    say: Progress,
    timings: Timings,
) -> tuple[list[Story], list[Uncompared], int]:
    from crosscheck.stories import display_title, group_stories

    say(AuditEvent("group", f"grouping a pile of {len(articles)} articles into stories"))
    with timings.stage("group: cluster"):
        grouping = group_stories(articles, vectors, window_days=window_days)
    stories: list[Story] = []
    alone: list[Uncompared] = []
    proposed: set[str] = set()  # two groups may share a title and a first file name
    for group in grouping.groups:
        members = tuple(pile[i] for i in group.members)
        set_aside = tuple(pile[i] for i in group.set_aside)
        title = display_title(articles[group.central])
        if len(members) < 2:
            alone.extend(
                Uncompared(pile[i], articles[i].source.title, articles[i].source.outlet,
                           "only one outlet reports this story")
                for i in (*group.members, *group.set_aside)
            )  # fmt: skip
            continue
        stories.append(
            Story(
                _unique(pile_story_id(title, members), proposed),
                title,
                members,
                set_aside,
                origin="pile",
            )
        )
    alone.extend(
        Uncompared(pile[i], articles[i].source.title, articles[i].source.outlet,
                   "no other article reports this story")
        for i in grouping.singletons
    )  # fmt: skip
    say(
        AuditEvent(
            "group",
            f"{len(stories)} stories, {len(grouping.singletons)} singletons "
            f"({grouping.candidate_pairs} candidate pairs scored)",
        )
    )
    return stories, alone, grouping.candidate_pairs


def _chunks(items: Sequence[Any], size: int) -> list[tuple[Any, ...]]:
    return [tuple(items[i : i + size]) for i in range(0, len(items), size)]


def _embed_ahead(
    executor: Any,
    embedder: Any,
    articles: Sequence[Article],
    leads: Sequence[str],
    timings: Timings,
) -> tuple[Any, int]:
    """Per-article work through the executor: split every article, then embed what the
    cache lacks (sentences, clauses and the pile's leads) in fixed chunks, so that every
    executor computes each vector in the same batch. Returns the lead vectors and the
    texts the tasks encoded."""
    import numpy as np

    from crosscheck.executors import ARTICLES_PER_TASK, TEXTS_PER_TASK, embed_texts, split_texts

    cache = getattr(embedder, "cache", None)
    if cache is None:
        # No shared cache: only the leads are embedded ahead, and come back as vectors;
        # compare embeds each story's sentences in its own task.
        wanted = list(dict.fromkeys(leads))
    else:
        texts: list[str] = []
        with timings.stage("split"):
            chunks = [(chunk,) for chunk in _chunks(articles, ARTICLES_PER_TASK)]
            for outcome in executor.ordered(split_texts, chunks):
                if outcome.error:
                    raise AuditError(f"splitting articles failed: {outcome.error}")
                texts.extend(t for per_article in outcome.value for t in per_article)
        texts.extend(leads)
        unique = list(dict.fromkeys(texts))
        known = cache.get(getattr(embedder, "fingerprint", embedder.name), unique)
        wanted = [t for t in unique if t not in known]
    keep = cache is None
    encoded = 0
    vectors: dict[str, Any] = {}
    with timings.stage("embed"):
        tasks = [(chunk, keep) for chunk in _chunks(wanted, TEXTS_PER_TASK)]
        for outcome in executor.ordered(embed_texts, tasks):
            if outcome.error:
                if keep:
                    raise AuditError(f"embedding the pile's leads failed: {outcome.error}")
                continue  # compare embeds what is still missing, with its own retry
            encoded += outcome.value.encoded
            if keep:
                vectors.update(zip(tasks[outcome.index][0], outcome.value.vectors, strict=True))
    if not leads:
        return np.zeros((0, 0), dtype=np.float32), encoded
    if keep:
        return np.stack([vectors[t] for t in leads]), encoded
    return embedder.encode(list(leads)), encoded  # from the cache


@dataclass(frozen=True, slots=True)
class FailedStory:
    """A story whose comparison could not be done (its worker died on every attempt)."""

    id: str
    title: str
    paths: tuple[Path, ...]
    error: str


def audit(
    paths: Sequence[str | Path],
    *,
    output: Path | None = None,
    db: Path | str | None = None,
    rules_dirs: Sequence[str | Path] = (),
    model: str | None = None,
    cache_dir: Path | None = None,
    use_cache: bool = True,
    window_days: int | None = DATE_WINDOW_DAYS,
    fail_on: Severity | str | None = Severity.ERROR,
    embedder: Any = None,
    progress: Progress | None = None,
    memoise: bool = True,
    feeds: Sequence[str | Path] = (),
    workers: int = 0,
    dask: str | None = None,
    hooks: Mapping[str, Callable[[], None]] | None = None,
) -> AuditResult:
    """Audit every story in ``paths``; write reports, ``index.md`` and the history.

    ``window_days=None`` ignores publication dates when grouping a pile; ``fail_on``
    names the lowest severity whose *new* divergences make ``result.failed`` true.
    ``memoise=False`` compares unchanged stories again (their vectors still come from
    the cache): what a run costs when every story has changed. URLs, feeds and feed
    lists (in ``paths`` or ``feeds``) become article files first (crosscheck.feeds).
    ``workers=N`` runs the per-article and per-story work in N local processes,
    ``dask="local"`` or a scheduler address on Dask (see ``crosscheck.executors``); the
    answers are the same. ``hooks`` (for tests) are called by name at each write step:
    "reports", "index", "commit" (just before COMMIT) and "publish" (just after it).
    """
    from crosscheck import __version__
    from crosscheck.embed import Embedder
    from crosscheck.executors import check_options, compare_story, make_executor
    from crosscheck.ingest import load_articles
    from crosscheck.rules import load_rules
    from crosscheck.settings import REPORTS_DIR, RULES_DIR
    from crosscheck.settings import cache_dir as default_cache_dir
    from crosscheck.store import PostgresVectorCache, is_url
    from crosscheck.stories import display_title, lead_text, real_title

    started_clock = time.perf_counter()
    started = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    say = progress or (lambda _event: None)
    hook = hooks or {}
    timings = Timings()
    if isinstance(fail_on, str):
        fail_on = parse_fail_on(fail_on)
    output = Path(output) if output is not None else REPORTS_DIR
    db_location: Path | str = (
        db if isinstance(db, str) and is_url(db) else Path(db) if db is not None
        else output / DB_FILE
    )  # fmt: skip
    rules = [Path(r) for r in rules_dirs]

    # 1. Everything that can be refused is checked before any work, and nothing (no
    #    output folder, no database) is created before every check passed.
    _check_output(output)
    check_options(workers, dask)
    with timings.stage("ingest"):
        from crosscheck.feeds import expand_inputs

        paths = [*paths, *feeds]
        skip = [output] + ([db_location] if isinstance(db_location, Path) else [])
        inputs = discover([Path(p) for p in expand_inputs(paths)], skip=skip)
    history = History(db_location)
    extra = [r for r in rules if r.resolve() != RULES_DIR]
    load_rules(RULES_DIR, *extra)
    if embedder is None:
        folder = (cache_dir or default_cache_dir()) if use_cache else None
        if use_cache and isinstance(db_location, str):
            embedder = Embedder(model, cache_dir=None)
            # Vectors beside the history, where every worker of a cluster reaches them.
            embedder.cache = PostgresVectorCache(db_location)
        else:
            embedder = Embedder(model, cache_dir=folder)
    encoded_before = getattr(embedder, "encoded", 0)
    stories: list[Story] = []
    uncompared: list[Uncompared] = []
    taken: set[str] = set()
    every: list[Article] = []
    with timings.stage("ingest"):
        for folder_path, files in inputs.folders:
            articles = load_articles(files)  # refuses unreadable or empty files now
            every.extend(articles)
            if len(files) < 2:
                a = articles[0].source
                uncompared.append(
                    Uncompared(
                        files[0], a.title, a.outlet, f"the only article in {folder_path.name}/"
                    )
                )
                continue
            titled = [a for a in articles if real_title(a)]
            title = display_title((titled or articles)[0])
            stories.append(Story(_unique(_slug(folder_path.name, 80), taken), title, files))
        pile_articles = load_articles(inputs.pile) if inputs.pile else []
        every.extend(pile_articles)
    articles_read = sum(len(files) for _, files in inputs.folders) + len(inputs.pile)
    say(AuditEvent("ingest", f"{articles_read} articles read from {len(paths)} inputs"))

    pairs = 0
    failed: list[FailedStory] = []
    compare_timings = Timings()
    compared: list[tuple[Story, Report, str, bool]] = []
    with make_executor(embedder, workers=workers, dask=dask) as executor:
        # 2. Per article: split, embed what the cache lacks (and the pile's leads).
        leads = [lead_text(a) for a in pile_articles]
        lead_vectors, embedded_ahead = _embed_ahead(executor, embedder, every, leads, timings)
        if inputs.pile:
            pile_stories, alone, pairs = _group_pile(
                inputs.pile, pile_articles, lead_vectors, window_days, say, timings
            )
            stories.extend(pile_stories)
            uncompared.extend(alone)

        # 3. Per story: compare (or reuse an unchanged story's memoised report).
        model_id = getattr(embedder, "fingerprint", embedder.name)
        base = f"{_code_fingerprint(extra)}:{model_id}" if use_cache else ""
        keys = [_memo_key(base, s.paths) if use_cache else "" for s in stories]
        memos = [history.memo(k) if use_cache and memoise else None for k in keys]
        reports: dict[int, Report] = {}
        encoded_by_tasks = embedded_ahead
        with timings.stage("compare"):
            for n, memo in enumerate(memos):
                if memo is not None:
                    reports[n] = report_from_dict(json.loads(memo))
            todo = [n for n in range(len(stories)) if n not in reports]
            done = len(reports)
            for outcome in executor.map(
                compare_story, [(stories[n].paths, tuple(extra)) for n in todo]
            ):
                story = stories[todo[outcome.index]]
                done += 1
                if outcome.error:
                    failed.append(FailedStory(story.id, story.title, story.paths, outcome.error))
                    say(AuditEvent("compare", f"{story.id}: FAILED ({outcome.error})", done,
                                   len(stories)))  # fmt: skip
                    continue
                reports[todo[outcome.index]] = outcome.value.report
                encoded_by_tasks += outcome.value.encoded
                for stage, seconds in outcome.value.timings.items():
                    compare_timings[stage] = compare_timings.get(stage, 0.0) + seconds
                report = outcome.value.report
                counts = f"{len(report.sources)} sources, {len(report.divergences)} divergences"
                say(AuditEvent("compare", f"{story.id}: {counts}", done, len(stories)))
        for n, story in enumerate(stories):
            if n in reports:
                compared.append((story, reports[n], keys[n], memos[n] is not None))
        executor_name = executor.name
    failed_ids = {f.id for f in failed}

    # 4. History, reports and index: reports staged in a run folder inside the run's
    #    transaction, made visible by one rename after COMMIT (crosscheck.runfolder).
    from crosscheck import runfolder

    results: list[StoryResult] = []
    with timings.stage("write"), runfolder.output_lock(output):
        staged: runfolder.RunFolder | None = None
        try:
            with history.recording(inputs=[str(p) for p in paths], version=__version__) as run:
                where = str(output.resolve())
                runfolder.recover(output, run.committed_reports(where))
                staged = runfolder.RunFolder.stage(output, run.run)
                run.reports_in(where, staged.name)
                ids = _final_ids(run, [s for s in stories if s.id not in failed_ids])
                failed = [replace(f, id=ids.get(f.id, f.id)) for f in failed]
                for story, report, key, reused in compared:
                    results.append(
                        _record(run, staged, ids[story.id], story, report, key, reused, use_cache)
                    )
                    hook.get("reports", _nothing)()
                result = AuditResult(
                    run=run.run,
                    started=started,
                    output=output,
                    db=db_location,
                    index=output / "index.md",
                    stories=tuple(results),
                    uncompared=tuple(uncompared),
                    articles=articles_read,
                    fail_on=fail_on,
                    failed=bool(failed)
                    or (
                        fail_on is not None
                        and any(
                            s.severity.rank >= fail_on.rank and r.is_open(s)
                            for r in results
                            for s in r.diff.new
                        )
                    ),
                    # In-process the tasks used the driver's encoder; workers count their own.
                    embedded=getattr(embedder, "encoded", 0)
                    - encoded_before
                    + (encoded_by_tasks if executor_name != "in-process" else 0),
                    timings={},
                    candidate_pairs=pairs,
                    failed_stories=tuple(failed),
                    executor=executor_name,
                )
                staged.write("index.md", render_index(result))
                staged.write("index.html", render_index_html(result))
                hook.get("index", _nothing)()
                staged.carry_over()
                hook.get("commit", _nothing)()
        except BaseException:
            if staged is not None:
                staged.discard()
            raise
        hook.get("publish", _nothing)()
        staged.publish()
    all_timings = dict(timings)
    all_timings.update({f"compare: {k}": v for k, v in compare_timings.items()})
    all_timings["total"] = time.perf_counter() - started_clock
    return _with_timings(result, all_timings)


def _nothing() -> None:
    """The default of a write-step hook."""


def _check_output(output: Path) -> None:
    """Refuse an output that cannot be a folder we write in, before creating anything."""
    import os

    if output.exists() and not output.is_dir():
        raise AuditError(f"{output}: output must be a folder")
    probe = output
    while not probe.exists():
        if probe.parent == probe:
            break
        probe = probe.parent
    if probe.exists() and not probe.is_dir():
        raise AuditError(f"{output}: output must be a folder ({probe} is a file)")
    if probe.exists() and not os.access(probe, os.W_OK | os.X_OK):
        raise AuditError(f"{output}: cannot write there ({probe} is not writable)")


def _with_timings(result: AuditResult, timings: dict[str, float]) -> AuditResult:
    return replace(result, timings=timings)


def _final_ids(run: RunRecorder, stories: Sequence[Story]) -> dict[str, str]:
    """Folder stories keep their folder names; pile stories take back earlier ids."""
    fixed = {s.id for s in stories if s.origin == "folder"}
    pile = {
        s.id: frozenset(str(p.resolve()) for p in s.paths) for s in stories if s.origin == "pile"
    }
    matched = run.match(pile)
    taken = set(fixed)
    ids = {story_id: story_id for story_id in fixed}
    for proposed in sorted(pile):
        wanted = matched.get(proposed, proposed)
        ids[proposed] = _unique(wanted if wanted not in taken else proposed, taken)
    return ids


def _record(
    run: RunRecorder,
    staged: Any,
    story_id: str,
    story: Story,
    report: Report,
    key: str,
    reused: bool,
    use_cache: bool,
) -> StoryResult:
    from crosscheck.report.json import to_dict

    seen = [Seen.of(d) for d in report.divergences]
    members = [str(p.resolve()) for p in (*story.paths, *story.set_aside)]
    diff = run.record_story(story_id, story.title, members, [s.id for s in report.sources], seen)
    reviews = run.carry_reviews(story_id, diff.carried)
    verdicts = Verdicts(story_id, {r.fingerprint: r for r in reviews})
    if use_cache:
        if reused:
            run.touch(key)
        else:
            run.remember(key, json.dumps(to_dict(report), ensure_ascii=False))
    data = to_dict(report, verdicts=verdicts)
    md_path, json_path = staged.output / f"{story_id}.md", staged.output / f"{story_id}.json"
    result = StoryResult(
        story_id, story.title, story.paths, story.set_aside, report, diff, md_path, json_path,
        reused, verdicts,
    )  # fmt: skip
    data["audit"] = _audit_block(result, run.run, seen)
    staged.write(json_path.name, json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    staged.write(md_path.name, render_story(result, run.run))
    staged.write(f"{story_id}.html", render_story_html(result, run.run))
    return result


def _seen_dict(seen: Seen) -> dict[str, Any]:
    return {
        "fingerprint": seen.fingerprint,
        "rule": seen.rule,
        "kind": seen.kind,
        "severity": seen.severity.value,
        "left_source": seen.left_source,
        "right_source": seen.right_source,
        "left_value": seen.left_value,
        "right_value": seen.right_value,
        "left_text": seen.left_text,
        "right_text": seen.right_text,
        "message": seen.message,
    }


def _audit_block(result: StoryResult, run: int, seen: Sequence[Seen]) -> dict[str, Any]:
    """What an audit adds to the ``compare --format json`` shape (added keys only)."""
    diff = result.diff
    return {
        "story": result.id,
        "title": result.title,
        "run": run,
        "previous_run": diff.previous_run,
        "set_aside": [str(p) for p in result.set_aside],
        # One entry per item of "divergences", in the same order.
        "divergences": [
            {"fingerprint": s.fingerprint, "status": diff.status(s.fingerprint)} for s in seen
        ],
        "resolved": [_seen_dict(s) for s in diff.resolved],
        "departed": [_seen_dict(s) for s in diff.departed],
    }


# --- rendering -------------------------------------------------------------------------

_LABEL = {Severity.ERROR: "ERROR", Severity.WARNING: "WARNING", Severity.INFO: "INFO"}


def _cell(text: str) -> str:
    return " ".join(text.replace("|", "\\|").split())


def _seen_line(seen: Seen, outlets: Mapping[str, str]) -> str:
    left = outlets.get(seen.left_source, seen.left_source)
    right = outlets.get(seen.right_source, seen.right_source)
    return (
        f"- {_LABEL[seen.severity]} · {seen.kind} · `{seen.rule}`: {_cell(seen.message)}\n"
        f"  - {_cell(left)}: “{_cell(seen.left_text)}”\n"
        f"  - {_cell(right)}: “{_cell(seen.right_text)}”"
    )


def _since_section(result: StoryResult, run: int) -> str:
    diff = result.diff
    outlets = {s.id: s.outlet for s in result.report.sources}
    if diff.previous_run is None:
        head = f"First audit of this story (run {run}): all {len(diff.new)} divergences are new."
    else:
        head = (
            f"Run {run} against run {diff.previous_run}: **{len(diff.new)} new**, "
            f"{len(diff.persisting)} persisting, **{len(diff.resolved)} resolved**"
            + (f", {len(diff.departed)} gone with a source that left" if diff.departed else "")
            + "."
        )
    parts = ["## Since the last run", head]
    if diff.previous_run is not None:
        for title, items in (
            ("New", diff.new),
            ("Resolved (an outlet changed its text)", diff.resolved),
            ("Gone with a source that left the story", diff.departed),
        ):
            if items:
                parts.append(f"### {title}\n\n" + "\n".join(_seen_line(s, outlets) for s in items))
    if result.set_aside:
        parts.append(
            "### Set aside (another article of an outlet already compared)\n\n"
            + "\n".join(f"- {p}" for p in result.set_aside)
        )
    return "\n\n".join(parts)


def render_story(result: StoryResult, run: int) -> str:
    """The ``compare`` Markdown report with a "Since the last run" section after its header."""
    from crosscheck.report.markdown import render

    text = render(result.report, verdicts=result.verdicts)
    head, marker, rest = text.partition("\n\n## ")
    return f"{head}\n\n{_since_section(result, run)}{marker}{rest}"


def render_story_html(result: StoryResult, run: int) -> str:
    """The ``compare`` HTML report with what changed since the last run at its top."""
    from crosscheck.report.html import render

    diff = result.diff
    if diff.previous_run is None:
        since = [f"First audit of this story (run {run}): all {len(diff.new)} divergences are new."]
    else:
        since = [
            f"Run {run} against run {diff.previous_run}: {len(diff.new)} new, "
            f"{len(diff.persisting)} persisting, {len(diff.resolved)} resolved."
        ]
        since += [f"Resolved: {s.message}" for s in diff.resolved]
    status = {s.fingerprint: "new" for s in diff.new}
    status.update({s.fingerprint: "persisting" for s in diff.persisting})
    return render(result.report, verdicts=result.verdicts, status=status, since=since)


def render_index_html(result: AuditResult) -> str:
    from crosscheck.report.html import render_index

    return render_index(result)


def odd_ones_out(report: Report) -> list[str]:
    """Source ids that alone disagree with two or more others on one fact (per rule).

    With two sources nobody is the odd one out: one of them is wrong, but which one the
    comparison cannot say.
    """
    fact_of = {member.ref: fact for fact in report.facts for member in fact.members}
    pairs: dict[tuple[str, str], list[tuple[str, str]]] = {}
    sources_of: dict[tuple[str, str], set[str]] = {}
    for d in report.divergences:
        fact = fact_of.get(d.left.ref)
        key = (fact.id if fact else f"{d.left.ref}-{d.right.ref}", d.rule)
        pairs.setdefault(key, []).append((d.left.source, d.right.source))
        sources_of[key] = fact.sources if fact else {d.left.source, d.right.source}
    odd = []
    for key, found in pairs.items():
        if len(sources_of[key]) < 3:
            continue
        common = set(found[0]).intersection(*map(set, found[1:]))
        others = {s for pair in found for s in pair} - common
        if len(common) == 1 and len(others) >= 2:
            odd.append(next(iter(common)))
    return sorted(odd)


def _rank_key(result: StoryResult) -> tuple[int, ...]:
    verdicts = result.verdicts or Verdicts.none(result.id)
    counts = Counter(d.severity for d in result.report.divergences if verdicts.counted(d))
    return (
        *(-counts.get(s, 0) for s in sorted(Severity, key=lambda s: -s.rank)),
        -len(result.diff.new),
    )


def render_index(result: AuditResult) -> str:
    """``index.md``: stories worst first, what changed since the last run, outlet totals."""
    from tabulate import tabulate

    ranked = sorted(result.stories, key=lambda r: (_rank_key(r), r.id))
    new, resolved = result.new, result.resolved
    persisting = sum(len(s.diff.persisting) for s in result.stories)
    fail = f"fails on new {result.fail_on.value} or worse" if result.fail_on else "never fails"
    lines = [
        f"# crosscheck audit: run {result.run}",
        f"Started {result.started} · {len(result.stories)} stories compared from "
        f"{result.articles} articles · {len(result.uncompared)} articles not compared · {fail}"
        + (f" · **{len(result.failed_stories)} stories failed**" if result.failed_stories else "")
        + f" ({'FAILED' if result.failed else 'passed'})",
        f"**{len(new)} new** divergences, {persisting} persisting, "
        f"**{len(resolved)} resolved** since the last run.",
    ]
    rows = []
    for n, r in enumerate(ranked, 1):
        verdicts = r.verdicts or Verdicts.none(r.id)
        counts = Counter(d.severity for d in r.report.divergences if verdicts.counted(d))
        open_ = sum(1 for d in r.report.divergences if verdicts.is_open(d))
        worst = max(counts, key=lambda s: s.rank).value if counts else "-"
        rows.append(
            [
                n,
                f"[{_cell(r.title)}]({r.markdown.name})",
                f"`{r.id}`",
                len(r.report.sources),
                worst,
                *(counts.get(s, 0) for s in sorted(Severity, key=lambda s: -s.rank)),
                open_,
                len(r.report.divergences) - open_,
                len(r.diff.new),
                len(r.diff.resolved),
            ]
        )
    headers = ["#", "story", "id", "sources", "worst", "error", "warning", "info", "open",
               "reviewed", "new", "resolved"]  # fmt: skip
    lines.append(
        "## Stories, worst first\n\n"
        + (tabulate(rows, headers, tablefmt="github") if rows else "No story was compared.")
    )
    by_id = {r.id: r for r in result.stories}
    for title, items in (
        ("New since the last run", new),
        ("Resolved since the last run", resolved),
    ):
        if not items:
            continue
        shown = sorted(items, key=lambda item: (-item[1].severity.rank, item[0]))
        body = []
        for story_id, seen in shown[:INDEX_LIST_LIMIT]:
            story = by_id[story_id]
            outlets = {s.id: s.outlet for s in story.report.sources}
            body.append(
                f"- [{_cell(story.title)}]({story.markdown.name}) · {_LABEL[seen.severity]} · "
                f"`{seen.rule}`: {_cell(seen.message)}"
                f" ({_cell(outlets.get(seen.left_source, seen.left_source))} vs "
                f"{_cell(outlets.get(seen.right_source, seen.right_source))})"
            )
        if len(shown) > INDEX_LIST_LIMIT:
            body.append(f"- ... and {len(shown) - INDEX_LIST_LIMIT} more (see the story reports)")
        lines.append(f"## {title}\n\n" + "\n".join(body))
    if result.failed_stories:
        lines.append(
            "## Failed (not compared; their history is unchanged)\n\n"
            + "\n".join(
                f"- `{f.id}` ({_cell(f.title)}; {len(f.paths)} articles): {_cell(f.error)}"
                for f in result.failed_stories
            )
        )
    lines.append("## Outlets\n\n" + _outlet_table(result))
    if result.uncompared:
        lines.append(
            "## Not compared\n\n"
            + "\n".join(
                f"- {u.path} ({_cell(u.outlet)}: {_cell(u.title)}): {u.reason}"
                for u in sorted(result.uncompared, key=lambda u: str(u.path))
            )
        )
    return "\n\n".join(lines) + "\n"


def _outlet_table(result: AuditResult) -> str:
    from tabulate import tabulate

    stories: Counter[str] = Counter()
    divergences: Counter[str] = Counter()
    odd: Counter[str] = Counter()
    for r in result.stories:
        outlet = {s.id: s.outlet for s in r.report.sources}
        for source in r.report.sources:
            stories[source.outlet] += 1
        verdicts = r.verdicts or Verdicts.none(r.id)
        for d in r.report.divergences:
            if not verdicts.counted(d):  # a false alarm counts against no outlet
                continue
            for side in {d.left.source, d.right.source}:
                divergences[outlet[side]] += 1
        for source_id in odd_ones_out(r.report):
            odd[outlet[source_id]] += 1
    if not stories:
        return "No outlet was compared."
    names = sorted(stories, key=lambda name: (-odd[name], -divergences[name], name))
    rows = [[name, stories[name], divergences[name], odd[name]] for name in names]
    note = "*odd one out*: the outlet alone in disagreeing with two or more others on one fact."
    headers = ["outlet", "stories", "divergences", "odd one out"]
    return tabulate(rows, headers, tablefmt="github") + "\n\n" + note
