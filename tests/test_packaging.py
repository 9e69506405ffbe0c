"""A wheel works without its checkout: shipped rules inside, reports in the working folder."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

PROBE = """
import json, crosscheck, crosscheck.settings as s
from crosscheck.rules import load_rules
rules = load_rules(s.RULES_DIR)
print(json.dumps({"package": crosscheck.__file__, "rules_dir": str(s.RULES_DIR),
                  "reports_dir": str(s.reports_dir()), "rules": [r.id for r in rules.rules]}))
"""


@pytest.mark.slow
def test_an_installed_wheel_carries_the_shipped_rules(tmp_path: Path) -> None:
    wheels, target, work = tmp_path / "wheels", tmp_path / "site", tmp_path / "work"
    work.mkdir()
    pip = [sys.executable, "-m", "pip", "-q", "--disable-pip-version-check"]
    subprocess.run(
        [*pip, "wheel", "--no-deps", "--no-build-isolation", "-w", str(wheels), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (wheel,) = wheels.glob("crosscheck-*.whl")
    subprocess.run(
        [*pip, "install", "--no-deps", "--target", str(target), str(wheel)],
        check=True,
        capture_output=True,
    )
    env = {**os.environ, "PYTHONPATH": str(target)}
    done = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=work, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    found = json.loads(done.stdout)
    assert Path(found["package"]).is_relative_to(target)
    assert Path(found["rules_dir"]) == target / "crosscheck" / "_rules"
    # aliases.yaml and outlets.yaml are newsroom data beside the rules, not rules.
    shipped = sorted(
        p.stem for p in (ROOT / "rules").glob("*.yaml") if p.stem not in {"aliases", "outlets"}
    )
    assert len(found["rules"]) == len(shipped) > 0
    assert Path(found["reports_dir"]) == work / "reports"
