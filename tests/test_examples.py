"""Every example plancli shows runs: each `--help`'s and README's.

The examples are read from the real help texts (the lines after "Examples:",
for every command and subcommand) and from the ```sh blocks of README.md and
docs/examples/README.md, so an example added later is tested without touching
this file. Each runs in an empty directory holding the files examples name
(copies of the plan, the glossary, the invented status files and filled
checklists of docs/examples/), in-process, or through bash (``plancli`` being
``python -m plancli``) when it needs the shell (a glob, a pipe). It must exit 0, or what
README documents for it: ``overdue --fail-if-any`` 1 when anything is overdue,
``diff --exit-code`` 1 when anything changed.
"""

from __future__ import annotations

import itertools
import json
import os
import re
import shlex
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.main import get_command
from typer.testing import CliRunner

from conftest import GLOSSARY, PLAN, ROOT, Cli
from plancli.cli import app

EXAMPLES_DIR = ROOT / "docs" / "examples"
#: Other tools an example may show (they are not run); any other first word is a mistake.
OTHER_TOOLS = {"check-jsonschema", "frictionless", "sqlite3"}
#: Shell syntax the in-process runner does not do (a single trailing `> FILE` it does).
SHELL = re.compile(r"[|*?;&<`$]")


@dataclass(frozen=True)
class Example:
    source: str
    line: str

    @property
    def words(self) -> list[str]:
        return shlex.split(self.line, comments=True)


def _help(path: list[str]) -> str:
    result = CliRunner().invoke(app, [*path, "--help"], env={"COLUMNS": "200", "TERM": "dumb"})
    assert result.exit_code == 0, result.output
    return result.stdout


def _command_paths(command: object, path: list[str]) -> list[list[str]]:
    """The command paths under ``command`` (typer's own click: groups have ``commands``)."""
    paths = [path]
    subcommands: dict[str, object] = getattr(command, "commands", {})
    for name, sub in sorted(subcommands.items()):
        paths += _command_paths(sub, [*path, name])
    return paths


def help_examples(text: str) -> list[str]:
    """The example lines of a help text: the block after "Examples:", to its blank line."""
    lines = text.splitlines()
    found: list[str] = []
    for n, line in enumerate(lines):
        if line.strip() != "Examples:":
            continue
        rest = lines[n + 1 :]
        while rest and not rest[0].strip():
            rest.pop(0)
        for example in rest:
            if not example.strip():
                break
            found.append(example.strip())
    return found


def readme_examples(text: str) -> list[str]:
    """The plancli lines of a markdown file's ```sh blocks (continuation lines joined)."""
    found = []
    for block in re.findall(r"^```sh\n(.*?)^```", text, flags=re.M | re.S):
        for line in block.replace("\\\n", " ").splitlines():
            if line.startswith("plancli "):
                found.append(" ".join(line.split()))
    return found


def all_examples() -> list[Example]:
    examples = []
    for path in _command_paths(get_command(app), []):
        name = " ".join(["plancli", *path, "--help"])
        examples += [Example(name, line) for line in help_examples(_help(path))]
    for readme in (ROOT / "README.md", EXAMPLES_DIR / "README.md"):
        source = str(readme.relative_to(ROOT))
        examples += [
            Example(source, line) for line in readme_examples(readme.read_text(encoding="utf-8"))
        ]
    return examples


EXAMPLES = all_examples()
RUNNABLE = [e for e in EXAMPLES if e.words[0] == "plancli"]


# ------------------------------------------------------------------ the files


_CHECKLISTS: dict[str, bytes] = {}


@pytest.fixture
def checklists() -> dict[str, bytes]:
    """Unfilled checklists as plancli writes them, for `collect` examples (made once,
    inside the test environment of conftest, so never with the user's cache)."""
    for name, args in {
        "ЮМ-2016Q4.xlsx": ["-a", "ЮМ", "-q", "2016Q4", "-f", "xlsx"],
        "ИИМ-2016Q4.csv": ["-a", "ИИМ", "-q", "2016Q4", "-f", "csv"],
    }.items():
        if name not in _CHECKLISTS:
            result = CliRunner().invoke(app, ["checklist", *args])
            assert result.exit_code == 0, result.output
            _CHECKLISTS[name] = result.stdout_bytes
    return _CHECKLISTS


