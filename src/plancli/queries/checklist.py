"""``plancli checklist``: what agencies report on for a quarter."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from plancli.agencies import AgencyFilter, AgencyScope, Involvement
from plancli.dataset import Dataset
from plancli.editions import edition_caveats
from plancli.errors import UsageError
from plancli.glossary import Entry
from plancli.queries.selection import agency_scope, reporting_binds_any
from plancli.status import StatusLog
from plancli.tracking import Assessment, assess_all

if TYPE_CHECKING:
    from plancli.quarters import Quarter
    from plancli.schedule import Event


@dataclass(frozen=True)
class ChecklistItem:
    assessment: Assessment
    #: The first requested agency's role (see ``involvements`` for all).
    involvement: Involvement
    #: Update obligations (cadence) falling in the quarter.
    updates: tuple[Event, ...]
    involvements: tuple[Involvement, ...] = ()


@dataclass(frozen=True)
class Checklist:
    #: The first requested agency (see ``scope`` for all of them).
    agency: Entry
    quarter: Quarter
    as_of: dt.date
    #: The reports on this quarter the agencies owe.
    reports: tuple[Event, ...]
    items: tuple[ChecklistItem, ...]
    scope: AgencyScope | None = None
    caveats: tuple[str, ...] = ()

    @property
    def agencies(self) -> tuple[Entry, ...]:
        return self.scope.agencies if self.scope else (self.agency,)


def agency_checklist(
    data: Dataset,
    *,
    agency_filter: AgencyFilter,
    quarter: Quarter,
    as_of: dt.date | None = None,
    status: StatusLog | None = None,
) -> Checklist:
    """What the agencies report on for ``quarter``.

    Every obligation of a measure the agencies are responsible for (lead,
    co-executor or via a group, as :func:`agency_scope` selects), judged as of
    the quarter's last day (or ``as_of``), except those already done before
    the quarter began and the annual occurrences of later years.
    """
    from plancli.event_kinds import EventKind
    from plancli.schedule import events_between, reporting_deadline_events

    scope = agency_scope(data, agency_filter)
    if scope is None:
        raise UsageError("a checklist needs --agency")
    day = as_of or quarter.end
    involved = scope.select(data.plan.measures)
    measures = [m for m in data.plan.measures if m.id in involved]
    updates: dict[str, list[Event]] = {}
    for event in events_between(
        data.plan,
        start=quarter.start,
        end=quarter.end,
        measures=measures,
        reports=False,
        kinds=[EventKind.update],
    ):
        assert event.measure is not None
        updates.setdefault(event.measure.id, []).append(event)
    items = []
    for assessment in assess_all(data.plan, day, status, measures):
        obligation = assessment.obligation
        if obligation.occurrence and int(obligation.occurrence) > quarter.year:
            continue
        if assessment.done_on is not None and assessment.done_on < quarter.start:
            continue
        measure_id = obligation.measure.id
        roles = involved[measure_id]
        items.append(ChecklistItem(assessment, roles[0], tuple(updates.get(measure_id, ())), roles))
    reports = tuple(
        e
        for e in reporting_deadline_events(data.plan)
        if e.period == str(quarter)
        and e.rule is not None
        and reporting_binds_any(data, e.rule, scope)
    )
    caveats = edition_caveats(data.plan, min(day, quarter.start), reporting=True)
    return Checklist(scope.agencies[0], quarter, day, reports, tuple(items), scope, caveats)
