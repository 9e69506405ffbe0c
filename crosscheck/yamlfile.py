"""Reading the YAML files a user edits (rules, aliases, audit configs), one way.

>>> read_yaml(Path("rules/date-mismatch.yaml"))["check"]     # doctest: +SKIP
'dates'
"""

from __future__ import annotations

from pathlib import Path
from typing import Any


class YamlProblem(Exception):
    """Why a YAML file could not be read, in a few words ("not valid YAML (line 3)").

    ``unreadable`` is set when the file itself could not be opened or read (missing
    included), as opposed to content that is not UTF-8 or not YAML.
    """

    def __init__(self, problem: str, *, unreadable: bool = False, missing: bool = False) -> None:
        super().__init__(problem)
        self.unreadable = unreadable
        self.missing = missing


def read_yaml(path: Path) -> Any:
    """The parsed content of ``path``; ``YamlProblem`` says what is wrong with it."""
    import yaml

    try:
        return yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise YamlProblem("no such file", unreadable=True, missing=True) from None
    except OSError as exc:
        raise YamlProblem(f"cannot read ({exc.strerror or exc})", unreadable=True) from None
    except UnicodeDecodeError:
        raise YamlProblem("not UTF-8 text") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f" (line {mark.line + 1})" if mark is not None else ""
        raise YamlProblem(f"not valid YAML{line}") from None
