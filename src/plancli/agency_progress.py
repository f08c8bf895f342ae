"""Progress per responsible body: one row per real body, counts split by role.

A row counts the obligations (a measure, or one year of an annual measure)
of the measures its body is responsible for, with the body's role in each:
lead, co-executor, or via a group. Groups ("мамлекеттик органдар", "укук
коргоо органдары") are never rows: their member bodies are. The role flags
are those of the shared agency filter (``--lead``, ``--direct``), so a row's
overdue count is exactly what ``overdue --agency X`` with the same flags lists.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from plancli.agencies import AgencyScope, Role, Roles
from plancli.glossary import Entry
from plancli.plan import Plan
from plancli.progress_order import ProgressSort as ProgressSort  # re-exported
from plancli.status import StatusLog
from plancli.tracking import Assessment, Standing, assess_all


@dataclass(frozen=True)
class AgencyProgress:
    """One body's (or, with ``entry=None``, all rows' distinct) obligations."""

    entry: Entry | None
    #: Obligations by the body's role in their measure.
    roles: dict[Role, int]
    #: Obligations by standing (all roles).
    counts: dict[Standing, int]
    #: Obligations by role, then standing.
    by_role: dict[Role, dict[Standing, int]]
    #: Obligations the body itself reported on (a status entry with its
    #: ``reported_by``, dated on or before the day); the totals row: distinct
    #: obligations with any entry.
    reported: int = 0

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def done(self) -> int:
        return self.counts[Standing.done] + self.counts[Standing.done_late]

    def percent(self, count: int) -> float | None:
        """``count`` as a percentage of the row's obligations (``None`` for an empty row)."""
        return round(100 * count / self.total, 1) if self.total else None


@dataclass(frozen=True)
class AgencyProgressView:
    as_of: dt.date
    rows: tuple[AgencyProgress, ...]
    #: Distinct obligations over all rows (a measure with two bodies counts once).
    totals: AgencyProgress
    lead: bool
    direct: bool
    #: The requested agencies, or ``None`` for every responsible body.
    agencies: tuple[str, ...] | None
    sort: ProgressSort
    caveats: tuple[str, ...] = ()


def real_bodies(roles: Roles, plan: Plan) -> list[Entry]:
    """Every non-group body named in the plan or reached through a named group."""
    found: dict[str, Entry] = {}
    for entry in roles.executor_entries(plan.measures):
        members = roles.glossary.members(entry) if entry.is_group else (entry,)
        for member in members:
            found.setdefault(member.term, member)
    return list(found.values())


def _empty_row(entry: Entry | None) -> AgencyProgress:
    return AgencyProgress(
        entry,
        dict.fromkeys(Role, 0),
        dict.fromkeys(Standing, 0),
        {role: dict.fromkeys(Standing, 0) for role in Role},
    )


def agency_progress(
    plan: Plan,
    roles: Roles,
    *,
    as_of: dt.date,
    status: StatusLog | None = None,
    agencies: Sequence[Entry] | None = None,
    lead: bool = False,
    direct: bool = False,
    sort: ProgressSort = ProgressSort.total,
    caveats: tuple[str, ...] = (),
) -> AgencyProgressView:
    """Progress rows for ``agencies`` (default: every real responsible body)."""
    bodies = list(agencies) if agencies is not None else real_bodies(roles, plan)
    assessed: dict[str, list[Assessment]] = {}
    for assessment in assess_all(plan, as_of, status):
        assessed.setdefault(assessment.obligation.measure.id, []).append(assessment)
    rows = []
    totals = _empty_row(None)
    seen: dict[str, set[Role]] = {}
    reporters: dict[str, set[str | None]] = {}  # obligation -> who reported on it by as_of
    if status is not None:
        for found in assessed.values():
            for assessment in found:
                key = assessment.obligation.key
                reporters[key] = {e.reported_by for e in status.reports(key, as_of)}
    any_report = 0
    for body in bodies:
        row = _empty_row(body)
        reported = 0
        scope = AgencyScope(roles, [body], lead=lead, direct=direct)
        for measure_id, (involvement,) in scope.select(plan.measures).items():
            for assessment in assessed[measure_id]:
                if body.term in reporters.get(assessment.obligation.key, ()):
                    reported += 1
                row.roles[involvement.role] += 1
                row.counts[assessment.standing] += 1
                row.by_role[involvement.role][assessment.standing] += 1
                key = assessment.obligation.key
                if key not in seen:
                    seen[key] = set()
                    totals.counts[assessment.standing] += 1
                    any_report += bool(reporters.get(key))
                if involvement.role not in seen[key]:
                    seen[key].add(involvement.role)
                    totals.roles[involvement.role] += 1
                    totals.by_role[involvement.role][assessment.standing] += 1
        if row.total or agencies is not None:
            rows.append(replace(row, reported=reported))
    return AgencyProgressView(
        as_of,
        tuple(_sorted(rows, sort)),
        replace(totals, reported=any_report),
        lead,
        direct,
        tuple(b.term for b in agencies) if agencies is not None else None,
        sort,
        caveats,
    )


def _sorted(rows: Iterable[AgencyProgress], sort: ProgressSort) -> list[AgencyProgress]:
    def term(row: AgencyProgress) -> str:
        return row.entry.term if row.entry else ""

    def number(row: AgencyProgress) -> float:
        if sort is ProgressSort.total:
            return row.total
        if sort is ProgressSort.lead:
            return row.roles[Role.lead]
        if sort is ProgressSort.overdue:
            return row.counts[Standing.overdue]
        if sort is ProgressSort.done:
            return row.done
        share = row.done if sort is ProgressSort.done_pct else row.counts[Standing.overdue]
        return row.percent(share) or 0.0

    if sort is ProgressSort.name:
        return sorted(rows, key=term)
    return sorted(rows, key=lambda r: (-number(r), term(r)))
