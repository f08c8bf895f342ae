"""The hostile-input sweep (issue 19): every input surface, kept as tests.

Each test feeds plancli something a careless or malicious user could: paths
that are not files, extreme or oddly written dates, empty filters, broken
output streams, signals, odd encodings. The answer is always a clear message
and a documented exit code: never a traceback, never a hang, never exit 70.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
import typer

from conftest import GLOSSARY, PLAN, Cli
from plancli.cli import app

PYTHON = [sys.executable, "-m", "plancli"]


def _run(
    *args: str | os.PathLike[str], env: dict[str, str] | None = None, **kwargs: object
) -> subprocess.CompletedProcess[str]:
    """plancli in a real process (streams, signals and encodings are the subject)."""
    kwargs.setdefault("text", True)
    return subprocess.run(
        [*PYTHON, *(str(a) for a in args)],
        capture_output=True,
        env={**os.environ, **(env or {})},
        timeout=120,  # a hang guard, not a speed assertion
        check=False,
        **kwargs,  # type: ignore[arg-type]
    )


def _clean_failure(stderr: str) -> None:
    assert "Traceback" not in stderr, stderr
    assert "internal error" not in stderr, stderr


# --------------------------------------------------------- bounded reads


@pytest.fixture
def fifo(tmp_path: Path) -> Path:
    path = tmp_path / "status.fifo"
    os.mkfifo(path)
    return path


@pytest.mark.parametrize("option", ["--status", "--plan", "--glossary"])
@pytest.mark.parametrize("target", ["/dev/zero", "fifo", "directory"])
def test_non_regular_files_are_refused_at_once(
    option: str, target: str, fifo: Path, tmp_path: Path
) -> None:
    path = {"/dev/zero": Path("/dev/zero"), "fifo": fifo, "directory": tmp_path}[target]
    outcome = _run("validate", option, path)
    assert outcome.returncode == 1
    _clean_failure(outcome.stderr)
    expected = {"/dev/zero": "is a device", "fifo": "is a named pipe", "directory": "directory"}
    line = next(line for line in outcome.stdout.splitlines() if str(path) in line)
    assert expected[target] in line and "not a data file" in line


def test_a_query_on_a_fifo_plan_names_the_path(fifo: Path) -> None:
    outcome = _run("overdue", "--as-of", "2016-12-31", "--plan", fifo)
    assert outcome.returncode == 1
    assert f"{fifo}: is a named pipe (FIFO), not a data file" in outcome.stderr


def test_reading_stops_at_the_limit_plus_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file that says it is small but is not (as /proc files do) is still cut off."""
    from plancli import files

    path = tmp_path / "grows.yaml"
    path.write_bytes(b"x" * 5000)
    reads: list[int] = []
    original = os.fdopen

    def spy(*args: object, **kwargs: object) -> object:
        handle = original(*args, **kwargs)  # type: ignore[call-overload]
        read = handle.read

        def counted(size: int = -1) -> bytes:
            reads.append(size)
            return read(size)  # type: ignore[no-any-return]

        handle.read = counted
        return handle

    monkeypatch.setattr(os, "fdopen", spy)
    monkeypatch.setattr(os, "stat", _small)
    with pytest.raises(files.UnreadableFile, match="larger than the limit"):
        files.read_limited(path, 1000)
    assert reads == [1001]


def _small(path: object, **kwargs: object) -> os.stat_result:
    """``os.stat`` of a file that says it holds 10 bytes."""
    real = os.lstat(path)  # type: ignore[arg-type]
    values = list(real)
    values[6] = 10  # st_size
    return os.stat_result(values)


# ---------------------------------------------------- dates, quarters, years


def _options(metavars: set[str], names: set[str] = frozenset()) -> list[tuple[str, str]]:  # type: ignore[assignment]
    """(command, option) for every option of every command with one of ``metavars``."""
    group = typer.main.get_command(app)
    found = []
    for name, command in group.commands.items():  # type: ignore[attr-defined]
        for param in command.params:
            flag = next((o for o in param.opts if o.startswith("--")), None)
            if flag and (getattr(param, "metavar", None) in metavars or param.name in names):
                found.append((name, flag))
    return found


