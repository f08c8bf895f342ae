"""The table format: the same lines for terminals, pipes and files; colour only on top.

Every table is laid out by :mod:`plancli.render.layout`: one line per record,
ids, dates, counts and labels whole, free text shortened at a word boundary
with "…" to fit the terminal (``wide``: wrapped instead). Pipes and files have
no width limit and still get one line per record. Colour is added only on a
terminal without ``NO_COLOR``, ``TERM=dumb`` or ``--no-color``, and it changes
nothing else: strip the escape codes and the lines are identical. A colour
marks a meaning (overdue, due today, …) and a legend line names them.
"""

from __future__ import annotations

import calendar
import datetime as dt
import os
from collections.abc import Iterator
from typing import TYPE_CHECKING, TextIO

from plancli.render import MEANINGS, cell_text
from plancli.render.layout import GAP, Spec, cell_len, fit, pad, wrap

if TYPE_CHECKING:
    from rich.console import Console

    from plancli.render import CalendarGrid, Listing

#: Free-text cells of piped tables stop here unless the column says less.
PLAIN_MAX = 80

#: A line as (text, meaning) pieces; meaning is a key of MEANINGS, "header" or None.
Line = list[tuple[str, str | None]]


def wants_color(out: TextIO, color: bool | None) -> bool:
    """Colour only for a real terminal, and never with NO_COLOR, TERM=dumb or --no-color."""
    return (
        color is not False
        and out.isatty()
        and "NO_COLOR" not in os.environ
        and os.environ.get("TERM") != "dumb"
    )


def terminal_width(out: TextIO) -> int | None:
    """The terminal's columns ($COLUMNS wins); None (no limit) for pipes and files."""
    if not out.isatty():
        return None
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:
        return int(columns)
    try:
        return os.get_terminal_size(out.fileno()).columns
    except (OSError, ValueError, AttributeError):
        return 80


def write(listing: Listing, out: TextIO, *, color: bool | None = None, wide: bool = False) -> None:
    width = terminal_width(out)
    if not wants_color(out, color):
        out.write("".join(plain_text(listing, width, wide=wide)))
        return
    from rich.console import Console

    console = Console(
        file=out,
        width=width or 80,
        force_terminal=True,
        highlight=False,
        emoji=False,
        markup=False,
    )
    print_listing(listing, console, wide=wide)


def plain_text(listing: Listing, width: int | None, *, wide: bool = False) -> Iterator[str]:
    """The table as plain text lines (each ending in a newline)."""
    for line in heading_lines(listing, width):
        yield "".join(text for text, _ in line).rstrip() + "\n"
    if listing.grid is not None:
        yield from plain_grid(listing.grid)
    for line in body_lines(listing, width, wide=wide):
        yield "".join(text for text, _ in line).rstrip() + "\n"


def print_listing(listing: Listing, console: Console, *, wide: bool = False) -> None:
    """Print ``listing`` on a rich console at the console's width, styled if it colours."""
    from rich.text import Text

    def styled(line: Line) -> Text:
        text = Text(no_wrap=True, overflow="ignore", end="")
        for piece, meaning in line:
            style = "bold" if meaning == "header" else MEANINGS[meaning][1] if meaning else ""
            text.append(piece, style=style)
        text.rstrip()
        return text

    for line in heading_lines(listing, console.width):
        console.print(styled(line), soft_wrap=True)
    if listing.grid is not None:
        from plancli.render.richtable import month_grids

        console.print(month_grids(listing.grid, plain=console.no_color))
    for line in body_lines(listing, console.width, wide=wide):
        console.print(styled(line), soft_wrap=True)


def _wrapped(text: str, width: int | None) -> list[Line]:
    if width is None or cell_len(text) <= width:
        return [[(text, None)]]
    return [[(part, None)] for part in wrap(text, width)]


def listing_lines(listing: Listing, width: int | None, *, wide: bool = False) -> list[Line]:
    """Every line of a listing's table form but month grids: heading, table, legend, notes."""
    return heading_lines(listing, width) + body_lines(listing, width, wide=wide)


