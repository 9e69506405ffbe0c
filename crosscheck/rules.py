"""Rules as data: load ``rules/*.yaml``, validate them against their checks, run them.

A rule file::

    id: date-mismatch          # what the report shows
    check: dates               # the code that runs (crosscheck/checks/dates.py)
    kind: date                 # date | number | entity | role | quote | attribution |
                               # negation | location
    severity: error            # info | warning | error
    message: "{left_source} dates it {left_value}; {right_source} says {right_value}"
    description: one line for `crosscheck rules list`
    enabled: true
    params:
      granularity: day

``aliases.yaml`` in a rules folder is not a rule: it lists name variants
(``canonical: [variant, ...]``) that the checks treat as the same name.
Later folders override earlier ones rule by rule (same ``id``).
"""

from __future__ import annotations

import string
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from crosscheck.checks import CHECKS, Claim, Context, Finding, load_check
from crosscheck.errors import RuleError
from crosscheck.lang.coverage import check_reads
from crosscheck.types import Divergence, Kind, Sentence, Severity, Span
from crosscheck.yamlfile import YamlProblem, read_yaml

ALIASES_FILE = "aliases.yaml"

_REQUIRED = ("id", "check", "severity", "message")
_OPTIONAL = ("kind", "description", "enabled", "params")
# Checks that judge single sentences (what only one outlet says), not aligned pairs:
# they take no ``kind``.
SINGLE_CHECKS = frozenset({"omissions"})


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    check: str
    kind: Kind | None
    severity: Severity
    message: str
    description: str = ""
    enabled: bool = True
    params: Mapping[str, Any] = field(default_factory=dict)
    path: str = ""


@dataclass(frozen=True, slots=True)
class RuleSet:
    """The rules in force and the shared newsroom data (aliases) they read."""

    rules: tuple[Rule, ...]
    context: Context = field(default_factory=Context)

    @property
    def enabled(self) -> tuple[Rule, ...]:
        return tuple(rule for rule in self.rules if rule.enabled)

    def get(self, rule_id: str) -> Rule:
        for rule in self.rules:
            if rule.id == rule_id:
                return rule
        known = ", ".join(sorted(rule.id for rule in self.rules))
        raise RuleError(f'no rule "{rule_id}"; known rules: {known}')


def _invalid(path: Path | str, rule_id: str | None, what: str) -> RuleError:
    where = f'{path}: rule "{rule_id}"' if rule_id else f"{path}"
    return RuleError(f"invalid config: {where}: {what}")


def _type_name(kind: type) -> str:
    return {str: "text", int: "whole number", float: "number", bool: "true/false"}.get(
        kind, kind.__name__
    )


def _validate_params(path: Path, rule_id: str, check: str, raw: Any) -> dict[str, Any]:
    declared = load_check(check).PARAMS
    if raw is None:
        raw = {}
    if not isinstance(raw, dict):
        raise _invalid(path, rule_id, '"params" must be a mapping of option: value')
    params = {name: spec.default for name, spec in declared.items()}
    for key, value in raw.items():
        if key not in declared:
            valid = ", ".join(sorted(declared)) or "none"
            raise _invalid(
                path, rule_id, f'unknown option "{key}" for check "{check}" (valid: {valid})'
            )
        spec = declared[key]
        ok = isinstance(value, spec.type) and not (
            spec.type is not bool and isinstance(value, bool)
        )
        if spec.type is float and isinstance(value, int) and not isinstance(value, bool):
            value, ok = float(value), True
        if not ok:
            raise _invalid(
                path,
                rule_id,
                f'option "{key}" must be {_type_name(spec.type)}, not {value!r}',
            )
        if spec.choices and value not in spec.choices:
            choices = ", ".join(map(str, spec.choices))
            raise _invalid(path, rule_id, f'option "{key}" must be one of {choices}, not {value!r}')
        params[key] = value
    return params


