"""Dates and years as users type them: one strict form, one accepted range.

``YYYY-MM-DD`` and nothing else: Python's ``date.fromisoformat`` also takes
``20161231`` and ISO week dates (``2016-W52-6``), and a reader of a script
cannot tell what those mean at a glance, so they are refused with the exact
form to type instead. Dates outside :data:`FIRST_DAY`..:data:`LAST_DAY` are
refused too: plancli computes quarters, due dates and calendars a few years
around a day, which fails near the ends of ``datetime``'s range, and no plan
of this decree lies outside it. Standard library only: used at start-up.
"""

from __future__ import annotations

import datetime as dt
import re

FIRST_YEAR = 1900
LAST_YEAR = 2199
FIRST_DAY = dt.date(FIRST_YEAR, 1, 1)
LAST_DAY = dt.date(LAST_YEAR, 12, 31)
RANGE = f"{FIRST_DAY.isoformat()} to {LAST_DAY.isoformat()}"

_ISO_MONTH = re.compile(r"(\d{4})-(\d{2})", re.ASCII)
_ISO = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)
_BASIC = re.compile(r"(\d{4})(\d{2})(\d{2})", re.ASCII)
_WEEK = re.compile(r"(\d{4})-?W(\d{2})-?(\d)", re.ASCII | re.IGNORECASE)
_DAY_FIRST = re.compile(r"(\d{1,2})[./](\d{1,2})[./](\d{4})", re.ASCII)
_YEAR_FIRST = re.compile(r"(\d{4})[./](\d{1,2})[./](\d{1,2})", re.ASCII)


class DateTextError(ValueError):
    """``text`` is not a date plancli accepts; the message says what to type."""


def parse_date(text: str) -> dt.date:
    """A ``YYYY-MM-DD`` date within the accepted range, or :class:`DateTextError`."""
    value = text.strip()
    if _ISO.fullmatch(value):
        try:
            day = dt.date.fromisoformat(value)
        except ValueError as error:
            raise DateTextError(f"{text!r} is not a date ({error}); expected YYYY-MM-DD") from None
        check_date(day)
        return day
    suggestion = _iso_form(value)
    if suggestion is not None:
        raise DateTextError(f"{text!r} is not in the form YYYY-MM-DD; type {suggestion}")
    raise DateTextError(f"{text!r} is not a date; expected YYYY-MM-DD, e.g. 2016-12-31")


def parse_month(text: str) -> dt.date:
    """A ``YYYY-MM`` month within the accepted range, as its first day."""
    match = _ISO_MONTH.fullmatch(text.strip())
    if match is None or not 1 <= int(match.group(2)) <= 12:
        raise DateTextError(f"{text!r} is not a month; expected YYYY-MM, e.g. 2016-12")
    if not FIRST_YEAR <= int(match.group(1)) <= LAST_YEAR:
        raise DateTextError(
            f"{match.group(0)} is outside the months plancli accepts "
            f"({FIRST_YEAR}-01 to {LAST_YEAR}-12)"
        )
    return dt.date(int(match.group(1)), int(match.group(2)), 1)


def check_date(day: dt.date) -> dt.date:
    if not FIRST_DAY <= day <= LAST_DAY:
        raise DateTextError(f"{day.isoformat()} is outside the dates plancli accepts ({RANGE})")
    return day


def check_year(year: int) -> int:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise DateTextError(
            f"year {year} is outside the years plancli accepts ({FIRST_YEAR}-{LAST_YEAR})"
        )
    return year


def _iso_form(value: str) -> str | None:
    """The ``YYYY-MM-DD`` spelling of a date typed another way, if it is one."""
    day: dt.date | None = None
    try:
        if match := _BASIC.fullmatch(value):
            day = dt.date(*(int(part) for part in match.groups()))
        elif match := _WEEK.fullmatch(value):
            year, week, weekday = (int(part) for part in match.groups())
            day = dt.date.fromisocalendar(year, week, weekday)
        elif match := _DAY_FIRST.fullmatch(value):
            first, second, year = (int(part) for part in match.groups())
            if second > 12 >= first:
                day = dt.date(year, first, second)  # 12/31/2016: month first
            else:
                day = dt.date(year, second, first)  # 31.12.2016: day first, as the decree writes
        elif match := _YEAR_FIRST.fullmatch(value):
            day = dt.date(*(int(part) for part in match.groups()))
    except ValueError:
        return None
    return day.isoformat() if day is not None else None
