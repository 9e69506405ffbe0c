"""The check interface and registry.

A *check* is the code behind one or more rules. Each check is one module in this
package that defines:

``PARAMS: dict[str, Param]``
    the options a rule may set, with types and defaults (validated by ``rules.py``);
``FIELDS: tuple[str, ...]`` (optional)
    the names a rule's ``message`` may use beyond the common ones (left_source,
    right_source, left_value, right_value, rule, kind); a template naming any other
    field is refused when the rule is loaded;
``check(left, right, params, context) -> Iterator[Finding]``
    (two ``Claim``, the rule's params mapping, the shared ``Context``)
    a generator that yields one ``Finding`` per disagreement between two aligned claims;
and a module docstring that explains the check with one passing and one failing
example (``crosscheck rules explain ID`` prints it).

Checks are deterministic and need no model: they compare what ``crosscheck.extract``
finds in both sentences. The engine runs them only on sentence pairs that the aligner
says state the same fact, so a check may assume both sentences are about one event.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any, Protocol

from crosscheck.types import Sentence, Source


@dataclass(frozen=True, slots=True)
class Claim:
    """A sentence with what a check needs to read it: its source and its neighbours.

    ``context`` holds up to two preceding sentences of the same article, oldest first,
    so that "he said" can be resolved to the speaker named just before.
    """

    sentence: Sentence
    source: Source
    context: tuple[str, ...] = ()

    @property
    def text(self) -> str:
        return self.sentence.text


@dataclass(frozen=True, slots=True)
class Finding:
    """One disagreement, with both values exactly as they appear in the two sentences.

    ``fields`` may add named values the rule's ``message`` template can use (the check
    lists their names in its ``FIELDS``). ``left_at`` / ``right_at`` are the values'
    (start, end) offsets into each claim's text, when the check knows them.
    """

    left_value: str
    right_value: str
    fields: Mapping[str, str] = field(default_factory=dict)
    left_at: tuple[int, int] | None = None
    right_at: tuple[int, int] | None = None


@dataclass(frozen=True, slots=True)
class Param:
    """A rule option a check accepts: its type, default and a one-line description."""

    type: type
    default: Any
    help: str
    choices: tuple[Any, ...] = ()


@dataclass(frozen=True, slots=True)
class Context:
    """Newsroom data shared by all checks: ``aliases`` maps a lower-cased variant
    spelling of a name to its canonical form (from ``rules/aliases.yaml``)."""

    aliases: Mapping[str, str] = field(default_factory=dict)


class CheckModule(Protocol):
    PARAMS: dict[str, Param]

    def check(
        self, left: Claim, right: Claim, params: Mapping[str, Any], context: Context
    ) -> Iterator[Finding]: ...


# Check name (what a rule's ``check:`` says) -> module. Modules are imported on first
# use so that ``crosscheck --help`` never pays for them.
CHECKS: dict[str, str] = {
    "dates": "crosscheck.checks.dates",
    "numbers": "crosscheck.checks.numbers",
    "entities": "crosscheck.checks.entities",
    "roles": "crosscheck.checks.roles",
    "quotes": "crosscheck.checks.quotes",
    "attribution": "crosscheck.checks.attribution",
    "negation": "crosscheck.checks.negation",
    "locations": "crosscheck.checks.locations",
    "omissions": "crosscheck.checks.omissions",
}


def load_check(name: str) -> ModuleType:
    """Import the module behind check ``name``; ``KeyError`` if there is none."""
    return importlib.import_module(CHECKS[name])
