"""``crosscheck rules``: list, validate and explain the divergence rules (a typer sub-app
that cli.py mounts), and the ``--rules`` option the other commands share.

Kept light at import, as cli.py is: the library and tabulate are imported inside the
commands.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

rules_app = typer.Typer(help="List, validate and explain divergence rules.", no_args_is_help=True)

RulesOpt = Annotated[
    list[Path] | None,
    typer.Option(
        "--rules",
        help="A rules folder that overrides the shipped rules rule by rule (repeatable).",
    ),
]


@rules_app.command("list")
def rules_list_cli(rules: RulesOpt = None) -> None:
    """Show every rule with its kind, severity and what it flags."""
    from tabulate import tabulate

    from crosscheck.rules import load_rules
    from crosscheck.settings import RULES_DIR

    ruleset = load_rules(RULES_DIR, *(rules or ()))
    rows = [
        [
            rule.id,
            rule.kind.value if rule.kind else "-",
            rule.severity.value,
            "yes" if rule.enabled else "no",
            rule.description,
        ]
        for rule in ruleset.rules
    ]
    typer.echo(tabulate(rows, ["rule", "kind", "severity", "enabled", "description"]))


@rules_app.command("check")
def rules_check_cli(
    folder: Annotated[Path, typer.Argument(help="A folder of rule YAML files.")],
) -> None:
    """Validate a rules folder; exit 3 on the first bad file."""
    from crosscheck.rules import load_rules

    ruleset = load_rules(folder)
    typer.echo(f"{folder}: {len(ruleset.rules)} rules OK")


@rules_app.command("explain")
def rules_explain_cli(
    rule_id: Annotated[str, typer.Argument(help="A rule id, as `rules list` shows it.")],
    rules: RulesOpt = None,
) -> None:
    """Print what a rule checks, with a passing and a failing example."""
    import inspect

    from crosscheck.checks import load_check
    from crosscheck.rules import load_rules, message_fields
    from crosscheck.settings import RULES_DIR

    rule = load_rules(RULES_DIR, *(rules or ())).get(rule_id)
    module = load_check(rule.check)
    typer.echo(f"{rule.id} ({rule.path})")
    typer.echo(f"check: {rule.check}  kind: {rule.kind or '-'}  severity: {rule.severity}")
    if rule.description:
        typer.echo(f"\n{rule.description}")
    typer.echo("\n" + inspect.cleandoc(module.__doc__ or "(no documentation)"))
    typer.echo(f"\nmessage fields: {', '.join(message_fields(rule.check))}")
    typer.echo("\nparams:")
    for name, spec in module.PARAMS.items():
        typer.echo(f"  {name} = {rule.params.get(name)!r}  (default {spec.default!r}): {spec.help}")