def parse_rule(path: Path, data: Any) -> Rule:
    """Validate one rule file's content; ``RuleError`` names the file, rule and key."""
    if not isinstance(data, dict):
        raise _invalid(path, None, "a rule file must be a mapping of key: value")
    rule_id = data.get("id")
    if not isinstance(rule_id, str) or not rule_id:
        raise _invalid(path, None, 'missing "id" (a short name such as date-mismatch)')
    for key in data:
        if key not in _REQUIRED + _OPTIONAL:
            valid = ", ".join(_REQUIRED + _OPTIONAL)
            raise _invalid(path, rule_id, f'unknown key "{key}" (valid: {valid})')
    for key in _REQUIRED:
        if key not in data:
            raise _invalid(path, rule_id, f'missing key "{key}"')
    check = data["check"]
    if check not in CHECKS:
        raise _invalid(
            path, rule_id, f'unknown check "{check}" (valid: {", ".join(sorted(CHECKS))})'
        )
    kind: Kind | None = None
    if check in SINGLE_CHECKS:
        if "kind" in data:
            raise _invalid(path, rule_id, f'check "{check}" takes no "kind"')
    elif "kind" not in data:
        raise _invalid(path, rule_id, f'missing key "kind" (valid: {", ".join(Kind.values())})')
    else:
        try:
            kind = Kind.parse(str(data["kind"]))
        except ValueError as exc:
            raise _invalid(path, rule_id, f"kind {exc}") from None
    try:
        severity = Severity.parse(str(data["severity"]))
    except ValueError as exc:
        raise _invalid(path, rule_id, f"severity {exc}") from None
    message = data["message"]
    if not isinstance(message, str):
        raise _invalid(path, rule_id, '"message" must be text')
    _check_template(path, rule_id, message, check)
    enabled = data.get("enabled", True)
    if not isinstance(enabled, bool):
        raise _invalid(path, rule_id, f'"enabled" must be true or false, not {enabled!r}')
    description = data.get("description", "")
    if not isinstance(description, str):
        raise _invalid(path, rule_id, '"description" must be text')
    params = _validate_params(path, rule_id, check, data.get("params"))
    return Rule(
        id=rule_id,
        check=check,
        kind=kind,
        severity=severity,
        message=message,
        description=description,
        enabled=enabled,
        params=params,
        path=str(path),
    )


# Fields every rule's message may use; a check adds its own in ``FIELDS``.
COMMON_FIELDS = ("left_source", "right_source", "left_value", "right_value", "rule", "kind")


def message_fields(check: str) -> tuple[str, ...]:
    """The fields a message template of a rule on ``check`` may name."""
    return COMMON_FIELDS + tuple(getattr(load_check(check), "FIELDS", ()))


def _check_template(path: Path, rule_id: str, message: str, check: str) -> None:
    try:
        names = [name for _, name, _, _ in string.Formatter().parse(message) if name]
    except ValueError as exc:
        raise _invalid(path, rule_id, f"message is not a valid template: {exc}") from None
    available = message_fields(check)
    for name in names:
        if not name.isidentifier():
            raise _invalid(path, rule_id, f'message field "{{{name}}}" is not a plain name')
        if name not in available:
            raise _invalid(
                path,
                rule_id,
                f'message field "{{{name}}}" is not provided by check "{check}" '
                f"(available: {', '.join(available)})",
            )


def _read_yaml(path: Path) -> Any:
    try:
        return read_yaml(path)
    except YamlProblem as problem:
        raise RuleError(f"invalid config: {path}: {problem}") from None


def _load_aliases(path: Path) -> dict[str, str]:
    data = _read_yaml(path)
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise _invalid(path, None, "aliases must be a mapping of canonical name: [variants]")
    aliases: dict[str, str] = {}
    for canonical, variants in data.items():
        if not isinstance(canonical, str) or not isinstance(variants, list):
            raise _invalid(path, None, f"aliases of {canonical!r} must be a list of names")
        aliases[canonical.casefold()] = canonical
        for variant in variants:
            if not isinstance(variant, str):
                raise _invalid(path, None, f"alias {variant!r} of {canonical!r} must be text")
            aliases[variant.casefold()] = canonical
    return aliases


