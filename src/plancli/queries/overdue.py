"""``plancli overdue``: what is overdue on a day."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import NamedTuple

from plancli.agencies import NO_AGENCY_FILTER, AgencyFilter, AgencyScope, Involvement
from plancli.dataset import Dataset
from plancli.editions import edition_caveats
from plancli.plan import Measure
from plancli.queries.selection import agency_scope, select_measures
from plancli.status import StatusLog
from plancli.tracking import OverdueFindings, find_overdue


class OverdueView(NamedTuple):
    findings: OverdueFindings
    #: The requested agencies' roles, by measure id (empty without --agency).
    involvements: dict[str, tuple[Involvement, ...]]
    scope: AgencyScope | None
    caveats: tuple[str, ...] = ()


def overdue_items(
    data: Dataset,
    *,
    as_of: dt.date,
    agency_filter: AgencyFilter = NO_AGENCY_FILTER,
    section: str | None = None,
    status: StatusLog | None = None,
    include_undated: bool = False,
) -> OverdueView:
    """What is overdue, optionally for some agencies or one section."""
    measures: Sequence[Measure] | None = None  # the whole plan
    scope = agency_scope(data, agency_filter)
    involvements: dict[str, tuple[Involvement, ...]] = {}
    if scope or section:
        selection = select_measures(data, agency_filter=agency_filter, section=section)
        involvements = {s.measure.id: s.involvements for s in selection if s.involvements}
        measures = [s.measure for s in selection]
    findings = find_overdue(data.plan, as_of, status, measures, include_undated=include_undated)
    return OverdueView(findings, involvements, scope, edition_caveats(data.plan, as_of))
