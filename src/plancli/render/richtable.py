"""Tables on a terminal, drawn with rich.

Used by :mod:`plancli.render.table` only when output goes to a terminal;
``NO_COLOR`` and ``--no-color`` still turn colour off here.
"""

from __future__ import annotations

import calendar
import datetime as dt
import os
from typing import TYPE_CHECKING, TextIO

from rich import box
from rich.columns import Columns
from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text

from plancli.render import cell_text

if TYPE_CHECKING:
    from plancli.render import CalendarGrid, Listing


def make_console(out: TextIO, *, color: bool | None = None) -> Console:
    """A console that only colours real terminals and honours NO_COLOR / TERM=dumb."""
    plain = (
        color is False
        or "NO_COLOR" in os.environ
        or os.environ.get("TERM") == "dumb"
        or not out.isatty()
    )
    return Console(
        file=out,
        no_color=plain,
        color_system=None if plain else "auto",
        highlight=False,
        emoji=False,
        markup=False,
        force_terminal=False if plain else None,
        width=None if out.isatty() else 160,
        soft_wrap=False,
    )


def shorten(text: str, limit: int | None) -> str:
    if limit is None or len(text) <= limit:
        return text
    return text[: limit - 1].rstrip() + "…"


def write_rich(listing: Listing, out: TextIO, *, color: bool | None = None) -> None:
    console = make_console(out, color=color)
    for line in listing.heading:
        console.print(line)
    if listing.grid is not None:
        console.print(month_grids(listing.grid, plain=not console.is_terminal))
    if listing.text is not None:
        console.print(listing.text, soft_wrap=True)
    elif not listing.records:
        console.print(listing.empty)
    else:
        columns = [c for c in listing.columns if c.table]
        # a column with nothing in it (e.g. "done on" without a status file) is noise
        columns = [c for c in columns if any(cell_text(c.get(r)) for r in listing.records)]
        table = Table(
            title=listing.title,
            box=box.SIMPLE_HEAD if console.is_terminal else box.ASCII2,
            show_lines=False,
            header_style="bold" if console.is_terminal else "",
            title_justify="left",
        )
        for column in columns:
            table.add_column(column.header, overflow="fold")
        for record in listing.records:
            table.add_row(*(shorten(cell_text(c.get(record)), c.max_chars) for c in columns))
        console.print(table)
    for note in listing.notes:
        console.print(note)


def month_grids(grid: CalendarGrid, *, plain: bool) -> RenderableType:
    """`cal`-like month grids, three a row, marked days highlighted, then a legend.

    A marked day shows its markers after the number ("15R"); on a terminal it is
    also drawn in reverse video.
    """
    months = []
    month = grid.start.replace(day=1)
    while month <= grid.end:
        months.append(_month(month, grid, plain=plain))
        month = (month + dt.timedelta(days=32)).replace(day=1)
    legend = "  ".join(f"{marker} = {meaning}" for marker, meaning in grid.legend.items())
    return Group(Columns(months, padding=(0, 2)), Text("Legend: " + legend + "\n"))


def _month(first: dt.date, grid: CalendarGrid, *, plain: bool) -> Table:
    table = Table(
        title=first.strftime("%B %Y"),
        box=None,
        show_header=True,
        header_style="" if plain else "bold",
        pad_edge=False,
        padding=(0, 1),
    )
    for name in ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"):
        table.add_column(name, justify="right", min_width=4)
    for week in calendar.Calendar().monthdatescalendar(first.year, first.month):
        cells: list[Text | str] = []
        for day in week:
            if day.month != first.month:
                cells.append("")
                continue
            marks = grid.marks.get(day, "") if grid.start <= day <= grid.end else ""
            label = f"{day.day}{marks}"
            cells.append(Text(label, style="" if plain or not marks else "reverse bold"))
        table.add_row(*cells)
    return table
