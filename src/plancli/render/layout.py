"""Fitting a table into a width: one line per row, nothing split but free text.

Pure text layout, no rich, no colour: the same lines are printed plainly or
with styles, so colour can never change the layout. A table has two kinds of
columns. *Fixed* columns (ids, dates, day counts, status labels, counts) are
never shortened or wrapped. *Flexible* columns (measure text, deadline
phrase, a body's name) share what the fixed ones leave: they are shortened at
a word boundary with "…" (or, with ``wide``, wrapped at word boundaries). When
even their minimum widths do not fit, flexible columns are dropped, the least
important first, so a row still takes one line; a fixed column that says it
may go (``drop`` > 0: a breakdown of a table with many counts) goes, whole,
before any column it outranks. Headers are never split.

Display width counts East Asian wide characters as two cells and combining
marks as none, so Cyrillic (one cell a letter) stays aligned.

Commands and other renderers (calendar lists, agenda) use :func:`fit` with
their own :class:`Spec` list; :mod:`plancli.render.table` uses it for every
:class:`~plancli.render.Listing`.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Sequence
from typing import NamedTuple

ELLIPSIS = "…"
GAP = 2
#: Free text never gets fewer cells than this (or its header's width).
MIN_FLEX = 8


#: Characters that certainly take one cell each: printable Latin and
#: Cyrillic (Kyrgyz letters included; not the Cyrillic combining marks
#: U+0483-U+0489, not the soft hyphen) and common punctuation (dashes, quotes,
#: "…"). A text made only of these is as wide as it is long: the per-character
#: lookup below costs seconds on a 10,000-row table.
_NARROW = re.compile(
    "[\u0020-\u007e\u00a0-\u00ac\u00ae-\u02ff\u0400-\u0482\u048a-\u052f\u2010-\u2027\u2030-\u205e]*"
)


@functools.lru_cache(maxsize=4096)
def _char_len(char: str) -> int:
    if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def cell_len(text: str) -> int:
    """Terminal cells taken by ``text``."""
    if text.isascii() or _NARROW.fullmatch(text):
        return len(text)
    return sum(_char_len(char) for char in text)


def one_line(text: str) -> str:
    """Whitespace (newlines included) collapsed to single spaces."""
    if "\n" in text or "  " in text or "\t" in text or "\r" in text:
        return " ".join(text.split())
    return text


def _take(text: str, cells: int) -> str:
    """The longest prefix of ``text`` that fits in ``cells``."""
    if text.isascii() or _NARROW.fullmatch(text):
        return text[:cells]
    used = 0
    for index, char in enumerate(text):
        used += _char_len(char)
        if used > cells:
            return text[:index]
    return text


def shorten(text: str, width: int) -> str:
    """``text`` on one line in at most ``width`` cells, cut at a word boundary with "…".

    A single word longer than the width is cut inside it (there is no boundary
    to cut at); everything else ends at the end of a whole word.
    """
    text = one_line(text)
    if cell_len(text) <= width:
        return text
    if width <= 1:
        return ELLIPSIS[:width]
    head = _take(text, width - 1)
    if text[len(head)] != " ":  # the cut falls inside a word: back up to its start
        space = head.rfind(" ")
        hyphen = head.rfind("-", 0, len(head) - 1)  # "бизнес-" of "бизнес-ассоциациялар"
        if hyphen > space and hyphen > 0:
            return head[: hyphen + 1] + ELLIPSIS
        if space > 0:
            head = head[:space]
    return head.rstrip(" ,;:-—–") + ELLIPSIS


def first_word(text: str) -> int:
    """Cells up to the first place :func:`shorten` may cut: a space or after a hyphen."""
    for index, char in enumerate(text):
        if char == " ":
            return cell_len(text[:index])
        if char == "-" and index > 0:
            return cell_len(text[: index + 1])
    return cell_len(text)


def wrap(text: str, width: int) -> list[str]:
    """``text`` broken into lines of at most ``width`` cells at word boundaries.

    Every line takes at least one character, whatever the width: at 1 column a
    wide (2-cell) character still gets a line of its own (it overflows), and a
    width below 1 counts as 1, so no text is lost and the loop always ends.
    """
    width = max(width, 1)
    lines: list[str] = []
    line = ""
    for word in text.split():
        while cell_len(word) > width:  # a word longer than the column: no boundary to use
            if line:
                lines.append(line)
                line = ""
            piece = _take(word, width) or word[:1]
            lines.append(piece)
            word = word[len(piece) :]
        if not line:
            line = word
        elif cell_len(line) + 1 + cell_len(word) <= width:
            line += " " + word
        else:
            lines.append(line)
            line = word
    if line or not lines:
        lines.append(line)
    return lines


def split_first_line(text: str, width: int) -> tuple[str, str]:
    """The first line :func:`wrap` makes of ``text``, and the text left after it
    (whitespace inside the rest kept as written, so it can be wrapped again)."""
    first = wrap(text, width)[0]
    end = 0
    words = re.finditer(r"\S+", text)
    for piece in first.split():
        word = next(words)
        # the line's words are the text's words, the last possibly cut inside it
        end = word.start() + len(piece)
    return first, text[end:].strip()


class Spec(NamedTuple):
    """How one column behaves when the table does not fit."""

    header: str
    #: 0: fixed, never shortened. >0: free text; its share of the spare width.
    flex: int = 0
    #: Right-align (numbers).
    right: bool = False
    #: Higher is dropped first when even minimum widths do not fit. Flexible columns
    #: may always be dropped (last when 0); a fixed column only when this is > 0.
    drop: int = 0
    #: Without a width limit (pipes), free text is still shortened to this many cells.
    cap: int | None = None
    #: Free text: fewer cells than this are not worth showing (default MIN_FLEX).
    min: int = 0


class Fitted(NamedTuple):
    """A laid-out table: kept column indexes, their widths, and lines of cells."""

    columns: tuple[int, ...]
    widths: tuple[int, ...]
    #: Header lines: one string per kept column each (more than one line only when
    #: headers had to wrap between their words to fit).
    header: tuple[tuple[str, ...], ...]
    #: One list of physical lines per row; each line is one string per kept column.
    rows: tuple[tuple[tuple[str, ...], ...], ...]
    #: The display width of each cell of ``rows`` (same shape), so nothing is measured twice.
    cell_widths: tuple[tuple[tuple[int, ...], ...], ...] = ()

    def width(self) -> int:
        return sum(self.widths) + GAP * (len(self.widths) - 1)


def _header_width(spec: Spec, stacked: bool) -> int:
    """A header's width: whole, or (``stacked``) its longest word, words on lines of their own."""
    if stacked:
        return max(cell_len(word) for word in spec.header.split() or [""])
    return cell_len(spec.header)


