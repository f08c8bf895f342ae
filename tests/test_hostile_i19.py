"""File names with control characters are named visibly in every message, never raw.

A file called ``x<ESC>[2J.yaml`` (clear the screen) is legal on Linux. Every
line plancli writes about a file (the note naming the files in use, diff's
summary, export's and collect's reports, the refusal to overwrite) shows the
name with the escape written as ``\\x1b``: the message still names the file,
and the terminal never receives the sequence.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import GLOSSARY, PLAN, Cli

ESCAPE = "\x1b[2J"
SHOWN = "\\x1b[2J"


@pytest.fixture
def odd(tmp_path: Path) -> Path:
    """A directory whose name holds an escape sequence, with a copy of the plan in it."""
    directory = tmp_path / f"d{ESCAPE}"
    directory.mkdir()
    (directory / "plan.yaml").write_bytes(PLAN.read_bytes())
    (directory / "glossary.yaml").write_bytes(GLOSSARY.read_bytes())
    return directory


def _seen(outcome_text: str) -> None:
    assert ESCAPE not in outcome_text
    assert SHOWN in outcome_text  # the file is still named


def test_the_note_naming_the_files_in_use(cli: Cli, odd: Path) -> None:
    outcome = cli("overdue", "--as-of", "2016-12-31", "--plan", odd / "plan.yaml")
    assert outcome.code == 0
    _seen(outcome.stderr)
    assert outcome.stderr.startswith("plancli: using plan ")


@pytest.mark.parametrize("fmt", ["text", "md"])
def test_diff_names_both_sides_visibly(cli: Cli, odd: Path, fmt: str) -> None:
    outcome = cli("--quiet", "diff", PLAN, odd / "plan.yaml", "--format", fmt)
    assert outcome.code == 0, outcome.stderr
    _seen(outcome.stdout)
    assert "no change in meaning" in outcome.stdout


def test_an_existing_output_is_named_visibly(cli: Cli, odd: Path) -> None:
    target = odd / "list.csv"
    target.write_text("x\n", encoding="utf-8")
    outcome = cli("--quiet", "measures", "-f", "xlsx", "-o", target)
    assert outcome.code == 1
    _seen(outcome.stderr)
    assert "exists; not overwriting it" in outcome.stderr
    assert target.read_text(encoding="utf-8") == "x\n"  # untouched


def test_export_reports_what_it_wrote_visibly(cli: Cli, odd: Path) -> None:
    outcome = cli("--quiet", "export", "datapackage", odd / "out")
    assert outcome.code == 0, outcome.stderr
    _seen(outcome.stderr)
    assert (odd / "out" / "datapackage.json").is_file()
    database = odd / "plan.sqlite"
    outcome = cli("--quiet", "export", "sqlite", database)
    assert outcome.code == 0, outcome.stderr
    _seen(outcome.stderr)
    assert database.is_file()


def test_collect_names_its_output_visibly(cli: Cli, odd: Path) -> None:
    checklist = odd / "ЮМ-2016Q4.json"
    made = cli("--quiet", "checklist", "-a", "ЮМ", "-q", "2016Q4", "-f", "json", "-o", checklist)
    assert made.code == 0, made.stderr
    outcome = cli("--quiet", "collect", checklist, "-o", odd / "status.yaml")
    assert outcome.code == 0, outcome.stderr
    _seen(outcome.stderr)
    assert "into" in outcome.stderr


def test_a_glossary_over_its_own_limit_is_refused_before_parsing(cli: Cli, tmp_path: Path) -> None:
    """Glossaries have a limit of their own, far below a plan's: a big one is an attack."""
    from plancli import files

    assert files.MAX_GLOSSARY_BYTES < files.MAX_BYTES
    glossary = tmp_path / "glossary.yaml"
    text = GLOSSARY.read_text(encoding="utf-8")
    padding = files.MAX_GLOSSARY_BYTES - len(text.encode("utf-8")) + 1
    glossary.write_text(text + "#" * padding + "\n", encoding="utf-8")
    (tmp_path / "plan.yaml").write_bytes(PLAN.read_bytes())
    outcome = cli("validate", tmp_path / "plan.yaml")
    assert outcome.code == 1
    assert f"the limit is {files.MAX_GLOSSARY_BYTES} bytes [file-too-large]" in outcome.stdout
    assert "glossary.yaml" in outcome.stdout
    # the same file within a plan's limit but over the glossary's: a query refuses it too
    outcome = cli("overdue", "--as-of", "2016-12-31", "--plan", tmp_path / "plan.yaml")
    assert outcome.code == 1


