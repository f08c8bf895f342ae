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
