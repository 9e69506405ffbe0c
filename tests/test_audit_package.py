"""The audit package's shape: one concern per module, each under the size that usually
means two concerns, and memo keys that still cover all of crosscheck's code."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import crosscheck
from crosscheck.audit import fingerprints

PACKAGE = Path(crosscheck.__file__).resolve().parent
# STYLE.md: past about 500 lines a module usually holds two concerns (issue 15).
MODULE_LINES_LIMIT = 500


def test_audit_modules_and_executors_stay_under_the_size_limit() -> None:
    modules = [*sorted((PACKAGE / "audit").glob("*.py")), PACKAGE / "executors.py"]
    assert len(modules) >= 7
    sizes = {p.name: len(p.read_text(encoding="utf-8").splitlines()) for p in modules}
    assert all(n < MODULE_LINES_LIMIT for n in sizes.values()), sizes


def test_the_memo_key_hashes_all_of_crosscheck_not_only_the_audit_package(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert fingerprints.PACKAGE == PACKAGE
    before = fingerprints.code_fingerprint([])
    # A change anywhere in the package (a copy with one check edited) changes the key.
    copy = tmp_path / "crosscheck"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(fingerprints, "PACKAGE", copy)
    assert fingerprints.code_fingerprint([]) == before
    target = copy / "checks" / "numbers.py"
    target.write_text(target.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    assert fingerprints.code_fingerprint([]) != before
