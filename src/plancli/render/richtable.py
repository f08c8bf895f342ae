"""Colour on a terminal: the table format's lines, printed through rich with styles.

Used by :mod:`plancli.render.table` only when output goes to a colour terminal
(no ``NO_COLOR``, ``TERM=dumb`` or ``--no-color``). The lines are the very ones
the plain renderer prints; only the styles are added, so colour can never
change the layout.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TextIO

from rich.console import Console
from rich.text import Text

from plancli.render import MEANINGS
from plancli.render.styled import STYLES, Line
from plancli.render.table import listing_lines

if TYPE_CHECKING:
    from plancli.render import Listing


def make_console(out: TextIO, width: int) -> Console:
    return Console(
        file=out,
        width=width,
        force_terminal=True,
        highlight=False,
        emoji=False,
        markup=False,
    )


def _style(name: str) -> str:
    meaning = MEANINGS.get(name)
    return meaning[1] if meaning else STYLES.get(name, "")


def styled(line: Line) -> Text:
    """A laid-out line as rich text, each segment in its style's colours."""
    text = Text(no_wrap=True, overflow="ignore", end="")
    for segment in line:
        style = " ".join(_style(name) for name in segment.style.split()).strip()
        text.append(segment.text, style=style or None)
    text.rstrip()
    return text


def print_listing(console: Console, listing: Listing, *, wide: bool = False) -> None:
    """Print ``listing`` at the console's width, styled when the console colours."""
    for line in listing_lines(listing, console.width, wide=wide):
        console.print(styled(line), soft_wrap=True)
