"""Tables on a terminal, drawn with rich.

Used by :mod:`plancli.render.table` only when output goes to a terminal;
``NO_COLOR`` and ``--no-color`` still turn colour off here.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, TextIO

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from plancli.render import cell_text
from plancli.render.styled import STYLES, Line

if TYPE_CHECKING:
    from plancli.render import Listing


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
    print_listing(make_console(out, color=color), listing)


def styled(line: Line) -> Text:
    """A laid-out line as rich text, each segment in its style's colours."""
    text = Text(no_wrap=True, overflow="ignore", end="")
    for segment in line:
        style = " ".join(STYLES.get(name, "") for name in segment.style.split()).strip()
        text.append(segment.text, style=style or None)
    return text


def print_listing(console: Console, listing: Listing) -> None:
    for heading in listing.heading:
        console.print(heading)
    if listing.layout is not None:
        for line in listing.layout(console.width):
            console.print(styled(line), soft_wrap=True)
    elif listing.text is not None:
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
