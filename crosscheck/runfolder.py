"""An audit's reports, made visible all at once and only after the history committed.

>>> folder = RunFolder.stage(Path("reports"), run=3)          # doctest: +SKIP
>>> folder.write("index.md", text)                           # doctest: +SKIP
>>> folder.publish()   # after COMMIT                         # doctest: +SKIP

Layout of an output folder::

    reports/
      .runs/000003-1f2e3d4c/   index.md, <story>.md, <story>.json   (one folder per run)
      .current -> .runs/000003-1f2e3d4c
      index.md -> .current/index.md          (and one such link per report)
      history.sqlite3

A run writes its files into a new hidden run folder (reports it did not redo are linked
in from the previous run), the history commits, and then one ``rename`` of the
``.current`` link switches every report at once: a reader sees the previous run or
this one, never a mix, and never reports of a run the history rolled back. A run killed
before its COMMIT leaves a run folder that nothing points at (removed by the next run);
one killed in the instant between COMMIT and the switch is switched by the next run
before it does anything else (the history records each run's folder), so reports are
never ahead of the history, and at worst one run behind it until the next run.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from crosscheck.errors import AuditError

RUNS = ".runs"
CURRENT = ".current"
# Run folders kept besides the current one: a reader who opened the previous index a
# moment before the switch can still follow its links.
KEEP_PREVIOUS = 1


def current_folder(output: Path) -> Path | None:
    """The run folder ``.current`` points at, if any."""
    link = output / CURRENT
    try:
        target = os.readlink(link)
    except OSError:
        return None
    folder = output / target
    return folder if folder.is_dir() else None


@contextlib.contextmanager
def output_lock(output: Path) -> Iterator[None]:
    """Audits writing the same output folder take turns (an advisory lock on a file)."""
    import fcntl

    output.mkdir(parents=True, exist_ok=True)
    with open(output / f"{RUNS}.lock", "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


@dataclass(slots=True)
class RunFolder:
    """One run's files, staged in ``output/.runs/<run>-<token>`` until ``publish()``."""

    output: Path
    folder: Path
    written: set[str]

    @classmethod
    def stage(cls, output: Path, run: int) -> RunFolder:
        folder = output / RUNS / f"{run:06d}-{secrets.token_hex(4)}"
        try:
            folder.mkdir(parents=True)
        except OSError as exc:
            raise AuditError(f"{folder}: cannot write ({exc.strerror or exc})") from None
        return cls(output, folder, set())

    @property
    def name(self) -> str:
        """The folder as the history records it (relative to the output folder)."""
        return str(self.folder.relative_to(self.output))

    def write(self, name: str, text: str) -> Path:
        """Write one file of the run; returns the path readers use (``output/name``)."""
        path = self.folder / name
        try:
            fd, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=self.folder)
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(text)
            os.replace(tmp, path)
        except OSError as exc:
            raise AuditError(f"{path}: cannot write ({exc.strerror or exc})") from None
        self.written.add(name)
        return self.output / name

    def carry_over(self) -> None:
        """Link in the previous run's reports that this run did not rewrite (stories not
        in this run keep their last report, as files left in place did before)."""
        previous = current_folder(self.output)
        if previous is None:
            return
        for item in previous.iterdir():
            if item.name in self.written or item.name.startswith(".") or not item.is_file():
                continue
            target = self.folder / item.name
            try:
                os.link(item, target)
            except OSError:
                shutil.copy2(item, target)

    def discard(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)

    def publish(self) -> None:
        """Switch ``.current`` to this run (one rename), then add the links readers use."""
        switch(self.output, self.folder)


def switch(output: Path, folder: Path) -> None:
    """Point ``output/.current`` at ``folder`` atomically; link each of its files."""
    link = output / CURRENT
    fresh = output / f"{CURRENT}.{secrets.token_hex(4)}"
    os.symlink(folder.relative_to(output), fresh)
    os.replace(fresh, link)
    for item in folder.iterdir():
        if item.name.startswith("."):
            continue
        public = output / item.name
        wanted = Path(CURRENT) / item.name
        if public.is_symlink() and Path(os.readlink(public)) == wanted:
            continue
        if public.exists() and not public.is_symlink() and not public.is_file():
            continue  # a folder of the user's that happens to share the name: leave it
        temp = output / f".{item.name}.{secrets.token_hex(4)}.link"
        os.symlink(wanted, temp)
        os.replace(temp, public)  # replaces a report file of an older crosscheck


def recover(output: Path, committed: str | None) -> None:
    """Before a run: finish a switch a killed run left undone (``committed`` is the run
    folder of the last run the history committed for this output), then remove run
    folders that are neither current nor the previous ones (rolled-back runs)."""
    runs = output / RUNS
    if not runs.is_dir():
        return
    if committed:
        folder = output / committed
        current = current_folder(output)
        if folder.is_dir() and (current is None or current.resolve() != folder.resolve()):
            switch(output, folder)
    current = current_folder(output)
    folders = sorted(p for p in runs.iterdir() if p.is_dir())
    keep = set()
    if current is not None:
        keep.add(current.resolve())
        older = [p for p in folders if p.name < current.name]
        keep.update(p.resolve() for p in older[-KEEP_PREVIOUS:] if KEEP_PREVIOUS)
    for item in folders:
        if item.resolve() not in keep:
            shutil.rmtree(item, ignore_errors=True)
    for stray in output.glob(f"{CURRENT}.*"):
        if stray.is_symlink():
            stray.unlink(missing_ok=True)