def test_a_status_file_with_too_many_entries_is_refused_once_parsed(
    cli: Cli, tmp_path: Path
) -> None:
    """Checking costs per entry: over the entry limit, not one entry is checked."""
    from plancli import files

    status = tmp_path / "status.yaml"
    entry = '- {id: "1.1", date: 2016-01-01, state: done}\n'
    status.write_text("entries:\n" + entry * (files.MAX_STATUS_ENTRIES + 1), encoding="utf-8")
    assert status.stat().st_size < files.MAX_STATUS_BYTES  # the bytes alone would pass
    outcome = cli("validate", "--status", status)
    assert outcome.code == 1
    lines = [line for line in outcome.stdout.splitlines() if line.startswith(f"{status}:")]
    assert lines == [
        f"{status}:1:1: {files.MAX_STATUS_ENTRIES + 1:,} entries; the limit is "
        f"{files.MAX_STATUS_ENTRIES:,} [file-too-large]"
    ]


def test_checking_stops_after_the_problem_limit(cli: Cli, tmp_path: Path) -> None:
    """A file with a problem in every value is reported up to the limit, then stopped."""
    import json

    from plancli.validation import MAX_PROBLEMS

    status = tmp_path / "status.yaml"
    keys = ", ".join(f"k{j}: 1" for j in range(20))
    count = MAX_PROBLEMS // 20 + 100  # entries: each has over 20 problems
    status.write_text(
        "entries:\n" + "".join(f"- {{id: x{i}, {keys}}}\n" for i in range(count)),
        encoding="utf-8",
    )
    outcome = cli("validate", "--status", status, "--format", "json")
    assert outcome.code == 1
    problems = [p for p in json.loads(outcome.stdout) if p["file"].endswith("status.yaml")]
    assert len(problems) == MAX_PROBLEMS + 1
    assert problems[0]["code"] == "file-too-many-problems"
    assert f"after {MAX_PROBLEMS:,} problems" in problems[0]["message"]
    assert {p["code"] for p in problems[1:]} >= {"schema-unknown-key", "schema-missing"}
    text = cli("validate", "--status", status)
    assert text.code == 1
    assert "[file-too-many-problems]" in text.stdout


# ----------------------------------------------------- the rest of the second sweep


@pytest.mark.parametrize(
    ("value", "cached"),
    [("no", True), ("false", True), ("OFF", True), ("0", True), ("1", False), ("yes", False)],
)
def test_plancli_no_cache_means_what_it_says(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, value: str, cached: bool
) -> None:
    directory = tmp_path / "cache"
    monkeypatch.setenv("PLANCLI_CACHE_DIR", str(directory))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("PLANCLI_NO_CACHE", value)
    plan = tmp_path / "plan.yaml"
    plan.write_bytes(PLAN.read_bytes())
    (tmp_path / "glossary.yaml").write_bytes(GLOSSARY.read_bytes())
    assert cli("--quiet", "overdue", "--as-of", "2016-12-31", "--plan", plan).code == 0
    assert bool(list(directory.glob("*.plan"))) is cached


