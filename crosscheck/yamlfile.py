"""Reading the YAML files a user edits (rules, aliases, audit configs, front matter), one way.

>>> read_yaml(Path("rules/date-mismatch.yaml"))["check"]     # doctest: +SKIP
'dates'
>>> load_yaml_text("date: 2025-13-45")
Traceback (most recent call last):
...
crosscheck.yamlfile.YamlProblem: impossible date '2025-13-45' (line 1): month must be in 1..12
"""

from __future__ import annotations

import functools
import reprlib
from pathlib import Path
from typing import Any

# A value quoted in an error message is cut to this many characters: a YAML alias bomb
# or a pasted article in a rule param must not turn one error line into megabytes.
MESSAGE_VALUE_CHARS = 80


class YamlProblem(Exception):
    """Why a YAML file could not be read, in a few words ("not valid YAML (line 3)").

    ``unreadable`` is set when the file itself could not be opened or read (missing
    included), as opposed to content that is not UTF-8 or not YAML.
    """

    def __init__(self, problem: str, *, unreadable: bool = False, missing: bool = False) -> None:
        super().__init__(problem)
        self.unreadable = unreadable
        self.missing = missing


def brief(value: object, limit: int = MESSAGE_VALUE_CHARS) -> str:
    """``repr(value)`` cut to about ``limit`` characters, cheaply for huge nested values.

    >>> brief("x" * 500, limit=20)
    "'xxxxxxx...xxxxxxxx'"
    """
    short = reprlib.Repr()
    short.maxstring = short.maxother = limit
    short.maxlist = short.maxdict = short.maxtuple = short.maxset = 6
    short.maxlevel = 3
    text = short.repr(value)
    return text if len(text) <= limit * 2 else text[: limit * 2] + "..."


@functools.cache
def _loader() -> type:
    import yaml

    class Loader(yaml.SafeLoader):
        """SafeLoader whose impossible dates (2025-13-45) are YAML errors with a line."""

        def construct_yaml_timestamp(self, node: Any) -> Any:
            try:
                return super().construct_yaml_timestamp(node)
            except (ValueError, OverflowError) as exc:
                raise yaml.constructor.ConstructorError(
                    None, None, f"impossible date {brief(node.value)}: {exc}", node.start_mark
                ) from None

    Loader.add_constructor("tag:yaml.org,2002:timestamp", Loader.construct_yaml_timestamp)
    return Loader


def load_yaml_text(text: str, *, first_line: int = 1) -> Any:
    """Parse YAML text; every failure (syntax, an impossible date, a too-deep nesting)
    is a ``YamlProblem`` of one line with the line number where known, counted from
    ``first_line`` (front matter starts below the file's first line)."""
    import yaml

    try:
        return yaml.load(text, Loader=_loader())  # a SafeLoader subclass
    except yaml.constructor.ConstructorError as exc:
        mark = exc.problem_mark
        line = f" (line {mark.line + first_line})" if mark is not None else ""
        problem = exc.problem or "value cannot be read"
        if problem.startswith("impossible date"):
            head, _, why = problem.partition(": ")
            raise YamlProblem(f"{head}{line}: {why}") from None
        raise YamlProblem(f"not valid YAML{line}: {problem[:MESSAGE_VALUE_CHARS]}") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line = f" (line {mark.line + first_line})" if mark is not None else ""
        raise YamlProblem(f"not valid YAML{line}") from None
    except RecursionError:
        raise YamlProblem("not valid YAML (nested too deeply)") from None


def read_yaml(path: Path) -> Any:
    """The parsed content of ``path``; ``YamlProblem`` says what is wrong with it."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise YamlProblem("no such file", unreadable=True, missing=True) from None
    except OSError as exc:
        raise YamlProblem(f"cannot read ({exc.strerror or exc})", unreadable=True) from None
    except UnicodeDecodeError:
        raise YamlProblem("not UTF-8 text") from None
    return load_yaml_text(text)
