"""Which plan and glossary every command reads, how it says so, and hints that repeat them.

Each test sets its own working directory (tests start in an empty one, see
conftest): discovery looks at the current directory on purpose.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from conftest import DATA, GLOSSARY, PLAN, Cli
from plancli.discovery import Origin, bundled_path, discover

MINIMAL = DATA / "valid" / "minimal.yaml"
MINIMAL_GLOSSARY = DATA / "valid" / "glossary-minimal.yaml"
NEW_BODY = """  - term: ЖАКК
    expansion: Жаңы агенттик (сыноо үчүн)
    kind: state_body
    provenance: added
    certainty: evident
    note: Added by a test to see a new executor accepted in both files.
"""


@pytest.fixture
def checkout(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A plan repository: copies of plan.yaml and glossary.yaml, the working directory."""
    shutil.copy(PLAN, tmp_path / "plan.yaml")
    shutil.copy(GLOSSARY, tmp_path / "glossary.yaml")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, count), encoding="utf-8")


# ------------------------------------------------------------ the rule itself


def test_order_for_the_plan(tmp_path: Path) -> None:
    here = tmp_path / "here"
    here.mkdir()
    (here / "plan.yaml").write_text("x", encoding="utf-8")
    env = {"PLANCLI_PLAN": str(tmp_path / "env.yaml")}
    given = tmp_path / "given.yaml"
    assert discover(given, environ=env, cwd=here).plan.path == given
    assert discover(given, environ=env, cwd=here).plan.origin is Origin.option
    assert discover(environ=env, cwd=here).plan.origin is Origin.environment
    found = discover(environ={}, cwd=here).plan
    assert found.path == here / "plan.yaml" and found.origin is Origin.current_directory
    bundled = discover(environ={}, cwd=tmp_path).plan  # no plan.yaml there
    assert bundled.origin is Origin.bundled and bundled.path == bundled_path("plan.yaml")


def test_parent_directories_are_not_searched(tmp_path: Path) -> None:
    (tmp_path / "plan.yaml").write_text("x", encoding="utf-8")
    below = tmp_path / "docs" / "notes"
    below.mkdir(parents=True)
    assert discover(environ={}, cwd=below).plan.origin is Origin.bundled


def test_order_for_the_glossary(tmp_path: Path) -> None:
    plan = tmp_path / "p" / "plan.yaml"
    plan.parent.mkdir()
    plan.write_text("x", encoding="utf-8")
    (plan.parent / "glossary.yaml").write_text("x", encoding="utf-8")
    env = {"PLANCLI_GLOSSARY": str(tmp_path / "env-glossary.yaml")}
    given = tmp_path / "given-glossary.yaml"
    assert discover(plan, given, environ=env, cwd=tmp_path).glossary.origin is Origin.option
    assert discover(plan, environ=env, cwd=tmp_path).glossary.origin is Origin.environment
    beside = discover(plan, environ={}, cwd=tmp_path).glossary
    assert beside.origin is Origin.beside_plan and beside.path == plan.parent / "glossary.yaml"
    alone = tmp_path / "alone.yaml"
    assert discover(alone, environ={}, cwd=tmp_path).glossary.origin is Origin.bundled


def test_the_checkouts_own_files_count_as_bundled_when_they_are_the_same_files(
    tmp_path: Path,
) -> None:
    files = discover(bundled_path("plan.yaml"), environ={}, cwd=tmp_path)
    assert files.bundled
    copy = tmp_path / "plan.yaml"
    shutil.copy(bundled_path("plan.yaml"), copy)
    assert not discover(copy, environ={}, cwd=tmp_path).bundled  # a copy may be edited


# ------------------------------------------------ the "done when"


def test_validate_without_arguments_checks_the_checkout(cli: Cli, checkout: Path) -> None:
    outcome = cli("validate")
    assert outcome.code == 0, outcome.stdout
    assert outcome.stdout.splitlines()[-1].startswith("plan.yaml and glossary.yaml: valid (")
    edit(checkout / "plan.yaml", 'id: "1.2"', 'id: "1.9"')
    broken = cli("validate")
    assert broken.code == 1
    assert re.search(r"^plan\.yaml:\d+:\d+: measure 1\.9: .*\[id-sequence\]$", broken.stdout, re.M)
    assert re.fullmatch(
        r"plan\.yaml and glossary\.yaml: \d+ problems?", broken.stdout.splitlines()[-1]
    )


