"""Generic Excel (xlsx) writing with openpyxl: headings, tables, protection, printing.

Nothing here knows about checklists or reports: callers describe columns and
rows, and these helpers lay them out so that a sheet opens readable and prints
on A4. :mod:`plancli.render.checklist_xlsx` builds the fillable checklist with
them; other exports (report, listings) can reuse :func:`listing_sheet`.

openpyxl is imported lazily: commands that never write xlsx never pay for it.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TextIO

from plancli.render import cell_text

if TYPE_CHECKING:
    from openpyxl import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

    from plancli.render import Listing

#: Printable width of A4 landscape with narrow margins, in Excel column-width units
#: (characters of the default font); wider sheets are scaled down to fit.
A4_LANDSCAPE_WIDTH = 150
DATE_FORMAT = "yyyy-mm-dd"
HEADER_FILL = "D9D9D9"
LOCKED_FILL = "F2F2F2"
_ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
#: Longest text Excel keeps in one cell.
CELL_LIMIT = 32767


@dataclass(frozen=True)
class SheetColumn:
    """One column of a sheet table."""

    header: str
    #: Width in characters.
    width: float
    wrap: bool = False
    #: Left unlocked when the sheet is protected: the reader fills it in.
    editable: bool = False
    #: Excel number format, e.g. :data:`DATE_FORMAT`.
    number_format: str | None = None


def new_workbook() -> Workbook:
    """An empty workbook (its default sheet removed)."""
    from openpyxl import Workbook

    workbook = Workbook()
    assert workbook.active is not None
    workbook.remove(workbook.active)
    return workbook


def cell_value(value: object) -> Any:
    """A Python value as a cell value: dates stay dates, lists become lines.

    Records carry dates as ISO strings (the JSON contract); a cell holding
    exactly one becomes a real date, so Excel sorts and filters it as one.
    """
    if value is None:
        return None
    if isinstance(value, (bool, int, float, dt.date)):
        return value
    if isinstance(value, str) and len(value) == 10 and _ISO_DAY.fullmatch(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return value
    text = cell_text(value, "\n")
    return text[:CELL_LIMIT] if len(text) > CELL_LIMIT else text


def write_heading(sheet: Worksheet, title: str, lines: Sequence[tuple[str, object]]) -> int:
    """A bold title in A1, then ``label | value`` rows; returns the next free row."""
    from openpyxl.styles import Alignment, Font

    sheet.cell(row=1, column=1, value=title).font = Font(bold=True, size=13)
    row = 2
    for label, value in lines:
        sheet.cell(row=row, column=1, value=label).font = Font(bold=True)
        cell = sheet.cell(row=row, column=2, value=cell_value(value))
        cell.alignment = Alignment(wrap_text=False, vertical="top")
        row += 1
    return row + 1


def write_table(
    sheet: Worksheet,
    columns: Sequence[SheetColumn],
    rows: Sequence[Sequence[object]],
    *,
    header_row: int,
) -> int:
    """A header row and data rows from ``header_row``; returns the last row written."""
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
    from openpyxl.utils import get_column_letter

    thin = Side(style="thin", color="A6A6A6")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    header_fill = PatternFill("solid", fgColor=HEADER_FILL)
    locked_fill = PatternFill("solid", fgColor=LOCKED_FILL)
    for index, column in enumerate(columns, start=1):
        cell = sheet.cell(row=header_row, column=index, value=column.header)
        cell.font = Font(bold=True)
        cell.fill = header_fill
        cell.border = border
        cell.alignment = Alignment(vertical="top", wrap_text=True)
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    unlocked = Protection(locked=False)
    alignments = {wrap: Alignment(vertical="top", wrap_text=wrap) for wrap in (True, False)}
    for offset, values in enumerate(rows, start=1):
        row = header_row + offset
        for index, (column, value) in enumerate(zip(columns, values, strict=True), start=1):
            cell = sheet.cell(row=row, column=index, value=cell_value(value))
            cell.border = border
            cell.alignment = alignments[column.wrap]
            if column.number_format:
                cell.number_format = column.number_format
            if column.editable:
                cell.protection = unlocked
            else:
                cell.fill = locked_fill
    sheet.freeze_panes = f"B{header_row + 1}"
    return header_row + len(rows)


def protect(sheet: Worksheet) -> None:
    """Lock every cell not marked unlocked; no password (it guards slips, not secrets).

    Column widths and row heights stay adjustable, and rows can be filtered.
    """
    protection = sheet.protection
    protection.sheet = True
    protection.formatColumns = False
    protection.formatRows = False
    protection.autoFilter = False


def print_a4_landscape(sheet: Worksheet, *, repeat_rows: int | None = None) -> None:
    """A4 landscape, fitted to one page wide, header row repeated on each page."""
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    from openpyxl.worksheet.properties import PageSetupProperties

    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    sheet.page_margins.left = sheet.page_margins.right = 0.4
    sheet.page_margins.top = sheet.page_margins.bottom = 0.5
    sheet.print_options.gridLines = False
    if repeat_rows:
        sheet.print_title_rows = f"{repeat_rows}:{repeat_rows}"


def list_validation(sheet: Worksheet, cells: str, options: Sequence[str], *, prompt: str) -> None:
    """A drop-down of ``options`` on ``cells`` (e.g. ``"H9:H80"``); anything else is refused."""
    from openpyxl.worksheet.datavalidation import DataValidation

    validation = DataValidation(
        type="list",
        formula1='"' + ",".join(options) + '"',
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="Not a valid choice",
        error="Choose one of: " + ", ".join(options),
        showInputMessage=True,
        prompt=prompt,
    )
    validation.add(cells)
    sheet.add_data_validation(validation)


def date_validation(
    sheet: Worksheet, cells: str, first: dt.date, last: dt.date, *, prompt: str
) -> None:
    """Only dates from ``first`` to ``last`` on ``cells``."""
    from openpyxl.worksheet.datavalidation import DataValidation

    def excel(day: dt.date) -> str:
        return f"DATE({day.year},{day.month},{day.day})"

    validation = DataValidation(
        type="date",
        operator="between",
        formula1=excel(first),
        formula2=excel(last),
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="Not a valid date",
        error=f"Type a date from {first.isoformat()} to {last.isoformat()} (YYYY-MM-DD).",
        showInputMessage=True,
        prompt=prompt,
    )
    validation.add(cells)
    sheet.add_data_validation(validation)


def hidden_sheet(workbook: Workbook, title: str, pairs: Sequence[tuple[str, str]]) -> None:
    """A hidden, protected sheet of ``key | value`` rows (machine-readable facts)."""
    sheet = workbook.create_sheet(title)
    for key, value in pairs:
        sheet.append([key, value])
    sheet.sheet_state = "hidden"
    sheet.protection.sheet = True


def listing_sheet(workbook: Workbook, listing: Listing, *, title: str = "data") -> Worksheet:
    """A :class:`~plancli.render.Listing` as a plain sheet: heading, then its csv columns."""
    sheet: Worksheet = workbook.create_sheet(title)
    columns = [c for c in listing.columns if c.csv]
    lines = [(line.partition(": ")[0], line.partition(": ")[2]) for line in listing.heading]
    header_row = write_heading(sheet, listing.title or title, lines)
    widths = [
        min(
            60.0,
            max([len(c.header), *(len(cell_text(c.get(r))) for r in listing.records[:200])]) + 2,
        )
        for c in columns
    ]
    rows = [[(c.csv_get or c.get)(r) for c in columns] for r in listing.records]
    kinds = [_column_kind([row[i] for row in rows]) for i in range(len(columns))]
    last = write_table(
        sheet,
        [
            SheetColumn(
                c.header,
                12.0 if kind == "date" else w,
                wrap=w >= 60,
                number_format=DATE_FORMAT if kind == "date" else None,
            )
            for c, w, kind in zip(columns, widths, kinds, strict=True)
        ],
        rows,
        header_row=header_row,
    )
    from openpyxl.utils import get_column_letter

    if columns:
        sheet.auto_filter.ref = (
            f"A{header_row}:{get_column_letter(len(columns))}{max(last, header_row)}"
        )
    sheet.freeze_panes = f"A{header_row + 1}"
    print_a4_landscape(sheet, repeat_rows=header_row)
    return sheet


def _column_kind(values: Sequence[object]) -> str:
    """``date`` when every non-empty value of a column is a day, else ``other``."""
    present = [cell_value(v) for v in values if v not in (None, "")]
    if present and all(isinstance(v, dt.date) for v in present):
        return "date"
    return "other"


def workbook_bytes(workbook: Workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def listing_workbook(listing: Listing, *, title: str = "data") -> bytes:
    """A listing as a one-sheet workbook's bytes."""
    workbook = new_workbook()
    listing_sheet(workbook, listing, title=title)
    return workbook_bytes(workbook)


def write(listing: Listing, out: TextIO, *, color: bool | None = None) -> None:
    """The renderer interface: a listing as xlsx, to ``out``'s binary buffer."""
    buffer = getattr(out, "buffer", None)
    if buffer is None:
        raise TypeError("xlsx is binary: give a stream with a binary buffer")
    out.flush()
    buffer.write(listing_workbook(listing))
    buffer.flush()
