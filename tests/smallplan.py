"""Build small plans and glossaries for problem cases in a few lines.

The corpora under tests/data/ are whole files; a new case is often one wrong
value in an otherwise valid plan. ``SmallPlan`` starts from the valid
tests/data/valid/minimal.yaml and its glossary, lets a test change the data
(``plan``/``glossary`` are plain dicts) or the text, and writes both files::

    case = SmallPlan()
    case.glossary["entries"][0]["members"] = ["ИИМ"]      # a non-group with members
    plan_path, glossary_path = case.write(tmp_path)

    case = SmallPlan().replace_text("number: 170", "number: 170\\n  <<: 5")
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from conftest import DATA

MINIMAL = DATA / "valid" / "minimal.yaml"
MINIMAL_GLOSSARY = DATA / "valid" / "glossary-minimal.yaml"


class SmallPlan:
    def __init__(self) -> None:
        self.plan: dict[str, Any] = yaml.safe_load(MINIMAL.read_text(encoding="utf-8"))
        self.glossary: dict[str, Any] = yaml.safe_load(MINIMAL_GLOSSARY.read_text(encoding="utf-8"))
        self._edits: list[tuple[str, str]] = []
        self._append = ""

    def measure(self, measure_id: str) -> dict[str, Any]:
        """The measure entry (a dict to change) with this id."""
        for section in self.plan["sections"]:
            for task in section["tasks"]:
                for row in task["rows"]:
                    for measure in row["measures"]:
                        if measure["id"] == measure_id:
                            return measure  # type: ignore[no-any-return]
        raise KeyError(measure_id)

    def entry(self, term: str) -> dict[str, Any]:
        """The glossary entry (a dict to change) of this term."""
        return next(e for e in self.glossary["entries"] if e["term"] == term)  # type: ignore[no-any-return]

    def replace_text(self, old: str, new: str) -> SmallPlan:
        """Change the written plan text (for problems only raw YAML can hold)."""
        self._edits.append((old, new))
        return self

    def append_text(self, text: str) -> SmallPlan:
        self._append += text
        return self

    def plan_text(self) -> str:
        text = yaml.safe_dump(self.plan, allow_unicode=True, sort_keys=False)
        for old, new in self._edits:
            assert old in text, f"{old!r} is not in the small plan"
            text = text.replace(old, new, 1)
        return text + self._append

    def write(self, directory: Path) -> tuple[Path, Path]:
        plan, glossary = directory / "plan.yaml", directory / "glossary.yaml"
        plan.write_text(self.plan_text(), encoding="utf-8")
        glossary.write_text(
            yaml.safe_dump(self.glossary, allow_unicode=True, sort_keys=False), encoding="utf-8"
        )
        return plan, glossary
