"""The code stays clean: ruff's lint and format checks pass on everything we ship."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PATHS = ["crosscheck", "tests", "scripts", "bench", "setup.py"]


def _ruff(*args: str) -> subprocess.CompletedProcess[str]:
    ruff = shutil.which("ruff", path=str(Path(sys.executable).parent)) or shutil.which("ruff")
    if ruff is None:
        pytest.skip("ruff is not installed (pip install -e '.[test]')")
    return subprocess.run([ruff, *args, *PATHS], capture_output=True, text=True, cwd=ROOT)


def test_ruff_lint_passes() -> None:
    done = _ruff("check", "--output-format", "concise")
    assert done.returncode == 0, done.stdout + done.stderr


def test_ruff_format_is_applied() -> None:
    done = _ruff("format", "--check")
    assert done.returncode == 0, done.stdout + done.stderr
