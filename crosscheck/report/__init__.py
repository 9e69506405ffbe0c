"""Renderers: a Report as Markdown or HTML (for people) or JSON (for machines)."""

from __future__ import annotations

import os
import re
import stat
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from crosscheck.errors import OutputError
from crosscheck.types import Report

if TYPE_CHECKING:
    from crosscheck.reviews import Verdicts

FORMATS = ("markdown", "json", "html")
_EXTENSION = {"markdown": ".md", "json": ".json", "html": ".html"}


def render(report: Report, fmt: str, *, verdicts: Verdicts | None = None) -> str:
    """The report in ``fmt``; ``verdicts``: the desk's reviews to show (see crosscheck.reviews)."""
    # The renderers are imported here, not at the top: they import this package's
    # slug and helpers (a cycle).
    if fmt == "json":
        from crosscheck.report import json

        return json.render(report, verdicts=verdicts)
    if fmt == "markdown":
        from crosscheck.report import markdown

        return markdown.render(report, verdicts=verdicts)
    if fmt == "html":
        from crosscheck.report import html

        return html.render(report, verdicts=verdicts)
    raise ValueError(f"unknown format {fmt!r} (valid: {', '.join(FORMATS)})")


def slug(text: str, limit: int = 60) -> str:
    words = re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-")
    return words[:limit].rstrip("-") or "story"


def default_name(report: Report, fmt: str) -> str:
    """``<story-slug>-<latest publication date>.md``: stable across re-runs of one story."""
    from crosscheck.report.markdown import story_title  # a cycle, as in render()

    dates = [s.published for s in report.sources if s.published]
    stamp = max(dates).isoformat() if dates else "undated"
    return f"{slug(story_title(report))}-{stamp}{_EXTENSION[fmt]}"


# Hidden temporary files are named ``.<report>.<pid>.<random>.tmp``: a write killed
# before its rename leaves one, and the next write of that report clears those whose
# process is gone.
_TMP = re.compile(r"^\.(?P<name>.+)\.(?P<pid>\d+)\.[^.]+\.tmp$")


def _can(path: Path, mode: int) -> bool:
    """``os.access`` for the effective user (the one that will write), where supported."""
    return os.access(path, mode, effective_ids=os.access in os.supports_effective_ids)


def check_output(path: Path) -> Path:
    """Where a report for ``path`` will go, checked before any work: ``OutputError``
    (one line) when it cannot be written there.

    A symbolic link is followed to the file it names (as a shell's ``>`` does); a FIFO
    or a character device (a terminal) is written through; a directory, a block device
    or a socket is refused, and so is a path below a regular file or in a folder this
    user cannot write. Folders that do not exist yet are fine (they are created).

    >>> check_output(Path("reports/story.md")).name
    'story.md'
    """
    try:
        target = Path(os.path.realpath(path, strict=False))
    except (OSError, RuntimeError):
        raise OutputError(f"{path}: symbolic link loop, cannot write a report there") from None
    if os.path.islink(target):  # realpath stops at a loop without raising
        raise OutputError(f"{path}: symbolic link loop, cannot write a report there")
    for folder in target.parents:
        if folder.exists():
            if not folder.is_dir():
                raise OutputError(f"{path}: {folder} is a file, not a folder")
            break
    try:
        mode = target.stat().st_mode
    except FileNotFoundError:
        mode = None
    except OSError as exc:
        raise OutputError(f"{path}: cannot write a report there ({exc.strerror})") from None
    if mode is not None:
        if stat.S_ISDIR(mode):
            raise OutputError(f"{path}: is a directory; give a file name for the report")
        if stat.S_ISFIFO(mode) or stat.S_ISCHR(mode):
            if not _can(target, os.W_OK):
                raise OutputError(f"{path}: not writable")
            return target
        if not stat.S_ISREG(mode):
            raise OutputError(f"{path}: not a regular file (a block device or socket)")
        if not _can(target, os.W_OK) and not _can(target.parent, os.W_OK):
            raise OutputError(f"{path}: not writable")
    folder = target.parent
    while not folder.exists():
        if folder.is_symlink() or folder == folder.parent:
            break
        folder = folder.parent
    if folder.exists() and not folder.is_dir():
        raise OutputError(f"{path}: {folder} is a file, not a folder")
    if not _can(folder, os.W_OK | os.X_OK):
        raise OutputError(f"{path}: folder {folder} is not writable")
    return target


def _umask_mode() -> int:
    """The mode a new file gets from the umask (0o644 under the common umask 022)."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def _clear_stale_temporaries(folder: Path, name: str) -> None:
    try:
        entries = list(folder.iterdir())
    except OSError:
        return
    for entry in entries:
        match = _TMP.match(entry.name)
        if not match or match["name"] != name:
            continue
        pid = int(match["pid"])
        try:
            os.kill(pid, 0)
            continue  # a live writer's file
        except ProcessLookupError:
            pass
        except PermissionError:
            continue  # another user's live process
        entry.unlink(missing_ok=True)


def printable(text: str) -> str:
    """``text`` safe to encode as UTF-8: a file name that was not UTF-8 on disk (read as
    lone surrogates) is written as ``\\udcff`` escapes instead of failing the write.

    >>> printable("c\\udcff.txt")
    'c\\\\udcff.txt'
    """
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path``; a regular file is never seen half-written.

    A regular file (or a new one) is written through a hidden temporary file and a
    rename, with the mode the umask gives (or the mode of the file it replaces); a
    FIFO or a terminal is written through; anything else is refused (``check_output``).
    """
    target = check_output(path)
    text = printable(text) if isinstance(text, str) else text
    mode = target.stat().st_mode if target.exists() else None
    if mode is not None and not stat.S_ISREG(mode):
        with open(target, "w", encoding="utf-8") as handle:
            handle.write(text)
        return
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"{path}: cannot create its folder ({exc.strerror})") from None
    _clear_stale_temporaries(target.parent, target.name)
    permissions = stat.S_IMODE(mode) if mode is not None else _umask_mode()
    try:
        fd, tmp = tempfile.mkstemp(
            prefix=f".{target.name}.{os.getpid()}.", suffix=".tmp", dir=target.parent
        )
    except OSError as exc:
        raise OutputError(f"{path}: cannot write ({exc.strerror})") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            os.fchmod(handle.fileno(), permissions)
        os.replace(tmp, target)
    except BaseException as exc:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise OutputError(f"{path}: cannot write ({exc.strerror or exc})") from None
        raise
