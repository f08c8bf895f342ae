"""Make a synthetic plan N times the size of the real one (deterministic).

Each section gets its own tasks N times over; tasks and measure ids are
renumbered so that the result is a valid plan (`plancli validate` passes).

    python bench/synth.py 100 bench/out/plan-100x.yaml
"""

from __future__ import annotations

import copy
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]


def multiply(plan: dict, factor: int) -> dict:
    result = copy.deepcopy(plan)
    number = 0
    for section in result["sections"]:
        tasks = []
        for _ in range(factor):
            for original in section["tasks"]:
                number += 1
                task = copy.deepcopy(original)
                task["number"] = number
                position = 0
                for row in task["rows"]:
                    for measure in row["measures"]:
                        position += 1
                        measure["id"] = f"{number}.{position}"
                tasks.append(task)
        section["tasks"] = tasks
    return result


def main(factor: int, target: Path) -> None:
    plan = yaml.safe_load((ROOT / "plan.yaml").read_text(encoding="utf-8"))
    target.parent.mkdir(parents=True, exist_ok=True)
    text = yaml.safe_dump(multiply(plan, factor), allow_unicode=True, sort_keys=False, width=100)
    target.write_text(
        f"# Synthetic plan: plan.yaml x{factor}, tasks renumbered (bench/synth.py)\n" + text,
        encoding="utf-8",
    )


if __name__ == "__main__":
    main(int(sys.argv[1]), Path(sys.argv[2]))
