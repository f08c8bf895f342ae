"""Hostile and careless input: never a traceback, never a hang, always a clear message."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import DATA, GLOSSARY, PLAN, Cli
from plancli import files
from plancli.glossary import fold_homoglyphs

PLAN_TEXT = PLAN.read_text(encoding="utf-8")
PLAN_LINES = PLAN_TEXT.split("\n")
CYRILLIC_LOOKALIKES = {
    v: k for k, v in zip("AaBCcEeHKMOoPpTXxYy", fold_homoglyphs("AaBCcEeHKMOoPpTXxYy"), strict=True)
}


@st.composite
def mutated_plans(draw: st.DrawFn) -> str:
    """plan.yaml after one careless edit."""
    kind = draw(
        st.sampled_from(["delete-lines", "swap-chars", "homoglyph", "truncate", "duplicate-line"])
    )
    if kind == "delete-lines":
        start = draw(st.integers(0, len(PLAN_LINES) - 1))
        count = draw(st.integers(1, 5))
        return "\n".join(PLAN_LINES[:start] + PLAN_LINES[start + count :])
    if kind == "duplicate-line":
        at = draw(st.integers(0, len(PLAN_LINES) - 1))
        return "\n".join(PLAN_LINES[: at + 1] + PLAN_LINES[at:])
    if kind == "truncate":
        return PLAN_TEXT[: draw(st.integers(0, len(PLAN_TEXT)))]
    if kind == "swap-chars":
        at = draw(st.integers(0, len(PLAN_TEXT) - 2))
        return PLAN_TEXT[:at] + PLAN_TEXT[at + 1] + PLAN_TEXT[at] + PLAN_TEXT[at + 2 :]
    positions = [i for i, ch in enumerate(PLAN_TEXT) if ch in CYRILLIC_LOOKALIKES]
    at = draw(st.sampled_from(positions))
    return PLAN_TEXT[:at] + CYRILLIC_LOOKALIKES[PLAN_TEXT[at]] + PLAN_TEXT[at + 1 :]


@settings(
    max_examples=80,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(text=mutated_plans())
def test_validate_survives_careless_edits(cli: Cli, tmp_path: Path, text: str) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text(text, encoding="utf-8")
    outcome = cli("validate", path, "--glossary", GLOSSARY)
    assert outcome.code in (0, 1), outcome.stderr
    assert "internal error" not in outcome.stderr and "Traceback" not in outcome.stderr
    if outcome.code == 1:
        lines = outcome.stdout.strip().splitlines()
        assert lines[-1].endswith(("problem", "problems"))
        assert all("plan.yaml" in line for line in lines)


def test_homoglyph_in_an_executor_is_caught_with_its_line(cli: Cli, tmp_path: Path) -> None:
    text = PLAN_TEXT.replace("              - Финчалгын\n", "              - Финчалгын\n", 1)
    lines = text.split("\n")
    index = next(i for i, line in enumerate(lines) if line == "              - МСК")
    lines[index] = "              - MCK"  # Latin M, C, K
    path = tmp_path / "plan.yaml"
    path.write_text("\n".join(lines), encoding="utf-8")
    outcome = cli("validate", path, "--glossary", GLOSSARY)
    assert outcome.code == 1
    assert (
        f"plan.yaml:{index + 1}:17: measure 1.2: executor 'MCK' is not in the glossary; did you mean МСК?"
        in outcome.stdout
    )


def test_unreadable_file(cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "locked.yaml"
    path.write_text("sections: []\n", encoding="utf-8")

    original = os.open

    def refuse(name: str | os.PathLike[str], *args: int) -> int:
        # chmod 000 does not stop root, who may run the tests
        if os.fspath(name).endswith("locked.yaml"):
            raise PermissionError(13, "Permission denied", os.fspath(name))
        return original(name, *args)

    monkeypatch.setattr(os, "open", refuse)
    outcome = cli("validate", path, "--glossary", GLOSSARY)
    assert outcome.code == 1
    assert outcome.stdout.splitlines()[0].endswith(
        "locked.yaml: cannot read the file: permission denied [file-unreadable]"
    )


def test_oversized_file_is_refused_before_reading(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(files, "MAX_BYTES", 1000)
    outcome = cli("validate", PLAN, "--glossary", GLOSSARY)
    assert outcome.code == 1
    assert "the limit is 1000 bytes [file-too-large]" in outcome.stdout


def test_alias_bomb_is_rejected_quickly(cli: Cli) -> None:
    """Rejected from node counts alone: nothing is expanded (the test would hang otherwise)."""
    outcome = cli("validate", DATA / "invalid" / "yaml-alias-bomb.yaml")
    assert outcome.code == 1 and "[yaml-alias-bomb]" in outcome.stdout


@pytest.mark.parametrize("depth", [40, 5000, 200_000])
def test_deep_nesting_is_rejected(cli: Cli, tmp_path: Path, depth: int) -> None:
    path = tmp_path / "deep.yaml"
    path.write_text("a: " + "[" * depth + "]" * depth + "\n", encoding="utf-8")
    outcome = cli("validate", path, "--glossary", GLOSSARY)
    assert outcome.code == 1
    assert "[yaml-too-deep]" in outcome.stdout or "[yaml-syntax]" in outcome.stdout


def test_internal_errors_are_short_unless_debug(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    import plancli.queries.deadlines

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("simulated bug")

    monkeypatch.setattr(plancli.queries.deadlines, "deadline_uses", broken)
    outcome = cli("deadlines")
    assert outcome.code == 70
    assert outcome.stderr.splitlines() == [
        "plancli: error: internal error: RuntimeError: simulated bug",
        "plancli: hint: this is a bug in plancli; rerun with --debug for the traceback and report it",
    ]
    with pytest.raises(RuntimeError, match="simulated bug"):
        cli("--debug", "deadlines")


@pytest.mark.parametrize(
    "args",
    [
        ["overdue", "--as-of", "2016-02-30"],
        ["overdue", "--format", "xml"],
        ["calendar", "--year", "twenty"],
        ["checklist", "--agency", "ЮМ", "--quarter", "2016Q0"],
        ["measures", "--task", "x"],
        ["show"],
        ["nonsense"],
        ["validate", "--status"],
    ],
)
def test_bad_usage_exits_2_with_a_message(cli: Cli, args: list[str]) -> None:
    outcome = cli(*args)
    assert outcome.code == 2
    assert outcome.stdout == ""
    assert outcome.stderr.strip() and "Traceback" not in outcome.stderr


def test_no_color_environment_is_honoured_by_errors(cli: Cli) -> None:
    outcome = cli("overdue", "--as-of", "bad", env={"NO_COLOR": "1"})
    assert "\x1b[" not in outcome.stderr


def test_status_file_that_is_not_a_mapping(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "status.yaml"
    path.write_text("- 1.1 done\n", encoding="utf-8")
    outcome = cli("overdue", "--as-of", "2016-12-31", "--status", path)
    assert outcome.code == 1
    assert "status.yaml:1:1:" in outcome.stderr and "[schema-type]" in outcome.stderr


def test_environment_pointing_nowhere(cli: Cli) -> None:
    outcome = cli("overdue", env={"PLANCLI_PLAN": os.devnull + "-missing"})
    assert outcome.code == 1
    assert "no such file [file-missing]" in outcome.stderr
