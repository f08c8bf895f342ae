"""The Government Office's quarterly report (decree point 4) and what changed between two days.

:func:`quarterly_report` answers, for a quarter and a status log, what the
Office sends to the Security Council Secretariat by the 25th: counts per
section, a row per agency (items, reported or not, done, overdue, at risk),
the bodies that sent no report, what became done or overdue during the
quarter, what is at risk in the next one, and where reporters disagree.
:func:`standing_changes` lists what changed between two days, and
:func:`report_contents` decides what ``plancli report`` writes (the quarterly
report, the shareable overview, or both). All return typed records;
rendering them (markdown, json, html, xlsx) is the renderers' job.

Definitions (README, "The quarterly reporting loop"):

* states are judged on the quarter's last day with the consolidated status
  (the lead's latest report wins; see :class:`~plancli.status.StatusLog`);
* ``due``: due on the quarter's last day itself; ``in_progress`` /
  ``partially_done``: not yet due, with that latest state;
* an agency's items are those of its checklist for the quarter (lead,
  co-executor or through a group; done before the quarter began left out);
* ``not_reported``: bodies that owe this quarter's report (point 2), had
  items and have no status entry ``reported_by`` them for this quarter;
* ``newly_done`` / ``newly_overdue``: done (on time or late) / overdue on the
  quarter's last day but not on the previous quarter's last day;
* ``at_risk``: due within the next quarter and latest state ``not_started``
  or nobody reported on it;
* ``conflicts``: obligations whose reporters' latest reports for this
  quarter name different states.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from plancli.agencies import NO_AGENCY_FILTER, AgencyFilter, Roles
from plancli.dataset import Dataset
from plancli.glossary import Entry
from plancli.quarters import Quarter
from plancli.status import State, StatusEntry, StatusLog
from plancli.tracking import Assessment, Standing, assess_all

if TYPE_CHECKING:
    from plancli.overview import PlanOverview

#: The report's count columns, in order.
COUNTS = (
    "done",
    "done_late",
    "in_progress",
    "partially_done",
    "overdue",
    "due",
    "not_yet_due",
    "continuous",
    "undated",
)


def category(assessment: Assessment) -> str:
    """The report's count column for one assessed obligation."""
    standing = assessment.standing
    if standing is Standing.due_today:
        return "due"
    if standing in (Standing.in_progress, Standing.not_yet_due):
        state = assessment.status.state if assessment.status else None
        if state is State.partially_done:
            return "partially_done"
        if state is State.in_progress:
            return "in_progress"
        return "not_yet_due"
    return str(standing.value)


@dataclass(frozen=True)
class SectionCounts:
    section: str
    title: str
    counts: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.counts.values())


@dataclass(frozen=True)
class AgencyRow:
    agency: Entry
    items: int
    reported: bool
    #: Whether the decree's point 2 binds it to report this quarter.
    owes_report: bool
    done: int
    overdue: int
    at_risk: int


@dataclass(frozen=True)
class Conflict:
    assessment: Assessment
    quarter: str
    #: Each reporter's latest report for the quarter, with whether it leads the measure.
    reports: tuple[tuple[StatusEntry, bool], ...]


@dataclass(frozen=True)
class QuarterlyReport:
    quarter: Quarter
    #: The Office's report on the quarter: due date, recipient and reporter (point 4).
    due: dt.date | None
    recipient: str | None
    reporter: str | None
    sections: tuple[SectionCounts, ...]
    agencies: tuple[AgencyRow, ...]
    newly_done: tuple[Assessment, ...]
    newly_overdue: tuple[Assessment, ...]
    at_risk: tuple[Assessment, ...]
    conflicts: tuple[Conflict, ...]

    @property
    def totals(self) -> dict[str, int]:
        return {key: sum(s.counts[key] for s in self.sections) for key in COUNTS}

    @property
    def not_reported(self) -> tuple[AgencyRow, ...]:
        return tuple(a for a in self.agencies if a.owes_report and a.items and not a.reported)


