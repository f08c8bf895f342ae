"""Fitting the ecosystem: JSON Schema, check-jsonschema, pre-commit, completion, docs, packaging."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import yaml

from conftest import DATA, GLOSSARY, PLAN, ROOT, Cli
from plancli import completion
from plancli.cli import app
from plancli.schema import KINDS, schema_text

SCHEMAS = ROOT / "schema"
BIN = Path(sys.executable).parent


# ----------------------------------------------------------------- JSON Schema


@pytest.mark.parametrize("kind", KINDS)
def test_committed_schemas_match_the_models(kind: str) -> None:
    committed = (SCHEMAS / f"{kind}.schema.json").read_text(encoding="utf-8")
    assert committed == schema_text(kind), (
        f"schema/{kind}.schema.json is stale: run `plancli schema {kind}`"
    )


@pytest.mark.parametrize("kind", KINDS)
def test_schema_command_prints_the_schema(cli: Cli, kind: str) -> None:
    outcome = cli("schema", kind)
    assert outcome.code == 0
    assert outcome.stdout == schema_text(kind)
    assert json.loads(outcome.stdout)["$schema"].startswith("https://json-schema.org/")


def test_unknown_schema_kind(cli: Cli) -> None:
    assert cli("schema", "calendar").code == 2


@pytest.mark.parametrize(
    ("path", "schema"),
    [(PLAN, "schema/plan.schema.json"), (GLOSSARY, "schema/glossary.schema.json")],
)
def test_data_files_name_their_schema_for_editors(path: Path, schema: str) -> None:
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first == f"# yaml-language-server: $schema={schema}"
    assert (ROOT / schema).is_file()


def _check_jsonschema(schema: str, *files: Path) -> subprocess.CompletedProcess[str]:
    executable = BIN / "check-jsonschema"
    assert executable.exists(), "check-jsonschema (a test extra) is not installed"
    return subprocess.run(
        [str(executable), "--schemafile", str(SCHEMAS / schema), *map(str, files)],
        capture_output=True,
        text=True,
        check=False,
    )


def test_check_jsonschema_accepts_the_data() -> None:
    plan = _check_jsonschema("plan.schema.json", PLAN)
    assert plan.returncode == 0, plan.stdout + plan.stderr
    glossary = _check_jsonschema("glossary.schema.json", GLOSSARY)
    assert glossary.returncode == 0, glossary.stdout + glossary.stderr
    status = _check_jsonschema(
        "status.schema.json", ROOT / "docs" / "examples" / "status-example.yaml"
    )
    assert status.returncode == 0, status.stdout + status.stderr


def test_check_jsonschema_rejects_a_type_error() -> None:
    result = _check_jsonschema("plan.schema.json", DATA / "invalid" / "schema-type.yaml")
    assert result.returncode == 1
    assert "'үч' is not of type 'integer'" in result.stdout


# ------------------------------------------------------------------ pre-commit


def test_pre_commit_hook_definition() -> None:
    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["id"] == "plancli-validate"
    assert hook["entry"] == "plancli validate" and hook["language"] == "python"
    assert re.search(hook["files"], "plans/plan.yaml") and re.search(hook["files"], "glossary.yaml")
    assert not re.search(hook["files"], "README.md")
    own = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hook_ids = {h["id"] for repo in own["repos"] for h in repo["hooks"]}
    assert {"ruff", "plancli-validate"} <= hook_ids


def test_the_hook_command_works(cli: Cli) -> None:
    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    args = [str(ROOT / a) if a.endswith(".yaml") else a for a in hook["args"]]
    outcome = cli(*hook["entry"].split()[1:], *args)
    assert outcome.code == 0, outcome.stdout


# ------------------------------------------------------------------ completion


def test_completion_of_agencies() -> None:
    found = dict(completion.agencies("Ю"))
    assert found["ЮМ"] == "Кыргыз Республикасынын Юстиция министрлиги"
    assert "МФ" in dict(completion.agencies("м"))  # case-insensitive, aliases included
    assert dict(completion.agencies("мф"))["МФ"] == "Кыргыз Республикасынын Финансы министрлиги"
    assert "ЧУА" not in dict(completion.agencies("Ч"))  # a term, not a body


def test_completion_of_measure_ids_and_sections() -> None:
    assert [i for i, _ in completion.measure_ids("4.")] == ["4.1", "4.2"]
    assert [i for i, _ in completion.measure_ids("29.")] == [f"29.{n}" for n in range(1, 8)]
    # the ids overdue prints for the years of an annual measure complete too
    assert [i for i, _ in completion.measure_ids("1.2")] == [
        "1.2",
        "1.2@2015",
        "1.2@2016",
        "1.2@2017",
    ]
    assert [i for i, _ in completion.measure_ids("1.2@201")] == ["1.2@2015", "1.2@2016", "1.2@2017"]
    assert [i for i, _ in completion.measure_ids("1.1")] == ["1.1"]  # not annual
    assert [s for s, _ in completion.sections("i")] == ["I", "II", "III", "IV", "IX"]


def test_completion_never_fails(tmp_path: Path) -> None:
    missing = tmp_path / "missing.yaml"
    assert completion.agencies("Ю", plan=missing) == []
    assert completion.measure_ids("1", plan=missing) == []
    assert completion.sections("I", plan=missing) == []


def test_completion_through_the_shell_protocol() -> None:
    env = dict(
        os.environ, _PLANCLI_COMPLETE="complete_bash", COMP_WORDS="plancli show 4.", COMP_CWORD="2"
    )
    result = subprocess.run(
        [sys.executable, "-m", "plancli"], env=env, capture_output=True, text=True, check=False
    )
    assert result.stdout.split() == ["4.1", "4.2"]


# ----------------------------------------------------------------------- docs


def test_cli_reference_is_current(tmp_path: Path) -> None:
    generated = tmp_path / "cli.md"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "typer",
            "plancli.cli",
            "utils",
            "docs",
            "--name",
            "plancli",
            "--output",
            str(generated),
        ],
        check=True,
        capture_output=True,
    )
    committed = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    assert generated.read_text(encoding="utf-8") == committed, (
        "docs/cli.md is stale: run `typer plancli.cli utils docs --name plancli --output docs/cli.md`"
    )


def _commands() -> list[str]:
    from typer.main import get_command

    return sorted(get_command(app).commands)  # type: ignore[attr-defined]


def test_every_command_shows_examples_in_its_help(cli: Cli) -> None:
    commands = _commands()
    assert len(commands) >= 12
    for command in commands:
        outcome = cli(command, "--help")
        assert outcome.code == 0
        examples = outcome.stdout.split("Examples:", 1)
        assert len(examples) == 2, f"`plancli {command} --help` has no examples"
        assert f"plancli {command}" in examples[1]
    assert "Examples:" in cli("--help").stdout


def test_version_names_the_decree_and_edition(cli: Cli) -> None:
    outcome = cli("--version")
    assert outcome.code == 0
    assert re.fullmatch(
        r"plancli \d+\.\d+\.\d+ \(plan: decree No\. 170 of 2015-03-30, edition of No\. 640 of 2017-10-02\)\n",
        outcome.stdout,
    )


def test_version_survives_a_broken_plan(cli: Cli) -> None:
    outcome = cli("--version", env={"PLANCLI_PLAN": str(DATA / "invalid" / "yaml-syntax.yaml")})
    assert outcome.code == 0
    assert "plan: not valid, run `plancli validate`" in outcome.stdout


# ------------------------------------------------------------------ packaging


def test_the_wheel_carries_the_data_and_the_schemas(tmp_path: Path) -> None:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--quiet",
            "-w",
            str(tmp_path),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    (wheel,) = tmp_path.glob("plancli-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for required in (
        "plancli/data/plan.yaml",
        "plancli/data/glossary.yaml",
        "plancli/data/schema/plan.schema.json",
        "plancli/data/schema/glossary.schema.json",
        "plancli/data/schema/status.schema.json",
        "plancli/cli.py",
    ):
        assert required in names
    metadata = next(n for n in names if n.endswith(".dist-info/entry_points.txt"))
    assert "plancli = plancli.entry:main" in zipfile.ZipFile(wheel).read(metadata).decode()
