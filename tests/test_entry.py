"""The console script runs the same commands as the in-process app.

``plancli.cli.main`` builds only the command it is asked for (start-up time);
these tests run the real entry point in a subprocess and compare it with the
whole app run in-process, so the shortcut can never change what users see.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import Cli
from plancli.cli import _lean_app, app

PYTHON = [sys.executable, "-m", "plancli"]


#: The whole app (every command built), run the same way in a real process.
WHOLE_APP = [
    sys.executable,
    "-c",
    "import sys; from plancli.cli import app; app(prog_name='plancli')",
]


def _run(*args: str, whole: bool = False) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PLANCLI_")}
    env.update(PLANCLI_NO_CACHE="1", COLUMNS="200", TERM="dumb")
    return subprocess.run(
        [*(WHOLE_APP if whole else PYTHON), *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,  # a hang guard, not a speed assertion
        check=False,
    )


@pytest.mark.parametrize(
    "args",
    [
        ["overdue", "--as-of", "2016-12-31", "--format", "json"],
        ["-q", "measures", "--agency", "ЮМ", "--format", "csv"],
        ["overdue", "--help"],
        ["calendar", "--year", "2016", "--format", "csv"],
        ["show", "99.9"],
        ["--version"],
        ["overdue", "--as-of", "2016-13-01"],
    ],
    ids=" ".join,
)
def test_the_console_script_prints_what_the_whole_app_prints(args: list[str]) -> None:
    expected = _run(*args, whole=True)
    outcome = _run(*args)
    assert outcome.returncode == expected.returncode
    assert outcome.stdout == expected.stdout
    assert outcome.stderr == expected.stderr
    assert (outcome.stdout + outcome.stderr).strip()


def test_the_in_process_runner_agrees_with_the_console_script(cli: Cli) -> None:
    args = ["overdue", "--as-of", "2016-12-31", "--format", "json"]
    assert _run(*args).stdout == cli(*args).stdout


def test_a_mistyped_command_still_gets_a_suggestion() -> None:
    outcome = _run("overdu")
    assert outcome.returncode == 2
    assert "No such command 'overdu'. Did you mean 'overdue'?" in outcome.stderr


def test_a_bad_option_of_a_command_is_a_usage_error() -> None:
    outcome = _run("overdue", "--as-of", "2016-12-31", "--no-such-option")
    assert outcome.returncode == 2
    assert outcome.stderr.startswith("plancli: error:")
    assert "--no-such-option" in outcome.stderr


def test_the_top_level_help_lists_every_command() -> None:
    outcome = _run("--help")
    assert outcome.returncode == 0
    for info in app.registered_commands:
        assert info.callback is not None
        name = info.name or info.callback.__name__.replace("_", "-")
        assert f"  {name}" in outcome.stdout


@pytest.mark.parametrize(
    ("args", "commands"),
    [
        (["overdue", "--as-of", "2016-12-31"], ["overdue"]),
        (["--no-color", "-q", "show", "1.1"], ["show"]),
        (["--help"], None),
        ([], None),
        (["--version"], None),
        (["nosuch"], None),
    ],
    ids=repr,
)
def test_only_the_named_command_is_built(args: list[str], commands: list[str] | None) -> None:
    chosen = _lean_app(args)
    if commands is None:
        assert chosen is app
        return
    assert chosen is not app
    names = [info.name or info.callback.__name__ for info in chosen.registered_commands]  # type: ignore[union-attr]
    assert names == commands
    assert len(app.registered_commands) > 10  # the app itself is untouched


def test_version_answers_without_importing_the_command_line(tmp_path: Path) -> None:
    script = (
        "import sys; sys.argv = ['plancli', '--version']\n"
        "from plancli.entry import main\n"
        "main()\n"
        "print(sorted(m for m in ('typer', 'click', 'rich', 'plancli.cli') if m in sys.modules),"
        " file=sys.stderr)"
    )
    outcome = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=False
    )
    assert outcome.returncode == 0, outcome.stderr
    assert outcome.stdout.startswith("plancli ") and "decree No. 170" in outcome.stdout
    assert outcome.stderr.strip() == "[]"


def test_version_with_a_plan_that_is_not_valid_says_so(tmp_path: Path) -> None:
    broken = tmp_path / "plan.yaml"
    broken.write_text("decree: [\n", encoding="utf-8")
    env = {**os.environ, "PLANCLI_PLAN": str(broken), "PLANCLI_NO_CACHE": "1"}
    outcome = subprocess.run(
        [*PYTHON, "--version"], capture_output=True, text=True, env=env, timeout=60, check=False
    )
    assert outcome.returncode == 0
    assert outcome.stdout.endswith("(plan: not valid, run `plancli validate`)\n")


@pytest.mark.parametrize("output", ["table", "json"])
def test_overdue_loads_only_its_own_query_module(tmp_path: Path, output: str) -> None:
    """``overdue`` imports its query and the shared selection, not the other commands'.

    Each frozen dataclass costs about a millisecond to create at import, so a
    module-level import of another command's queries (or of agency_progress,
    which only ``progress --by agency`` needs) slows every ``overdue``. The
    record TypedDicts (plancli.records) are for mypy and the contract tests only.
    """
    import pkgutil

    import plancli.queries

    loaded = tmp_path / "modules.txt"
    script = (
        "import sys\n"
        f"sys.argv = ['plancli', 'overdue', '--as-of', '2016-12-31', '-f', {output!r}]\n"
        "from plancli.entry import main\n"
        "try:\n"
        "    main()\n"
        "finally:\n"
        f"    open({str(loaded)!r}, 'w', encoding='utf-8').write('\\n'.join(sys.modules))\n"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("PLANCLI_")}
    env.update(PLANCLI_NO_CACHE="1", COLUMNS="200", TERM="dumb")
    outcome = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert outcome.returncode == 0, outcome.stderr
    assert "2016-12-31" in outcome.stdout and "2.1" in outcome.stdout  # it ran the query
    modules = set(loaded.read_text(encoding="utf-8").split("\n"))
    queries = {f"plancli.queries.{m.name}" for m in pkgutil.iter_modules(plancli.queries.__path__)}
    own = {"plancli.queries.overdue", "plancli.queries.selection"}
    assert own <= queries
    assert own <= modules
    assert sorted((queries - own) & modules) == []
    assert "plancli.agency_progress" not in modules
    assert "plancli.records" not in modules
