"""Where a character of a YAML string value is in the file.

A string value is not a copy of its source text: a folded (``>``) or plain
multi-line scalar joins lines with spaces, every block scalar drops its
indentation, quoted scalars drop their quotes and decode escapes. A problem
found at character ``k`` of the value (a Latin letter in a Cyrillic word, a
zero-width space) must still be reported at the line and column where that
character is typed, or editors jump to the wrong place.

:func:`locate` re-reads the scalar's source and pairs each character of the
value with the source character it came from. It walks both in step: a value
character equal to the next source character is that character; source
characters YAML drops (indentation, line breaks, quotes, backslashes of
escapes) are skipped; spaces and line breaks that YAML *made* (folding) stay
at the break. Escapes of double-quoted scalars are decoded first, so ``\\u0430``
is found at its backslash. This needs no indentation arithmetic and works for
every style; only whitespace can end up paired with a neighbouring column,
and no check reports whitespace other than no-break spaces, which YAML never
drops or makes.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

#: Line breaks as YAML 1.1 (and so PyYAML and libyaml) counts them.
_BREAKS = frozenset("\n\r\x85\u2028\u2029")
_WHITE = frozenset(" \t")

_SIMPLE_ESCAPES = {
    "0": "\0",
    "a": "\a",
    "b": "\b",
    "t": "\t",
    "\t": "\t",
    "n": "\n",
    "v": "\v",
    "f": "\f",
    "r": "\r",
    "e": "\x1b",
    " ": " ",
    '"': '"',
    "/": "/",
    "\\": "\\",
    "N": "\x85",
    "_": "\xa0",
    "L": "\u2028",
    "P": "\u2029",
}
_HEX_ESCAPES = {"x": 2, "u": 4, "U": 8}


@dataclass(frozen=True)
class Scalar:
    """Where a string scalar's source is: 0-based line/column/index of its
    first character (the quote or block indicator included), index one past
    its end, and its YAML style (``None``/``""`` plain, ``'`` ``"`` ``|`` ``>``)."""

    line: int
    column: int
    start: int
    end: int
    style: str | None


def locate(text: str, scalar: Scalar, value: str, offset: int) -> tuple[int, int]:
    """1-based ``(line, column)`` in ``text`` of character ``offset`` of ``value``."""
    index = _source_index(text, scalar, value, offset)
    return _line_column(text, scalar, index)


def _source_index(text: str, scalar: Scalar, value: str, offset: int) -> int:
    tokens = list(_tokens(text, scalar))
    position = 0  # next token
    last = tokens[0][1] if tokens else scalar.start
    for k, char in enumerate(value[: offset + 1]):
        found = None
        if position < len(tokens) and tokens[position][0] == char:
            found = position
        elif char not in _WHITE and char not in _BREAKS:
            # skip what YAML dropped (indentation, breaks, a doubled quote…)
            for ahead in range(position, len(tokens)):
                if tokens[ahead][0] == char:
                    found = ahead
                    break
        if found is None:
            # a space or break YAML made by folding: it stands at the break
            at = tokens[position][1] if position < len(tokens) else last
            if k == offset:
                return at
            continue
        last = tokens[found][1]
        position = found + 1
        if k == offset:
            return last
    return last


def _tokens(text: str, scalar: Scalar) -> Iterator[tuple[str, int]]:
    """The scalar's source as ``(character, index)``, without its quotes or
    block header; escapes of double-quoted scalars come decoded."""
    start, end = scalar.start, min(scalar.end, len(text))
    index = start
    if scalar.style in ("|", ">"):
        # skip the header line ("|", ">-", "|2+", a comment)
        while index < end and text[index] not in _BREAKS:
            index += 1
    elif scalar.style in ("'", '"'):
        index += 1  # the opening quote
        end -= 1  # the closing quote
    while index < end:
        char = text[index]
        if scalar.style == '"' and char == "\\" and index + 1 < end:
            code = text[index + 1]
            if code in _HEX_ESCAPES:
                digits = text[index + 2 : index + 2 + _HEX_ESCAPES[code]]
                try:
                    yield chr(int(digits, 16)), index
                except ValueError:
                    yield char, index
                index += 2 + len(digits)
                continue
            if code in _SIMPLE_ESCAPES:
                yield _SIMPLE_ESCAPES[code], index
                index += 2
                continue
            if code in _BREAKS:  # an escaped line break joins the lines
                index += 2
                continue
        yield char, index
        index += 1


def _line_column(text: str, scalar: Scalar, index: int) -> tuple[int, int]:
    """Count lines from the scalar's known start, with YAML's line breaks."""
    line, column = scalar.line, scalar.column
    position = scalar.start
    while position < index and position < len(text):
        char = text[position]
        if char in _BREAKS:
            if char == "\r" and text[position + 1 : position + 2] == "\n":
                position += 1
            line += 1
            column = 0
        else:
            column += 1
        position += 1
    return line + 1, column + 1
