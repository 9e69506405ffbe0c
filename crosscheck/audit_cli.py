"""``crosscheck audit`` and ``crosscheck history``: thin adapters over crosscheck.audit.

Kept light at import (``crosscheck --help`` must stay instant): the library, tqdm and
tabulate are imported inside the commands. Library errors reach ``cli.main()``, which
prints ``Error: ...`` and exits 3.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from crosscheck.errors import AuditError
from crosscheck.settings import reports_dir

EXIT_NEW_DIVERGENCES = 1


class _Reporter:
    """Progress for a person (a tqdm bar on a terminal) or for a log (plain lines)."""

    def __init__(self, quiet: bool) -> None:
        self.quiet = quiet
        self.interactive = sys.stderr.isatty()
        self.bar: Any = None

    def __call__(self, event: Any) -> None:
        if self.quiet:
            return
        if self.interactive and event.stage == "compare" and event.total:
            if self.bar is None:
                from tqdm import tqdm

                self.bar = tqdm(total=event.total, unit="story", file=sys.stderr, leave=False)
            self.bar.set_postfix_str(event.message[:40], refresh=False)
            self.bar.update(event.done - self.bar.n)
            return
        if self.interactive:
            self._write(event.message)
            return
        stamp = dt.datetime.now().isoformat(timespec="seconds")
        counter = f" {event.done}/{event.total}" if event.total else ""
        self._write(f"{stamp} {event.stage}{counter}: {event.message}")

    def _write(self, line: str) -> None:
        if self.bar is not None:
            self.bar.write(line, file=sys.stderr)
        else:
            typer.echo(line, err=True)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None


def audit_cli(
    paths: Annotated[
        # Strings, not Paths: Path() would fold "https://" into "https:/".
        list[str] | None,
        typer.Argument(
            help="Folders of story folders, piles of articles (folders or files), article "
            "or feed URLs, feed files, or a text file listing feeds. "
            "Default: the config's inputs.",
            show_default=False,
        ),
    ] = None,
    config: Annotated[
        Path | None,
        typer.Option("--config", "-c", help="An audit.yaml (inputs, rules, model, output, ...)."),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", help="Folder for the reports and index.md (default: reports/)."
        ),
    ] = None,
    db: Annotated[
        str | None,
        typer.Option(
            "--db",
            help="History database: a file (default: OUTPUT/history.sqlite3) or a "
            "postgresql://user@host/dbname URL (history and vector cache on PostgreSQL).",
        ),
    ] = None,
    workers: Annotated[
        int | None,
        typer.Option(
            "--workers", help="Compare in N local processes, each loading the model once."
        ),
    ] = None,
    dask: Annotated[
        str | None,
        typer.Option(
            "--dask",
            help="Run on a Dask scheduler at ADDRESS, or 'local' for a local cluster of "
            "--workers (default 2) processes. Needs: pip install 'crosscheck\\[dask]'.",
        ),
    ] = None,
    rules: Annotated[
        list[Path] | None,
        typer.Option("--rules", help="A rules folder overriding the shipped rules (repeatable)."),
    ] = None,
    model: Annotated[
        str | None, typer.Option("--model", help="A local sentence-transformers model folder.")
    ] = None,
    encoder: Annotated[
        str | None,
        typer.Option("--encoder", help="onnx or torch (see compare --help; default: onnx)."),
    ] = None,
    cache_dir: Annotated[
        Path | None, typer.Option("--cache-dir", help="Where sentence vectors are cached.")
    ] = None,
    no_cache: Annotated[
        bool, typer.Option("--no-cache", help="Embed and compare everything again.")
    ] = False,
    date_window: Annotated[
        int | None,
        typer.Option(
            "--date-window", help="Longest span in days of one story found in a pile (default: 3)."
        ),
    ] = None,
    fail_on: Annotated[
        str | None,
        typer.Option(
            "--fail-on",
            help="Exit 1 when a new divergence of this severity or worse appears: "
            "error, warning, info or none (default: error).",
        ),
    ] = None,
    offline: Annotated[
        bool,
        typer.Option("--offline", help="Never fetch: URLs and feeds come from the page cache."),
    ] = False,
    refetch: Annotated[
        bool, typer.Option("--refetch", help="Fetch URLs and feeds again, ignoring the cache.")
    ] = False,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="Print nothing but errors (cron).")
    ] = False,
) -> None:
    """Audit many stories: one report per story, an index, and a history of divergences.

    Exit code 0 when nothing new at or above --fail-on was found, 1 when something was,
    3 on bad input or configuration.

    Example: crosscheck audit ../shared/eval/dev --output reports/nightly
    """
    from crosscheck.audit import audit, parse_fail_on, read_config

    options: dict[str, Any] = read_config(config) if config is not None else {}
    if date_window is not None and date_window < 0:
        raise AuditError("--date-window takes a whole number of days >= 0")
    overrides: dict[str, Any] = {
        "paths": list(paths) if paths else None,
        "output": output,
        "db": db if db is None or db.startswith(("postgresql://", "postgres://")) else Path(db),
        "workers": workers,
        "dask": dask,
        "rules_dirs": list(rules) if rules else None,
        "model": model,
        "cache_dir": cache_dir,
        "window_days": date_window,
    }
    options.update({key: value for key, value in overrides.items() if value is not None})
    if fail_on is not None:
        options["fail_on"] = parse_fail_on(fail_on, "--fail-on")  # "none": never fail
    if not options.get("paths") and not options.get("feeds"):
        raise AuditError("audit needs inputs: give folders or files, or a --config with inputs")
    if offline and refetch:
        raise AuditError("--offline and --refetch contradict each other: give one")
    from crosscheck.fetch import policy

    if encoder is not None:
        from crosscheck.build import build_embedder
        from crosscheck.embed import Backend

        backend = Backend.parse(encoder)  # refused before any work
        options["embedder"] = build_embedder(
            options.get("model"),
            cache_dir=options.get("cache_dir"),
            use_cache=not no_cache,
            encoder=backend,
        )
    reporter = _Reporter(quiet)
    try:
        with policy(offline=offline, refetch=refetch, cache_dir=options.get("cache_dir")):
            result = audit(
                options.pop("paths", None) or [],
                use_cache=not no_cache,
                progress=reporter,
                **options,
            )
    finally:
        reporter.close()
    if not quiet:
        errors = sum(1 for _, seen in result.new if seen.severity.value == "error")
        typer.echo(
            f"run {result.run}: {len(result.stories)} stories from {result.articles} articles, "
            f"{len(result.new)} new divergences ({errors} error), "
            f"{len(result.resolved)} resolved; index: {result.index}"
        )
    if result.failed:
        raise typer.Exit(EXIT_NEW_DIVERGENCES)


def history_cli(
    story: Annotated[
        str | None,
        typer.Argument(help="A story id, as index.md shows it. Omit to list the stories."),
    ] = None,
    db: Annotated[
        str | None,
        typer.Option(
            "--db",
            help="History database file or postgresql:// URL (default: reports/history.sqlite3).",
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="The audit's output folder, where the database lies."),
    ] = None,
) -> None:
    """Show a story's divergences over time: when each appeared, persisted, was resolved.

    Example: crosscheck history harbour-fire
    """
    from tabulate import tabulate

    from crosscheck.history import DB_FILE, History

    path = db or (output or reports_dir()) / DB_FILE
    history = History(path, create=False)
    if story is None:
        rows = history.stories()
        typer.echo(tabulate(rows, ["story", "title", "last run"]) if rows else "No stories yet.")
        return
    timeline = history.timeline(story)
    typer.echo(f"{timeline.story}: {timeline.title}\n")
    runs = [
        [r.run, r.started, len(r.sources), r.divergences, r.new, r.resolved] for r in timeline.runs
    ]
    typer.echo(tabulate(runs, ["run", "started", "sources", "divergences", "new", "resolved"]))
    if not timeline.divergences:
        typer.echo("\nNo divergences in any run.")
        return
    table: list[list[object]] = []
    verdicts = {r.fingerprint: r for r in history.reviews(story)}
    for life in timeline.divergences:
        seen = life.seen
        status = "open" if life.open else f"resolved after run {life.last_run}"
        if seen.fingerprint in verdicts:
            review = verdicts[seen.fingerprint]
            status += f", {review.verdict.value} by {review.by}"
        table.append(
            [
                seen.fingerprint[:8],
                seen.severity.value,
                seen.rule,
                f"{seen.left_value} ({seen.left_source}) vs "
                f"{seen.right_value} ({seen.right_source})",
                life.first_run,
                status,
            ]
        )
    typer.echo("")
    typer.echo(
        tabulate(table, ["fingerprint", "severity", "rule", "values", "first run", "status"])
    )
