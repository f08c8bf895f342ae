"""``plancli progress``: counts of each standing by section, or by agency and role."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from plancli.agencies import NO_AGENCY_FILTER, AgencyFilter, AgencyScope
from plancli.agency_progress import AgencyProgressView, ProgressSort, agency_progress
from plancli.dataset import Dataset
from plancli.editions import edition_caveats
from plancli.queries.selection import agency_scope, roles_of
from plancli.status import StatusLog
from plancli.tracking import ProgressRow, progress


@dataclass(frozen=True)
class SectionProgressView:
    as_of: dt.date
    rows: tuple[ProgressRow, ...]
    scope: AgencyScope | None
    caveats: tuple[str, ...] = ()


def progress_by_section(
    data: Dataset,
    *,
    as_of: dt.date,
    status: StatusLog | None = None,
    agency_filter: AgencyFilter = NO_AGENCY_FILTER,
) -> SectionProgressView:
    """Counts of each standing per section, of the measures the agency filter selects."""
    scope = agency_scope(data, agency_filter)
    measures = None
    if scope is not None:
        selected = scope.select(data.plan.measures)
        measures = [m for m in data.plan.measures if m.id in selected]
    rows = progress(data.plan, as_of, status, measures)
    return SectionProgressView(as_of, tuple(rows), scope, edition_caveats(data.plan, as_of))


def progress_by_agency(
    data: Dataset,
    *,
    as_of: dt.date,
    status: StatusLog | None = None,
    agency_filter: AgencyFilter = NO_AGENCY_FILTER,
    sort: ProgressSort = ProgressSort.total,
) -> AgencyProgressView:
    """One row per real body (or per requested agency), counts split by role.

    Unlike the other commands, ``--lead``/``--direct`` need no ``--agency``
    here: they restrict the roles counted in every row.
    """
    entries = None
    if agency_filter.agencies:
        scope = agency_scope(data, agency_filter)
        assert scope is not None
        entries = scope.agencies
    return agency_progress(
        data.plan,
        roles_of(data),
        as_of=as_of,
        status=status,
        agencies=entries,
        lead=agency_filter.lead,
        direct=agency_filter.direct,
        sort=sort,
        caveats=edition_caveats(data.plan, as_of),
    )
