"""Calendar quarters ("2016Q4"): a value type light enough for the command line.

The command line parses ``--quarter`` into a :class:`Quarter` at start-up, so
this module imports nothing beyond the standard library.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from plancli.datetext import FIRST_YEAR, LAST_YEAR


@dataclass(frozen=True)
class Quarter:
    year: int
    number: int

    @classmethod
    def parse(cls, text: str) -> Quarter:
        """``"2016Q4"`` (also ``2016-Q4``, ``2016q4``); ``ValueError`` otherwise."""
        cleaned = text.strip().upper().replace("-", "").replace(" ", "")
        year, sep, number = cleaned.partition("Q")
        if not (sep and year.isdigit() and len(year) == 4 and number in {"1", "2", "3", "4"}):
            raise ValueError(f"{text!r} is not a quarter; expected YYYYQN, e.g. 2016Q4")
        if not FIRST_YEAR <= int(year) <= LAST_YEAR:
            raise ValueError(
                f"{text!r} is outside the quarters plancli accepts "
                f"({FIRST_YEAR}Q1 to {LAST_YEAR}Q4)"
            )
        return cls(int(year), int(number))

    @classmethod
    def of(cls, day: dt.date) -> Quarter:
        return cls(day.year, (day.month - 1) // 3 + 1)

    @property
    def start(self) -> dt.date:
        return dt.date(self.year, 3 * self.number - 2, 1)

    @property
    def end(self) -> dt.date:
        if self.number == 4:
            return dt.date(self.year, 12, 31)
        return dt.date(self.year, 3 * self.number + 1, 1) - dt.timedelta(days=1)

    def __str__(self) -> str:
        return f"{self.year}Q{self.number}"
