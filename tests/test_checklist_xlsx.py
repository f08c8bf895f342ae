"""The fillable xlsx checklist, opened with openpyxl; -o, --force and binary output."""

from __future__ import annotations

import datetime as dt
import os
import pty
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from conftest import Cli
from plancli.render import ChecklistFormat

FILL = ["state", "date", "evidence", "note"]


def make(cli: Cli, target: Path, agency: str = "ЮМ", quarter: str = "2016Q4") -> Path:
    outcome = cli("checklist", "-a", agency, "-q", quarter, "-f", "xlsx", "-o", target)
    assert outcome.code == 0, outcome.stderr
    assert outcome.stdout == ""
    return target


def header_row(sheet: openpyxl.worksheet.worksheet.Worksheet) -> int:
    for row in range(1, 30):
        if sheet.cell(row=row, column=1).value == "id":
            return row
    raise AssertionError("no header row")


def test_heading_columns_and_rows(cli: Cli, tmp_path: Path) -> None:
    workbook = openpyxl.load_workbook(make(cli, tmp_path / "ЮМ-2016Q4.xlsx"))
    sheet = workbook["checklist"]
    heading = {
        sheet.cell(row=r, column=1).value: sheet.cell(row=r, column=2).value for r in range(2, 10)
    }
    assert heading["agency"] == "ЮМ"
    assert heading["agency name"] == "Кыргыз Республикасынын Юстиция министрлиги"
    assert heading["quarter"] == "2016Q4"
    assert heading["report due"] == dt.datetime(2017, 1, 15)
    assert heading["recipient"] == "Өкмөттүн Аппараты"
    top = header_row(sheet)
    headers = [c.value for c in sheet[top]]
    assert headers[-4:] == FILL and headers[0] == "id" and "text" in headers
    rows = {r[0]: r for r in sheet.iter_rows(min_row=top + 1, values_only=True)}
    text = rows["1.1"][headers.index("text")]
    # the full text, Kyrgyz intact, with the sub-items the decree lists under it
    assert text.startswith('"Саясий партиялар жөнүндө" Кыргыз Республикасынын Мыйзамына')
    assert "\n- саясий партиялардын алардын кирешелери" in text
    assert all(rows["1.1"][headers.index(h)] is None for h in FILL)
    assert rows["4.2"][headers.index("due")] == dt.datetime(2016, 12, 31)


def test_annual_occurrences_have_their_own_rows(cli: Cli, tmp_path: Path) -> None:
    sheet = openpyxl.load_workbook(make(cli, tmp_path / "b.xlsx", "БШК", "2016Q4"))["checklist"]
    ids = [r[0] for r in sheet.iter_rows(min_row=header_row(sheet) + 1, values_only=True)]
    assert "1.2@2015" in ids and "1.2@2016" in ids and "1.2@2017" not in ids


def test_protection_validation_and_printing(cli: Cli, tmp_path: Path) -> None:
    workbook = openpyxl.load_workbook(make(cli, tmp_path / "c.xlsx"))
    sheet = workbook["checklist"]
    assert sheet.protection.sheet and not sheet.protection.password
    top = header_row(sheet)
    headers = [c.value for c in sheet[top]]
    for column, header in enumerate(headers, start=1):
        cell = sheet.cell(row=top + 1, column=column)
        assert cell.protection.locked is (header not in FILL), header
    assert sheet.cell(row=2, column=2).protection.locked  # the agency cell too
    validations = {v.type: v for v in sheet.data_validations.dataValidation}
    states = validations["list"]
    assert states.formula1 == '"not_started,in_progress,partially_done,done"'
    letter = openpyxl.utils.get_column_letter(headers.index("state") + 1)
    last = sheet.max_row
    assert str(states.sqref) == f"{letter}{top + 1}:{letter}{last}"
    dates = validations["date"]
    assert (dates.operator, dates.formula1, dates.formula2) == (
        "between",
        "DATE(2015,3,30)",
        "DATE(2017,1,15)",
    )
    assert sheet.page_setup.orientation == "landscape"
    assert int(sheet.page_setup.paperSize) == 9  # A4
    assert sheet.page_setup.fitToWidth == 1 and sheet.sheet_properties.pageSetUpPr.fitToPage
    text_column = openpyxl.utils.get_column_letter(headers.index("text") + 1)
    assert sheet.cell(row=top + 1, column=headers.index("text") + 1).alignment.wrap_text
    widths = sum(
        sheet.column_dimensions[openpyxl.utils.get_column_letter(i)].width
        for i in range(1, len(headers) + 1)
    )
    assert sheet.column_dimensions[text_column].width >= 40 and widths < 220
    assert workbook["plancli"].sheet_state == "hidden"


