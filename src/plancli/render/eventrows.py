"""Events as compact one-line rows grouped by day, fitted to a width (calendar, agenda).

:func:`layout` is a pure function of the rows and the width. A day's heading
line is followed by one line per event: its marker (the grid's letter,
coloured alike), the item (measure, year or quarter), the lead, optionally the
state, and as much of the text as fits, cut at a word with "…". No line is
wider than the width; json and csv keep every word.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from plancli.render.styled import Line, Segment, shorten, trim, wrap_text

INDENT = "  "
SEP = "  "
#: The lead column takes at most this much, and gives way down to LEAD_MIN
#: before the text is squeezed under TEXT_MIN.
LEAD_MAX, LEAD_MIN, TEXT_MIN = 18, 8, 24


@dataclass(frozen=True)
class EventRow:
    #: The day it falls due (the working day, when moved to one).
    day: dt.date
    #: The grid's marker: R, O, D, S or U.
    marker: str
    #: The measure ("4.1", "1.2@2016") or period ("2016Q4") concerned.
    item: str
    lead: str
    text: str
    state: str = ""
    #: A style name for the state (see :data:`~plancli.render.styled.STYLES`).
    state_style: str = ""
    #: Said once in the day's heading for the rows that share it, e.g. why the day moved.
    day_note: str = ""


def layout(
    rows: Sequence[EventRow],
    *,
    width: int,
    states: bool = False,
    as_of: dt.date | None = None,
) -> list[Line]:
    """Rows under day headings; with ``as_of`` each heading says how far away the day is."""
    if not rows:
        return []
    item_w = max(len(r.item) for r in rows)
    state_w = max(len(r.state) for r in rows) if states else 0
    lead_need = max(len(r.lead) for r in rows)
    fixed = len(INDENT) + 1 + len(SEP) + item_w + len(SEP) + (state_w + len(SEP) if states else 0)
    rest = width - fixed
    lead_w = 0
    if lead_need:
        lead_w = min(lead_need, LEAD_MAX, max(LEAD_MIN, rest - len(SEP) - TEXT_MIN))
        lead_w = max(len(shorten(r.lead, lead_w)) for r in rows)  # cut at a word: maybe less
        rest -= lead_w + len(SEP)
    lines: list[Line] = []
    day: tuple[dt.date, str] | None = None
    for row in rows:
        if (row.day, row.day_note) != day:
            day = (row.day, row.day_note)
            lines += wrap_text(_heading(row.day, as_of, row.day_note), width, "title")
        parts = [
            Segment(INDENT),
            Segment(row.marker, row.marker),
            Segment(SEP + row.item.ljust(item_w) + SEP),
        ]
        if lead_w:
            parts.append(Segment(shorten(row.lead, lead_w).ljust(lead_w) + SEP))
        if states:
            parts += [
                Segment(row.state, row.state_style),
                Segment(" " * (state_w - len(row.state)) + SEP),
            ]
        if rest > 0:
            parts.append(Segment(shorten(row.text, rest)))
        lines.append(trim(parts))
    return lines


def _heading(day: dt.date, as_of: dt.date | None, note: str) -> str:
    text = f"{day.isoformat()} {day.strftime('%A')}"
    if as_of is not None:
        days = (day - as_of).days
        when = {0: "today", 1: "tomorrow", -1: "yesterday"}.get(days)
        when = when or (f"in {days} days" if days > 0 else f"{-days} days ago")
        text += f" ({when})"
    return f"{text} {note}" if note else text