def _min_width(spec: Spec, stacked: bool) -> int:
    header = _header_width(spec, stacked)
    return max(header, spec.min or MIN_FLEX) if spec.flex else header


def _share(specs: list[Spec], natural: list[int], mins: list[int], room: int) -> list[int] | None:
    """Widths for the flexible columns that sum to at most ``room``, or None if impossible."""
    if sum(mins) > room:
        return None
    if sum(natural) <= room:
        return natural
    # water-filling: raise a common level until the room is used
    low, high = 0.0, float(max(natural) + 1)
    for _ in range(50):
        level = (low + high) / 2
        used = sum(
            min(n, max(m, int(level * s.flex)))
            for s, n, m in zip(specs, natural, mins, strict=True)
        )
        if used <= room:
            low = level
        else:
            high = level
    widths = [
        min(n, max(m, int(low * s.flex))) for s, n, m in zip(specs, natural, mins, strict=True)
    ]
    # give cells lost to rounding to the widest-weighted columns that still want them
    spare = room - sum(widths)
    for index in sorted(range(len(specs)), key=lambda i: -specs[i].flex):
        extra = min(spare, natural[index] - widths[index])
        widths[index] += extra
        spare -= extra
    return widths


def fit(
    specs: Sequence[Spec],
    rows: Sequence[Sequence[str]],
    width: int | None,
    *,
    wide: bool = False,
) -> Fitted:
    """Lay ``rows`` (one string per spec) out in ``width`` cells (None: no limit).

    Columns empty in every row are left out. Without ``wide`` every row is one
    line; with it, free text wraps at word boundaries instead of being shortened.
    """
    columns: list[Sequence[str]] = list(zip(*rows, strict=True)) if rows else [() for _ in specs]
    return fit_columns(specs, columns, width, wide=wide)


