"""Issue 19's sweep, second helper's findings: each ended in exit 70 before.

Hostile json checklists (nesting, huge numbers, NaN), ``collect`` writing a
status file its own read limit refuses, ics and xlsx output to a full disk or a
closed stdout, and ``calendar --month`` outside plancli's years. Each answer is
a clear message and a documented exit code (1 for bad input or a failed write,
2 for bad usage), never a traceback.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import typer

from conftest import Cli
from plancli import files
from plancli.cli import app
from plancli.collect import MAX_TEXT_CHARS

PYTHON = [sys.executable, "-m", "plancli"]


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Files are named relative to the working directory, as a clerk would see them."""
    monkeypatch.chdir(tmp_path)


def _clean(stderr: str) -> None:
    assert "Traceback" not in stderr, stderr
    assert "internal error" not in stderr and "bug in plancli" not in stderr, stderr


# ------------------------------------------------------ hostile json checklists


def _checklist(cli: Cli, **answers: Any) -> dict[str, Any]:
    """ЮМ's 2016Q4 checklist as json, its first item filled with ``answers``."""
    outcome = cli("checklist", "-a", "ЮМ", "-q", "2016Q4", "-f", "json")
    assert outcome.code == 0, outcome.stderr
    document: dict[str, Any] = json.loads(outcome.stdout)
    document["items"][0].update(answers)
    return document


DONE = {"state": "done", "date": "2016-12-20", "evidence": "№ 01-123"}

HOSTILE_JSON = {
    "nested past python's limit": "[" * 200_000 + "]" * 200_000,
    "an int of 5,000 digits": '{"agency": 1' + "0" * 5000 + "}",
    "an int of 101 digits": '{"agency": "ЮМ", "items": [], "quarter": 1' + "0" * 100 + "}",
    "NaN": '{"agency": NaN, "items": []}',
    "Infinity": '{"agency": "ЮМ", "quarter": "2016Q4", "items": [{"id": Infinity}]}',
    "-Infinity": '{"agency": -Infinity, "items": []}',
    "a float beyond double": '{"agency": 1e999, "items": []}',
}


@pytest.mark.parametrize("content", HOSTILE_JSON.values(), ids=HOSTILE_JSON.keys())
def test_hostile_json_checklists_are_a_problem_of_that_file(cli: Cli, content: str) -> None:
    Path("x.json").write_text(content, encoding="utf-8")
    outcome = cli("collect", "x.json", "-o", "status.yaml")
    _clean(outcome.stderr)
    assert outcome.code == 1, outcome.stderr
    first = outcome.stderr.splitlines()[0]
    assert first.startswith("x.json: error: ") and first.endswith("[collect-json]"), first
    assert not Path("status.yaml").exists()


@pytest.mark.parametrize("field", ["evidence", "note", "state", "date", "id"])
@pytest.mark.parametrize("shape", ["deep", "object"])
def test_a_list_or_object_in_a_field_is_located(cli: Cli, field: str, shape: str) -> None:
    """Nesting within Python's limits is still no cell value: a problem at that field."""
    value: Any = {"a": 1}
    if shape == "deep":
        value = []
        for _ in range(900):
            value = [value]
    document = _checklist(cli, **{**DONE, field: value})
    Path("ЮМ.json").write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    outcome = cli("collect", "ЮМ.json", "-o", "status.yaml")
    _clean(outcome.stderr)
    assert outcome.code == 1, outcome.stderr
    assert f"ЮМ.json:items[0].{field}: error: expected text, a number or null" in outcome.stderr
    assert not Path("status.yaml").exists()


@pytest.mark.parametrize("field", ["agency", "quarter"])
def test_a_nested_heading_is_located(cli: Cli, field: str) -> None:
    document = _checklist(cli, **DONE)
    document[field] = [[[["ЮМ"]]]]
    Path("ЮМ.json").write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    outcome = cli("collect", "ЮМ.json", "-o", "status.yaml")
    assert outcome.code == 1, outcome.stderr
    assert f"ЮМ.json:{field}: error: expected text [collect-json]" in outcome.stderr


@pytest.mark.parametrize(
    ("level", "field"),
    [("item", f) for f in ("state", "date", "id", "agency", "quarter")]
    + [("document", "agency"), ("document", "quarter")],
)
def test_a_pasted_megabyte_is_quoted_short(cli: Cli, field: str, level: str) -> None:
    """A value that is no state, date, id, agency or quarter is named in a short
    line, not echoed whole (a megabyte of stderr per cell)."""
    document = _checklist(cli, **DONE)
    pasted = "Ж" * 1_000_000
    if level == "document":
        document[field] = pasted
        for item in document["items"]:
            item.pop(field, None)
    else:
        document["items"][0][field] = pasted
    Path("ЮМ.json").write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    outcome = cli("collect", "ЮМ.json", "-o", "status.yaml")
    _clean(outcome.stderr)
    assert outcome.code == 1, outcome.stderr[:500]
    assert len(outcome.stderr) < 1000, outcome.stderr[:500]
    assert "(1,000,000 characters)" in outcome.stderr
    assert not Path("status.yaml").exists()


