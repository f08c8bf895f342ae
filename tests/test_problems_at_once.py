"""Every problem in one run, each at the line and column of the character concerned.

tests/data/multi/ holds files with several mistakes each; every one is named in
the file's header as ``# expect: CODE line N col M``. Validating the file must
report exactly those problems: all of them (nothing hidden by another) and no
others (no problem reported twice or invented by a neighbour's mistake).
``plan-*`` files are checked with the minimal glossary, ``glossary-*`` files
with the minimal plan, ``status-*`` files against the bundled plan.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import DATA, Cli
from plancli.positions import Scalar, locate
from plancli.yamlsource import parse_yaml

MULTI = sorted((DATA / "multi").glob("*.yaml"))
MINIMAL = DATA / "valid" / "minimal.yaml"
MINIMAL_GLOSSARY = DATA / "valid" / "glossary-minimal.yaml"


def expectations(path: Path) -> set[tuple[str, int, int]]:
    header = path.read_text(encoding="utf-8").split("\n", 12)[:12]
    found = {
        (m.group(1), int(m.group(2)), int(m.group(3)))
        for line in header
        if (m := re.fullmatch(r"# expect: (\S+) line (\d+) col (\d+)", line))
    }
    assert len(found) >= 3, f"{path.name} should hold several problems"
    return found


def arguments(path: Path) -> list[str | Path]:
    if path.name.startswith("glossary-"):
        return ["validate", MINIMAL, "--glossary", path]
    if path.name.startswith("status-"):
        return ["validate", "--status", path]
    return ["validate", path, "--glossary", MINIMAL_GLOSSARY]


@pytest.mark.parametrize("path", MULTI, ids=[p.stem for p in MULTI])
def test_every_problem_of_the_file_is_reported_at_its_place(cli: Cli, path: Path) -> None:
    outcome = cli(*arguments(path), "--format", "json")
    assert outcome.code == 1
    reported = {
        (p["code"], p["line"], p["column"])
        for p in json.loads(outcome.stdout)
        if p["file"].endswith(path.name)
    }
    assert reported == expectations(path)


def test_the_corpus_covers_plan_glossary_and_status_files() -> None:
    assert {p.name.split("-")[0] for p in MULTI} == {"plan", "glossary", "status"}


def test_the_issues_three_mistakes_in_text(cli: Cli) -> None:
    path = DATA / "multi" / "plan-three-mistakes.yaml"
    outcome = cli("validate", path, "--glossary", MINIMAL_GLOSSARY)
    assert outcome.code == 1
    lines = outcome.stdout.splitlines()
    assert [re.sub(r".*\[(.*)\]$", r"\1", row) for row in lines[:-1]] == [
        "yaml-value",
        "deadline-unparsed",
        "executor-unknown",
    ]
    assert lines[-1].endswith(": 3 problems")


def test_a_status_file_is_checked_even_when_the_plan_is_broken(cli: Cli) -> None:
    plan = DATA / "multi" / "plan-three-mistakes.yaml"
    status = DATA / "multi" / "status-four-mistakes.yaml"
    outcome = cli(
        "validate", plan, "--glossary", MINIMAL_GLOSSARY, "--status", status, "-f", "json"
    )
    found = {(p["code"], p["line"]) for p in json.loads(outcome.stdout) if "status" in p["file"]}
    # what needs no plan is still found; the plan's ids cannot be judged
    assert found == {("yaml-value", 8), ("schema-type", 12), ("status-conflict", 19)}


def test_an_unparseable_file_stops_at_its_first_syntax_error(cli: Cli, tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    text = MINIMAL.read_text(encoding="utf-8")
    broken.write_text(text.replace("  place:", "  place: [", 1), encoding="utf-8")
    outcome = cli("validate", broken, "--glossary", MINIMAL_GLOSSARY, "-f", "json")
    problems = json.loads(outcome.stdout)
    assert [p["code"] for p in problems] == ["yaml-syntax"]


# ------------------------------------------- positions inside every scalar style

#: (YAML source, the character looked for, its 1-based line and column)
STYLES = {
    "plain": ("k: аб вгЖд\n", "Ж", 1, 9),
    "plain multi-line": ("k: аб\n  вг\n\n   дЖе\n", "Ж", 4, 5),
    "literal |": ("k: |\n  аб\n  вгЖ\n", "Ж", 3, 5),
    "literal |- with more indentation": ("k: |-\n  аб\n    вгЖ\n", "Ж", 3, 7),
    "literal |2+ with an indentation indicator": ("k: |2+\n    аб\n  вгЖ\n\n", "Ж", 3, 5),
    "folded >": ("k: >\n  аб\n  вг дЖ\n", "Ж", 3, 7),
    "folded >- (the issue's decree title)": (
        "decree:\n  title: >-\n    2015-2017-жылдарга\n    стратегиясын аткaруу\n",
        "a",
        4,
        21,
    ),
    "folded with a blank line": ("k: >\n  аб\n\n  вгЖ\n", "Ж", 4, 5),
    "single-quoted": ("k: 'а''б\n  вгЖ'\n", "Ж", 2, 5),
    "double-quoted": ('k: "аб\n  вгЖ"\n', "Ж", 2, 5),
    "double-quoted after escapes": ('k: "\\u0430\\t\\"б\\\n  вгЖ"\n', "Ж", 2, 5),
    "double-quoted escape itself": ('k: "аб \\u0416"\n', "Ж", 1, 8),
    "flow sequence item": ("k: [аб, вг\n  Жд]\n", "Ж", 2, 3),
    "CRLF line ends": ("k: >\r\n  аб\r\n  вгЖ\r\n", "Ж", 3, 5),
}


@pytest.mark.parametrize("case", sorted(STYLES))
def test_a_character_is_located_where_it_is_typed(case: str) -> None:
    source, char, line, column = STYLES[case]
    doc = parse_yaml(source, file="t.yaml", track_positions=True)
    path = next(p for p in doc.scalars if char in doc.value(p))
    value = doc.value(path)
    assert value.count(char) == 1, value
    assert doc.position(path, offset=value.index(char)) == (line, column)


@settings(max_examples=150, deadline=None)
@given(
    text=st.lists(
        st.sampled_from(["аб", "вгд", "Ж", "ң", "x", "'", '"', "\\", "#", ":", "-", "\t"]),
        min_size=1,
        max_size=40,
    ).map(" ".join),
    style=st.sampled_from([None, "|", ">", "'", '"']),
    width=st.integers(min_value=10, max_value=40),
)
def test_every_non_blank_character_maps_to_itself(text: str, style: str | None, width: int) -> None:
    """Whatever PyYAML writes (folded at any width, escaped, quoted), each visible
    character of the value is found at a place in the file holding that character."""
    source = yaml.dump(
        {"k": text}, default_style=style, width=width, allow_unicode=True, sort_keys=False
    )
    doc = parse_yaml(source, file="t.yaml", track_positions=True)
    value = doc.value(("k",))
    assert value == text
    lines = source.splitlines()
    scalar = doc.scalars[("k",)]
    for offset, char in enumerate(value):
        if char.isspace() or char in "\\\"'":
            continue  # whitespace is made and dropped by folding; quotes and \\ by escaping
        line, column = locate(source, scalar, value, offset)
        assert lines[line - 1][column - 1] == char, (source, offset)


def test_a_scalar_record_is_kept_only_when_positions_are_asked_for() -> None:
    assert parse_yaml("k: аб\n", file="t.yaml").scalars == {}
    assert isinstance(
        parse_yaml("k: аб\n", file="t.yaml", track_positions=True).scalars[("k",)], Scalar
    )


# ------------------------------------------------------- glossary --unused


def test_a_term_used_only_through_its_aliases_is_used(cli: Cli) -> None:
    unused = {r["term"] for r in json.loads(cli("glossary", "--unused", "-f", "json").stdout)}
    # the issue's list: each is an executor only under an alias
    assert not {"КРУБ", "СММ", "Улутстатком", "УСИИ", "АРБ"} & unused
    records = {r["term"]: r for r in json.loads(cli("glossary", "-f", "json").stdout)}
    krub = records["КРУБ"]
    assert krub["as_executor"] == 0 and krub["via_aliases"] > 0
    # АРБ: its alias АСБ occurs inside the executor "мамлекеттик органдардын АСБ кызматтары"
    assert records["АСБ"]["in_text"] > 0 and records["АРБ"]["via_aliases"] > 0
    assert "ДСУ" in unused  # a term nobody uses stays unused
