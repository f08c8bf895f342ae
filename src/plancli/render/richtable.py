"""Month grids on a colour terminal, drawn with rich.

Used by :mod:`plancli.render.table` only when output goes to a colour terminal.
"""

from __future__ import annotations

import calendar
import datetime as dt
from typing import TYPE_CHECKING

from rich.columns import Columns
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

if TYPE_CHECKING:
    from plancli.render import CalendarGrid


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
