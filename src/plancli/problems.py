"""Validation problems: where, what, and which rule."""

from __future__ import annotations

from dataclasses import dataclass

from plancli.safetext import escape_controls


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with a data file.

    ``line`` and ``column`` are 1-based; 0 means unknown (the file as a whole).
    ``item_kind``/``item_id`` name the item concerned where there is one:
    ``("measure", "12.1")``, ``("task", "4")``, ``("glossary entry", "ЮМ")``.
    """

    file: str
    line: int
    column: int
    code: str
    message: str
    item_kind: str | None = None
    item_id: str | None = None

    def format(self) -> str:
        """``FILE:LINE:COL: KIND ID: message [code]``, one line whatever the input held."""
        where = self.file
        if self.line:
            where += f":{self.line}:{self.column or 1}"
        subject = f"{self.item_kind} {self.item_id}: " if self.item_id else ""
        # an id or message may repeat what the file says: never a raw escape sequence
        return escape_controls(f"{where}: {subject}{self.message} [{self.code}]", one_line=True)
