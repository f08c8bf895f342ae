"""Control characters: found in data, escaped wherever input is echoed.

A C0 or C1 control character (ESC, BEL, CSI…) in a text field is never
meant: it is either a careless paste or a terminal escape sequence planted to
retitle a window, clear a screen or hide a line when plancli prints the text.
Validation rejects them (:func:`find_control`); messages that repeat what a
user typed or a file held pass it through :func:`escape_controls` first.
Tab and newline are ordinary text. Standard library only.
"""

from __future__ import annotations

import re

# C0 without tab (0x09) and newline (0x0a), DEL, C1.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# The same plus tab and newline: for one-line messages.
_CONTROL_OR_BREAK = re.compile("[\x00-\x1f\x7f-\x9f]")


def find_control(text: str) -> re.Match[str] | None:
    """The first control character of ``text`` other than tab and newline."""
    return _CONTROL.search(text)


def escape_controls(text: str, *, one_line: bool = False) -> str:
    """``text`` with each control character written as ``\\xNN`` (visible, inert)."""
    pattern = _CONTROL_OR_BREAK if one_line else _CONTROL
    return pattern.sub(lambda match: f"\\x{ord(match.group()):02x}", text)


def describe(character: str) -> str:
    """``U+001B (ESC)``-style name of a control character."""
    names = {0: "NUL", 7: "BEL", 8: "BS", 0x1B: "ESC", 0x7F: "DEL", 0x9B: "CSI", 0x0D: "CR"}
    code = ord(character)
    return f"U+{code:04X}" + (f" ({names[code]})" if code in names else "")