def inputs(checklists: dict[str, bytes]) -> dict[str, bytes]:
    """Every file an example reads, by the name the example gives it."""
    plan = PLAN.read_bytes()
    glossary = GLOSSARY.read_bytes()
    files = {name: plan for name in ("plan.yaml", "my-plan.yaml", "a.yaml", "b.yaml")}
    files |= {name: plan for name in ("old/plan.yaml", "plan-2015.yaml", "plan-2016.yaml")}
    files |= {name: glossary for name in ("glossary.yaml", "my-glossary.yaml")}
    files |= {name: glossary for name in ("a-gl.yaml", "b-gl.yaml")}
    files["status.yaml"] = (EXAMPLES_DIR / "status-2016Q4-EXAMPLE.yaml").read_bytes()
    files["my-status.yaml"] = (EXAMPLES_DIR / "status-example.yaml").read_bytes()
    files["БШК-2016Q4.json"] = (EXAMPLES_DIR / "БШК-2016Q4-filled-EXAMPLE.json").read_bytes()
    files |= checklists
    files["reports/ЮМ-2016Q4.xlsx"] = checklists["ЮМ-2016Q4.xlsx"]
    # docs/examples/ as in a checkout, and its files by their bare names too
    for example in EXAMPLES_DIR.iterdir():
        files[f"docs/examples/{example.name}"] = example.read_bytes()
        files.setdefault(example.name, example.read_bytes())
    return files


def outputs(words: list[str]) -> set[str]:
    """Files an example writes (never prepared: plancli must not replace them unasked)."""
    written = set()
    for flag, value in itertools.pairwise(words):
        if flag in ("-o", "--output", ">"):
            written.add(value)
    if words[1:3] in (["export", "sqlite"], ["export", "datapackage"]):
        written.add(words[3])
    return written


def prepare(directory: Path, example: Example, checklists: dict[str, bytes]) -> None:
    words = example.words
    written = {os.path.normpath(w) for w in outputs(words)}
    for name, content in inputs(checklists).items():
        if os.path.normpath(name) in written:
            continue
        (directory / name).parent.mkdir(parents=True, exist_ok=True)
        (directory / name).write_bytes(content)
    for name in written:  # `> schema/plan.schema.json`: the directory is the user's
        (directory / name).parent.mkdir(parents=True, exist_ok=True)
    if "--git" in words:  # a repository whose origin/main is the plan as committed
        git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org"]
        git += ["-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main"]
        for args in (
            ["init", "-q"],
            ["add", "plan.yaml", "glossary.yaml"],
            ["commit", "-q", "-m", "plan"],
            ["update-ref", "refs/remotes/origin/main", "HEAD"],
        ):
            subprocess.run([*git, *args], cwd=directory, check=True, capture_output=True)


# -------------------------------------------------------------------- running


@dataclass
class Ran:
    code: int
    stdout: bytes
    stderr: str


def run(example: Example, directory: Path) -> Ran:
    """Run an example in ``directory``: in-process, or through bash when it needs a shell."""
    line = example.line.split(" #", 1)[0]
    if SHELL.search(line.replace("'", "").replace('"', "")):
        # `plancli` is this interpreter's plancli, whatever else is on PATH
        script = f'plancli() {{ "$PLANCLI_TEST_PYTHON" -m plancli "$@"; }}\n{line}'
        env = {**os.environ, "PLANCLI_TEST_PYTHON": sys.executable}
        done = subprocess.run(
            ["bash", "-c", script], cwd=directory, env=env, capture_output=True, timeout=120
        )
        return Ran(done.returncode, done.stdout, done.stderr.decode("utf-8", "replace"))
    words = example.words[1:]
    target = None
    if len(words) >= 2 and words[-2] == ">":
        words, target = words[:-2], words[-1]
    result = CliRunner().invoke(app, words)
    if target is not None:
        (directory / target).write_bytes(result.stdout_bytes)
    return Ran(result.exit_code, result.stdout_bytes, result.stderr)


def documented_code(example: Example) -> int:
    """The exit code README promises for this example (see its "Exit codes")."""
    words = example.words[1:]
    if words[0] == "overdue" and "--fail-if-any" in words:
        # "--fail-if-any exits 1 when anything is overdue"
        counts = _json(_without(words, "--fail-if-any"))["counts"]
        return 1 if counts["overdue"] else 0
    if words[0] == "diff" and "--exit-code" in words:
        # "with --exit-code, 1 when anything changed"
        return 1 if _json(_without(words, "--exit-code"))["changes"] else 0
    return 0


def _without(words: list[str], flag: str) -> list[str]:
    return [w for w in words if w != flag]


def _json(words: list[str]) -> dict[str, object]:
    """The json output of the same command (format and output options replaced)."""
    kept: list[str] = []
    skip = False
    for word in words:
        if skip:
            skip = False
        elif word in ("-f", "--format", "-o", "--output", ">"):
            skip = True
        else:
            kept.append(word)
    result = CliRunner().invoke(app, [*kept, "--format", "json"])
    assert result.exit_code == 0, result.stderr
    document: dict[str, object] = json.loads(result.stdout)
    return document


