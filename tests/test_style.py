"""The code stays clean: ruff's lint and format checks pass on everything we ship, and
mypy passes on crosscheck/ (strict where pyproject.toml's overrides say so)."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tomllib
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


def test_mypy_passes_on_the_package() -> None:
    # The first run builds .mypy_cache (about a minute on a busy machine); later runs
    # take a second or two.
    mypy = shutil.which("mypy", path=str(Path(sys.executable).parent)) or shutil.which("mypy")
    if mypy is None:
        pytest.skip("mypy is not installed (pip install -e '.[test]')")
    done = subprocess.run([mypy, "crosscheck"], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stdout + done.stderr


def test_mypy_overrides_name_modules_that_exist() -> None:
    """A renamed module must not silently drop out of the strict list."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    for section in config["tool"]["mypy"]["overrides"]:
        names = section["module"]
        for name in [names] if isinstance(names, str) else names:
            path = ROOT / name.removesuffix(".*").replace(".", "/")
            exists = path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()
            assert exists, f"pyproject.toml [tool.mypy] override names {name}: no such module"
