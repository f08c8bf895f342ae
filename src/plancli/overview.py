"""Where the whole plan stands on one day: the data behind the shareable report.

One query, :func:`plan_overview`, gathers everything the HTML report shows
(summary counts, progress per section, obligations per agency, the timeline
of due dates, the overdue count month by month, and one row per measure) into
frozen records. It takes ``as_of`` as an argument and never prints; the
renderers (``render/html.py``, ``render/svgcharts.py``) only lay it out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from dateutil.relativedelta import relativedelta

from plancli.agencies import Roles
from plancli.plan import Measure, Plan
from plancli.status import StatusEntry, StatusLog
from plancli.tracking import Assessment, Standing, assess, assess_all, deadline_of, obligations

#: The order standings are counted and drawn in (worst first).
STANDING_ORDER = (
    Standing.overdue,
    Standing.due_today,
    Standing.done_late,
    Standing.in_progress,
    Standing.not_yet_due,
    Standing.done,
    Standing.continuous,
    Standing.undated,
)

#: The months of the overdue-over-time chart: April 2015 (entry into force) to January 2018.
SERIES_START = dt.date(2015, 4, 1)
SERIES_END = dt.date(2018, 1, 1)


@dataclass(frozen=True)
class AgencyName:
    term: str
    #: The full name (``None`` when the glossary has none).
    expansion: str | None
    by_agreement: bool = False


@dataclass(frozen=True)
class ObligationState:
    """One dated obligation of a measure: ``1.2@2016`` or the measure itself."""

    key: str
    due: dt.date | None
    standing: Standing
    days_late: int | None
    latest: StatusEntry | None


@dataclass(frozen=True)
class MeasureRow:
    id: str
    section: str
    task: int
    text: str
    items: tuple[str, ...]
    lead: AgencyName
    co_executors: tuple[AgencyName, ...]
    deadline: str | None
    #: The most pressing standing among its obligations (``STANDING_ORDER``).
    standing: Standing
    obligations: tuple[ObligationState, ...]
    #: For the timeline: the period the deadline names (first day, due day).
    start: dt.date | None
    end: dt.date | None
    kind: str

    @property
    def latest(self) -> StatusEntry | None:
        found = [o.latest for o in self.obligations if o.latest is not None]
        return max(found, key=lambda e: e.date) if found else None


@dataclass(frozen=True)
class SectionProgress:
    number: str
    title: str
    counts: dict[Standing, int]


@dataclass(frozen=True)
class AgencyLoad:
    agency: AgencyName
    lead: int
    co_executor: int
    via_group: int

    @property
    def total(self) -> int:
        return self.lead + self.co_executor + self.via_group


@dataclass(frozen=True)
class MonthCount:
    #: The last day of the month, the day the count is taken.
    day: dt.date
    overdue: int


@dataclass(frozen=True)
class SectionRows:
    number: str
    title: str
    rows: tuple[MeasureRow, ...]


@dataclass(frozen=True)
class PlanOverview:
    as_of: dt.date
    title: str
    edition: str
    caveats: tuple[str, ...]
    #: Obligations by standing, over the selected measures.
    counts: dict[Standing, int]
    sections: tuple[SectionProgress, ...]
    agencies: tuple[AgencyLoad, ...]
    overdue_by_month: tuple[MonthCount, ...]
    measures: tuple[SectionRows, ...]
    #: The agencies the report was limited to (empty: the whole plan).
    selected_agencies: tuple[AgencyName, ...]
    first_year: int
    last_year: int

    @property
    def measure_count(self) -> int:
        return sum(len(s.rows) for s in self.measures)


def plan_overview(
    plan: Plan,
    roles: Roles,
    *,
    as_of: dt.date,
    status: StatusLog | None = None,
    measures: Sequence[Measure] | None = None,
    agency_loads: tuple[AgencyLoad, ...],
    agencies: Sequence[str] = (),
    caveats: tuple[str, ...] = (),
) -> PlanOverview:
    """Everything the shareable report shows, as of ``as_of``.

    ``measures`` limits the measure table, the section progress and the
    counts (an ``--agency`` selection); ``agencies`` (canonical terms) are the
    bodies the report was limited to. ``agency_loads`` is the by-agency chart,
    counted by the caller with ``plancli agencies``'s counting
    (:func:`plancli.queries.shareable.shareable_overview`). ``caveats`` are the edition
    notes that apply on ``as_of`` (:func:`plancli.editions.edition_caveats`).
    """
    chosen = list(plan.measures if measures is None else measures)
    assessed = assess_all(plan, as_of, status, chosen)
    by_measure: dict[str, list[Assessment]] = {}
    for assessment in assessed:
        by_measure.setdefault(assessment.obligation.measure.id, []).append(assessment)

    counts = dict.fromkeys(STANDING_ORDER, 0)
    per_section: dict[str, dict[Standing, int]] = {}
    for assessment in assessed:
        counts[assessment.standing] += 1
        section = per_section.setdefault(
            assessment.obligation.measure.section, dict.fromkeys(STANDING_ORDER, 0)
        )
        section[assessment.standing] += 1

    rows: dict[str, list[MeasureRow]] = {}
    for measure in chosen:
        rows.setdefault(measure.section, []).append(
            _measure_row(plan, roles, measure, by_measure[measure.id])
        )

    sections = tuple(
        SectionProgress(s.number, s.title, per_section[s.number])
        for s in plan.sections
        if s.number in per_section
    )
    grouped = tuple(
        SectionRows(s.number, s.title, tuple(rows[s.number]))
        for s in plan.sections
        if s.number in rows
    )
    selected = tuple(_name(roles, term) for term in agencies)
    return PlanOverview(
        as_of=as_of,
        title=plan.decree.title,
        edition=plan.decree.edition,
        caveats=caveats,
        counts=counts,
        sections=sections,
        agencies=agency_loads,
        overdue_by_month=overdue_by_month(plan, status, chosen),
        measures=grouped,
        selected_agencies=selected,
        first_year=plan.first_year,
        last_year=plan.last_year,
    )


def _name(roles: Roles, name: str, by_agreement: bool = False) -> AgencyName:
    entry = roles.canonical(name)
    if entry is None:
        return AgencyName(name, None, by_agreement)
    return AgencyName(name, entry.expansion, by_agreement)


def _measure_row(
    plan: Plan, roles: Roles, measure: Measure, assessed: list[Assessment]
) -> MeasureRow:
    states = tuple(
        ObligationState(a.obligation.key, a.obligation.due, a.standing, a.days_late, a.status)
        for a in assessed
    )
    rank = {s: i for i, s in enumerate(STANDING_ORDER)}
    standing = min((o.standing for o in states), key=rank.__getitem__)
    deadline = deadline_of(measure, plan)
    return MeasureRow(
        id=measure.id,
        section=measure.section,
        task=measure.task,
        text=measure.text,
        items=measure.items,
        lead=_name(roles, measure.lead.name, measure.lead.by_agreement),
        co_executors=tuple(
            _name(roles, e.name, e.by_agreement) for e in measure.executors if not e.lead
        ),
        deadline=measure.deadline,
        standing=standing,
        obligations=states,
        start=deadline.start,
        end=deadline.end,
        kind=deadline.kind.value,
    )


def overdue_by_month(
    plan: Plan, status: StatusLog | None, measures: Sequence[Measure]
) -> tuple[MonthCount, ...]:
    """Overdue obligations on the last day of each month from April 2015 to January 2018."""
    dated = obligations(plan, measures)
    found = []
    month = SERIES_START
    while month <= SERIES_END:
        day = month + relativedelta(months=1, days=-1)
        count = sum(1 for o in dated if assess(o, day, status).standing is Standing.overdue)
        found.append(MonthCount(day, count))
        month += relativedelta(months=1)
    return tuple(found)
