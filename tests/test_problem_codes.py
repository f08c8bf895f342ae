"""The problem-code registry (plancli.problem_codes.CODES) is complete and exemplified.

* every code the checks can report is registered with a description;
* every registered code has an example: a corpus file under tests/data/ that
  expects it (``# expect: CODE line N``), or a small case built below;
* README and ``plancli validate --help`` list every code.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import DATA, ROOT, Cli
from plancli.problem_codes import CODES
from smallplan import SmallPlan

SOURCES = ROOT / "src" / "plancli"
#: quoted strings in the checks that look like codes but are not
NOT_CODES = {"utf-8"}


def _codes_in_source() -> set[str]:
    found: set[str] = set()
    for path in SOURCES.rglob("*.py"):
        if path.name == "problem_codes.py":
            continue
        text = path.read_text(encoding="utf-8")
        if "Problem" not in text and "UnreadableFile" not in text and "problem(" not in text:
            continue
        found |= set(
            re.findall(
                r'"((?:file|yaml|schema|text|id|section|task|cell|merged|'
                r'executor|glossary|status|deadline|appendix)-[a-z0-9-]+|encoding)"',
                text,
            )
        )
    return found - NOT_CODES


def _corpus_codes() -> set[str]:
    codes = set()
    for path in DATA.rglob("*.yaml"):
        found = re.search(r"# expect: (\S+)", path.read_bytes()[:400].decode("latin-1"))
        if found:
            codes.add(found.group(1))
    return codes


def test_every_code_the_checks_use_is_registered() -> None:
    used = _codes_in_source()
    assert len(used) > 40  # the scan still finds the checks
    assert sorted(used - CODES.keys()) == [], "add these codes to plancli/problem_codes.py"
    assert sorted(CODES.keys() - used) == [], "registered codes no check reports any more"


def test_every_description_is_one_line() -> None:
    for code, about in CODES.items():
        assert about and "\n" not in about and len(about) < 90, code


# ------------------------------------------------------ built small cases


def _plan_case(edit: Callable[[SmallPlan], object]) -> Callable[[Path], list[str]]:
    def build(directory: Path) -> list[str]:
        case = SmallPlan()
        edit(case)
        plan, glossary = case.write(directory)
        return ["validate", str(plan), "--glossary", str(glossary)]

    return build


def _path_case(make: Callable[[Path], Path]) -> Callable[[Path], list[str]]:
    def build(directory: Path) -> list[str]:
        _, glossary = SmallPlan().write(directory)
        return ["validate", str(make(directory)), "--glossary", str(glossary)]

    return build


def _fifo(directory: Path) -> Path:
    os.mkfifo(directory / "fifo.yaml")
    return directory / "fifo.yaml"


def _huge(directory: Path) -> Path:
    path = directory / "huge.yaml"
    with open(path, "wb") as handle:
        handle.truncate(13 * 1024 * 1024)  # sparse: nothing is written
    return path


def _loop(directory: Path) -> Path:
    (directory / "a.yaml").symlink_to(directory / "b.yaml")
    (directory / "b.yaml").symlink_to(directory / "a.yaml")
    return directory / "a.yaml"


def _dense_status(directory: Path) -> list[str]:
    """3,400 one-line status entries with three problems each: over 10,000."""
    plan, glossary = SmallPlan().write(directory)
    status = directory / "status.yaml"
    lines = "".join(f"- {{id: x{i}, date: 1, state: q}}\n" for i in range(3400))
    status.write_text("entries:\n" + lines, encoding="utf-8")
    return ["validate", str(plan), "--glossary", str(glossary), "--status", str(status)]


def _set(mapping: dict[str, object], key: str, value: object) -> None:
    mapping[key] = value


BUILT: dict[str, Callable[[Path], list[str]]] = {
    "glossary-members": _plan_case(lambda c: _set(c.entry("ЮМ"), "members", ["ИИМ"])),
    "glossary-note": _plan_case(lambda c: c.entry("МФ").pop("note")),
    "text-control": _plan_case(lambda c: _set(c.measure("1.1"), "text", "Биринчи\x1b[31m чара")),
    "yaml-character": _plan_case(lambda c: c.replace_text("Биринчи чара", "Биринчи\x07 чара")),
    "yaml-key-type": _plan_case(lambda c: c.append_text("? [a, b]\n: c\n")),
    "yaml-merge": _plan_case(
        lambda c: c.replace_text("  number: 170\n", "  number: 170\n  <<: 5\n")
    ),
    "yaml-aliases": _plan_case(
        lambda c: c.append_text("x-anchor: &a [1]\nx-many: [" + ", ".join(["*a"] * 10_001) + "]\n")
    ),
    "file-missing": _path_case(lambda d: d / "missing.yaml"),
    "file-directory": _path_case(lambda d: d),
    "file-not-regular": _path_case(_fifo),
    "file-too-large": _path_case(_huge),
    "file-too-many-problems": _dense_status,
    "file-unreadable": _path_case(_loop),
}


@pytest.mark.parametrize("code", sorted(BUILT))
def test_built_case_reports_its_code(cli: Cli, tmp_path: Path, code: str) -> None:
    outcome = cli(*BUILT[code](tmp_path), "--format", "json")
    assert outcome.code == 1, outcome.stderr
    assert code in {p["code"] for p in json.loads(outcome.stdout)}


def test_small_plan_is_valid_as_built(cli: Cli, tmp_path: Path) -> None:
    plan, glossary = SmallPlan().write(tmp_path)
    outcome = cli("validate", plan, "--glossary", glossary)
    assert outcome.code == 0, outcome.stdout


def test_every_code_has_an_example() -> None:
    missing = sorted(CODES.keys() - _corpus_codes() - BUILT.keys())
    assert missing == [], "add a corpus file (# expect: CODE line N) or a BUILT case"


# ---------------------------------------------------------- documentation


def test_readme_lists_every_code() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert sorted(c for c in CODES if f"`{c}`" not in readme) == []


def test_validate_help_lists_every_code(cli: Cli) -> None:
    outcome = cli("validate", "--help")
    for code, about in CODES.items():
        assert re.search(rf"^\s+{re.escape(code)}\s+{re.escape(about)}$", outcome.stdout, re.M), (
            code
        )
