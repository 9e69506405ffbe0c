"""Memoised comparisons: the key that says a story is unchanged, and its stored report.

>>> memo_key("code:model", []) == memo_key("code:model", [])
True

A story's key hashes crosscheck's code, the rules, the model and each file's path and
bytes: any change to one of them compares the story again.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from crosscheck.report.json import from_dict
from crosscheck.settings import RULES_DIR
from crosscheck.types import Report

# The package whose code a memo depends on: crosscheck/, not this audit/ folder.
PACKAGE = Path(__file__).resolve().parent.parent


# --- memoised comparisons ------------------------------------------------------------


def code_fingerprint(rules_dirs: Sequence[Path]) -> str:
    """Hash of crosscheck's own code and of every rules file: a change to either redoes
    every comparison (a stale memo would hide a new check's findings)."""

    digest = hashlib.sha1()
    package = PACKAGE
    for item in sorted(package.rglob("*.py")):
        digest.update(str(item.relative_to(package)).encode())
        digest.update(item.read_bytes())
    for folder in (RULES_DIR, *rules_dirs):
        for item in sorted(Path(folder).glob("*.y*ml")):
            digest.update(item.name.encode())
            digest.update(item.read_bytes())
    return digest.hexdigest()


def memo_key(base: str, paths: Sequence[Path]) -> str:
    digest = hashlib.sha1(base.encode())
    for path in paths:
        digest.update(str(path).encode() + b"\0")
        digest.update(hashlib.sha1(path.read_bytes()).digest())
    return digest.hexdigest()


def report_from_dict(data: Mapping[str, Any]) -> Report:
    """Rebuild a Report from ``crosscheck.report.json.to_dict`` output (a memo)."""
    return from_dict(data)
