"""``plancli calendar`` (and the agenda): the plan's dated obligations in a range."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from plancli.agencies import NO_AGENCY_FILTER, AgencyFilter, AgencyScope
from plancli.dataset import Dataset
from plancli.editions import edition_caveats
from plancli.errors import UsageError
from plancli.glossary import Entry
from plancli.plan import Measure
from plancli.queries.selection import agency_scope, reporting_binds_any

if TYPE_CHECKING:
    from plancli.event_kinds import EventKind
    from plancli.schedule import Event


@dataclass(frozen=True)
class CalendarView:
    start: dt.date
    end: dt.date
    events: tuple[Event, ...]
    #: The first requested agency (see ``scope`` for all of them).
    agency: Entry | None
    working_days: bool
    scope: AgencyScope | None = None
    caveats: tuple[str, ...] = ()


def calendar_events(
    data: Dataset,
    *,
    year: int | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
    agency_filter: AgencyFilter = NO_AGENCY_FILTER,
    kinds: Sequence[EventKind] = (),
    working_days: bool = False,
) -> CalendarView:
    """The plan's dated obligations in a year or from ``start`` to ``end``, optionally for agencies.

    With agencies: the events of their measures (:func:`agency_scope`) and the
    reports that bind any of them.

    Without a year or bounds: the plan years, up to the last report (January after them).
    """
    if year is not None:
        start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    start = start or dt.date(data.plan.first_year, 1, 1)
    end = end or dt.date(data.plan.last_year + 1, 1, 31)
    from plancli.schedule import events_between, shift_to_working_days

    if start > end:
        raise UsageError(f"the range starts ({start}) after it ends ({end})")
    scope = agency_scope(data, agency_filter)
    measures: list[Measure] | None = None
    if scope is not None:
        selected = scope.select(data.plan.measures)
        measures = [m for m in data.plan.measures if m.id in selected]
    found = events_between(data.plan, start=start, end=end, measures=measures, kinds=kinds or None)
    if scope is not None:
        found = [e for e in found if e.rule is None or reporting_binds_any(data, e.rule, scope)]
    if working_days:
        from plancli.workdays import kyrgyz_working_days

        found = shift_to_working_days(found, kyrgyz_working_days(start, end))
    first = scope.agencies[0] if scope else None
    caveats = edition_caveats(data.plan, start, reporting=True)
    return CalendarView(start, end, tuple(found), first, working_days, scope, caveats)
