"""Working days of the Kyrgyz Republic, from the ``holidays`` package.

Civil Code art. 209(5): when the last day of a term is a non-working day, the
term ends on the next working day. plancli applies this only on request
(``--working-days``): reading a month deadline as "the last day of the month"
and then shifting it is a design choice, not settled law.

The package's Kyrgyzstan calendar includes the government's day swaps (a
Saturday worked so that a Monday or Friday can be taken off). Its 2016 spring
data (the March and May swaps) disagrees with news reports of the time; plancli
uses the package as it is and names the day off so that users can check.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import holidays

from plancli.schedule import WorkingDays

#: Holiday names are given in English; the Kyrgyz names are available too ("ky").
LANGUAGE = "en_US"


class KyrgyzWorkingDays(WorkingDays):
    def __init__(self, years: Iterable[int]) -> None:
        self._calendar = holidays.country_holidays(
            "KG", years=sorted(set(years)), language=LANGUAGE
        )

    def day_off(self, day: dt.date) -> str | None:
        if self._calendar.is_working_day(day):
            return None
        name = self._calendar.get(day)
        return name if name else day.strftime("%A")

    def next_working_day(self, day: dt.date) -> dt.date:
        nxt = day + dt.timedelta(days=1)
        while not self._calendar.is_working_day(nxt):
            nxt += dt.timedelta(days=1)
        return nxt


def kyrgyz_working_days(start: dt.date, end: dt.date) -> KyrgyzWorkingDays:
    # one more year so that a shift out of 31 December finds its working day
    return KyrgyzWorkingDays(range(start.year, end.year + 2))
