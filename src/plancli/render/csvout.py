"""CSV output: a header row, then one row per record; lists joined with " | "."""

from __future__ import annotations

import csv
from typing import TYPE_CHECKING, TextIO

from plancli.render import cell_text

if TYPE_CHECKING:
    from plancli.render import Listing


#: Joins list values in one cell; the decree's texts never contain it.
LIST_SEPARATOR = " | "


#: Excel on Windows reads a CSV file as the local code page unless it starts with this.
BOM = "\ufeff"


def write(listing: Listing, out: TextIO, *, color: bool | None = None, bom: bool = False) -> None:
    if bom:
        out.write(BOM)
    columns = [c for c in listing.columns if c.csv]
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([c.csv_header for c in columns])
    for record in listing.records:
        writer.writerow([cell_text((c.csv_get or c.get)(record), LIST_SEPARATOR) for c in columns])
