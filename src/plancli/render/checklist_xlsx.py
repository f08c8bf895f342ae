"""The fillable Excel checklist an agency sends back with its quarterly report.

Layout (``plancli collect`` reads it back, see :mod:`plancli.collect`):

* sheet ``checklist``: a heading block (``agency``, ``quarter``, report due
  date and recipient…, labels in column A, values in column B), then a table
  whose plan columns are locked (sheet protection, no password) and whose
  fillable columns ``state`` (drop-down), ``date`` (date-validated),
  ``evidence`` and ``note`` are not;
* hidden sheet ``plancli``: the agency and quarter the file was made for, so
  that an edited heading cell is noticed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from plancli.render.labels import STANDING_LABELS, full_text, reported_label
from plancli.render.xlsx import (
    DATE_FORMAT,
    SheetColumn,
    date_validation,
    hidden_sheet,
    list_validation,
    new_workbook,
    print_a4_landscape,
    protect,
    workbook_bytes,
    write_heading,
    write_table,
)

SHEET = "checklist"
META_SHEET = "plancli"
FORMAT_ID = "plancli-checklist/1"
STATES = ("not_started", "in_progress", "partially_done", "done")

COLUMNS = (
    SheetColumn("id", 10),
    SheetColumn("text", 50, wrap=True),
    SheetColumn("role", 11, wrap=True),
    SheetColumn("deadline", 16, wrap=True),
    SheetColumn("due", 11),
    SheetColumn("standing", 12, wrap=True),
    SheetColumn("last_status", 14, wrap=True),
    SheetColumn("state", 15, editable=True),
    SheetColumn("date", 12, editable=True, number_format=DATE_FORMAT),
    SheetColumn("evidence", 22, wrap=True, editable=True),
    SheetColumn("note", 18, wrap=True, editable=True),
)


def _row(record: dict[str, Any]) -> list[object]:
    role = record["role"] + (f" ({record['group']})" if record["group"] else "")
    late = f", {record['days_late']} days late" if record["days_late"] else ""
    return [
        record["id"],
        full_text(record["text"], record["items"]),
        role,
        record["deadline"]["text"] or "(empty cell)",
        dt.date.fromisoformat(record["due"]) if record["due"] else None,
        STANDING_LABELS[record["standing"]] + late,
        reported_label(record["last_status"]),
        None,
        None,
        None,
        None,
    ]


def checklist_workbook(document: Mapping[str, Any], *, first_date: dt.date) -> bytes:
    """The xlsx bytes of a checklist (the ``checklist --format json`` document).

    ``first_date`` is the earliest date the ``date`` column accepts (the decree's).
    """
    from openpyxl.styles import Alignment

    workbook = new_workbook()
    sheet = workbook.create_sheet(SHEET)
    agency = document["agency"]
    reports = document["reports"]
    due = dt.date.fromisoformat(reports[0]["date"]) if reports else None
    heading: list[tuple[str, object]] = [
        ("agency", agency["term"]),
        ("agency name", agency["expansion"] or ""),
        ("quarter", document["quarter"]),
        ("period", f"{document['start']} to {document['end']}"),
        ("report due", due),
        ("recipient", reports[0]["recipient"] if reports else "none under the decree's rules"),
        ("states as of", dt.date.fromisoformat(document["as_of"])),
        (
            "how to fill",
            "For each item you report on, fill the white columns: state (choose from the list), "
            "date (the day that state was reached), evidence (document reference or URL), note. "
            "Leave a row blank to report nothing on it. The grey columns are the plan's and are "
            "locked.",
        ),
    ]
    header_row = write_heading(
        sheet, "Quarterly report checklist, decree No. 170, point 2", heading
    )
    for row in range(2, header_row):
        cell = sheet.cell(row=row, column=2)
        if isinstance(cell.value, dt.date):
            cell.number_format = DATE_FORMAT
            cell.alignment = Alignment(horizontal="left", vertical="top")
    items = document["items"]
    last = write_table(sheet, COLUMNS, [_row(r) for r in items], header_row=header_row)
    if items:
        first = header_row + 1
        state_col, date_col = _letter("state"), _letter("date")
        list_validation(
            sheet,
            f"{state_col}{first}:{state_col}{last}",
            STATES,
            prompt="not_started, in_progress, partially_done or done",
        )
        date_validation(
            sheet,
            f"{date_col}{first}:{date_col}{last}",
            first_date,
            due or dt.date.fromisoformat(document["end"]),
            prompt="The day this state was reached (YYYY-MM-DD)",
        )
        sheet.auto_filter.ref = f"A{header_row}:{_letter('note')}{last}"
    protect(sheet)
    print_a4_landscape(sheet, repeat_rows=header_row)
    hidden_sheet(
        workbook,
        META_SHEET,
        [
            ("format", FORMAT_ID),
            ("agency", agency["term"]),
            ("quarter", document["quarter"]),
            ("header_row", str(header_row)),
            ("items", str(len(items))),
        ],
    )
    workbook.active = 0
    return workbook_bytes(workbook)


def _letter(header: str) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter([c.header for c in COLUMNS].index(header) + 1)
