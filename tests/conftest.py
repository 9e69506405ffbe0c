"""Shared fixtures. Slow tests (real model, whole evaluations) run only with ``--slow``."""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
SHARED = ROOT.parent / "shared"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--slow", action="store_true", help="also run tests marked slow")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if config.getoption("--slow"):
        return
    skip = pytest.mark.skip(reason="slow: run with --slow")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session", autouse=True)
def ctrl_c_reaches_the_tests() -> Iterator[None]:
    """The tests that press Ctrl-C need SIGINT to raise KeyboardInterrupt. A suite a
    shell started in the background without job control (``pytest &`` in a script)
    inherits SIGINT ignored, and passes that on to every process it starts, so those
    tests failed there and passed in a terminal; the suite handles it as a terminal
    would (a process started with a handler installed gets the default one)."""
    ignored = signal.getsignal(signal.SIGINT) is signal.SIG_IGN
    if ignored:
        signal.signal(signal.SIGINT, signal.default_int_handler)
    yield
    if ignored:
        signal.signal(signal.SIGINT, signal.SIG_IGN)


@pytest.fixture(scope="session", autouse=True)
def models_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Exported ONNX graphs go to a private folder (once per session), never the user's
    cache; subprocesses inherit it through the environment."""
    folder = tmp_path_factory.mktemp("models")
    before = os.environ.get("CROSSCHECK_MODELS_DIR")
    os.environ["CROSSCHECK_MODELS_DIR"] = str(folder)
    yield folder
    if before is None:
        del os.environ["CROSSCHECK_MODELS_DIR"]
    else:
        os.environ["CROSSCHECK_MODELS_DIR"] = before


@pytest.fixture(scope="session")
def embedder(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """The real packaged model, loaded once per test session, with a private cache."""
    from crosscheck.embed import Embedder

    return Embedder(cache_dir=tmp_path_factory.mktemp("vectors"))
