"""bench/bench.py's arithmetic: the bars from hand-made figures, and the README splice."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_script", ROOT / "bench" / "bench.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def run(wall: float, cpu: float, **more: Any) -> dict[str, Any]:
    return {"wall_s": wall, "cpu_s": cpu, "inner_s": wall - 0.1, "peak_mib": 300.0, **more}


def figures() -> dict[str, Any]:
    stages = {"imports": 0.1, "model load": 0.3, "embed": 0.5, "parser load": 0.6, "parse": 0.3}
    return {
        "texts": {"seeds": 70, "dev": 500, "story16": 200},
        "torch floor": run(8.0, 6.0),
        "onnx floor": run(1.0, 1.2),
        "cold": run(3.0, 3.3),
        "cold + parser": run(3.2, 3.6),
        "first run": run(12.8, 9.0),
        "audit dev": run(10.0, 12.0),
        "dev floor": run(3.0, 3.5, encode_s=2.0),
        "story16": run(5.0, 6.0),
        "story16 floor": run(2.0, 3.0, encode_s=1.0),
        "stages": {"stages": {**stages, "pair rules": 0.07}, "pairs": 14},
        "story16 stages": {"stages": {**stages, "pair rules": 1.0, "align": 0.4}, "pairs": 600},
        "help": {"wall_s": 0.2},
    }


def test_bars_give_wall_ratios_their_goals_and_the_same_ratios_in_cpu(bench: ModuleType) -> None:
    rows = {row[1]: row for row in bench.bars(figures())}
    first = rows["first-ever compare (export included) / PyTorch floor"]
    assert first[2:] == ["1.60x", "<= 1.5x", "no", "1.50x"]  # 12.8 / 8.0 wall, 9 / 6 CPU
    cold = rows["cold compare (parser loaded and run as the checks need) / PyTorch floor"]
    assert cold[2:] == ["0.38x", "<= 0.5x", "yes", "0.55x"]
    audit = rows["audit of dev clusters: end-to-end / raw ONNX encode sentences/s"]
    assert audit[2:] == ["0.20x", ">= 0.7x", "no", ""]  # 50/s against 250/s
    story = rows["16-outlet story: compare (no model loads) / encode call"]
    assert story[2] == "2.20x"  # embed, parse, pair rules and align; loads left out
    assert rows["pair rules, seed compare (14 aligned pairs)"][2:5] == [
        "200 pairs/s",
        ">= 500 pairs/s",
        "no",
    ]
    assert rows["parser in a cold seed compare (load + parse)"][4] == "yes"  # 0.9 s


def test_the_readme_speed_part_is_replaced_and_nothing_else(
    bench: ModuleType, tmp_path: Path
) -> None:
    readme = tmp_path / "README.md"
    readme.write_text(
        "intro\n<!-- FIGURES:BEGIN -->\nquality table\n\nSpeed (`old command`)\n\n| old |\n"
        "old note\n<!-- FIGURES:END -->\n\nKnown limits\n"
    )
    bench.write_readme(readme, "Speed (`new command`)\n\n| new |\n")
    assert readme.read_text() == (
        "intro\n<!-- FIGURES:BEGIN -->\nquality table\n\nSpeed (`new command`)\n\n| new |\n"
        "<!-- FIGURES:END -->\n\nKnown limits\n"
    )
    readme.write_text("no figures here\n")
    with pytest.raises(SystemExit, match="no speed part"):
        bench.write_readme(readme, "Speed (`x`)")
