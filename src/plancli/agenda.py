"""The agenda: what falls due, day by day, from the as-of day on.

One query, :func:`agenda`, over the plan's calendar (:mod:`plancli.schedule`
via :func:`plancli.queries.calendar.calendar_events`): the reports of the 15th and 25th,
deadlines, range starts and updates from ``as_of`` to the end of the window,
each with where its obligation stands on ``as_of`` (with a status log, what was
known that day). No clock, no output.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from plancli.agencies import AgencyFilter
from plancli.dataset import Dataset
from plancli.errors import UsageError
from plancli.glossary import Entry
from plancli.queries.calendar import calendar_events
from plancli.schedule import Event
from plancli.status import StatusLog
from plancli.tracking import Assessment, Obligation, Standing, assess, obligations

#: Days shown without --days or --until, the as-of day included.
DEFAULT_DAYS = 30


@dataclass(frozen=True)
class AgendaItem:
    event: Event
    #: Where the obligation behind the event stands on the as-of day: the
    #: deadline's own for a deadline, the measure's for an update or a range
    #: start; ``None`` for the quarterly reports (status files do not track them).
    assessment: Assessment | None
    #: Days from the as-of day to the day it falls due (0 = due that day).
    days_left: int


@dataclass(frozen=True)
class Agenda:
    as_of: dt.date
    #: The window: ``as_of`` to ``end``, inclusive.
    end: dt.date
    agencies: tuple[Entry, ...]
    items: tuple[AgendaItem, ...]
    #: Obligations in scope already overdue on the as-of day (`plancli overdue` lists them).
    overdue: int
    #: The first day something falls due after the window, if anything does.
    next_due: dt.date | None
    #: The day the last of the plan's obligations in scope fell due.
    last_due: dt.date | None
    with_status: bool

    @property
    def days(self) -> int:
        return (self.end - self.as_of).days + 1


def agenda_items(
    data: Dataset,
    *,
    as_of: dt.date,
    days: int | None = None,
    until: dt.date | None = None,
    agencies: Sequence[str] = (),
    lead: bool = False,
    direct: bool = False,
    status: StatusLog | None = None,
) -> Agenda:
    """Everything due from ``as_of`` for ``days`` days (or to ``until``), for some agencies."""
    if days is not None and until is not None:
        raise UsageError("give --days or --until, not both")
    if days is not None and days < 1:
        raise UsageError(f"--days must be at least 1, not {days}")
    if until is not None and until < as_of:
        raise UsageError(f"--until {until} is before the as-of day {as_of}")
    end = until or as_of + dt.timedelta(days=(days or DEFAULT_DAYS) - 1)
    plan = data.plan
    everything = calendar_events(
        data,
        start=min(as_of, dt.date(plan.first_year, 1, 1)),
        end=max(end, dt.date(plan.last_year + 1, 12, 31)),
    )
    found = list(everything.events)
    entries: list[Entry] = []
    if agencies or lead or direct:
        # the shared agency filter (queries.selection.agency_scope), as every other command
        view = calendar_events(
            data,
            start=everything.start,
            end=everything.end,
            agency_filter=AgencyFilter(tuple(agencies), lead, direct),
        )
        assert view.scope is not None
        entries = list(view.scope.agencies)
        wanted = {e.uid for e in view.events}
        found = [e for e in found if e.uid in wanted]
    measures = {e.measure.id: e.measure for e in found if e.measure is not None}
    if agencies:
        in_scope = [o for o in obligations(plan) if o.measure.id in measures]
    else:
        in_scope = obligations(plan)
    by_key = {o.key: o for o in in_scope}
    by_measure: dict[str, Obligation] = {}
    for each in in_scope:
        by_measure[each.measure.id] = each  # the last year of an annual one
    items = []
    for event in found:
        if not as_of <= event.date <= end:
            continue
        obligation: Obligation | None = None
        if event.measure is not None:
            key = f"{event.measure.id}@{event.occurrence}" if event.occurrence else event.measure.id
            obligation = by_key.get(key) or by_measure.get(event.measure.id)
        assessment = assess(obligation, as_of, status) if obligation else None
        items.append(AgendaItem(event, assessment, (event.date - as_of).days))
    overdue = sum(1 for o in in_scope if assess(o, as_of, status).standing is Standing.overdue)
    later = [e.date for e in found if e.date > end]
    return Agenda(
        as_of=as_of,
        end=end,
        agencies=tuple(entries),
        items=tuple(items),
        overdue=overdue,
        next_due=min(later) if later else None,
        last_due=max(e.date for e in found) if found else None,
        with_status=status is not None,
    )
