"""Build hook: a wheel carries the shipped rules as package data (crosscheck/_rules).

The rules live in the top-level rules/ folder of a checkout, where users read and
edit them; crosscheck.settings.RULES_DIR falls back to the packaged copy when the
package is installed without its checkout. Everything else is in pyproject.toml.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py


class BuildWithRules(build_py):
    def run(self) -> None:
        super().run()
        if self.editable_mode:
            return
        target = Path(self.build_lib) / "crosscheck" / "_rules"
        target.mkdir(parents=True, exist_ok=True)
        for rule in sorted(Path(__file__).resolve().parent.joinpath("rules").glob("*.yaml")):
            shutil.copy2(rule, target / rule.name)


setup(cmdclass={"build_py": BuildWithRules})
