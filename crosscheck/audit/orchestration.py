"""The audit itself: check everything, run the work through an executor, then write.

>>> result = audit(["nightly/"], output=Path("reports"))      # doctest: +SKIP
>>> result.run, len(result.stories)                          # doctest: +SKIP
(3, 12)

The order of work makes bad input cheap and harmless: configuration, inputs, the
history's schema version, the rules and every article are checked before anything is
compared, and nothing is written until every story has been compared; then history,
reports and index are written in one transaction (crosscheck.audit.recording).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from crosscheck import __version__, runfolder
from crosscheck.audit.config import parse_fail_on
from crosscheck.audit.discovery import discover, group_pile, story_slug, unique_id
from crosscheck.audit.fingerprints import code_fingerprint, memo_key, report_from_dict
from crosscheck.audit.recording import final_ids, record_story
from crosscheck.audit.rendering import render_index, render_index_html
from crosscheck.audit.results import (
    AuditEvent,
    AuditResult,
    FailedStory,
    Progress,
    Story,
    StoryResult,
    Uncompared,
)
from crosscheck.build import build, build_embedder, extra_rules
from crosscheck.errors import AuditError
from crosscheck.feeds import expand_inputs
from crosscheck.history import DB_FILE, History
from crosscheck.ingest import load_articles, source_ids
from crosscheck.pipeline import Timings
from crosscheck.settings import reports_dir
from crosscheck.store import PostgresVectorCache, is_url
from crosscheck.stories import DATE_WINDOW_DAYS, display_title, lead_text, real_title
from crosscheck.types import Article, Report, Severity


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
    # Longest first (the order is fixed by the texts alone, so every executor cuts the
    # same tasks): a task's texts are of one length and pad little, and the shortest,
    # quickest tasks come last, so two workers finish the stage together.
    wanted.sort(key=len, reverse=True)
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
            # How long the workers were busy: the stage's wall time x workers at best.
            timings["embed: in tasks"] = timings.get("embed: in tasks", 0.0) + outcome.value.seconds
            if keep:
                vectors.update(zip(tasks[outcome.index][0], outcome.value.vectors, strict=True))
    if not leads:
        return np.zeros((0, 0), dtype=np.float32), encoded
    if keep:
        return np.stack([vectors[t] for t in leads]), encoded
    return embedder.encode(list(leads)), encoded  # from the cache


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
    from crosscheck.executors import check_options, compare_story, make_executor

    started_clock = time.perf_counter()
    started = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    say = progress or (lambda _event: None)
    hook = hooks or {}
    timings = Timings()
    if isinstance(fail_on, str):
        fail_on = parse_fail_on(fail_on)
    output = Path(output) if output is not None else reports_dir()
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
        paths = [*paths, *feeds]
        skip = [output] + ([db_location] if isinstance(db_location, Path) else [])
        inputs = discover([Path(p) for p in expand_inputs(paths)], skip=skip)
    history = History(db_location)
    extra = list(extra_rules(rules))
    if embedder is None and use_cache and isinstance(db_location, str):
        embedder = build_embedder(model, use_cache=False)
        # Vectors beside the history, where every worker of a cluster reaches them.
        embedder.cache = PostgresVectorCache(db_location)
    # The rules are refused now if bad; workers read them again from the same folders.
    embedder = build(
        rules, model=model, cache_dir=cache_dir, use_cache=use_cache, embedder=embedder
    ).embedder
    encoded_before = getattr(embedder, "encoded", 0)
    # Workers start now: their imports and encoder set-up overlap the driver's ingest.
    with make_executor(embedder, workers=workers, dask=dask) as executor:
        stories: list[Story] = []
        uncompared: list[Uncompared] = []
        taken: set[str] = set()
        every: list[Article] = []
        # Each story's articles as read here, handed to its compare (no second read).
        loaded: dict[Path, Article] = {}
        with timings.stage("ingest"):
            for folder_path, files in inputs.folders:
                # Refuses unreadable or empty files now; outlets.yaml as compare reads it.
                articles = load_articles(files, rules_dirs=extra)
                loaded.update(zip(files, articles, strict=True))
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
                story_id = unique_id(story_slug(folder_path.name, 80), taken)
                stories.append(Story(story_id, title, files))
            pile_articles = load_articles(inputs.pile, rules_dirs=extra) if inputs.pile else []
            # A pile article's id, as compare would give it in its story, is the file's own.
            loaded.update(zip(inputs.pile, pile_articles, strict=True))
            every.extend(pile_articles)
        articles_read = sum(len(files) for _, files in inputs.folders) + len(inputs.pile)
        say(AuditEvent("ingest", f"{articles_read} articles read from {len(paths)} inputs"))

        pairs = 0
        failed: list[FailedStory] = []
        compare_timings = Timings()
        compared: list[tuple[Story, Report, str, bool]] = []

        # 2. Per article: split, embed what the cache lacks (and the pile's leads).
        leads = [lead_text(a) for a in pile_articles]
        lead_vectors, embedded_ahead = _embed_ahead(executor, embedder, every, leads, timings)
        if inputs.pile:
            pile_stories, alone, pairs = group_pile(
                inputs.pile, pile_articles, lead_vectors, window_days, say, timings
            )
            stories.extend(pile_stories)
            uncompared.extend(alone)

        # 3. Per story: compare (or reuse an unchanged story's memoised report).
        model_id = getattr(embedder, "fingerprint", embedder.name)
        base = f"{code_fingerprint(extra)}:{model_id}" if use_cache else ""
        keys = [memo_key(base, s.paths) if use_cache else "" for s in stories]
        memos = [history.memo(k) if use_cache and memoise else None for k in keys]
        reports: dict[int, Report] = {}
        encoded_by_tasks = embedded_ahead
        with timings.stage("compare"):
            for n, memo in enumerate(memos):
                if memo is not None:
                    reports[n] = report_from_dict(json.loads(memo))
            # Longest first: the last task to finish then is a short one, not the
            # largest story with the other workers idle (answers do not depend on order).
            todo = sorted(
                (n for n in range(len(stories)) if n not in reports),
                key=lambda n: -_size(stories[n]),
            )
            done = len(reports)
            for outcome in executor.map(
                compare_story,
                [(_story_articles(stories[n], loaded), tuple(extra)) for n in todo],
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
                timings["compare: in tasks"] = (
                    timings.get("compare: in tasks", 0.0) + outcome.value.seconds
                )
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

    results: list[StoryResult] = []
    with timings.stage("write"), runfolder.output_lock(output):
        staged: runfolder.RunFolder | None = None
        try:
            with history.recording(inputs=[str(p) for p in paths], version=__version__) as run:
                where = str(output.resolve())
                runfolder.recover(output, run.committed_reports(where))
                staged = runfolder.RunFolder.stage(output, run.run)
                run.reports_in(where, staged.name)
                ids = final_ids(run, [s for s in stories if s.id not in failed_ids])
                failed = [replace(f, id=ids.get(f.id, f.id)) for f in failed]
                for story, report, key, reused in compared:
                    results.append(
                        record_story(
                            run, staged, ids[story.id], story, report, key, reused, use_cache
                        )
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


def _story_articles(story: Story, loaded: Mapping[Path, Article]) -> tuple[Article, ...]:
    """A story's articles as the audit read them, with the ids a compare of the story's
    files alone gives (a pile's articles were read together, and ids are unique within
    a read, so two piles' ``wire.txt`` were ``wire`` and ``wire-2`` there)."""
    articles = [loaded[path] for path in story.paths]
    ids = source_ids(story.paths)
    return tuple(
        a if a.source.id == i else replace(a, source=replace(a.source, id=i))
        for a, i in zip(articles, ids, strict=True)
    )


def _size(story: Story) -> int:
    """Bytes of a story's files: how long its comparison takes, roughly (alignment
    grows with the product of the sources' lengths, so the order is the same)."""
    return sum(p.stat().st_size for p in story.paths)


def _nothing() -> None:
    """The default of a write-step hook."""


def _check_output(output: Path) -> None:
    """Refuse an output that cannot be a folder we write in, before creating anything."""
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
