"""What the shared options select: sections, agencies, measures, reporting rules.

Every command with ``--agency``, ``--section`` or ``--search`` selects through
these, so the same flags select the same measures everywhere.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Sequence
from typing import TYPE_CHECKING, NamedTuple

from plancli.agencies import NO_AGENCY_FILTER, AgencyFilter, AgencyScope, Involvement, Roles
from plancli.dataset import Dataset
from plancli.errors import NotFoundError, UsageError
from plancli.glossary import Entry
from plancli.plan import ROMAN, Measure, ReportingRule
from plancli.tracking import deadline_of

if TYPE_CHECKING:
    from plancli.deadlines import Deadline


def section_number(value: str, data: Dataset) -> str:
    """``"iv"``, ``"IV"`` or ``"4"`` -> ``"IV"``; unknown sections are not found."""
    text = value.strip().upper()
    if text.isdigit():
        index = int(text)
        if not 1 <= index <= len(ROMAN):
            raise NotFoundError(
                f"no section {value!r}: the plan has sections I-{ROMAN[len(data.plan.sections) - 1]}"
            )
        text = ROMAN[index - 1]
    elif text not in ROMAN:
        raise UsageError(f"--section {value!r}: give a Roman numeral (IV) or a number (4)")
    if data.plan.section(text) is None:
        last = data.plan.sections[-1].number
        raise NotFoundError(f"no section {text}: the plan has sections I-{last}")
    return text


def resolve_agencies(data: Dataset, names: Sequence[str]) -> list[Entry]:
    """The bodies ``--agency`` names: an unknown or ambiguous one is bad usage (exit 2)."""
    try:
        return [data.glossary.resolve(name) for name in names]
    except NotFoundError as error:
        raise UsageError(error.message, hint=error.hint) from None


def roles_of(data: Dataset) -> Roles:
    """Role lookups for ``data`` (by-agreement bodies read from its plan)."""
    return Roles(data.glossary, data.plan.measures)


def agency_scope(data: Dataset, agency_filter: AgencyFilter) -> AgencyScope | None:
    """Resolve the shared agency options; ``None`` when no agency is given.

    Every command with ``--agency`` selects its measures through this, so the
    same flags select the same measures everywhere.
    """
    if not agency_filter.agencies:
        for flag, on in (("--lead", agency_filter.lead), ("--direct", agency_filter.direct)):
            if on:
                raise UsageError(f"{flag} needs --agency")
        return None
    entries = resolve_agencies(data, agency_filter.agencies)
    return AgencyScope(
        roles_of(data), entries, lead=agency_filter.lead, direct=agency_filter.direct
    )


def search_key(text: str) -> str:
    """Case- and form-insensitive text for searching (Kyrgyz letters included)."""
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


class Selection(NamedTuple):
    measure: Measure
    deadline: Deadline
    #: Roles of the requested agencies (empty without --agency).
    involvements: tuple[Involvement, ...] = ()


def select_measures(
    data: Dataset,
    *,
    agency_filter: AgencyFilter = NO_AGENCY_FILTER,
    by_agreement: bool | None = None,
    section: str | None = None,
    task: int | None = None,
    due_from: dt.date | None = None,
    due_to: dt.date | None = None,
    search: str | None = None,
) -> list[Selection]:
    """Measures matching every given filter, in plan order.

    With agencies, a measure matches when any of them is involved (see
    :func:`agency_scope`); ``by_agreement`` then tests the agency's role
    (:attr:`Involvement.by_agreement`), else any executor. Due dates are deadline end dates (``annual`` uses each
    year's 31 December; continuous and empty deadlines have none and are
    excluded by a due filter).
    """
    scope = agency_scope(data, agency_filter)
    if not (scope or section or task or due_from or due_to or search) and by_agreement is None:
        return [Selection(m, deadline_of(m, data.plan)) for m in data.plan.measures]
    if due_from and due_to and due_from > due_to:
        raise UsageError("--due-from is after --due-to")
    section_id = section_number(section, data) if section else None
    if task is not None and data.plan.task(task) is None:
        raise NotFoundError(f"no task {task}: the plan has tasks 1-{len(data.plan.tasks)}")
    needle = search_key(search) if search else None
    selected = []
    for measure in data.plan.measures:
        if section_id and measure.section != section_id:
            continue
        if task is not None and measure.task != task:
            continue
        if needle and not any(
            needle in search_key(text) for text in (measure.text, *measure.items, *measure.results)
        ):
            continue
        if (due_from or due_to) and not _due_within(data, measure, due_from, due_to):
            continue
        involvements: tuple[Involvement, ...] = ()
        if scope is not None:
            involvements = tuple(
                found
                for found in scope.involvements(measure)
                if by_agreement is None or found.by_agreement == by_agreement
            )
            if not involvements:
                continue
        elif by_agreement is not None and not any(
            e.by_agreement == by_agreement for e in measure.executors
        ):
            continue
        selected.append(Selection(measure, deadline_of(measure, data.plan), involvements))
    return selected


def _due_within(
    data: Dataset, measure: Measure, start: dt.date | None, end: dt.date | None
) -> bool:
    for _, due in deadline_of(measure, data.plan).due_dates():
        if (start is None or due >= start) and (end is None or due <= end):
            return True
    return False


def reporting_binds(data: Dataset, rule: ReportingRule, agency: Entry) -> bool:
    """Does a reporting rule bind ``agency``?

    A rule whose reporters name one glossary body (the Government Office's
    report) binds that body only; a rule naming categories of bodies (point 2)
    binds every agency except its recipient.
    """
    reporter = data.glossary.lookup(rule.reporters)
    if reporter is not None:
        return data.glossary.canonical(reporter).term == agency.term
    recipient = data.glossary.lookup(rule.recipient)
    return recipient is None or data.glossary.canonical(recipient).term != agency.term


def reporting_binds_any(data: Dataset, rule: ReportingRule, scope: AgencyScope) -> bool:
    """Does a reporting rule bind any of the agencies ``--agency`` names?"""
    return any(reporting_binds(data, rule, entry) for entry in scope.agencies)
