"""Renderers: every format has one, colour only where wanted, json/csv without rich."""

from __future__ import annotations

import enum
import importlib
import io
import subprocess
import sys

import pytest

from plancli.render import (
    RENDERERS,
    AgendaFormat,
    CalendarFormat,
    ChecklistFormat,
    Column,
    Format,
    Listing,
    emit,
)

LISTING = Listing(
    records=[{"id": "1.1", "text": "Саясий партиялар", "tags": ["a", "b"]}],
    columns=(
        Column("id", lambda r: r["id"]),
        Column("text", lambda r: r["text"]),
        Column("tags", lambda r: r["tags"]),
    ),
    title="Title",
)


class Terminal(io.StringIO):
    """A stream that claims to be a terminal."""

    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize("formats", [Format, CalendarFormat, ChecklistFormat, AgendaFormat])
def test_every_format_has_a_renderer(formats: type[enum.Enum]) -> None:
    for member in formats:
        assert callable(importlib.import_module(RENDERERS[member.value]).write)


def test_json_and_csv() -> None:
    out = io.StringIO()
    emit(LISTING, Format.json, out)
    assert out.getvalue() == '[{"id":"1.1","text":"Саясий партиялар","tags":["a","b"]}]\n'
    terminal = Terminal()  # people get it indented
    emit(LISTING, Format.json, terminal)
    assert terminal.getvalue() == (
        '[\n  {\n    "id": "1.1",\n    "text": "Саясий партиялар",\n    "tags": [\n      "a",\n      "b"\n    ]\n  }\n]\n'
    )
    out = io.StringIO()
    emit(LISTING, Format.csv, out)
    assert out.getvalue() == "id,text,tags\n1.1,Саясий партиялар,a | b\n"


def test_table_on_a_terminal_is_coloured(monkeypatch: pytest.MonkeyPatch) -> None:
    """The control case: without NO_COLOR a terminal gets escape codes."""
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")
    out = Terminal()
    emit(LISTING, Format.table, out)
    assert "\x1b[" in out.getvalue()


@pytest.mark.parametrize(
    ("env", "color"),
    [({"NO_COLOR": "1"}, None), ({"TERM": "dumb"}, None), ({}, False)],
    ids=["NO_COLOR", "TERM=dumb", "--no-color"],
)
def test_no_escape_codes_when_asked(
    monkeypatch: pytest.MonkeyPatch, env: dict[str, str], color: bool | None
) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    out = Terminal()
    emit(LISTING, Format.table, out, color=color)
    assert "\x1b[" not in out.getvalue()
    assert "Саясий партиялар" in out.getvalue()


def test_piped_table_is_plain_text() -> None:
    out = io.StringIO()
    emit(LISTING, Format.table, out)
    assert "\x1b[" not in out.getvalue() and "1.1" in out.getvalue()


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_json_and_csv_output_do_not_import_rich(fmt: str) -> None:
    code = (
        "import sys\n"
        "from plancli.cli import app\n"
        "try:\n"
        f"    app(['overdue', '--as-of', '2016-12-31', '--format', '{fmt}'], prog_name='plancli')\n"
        "except SystemExit:\n"
        "    pass\n"
        "sys.stderr.write(str(sorted(m for m in sys.modules if m == 'rich' or m.startswith('rich.'))))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, encoding="utf-8", check=True
    )
    assert result.stdout.strip()
    assert result.stderr.strip().endswith("[]")