def load_rules(*folders: Path | str) -> RuleSet:
    """Load and validate every rule in ``folders``; later folders override earlier ones.

    >>> ruleset = load_rules(RULES_DIR)            # doctest: +SKIP
    >>> ruleset.get("date-mismatch").severity      # doctest: +SKIP
    <Severity.ERROR: 'error'>
    """
    by_id: dict[str, Rule] = {}
    aliases: dict[str, str] = {}
    for folder in map(Path, folders):
        if not folder.is_dir():
            raise RuleError(f"invalid config: {folder}: no such rules folder")
        seen: dict[str, Path] = {}
        for path in sorted(folder.glob("*.y*ml")):
            if path.name in (ALIASES_FILE, "aliases.yml"):
                aliases.update(_load_aliases(path))
                continue
            if path.name in ("outlets.yaml", "outlets.yml"):
                continue  # outlet names by web host: read by crosscheck.ingest
            rule = parse_rule(path, _read_yaml(path))
            if rule.id in seen:
                raise _invalid(path, rule.id, f"the same id is used in {seen[rule.id]}")
            seen[rule.id] = path
            by_id[rule.id] = rule
    return RuleSet(rules=tuple(by_id.values()), context=Context(aliases=aliases))


def _format(rule: Rule, finding: Finding, left: Claim, right: Claim) -> str:
    values = {
        "left_source": left.source.outlet,
        "right_source": right.source.outlet,
        "left_value": finding.left_value,
        "right_value": finding.right_value,
        "rule": rule.id,
        "kind": rule.kind.value if rule.kind else "",
        **finding.fields,
    }
    try:
        return rule.message.format_map(values)
    except (KeyError, IndexError, ValueError):
        # A template naming a field this check does not provide still gives a message.
        return (
            f"{rule.id}: {finding.left_value} ({left.source.outlet}) vs "
            f"{finding.right_value} ({right.source.outlet})"
        )


def _value_span(claim: Claim, at: tuple[int, int] | None, value: str) -> Span | None:
    """Where a finding's value sits in the claim's article (offsets from the sentence)."""
    text = claim.text
    if at is None:
        # A check that gave no offsets: the value's first occurrence, if it is verbatim.
        found = text.find(value) if value else -1
        if found < 0:
            return None
        at = (found, found + len(value))
    start, end = at
    if not 0 <= start < end <= len(text):
        return None
    base = claim.sentence.start
    return Span(claim.sentence.source, base + start, base + end, text[start:end])


def run_pair(rule: Rule, left: Claim, right: Claim, context: Context) -> Iterator[Divergence]:
    """Run one rule on two aligned claims; each divergence carries both values' spans."""
    module = load_check(rule.check)
    assert rule.kind is not None, f"{rule.id} is not a pair rule"
    if not (
        check_reads(rule.check, left.source.language)
        and check_reads(rule.check, right.source.language)
    ):
        return  # no reader for the language: the report's coverage names the check
    for finding in module.check(left, right, rule.params, context):
        yield Divergence(
            rule=rule.id,
            kind=rule.kind,
            severity=rule.severity,
            left=left.sentence,
            right=right.sentence,
            left_value=finding.left_value,
            right_value=finding.right_value,
            message=_format(rule, finding, left, right),
            left_span=_value_span(left, finding.left_at, finding.left_value),
            right_span=_value_span(right, finding.right_at, finding.right_value),
        )


# Which of two findings on the same words of one pair a report keeps (the words of the
# other lie inside its words on both sides): the first kind listed. A quotation finding
# wins: words in quotation marks are the speaker's, and a misquote is the precise
# diagnosis of a change inside them ("would not sleep very well" / "would sleep soundly"
# is a misquote, not a second, negation divergence). Who said it and a title come next
# (they name the slot of a quotation or a person), then the kinds that name one value
# of a slot (a date, a figure, a place, a name), and negation last: it says only that a
# predicate's polarity differs, which any of the others can also bring about.
SPECIFICITY: tuple[Kind, ...] = (
    Kind.QUOTE,
    Kind.ATTRIBUTION,
    Kind.ROLE,
    Kind.DATE,
    Kind.NUMBER,
    Kind.LOCATION,
    Kind.ENTITY,
    Kind.NEGATION,
)


def _inside(inner: Span | None, outer: Span | None) -> bool:
    return (
        inner is not None
        and outer is not None
        and inner.source == outer.source
        and outer.start <= inner.start
        and inner.end <= outer.end
    )