def _required(command: str) -> list[str]:
    return {"checklist": ["--agency", "ЮМ", "--quarter", "2016Q4"]}.get(command, [])


DATE_OPTIONS = _options({"YYYY-MM-DD"})
MONTH_OPTIONS = _options({"YYYY-MM", "[YYYY-MM]"})
QUARTER_OPTIONS = _options({"YYYYQN"})
YEAR_OPTIONS = _options(set(), {"year"})


def test_the_sweep_finds_the_options() -> None:
    assert ("overdue", "--as-of") in DATE_OPTIONS and ("calendar", "--from") in DATE_OPTIONS
    assert ("checklist", "--quarter") in QUARTER_OPTIONS
    assert ("calendar", "--year") in YEAR_OPTIONS
    assert ("calendar", "--month") in MONTH_OPTIONS


def _usage_line(outcome: object) -> str:
    code, stdout, stderr = outcome.code, outcome.stdout, outcome.stderr  # type: ignore[attr-defined]
    assert code == 2, stderr
    assert stdout == ""
    lines = stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("plancli: error: "), stderr
    return str(lines[0])


@pytest.mark.parametrize(("command", "option"), DATE_OPTIONS + MONTH_OPTIONS)
@pytest.mark.parametrize("value", ["0001-01-01", "1899-12-31", "2200-01-01", "9999-12-31"])
def test_extreme_dates_are_usage_errors(cli: Cli, command: str, option: str, value: str) -> None:
    if (command, option) in MONTH_OPTIONS:  # a month option takes the YYYY-MM of the date
        value, accepted = value[:7], "months plancli accepts (1900-01 to 2199-12)"
    else:
        accepted = "dates plancli accepts (1900-01-01 to 2199-12-31)"
    args = [command, *_required(command), option, value]
    line = _usage_line(cli(*args))
    assert f"outside the {accepted}" in line


@pytest.mark.parametrize(("command", "option"), QUARTER_OPTIONS)
@pytest.mark.parametrize("value", ["0001Q1", "1899Q4", "2200Q1", "9999Q4"])
def test_extreme_quarters_are_usage_errors(cli: Cli, command: str, option: str, value: str) -> None:
    required = [a for a in _required(command) if a not in (option, "2016Q4")]
    args = [command, *required, option, value]
    line = _usage_line(cli(*args))
    assert "outside the quarters plancli accepts (1900Q1 to 2199Q4)" in line


@pytest.mark.parametrize(("command", "option"), YEAR_OPTIONS)
@pytest.mark.parametrize("value", ["0", "1899", "9999", "99999999999999999999"])
def test_extreme_years_are_usage_errors(cli: Cli, command: str, option: str, value: str) -> None:
    _usage_line(cli(command, *_required(command), option, value))


@pytest.mark.parametrize(
    ("typed", "iso"),
    [
        ("20161231", "2016-12-31"),
        ("2016-W52-6", "2016-12-31"),
        ("2016W526", "2016-12-31"),
        ("31.12.2016", "2016-12-31"),
        ("12/31/2016", "2016-12-31"),
        ("2016/12/31", "2016-12-31"),
    ],
)
def test_other_date_spellings_get_the_iso_form_to_type(cli: Cli, typed: str, iso: str) -> None:
    line = _usage_line(cli("overdue", "--as-of", typed))
    assert f"{typed!r} is not in the form YYYY-MM-DD; type {iso}" in line


@pytest.mark.parametrize(("command", "option"), [*_options({"YYYY-MM-DD"})][:1])
def test_a_control_character_in_an_option_is_not_echoed(
    cli: Cli, command: str, option: str
) -> None:
    line = _usage_line(cli(command, option, "\x1b]0;PWNED\x07"))
    assert "\x1b" not in line and "\x07" not in line and "\\x1b" in line


# ------------------------------------------------------------ empty filters


EMPTY_FILTERS = _options(set(), {"agency", "section"})


def test_the_empty_filter_sweep_finds_the_options() -> None:
    assert ("measures", "--agency") in EMPTY_FILTERS and ("overdue", "--section") in EMPTY_FILTERS


