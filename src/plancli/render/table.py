"""The table format: rich on a terminal, plain aligned text everywhere else.

Piped output, ``TERM=dumb`` and files get plain text: one line per record,
columns aligned, long cells shortened with "…" (json and csv keep every
word). It is fast and never contains escape codes. A terminal gets rich's
tables, coloured unless ``NO_COLOR`` or ``--no-color`` say otherwise.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import TYPE_CHECKING, TextIO

from plancli.render import cell_text
from plancli.render.styled import terminal_width, text_of

if TYPE_CHECKING:
    from plancli.render import Listing

#: Plain tables shorten any cell to this many characters unless the column says less.
PLAIN_MAX = 80


def wants_rich(out: TextIO) -> bool:
    return out.isatty() and os.environ.get("TERM") != "dumb"


def write(listing: Listing, out: TextIO, *, color: bool | None = None) -> None:
    if wants_rich(out):
        from plancli.render.richtable import write_rich

        write_rich(listing, out, color=color)
    else:
        out.write("".join(plain_lines(listing, out)))


def plain_lines(listing: Listing, out: TextIO) -> Iterator[str]:
    for line in listing.heading:
        yield line + "\n"
    if listing.layout is not None:
        yield from (text_of(line) + "\n" for line in listing.layout(terminal_width(out)))
    elif listing.text is not None:
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