def test_an_executor_added_to_both_files_is_accepted(cli: Cli, checkout: Path) -> None:
    edit(checkout / "plan.yaml", "              - ЮМ\n", "              - ЖАКК\n")
    missing = cli("validate", "plan.yaml")
    assert missing.code == 1 and "[executor-unknown]" in missing.stdout
    edit(checkout / "glossary.yaml", "entries:\n", "entries:\n" + NEW_BODY)
    outcome = cli("validate", "plan.yaml")
    assert outcome.code == 0, outcome.stdout
    assert outcome.stdout.startswith("plan.yaml and glossary.yaml: valid")


def test_query_commands_read_the_edited_checkout_and_say_so(cli: Cli, checkout: Path) -> None:
    edit(checkout / "plan.yaml", "- ЮМ\n", "- ЖАКК\n", count=-1)
    edit(checkout / "glossary.yaml", "entries:\n", "entries:\n" + NEW_BODY)
    outcome = cli("measures", "--agency", "ЖАКК", "--format", "json")
    assert outcome.code == 0, outcome.stderr
    assert len(json.loads(outcome.stdout)) > 0
    assert outcome.stderr == (
        "plancli: using plan plan.yaml (current directory), "
        "glossary glossary.yaml (beside the plan)\n"
    )
    assert cli("--quiet", "measures", "--agency", "ЖАКК").stderr == ""


def test_outside_a_checkout_the_bundled_files_are_used_silently(cli: Cli, tmp_path: Path) -> None:
    # the working directory (see conftest) holds no plan.yaml
    outcome = cli("measures", "--format", "json")
    assert outcome.code == 0 and outcome.stderr == ""
    assert len(json.loads(outcome.stdout)) == 106
    checked = cli("validate")
    assert checked.code == 0
    assert str(bundled_path("plan.yaml")) in checked.stdout  # names the files it checked


def test_the_environment_selects_a_plan_and_the_glossary_beside_it(
    cli: Cli, tmp_path: Path
) -> None:
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    shutil.copy(MINIMAL, folder / "plan.yaml")
    shutil.copy(MINIMAL_GLOSSARY, folder / "glossary.yaml")
    outcome = cli("validate", env={"PLANCLI_PLAN": str(folder / "plan.yaml")})
    assert outcome.code == 0, outcome.stdout
    assert "5 measures; 7 glossary entries" in outcome.stdout
    shown = cli("show", "3.1", env={"PLANCLI_PLAN": str(folder / "plan.yaml")})
    assert shown.code == 0
    assert "($PLANCLI_PLAN)" in shown.stderr and "(beside the plan)" in shown.stderr


def test_validate_names_the_files_on_stderr_when_stdout_is_json(cli: Cli, checkout: Path) -> None:
    outcome = cli("validate", "--format", "json")
    assert outcome.code == 0
    assert json.loads(outcome.stdout) == []
    assert outcome.stderr.startswith("plancli: plan.yaml and glossary.yaml: valid (")


# ------------------------------------------------------------------ hints


def test_hints_repeat_the_users_own_file_options(cli: Cli, tmp_path: Path) -> None:
    folder = tmp_path / "my plans"
    folder.mkdir()
    plan = folder / "p.yaml"
    shutil.copy(MINIMAL, plan)
    edit(plan, 'id: "1.2"', 'id: "1.9"')
    outcome = cli("overdue", "--plan", plan, "--glossary", MINIMAL_GLOSSARY)
    assert outcome.code == 1
    hint = outcome.stderr.splitlines()[-1]
    assert hint == (
        f"plancli: hint: run `plancli validate --plan '{plan}' --glossary {MINIMAL_GLOSSARY}` "
        "to see every problem"
    )
    # following the hint checks the same files and finds the problem
    assert cli("validate", "--plan", plan, "--glossary", MINIMAL_GLOSSARY).code == 1


def test_hints_for_discovered_files_need_no_options(cli: Cli, checkout: Path) -> None:
    edit(checkout / "plan.yaml", 'id: "1.2"', 'id: "1.9"')
    outcome = cli("deadlines")
    assert outcome.code == 1
    assert "run `plancli validate` to see every problem" in outcome.stderr


def test_a_status_hint_names_the_status_file_and_the_plan(cli: Cli, tmp_path: Path) -> None:
    status = DATA / "status" / "invalid" / "status-unknown-id.yaml"
    outcome = cli("overdue", "--plan", PLAN, "--glossary", GLOSSARY, "--status", status)
    assert outcome.code == 1
    assert f"--plan {PLAN} --glossary {GLOSSARY} --status {status}`" in outcome.stderr
