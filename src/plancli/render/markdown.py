"""Markdown output: heading lines, then a pipe table ready to paste into a report."""

from __future__ import annotations

from typing import TYPE_CHECKING, TextIO

from plancli.render import cell_text

if TYPE_CHECKING:
    from plancli.render import Listing


def _cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", "<br>")


def write(listing: Listing, out: TextIO, *, color: bool | None = None) -> None:
    if listing.title:
        out.write(f"# {listing.title}\n\n")
    for line in listing.heading:
        out.write(f"{line}  \n" if line else "\n")
    if listing.heading:
        out.write("\n")
    columns = [c for c in listing.columns if c.table]
    if not listing.records:
        out.write(f"{listing.empty}\n")
    else:
        out.write("| " + " | ".join(_cell(c.header) for c in columns) + " |\n")
        out.write("|" + "|".join("---" for _ in columns) + "|\n")
        for record in listing.records:
            out.write("| " + " | ".join(_cell(cell_text(c.get(record))) for c in columns) + " |\n")
    if listing.notes:
        out.write("\n")
        for note in listing.notes:
            out.write(f"{note}\n")
