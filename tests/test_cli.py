"""The command line as a user meets it: help, errors, exit codes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from crosscheck.cli import app

runner = CliRunner()


def test_help_lists_every_command() -> None:
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    for command in ("compare", "rules", "eval"):
        assert command in result.output


def test_every_command_has_help_text() -> None:
    import typer.main

    group = typer.main.get_command(app)
    for name, command in group.commands.items():  # type: ignore[attr-defined]
        assert command.help, f"command {name} has no help"


def test_importing_the_cli_loads_no_heavy_library() -> None:
    code = (
        "import sys, crosscheck.cli; "
        "heavy = [m for m in ('torch', 'sentence_transformers', 'trafilatura', 'dateparser') "
        "if m in sys.modules]; print(heavy)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_python_dash_m_runs_the_cli() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "crosscheck", "--version"], capture_output=True, text=True
    )
    assert out.returncode == 0
    assert out.stdout.startswith("crosscheck ")


def test_rules_check_refuses_a_bad_folder_with_exit_3(tmp_path: Path) -> None:
    (tmp_path / "bad.yaml").write_text("id: x\ncheck: nope\nseverity: info\nmessage: m\n")
    out = subprocess.run(
        [sys.executable, "-m", "crosscheck", "rules", "check", str(tmp_path)],
        capture_output=True,
        text=True,
    )
    assert out.returncode == 3
    assert out.stderr.startswith("Error: invalid config:")
    assert 'unknown check "nope"' in out.stderr


def test_compare_needs_two_articles(tmp_path: Path) -> None:
    one = tmp_path / "a.txt"
    one.write_text("A sentence about something.\n")
    out = subprocess.run(
        [sys.executable, "-m", "crosscheck", "compare", str(one), "-o", str(tmp_path / "r.md")],
        capture_output=True,
        text=True,
    )
    assert out.returncode == 3
    assert "at least two articles" in out.stderr
    assert not (tmp_path / "r.md").exists()


def test_compare_writes_into_reports_of_the_current_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from doubles import BagOfWords

    import crosscheck.pipeline

    monkeypatch.setattr(crosscheck.pipeline, "build_embedder", lambda *a, **k: BagOfWords())
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text("The storm destroyed forty homes on Tuesday.\n")
    work = tmp_path / "desk"
    work.mkdir()
    monkeypatch.chdir(work)
    result = runner.invoke(app, ["compare", str(tmp_path / "a.txt"), str(tmp_path / "b.txt")])
    assert result.exit_code == 0, result.output
    (written,) = (work / "reports").iterdir()
    assert written.suffix == ".md"
    assert f"report written to {written}" in result.output


def test_compare_refuses_unknown_format(tmp_path: Path) -> None:
    out = subprocess.run(
        [sys.executable, "-m", "crosscheck", "compare", "a", "b", "--format", "pdf"],
        capture_output=True,
        text=True,
    )
    assert out.returncode == 3
    assert "--format must be one of markdown, json" in out.stderr


SHARED_EVAL = Path(__file__).resolve().parent.parent.parent / "shared" / "eval"


@pytest.mark.slow
def test_eval_command_scores_the_dev_clusters_as_json(tmp_path: Path) -> None:
    if not (SHARED_EVAL / "dev").is_dir():
        pytest.skip(f"no gold clusters at {SHARED_EVAL}")
    clusters = sorted(str(p) for p in (SHARED_EVAL / "dev").iterdir() if p.is_dir())
    done = subprocess.run(
        [sys.executable, "-m", "crosscheck", "eval", *clusters, "--format", "json"],
        capture_output=True,
        text=True,
        env={**os.environ, "CROSSCHECK_CACHE_DIR": str(tmp_path / "cache")},
    )
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    for key in (
        "alignment_recall",
        "alignment_precision",
        "divergence_recall",
        "divergence_precision",
        "false_alarms",
    ):
        assert key in data["total"]
    # Names are relative to the clusters' common folder (here dev/).
    assert sorted(c["name"] for c in data["clusters"]) == sorted(Path(c).name for c in clusters)
    assert data["total"]["alignment_recall"] > 0.5