def test_an_empty_home_means_no_cache_not_one_at_the_root(monkeypatch: pytest.MonkeyPatch) -> None:
    from plancli import cache

    for name in ("PLANCLI_CACHE_DIR", "PLANCLI_NO_CACHE", "XDG_CACHE_HOME", "XDG_DATA_HOME"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HOME", "")
    assert cache.cache_dir() is None
    assert cache.secret_path() is None
    assert cache.load("0" * 40) is None
    cache.store("0" * 40, ("nothing",))  # silently nothing


def test_a_plan_yaml_that_is_not_a_file_is_reported_not_skipped(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "plan.yaml").mkdir()
    monkeypatch.chdir(tmp_path)
    outcome = cli("validate")
    assert outcome.code == 1
    assert "plan.yaml" in outcome.stdout and "directory" in outcome.stdout


def test_a_usage_error_of_several_lines_is_one_line(cli: Cli) -> None:
    outcome = cli("schema")
    assert outcome.code == 2
    assert outcome.stderr.count("\n") == 1
    assert "\\x0a" not in outcome.stderr and "\\x09" not in outcome.stderr
    assert "plan" in outcome.stderr and "glossary" in outcome.stderr


@pytest.mark.parametrize("command", ["measures", "glossary"])
def test_an_empty_search_is_a_usage_error(cli: Cli, command: str) -> None:
    outcome = cli(command, "--search", "")
    assert outcome.code == 2
    assert "must not be empty" in outcome.stderr


@pytest.mark.parametrize(
    "value", ["2016-02-10T00:00:00", "2016-02-10 00:00:00+06:00", "2016-02-10T00:00:00.000"]
)
def test_a_status_date_with_a_time_is_not_a_date(cli: Cli, tmp_path: Path, value: str) -> None:
    path = tmp_path / "status.yaml"
    path.write_text(
        f'entries:\n  - id: "1.1"\n    date: {value}\n    state: done\n', encoding="utf-8"
    )
    outcome = cli("validate", "--status", path)
    assert outcome.code == 1
    assert "status.yaml:3:11: status entry 1.1:" in outcome.stdout
    assert "has a time of day; write the date as YYYY-MM-DD" in outcome.stdout


@pytest.mark.parametrize("quarter", ["9999Q4", "0001Q1", "1899Q4"])
def test_a_status_quarter_outside_the_range_is_a_problem(
    cli: Cli, tmp_path: Path, quarter: str
) -> None:
    path = tmp_path / "status.yaml"
    path.write_text(
        f'entries:\n  - id: "1.1"\n    date: 2016-12-01\n    state: done\n'
        f'    reported_by: ЮМ\n    quarter: "{quarter}"\n',
        encoding="utf-8",
    )
    outcome = cli("validate", "--status", path)
    assert outcome.code == 1
    assert "status.yaml:6:14:" in outcome.stdout
    assert "outside the quarters plancli accepts (1900Q1 to 2199Q4)" in outcome.stdout


def test_a_message_listing_problems_keeps_its_lines(cli: Cli, tmp_path: Path) -> None:
    """Escaping names in messages must not fold a message that lists problems line by line."""
    broken = tmp_path / "broken.yaml"
    broken.write_text("", encoding="utf-8")
    outcome = cli("--quiet", "diff", broken, PLAN, "--glossary", GLOSSARY)
    assert outcome.code == 1
    lines = outcome.stderr.splitlines()
    assert lines[0].startswith("plancli: error: the old side is invalid")
    assert any(line.endswith("file is empty [file-empty]") for line in lines[1:])
    assert "\\x0a" not in outcome.stderr


@pytest.mark.parametrize(
    ("word", "advice"),
    [
        ("Кыргызcтан", "did you mean 'Кыргызстан'?"),  # Latin c has a Cyrillic twin
        ("JКыргыз", "retype J in Cyrillic"),  # J has none: no "did you mean" the same word
    ],
)
def test_the_mixed_script_advice_never_suggests_the_same_word(
    cli: Cli, plan_copy: Path, word: str, advice: str
) -> None:
    text = plan_copy.read_text(encoding="utf-8")
    plan_copy.write_text(
        text.replace("квартал сайын, отчеттук", f"квартал сайын, {word} отчеттук", 1),
        encoding="utf-8",
    )
    outcome = cli("validate", plan_copy)
    assert outcome.code == 1
    (line,) = [line for line in outcome.stdout.splitlines() if "[text-mixed-script]" in line]
    assert line.endswith(f"into a Cyrillic word; {advice} [text-mixed-script]")
