"""Excel exports of measures, overdue and progress, opened with openpyxl.

The workbook must hold what the csv holds (same header, same rows, Kyrgyz text
intact), but typed: dates as dates, counts as numbers; with the header row
frozen and an autofilter over the table.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import openpyxl
import pytest

from conftest import Cli

COMMANDS = [
    ("measures", "--agency", "ЮМ"),
    ("overdue", "--as-of", "2016-12-31"),
    ("progress", "--as-of", "2016-12-31"),
    ("progress", "--as-of", "2016-12-31", "--by", "agency"),
]


def _header_row(sheet: openpyxl.worksheet.worksheet.Worksheet, header: list[str]) -> int:
    for row in range(1, 20):
        if [sheet.cell(row, i + 1).value for i in range(len(header))] == header:
            return row
    raise AssertionError(f"no header row {header} in the first 20 rows")


def _as_csv(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value).replace("\n", " | ")


@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: " ".join(a))
def test_the_workbook_holds_the_csv_typed(cli: Cli, tmp_path: Path, args: tuple[str, ...]) -> None:
    target = tmp_path / "out.xlsx"
    outcome = cli(*args, "--format", "xlsx", "-o", target)
    assert outcome.code == 0, outcome.stderr
    assert outcome.stdout == ""
    rows = list(csv.reader(io.StringIO(cli(*args, "--format", "csv").stdout)))
    header, data = rows[0], rows[1:]

    sheet = openpyxl.load_workbook(target).worksheets[0]
    top = _header_row(sheet, header)
    cells = [
        [sheet.cell(top + r, c + 1).value for c in range(len(header))]
        for r in range(1, len(data) + 1)
    ]
    assert sheet.max_row == top + len(data)
    assert [[_as_csv(v) for v in row] for row in cells] == data

    assert sheet.freeze_panes == f"A{top + 1}"
    assert (
        sheet.auto_filter.ref
        == f"A{top}:{sheet.cell(top, len(header)).column_letter}{top + len(data)}"
    )
    # typed: every cell that reads as a day is a date, every count a number
    for row in cells:
        for value, shown in zip(row, (_as_csv(v) for v in row), strict=True):
            if len(shown) == 10 and shown[4] == "-" and shown[7] == "-":
                assert isinstance(value, dt.datetime), value
            if shown.isdigit():
                assert isinstance(value, int), value


def test_dates_are_formatted_as_days(cli: Cli, tmp_path: Path) -> None:
    target = tmp_path / "overdue.xlsx"
    cli("overdue", "--as-of", "2016-12-31", "--format", "xlsx", "-o", target)
    sheet = openpyxl.load_workbook(target).worksheets[0]
    dated = [c for row in sheet.iter_rows() for c in row if isinstance(c.value, dt.datetime)]
    assert dated and {c.number_format for c in dated} == {"yyyy-mm-dd"}


def test_an_existing_file_is_kept_without_force(cli: Cli, tmp_path: Path) -> None:
    target = tmp_path / "kept.xlsx"
    target.write_bytes(b"mine")
    refused = cli("measures", "--format", "xlsx", "-o", target)
    assert refused.code == 1 and "exists" in refused.stderr and "--force" in refused.stderr
    assert target.read_bytes() == b"mine"
    replaced = cli("measures", "--format", "xlsx", "-o", target, "--force")
    assert replaced.code == 0
    assert openpyxl.load_workbook(target).worksheets[0].max_row > 100


def test_text_formats_can_go_to_a_file_too(cli: Cli, tmp_path: Path) -> None:
    target = tmp_path / "measures.csv"
    assert cli("measures", "--format", "csv", "-o", target).code == 0
    assert target.read_text(encoding="utf-8") == cli("measures", "--format", "csv").stdout
