"""Styled lines: the text of a laid-out view, cut into segments that name a style.

Layouts that depend on the terminal's width (month grids, agenda rows) are pure
functions returning :data:`Line` values. The plain renderer joins the texts;
the rich renderer maps each style name to a colour (:data:`STYLES`). Both
print the same characters, so colour can never change the layout.
"""

from __future__ import annotations

import os
from typing import NamedTuple, TextIO


class Segment(NamedTuple):
    text: str
    #: Space-separated style names (keys of :data:`STYLES`); "" for none.
    style: str = ""


Line = tuple[Segment, ...]

#: Style names -> rich styles. Event markers are coloured by kind everywhere.
STYLES = {
    "R": "cyan",
    "O": "magenta",
    "D": "bold red",
    "S": "green",
    "U": "yellow",
    "as-of": "reverse bold",
    "title": "bold",
    "weekday": "dim",
    "muted": "dim",
    "day": "bold",
    # the standings (overdue, done_late, …) are coloured by plancli.render.MEANINGS,
    # which the rich renderer consults first: one colour per meaning everywhere
}

#: Width of output that goes to no terminal and has no ``COLUMNS``.
DEFAULT_WIDTH = 80


def text_of(line: Line) -> str:
    return "".join(segment.text for segment in line).rstrip()


def trim(parts: list[Segment]) -> Line:
    """A line from ``parts`` without trailing blanks."""
    while parts and not parts[-1].text.strip():
        parts.pop()
    if parts:
        parts[-1] = Segment(parts[-1].text.rstrip(), parts[-1].style)
    return tuple(parts)


def terminal_width(out: TextIO) -> int:
    """``COLUMNS`` if set, else the terminal's width, else :data:`DEFAULT_WIDTH`.

    Piped output gets a fixed width (files and diffs do not change with the
    window that produced them) unless ``COLUMNS`` says otherwise.
    """
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:
        return int(columns)
    if out.isatty():
        try:
            return os.get_terminal_size(out.fileno()).columns
        except (OSError, ValueError):
            pass
    return DEFAULT_WIDTH


def shorten(text: str, limit: int) -> str:
    """``text`` on one line in at most ``limit`` characters, cut at a word with "…"."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    if limit <= 1:
        return "…"[:limit]
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space >= limit // 2:  # a word boundary not too far back
        cut = cut[:space]
    return cut.rstrip(" ,;:-") + "…"


def wrap_items(
    items: list[Line], width: int, *, prefix: str = "", separator: str = "  "
) -> list[Line]:
    """Pack ``items`` into lines of at most ``width`` characters, never splitting one."""
    lines: list[Line] = []
    current: list[Segment] = [Segment(prefix)]
    used = len(prefix)
    indent = " " * len(prefix)
    for item in items:
        size = sum(len(s.text) for s in item)
        if used > len(prefix) and used + len(separator) + size > width:
            lines.append(tuple(current))
            current, used = [Segment(indent)], len(indent)
        if used > len(prefix):
            current.append(Segment(separator))
            used += len(separator)
        current.extend(item)
        used += size
    lines.append(tuple(current))
    return lines


def wrap_text(text: str, width: int, style: str = "") -> list[Line]:
    """A paragraph in lines of at most ``width`` characters, broken between words."""
    words: list[Line] = [(Segment(word, style),) for word in text.split()]
    return wrap_items(words, width, separator=" ") if words else [()]
