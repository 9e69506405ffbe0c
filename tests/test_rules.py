"""The rules engine: loading, validation messages, overrides, running."""

from __future__ import annotations

from pathlib import Path

import pytest

from crosscheck.checks import Claim, Context
from crosscheck.errors import RuleError
from crosscheck.rules import load_rules, select_omissions
from crosscheck.settings import RULES_DIR
from crosscheck.types import Sentence, Source

GOOD = """\
id: short-claims
check: omissions
severity: info
message: "only {left_source} says this"
params:
  min_words: 3
"""


def _write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def _error(folder: Path) -> str:
    with pytest.raises(RuleError) as info:
        load_rules(folder)
    return str(info.value)


def test_shipped_rules_load_and_cover_every_kind() -> None:
    ruleset = load_rules(RULES_DIR)
    kinds = {rule.kind.value for rule in ruleset.rules if rule.kind}
    assert kinds == {
        "date",
        "number",
        "entity",
        "role",
        "quote",
        "attribution",
        "negation",
        "location",
    }
    assert all(rule.description for rule in ruleset.rules)


def test_good_rule_loads_with_defaults_filled(tmp_path: Path) -> None:
    _write(tmp_path, "short.yaml", GOOD)
    rule = load_rules(tmp_path).get("short-claims")
    assert rule.params == {
        "min_words": 3,
        "skip_questions": True,
        "details": True,
        "detail_min_new_words": 2,
    }
    assert rule.enabled


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (GOOD + "colour: red\n", 'unknown key "colour"'),
        (GOOD.replace("check: omissions", "check: vibes"), 'unknown check "vibes"'),
        (GOOD.replace("severity: info", "severity: fatal"), "severity 'fatal' is not one of"),
        (GOOD.replace("min_words: 3", "min_words: three"), 'option "min_words" must be'),
        (GOOD.replace("min_words: 3", "max_words: 3"), 'unknown option "max_words"'),
        (GOOD.replace("id: short-claims\n", ""), 'missing "id"'),
        (GOOD + "kind: date\n", 'takes no "kind"'),
        (GOOD + "enabled: maybe\n", '"enabled" must be true or false'),
        ("id: [unclosed\n", "not valid YAML (line"),
        ("- just\n- a list\n", "must be a mapping"),
    ],
)
def test_bad_rule_files_are_refused_naming_file_rule_and_key(
    tmp_path: Path, text: str, expected: str
) -> None:
    path = _write(tmp_path, "bad.yaml", text)
    message = _error(tmp_path)
    assert message.startswith(f"invalid config: {path}")
    assert expected in message


def test_unknown_option_lists_valid_choices(tmp_path: Path) -> None:
    _write(tmp_path, "bad.yaml", GOOD.replace("min_words: 3", "max_words: 3"))
    assert "valid: detail_min_new_words, details, min_words, skip_questions" in _error(tmp_path)


def test_pair_rule_needs_a_kind(tmp_path: Path) -> None:
    _write(
        tmp_path,
        "bad.yaml",
        "id: x\ncheck: dates\nseverity: error\nmessage: m\n",
    )
    assert 'missing key "kind"' in _error(tmp_path)


def test_duplicate_ids_in_one_folder_are_refused(tmp_path: Path) -> None:
    _write(tmp_path, "a.yaml", GOOD)
    _write(tmp_path, "b.yaml", GOOD)
    assert "the same id is used in" in _error(tmp_path)


def test_user_folder_overrides_rule_by_rule(tmp_path: Path) -> None:
    shipped = load_rules(RULES_DIR)
    rule = next(r for r in shipped.rules if r.check == "omissions")
    _write(
        tmp_path / "mine",
        "override.yaml",
        f"id: {rule.id}\ncheck: omissions\nseverity: warning\nmessage: m\nenabled: false\n",
    )
    merged = load_rules(RULES_DIR, tmp_path / "mine")
    assert merged.get(rule.id).severity.value == "warning"
    assert rule.id not in {r.id for r in merged.enabled}
    assert len(merged.rules) == len(shipped.rules)


def test_missing_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(RuleError, match="no such rules folder"):
        load_rules(tmp_path / "nope")


def test_aliases_file_is_read_not_taken_for_a_rule(tmp_path: Path) -> None:
    _write(tmp_path, "short.yaml", GOOD)
    _write(tmp_path, "aliases.yaml", "Volodymyr Zelensky: [Zelenskyy, Zelenskiy]\n")
    ruleset = load_rules(tmp_path)
    assert len(ruleset.rules) == 1
    assert ruleset.context.aliases["zelenskiy"] == "Volodymyr Zelensky"


def test_unknown_rule_id_lists_known_ones(tmp_path: Path) -> None:
    _write(tmp_path, "short.yaml", GOOD)
    with pytest.raises(RuleError, match="known rules: short-claims"):
        load_rules(tmp_path).get("nope")


def _claim(text: str) -> Claim:
    source = Source("a", "a.txt", "", "Wire")
    return Claim(Sentence("a", 0, text, 0, len(text)), source)


def test_omission_rule_keeps_claims_and_drops_scraps(tmp_path: Path) -> None:
    _write(tmp_path, "short.yaml", GOOD)
    ruleset = load_rules(tmp_path)
    claims = [_claim("Three people were killed."), _claim("Read more."), _claim("Is it over yet?")]
    kept = select_omissions(ruleset, claims)
    assert [s.text for s in kept] == ["Three people were killed."]
    assert Context().aliases == {}


def test_message_field_no_check_provides_is_refused_naming_the_available_ones(
    tmp_path: Path,
) -> None:
    _write(
        tmp_path,
        "bad.yaml",
        "id: x\ncheck: dates\nkind: date\nseverity: error\n"
        'message: "{left_source} says {lft_value}"\n',
    )
    message = _error(tmp_path)
    assert 'message field "{lft_value}" is not provided by check "dates"' in message
    assert "available: left_source, right_source, left_value, right_value" in message


def test_message_field_a_check_declares_is_accepted(tmp_path: Path) -> None:
    _write(
        tmp_path,
        "ok.yaml",
        "id: x\ncheck: roles\nkind: role\nseverity: error\n"
        'message: "{person}: {left_value} vs {right_value}"\n',
    )
    assert load_rules(tmp_path).get("x").message.startswith("{person}")