@pytest.mark.parametrize("example", RUNNABLE, ids=[f"{e.source}: {e.line}" for e in RUNNABLE])
def test_example_runs(
    example: Example,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    checklists: dict[str, bytes],
) -> None:
    prepare(tmp_path, example, checklists)
    monkeypatch.chdir(tmp_path)
    expected = documented_code(example)
    ran = run(example, tmp_path)
    assert ran.code == expected, (
        f"`{example.line}` ({example.source}) exited {ran.code}, not {expected}:\n{ran.stderr}"
    )
    assert "Traceback" not in ran.stderr and "internal error" not in ran.stderr
    written = [tmp_path / name for name in outputs(example.words)]
    if written:  # what it promises to write is there, and not empty
        for path in written:
            assert path.exists(), f"`{example.line}` wrote no {path.name}"
            assert path.is_dir() or path.stat().st_size > 0
    elif expected == 0:
        assert ran.stdout.strip(), f"`{example.line}` printed nothing"


# ---------------------------------------------------------- the examples found


def test_every_command_has_runnable_examples() -> None:
    commands = {" ".join(path) for path in _command_paths(get_command(app), []) if path}
    shown = {
        e.source.removeprefix("plancli ").removesuffix(" --help")
        for e in RUNNABLE
        if e.source.endswith("--help")
    }
    assert commands <= shown, commands - shown
    assert len(RUNNABLE) >= 60  # help and README together


def test_every_example_line_is_a_command_of_plancli_or_a_known_tool() -> None:
    """A misspelt example ("plancil …", a stray prose line) is not silently skipped."""
    for example in EXAMPLES:
        assert example.words[0] == "plancli" or example.words[0] in OTHER_TOOLS, example


def test_files_of_this_repository_named_by_examples_exist() -> None:
    """`validate --status docs/examples/…`: a path into the repository must be there."""
    for example in EXAMPLES:
        for word in example.words:
            if word.split("/")[0] in ("docs", "tests", "schema") and word not in outputs(
                example.words
            ):
                assert (ROOT / word).exists(), f"{example.source}: {word} does not exist"


def test_help_examples_are_found_in_a_help_text() -> None:
    text = "Usage: x\n\n  Examples:\n\n      plancli a --b\n      plancli c\n\nOptions:\n  -h\n"
    assert help_examples(text) == ["plancli a --b", "plancli c"]


def test_readme_examples_skip_other_lines_and_join_continuations() -> None:
    text = (
        "```sh\npython3 -m venv .venv && .venv/bin/plancli x\nplancli a \\\n    b  # note\n```\n"
        "```yaml\nplancli not-sh\n```\n"
    )
    assert readme_examples(text) == ["plancli a b # note"]


# ------------------------------------------------------ defaults help states


def test_checklist_as_of_default_is_the_quarters_last_day_as_help_says(cli: Cli) -> None:
    assert "(default: the quarter's last day)" in " ".join(_help(["checklist"]).split())
    args = [
        "checklist",
        "-a",
        "ЮМ",
        "-q",
        "2016Q3",
        "--status",
        EXAMPLES_DIR / "status-example.yaml",
    ]
    implicit = cli(*args, "-f", "json")
    explicit = cli(*args, "--as-of", "2016-09-30", "-f", "json")
    assert implicit.code == explicit.code == 0
    assert json.loads(implicit.stdout)["as_of"] == "2016-09-30"
    assert implicit.stdout == explicit.stdout


def test_status_env_var_named_in_help_is_read(cli: Cli) -> None:
    """`--status … [env var: PLANCLI_STATUS]`: the variable does what the option does."""
    status = EXAMPLES_DIR / "status-example.yaml"
    assert "[env var: PLANCLI_STATUS]" in " ".join(_help(["overdue"]).split())
    args = ["overdue", "--as-of", "2016-12-31", "-f", "json"]
    by_option = cli(*args, "--status", status)
    by_env = cli(*args, env={"PLANCLI_STATUS": str(status)})
    assert by_option.code == by_env.code == 0
    assert by_env.stdout == by_option.stdout != cli(*args).stdout


def test_calendar_period_without_options_is_the_one_help_states(cli: Cli) -> None:
    found = re.search(
        r"\((\d{4}-\d\d-\d\d) to (\d{4}-\d\d-\d\d),", " ".join(_help(["calendar"]).split())
    )
    assert found is not None
    document = json.loads(cli("calendar", "-f", "json").stdout)
    assert (document["start"], document["end"]) == found.groups()
