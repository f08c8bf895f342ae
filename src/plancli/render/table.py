"""Table lines: the same lines for terminals, pipes and files; colour only on top.

Every table is laid out by :mod:`plancli.render.layout`: one line per record,
ids, dates, counts and labels whole, free text shortened at a word boundary
with "…" to fit the terminal (``wide``: wrapped instead). Pipes and files have
no width limit and still get one line per record. Colour is added only on a
terminal without ``NO_COLOR``, ``TERM=dumb`` or ``--no-color``, and it changes
nothing else: strip the escape codes and the lines are identical. A colour
marks a meaning (overdue, due today, …) and a legend line names them.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, TextIO

from plancli.render import MEANINGS, cell_text
from plancli.render.layout import (
    GAP,
    Fitted,
    Spec,
    cell_len,
    fit_columns,
    pad,
    split_first_line,
    wrap,
)
from plancli.render.styled import Line, Segment, text_of
from plancli.render.styled import terminal_width as layout_width

if TYPE_CHECKING:
    from plancli.render import Listing

#: Free-text cells of piped tables stop here unless the column says less.
PLAIN_MAX = 80


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


def plain_text(listing: Listing, out: TextIO, *, wide: bool = False) -> Iterator[str]:
    """The table as plain text lines (each ending in a newline)."""
    lines = listing_lines(
        listing, terminal_width(out), wide=wide, layout_width=layout_width(out), plain=True
    )
    for line in lines:
        yield text_of(line) + "\n"


def _wrapped(text: str, width: int | None) -> list[Line]:
    if width is None or cell_len(text) <= width:
        return [(Segment(text),)]
    return [(Segment(part),) for part in wrap(text, width)]


def listing_lines(
    listing: Listing,
    width: int | None,
    *,
    wide: bool = False,
    layout_width: int | None = None,
    plain: bool = False,
) -> list[Line]:
    """Every line of a listing's table form: heading, table (or layout), legend, notes.

    ``width`` None means no limit (pipes); a ``layout`` (month grids, agenda) still
    needs a width, ``layout_width`` (default: ``width`` or 80). ``plain``: the lines
    will be printed without colour, so a table row may be one unstyled segment.
    """
    return heading_lines(listing, width) + body_lines(
        listing, width, wide=wide, layout_width=layout_width, plain=plain
    )


def heading_lines(listing: Listing, width: int | None) -> list[Line]:
    lines: list[Line] = []
    for text in listing.heading:
        lines += _wrapped(text, width)
    return lines


def body_lines(
    listing: Listing,
    width: int | None,
    *,
    wide: bool = False,
    layout_width: int | None = None,
    plain: bool = False,
) -> list[Line]:
    """Title, table, legend and notes (or a one-item view's text, or a layout)."""
    lines: list[Line] = []
    if listing.layout is not None:
        lines += listing.layout(layout_width or width or 80)
    elif listing.text is not None:
        for paragraph in listing.text.split("\n"):
            lines += _wrapped_paragraph(paragraph, width)
    elif not listing.records:
        lines += _wrapped(listing.empty, width)
    else:
        if listing.title:
            lines += _wrapped(listing.title, width)
            lines.append(())
        table, used, left_out = table_lines(listing, width, wide=wide or listing.wide, plain=plain)
        lines += table
        lines.append(())
        legend = [m for m in MEANINGS if m in used or m in listing.legend]
        if legend:
            lines += legend_lines(legend, width)
        if left_out:  # counts are never left out silently
            lines += _wrapped(
                f"Not shown at {width} columns: {', '.join(left_out)} "
                f"(a wider terminal or --format csv shows {'them' if len(left_out) > 1 else 'it'}).",
                width,
            )
    for note in listing.notes:
        lines += _wrapped(note, width)
    return lines


def _wrapped_paragraph(paragraph: str, width: int | None) -> list[Line]:
    """A line of a one-item view, wrapped with its indentation (and "- " or "label: ") kept."""
    if width is None or cell_len(paragraph) <= width:
        return [(Segment(paragraph),)]
    body = paragraph.lstrip(" ")
    indent = len(paragraph) - len(body)
    hang = indent
    if body.startswith("- "):
        hang += 2
    elif ": " in body[:24]:
        hang += body.index(": ") + 2
    first, rest = split_first_line(body, width - indent)
    lines: list[Line] = [(Segment(" " * indent + first),)]
    if rest:
        room = max(width - hang, 20)
        lines += [(Segment(" " * hang + part),) for part in wrap(rest, room)]
    return lines


def legend_lines(meanings: list[str], width: int | None) -> list[Line]:
    """ "Colours: overdue · due today · …", each name in its colour, wrapped to the width."""
    lines: list[Line] = []
    line = [Segment("Colours: ")]
    used = len("Colours: ")
    for n, meaning in enumerate(meanings):
        label = MEANINGS[meaning][0]
        sep = " · " if n else ""
        if width is not None and used + len(sep) + cell_len(label) + 2 > width and n:
            line.append(Segment(" ·"))
            lines.append(tuple(line))
            line, used, sep = [Segment("         ")], 9, ""
        if sep:
            line.append(Segment(sep))
        line.append(Segment(label, meaning))
        used += len(sep) + cell_len(label)
    lines.append(tuple(line))
    return lines


def table_lines(
    listing: Listing, width: int | None, *, wide: bool = False, plain: bool = False
) -> tuple[list[Line], set[str], list[str]]:
    """The table's lines (header, rule, rows), the meanings its cells use, and the
    headers of fixed columns (counts) left out to fit the width."""
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
    # column by column: a getter over every record, then text only where needed
    column_cells = [
        [v if type(v) is str else cell_text(v) for v in map(c.get, listing.records)]
        for c in columns
    ]
    fitted = fit_columns(specs, column_cells, width, wide=wide)
    kept = [columns[i] for i in fitted.columns]
    left_out = [
        c.header
        for i, c in enumerate(columns)
        if not c.flex and i not in fitted.columns and any(column_cells[i])
    ]
    gap = " " * GAP
    lines: list[Line] = []
    for titles in fitted.header:
        header: list[Segment] = []
        for n, (title, w) in enumerate(zip(titles, fitted.widths, strict=True)):
            if n:
                header.append(Segment(gap))
            header.append(Segment(pad(title, w, right=kept[n].right), "title" if title else ""))
        lines.append(tuple(header))
    lines.append((Segment(gap.join("-" * w for w in fitted.widths)),))
    used: set[str] = set()
    rights = [c.right for c in kept]
    meaning_of = [c.meaning for c in kept]
    if all(len(physical) == 1 for physical in fitted.rows):
        lines += _one_line_rows(listing.records, fitted, rights, meaning_of, used, plain=plain)
        return lines, used, left_out
    for record, physical, sizes in zip(
        listing.records, fitted.rows, fitted.cell_widths, strict=True
    ):
        meanings = [m(record) if m else None for m in meaning_of]
        used.update(m for m in meanings if m)
        for cells, cell_sizes in zip(physical, sizes, strict=True):
            # unstyled cells and the gaps between them make one segment
            line: list[Segment] = []
            run = ""
            for n, text in enumerate(cells):
                if n:
                    run += gap
                room = fitted.widths[n] - cell_sizes[n]
                padded = text
                if room > 0:
                    padded = " " * room + text if rights[n] else text + " " * room
                style = meanings[n] if text else None
                if style:
                    if run:
                        line.append(Segment(run))
                        run = ""
                    line.append(Segment(padded, style))
                else:
                    run += padded
            if run:
                line.append(Segment(run))
            lines.append(tuple(line))
    return lines, used, left_out


def _one_line_rows(
    records: Sequence[Any],
    fitted: Fitted,
    rights: list[bool],
    meaning_of: list[Callable[[Any], str | None] | None],
    used: set[str],
    *,
    plain: bool = False,
) -> list[Line]:
    """The rows of a table whose every row is one line (the default), column by column.

    The same lines as the general loop below it, built with list operations:
    each column is padded as a whole, and the columns without colour between
    two coloured ones are joined once, so a 10,000-row table costs a few
    string joins per row.
    """
    count = len(fitted.widths)
    texts = list(zip(*(physical[0] for physical in fitted.rows), strict=True))
    sizes = list(zip(*(physical[0] for physical in fitted.cell_widths), strict=True))
    if not texts:
        return []
    padded: list[list[str]] = []
    for n in range(count):
        width = fitted.widths[n]
        if rights[n]:
            padded.append([" " * (width - s) + t for t, s in zip(texts[n], sizes[n], strict=True)])
        else:
            padded.append([t + " " * (width - s) for t, s in zip(texts[n], sizes[n], strict=True)])
    gap = " " * GAP
    if plain:  # no colour: each row is its padded cells joined, the same text
        for meaning in meaning_of:
            if meaning is not None:
                used.update(m for m in map(meaning, records) if m)
        return [(Segment(gap.join(cells)),) for cells in zip(*padded, strict=True)]
    # runs of columns without colour, joined once; coloured columns stand alone
    groups: list[tuple[int | None, list[str]]] = []
    uncoloured: list[int] = []
    for n in range(count + 1):
        if n < count and meaning_of[n] is None:
            uncoloured.append(n)
            continue
        if uncoloured:
            joined = [
                gap.join(cells) for cells in zip(*(padded[k] for k in uncoloured), strict=True)
            ]
            groups.append((None, joined))
            uncoloured = []
        if n < count:
            groups.append((n, padded[n]))
    lines: list[Line] = []
    for r, record in enumerate(records):
        line: list[Segment] = []
        run = ""
        for g, (coloured, cells) in enumerate(groups):
            if g:
                run += gap
            style = None
            if coloured is not None:
                style = meaning_of[coloured](record)  # type: ignore[misc]
                if style:
                    used.add(style)  # named in the legend, as in the general loop
                if not texts[coloured][r]:
                    style = None
            if style:
                if run:
                    line.append(Segment(run))
                    run = ""
                line.append(Segment(cells[r], style))
            else:
                run += cells[r]
        if run:
            line.append(Segment(run))
        lines.append(tuple(line))
    return lines