def quarterly_report(
    data: Dataset, *, quarter: Quarter, status: StatusLog | None
) -> QuarterlyReport:
    """The Office's report on ``quarter`` from the reports in ``status``."""
    from plancli.queries.selection import reporting_binds
    from plancli.schedule import EventKind, reporting_deadline_events

    plan = data.plan
    day = quarter.end
    previous = quarter.start - dt.timedelta(days=1)
    following = Quarter.of(day + dt.timedelta(days=1))
    log = status or StatusLog()
    now = assess_all(plan, day, log)
    before = {a.obligation.key: a for a in assess_all(plan, previous, log)}

    sections: dict[str, SectionCounts] = {}
    for assessment in now:
        number = assessment.obligation.measure.section
        if number not in sections:
            section = plan.section(number)
            sections[number] = SectionCounts(
                number, section.title if section else "", dict.fromkeys(COUNTS, 0)
            )
        sections[number].counts[category(assessment)] += 1

    done = (Standing.done, Standing.done_late)
    newly_done = [
        a for a in now if a.standing in done and before[a.obligation.key].standing not in done
    ]
    newly_overdue = [
        a
        for a in now
        if a.standing is Standing.overdue
        and before[a.obligation.key].standing is not Standing.overdue
    ]
    at_risk = [
        a
        for a in now
        if a.obligation.due is not None
        and day < a.obligation.due <= following.end
        and (a.status is None or a.status.state is State.not_started)
    ]
    risky = {a.obligation.key for a in at_risk}

    reports = [e for e in reporting_deadline_events(plan) if e.period == str(quarter) and e.rule]
    office = next((e for e in reports if e.kind is EventKind.office_report), None)
    agency_reports = [e for e in reports if e.kind is EventKind.agency_report]
    reporters = {(e.reported_by, e.quarter) for e in log if e.reported_by}
    roles = Roles(data.glossary)
    rows = []
    for entry in _agencies(data, roles):
        items = [
            a
            for a in now
            if roles.involvement(entry, a.obligation.measure) is not None
            and not (a.obligation.occurrence and int(a.obligation.occurrence) > quarter.year)
            and not (a.done_on is not None and a.done_on < quarter.start)
        ]
        if not items:
            continue
        owes = any(
            e.rule is not None and reporting_binds(data, e.rule, entry) for e in agency_reports
        )
        rows.append(
            AgencyRow(
                entry,
                len(items),
                (entry.term, str(quarter)) in reporters,
                owes,
                sum(a.standing in done for a in items),
                sum(a.standing is Standing.overdue for a in items),
                sum(a.obligation.key in risky for a in items),
            )
        )
    return QuarterlyReport(
        quarter,
        office.date if office else None,
        office.rule.recipient if office and office.rule else None,
        office.rule.reporters if office and office.rule else None,
        tuple(sections.values()),
        tuple(rows),
        tuple(newly_done),
        tuple(newly_overdue),
        tuple(at_risk),
        tuple(_conflicts(now, log, str(quarter))),
    )


def _agencies(data: Dataset, roles: Roles) -> list[Entry]:
    """Every body responsible for a measure (group members included, groups not)."""
    found: dict[str, Entry] = {}
    for entry in roles.executor_entries(data.plan.measures):
        if entry.is_group:
            for member in data.glossary.members(entry):
                found.setdefault(member.term, member)
        else:
            found.setdefault(entry.term, entry)
    return sorted(found.values(), key=lambda e: e.term)


def _conflicts(now: Iterable[Assessment], log: StatusLog, quarter: str) -> list[Conflict]:
    found = []
    for assessment in now:
        latest: dict[str, StatusEntry] = {}
        for entry in log.reports(assessment.obligation.key):
            if entry.quarter == quarter and entry.reported_by:
                latest[entry.reported_by] = entry  # oldest first: the last one wins
        if len({e.state for e in latest.values()}) > 1:
            found.append(
                Conflict(
                    assessment,
                    quarter,
                    tuple((e, log.speaks_for_measure(e)) for e in latest.values()),
                )
            )
    return found


# ------------------------------------------------------------------ changes

#: What ``changes`` lists, in this order.
CHANGE_KINDS = ("became_overdue", "done", "done_late", "became_due")


@dataclass(frozen=True)
class Change:
    kind: str
    before: Assessment
    after: Assessment