def heading_lines(listing: Listing, width: int | None) -> list[Line]:
    lines: list[Line] = []
    for text in listing.heading:
        lines += _wrapped(text, width)
    return lines


def body_lines(listing: Listing, width: int | None, *, wide: bool = False) -> list[Line]:
    """Title, table, legend and notes (or a one-item view's text)."""
    lines: list[Line] = []
    if listing.text is not None:
        for paragraph in listing.text.split("\n"):
            lines += _wrapped_paragraph(paragraph, width)
    elif not listing.records:
        lines += _wrapped(listing.empty, width)
    else:
        if listing.title:
            lines += _wrapped(listing.title, width)
            lines.append([])
        table, used = table_lines(listing, width, wide=wide or listing.wide)
        lines += table
        lines.append([])
        legend = [m for m in MEANINGS if m in used or m in listing.legend]
        if legend:
            lines += legend_lines(legend, width)
    for note in listing.notes:
        lines += _wrapped(note, width)
    return lines


def _wrapped_paragraph(paragraph: str, width: int | None) -> list[Line]:
    """A line of a one-item view, wrapped with its indentation (and "- " or "label: ") kept."""
    if width is None or cell_len(paragraph) <= width:
        return [[(paragraph, None)]]
    body = paragraph.lstrip(" ")
    indent = len(paragraph) - len(body)
    hang = indent
    if body.startswith("- "):
        hang += 2
    elif ": " in body[:24]:
        hang += body.index(": ") + 2
    first = wrap(body, width - indent)[0]
    rest = body[len(first) :].strip()
    lines: list[Line] = [[(" " * indent + first, None)]]
    if rest:
        room = max(width - hang, 20)
        lines += [[(" " * hang + part, None)] for part in wrap(rest, room)]
    return lines


def legend_lines(meanings: list[str], width: int | None) -> list[Line]:
    """ "Colours: overdue · due today · …", each name in its colour, wrapped to the width."""
    lines: list[Line] = []
    line: Line = [("Colours: ", None)]
    used = len("Colours: ")
    for n, meaning in enumerate(meanings):
        label = MEANINGS[meaning][0]
        sep = " · " if n else ""
        if width is not None and used + len(sep) + cell_len(label) + 2 > width and n:
            line.append((" ·", None))
            lines.append(line)
            line, used, sep = [("         ", None)], 9, ""
        if sep:
            line.append((sep, None))
        line.append((label, meaning))
        used += len(sep) + cell_len(label)
    lines.append(line)
    return lines


def table_lines(
    listing: Listing, width: int | None, *, wide: bool = False
) -> tuple[list[Line], set[str]]:
    """The table's lines (header, rule, rows) and the meanings its cells use."""
    columns = [c for c in listing.columns if c.table]
    specs = [
        Spec(
            c.header,
            flex=c.flex,
            right=c.right,
            drop=c.drop,
            min=c.min_width,
            cap=min(c.max_chars or PLAIN_MAX, PLAIN_MAX) if c.flex else None,
        )
        for c in columns
    ]
    rows = [[cell_text(c.get(r)) for c in columns] for r in listing.records]
    fitted = fit(specs, rows, width, wide=wide)
    kept = [columns[i] for i in fitted.columns]
    gap = " " * GAP
    lines: list[Line] = []
    for titles in fitted.header:
        header: Line = []
        for n, (title, w) in enumerate(zip(titles, fitted.widths, strict=True)):
            if n:
                header.append((gap, None))
            header.append((pad(title, w, right=kept[n].right), "header" if title else None))
        lines.append(header)
    lines.append([(gap.join("-" * w for w in fitted.widths), None)])
    used: set[str] = set()
    for record, physical in zip(listing.records, fitted.rows, strict=True):
        meanings = [c.meaning(record) if c.meaning else None for c in kept]
        used.update(m for m in meanings if m)
        for cells in physical:
            line: Line = []
            for n, (text, w) in enumerate(zip(cells, fitted.widths, strict=True)):
                if n:
                    line.append((gap, None))
                line.append((pad(text, w, right=kept[n].right), meanings[n] if text else None))
            lines.append(line)
    return lines, used


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
