"""The shareable report's overview (``report`` as HTML or xlsx): where the plan stands."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING

from plancli.agencies import NO_AGENCY_FILTER, AgencyFilter
from plancli.dataset import Dataset
from plancli.editions import edition_caveats
from plancli.plan import Measure
from plancli.queries.agencies import AgencySummary, agency_summaries_of
from plancli.queries.selection import agency_scope, roles_of, select_measures
from plancli.status import StatusLog

if TYPE_CHECKING:
    from plancli.overview import AgencyLoad, PlanOverview


def shareable_overview(
    data: Dataset,
    *,
    as_of: dt.date,
    status: StatusLog | None = None,
    agency_filter: AgencyFilter = NO_AGENCY_FILTER,
    reporting: bool = False,
) -> PlanOverview:
    """Where the plan stands on ``as_of`` (the HTML/xlsx report), optionally for some agencies.

    With agencies, the measures are those the shared agency filter selects (the
    same as ``measures --agency``) and the by-agency chart shows only those
    agencies. ``reporting``: the report covers the reporting rules too (a
    quarter), so their amendments count for the edition caveat.
    """
    from plancli.overview import plan_overview

    roles = roles_of(data)
    caveats = edition_caveats(data.plan, as_of, reporting=reporting)
    scope = agency_scope(data, agency_filter)
    selected: list[Measure] | None = None
    terms: list[str] = []
    if scope is not None:
        selected = [s.measure for s in select_measures(data, agency_filter=agency_filter)]
        terms = list(dict.fromkeys(data.glossary.canonical(e).term for e in scope.agencies))
    # the by-agency chart counts what `plancli agencies` counts, over the selected measures
    summaries = agency_summaries_of(
        data, roles, data.plan.measures if selected is None else selected
    )
    return plan_overview(
        data.plan,
        roles,
        as_of=as_of,
        status=status,
        measures=selected,
        agencies=terms,
        agency_loads=_agency_loads(summaries, terms),
        caveats=caveats,
    )


def _agency_loads(
    summaries: Sequence[AgencySummary], only: Sequence[str]
) -> tuple[AgencyLoad, ...]:
    """The overview's by-agency chart: bodies (not groups) with a measure, most lead first."""
    from plancli.overview import AgencyLoad, AgencyName

    loads = [
        AgencyLoad(AgencyName(s.entry.term, s.entry.expansion), s.lead, s.co_executor, s.via_group)
        for s in summaries
        if not s.entry.is_group and (not only or s.entry.term in only) and s.total
    ]
    loads.sort(key=lambda x: (-x.lead, -x.co_executor, -x.total, x.agency.term))
    return tuple(loads)
