"""The table format: rich on a terminal, plain aligned text everywhere else.

Piped output, ``TERM=dumb`` and files get plain text: one line per record,
columns aligned, long cells shortened with "…" (json and csv keep every
word). It is fast and never contains escape codes. A terminal gets rich's
tables, coloured unless ``NO_COLOR`` or ``--no-color`` say otherwise.
"""

from __future__ import annotations

import calendar
import datetime as dt
import os
from collections.abc import Iterator
from typing import TYPE_CHECKING, TextIO

from plancli.render import cell_text

if TYPE_CHECKING:
    from plancli.render import CalendarGrid, Listing

#: Plain tables shorten any cell to this many characters unless the column says less.
PLAIN_MAX = 80


def wants_rich(out: TextIO) -> bool:
    return out.isatty() and os.environ.get("TERM") != "dumb"


def write(listing: Listing, out: TextIO, *, color: bool | None = None) -> None:
    if wants_rich(out):
        from plancli.render.richtable import write_rich

        write_rich(listing, out, color=color)
    else:
        out.write("".join(plain_lines(listing)))


def plain_lines(listing: Listing) -> Iterator[str]:
    for line in listing.heading:
        yield line + "\n"
    if listing.grid is not None:
        yield from plain_grid(listing.grid)
    if listing.text is not None:
        yield listing.text + "\n"
    elif not listing.records:
        yield listing.empty + "\n"
    else:
        if listing.title:
            yield listing.title + "\n\n"
        yield from plain_table(listing)
    for note in listing.notes:
        yield note + "\n"


def shorten(text: str, limit: int) -> str:
    """One line of at most ``limit`` characters."""
    if len(text) > limit:
        text = text[: limit * 2]  # enough to survive collapsing whitespace
    if "\n" in text or "  " in text or "\t" in text:
        text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def plain_table(listing: Listing) -> Iterator[str]:
    columns = [c for c in listing.columns if c.table]
    getters = [(c.get, min(c.max_chars or PLAIN_MAX, PLAIN_MAX)) for c in columns]
    rows = []
    for record in listing.records:
        row = []
        for get, limit in getters:
            text = cell_text(get(record))
            row.append(text if len(text) <= limit and "\n" not in text else shorten(text, limit))
        rows.append(row)
    keep = [i for i in range(len(columns)) if any(row[i] for row in rows)]
    headers = [columns[i].header for i in keep]
    widths = [max(len(headers[n]), *(len(row[i]) for row in rows)) for n, i in enumerate(keep)]
    yield "  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)).rstrip() + "\n"
    yield "  ".join("-" * w for w in widths) + "\n"
    for row in rows:
        yield "  ".join(row[i].ljust(w) for i, w in zip(keep, widths, strict=True)).rstrip() + "\n"
    yield "\n"


def plain_grid(grid: CalendarGrid) -> Iterator[str]:
    """`cal`-like month grids, three a row; a marked day reads "15R"."""
    months = []
    month = grid.start.replace(day=1)
    while month <= grid.end:
        months.append(_month_lines(month, grid))
        month = (month + dt.timedelta(days=32)).replace(day=1)
    for start in range(0, len(months), 3):
        block = months[start : start + 3]
        height = max(len(m) for m in block)
        for line in range(height):
            cells = [m[line] if line < len(m) else "" for m in block]
            yield "   ".join(c.ljust(_MONTH_WIDTH) for c in cells).rstrip() + "\n"
        yield "\n"
    legend = "  ".join(f"{marker} = {meaning}" for marker, meaning in grid.legend.items())
    yield f"Legend: {legend}\n\n"


_MONTH_WIDTH = 7 * 5 - 1


def _month_lines(first: dt.date, grid: CalendarGrid) -> list[str]:
    lines = [
        first.strftime("%B %Y").center(_MONTH_WIDTH),
        " ".join(d.rjust(4) for d in ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"]),
    ]
    for week in calendar.Calendar().monthdatescalendar(first.year, first.month):
        cells = []
        for day in week:
            if day.month != first.month:
                cells.append("")
                continue
            marks = grid.marks.get(day, "") if grid.start <= day <= grid.end else ""
            cells.append(f"{day.day}{marks}")
        lines.append(" ".join(c.rjust(4) for c in cells))
    return lines
