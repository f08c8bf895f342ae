"""The architecture is checked, not only described (docs/architecture.md).

The layers contract lives in pyproject.toml ([tool.importlinter]); these tests
run it and look for import cycles, counting imports inside functions and under
TYPE_CHECKING, which a lazy import would otherwise hide.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT


def _lint_imports() -> str:
    found = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    if found is None:
        pytest.fail("lint-imports is missing: install the test extras (pip install -e '.[test]')")
    return found


def test_layers_contract_is_kept() -> None:
    outcome = subprocess.run(
        [_lint_imports(), "--no-cache"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert outcome.returncode == 0, outcome.stdout + outcome.stderr
    assert "0 broken" in outcome.stdout


def _cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in edges.get(node, ()):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1 or node in edges.get(node, ()):
                found.append(sorted(component))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return found


def test_cycle_finder_finds_a_cycle() -> None:
    edges = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert _cycles(edges) == [["a", "b", "c"]]
    assert _cycles({"a": {"b"}, "b": set()}) == []


def test_no_import_cycle_in_plancli() -> None:
    try:
        import grimp  # comes with import-linter
    except ImportError:
        pytest.fail("grimp is missing: install the test extras (pip install -e '.[test]')")
    graph = grimp.build_graph("plancli", cache_dir=None)
    modules = graph.modules
    edges = {
        module: {m for m in graph.find_modules_directly_imported_by(module) if m in modules}
        for module in modules
    }
    # a package's __init__ importing nothing but being imported by its children is no cycle
    assert _cycles(edges) == []


def test_no_command_signature_uses_any() -> None:
    """Every option of every command has a real type (mypy cannot see through Any)."""
    import typing

    import plancli.cli as cli

    loose = []
    for info in cli.app.registered_commands:
        function = getattr(info.callback, "__wrapped__", info.callback)
        assert function is not None
        for name, hint in typing.get_type_hints(function, vars(cli)).items():
            if hint is typing.Any or "Any" in repr(hint):
                loose.append(f"{function.__name__}({name})")
    assert len(cli.app.registered_commands) >= 10
    assert loose == []


def _contract_layers() -> list[str]:
    import tomllib

    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    contract = next(c for c in config["tool"]["importlinter"]["contracts"] if c["type"] == "layers")
    return [name.strip() for layer in contract["layers"] for name in layer.split("|")]


def test_the_architecture_diagram_names_every_module_of_the_contract() -> None:
    text = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    diagram = text.split("```", 2)[1]
    words = set(diagram.replace(">", " ").replace("|", " ").split())
    missing = [name for name in _contract_layers() if name not in words]
    assert missing == [], f"docs/architecture.md's diagram lacks {missing}"
