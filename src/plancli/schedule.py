"""The plan's calendar: dated obligations in any date range.

Pure functions over the plan: no clock, no output. Date arithmetic uses
dateutil's ``rrule`` and ``relativedelta``.

Event kinds:

* ``agency-report`` / ``office-report``: the quarterly reports of the decree's
  reporting rules (plan.yaml ``reporting``), due on the rule's ``due_day`` of
  the month after each quarter. Quarters run from the one in which the decree
  entered into force (publication + ``days_after_publication``: 10 April 2015,
  so Q2 2015) to the last quarter of the plan's last year (Q4 2017, reported
  in January 2018). Q1 2015 is left out: the decree was not yet in force.
* ``deadline``: each obligation's due date (each year of an annual measure).
* ``range-start``: the first day of a ``2015-жылдын июну - 2016-жылдын декабры`` range.
* ``update``: updates a deadline's cadence requires after its due date, at the
  end of each quarter (quarterly) or half-year (semi-annual), until the end of
  the plan's last year. "Progress reports" with no stated rhythm give none.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, replace

from dateutil.relativedelta import relativedelta
from dateutil.rrule import MONTHLY, rrule

from plancli.deadlines import Cadence, Deadline, DeadlineKind
from plancli.event_kinds import REPORT_KINDS
from plancli.event_kinds import EventKind as EventKind  # re-exported
from plancli.plan import Executor, Measure, Plan, ReportingRule
from plancli.quarters import Quarter as Quarter  # re-exported
from plancli.tracking import deadline_of


@dataclass(frozen=True)
class Event:
    date: dt.date
    kind: EventKind
    #: A short English description.
    summary: str
    #: The decree's words: the measure text or the reporting rule.
    description: str
    measure: Measure | None = None
    #: The plan year of an annual deadline.
    occurrence: str | None = None
    #: The quarter or half-year reported on or updated ("2016Q4", "2016H1").
    period: str | None = None
    rule: ReportingRule | None = None
    deadline: Deadline | None = None
    #: With working days: the next working day when ``date`` is not one.
    working_date: dt.date | None = None
    #: Why ``date`` is not a working day (a holiday's name, "Saturday", "Sunday").
    day_off: str | None = None

    @property
    def executors(self) -> tuple[Executor, ...]:
        return self.measure.executors if self.measure else ()

    @property
    def effective_date(self) -> dt.date:
        return self.working_date or self.date

    @property
    def uid(self) -> str:
        """Stable across runs: the same obligation always has the same UID."""
        parts = [
            self.kind.value,
            self.measure.id if self.measure else "",
            self.occurrence or self.period or "",
        ]
        return "-".join(p for p in parts if p) + "@plancli.decree-170"


def in_force_from(plan: Plan) -> dt.date:
    return plan.decree.published + relativedelta(days=plan.decree.days_to_entry_into_force)


def plan_quarters(plan: Plan) -> list[Quarter]:
    """The quarters reported on: from the decree's entry into force to the last plan year's end."""
    first = Quarter.of(in_force_from(plan)).start
    last = dt.date(plan.last_year, 12, 31)
    return [Quarter.of(day.date()) for day in rrule(MONTHLY, interval=3, dtstart=first, until=last)]


def reporting_deadline_events(plan: Plan) -> list[Event]:
    events = []
    for rule in plan.reporting:
        kind = REPORT_KINDS.get(rule.id)
        if kind is None or rule.period != "quarter":
            continue
        for quarter in plan_quarters(plan):
            following_month = quarter.end + relativedelta(days=1)
            due = following_month + relativedelta(day=rule.due_day)
            events.append(
                Event(
                    date=due,
                    kind=kind,
                    summary=f"{kind.value.replace('-', ' ')} on {quarter} due (point {rule.point})",
                    description=rule.text,
                    period=str(quarter),
                    rule=rule,
                )
            )
    return events


_UPDATE_MONTHS = {Cadence.quarterly: (3, 6, 9, 12), Cadence.semi_annual: (6, 12)}


def measure_events(plan: Plan, measure: Measure) -> list[Event]:
    deadline = deadline_of(measure, plan)
    events = []
    for occurrence, due in deadline.due_dates():
        label = f"{measure.id}@{occurrence}" if occurrence else measure.id
        events.append(
            Event(
                due,
                EventKind.deadline,
                f"{label} due",
                measure.text,
                measure,
                occurrence,
                None,
                None,
                deadline,
            )
        )
    if deadline.kind is DeadlineKind.range and deadline.start is not None:
        events.append(
            Event(
                deadline.start,
                EventKind.range_start,
                f"{measure.id} starts (range to {deadline.end})",
                measure.text,
                measure,
                deadline=deadline,
            )
        )
    months = _UPDATE_MONTHS.get(deadline.cadence) if deadline.cadence else None
    if months and deadline.end is not None:
        until = dt.datetime(plan.last_year, 12, 31)
        start = deadline.end + relativedelta(days=1)
        for day in rrule(MONTHLY, bymonth=months, bymonthday=-1, dtstart=start, until=until):
            period = _period(day.date(), deadline.cadence)  # type: ignore[arg-type]
            events.append(
                Event(
                    day.date(),
                    EventKind.update,
                    f"{measure.id} update for {period} ({deadline.cadence.value.replace('_', '-')})",  # type: ignore[union-attr]
                    measure.text,
                    measure,
                    period=period,
                    deadline=deadline,
                )
            )
    return events


def _period(end: dt.date, cadence: Cadence) -> str:
    if cadence is Cadence.semi_annual:
        return f"{end.year}H{1 if end.month <= 6 else 2}"
    return str(Quarter.of(end))


def events_between(
    plan: Plan,
    *,
    start: dt.date,
    end: dt.date,
    measures: Iterable[Measure] | None = None,
    reports: bool = True,
    kinds: Iterable[EventKind] | None = None,
) -> list[Event]:
    """Events dated ``start``..``end`` (inclusive), by date then kind then measure."""
    found: list[Event] = reporting_deadline_events(plan) if reports else []
    for measure in plan.measures if measures is None else measures:
        found += measure_events(plan, measure)
    wanted = set(kinds) if kinds else set(EventKind)
    selected = [e for e in found if start <= e.date <= end and e.kind in wanted]
    order = list(EventKind)
    selected.sort(key=lambda e: (e.date, order.index(e.kind), _measure_key(e)))
    return selected


def _measure_key(event: Event) -> tuple[int, int, str]:
    if event.measure is None:
        return (0, 0, "")
    task, number = event.measure.id.split(".")
    return (int(task), int(number), event.occurrence or event.period or "")


def shift_to_working_days(found: list[Event], is_working: WorkingDays) -> list[Event]:
    """Move dates that are not working days to the next working day (Civil Code art. 209(5))."""
    shifted = []
    for event in found:
        reason = is_working.day_off(event.date)
        if reason is None:
            shifted.append(event)
        else:
            shifted.append(
                replace(event, working_date=is_working.next_working_day(event.date), day_off=reason)
            )
    return shifted


class WorkingDays:
    """Interface of a working-day calendar (see :mod:`plancli.workdays`)."""

    def day_off(self, day: dt.date) -> str | None:  # pragma: no cover - interface
        raise NotImplementedError

    def next_working_day(self, day: dt.date) -> dt.date:  # pragma: no cover - interface
        raise NotImplementedError