def _covers(outer: Divergence, inner: Divergence) -> bool:
    """Whether ``outer``'s words hold all of ``inner``'s on both sides of one pair."""
    return (
        outer.left == inner.left
        and outer.right == inner.right
        and _inside(inner.left_span, outer.left_span)
        and _inside(inner.right_span, outer.right_span)
    )


def merge_duplicates(divergences: Sequence[Divergence]) -> list[Divergence]:
    """One finding per difference: a finding whose words lie, on both sides, inside
    the words of a more specific finding on the same pair (``SPECIFICITY``; the first in
    rule order among equals) is dropped, having nothing of its own to show. A finding
    that covers more than the more specific one is kept: a place inside a clause denied
    on one side is two differences. Findings without spans are all kept.

    >>> merge_duplicates([negation, quote])  # doctest: +SKIP
    [quote]   # "would not sleep" / "would sleep" inside the quotation finding
    """
    order = {kind: rank for rank, kind in enumerate(SPECIFICITY)}
    ranked = sorted(
        enumerate(divergences), key=lambda item: (order.get(item[1].kind, len(order)), item[0])
    )
    kept: list[tuple[int, Divergence]] = []
    for index, d in ranked:
        if not any(_covers(k, d) for _, k in kept):
            kept.append((index, d))
    return [d for _, d in sorted(kept, key=lambda item: item[0])]


def run_pair_rules(
    rules: Iterable[Rule], left: Claim, right: Claim, context: Context
) -> list[Divergence]:
    """Every rule of ``rules`` on two aligned claims, duplicates merged
    (``merge_duplicates``): what a report lists for the pair."""
    found: list[Divergence] = []
    for rule in rules:
        found.extend(run_pair(rule, left, right, context))
    return merge_duplicates(found)


def run_rules(ruleset: RuleSet, pairs: Iterable[tuple[Claim, Claim]]) -> list[Divergence]:
    """Run every enabled pair rule on every aligned pair; worst severity first."""
    pair_rules = [rule for rule in ruleset.enabled if rule.check not in SINGLE_CHECKS]
    found: list[Divergence] = []
    for left, right in pairs:
        found.extend(run_pair_rules(pair_rules, left, right, ruleset.context))
    return sort_divergences(found)


def select_omissions(ruleset: RuleSet, claims: Iterable[Claim]) -> list[Sentence]:
    """The unaligned sentences worth listing: those every enabled single-sentence rule keeps."""
    single = [rule for rule in ruleset.enabled if rule.check in SINGLE_CHECKS]
    kept = []
    for claim in claims:
        if all(load_check(rule.check).keep(claim, rule.params, ruleset.context) for rule in single):
            kept.append(claim.sentence)
    return kept


def select_details(
    ruleset: RuleSet, items: Iterable[tuple[Claim, Sequence[str], Sequence[str]]]
) -> list[Sentence]:
    """Details that only one outlet gives inside sentences other outlets also state.

    ``items`` are (an aligned claim, the texts aligned with it, every text of the other
    outlets); the result holds spans of the claims' sentences, in the order given.
    A claim every single-sentence rule keeps is searched by the rules whose check
    finds details (omissions, unless its ``details`` param is off).
    """
    single = [rule for rule in ruleset.enabled if rule.check in SINGLE_CHECKS]
    finders = [rule for rule in single if hasattr(load_check(rule.check), "details")]
    found: list[Sentence] = []
    for claim, partners, elsewhere in items:
        if not finders or not all(
            load_check(rule.check).keep(claim, rule.params, ruleset.context) for rule in single
        ):
            continue
        spans: dict[tuple[int, int], Sentence] = {}
        for rule in finders:
            check = load_check(rule.check)
            for span in check.details(claim, partners, elsewhere, rule.params, ruleset.context):
                spans[(span.start, span.end)] = span
        found.extend(spans[key] for key in sorted(spans))
    return found


def sort_divergences(divergences: Sequence[Divergence]) -> list[Divergence]:
    """Worst severity first, then in reading order of the left source."""
    return sorted(
        divergences,
        key=lambda d: (-d.severity.rank, d.left.source, d.left.index, d.right.source, d.rule),
    )