def _spoiled_workbook(cli: Cli, cell: str) -> Path:
    """ЮМ's xlsx checklist with the empty date cell of its first item replaced by ``cell``."""
    import zipfile

    made = Path("made.xlsx")
    assert cli("checklist", "-a", "ЮМ", "-q", "2016Q4", "-f", "xlsx", "-o", made).code == 0
    spoiled = Path("ЮМ.xlsx")
    with zipfile.ZipFile(made) as source, zipfile.ZipFile(spoiled, "w") as target:
        for name in source.namelist():
            data = source.read(name)
            if name == "xl/worksheets/sheet1.xml":
                text = data.decode()
                empty = '<c r="I13" s="10" t="n" />'
                assert empty in text
                data = text.replace(empty, cell.replace("REF", "I13"), 1).encode()
            target.writestr(name, data)
    return spoiled


@pytest.mark.parametrize(
    "cell",
    [
        '<c r="REF" t="s"><v>' + "9" * 5000 + "</v></c>",
        '<c r="REF" t="s"><v>-1</v></c>',
        '<c r="REF" t="s"><v>99999</v></c>',
    ],
    ids=["5000 digits", "negative", "past the end"],
)
def test_a_shared_text_that_does_not_exist_is_no_blank(cli: Cli, cell: str) -> None:
    """A crafted workbook's shared-text index: a problem of the file, never a blank cell
    and never Python's int-digits advice."""
    outcome = cli("collect", _spoiled_workbook(cli, cell), "-o", "status.yaml")
    _clean(outcome.stderr)
    assert outcome.code == 1, outcome.stderr
    assert (
        "ЮМ.xlsx: error: not a readable xlsx workbook (a cell names a shared text that "
        "does not exist) [collect-not-xlsx]"
    ) in outcome.stderr
    assert not Path("status.yaml").exists()


@pytest.mark.parametrize("number", ["1e999", "nan", "9" * 5000])
def test_absurd_numbers_in_a_workbook_cell_are_no_date(cli: Cli, number: str) -> None:
    cell = f'<c r="REF" t="n"><v>{number}</v></c>'
    outcome = cli("collect", _spoiled_workbook(cli, cell), "-o", "status.yaml")
    _clean(outcome.stderr)
    assert outcome.code == 1, outcome.stderr
    assert "ЮМ.xlsx:checklist!I13: error: " in outcome.stderr
    assert len(outcome.stderr) < 2000


# ------------------------------------------- collect and the status file's limit


@pytest.mark.parametrize("field", ["evidence", "note"])
def test_ten_mib_of_evidence_is_a_problem_at_its_field(cli: Cli, field: str) -> None:
    text = "ж" * (5 * 1024 * 1024)  # 10 MiB in UTF-8, under the checklist file's limit
    document = _checklist(cli, **{**DONE, field: text})
    Path("ЮМ.json").write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    outcome = cli("collect", "ЮМ.json", "-o", "status.yaml")
    assert outcome.code == 1, outcome.stderr
    assert (
        f"ЮМ.json:items[0].{field}: error: {len(text):,} characters; {field} is at most "
        f"{MAX_TEXT_CHARS:,}"
    ) in outcome.stderr
    assert "[collect-too-long]" in outcome.stderr
    assert not Path("status.yaml").exists()


def test_the_longest_text_allowed_is_collected(cli: Cli) -> None:
    document = _checklist(cli, **{**DONE, "evidence": "ж" * MAX_TEXT_CHARS})
    Path("ЮМ.json").write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    assert cli("collect", "ЮМ.json", "-o", "status.yaml").code == 0
    assert cli("validate", "--status", "status.yaml").code == 0


def _over_the_limit(outcome: Any, size_at_least: int) -> None:
    _clean(outcome.stderr)
    assert outcome.code == 1, outcome.stderr
    line = outcome.stderr.splitlines()[-2]
    assert line.startswith("plancli: error: status.yaml would be "), outcome.stderr
    size = int(line.split(" would be ")[1].split(" bytes")[0].replace(",", ""))
    assert size > files.MAX_STATUS_BYTES and size >= size_at_least
    assert f"over the {files.MAX_STATUS_BYTES:,}-byte limit of a status file" in line
    assert line.endswith("nothing written")


def test_collect_never_grows_a_status_file_past_the_read_limit(cli: Cli) -> None:
    """A status file just under the limit (a long comment): one more entry would
    make a file every later command refuses, so nothing is written."""
    Path("ЮМ.json").write_text(json.dumps(_checklist(cli, **DONE)), encoding="utf-8")
    assert cli("collect", "ЮМ.json", "-o", "status.yaml").code == 0
    text = Path("status.yaml").read_bytes()
    padding = files.MAX_STATUS_BYTES - len(text) - 10
    Path("status.yaml").write_bytes(b"#" + b"x" * padding + b"\n" + text)
    assert cli("validate", "--status", "status.yaml").code == 0  # readable as it is
    before = Path("status.yaml").read_bytes()
    later = _checklist(cli, **{**DONE, "date": "2016-12-21"})
    Path("ЮМ.json").write_text(json.dumps(later), encoding="utf-8")
    _over_the_limit(cli("collect", "ЮМ.json", "-o", "status.yaml"), len(before))
    assert Path("status.yaml").read_bytes() == before


