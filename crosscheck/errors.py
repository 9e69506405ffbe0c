"""One family of exceptions; the CLI turns any of them into ``Error: ...`` and exit code 3."""

from __future__ import annotations


class CrosscheckError(Exception):
    """Base class: a problem the user can fix (bad input, bad config, missing model)."""


class IngestError(CrosscheckError):
    """A file could not be read as an article. The message starts with the path."""

    def __init__(self, path: object, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = str(path)
        self.problem = problem


class RuleError(CrosscheckError):
    """A rule file is invalid: ``invalid config: <file>: rule "<id>": <what>``."""


class ModelError(CrosscheckError):
    """The embedding model could not be found or loaded."""


class EvalError(CrosscheckError):
    """A gold cluster is malformed or does not match its articles."""


class AuditError(CrosscheckError):
    """An audit's inputs, configuration or history database is unusable."""


class OutputError(CrosscheckError):
    """A report cannot be written where it was asked for (checked before any work)."""


class MetadataWarning(CrosscheckError, UserWarning):
    """A metadata value was ignored (``date: "not a date"``): a warning by default; the
    CLI's ``--strict`` turns it into an error (as a ``CrosscheckError``, exit 3)."""