@pytest.mark.parametrize(("command", "option"), EMPTY_FILTERS)
@pytest.mark.parametrize("value", ["", "  "])
def test_an_empty_filter_is_a_usage_error(cli: Cli, command: str, option: str, value: str) -> None:
    args = [command, *[a for a in _required(command) if command != "checklist" or a != "--agency"]]
    if command == "checklist":
        args = [command, "--quarter", "2016Q4"]
    line = _usage_line(cli(*args, option, value))
    assert "must not be empty" in line


# ------------------------------------------------------------ usage errors


@pytest.mark.parametrize(
    "args",
    [
        ["nonsense"],
        ["measures", "--bogus"],
        ["overdue", "--format", "xml"],
        ["measures", "--task", "x"],
        ["validate", "--status"],
        ["show"],
    ],
)
def test_usage_errors_are_one_line(cli: Cli, args: list[str]) -> None:
    line = _usage_line(cli(*args))
    assert "--help" in line  # where to read more, on the same line


# ------------------------------------------------------------ output streams


def test_a_closed_pipe_ends_quietly_with_0(tmp_path: Path) -> None:
    command = " ".join([*PYTHON, "measures", "--format", "csv"])
    outcome = subprocess.run(
        ["bash", "-c", f"set -o pipefail; {command} | head -1"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert outcome.returncode == 0, outcome.stderr
    assert outcome.stdout.startswith("id,") and outcome.stdout.count("\n") == 1
    assert outcome.stderr == ""


@pytest.mark.parametrize("command", [["measures"], ["--version"], ["validate"]])
def test_closed_stdout_is_one_clear_line(command: list[str]) -> None:
    shell = subprocess.run(
        ["bash", "-c", " ".join([*PYTHON, *command]) + " >&-"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert shell.returncode == 1
    assert shell.stderr.splitlines() == ["plancli: error: cannot write the output: it is closed"]


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize("command", [["measures"], ["--version"], ["schema", "plan"]])
def test_a_full_disk_is_one_clear_line(command: list[str]) -> None:
    with open("/dev/full", "w") as full:
        outcome = subprocess.run(
            [*PYTHON, *command], stdout=full, stderr=subprocess.PIPE, text=True, timeout=120
        )
    assert outcome.returncode == 1
    assert outcome.stderr.splitlines() == [
        "plancli: error: cannot write the output: No space left on device"
    ]


@pytest.mark.parametrize("encoding", ["ascii", "koi8_r", "latin-1"])
@pytest.mark.parametrize(
    "command",
    [
        ["validate"],
        ["show", "1.1"],
        ["measures", "--agency", "ЮМ"],
        ["overdue", "--as-of", "2016-12-31", "--format", "csv"],
        ["expand", "ЮМ"],
    ],
)
def test_output_encodings_that_cannot_write_kyrgyz(encoding: str, command: list[str]) -> None:
    outcome = _run(*command, env={"PYTHONIOENCODING": encoding}, encoding=encoding)
    assert outcome.returncode == 0, outcome.stderr
    assert outcome.stdout.strip()
    if encoding == "ascii" and command != ["validate"]:
        assert "\\u04" in outcome.stdout  # Cyrillic as visible escapes
    assert outcome.stderr.startswith("plancli: warning: the output encoding")
    _clean_failure(outcome.stderr)


@pytest.mark.parametrize("locale", ["C", "POSIX"])
def test_the_c_locale_still_writes_utf8(locale: str) -> None:
    outcome = _run("expand", "ЮМ", env={"LC_ALL": locale, "LANG": locale})
    assert outcome.returncode == 0 and "Юстиция" in outcome.stdout, outcome.stderr


@pytest.mark.parametrize("delay", [0.0, 0.03, 0.08, 0.15, 0.3])
def test_ctrl_c_at_any_moment_prints_no_traceback(delay: float, tmp_path: Path) -> None:
    env = {**os.environ, "PLANCLI_NO_CACHE": "1"}
    script = Path(sys.executable).with_name("plancli")
    command = [str(script)] if script.exists() else PYTHON  # as a user runs it
    process = subprocess.Popen(
        [*command, "validate"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env
    )
    time.sleep(delay)
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=120)
    in_entry_point = any(
        "entry.py" in line and line.endswith(" in main") for line in stderr.splitlines()
    )
    if ("Traceback" in stderr or stderr.strip() == "KeyboardInterrupt") and not in_entry_point:
        # Interrupted while the interpreter itself started (site.py, runpy, the
        # launcher pip writes, the import of plancli.entry), before plancli's
        # entry point ran: Python's own report, which no program can replace.
        # (Whether plancli lives in site-packages or in an editable checkout
        # does not matter: only a frame inside entry.main would be plancli's.)
        return
    _clean_failure(stderr)
    # killed before Python could install its handler, interrupted, or finished first
    assert process.returncode in (-signal.SIGINT, 130, 0), stderr
    if process.returncode == 130:
        # An interrupt that lands just after CPython installs its SIGINT handler
        # but before it runs any Python code (traced with strace: the handler is
        # installed, SIGINT arrives, exit_group(130) follows with no write) makes
        # the interpreter exit 130 silently; plancli has not started yet. Any
        # later interrupt is plancli's, and says so.
        assert stderr == "" or stderr.endswith("plancli: error: interrupted\n"), stderr


def test_version_with_a_broken_plan_environment(fifo: Path, tmp_path: Path) -> None:
    for plan in (fifo, tmp_path, Path("/dev/zero"), tmp_path / "missing.yaml"):
        outcome = _run("--version", env={"PLANCLI_PLAN": str(plan)})
        assert outcome.returncode == 0, outcome.stderr
        assert "plan: not valid" in outcome.stdout
        _clean_failure(outcome.stderr)


def test_plan_and_glossary_defaults_are_fine() -> None:
    assert PLAN.exists() and GLOSSARY.exists()


# ------------------------------------------------------------- alias bombs


def _json_style_bomb(levels: int = 9, keys: int = 10) -> str:
    """The issue's 882-byte file: flow mappings whose aliases follow a colon."""
    lines = ['{"a0": &a0 {' + ",".join(f'"k{i}":1' for i in range(keys)) + "},"]
    for level in range(1, levels):
        inner = ",".join(f'"k{i}":*a{level - 1}' for i in range(keys))
        lines.append(f'"a{level}": &a{level} {{{inner}}},')
    lines.append('"entries": []}')
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("surface", ["--status", "--plan", "--glossary"])
def test_a_json_style_alias_bomb_is_refused_on_every_surface(
    cli: Cli, tmp_path: Path, surface: str
) -> None:
    bomb = tmp_path / "bomb.yaml"
    bomb.write_text(_json_style_bomb(), encoding="utf-8")
    outcome = cli("validate", surface, bomb)
    assert outcome.code == 1
    assert "[yaml-alias-bomb]" in outcome.stdout
    assert f"{bomb.name}:" in outcome.stdout


def test_aliases_in_any_spelling_are_counted(tmp_path: Path) -> None:
    """Block style, flow style, after a colon, as a key's value: all the same to the count."""
    from plancli.yamlsource import MAX_EXPANDED_NODES, YamlReadError, parse_yaml

    base = "base: &b [" + ",".join(["1"] * 1000) + "]\n"
    spellings = {
        "block": "many:\n" + "".join("  - *b\n" for _ in range(1100)),
        "flow": "many: [" + ",".join(["*b"] * 1100) + "]\n",
        "json": '{"many": {' + ",".join(f'"k{i}":*b' for i in range(1100)) + "}}\n",
    }
    assert MAX_EXPANDED_NODES < 1000 * 1100
    for name, text in spellings.items():
        document = (
            base + text if name != "json" else '{"base": &b [' + "1," * 999 + "1],\n" + text[1:]
        )
        with pytest.raises(YamlReadError) as caught:
            parse_yaml(document, file=f"{name}.yaml")
        assert caught.value.problems[0].code == "yaml-alias-bomb", name


def test_a_few_aliases_are_fine() -> None:
    from plancli.yamlsource import parse_yaml

    doc = parse_yaml('{"a": &a [1, 2], "b": *a, "c": [*a, *a]}\n', file="ok.yaml")
    assert doc.data == {"a": [1, 2], "b": [1, 2], "c": [[1, 2], [1, 2]]}


# ------------------------------------------------------ glossary as a graph


def _glossary_with(tmp_path: Path, edit: Callable[[str], str]) -> Path:
    path = tmp_path / "glossary.yaml"
    text = GLOSSARY.read_text(encoding="utf-8")
    edited = edit(text)
    assert edited != text
    path.write_text(edited, encoding="utf-8")
    return path


def _append_entries(text: str, entries: str) -> str:
    """``text`` with ``entries`` added at the end of its ``entries:`` list."""
    assert "\nlist_notes:" in text
    return text.replace("\nlist_notes:", "\n" + entries.rstrip("\n") + "\n\nlist_notes:", 1)


def _entry_line(text: str, term: str) -> int:
    return text.split("\n").index(f"  - term: {term}") + 1


def _add_after_term(term: str, line: str) -> Callable[[str], str]:
    def edit(text: str) -> str:
        return text.replace(f"  - term: {term}\n", f"  - term: {term}\n    {line}\n", 1)

    return edit


def test_an_alias_cycle_is_a_located_problem(cli: Cli, tmp_path: Path) -> None:
    """The issue's case: alias_of: МФ added to ФМ made --agency ФМ drop from 56 to 6."""
    path = _glossary_with(tmp_path, _add_after_term("ФМ", "alias_of: МФ"))
    outcome = cli("validate", "--glossary", path)
    assert outcome.code == 1
    text = path.read_text(encoding="utf-8")
    line = _entry_line(text, "ФМ") + 1
    assert (
        f"glossary.yaml:{line}:15: glossary entry ФМ: aliases go round in a circle "
        "(ФМ -> МФ -> ФМ)" in outcome.stdout
    )
    assert "[glossary-alias-cycle]" in outcome.stdout
    query = cli("measures", "--agency", "ФМ", "--glossary", path)
    assert query.code == 1 and "glossary-alias-cycle" in query.stderr  # no silent 6


def test_an_entry_that_is_its_own_alias(cli: Cli, tmp_path: Path) -> None:
    path = _glossary_with(tmp_path, _add_after_term("ФМ", "alias_of: ФМ"))
    outcome = cli("validate", "--glossary", path)
    assert outcome.code == 1 and "[glossary-alias-self]" in outcome.stdout
    assert "'ФМ' is given as an alias of itself" in outcome.stdout


def _first_group(text: str) -> str:
    lines = text.split("\n")
    for number, line in enumerate(lines):
        if line == "    kind: group" and lines[number - 1].startswith("  - term: "):
            return lines[number - 1].removeprefix("  - term: ")
    raise AssertionError("no group in the glossary")


def test_a_group_that_contains_itself(cli: Cli, tmp_path: Path) -> None:
    group = _first_group(GLOSSARY.read_text(encoding="utf-8"))

    def edit(text: str) -> str:
        lines = text.split("\n")
        at = lines.index(f"  - term: {group}")
        end = next(i for i in range(at + 1, len(lines)) if lines[i].startswith("  - term: "))
        members = next((i for i in range(at, end) if lines[i] == "    members:"), None)
        if members is None:
            lines.insert(at + 1, f"    members: [{group}]")
        else:
            lines.insert(members + 1, f"      - {group}")
        return "\n".join(lines)

    path = _glossary_with(tmp_path, edit)
    outcome = cli("validate", "--glossary", path)
    assert outcome.code == 1 and "[glossary-group-self]" in outcome.stdout
    assert f"group {group!r} lists itself as a member" in outcome.stdout


def test_groups_that_contain_each_other(cli: Cli, tmp_path: Path) -> None:
    def edit(text: str) -> str:
        return _append_entries(
            text,
            "  - term: Топ А\n    kind: group\n    provenance: added\n    certainty: descriptive\n"
            "    note: test\n    members: [Топ Б]\n"
            "  - term: Топ Б\n    kind: group\n    provenance: added\n    certainty: descriptive\n"
            "    note: test\n    members: [Топ А]\n",
        )

    path = _glossary_with(tmp_path, edit)
    outcome = cli("validate", "--glossary", path)
    assert outcome.code == 1, outcome.stdout
    assert "groups contain each other (Топ А -> Топ Б -> Топ А)" in outcome.stdout
    assert "[glossary-group-cycle]" in outcome.stdout


def test_an_alias_that_is_also_a_group(cli: Cli, tmp_path: Path) -> None:
    group = _first_group(GLOSSARY.read_text(encoding="utf-8"))
    path = _glossary_with(tmp_path, _add_after_term(group, "alias_of: ФМ"))
    outcome = cli("validate", "--glossary", path)
    assert outcome.code == 1 and "[glossary-alias-group]" in outcome.stdout


def test_members_kind_group(cli: Cli, tmp_path: Path) -> None:
    text = GLOSSARY.read_text(encoding="utf-8")
    assert "    members_kind: state_body\n" in text
    path = _glossary_with(
        tmp_path,
        lambda t: t.replace("    members_kind: state_body\n", "    members_kind: group\n", 1),
    )
    outcome = cli("validate", "--glossary", path)
    assert outcome.code == 1 and "[glossary-members-kind]" in outcome.stdout


@pytest.mark.parametrize("length", [4, 5001])
def test_a_long_chain_of_aliases(cli: Cli, tmp_path: Path, length: int) -> None:
    def edit(text: str) -> str:
        chain = "".join(
            f"  - term: Тизме{n}\n    alias_of: {'ФМ' if n == 0 else f'Тизме{n - 1}'}\n"
            "    kind: state_body\n    provenance: added\n    certainty: evident\n"
            "    note: test\n"
            for n in range(length)
        )
        return _append_entries(text, chain)

    path = _glossary_with(tmp_path, edit)
    outcome = cli("validate", "--glossary", path, "--format", "json")
    assert outcome.code == 1
    problems = json.loads(outcome.stdout)
    chains = [p for p in problems if p["code"] == "glossary-alias-chain"]
    assert len(chains) == length - 3  # Тизме3 and beyond: four hops or more
    assert {p["code"] for p in problems} == {"glossary-alias-chain"}
    assert all(p["line"] for p in chains)


def test_the_bundled_glossary_passes_the_graph_checks() -> None:
    from plancli.glossary_checks import graph_problems
    from plancli.models import GlossaryFile
    from plancli.yamlsource import parse_yaml

    doc = parse_yaml(GLOSSARY.read_text(encoding="utf-8"), file="glossary.yaml")
    assert list(graph_problems(GlossaryFile.model_validate(doc.data))) == []


# ------------------------------------------------- control characters, raw bytes


PWN = "\\e]0;PWNED\\a\\e[2J"  # a YAML double-quoted escape: title the window, clear the screen


def test_terminal_escapes_in_measure_text_are_refused(cli: Cli, plan_copy: Path) -> None:
    text = plan_copy.read_text(encoding="utf-8")
    lines = text.split("\n")
    # measure 1.1's text: a folded block, replaced by a double-quoted line with escapes
    at = next(i for i, line in enumerate(lines) if line.startswith(" " * 16 + "text: "))
    indent = lines[at][: len(lines[at]) - len(lines[at].lstrip())]
    end = at + 1
    while lines[end].startswith(indent + " "):
        end += 1
    lines[at:end] = [f'{indent}text: "{PWN}"']
    plan_copy.write_text("\n".join(lines), encoding="utf-8")
    for command in (["validate", plan_copy], ["show", "1.1", "--plan", plan_copy]):
        outcome = cli(*command)
        assert outcome.code == 1
        output = outcome.stdout + outcome.stderr
        assert "\x1b" not in output and "\x07" not in output
        assert f"plan.yaml:{at + 1}:" in output and "[text-control]" in output
        assert "U+001B (ESC)" in output


@pytest.mark.parametrize(
    ("field", "value"),
    [("note", PWN), ("evidence", "ok\\x9b2J"), ("note", "a\\x00b"), ("note", "bell\\a")],
)
def test_control_characters_in_status_text(
    cli: Cli, tmp_path: Path, field: str, value: str
) -> None:
    path = tmp_path / "status.yaml"
    path.write_text(
        f'entries:\n  - id: "1.1"\n    date: 2016-02-10\n    state: done\n    {field}: "{value}"\n',
        encoding="utf-8",
    )
    outcome = cli("validate", "--status", path)
    assert outcome.code == 1
    assert f"status.yaml:5:{len(field) + 7}: status entry 1.1: control character" in outcome.stdout
    assert "[text-control]" in outcome.stdout


def test_tab_and_newline_are_text(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "status.yaml"
    path.write_text(
        'entries:\n  - id: "1.1"\n    date: 2016-02-10\n    state: done\n'
        '    note: "first line\\n\\tsecond line"\n',
        encoding="utf-8",
    )
    assert cli("validate", "--status", path).code == 0


@pytest.mark.parametrize("fmt", ["text", "json", "github"])
def test_a_bad_status_id_is_never_echoed_raw(cli: Cli, tmp_path: Path, fmt: str) -> None:
    path = tmp_path / "status.yaml"
    path.write_text(
        f'entries:\n  - id: "1.1{PWN}"\n    date: 2016-02-10\n    state: done\n',
        encoding="utf-8",
    )
    outcome = cli("validate", "--status", path, "--format", fmt)
    assert outcome.code == 1
    assert "\x1b" not in outcome.stdout and "\x07" not in outcome.stdout
    assert "1.1\\x1b]0;PWNED" in outcome.stdout.replace("\\\\", "\\")


def test_a_path_with_an_escape_in_its_name_is_not_echoed_raw(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "x\x1b[2J.yaml"
    path.write_text("entries: []\n", encoding="utf-8")
    for command in (["validate", path], ["validate", "--status", path, "-f", "github"]):
        outcome = cli(*command)
        assert "\x1b" not in outcome.stdout + outcome.stderr


@pytest.mark.parametrize(("byte", "name"), [(b"\x00", "NUL"), (b"\x1b", "ESC"), (b"\x07", "BEL")])
@pytest.mark.parametrize("surface", ["--status", "--glossary", "--plan"])
def test_a_raw_control_byte_is_reported_with_line_and_column(
    cli: Cli, tmp_path: Path, byte: bytes, name: str, surface: str
) -> None:
    path = tmp_path / "file.yaml"
    path.write_bytes(b'entries:\n  - id: "1.1"\n    note: ab' + byte + b"cd\n")
    outcome = cli("validate", surface, path)
    assert outcome.code == 1
    lines = outcome.stdout.splitlines()
    assert lines[0] == (
        f"{path}:3:13: raw control character U+{byte[0]:04X} ({name}) in the file; "
        "delete it [yaml-character]"
    )
    assert len(lines) == 2  # the problem and the summary, one line each


@pytest.mark.parametrize(
    "value", ["1455062400", "1455062400.5", '"20160210"', '"10.02.2016"', "true"]
)
def test_a_status_date_must_be_written_as_a_date(cli: Cli, tmp_path: Path, value: str) -> None:
    path = tmp_path / "status.yaml"
    path.write_text(
        f'entries:\n  - id: "1.1"\n    date: {value}\n    state: done\n', encoding="utf-8"
    )
    outcome = cli("validate", "--status", path)
    assert outcome.code == 1
    assert "status.yaml:3:11: status entry 1.1:" in outcome.stdout
    assert "YYYY-MM-DD" in outcome.stdout


def test_expand_text_does_not_echo_escapes(cli: Cli) -> None:
    outcome = cli("expand", "--text", "ЮМ \x1b]0;PWNED\x07")
    assert outcome.code == 0
    assert "\x1b" not in outcome.stdout and "\\x1b]0;PWNED\\x07" in outcome.stdout


def test_printed_problems_are_capped_with_a_count(cli: Cli, tmp_path: Path) -> None:
    from plancli.problem_output import MAX_SHOWN

    path = tmp_path / "status.yaml"
    entries = "".join(
        f'  - id: "99.{n + 1}"\n    date: 2016-02-10\n    state: done\n'
        for n in range(MAX_SHOWN + 25)
    )
    path.write_text("entries:\n" + entries, encoding="utf-8")
    outcome = cli("validate", "--status", path)
    lines = outcome.stdout.splitlines()
    assert outcome.code == 1
    assert len(lines) == MAX_SHOWN + 2
    assert lines[-2] == "... and 25 more problems not shown (--format json lists them all)"
    assert lines[-1].endswith(f": {MAX_SHOWN + 25} problems")
    everything = cli("validate", "--status", path, "--format", "json")
    assert len(json.loads(everything.stdout)) == MAX_SHOWN + 25


# ------------------------------------------------------------------- limits


def test_a_status_file_over_its_limit_is_refused_before_parsing(cli: Cli, tmp_path: Path) -> None:
    from plancli import files

    path = tmp_path / "status.yaml"
    entry = '  - id: "1.1"\n    date: 2016-02-10\n    state: done\n'
    path.write_text("entries:\n" + entry * (files.MAX_STATUS_BYTES // len(entry) + 1))
    outcome = cli("validate", "--status", path)
    assert outcome.code == 1
    assert f"the limit is {files.MAX_STATUS_BYTES} bytes [file-too-large]" in outcome.stdout
    assert files.MAX_STATUS_BYTES < files.MAX_BYTES  # status files are parsed twice as often


def test_many_status_entries_of_one_measure_are_checked_once_per_measure(
    monkeypatch: pytest.MonkeyPatch, dataset: object, tmp_path: Path
) -> None:
    """Reading the deadline per entry made large status files slow; per measure it is linear."""
    import plancli.validation
    from plancli.loading import validate_status

    calls: list[object] = []
    original = plancli.validation.parse_deadline

    def counted(*args: object, **kwargs: object) -> object:
        calls.append(args)
        return original(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(plancli.validation, "parse_deadline", counted)
    path = tmp_path / "status.yaml"
    path.write_text(
        "entries:\n"
        + "".join(
            f'  - id: "1.1"\n    date: 2016-{month:02d}-{day:02d}\n    state: in_progress\n'
            for month in range(1, 13)
            for day in range(1, 29)
        ),
        encoding="utf-8",
    )
    log, problems = validate_status(path, dataset)  # type: ignore[arg-type]
    assert problems == [] and log is not None
    assert len(calls) == 1


def test_dates_are_limited_so_a_calendar_stays_small(cli: Cli) -> None:
    outcome = cli("calendar", "--from", "1900-01-01", "--to", "9999-11-30")
    line = _usage_line(outcome)
    assert "9999-11-30 is outside the dates plancli accepts" in line


@pytest.mark.parametrize("target", ["fifo", "/dev/zero", "directory"])
def test_collect_refuses_non_files_at_once(fifo: Path, tmp_path: Path, target: str) -> None:
    checklist = {"fifo": fifo.rename(tmp_path / "ЮМ-2016Q4.csv"), "/dev/zero": Path("/dev/zero")}
    path = checklist.get(target, tmp_path)
    output = tmp_path / "status.yaml"
    outcome = _run("collect", path, "--output", output)
    assert outcome.returncode == 1
    _clean_failure(outcome.stderr)
    assert not output.exists()


@pytest.mark.parametrize(
    "env",
    [
        {"HOME": "/proc/nonexistent", "PLANCLI_CACHE_DIR": "", "XDG_DATA_HOME": "", "XDG_CACHE_HOME": ""},
        {"COLUMNS": "abc", "LINES": "x"},
        {"COLUMNS": "-5"},
        {"PLANCLI_NO_CACHE": "yes"},
        {"TERM": "xterm-256color", "COLUMNS": "0"},
    ],
)
def test_odd_environments_still_answer(env: dict[str, str], tmp_path: Path) -> None:
    outcome = _run("overdue", "--as-of", "2016-12-31", "--format", "csv", env=env, cwd=tmp_path)
    assert outcome.returncode == 0, outcome.stderr
    assert outcome.stdout.startswith("measure,") or outcome.stdout.count("\n") > 5
    _clean_failure(outcome.stderr)
