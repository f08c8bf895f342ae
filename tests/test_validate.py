"""`plancli validate`: the valid/ and invalid/ corpora, formats, locations, exit codes.

Every file in tests/data/invalid/ names the problem it contains in its second
line, ``# expect: CODE line N``; validating it must exit 1 and report CODE at
line N. Files named ``glossary-*.yaml`` are glossaries, checked together with
the valid minimal plan.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import DATA, GLOSSARY, PLAN, Cli

INVALID = sorted((DATA / "invalid").glob("*.yaml"))
VALID_PLANS = sorted(
    p for p in (DATA / "valid").glob("*.yaml") if not p.name.startswith("glossary")
)
MINIMAL = DATA / "valid" / "minimal.yaml"
MINIMAL_GLOSSARY = DATA / "valid" / "glossary-minimal.yaml"


def expectation(path: Path) -> tuple[str, int]:
    header = path.read_bytes()[:400].decode("latin-1")
    found = re.search(r"# expect: (\S+) line (\d+)", header)
    assert found, f"{path.name} does not say what it expects"
    return found.group(1), int(found.group(2))


def validate_args(path: Path) -> list[str | Path]:
    if path.name.startswith("glossary-"):
        return ["validate", MINIMAL, "--glossary", path]
    return ["validate", path, "--glossary", GLOSSARY]


def test_the_invalid_corpus_covers_every_kind_of_mistake() -> None:
    codes = {expectation(p)[0] for p in INVALID}
    assert len(INVALID) >= 35
    assert {
        "yaml-syntax",
        "yaml-tab",
        "yaml-duplicate-key",
        "yaml-tag",
        "yaml-alias-bomb",
        "yaml-too-deep",
        "encoding",
        "file-empty",
        "schema-unknown-key",
        "schema-missing",
        "schema-type",
        "text-empty",
        "id-duplicate",
        "id-sequence",
        "id-task",
        "task-sequence",
        "section-sequence",
        "executor-unknown",
        "executor-notation",
        "executor-duplicate",
        "cell-missing",
        "cell-conflict",
        "merged-first-row",
        "text-mixed-script",
        "text-invisible",
        "text-nbsp",
        "text-not-nfc",
        "glossary-duplicate",
        "glossary-alias-unknown",
        "glossary-member-unknown",
        "glossary-certainty",
    } <= codes


@pytest.mark.parametrize("path", INVALID, ids=[p.stem for p in INVALID])
def test_invalid_file_fails_with_its_code_and_line(cli: Cli, path: Path) -> None:
    code, line = expectation(path)
    outcome = cli(*validate_args(path))
    assert outcome.code == 1, outcome.stdout + outcome.stderr
    where = f"{path.name}:{line}:" if line else f"{path.name}: "
    matching = [
        row for row in outcome.stdout.splitlines() if where in row and row.endswith(f"[{code}]")
    ]
    assert matching, f"expected {code} at {where}; got:\n{outcome.stdout}"
    assert "Traceback" not in outcome.stdout + outcome.stderr


@pytest.mark.parametrize("path", INVALID, ids=[p.stem for p in INVALID])
def test_invalid_file_as_json(cli: Cli, path: Path) -> None:
    code, line = expectation(path)
    outcome = cli(*validate_args(path), "--format", "json")
    assert outcome.code == 1
    problems = json.loads(outcome.stdout)
    assert {"file", "line", "column", "id", "code", "message"} <= set(problems[0])
    assert any(p["code"] == code and (p["line"] or 0) == line for p in problems)


@pytest.mark.parametrize("path", VALID_PLANS, ids=[p.stem for p in VALID_PLANS])
def test_valid_corpus_passes(cli: Cli, path: Path) -> None:
    outcome = cli("validate", path, "--glossary", GLOSSARY)
    assert outcome.code == 0, outcome.stdout
    assert outcome.stdout.strip().endswith("measures; 85 glossary entries)")


def test_minimal_plan_with_minimal_glossary(cli: Cli) -> None:
    outcome = cli("validate", MINIMAL, "--glossary", MINIMAL_GLOSSARY)
    assert outcome.code == 0, outcome.stdout


def test_bundled_plan_is_valid(cli: Cli) -> None:
    outcome = cli("validate")
    assert outcome.code == 0, outcome.stdout
    assert "valid (12 sections, 37 tasks, 106 measures" in outcome.stdout
    assert outcome.stderr == ""


def test_every_problem_is_reported_in_one_run(cli: Cli, tmp_path: Path) -> None:
    text = MINIMAL.read_text(encoding="utf-8")
    text = text.replace("- ИИМ\n", "- ИИММ\n").replace('id: "1.3"', 'id: "1.4"')
    text = text.replace("      - number: 3", "      - number: 5")
    broken = tmp_path / "broken.yaml"
    broken.write_text(text, encoding="utf-8")
    outcome = cli("validate", broken, "--glossary", GLOSSARY)
    assert outcome.code == 1
    codes = re.findall(r"\[([a-z-]+)\]$", outcome.stdout, re.MULTILINE)
    assert sorted(codes) == ["executor-unknown", "id-sequence", "id-task", "task-sequence"]
    assert outcome.stdout.splitlines()[-1].endswith(": 4 problems")
    # one line each: FILE:LINE:COL: measure ID: message [code]
    assert re.search(
        r"broken\.yaml:\d+:\d+: measure 1\.4: .*\[id-sequence\]$", outcome.stdout, re.M
    )


def test_github_annotations(cli: Cli) -> None:
    path = DATA / "invalid" / "executor-unknown.yaml"
    outcome = cli("validate", path, "--glossary", GLOSSARY, "--format", "github")
    assert outcome.code == 1
    code, line = expectation(path)
    assert re.search(
        rf"^::error file=[^,]*executor-unknown\.yaml,line={line},col=\d+,"
        rf"title=plancli {code}::measure 1\.3: ",
        outcome.stdout,
        re.MULTILINE,
    )


@pytest.mark.parametrize(
    ("make", "code", "message"),
    [
        (lambda d: d / "missing.yaml", "file-missing", "no such file"),
        (lambda d: d, "file-directory", "is a directory"),
    ],
    ids=["missing", "directory"],
)
def test_unreadable_paths_get_one_clear_line(cli: Cli, tmp_path: Path, make, code, message) -> None:  # type: ignore[no-untyped-def]
    outcome = cli("validate", make(tmp_path), "--glossary", GLOSSARY)
    assert outcome.code == 1
    first = outcome.stdout.splitlines()[0]
    assert message in first and first.endswith(f"[{code}]")


def test_zero_byte_file(cli: Cli, tmp_path: Path) -> None:
    empty = tmp_path / "empty.yaml"
    empty.write_bytes(b"")
    outcome = cli("validate", empty, "--glossary", GLOSSARY)
    assert outcome.code == 1
    assert outcome.stdout.splitlines()[0].endswith("empty.yaml: file is empty [file-empty]")


def test_unknown_format_is_a_usage_error(cli: Cli) -> None:
    outcome = cli("validate", "--format", "xml")
    assert outcome.code == 2
    assert "xml" in outcome.stderr


def test_plan_given_twice_differently_is_a_usage_error(cli: Cli) -> None:
    outcome = cli("validate", PLAN, "--plan", MINIMAL)
    assert outcome.code == 2
    assert "either as arguments or with --plan" in outcome.stderr


def test_environment_selects_the_plan(cli: Cli) -> None:
    outcome = cli(
        "validate", env={"PLANCLI_PLAN": str(MINIMAL), "PLANCLI_GLOSSARY": str(MINIMAL_GLOSSARY)}
    )
    assert outcome.code == 0
    assert "minimal.yaml" in outcome.stdout and "5 measures" in outcome.stdout


def test_validate_runs_from_any_directory_as_installed(tmp_path: Path) -> None:
    """The console script, run where no plan.yaml lies, uses the bundled data."""
    result = subprocess.run(
        [sys.executable, "-m", "plancli", "validate"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "106 measures" in result.stdout