def test_collect_never_writes_a_new_status_file_over_the_limit(
    cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Whatever the limit is set to: the written file is checked against it."""
    monkeypatch.setattr(files, "MAX_STATUS_BYTES", 400)
    document = _checklist(cli, **DONE)
    for item in document["items"][1:4]:
        item.update(DONE)
    Path("ЮМ.json").write_text(json.dumps(document), encoding="utf-8")
    _over_the_limit(cli("collect", "ЮМ.json", "-o", "status.yaml"), 401)
    assert not Path("status.yaml").exists()


# ---------------------------------------------------- binary and ics output


def _binary_formats() -> list[tuple[str, str]]:
    """(command, format) for every command that writes ics or xlsx."""
    found = []
    for name, command in typer.main.get_command(app).commands.items():  # type: ignore[attr-defined]
        for param in command.params:
            choices = getattr(param.type, "choices", ())
            if "--format" in param.opts:
                found += [(name, str(c)) for c in choices if str(c) in ("ics", "xlsx")]
    return found


BINARY_FORMATS = _binary_formats()


def test_the_sweep_finds_the_ics_and_xlsx_commands() -> None:
    expected = {("calendar", "ics"), ("agenda", "ics")} | {
        (c, "xlsx") for c in ("measures", "overdue", "progress", "checklist", "report")
    }
    assert expected <= set(BINARY_FORMATS)


def _command(name: str, fmt: str) -> list[str]:
    command = typer.main.get_command(app).commands[name]  # type: ignore[attr-defined]
    args = [name, "--format", fmt]
    if any("--as-of" in p.opts for p in command.params):
        args += ["--as-of", "2016-12-31"]
    if name == "checklist":
        args += ["--agency", "ЮМ", "--quarter", "2016Q4"]
    return args


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize(("name", "fmt"), BINARY_FORMATS)
def test_ics_and_xlsx_to_a_full_disk(name: str, fmt: str) -> None:
    # /dev/full is only ever a redirect target opened for writing, never an -o path
    with open("/dev/full", "wb") as full:
        outcome = subprocess.run(
            [*PYTHON, *_command(name, fmt)],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            timeout=120,
            check=False,
        )
    _clean(outcome.stderr)
    assert outcome.returncode == 1, outcome.stderr
    assert outcome.stderr.splitlines()[-1] == (
        "plancli: error: cannot write the output: No space left on device"
    )


@pytest.mark.parametrize(("name", "fmt"), BINARY_FORMATS)
def test_ics_and_xlsx_to_a_closed_stdout(name: str, fmt: str) -> None:
    command = " ".join(f"'{a}'" for a in [*PYTHON, *_command(name, fmt)])
    outcome = subprocess.run(
        ["bash", "-c", command + " >&-"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={**os.environ, "PLANCLI_NO_CACHE": "1"},
    )
    _clean(outcome.stderr)
    assert outcome.returncode == 1, outcome.stderr
    assert (
        outcome.stderr.splitlines()[-1] == "plancli: error: cannot write the output: it is closed"
    )


def test_xlsx_to_a_pipe_still_works() -> None:
    outcome = subprocess.run(
        [*PYTHON, *_command("measures", "xlsx")], capture_output=True, timeout=120, check=False
    )
    assert outcome.returncode == 0 and outcome.stdout.startswith(b"PK"), outcome.stderr


# ------------------------------------------------------------ calendar --month


@pytest.mark.parametrize("fmt", ["table", "json", "ics"])
@pytest.mark.parametrize("month", ["9999-12", "0001-01", "1899-12", "2200-01"])
def test_months_outside_the_range_are_usage_errors(cli: Cli, month: str, fmt: str) -> None:
    outcome = cli("calendar", "--month", month, "-f", fmt)
    assert outcome.code == 2 and outcome.stdout == ""
    assert outcome.stderr.splitlines() == [
        f"plancli: error: Invalid value for '--month' / '-m': {month} is outside the months "
        "plancli accepts (1900-01 to 2199-12) (see 'plancli calendar --help')"
    ]


@pytest.mark.parametrize("month", ["2016-13", "2016-00", "2016-1", "201612", "2016-12-01", "x"])
def test_a_month_not_written_yyyy_mm_is_a_usage_error(cli: Cli, month: str) -> None:
    outcome = cli("calendar", "--month", month)
    assert outcome.code == 2
    assert f"'{month}' is not a month; expected YYYY-MM, e.g. 2016-12" in outcome.stderr


@pytest.mark.parametrize(("month", "last"), [("1900-01", "1900-01-31"), ("2199-12", "2199-12-31")])
def test_the_first_and_last_months_are_accepted(cli: Cli, month: str, last: str) -> None:
    outcome = cli("calendar", "--month", month, "-f", "json", "--as-of", "2016-12-31")
    assert outcome.code == 0, outcome.stderr
    assert json.loads(outcome.stdout)["end"] == last