def fit_columns(
    specs: Sequence[Spec],
    raw_columns: Sequence[Sequence[str]],
    width: int | None,
    *,
    wide: bool = False,
) -> Fitted:
    """:func:`fit` for a table given column by column (each as long as the others)."""
    # Column by column, each distinct text once: a 10,000-row table has 70,000
    # cells but few distinct ids-to-names, phrases and labels per column.
    rows = range(len(raw_columns[0]) if raw_columns else 0)
    shown: list[dict[str, str]] = []
    sizes: list[dict[str, int]] = []
    for column in raw_columns:
        texts = {text: one_line(text) for text in set(column)}
        shown.append(texts)
        sizes.append({text: cell_len(line) for text, line in texts.items()})
    keep = [i for i in range(len(specs)) if any(shown[i].values())]
    longest = {i: max(sizes[i].values(), default=0) for i in keep}
    # free text never shows less than its longest first word (and "…"): no word is cut
    floor = {
        i: max((first_word(text) + 1 for text in shown[i].values() if text), default=0)
        for i in keep
        if specs[i].flex
    }
    # First whole headers; if the minimum widths do not fit, headers of several words
    # stacked on lines of their own; then free-text columns dropped, least important first.
    stacked = False
    while True:
        natural = []
        for i in keep:
            spec = specs[i]
            content = longest[i]
            if spec.flex and width is None and not wide and spec.cap is not None:
                content = min(content, spec.cap)
            natural.append(max(_header_width(spec, stacked), content))
        if width is None:
            widths = natural
            break
        fixed = sum(n for i, n in zip(keep, natural, strict=True) if not specs[i].flex)
        flexible = [n for n, i in enumerate(keep) if specs[i].flex]
        room = width - fixed - GAP * (len(keep) - 1)
        shared = _share(
            [specs[keep[n]] for n in flexible],
            [natural[n] for n in flexible],
            [
                min(natural[n], max(_min_width(specs[keep[n]], stacked), floor[keep[n]]))
                for n in flexible
            ],
            room,
        )
        if shared is not None:
            widths = list(natural)
            for n, w in zip(flexible, shared, strict=True):
                widths[n] = w
            break
        if not stacked:
            stacked = True
            continue
        droppable = flexible + [
            n for n, i in enumerate(keep) if not specs[i].flex and specs[i].drop
        ]
        if not droppable:
            widths = natural  # too narrow even for the fixed columns: lines will overflow
            break
        victim = max(droppable, key=lambda n: (specs[keep[n]].drop, n))
        del keep[victim]
    final: list[list[str]] = []
    final_sizes: list[list[int]] = []
    wrapped: dict[int, dict[str, list[str]]] = {}
    for n, (i, w) in enumerate(zip(keep, widths, strict=True)):
        texts, measured = shown[i], sizes[i]
        if specs[i].flex and any(size > w for size in measured.values()):
            texts, measured = dict(texts), dict(measured)
            for raw, size in measured.items():
                if size <= w:
                    continue
                if wide:
                    wrapped.setdefault(n, {})[raw] = pieces = wrap(texts[raw], w)
                    texts[raw] = pieces[0]
                else:
                    texts[raw] = shorten(texts[raw], w)
                measured[raw] = cell_len(texts[raw])
        final.append([texts[raw] for raw in raw_columns[i]])
        final_sizes.append([measured[raw] for raw in raw_columns[i]])
    laid: list[tuple[tuple[str, ...], ...]] = [(line,) for line in zip(*final, strict=True)]
    laid_lens: list[tuple[tuple[int, ...], ...]] = [
        (line,) for line in zip(*final_sizes, strict=True)
    ]
    if not keep:
        laid = [((),) for _ in rows]
        laid_lens = [((),) for _ in rows]
    for r in range(len(rows) if wrapped else 0):  # --wide: further lines of wrapped cells
        row_parts = {
            n: by_raw[raw_columns[keep[n]][r]]
            for n, by_raw in wrapped.items()
            if raw_columns[keep[n]][r] in by_raw
        }
        height = max((len(p) for p in row_parts.values()), default=1)
        if height == 1:
            continue
        lines = [laid[r][0]]
        lines_lens = [laid_lens[r][0]]
        for k in range(1, height):
            line = tuple(
                row_parts[n][k] if n in row_parts and k < len(row_parts[n]) else ""
                for n in range(len(keep))
            )
            lines.append(line)
            lines_lens.append(tuple(cell_len(text) for text in line))
        laid[r] = tuple(lines)
        laid_lens[r] = tuple(lines_lens)
    headers = [
        wrap(specs[i].header, w) if cell_len(specs[i].header) > w else [specs[i].header]
        for i, w in zip(keep, widths, strict=True)
    ]
    height = max((len(h) for h in headers), default=1)
    # stacked headers sit on the bottom line, next to the rule, like `ls -l` columns
    header_lines = tuple(
        tuple(h[k - (height - len(h))] if k >= height - len(h) else "" for h in headers)
        for k in range(height)
    )
    return Fitted(
        columns=tuple(keep),
        widths=tuple(widths),
        header=header_lines,
        rows=tuple(laid),
        cell_widths=tuple(laid_lens),
    )


def pad(text: str, width: int, *, right: bool = False) -> str:
    """``text`` padded with spaces to ``width`` cells."""
    room = width - cell_len(text)
    if room <= 0:
        return text
    return " " * room + text if right else text + " " * room
