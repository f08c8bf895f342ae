"""The reporting loop through the CLI: checklist -> filled by a clerk -> collect -> overdue.

Workbooks are filled with openpyxl here, as a clerk's Excel would save them;
hostile ones (formulas, merged cells, a renamed sheet, 50,000 rows, a
European csv, another encoding) must each give one clear message.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import ROOT, Cli

EXAMPLE = ROOT / "docs" / "examples" / "status-example.yaml"


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Files are named relative to the working directory, as a clerk would see them."""
    monkeypatch.chdir(tmp_path)


@pytest.fixture(params=["whole", "streamed"])
def sheet_reading(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Sheets are parsed whole when small and streamed when big: run a test both ways."""
    from plancli import checklist_files

    if request.param == "streamed":
        monkeypatch.setattr(checklist_files, "_WHOLE_SHEET_BYTES", -1)
    return str(request.param)


def checklist_xlsx(cli: Cli, folder: Path, agency: str = "ЮМ", quarter: str = "2016Q4") -> Path:
    target = folder / f"{agency}-{quarter}.xlsx"
    outcome = cli("checklist", "-a", agency, "-q", quarter, "-f", "xlsx", "-o", target)
    assert outcome.code == 0, outcome.stderr
    return target


def fill(path: Path, answers: dict[str, dict[str, Any]]) -> dict[str, int]:
    """Fill rows by id as a clerk would; returns each id's row number."""
    workbook = openpyxl.load_workbook(path)
    sheet = workbook["checklist"]
    header = next(r for r in range(1, 30) if sheet.cell(row=r, column=1).value == "id")
    columns = {c.value: c.column for c in sheet[header]}
    rows = {sheet.cell(row=r, column=1).value: r for r in range(header + 1, sheet.max_row + 1)}
    for item, values in answers.items():
        for column, value in values.items():
            sheet.cell(row=rows[item], column=columns[column], value=value)
    workbook.save(path)
    return rows


def overdue_items(cli: Cli, status: Path, *args: str) -> dict[str, dict[str, Any]]:
    outcome = cli("overdue", "--as-of", "2016-12-31", "--status", status, "-f", "json", *args)
    assert outcome.code == 0, outcome.stderr
    return {i["id"]: i for i in json.loads(outcome.stdout)["items"]}


@pytest.mark.usefixtures("sheet_reading")
def test_the_whole_loop(cli: Cli, tmp_path: Path) -> None:
    workbook = checklist_xlsx(cli, tmp_path)
    before = overdue_items(cli, EXAMPLE)  # any valid status: 1.3 is overdue
    assert before["1.3"]["status"] == "overdue"
    fill(
        workbook,
        {
            "1.3": {
                "state": "done",
                "date": dt.date(2016, 12, 20),
                "evidence": "ЮМдин № 01-123 каты",
            },
            "4.2": {"state": "partially_done", "date": dt.date(2016, 11, 1), "note": "долбоор"},
        },
    )
    status = tmp_path / "status.yaml"
    outcome = cli("collect", workbook, "-o", status)
    assert outcome.code == 0, outcome.stderr
    assert outcome.stdout == ""
    assert "2 new entries from 1 file" in outcome.stderr
    assert cli("validate", "--status", status).code == 0
    items = overdue_items(cli, status)
    # done in December 2016, due July 2015: completed late, reported by ЮМ
    assert items["1.3"]["status"] == "done_late" and items["1.3"]["done_on"] == "2016-12-20"
    assert items["1.3"]["last_status"]["reported_by"] == "ЮМ"
    assert items["1.3"]["last_status"]["quarter"] == "2016Q4"
    assert items["4.2"]["status"] == "due_today"
    assert items["4.2"]["last_status"]["state"] == "partially_done"
    # the table says who reported what
    table = cli("overdue", "--as-of", "2017-01-31", "--status", status, "-a", "ЮМ").stdout
    assert "partially_done (ЮМ, 2016-11-01)" in table
    # the next checklist shows the latest report too
    document = json.loads(
        cli("checklist", "-a", "ЮМ", "-q", "2017Q1", "--status", status, "-f", "json").stdout
    )
    assert {i["id"]: i for i in document["items"]}["4.2"]["last_status"]["state"] == (
        "partially_done"
    )
    # progress per body counts what each body reported itself
    progress = json.loads(
        cli(
            "progress", "--by", "agency", "--as-of", "2016-12-31", "--status", status, "-f", "json"
        ).stdout
    )
    reported = {r["agency"]: r["reported"] for r in progress["rows"] if r["reported"]}
    assert reported == {"ЮМ": 2}
    assert progress["totals"]["reported"] == 2
    before = json.loads(
        cli(
            "progress", "--by", "agency", "--as-of", "2016-12-19", "--status", status, "-f", "json"
        ).stdout
    )  # 1.3's report is dated 2016-12-20: not known yet
    assert {r["agency"]: r["reported"] for r in before["rows"] if r["reported"]} == {"ЮМ": 1}
    table = cli(
        "progress", "--by", "agency", "--as-of", "2016-12-31", "--status", status, "--wide"
    ).stdout
    header = next(line for line in table.splitlines() if line.startswith("agency"))
    assert header.split()[-1] == "reported"


def test_collecting_twice_adds_nothing(cli: Cli, tmp_path: Path) -> None:
    workbook = checklist_xlsx(cli, tmp_path)
    fill(workbook, {"1.3": {"state": "in_progress", "date": dt.date(2016, 10, 3)}})
    status = tmp_path / "status.yaml"
    assert cli("collect", workbook, "-o", status).code == 0
    first = status.read_bytes()
    again = cli("collect", workbook, workbook, "-o", status)
    assert again.code == 0 and "0 new entries" in again.stderr and "2 already there" in again.stderr
    assert status.read_bytes() == first


def test_merging_keeps_the_existing_file(cli: Cli, tmp_path: Path) -> None:
    status = tmp_path / "status.yaml"
    status.write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    original = status.read_text(encoding="utf-8")
    workbook = checklist_xlsx(cli, tmp_path)
    # 1.1 already has a hand-written entry; a report on another day adds to it
    fill(
        workbook,
        {"1.3": {"state": "done", "date": "2016-12-01", "evidence": "https://example.org/x"}},
    )
    assert cli("collect", workbook, "-o", status).code == 0
    merged = status.read_text(encoding="utf-8")
    assert merged.startswith(original)  # comments and entries kept byte for byte
    assert cli("validate", "--status", status).code == 0
    from plancli.loading import load_dataset, load_status

    log = load_status(status, load_dataset())
    assert log is not None and len(list(log)) == original.count("- id:") + 1


def test_every_problem_at_once_and_nothing_written(cli: Cli, tmp_path: Path) -> None:
    workbook = checklist_xlsx(cli, tmp_path)
    ids = [i["id"] for i in json.loads(cli("measures", "-f", "json").stdout)]
    document = json.loads(cli("checklist", "-a", "ЮМ", "-q", "2016Q4", "-f", "json").stdout)
    foreign = next(i for i in ids if i not in {x["measure"] for x in document["items"]})
    rows = fill(
        workbook,
        {
            "1.1": {"state": "finished", "date": dt.date(2016, 12, 1)},
            "1.3": {"state": "done", "date": dt.date(2014, 1, 1), "evidence": "x"},
            "1.4": {"state": "done", "date": dt.date(2017, 2, 1), "evidence": "x"},
            "2.1": {"state": "in_progress"},
            "2.2": {"id": "99.1", "state": "done", "date": dt.date(2016, 12, 1)},
            "2.3": {"id": foreign, "state": "done", "date": dt.date(2016, 12, 1)},
            "3.1": {"id": "4.2", "state": "done", "date": dt.date(2016, 12, 1), "evidence": "y"},
            "4.2": {"state": "done", "date": dt.date(2016, 12, 2), "evidence": "z"},
            "5.1": {"state": "done", "date": dt.date(2016, 12, 2)},
        },
    )
    sheet = openpyxl.load_workbook(workbook)
    sheet["checklist"]["B4"] = "2016Q3"  # the quarter cell, edited
    sheet.save(workbook)
    status = tmp_path / "status.yaml"
    outcome = cli("collect", workbook, "-o", status)
    assert outcome.code == 1
    assert not status.exists()
    name = workbook.name
    lines = outcome.stderr.splitlines()

    def said(place: str, text: str) -> bool:
        return any(
            line.startswith(f"{name}:checklist!{place}: ") and text in line for line in lines
        )

    assert said("B4", "the quarter cell says '2016Q3' but this checklist was made for '2016Q4'")
    # with the quarter edited nothing below is judged against the wrong checklist;
    # put it back and every row problem shows, each at its cell
    sheet = openpyxl.load_workbook(workbook)
    sheet["checklist"]["B4"] = "2016Q4"
    sheet.save(workbook)
    outcome = cli("collect", workbook, "-o", status)
    assert outcome.code == 1 and not status.exists()
    lines = outcome.stderr.splitlines()
    assert said(f"H{rows['1.1']}", "'finished' is not a state")
    assert said(f"I{rows['1.3']}", "2014-01-01 is outside 2015-03-30 (the decree)")
    assert said(f"I{rows['1.4']}", "to 2017-01-15 (this report's due date)")
    assert said(f"I{rows['2.1']}", "date missing")
    assert said(f"A{rows['2.2']}", "no item '99.1' in the plan")
    assert said(f"A{rows['2.3']}", f"{foreign} is not on ЮМ's checklist for 2016Q4")
    assert said(f"A{rows['4.2']}", f"4.2 again (first at {name}:checklist!A{rows['3.1']})")
    assert said(f"J{rows['5.1']}", "warning: 5.1 is done without evidence")
    assert lines[-1] == f"plancli: 7 errors in 1 file; nothing written to {status.name}" or (
        "7 errors in 1 file; nothing written" in lines[-1]
    )


def test_an_error_in_one_file_writes_nothing_from_the_others(cli: Cli, tmp_path: Path) -> None:
    good = checklist_xlsx(cli, tmp_path)
    fill(good, {"1.3": {"state": "in_progress", "date": dt.date(2016, 10, 3)}})
    bad = checklist_xlsx(cli, tmp_path, "БШК")
    fill(bad, {"1.2@2016": {"state": "done", "date": "yesterday"}})
    status = tmp_path / "status.yaml"
    status.write_text("entries: []\n")
    outcome = cli("collect", good, bad, "-o", status)
    assert outcome.code == 1 and "'yesterday' is not a date" in outcome.stderr
    assert status.read_text() == "entries: []\n"


# --------------------------------------------------------- hostile workbooks


def hostile(cli: Cli, tmp_path: Path, spoil: Any) -> str:
    workbook = checklist_xlsx(cli, tmp_path)
    book = openpyxl.load_workbook(workbook)
    spoil(book["checklist"], book)
    book.save(workbook)
    outcome = cli("collect", workbook, "-o", tmp_path / "status.yaml")
    assert outcome.code == 1, outcome.stderr
    assert "Traceback" not in outcome.stderr and "internal error" not in outcome.stderr
    assert not (tmp_path / "status.yaml").exists()
    return outcome.stderr


@pytest.mark.usefixtures("sheet_reading")
def test_formula_in_a_cell(cli: Cli, tmp_path: Path) -> None:
    def spoil(sheet: Any, book: Any) -> None:
        sheet["H12"] = '=IF(1=1,"done","")'
        sheet["I12"] = "=TODAY()"

    message = hostile(cli, tmp_path, spoil)
    assert 'ЮМ-2016Q4.xlsx:checklist!H12: error: holds a formula (=IF(1=1,"done",""))' in message
    assert "ЮМ-2016Q4.xlsx:checklist!I12: error: holds a formula (=TODAY())" in message


@pytest.mark.usefixtures("sheet_reading")
def test_merged_cells(cli: Cli, tmp_path: Path) -> None:
    def spoil(sheet: Any, book: Any) -> None:
        sheet["H12"] = "done"
        sheet.merge_cells("H12:I13")

    message = hostile(cli, tmp_path, spoil)
    assert "ЮМ-2016Q4.xlsx:checklist!H12:I13: error: merged cells in the table" in message


@pytest.mark.usefixtures("sheet_reading")
def test_renamed_sheet(cli: Cli, tmp_path: Path) -> None:
    def spoil(sheet: Any, book: Any) -> None:
        sheet.title = "Лист1"

    message = hostile(cli, tmp_path, spoil)
    assert "no sheet named 'checklist' (found 'Лист1'); rename the sheet back" in message


@pytest.mark.usefixtures("sheet_reading")
def test_fifty_thousand_rows(cli: Cli, tmp_path: Path) -> None:
    def spoil(sheet: Any, book: Any) -> None:
        for row in range(200, 50_200):
            sheet.cell(row=row, column=1, value=f"{row}.1")

    message = hostile(cli, tmp_path, spoil)
    assert "checklist!A10001: error: the sheet has more than 10,000 rows" in message


def test_not_a_workbook(cli: Cli, tmp_path: Path) -> None:
    fake = tmp_path / "ЮМ.xlsx"
    fake.write_text("id,state\n")
    outcome = cli("collect", fake, "-o", tmp_path / "s.yaml")
    assert outcome.code == 1 and "not an xlsx workbook (not a zip archive)" in outcome.stderr


# -------------------------------------------------------------- csv and json


def checklist_csv(cli: Cli) -> list[dict[str, str]]:
    text = cli("checklist", "-a", "ЮМ", "-q", "2016Q4", "-f", "csv").stdout
    return list(csv.DictReader(io.StringIO(text)))


def write_csv(
    path: Path, rows: list[dict[str, str]], *, delimiter: str = ",", encoding: str = "utf-8"
) -> None:
    buffer = io.StringIO()
    writer = csv.DictWriter(
        buffer, fieldnames=list(rows[0]), delimiter=delimiter, lineterminator="\r\n"
    )
    writer.writeheader()
    writer.writerows(rows)
    path.write_bytes(buffer.getvalue().encode(encoding, errors="replace"))


def test_european_excel_csv_with_bom_and_semicolons(cli: Cli, tmp_path: Path) -> None:
    rows = checklist_csv(cli)
    rows[1].update(state="done", date="20.12.2016", evidence="№ 01-123")
    rows[2].update(state="Partially done", date="2016-11-01")
    rows[3].update(state="maybe", date="2016-11-01")
    path = tmp_path / "ЮМ-2016Q4.csv"
    write_csv(path, rows, delimiter=";", encoding="utf-8-sig")
    status = tmp_path / "status.yaml"
    outcome = cli("collect", path, "-o", status)
    assert outcome.code == 1
    # line 1 is the header: rows[3] is on line 5
    assert "ЮМ-2016Q4.csv:5:state: error: 'maybe' is not a state" in outcome.stderr
    rows[3].update(state="", date="")
    write_csv(path, rows, delimiter=";", encoding="utf-8-sig")
    outcome = cli("collect", path, "-o", status)
    assert outcome.code == 0, outcome.stderr
    text = status.read_text(encoding="utf-8")
    assert f'id: "{rows[1]["id"]}"\n    date: 2016-12-20\n    state: done' in text
    assert "state: partially_done" in text


def test_csv_in_another_encoding(cli: Cli, tmp_path: Path) -> None:
    rows = checklist_csv(cli)
    rows[0].update(state="done", date="2016-12-20", evidence="каты")
    path = tmp_path / "ЮМ.csv"
    write_csv(path, rows, delimiter=";", encoding="cp1251")
    outcome = cli("collect", path, "-o", tmp_path / "status.yaml")
    assert outcome.code == 1
    assert "ЮМ.csv:2: error: not UTF-8 text (byte 0xDE on line 2)" in outcome.stderr
    assert "'CSV UTF-8'" in outcome.stderr


def test_csv_with_an_edited_agency(cli: Cli, tmp_path: Path) -> None:
    rows = checklist_csv(cli)
    rows[4]["agency"] = "ИИМ"
    rows[4].update(state="done", date="2016-12-20", evidence="x")
    path = tmp_path / "x.csv"
    write_csv(path, rows)
    outcome = cli("collect", path, "-o", tmp_path / "status.yaml")
    assert outcome.code == 1
    assert "x.csv:6:agency: error: agency 'ИИМ' differs from 'ЮМ' above" in outcome.stderr


@pytest.mark.parametrize(
    ("agency", "collected"),
    [("Юстиция", True), ("ЮМ (макулдашуу боюнча)", True), ("IUM", False)],
)
def test_the_agency_of_a_file_is_read_as_every_agency_name(
    cli: Cli, tmp_path: Path, agency: str, collected: bool
) -> None:
    rows = checklist_csv(cli)
    for row in rows:
        row["agency"] = agency
    rows[0].update(state="done", date="2016-12-20", evidence="x")
    path = tmp_path / "x.csv"
    write_csv(path, rows)
    outcome = cli("collect", path, "-o", tmp_path / "status.yaml")
    if collected:
        assert outcome.code == 0, outcome.stderr
        assert 'reported_by: "ЮМ"' in (tmp_path / "status.yaml").read_text(encoding="utf-8")
    else:
        assert outcome.code == 1
        assert "unknown agency or abbreviation 'IUM' (did you mean ЮМ?" in outcome.stderr
        assert "`plancli agencies` lists the known bodies)" in outcome.stderr


def test_json_checklist(cli: Cli, tmp_path: Path) -> None:
    document = json.loads(cli("checklist", "-a", "ЮМ", "-q", "2016Q4", "-f", "json").stdout)
    document["items"][0].update(state="done", date="2016-12-20", evidence="x")
    document["items"][1].update(state="done", date="2016-13-01")
    path = tmp_path / "ЮМ.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    outcome = cli("collect", path, "-o", tmp_path / "status.yaml")
    assert outcome.code == 1
    assert "ЮМ.json:items[1].date: error: '2016-13-01' is not a date" in outcome.stderr
    document["items"][1].update(date="2016-12-01")
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    assert cli("collect", path, "-o", tmp_path / "status.yaml").code == 0


@pytest.mark.parametrize("content", [b"", b"{", b"[1, 2]", b'{"items": "x"}'])
def test_broken_json(cli: Cli, tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "x.json"
    path.write_bytes(content)
    outcome = cli("collect", path, "-o", tmp_path / "status.yaml")
    assert outcome.code == 1 and outcome.stderr.startswith("x.json")


def test_usage(cli: Cli, tmp_path: Path) -> None:
    assert cli("collect", "-o", tmp_path / "s.yaml").code == 2
    assert cli("collect", tmp_path / "a.xlsx").code == 2
    outcome = cli("collect", tmp_path / "missing.xlsx", "-o", tmp_path / "s.yaml")
    assert outcome.code == 1 and "missing.xlsx: error: cannot read it" in outcome.stderr
    other = tmp_path / "notes.txt"
    other.write_text("x")
    outcome = cli("collect", other, "-o", tmp_path / "s.yaml")
    assert outcome.code == 1 and "expected a .xlsx, .csv or .json checklist" in outcome.stderr


def test_nothing_filled_makes_an_empty_valid_status_file(cli: Cli, tmp_path: Path) -> None:
    workbook = checklist_xlsx(cli, tmp_path)
    status = tmp_path / "status.yaml"
    outcome = cli("collect", workbook, "-o", status)
    assert outcome.code == 0 and "0 new entries" in outcome.stderr
    assert status.read_text(encoding="utf-8").endswith("entries: []\n")
    assert cli("validate", "--status", status).code == 0


@pytest.mark.parametrize(
    ("pasted", "shown"),
    [
        ("\x1b]0;PWNED\x07", "U+001B (ESC) at character 5"),
        ("a\x9bb", "U+009B (CSI) at character 6"),
    ],
)
def test_a_control_character_in_a_cell_is_an_error_at_that_cell(
    cli: Cli, tmp_path: Path, pasted: str, shown: str
) -> None:
    rows = checklist_csv(cli)
    rows[0].update(state="in_progress", date="2016-11-01", note=f"кат {pasted}")
    path = tmp_path / "ЮМ.csv"
    write_csv(path, rows)
    status = tmp_path / "status.yaml"
    outcome = cli("collect", path, "-o", status)
    assert outcome.code == 1
    assert not status.exists()
    assert f"ЮМ.csv:2:note: error: control character {shown}" in outcome.stderr
    assert "status.yaml:" not in outcome.stderr  # never a place in a file not written
    assert "\x1b" not in outcome.stderr and "\x9b" not in outcome.stderr


_CELL_TEXT = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=40
).map(lambda text: " ".join(text.split()))


@settings(max_examples=200, deadline=None)
@given(
    evidence=st.none() | _CELL_TEXT.filter(bool),
    note=st.none() | _CELL_TEXT.filter(bool),
    day=st.dates(dt.date(2015, 3, 30), dt.date(2018, 1, 25)),
)
def test_a_written_status_file_reads_back_as_the_data_it_was_checked_as(
    evidence: str | None, note: str | None, day: dt.date
) -> None:
    """collect checks a new status file as data, without parsing it: hold the two equal."""
    from plancli.collect import rewritten_status_data, rewritten_status_text
    from plancli.safetext import find_control
    from plancli.status import State, StatusEntry
    from plancli.yamlsource import parse_yaml

    if any(find_control(t or "") for t in (evidence, note)):
        return  # collect refuses these at the cell (test above)
    entries = [
        StatusEntry("1.2@2016", day, State.done, evidence, note, "ЮМ", "2016Q4"),
        StatusEntry("3.1", day, State.in_progress, None, None, "БП", "2016Q4"),
    ]
    text = rewritten_status_text(entries)
    assert parse_yaml(text, file="status.yaml").data == rewritten_status_data(entries)
