"""Month grids laid out like ``cal -y``: as many months side by side as the width allows.

:func:`layout` is a pure function of the marked days and the width: no clock,
no terminal, no output. A marked day reads as its number followed by its
markers ("15R", "31DU"); every day cell is as wide as the widest label, so
columns stay aligned and a day is never split. The months are spread over as
few rows as the width allows, evenly (twelve months at 200 columns are three
rows of four, not 5 + 5 + 2). A range within one year gets the year once, as
``cal -y`` does.
"""

from __future__ import annotations

import calendar
import datetime as dt
import math
from collections.abc import Mapping
from dataclasses import dataclass, field

from plancli.render.styled import Line, Segment, trim, wrap_items

#: Spaces between months side by side.
GAP = 3
WEEKDAYS = ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")


@dataclass(frozen=True)
class CalendarGrid:
    """Days to mark in month grids, with a legend."""

    start: dt.date
    end: dt.date
    #: day -> markers in legend order, e.g. {date(2016, 1, 15): "R"}
    marks: Mapping[dt.date, str]
    #: marker -> meaning, in the order the legend lists them
    legend: Mapping[str, str]
    #: Highlighted when it falls in the range.
    as_of: dt.date | None = None
    #: Extra legend items (e.g. what a moved date means).
    notes: tuple[str, ...] = field(default=())


def months(grid: CalendarGrid) -> list[dt.date]:
    """The first day of every month the range touches."""
    first = grid.start.replace(day=1)
    count = (grid.end.year - first.year) * 12 + grid.end.month - first.month + 1
    return [
        dt.date(first.year + (first.month - 1 + n) // 12, (first.month - 1 + n) % 12 + 1, 1)
        for n in range(count)
    ]


def cell_width(grid: CalendarGrid) -> int:
    """Characters per day: the longest label in the range ("31DU" is 4), at least 2."""
    labels = (len(f"{d.day}{m}") for d, m in grid.marks.items() if grid.start <= d <= grid.end)
    return max([2, *labels])


def months_across(count: int, month_width: int, width: int) -> int:
    """How many months per row: as many as fit, then evened out over the rows needed."""
    fit = max(1, (width + GAP) // (month_width + GAP))
    rows = math.ceil(count / fit)
    return math.ceil(count / rows) if rows else 1


def layout(grid: CalendarGrid, *, width: int) -> list[Line]:
    """The grids and their legend as lines no wider than ``width`` (when a month fits)."""
    firsts = months(grid)
    cell = cell_width(grid)
    month_width = 7 * cell + 6
    across = months_across(len(firsts), month_width, width)
    one_year = len(firsts) > 1 and firsts[0].year == firsts[-1].year
    lines: list[Line] = []
    if one_year:
        block = across * month_width + (across - 1) * GAP
        lines += [(Segment(str(firsts[0].year).center(block).rstrip(), "title"),), ()]
    for row_start in range(0, len(firsts), across):
        row = [
            _month(first, grid, cell, with_year=not one_year)
            for first in firsts[row_start : row_start + across]
        ]
        height = max(len(m) for m in row)
        blank: Line = (Segment(" " * month_width),)
        for n in range(height):
            parts: list[Segment] = []
            for i, month in enumerate(row):
                if i:
                    parts.append(Segment(" " * GAP))
                parts += month[n] if n < len(month) else blank
            lines.append(trim(parts))
        lines.append(())
    lines += legend(grid, width=width)
    return lines


def legend(grid: CalendarGrid, *, width: int) -> list[Line]:
    items: list[Line] = [
        (Segment(marker, marker), Segment(f" = {meaning}"))
        for marker, meaning in grid.legend.items()
    ]
    if grid.as_of is not None and grid.start <= grid.as_of <= grid.end:
        items.append((Segment("as of "), Segment(grid.as_of.isoformat(), "as-of")))
    items += [(Segment(note),) for note in grid.notes]
    return wrap_items(items, width, prefix="Legend: ") if items else []


def _month(first: dt.date, grid: CalendarGrid, cell: int, *, with_year: bool) -> list[Line]:
    """One month's lines, each exactly ``7 * cell + 6`` characters wide."""
    month_width = 7 * cell + 6
    title = first.strftime("%B %Y" if with_year else "%B")
    lines: list[Line] = [
        (Segment(title.center(month_width), "title"),),
        (Segment(" ".join(d.rjust(cell) for d in WEEKDAYS), "weekday"),),
    ]
    for week in calendar.Calendar().monthdatescalendar(first.year, first.month):
        parts: list[Segment] = []
        for i, day in enumerate(week):
            if i:
                parts.append(Segment(" "))
            parts += _day(day, first, grid, cell)
        lines.append(tuple(parts))
    return lines


def _day(day: dt.date, first: dt.date, grid: CalendarGrid, cell: int) -> list[Segment]:
    if day.month != first.month:
        return [Segment(" " * cell)]
    number = str(day.day)
    if not grid.start <= day <= grid.end:
        return [Segment(number.rjust(cell), "muted")]
    marks = grid.marks.get(day, "")
    pad = Segment(" " * (cell - len(number) - len(marks)))
    today = " as-of" if day == grid.as_of else ""
    # the number takes the colour of the first (most important) kind; each marker its own
    segments = [pad, Segment(number, ((marks[:1] + " day") if marks else "") + today)]
    segments += [Segment(marker, marker + today) for marker in marks]
    return segments
