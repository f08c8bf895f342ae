"""JSON shapes live in plancli.records (and the presentation layer), not in the domain.

Domain classes once carried ``as_dict()`` methods beside the record builders,
and a test kept the two equal. The builders are now the only shapes (golden
files prove their output); this keeps a second shape from creeping back.
"""

from __future__ import annotations

import ast
from pathlib import Path

import plancli

SRC = Path(plancli.__file__).parent
#: Modules where an output shape may be written: records, views and renderers.
PRESENTATION = {"records.py", "record_builders.py", "views.py", "problem_output.py", "render"}


def _shape_methods(path: Path, root: Path = SRC) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [
        f"{path.relative_to(root)}:{node.lineno} {cls.name}.{node.name}"
        for cls in ast.walk(tree)
        if isinstance(cls, ast.ClassDef)
        for node in cls.body
        if isinstance(node, ast.FunctionDef) and node.name in {"as_dict", "to_dict", "to_json"}
    ]


def test_no_core_class_builds_its_own_json_shape() -> None:
    found = [
        method
        for path in sorted(SRC.rglob("*.py"))
        if path.relative_to(SRC).parts[0] not in PRESENTATION
        for method in _shape_methods(path)
    ]
    assert found == []


def test_the_check_sees_a_shape_method(tmp_path: Path) -> None:
    module = tmp_path / "demo.py"
    module.write_text("class A:\n    def as_dict(self):\n        return {}\n", encoding="utf-8")
    assert [m.split(" ")[1] for m in _shape_methods(module, tmp_path)] == ["A.as_dict"]
