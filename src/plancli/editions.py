"""Which edition of the decree the data is, and when a date predates it.

The plan encodes the consolidated text: the appendix as amended by decree
No. 570 (4 November 2016), points 2 and 4 as amended by No. 570 and No. 640.
The earlier texts are not available, so a day before an amendment is judged
against the later text. That cannot be fixed, but it must not be hidden:
commands that judge a day print these caveats (stderr; ``caveats`` in JSON).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import NamedTuple

from plancli.plan import Plan

_CITED = re.compile(r"№\s*(\d+)")


class Edition(NamedTuple):
    """A part of the decree and the latest amending decree its text follows."""

    part: str
    decree: int
    date: dt.date


def edition_of(plan: Plan, part: str, note: str | None) -> Edition | None:
    """The latest amending decree an edition note cites (``None`` without one)."""
    dates = dict(plan.decree.amended_by)
    cited = [(dates[n], n) for n in map(int, _CITED.findall(note or "")) if n in dates]
    if not cited:
        return None
    date, number = max(cited)
    return Edition(part, number, date)


def editions(plan: Plan, *, reporting: bool = False) -> list[Edition]:
    """The editions of the appendix and, with ``reporting``, of the reporting points."""
    found = [edition_of(plan, "the appendix (deadlines, executors)", plan.appendix_edition_note)]
    if reporting:
        found += [edition_of(plan, f"point {r.point}", r.edition_note) for r in plan.reporting]
    return [e for e in found if e is not None]


def edition_caveats(plan: Plan, day: dt.date, *, reporting: bool = False) -> tuple[str, ...]:
    """One line, when ``day`` is before an amendment whose text plancli applies."""
    later = [e for e in editions(plan, reporting=reporting) if day < e.date]
    if not later:
        return ()
    parts = "; ".join(
        f"{e.part} as amended by decree No. {e.decree} of {e.date.isoformat()}" for e in later
    )
    return (
        f"{day.isoformat()} is judged against the amended text, not the one in force that day: "
        f"{parts} (the earlier text is not available).",
    )