@dataclass(frozen=True)
class Changes:
    start: dt.date
    end: dt.date
    items: tuple[Change, ...]

    @property
    def counts(self) -> dict[str, int]:
        return {k: sum(c.kind == k for c in self.items) for k in CHANGE_KINDS}


def standing_changes(
    data: Dataset, *, start: dt.date, end: dt.date, status: StatusLog | None
) -> Changes:
    """What changed from ``start`` to ``end``: became overdue, done, done late, became due."""
    from plancli.errors import UsageError

    if start >= end:
        raise UsageError(f"--from {start.isoformat()} is not before --to {end.isoformat()}")
    before = {a.obligation.key: a for a in assess_all(data.plan, start, status)}
    kinds = {
        Standing.overdue: "became_overdue",
        Standing.done: "done",
        Standing.done_late: "done_late",
        Standing.due_today: "became_due",
    }
    found = []
    for after in assess_all(data.plan, end, status):
        kind = kinds.get(after.standing)
        earlier = before[after.obligation.key]
        if kind is not None and earlier.standing is not after.standing:
            found.append(Change(kind, earlier, after))
    order = {k: i for i, k in enumerate(CHANGE_KINDS)}
    found.sort(key=lambda c: (order[c.kind], c.after.obligation.due or end, _key(c.after)))
    return Changes(start, end, tuple(found))


def _key(assessment: Assessment) -> tuple[int, int, str]:
    task, number = assessment.obligation.measure.id.split(".")
    return int(task), int(number), assessment.obligation.occurrence or ""


# ---------------------------------------------------------- plancli report

#: ``plancli report`` formats that are one self-contained page of where the plan stands.
SHAREABLE = ("html", "xlsx")


@dataclass(frozen=True)
class ReportRequest:
    """What ``plancli report`` was asked for; an impossible combination is bad usage.

    ``form`` is the output format's name: ``md`` and ``json`` are the quarterly
    report (a quarter needed); ``html`` and ``xlsx`` where the plan stands on a
    day, for some agencies, with the quarterly report when a quarter is given.
    """

    form: str
    quarter: Quarter | None = None
    #: The day a shareable page is judged on (``None``: the quarter's end, or today).
    as_of: dt.date | None = None
    agency_filter: AgencyFilter = NO_AGENCY_FILTER

    def __post_init__(self) -> None:
        from plancli.errors import UsageError

        if self.quarter is not None and self.as_of is not None:
            raise UsageError(
                "give --quarter or --as-of, not both (a quarter is judged on its last day)"
            )
        if self.shareable:
            return
        if self.quarter is None:
            raise UsageError(
                f"--format {self.form} is the quarterly report: give --quarter, e.g. 2016Q4",
                hint="for where the plan stands on a day: --format html --as-of YYYY-MM-DD",
            )
        agencies = self.agency_filter
        if self.as_of is not None or agencies.agencies or agencies.lead or agencies.direct:
            raise UsageError(
                f"--as-of and --agency apply to --format html and xlsx, not {self.form}"
            )

    @property
    def shareable(self) -> bool:
        return self.form in SHAREABLE


@dataclass(frozen=True)
class ReportContents:
    """What ``plancli report`` writes for a request."""

    request: ReportRequest
    #: The Government Office's quarterly report (with a quarter).
    quarterly: QuarterlyReport | None
    #: Where the plan stands (html and xlsx).
    overview: PlanOverview | None


def report_contents(
    data: Dataset, request: ReportRequest, *, status: StatusLog | None, today: dt.date
) -> ReportContents:
    """The quarterly report and/or the shareable overview ``request`` asks for.

    A shareable page is judged on the quarter's last day, else on
    ``request.as_of``, else on ``today`` (read from the clock by the caller).
    """
    from plancli.queries.shareable import shareable_overview

    quarter = request.quarter
    quarterly = quarterly_report(data, quarter=quarter, status=status) if quarter else None
    overview = None
    if request.shareable:
        overview = shareable_overview(
            data,
            as_of=quarter.end if quarter else request.as_of or today,
            status=status,
            agency_filter=request.agency_filter,
            reporting=quarter is not None,
        )
    return ReportContents(request, quarterly, overview)
