"""An audit's options from a config file (``crosscheck audit --config audit.yaml``).

>>> parse_fail_on(["warning", "error"])
<Severity.WARNING: 'warning'>
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from crosscheck.errors import AuditError
from crosscheck.types import Severity
from crosscheck.yamlfile import YamlProblem, read_yaml

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