def test_no_overwrite_without_force(cli: Cli, tmp_path: Path) -> None:
    target = tmp_path / "c.xlsx"
    target.write_bytes(b"precious")
    outcome = cli("checklist", "-a", "ЮМ", "-q", "2016Q4", "-f", "xlsx", "-o", target)
    assert outcome.code == 1 and "exists; not overwriting" in outcome.stderr
    assert target.read_bytes() == b"precious"
    assert (
        cli("checklist", "-a", "ЮМ", "-q", "2016Q4", "-f", "xlsx", "-o", target, "--force").code
        == 0
    )
    assert openpyxl.load_workbook(target)["checklist"]["B2"].value == "ЮМ"
    assert [p.name for p in tmp_path.iterdir()] == ["c.xlsx"]  # no temporary file left behind


def test_text_formats_to_a_file(cli: Cli, tmp_path: Path) -> None:
    target = tmp_path / "ЮМ.csv"
    assert cli("checklist", "-a", "ЮМ", "-q", "2016Q4", "-f", "csv", "-o", target).code == 0
    assert target.read_text(encoding="utf-8").startswith("agency,quarter,id,")


def test_xlsx_to_a_pipe_but_not_to_a_terminal(tmp_path: Path) -> None:
    env = {**os.environ, "PLANCLI_CACHE_DIR": str(tmp_path / "cache")}
    command = [
        sys.executable,
        "-m",
        "plancli",
        "checklist",
        "-a",
        "ЮМ",
        "-q",
        "2016Q4",
        "-f",
        "xlsx",
    ]
    piped = subprocess.run(command, capture_output=True, env=env, check=False)
    assert piped.returncode == 0 and piped.stdout.startswith(b"PK")  # a zip: the workbook
    leader, follower = pty.openpty()
    try:
        process = subprocess.run(
            command, stdout=follower, stderr=subprocess.PIPE, env=env, check=False
        )
    finally:
        os.close(follower)
        os.close(leader)
    assert process.returncode == 2
    assert b"refusing to write a binary xlsx workbook to the terminal" in process.stderr


@pytest.mark.parametrize("fmt", ["md", "csv", "json"])
def test_force_is_needed_for_text_formats_too(cli: Cli, tmp_path: Path, fmt: str) -> None:
    target = tmp_path / f"x.{fmt}"
    target.write_text("keep")
    assert cli("checklist", "-a", "ЮМ", "-q", "2016Q4", "-f", fmt, "-o", target).code == 1
    assert target.read_text() == "keep"


def test_any_listing_as_a_workbook() -> None:
    """The generic writer other exports reuse: heading, csv columns, A4 landscape."""
    import io

    from plancli.render import Column, Listing, emit
    from plancli.render.xlsx import listing_workbook

    listing = Listing(
        records=[{"id": "1.1", "text": "Саясий партиялар", "tags": ["a", "b"]}],
        columns=(Column("id", lambda r: r["id"]), Column("tags", lambda r: r["tags"])),
        title="Example",
        heading=["Quarter: 2016Q4"],
    )
    raw = io.BytesIO()
    stream = io.TextIOWrapper(raw, encoding="utf-8")
    emit(listing, ChecklistFormat.xlsx, stream)
    assert raw.getvalue().startswith(b"PK") and listing_workbook(listing).startswith(b"PK")
    sheet = openpyxl.load_workbook(io.BytesIO(raw.getvalue()))["data"]
    assert sheet["A1"].value == "Example" and sheet["B2"].value == "2016Q4"
    assert [c.value for c in sheet[4]] == ["id", "tags"]
    assert [c.value for c in sheet[5]] == ["1.1", "a\nb"]
    assert sheet.page_setup.orientation == "landscape"
