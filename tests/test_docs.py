"""The README stays true: every command and rule is documented, the two newcomer commands exist."""

from __future__ import annotations

import re
from pathlib import Path

import typer.main

from crosscheck.cli import app
from crosscheck.rules import load_rules
from crosscheck.settings import RULES_DIR

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _commands() -> list[str]:
    group = typer.main.get_command(app)
    names = []
    for name, command in group.commands.items():  # type: ignore[attr-defined]
        sub = getattr(command, "commands", None)
        names.extend(f"{name} {child}" for child in sub) if sub else names.append(name)
    return names


def test_every_command_appears_in_the_readme() -> None:
    for command in _commands():
        assert f"crosscheck {command}" in README, f"README does not show `crosscheck {command}`"


def test_readme_gives_the_two_newcomer_commands_and_they_point_at_real_files() -> None:
    blocks = re.findall(r"```sh\n(bash scripts/setup\.sh && [^\n]+)\n```", README)
    assert len(blocks) == 2, blocks
    assert "crosscheck compare seeds/*" in blocks[0]
    assert "pytest" in blocks[1]
    assert (ROOT / "scripts" / "setup.sh").is_file()
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert blocks[1] in ci, "CI must run the README's test command"


def test_every_shipped_rule_is_described() -> None:
    for rule in load_rules(RULES_DIR).rules:
        assert rule.description, f"rule {rule.id} has no description"
