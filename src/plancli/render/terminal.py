"""The table format's writer: plain lines, or the same lines coloured on a terminal.

See :mod:`plancli.render.table` for the layout and :mod:`plancli.render.richtable`
for the colours; this module only chooses between them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TextIO

from plancli.render.table import plain_text, terminal_width, wants_color

if TYPE_CHECKING:
    from plancli.render import Listing


def write(listing: Listing, out: TextIO, *, color: bool | None = None, wide: bool = False) -> None:
    if not wants_color(out, color):
        out.write("".join(plain_text(listing, out, wide=wide)))
        return
    from plancli.render.richtable import make_console, print_listing

    print_listing(make_console(out, terminal_width(out) or 80), listing, wide=wide)
