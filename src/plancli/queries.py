"""The questions commands ask: each one a function from data and options to results.

Commands call exactly one of these. They never print and never read the
clock: ``as_of`` is always an argument.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from plancli.agencies import NO_AGENCY_FILTER, AgencyFilter, AgencyScope, Involvement, Role, Roles
from plancli.agency_progress import AgencyProgressView, ProgressSort, agency_progress
from plancli.dataset import Dataset
from plancli.editions import edition_caveats
from plancli.errors import NotFoundError, UsageError
from plancli.glossary import Entry
from plancli.plan import ROMAN, Executor, Measure, ReportingRule
from plancli.status import StatusLog

if TYPE_CHECKING:
    from plancli.deadlines import Deadline
    from plancli.event_kinds import EventKind
    from plancli.overview import AgencyLoad, PlanOverview
    from plancli.quarters import Quarter
    from plancli.schedule import Event

from plancli.tracking import (
    Assessment,
    Obligation,
    OverdueFindings,
    PhraseUse,
    ProgressRow,
    assess,
    assess_all,
    deadline_of,
    deadline_phrases,
    find_overdue,
    obligations,
    progress,
)


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


def measure_by_id(data: Dataset, measure_id: str) -> Measure:
    measure = data.plan.measure(measure_id.strip())
    if measure is not None:
        return measure
    if not re.fullmatch(r"\d+\.\d+", measure_id.strip()):
        raise UsageError(f"measure id {measure_id!r}: expected {_ID_FORMS}")
    import difflib

    close = difflib.get_close_matches(measure_id, [m.id for m in data.plan.measures], n=3)
    raise NotFoundError(
        f"no measure {measure_id} in the plan",
        hint=f"did you mean {', '.join(close)}?" if close else None,
    )


@dataclass(frozen=True)
class NamedExecutor:
    """An executor of a measure with the glossary's names for it."""

    executor: Executor
    #: The canonical glossary term the cell names (``None``: not in the glossary).
    term: str | None
    expansion: str | None
    #: How sure the expansion is: the spelling's own entry first, then the canonical one.
    certainty: str | None
    #: The member terms when the executor is a group.
    group_members: tuple[str, ...]


#: The forms `show` takes, for its messages.
_ID_FORMS = "TASK.MEASURE, or TASK.MEASURE@YEAR for one year of an annual measure (12.1, 1.2@2016)"


@dataclass(frozen=True)
class ShownMeasure:
    """What ``plancli show ID`` shows: a measure, and the one year ``1.2@2016`` names."""

    measure: Measure
    deadline: Deadline
    section_title: str | None
    task_title: str | None
    #: The executors with their glossary names, looked up here, not in the view.
    executors: tuple[NamedExecutor, ...]
    #: The obligation an ``@YEAR`` id names, else ``None`` (the whole measure).
    occurrence: Obligation | None = None
    #: With ``as_of``: where each obligation shown stands that day.
    as_of: dt.date | None = None
    standings: tuple[Assessment, ...] = ()
    caveats: tuple[str, ...] = ()


def shown_measure(
    data: Dataset, ident: str, *, as_of: dt.date | None = None, status: StatusLog | None = None
) -> ShownMeasure:
    """The measure or annual occurrence ``ident`` names, as overdue and checklist print ids.

    ``1.2`` is the measure; ``1.2@2016`` one year of an annual measure. A malformed
    id, ``@YEAR`` on a measure that is not annual and a year the measure has no
    occurrence in are usage errors; a measure the plan lacks is not found. With
    ``as_of``, each obligation shown (the year, or every year) is judged as
    ``overdue`` judges it, with ``status`` entries known that day.
    """
    shown = _named_by(data, ident)
    if as_of is None:
        return shown
    judged = [shown.occurrence] if shown.occurrence else obligations(data.plan, [shown.measure])
    return replace(
        shown,
        as_of=as_of,
        standings=tuple(assess(o, as_of, status) for o in judged),
        caveats=edition_caveats(data.plan, as_of),
    )


def _named_by(data: Dataset, ident: str) -> ShownMeasure:
    text = ident.strip()
    measure_id, at, year = text.partition("@")
    if not at:
        measure = measure_by_id(data, text)
        return _shown(data, measure, deadline_of(measure, data.plan))
    if not re.fullmatch(r"\d+\.\d+", measure_id) or not re.fullmatch(r"\d{4}", year):
        raise UsageError(f"id {ident!r}: expected {_ID_FORMS}")
    measure = measure_by_id(data, measure_id)
    deadline = deadline_of(measure, data.plan)
    years = [o.occurrence for o in obligations(data.plan, [measure]) if o.occurrence]
    if not years:
        phrase = repr(measure.deadline) if measure.deadline else "an empty cell"
        raise UsageError(
            f"{measure.id} is not annual (deadline {phrase}), so it has no @{year}",
            hint=f"show it as `plancli show {measure.id}`",
        )
    for found in obligations(data.plan, [measure]):
        if found.occurrence == year:
            return _shown(data, measure, deadline, found)
    raise UsageError(
        f"{measure.id} has no occurrence in {year}: it is due each year of the plan, "
        f"{years[0]}-{years[-1]}",
        hint="give one of " + ", ".join(f"{measure.id}@{y}" for y in years),
    )


def _shown(
    data: Dataset, measure: Measure, deadline: Deadline, occurrence: Obligation | None = None
) -> ShownMeasure:
    glossary = data.glossary
    executors = []
    for executor in measure.executors:
        entry = glossary.lookup(executor.name)
        target = glossary.canonical(entry) if entry else None
        executors.append(
            NamedExecutor(
                executor,
                target.term if target else None,
                target.expansion if target else None,
                (entry.certainty or target.certainty) if entry and target else None,
                tuple(m.term for m in glossary.members(target))
                if target and target.is_group
                else (),
            )
        )
    section = data.plan.section(measure.section)
    task = data.plan.task(measure.task)
    return ShownMeasure(
        measure,
        deadline,
        section.title if section else None,
        task.title if task else None,
        tuple(executors),
        occurrence,
    )


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


@dataclass(frozen=True)
class Selection:
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


@dataclass(frozen=True)
class OverdueView:
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


def deadline_uses(data: Dataset) -> list[PhraseUse]:
    return deadline_phrases(data.plan)


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


__all__ = [
    "Selection",
    "deadline_uses",
    "measure_by_id",
    "overdue_items",
    "progress_by_agency",
    "progress_by_section",
    "section_number",
    "select_measures",
    "shown_measure",
]


# ------------------------------------------------------------ agencies, glossary


@dataclass(frozen=True)
class AgencySummary:
    entry: Entry
    #: The spellings the plan uses for it (aliases included).
    names: tuple[str, ...]
    lead: int
    co_executor: int
    via_group: int
    by_agreement: int
    #: The decree marks the body "(макулдашуу боюнча)" wherever it names it.
    acts_by_agreement: bool = False

    @property
    def total(self) -> int:
        return self.lead + self.co_executor + self.via_group


def agency_summaries(data: Dataset) -> list[AgencySummary]:
    """Every body responsible for at least one measure, directly or through a group."""
    return _agency_summaries(data, roles_of(data), data.plan.measures)


def _agency_summaries(
    data: Dataset, roles: Roles, measures: Sequence[Measure]
) -> list[AgencySummary]:
    """Measures per body by role, over ``measures``; a group's members count through it."""
    names: dict[str, list[str]] = {}
    for measure in measures:
        for executor in measure.executors:
            entry = roles.canonical(executor.name)
            if entry is not None and executor.name not in names.setdefault(entry.term, []):
                names[entry.term].append(executor.name)
    candidates: dict[str, Entry] = {e.term: e for e in roles.executor_entries(measures)}
    for entry in list(candidates.values()):
        if entry.is_group:
            for member in data.glossary.members(entry):
                candidates.setdefault(member.term, member)
    summaries = []
    for entry in candidates.values():
        counts = dict.fromkeys(Role, 0)
        agreed = 0
        for involvement in roles.measures_of(entry, measures):
            counts[involvement.role] += 1
            if involvement.role is not Role.via_group and involvement.executor.by_agreement:
                agreed += 1
        summaries.append(
            AgencySummary(
                entry,
                tuple(names.get(entry.term, ())),
                counts[Role.lead],
                counts[Role.co_executor],
                counts[Role.via_group],
                agreed,
                entry.term in roles.agreed,
            )
        )
    summaries.sort(key=lambda s: (-(s.lead + s.co_executor), -s.total, s.entry.term))
    return summaries


def expand_terms(
    data: Dataset, terms: Sequence[str]
) -> tuple[list[tuple[str, Entry, Entry]], list[NotFoundError]]:
    """``(as given, entry found, canonical entry)`` for each term, and the failures."""
    found, failed = [], []
    for term in terms:
        try:
            entry = data.glossary.find(term)
        except NotFoundError as error:
            failed.append(error)
            continue
        found.append((term, entry, data.glossary.canonical(entry)))
    return found, failed


@dataclass(frozen=True)
class GlossaryUse:
    entry: Entry
    as_executor: int
    in_text: int
    #: Uses of the entries that are aliases of this one (``alias_of``), e.g.
    #: "Улуттук банк" for КРУБ: the body is used under another name.
    via_aliases: int = 0

    @property
    def used(self) -> bool:
        return bool(self.as_executor or self.in_text or self.via_aliases)


def glossary_entries(
    data: Dataset, *, search: str | None = None, used: bool | None = None
) -> list[GlossaryUse]:
    """Glossary entries with how often the plan uses each (as an executor, in texts)."""
    texts = (
        [text for m in data.plan.measures for text in (m.text, *m.items, *m.results)]
        + [t.title for t in data.plan.tasks]
        + [s.title for s in data.plan.sections]
    )
    words = data.glossary.term_counts(texts)
    executors: dict[str, int] = {}
    for measure in data.plan.measures:
        for executor in measure.executors:
            entry = data.glossary.lookup(executor.name)
            if entry is not None:
                executors[entry.term] = executors.get(entry.term, 0) + 1
            # a term inside a longer executor name ("мамлекеттик органдардын АСБ
            # кызматтары" names АСБ) is used in the text of the executor cell
            if len(executor.name.split()) > 1:
                for word in executor.name.split():
                    for term, count in data.glossary.term_counts([word]).items():
                        if entry is None or term != entry.term:
                            words[term] = words.get(term, 0) + count
    via_aliases: dict[str, int] = {}
    for entry in data.glossary.entries:
        direct = executors.get(entry.term, 0) + words.get(entry.term, 0)
        if not direct or not entry.alias_of:
            continue
        seen = {entry.term}
        target = data.glossary.lookup(entry.alias_of)
        while target is not None and target.term not in seen:  # every entry up the chain
            via_aliases[target.term] = via_aliases.get(target.term, 0) + direct
            seen.add(target.term)
            target = data.glossary.lookup(target.alias_of) if target.alias_of else None
    needle = search_key(search) if search else None
    result = []
    for entry in data.glossary.entries:
        use = GlossaryUse(
            entry,
            executors.get(entry.term, 0),
            words.get(entry.term, 0),
            via_aliases.get(entry.term, 0),
        )
        haystack = search_key(" ".join(filter(None, (entry.term, entry.expansion, entry.alias_of))))
        if needle and needle not in haystack:
            continue
        if used is not None and use.used != used:
            continue
        result.append(use)
    return result


# -------------------------------------------------------- calendar, checklist


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


def _reporting_binds_any(data: Dataset, rule: ReportingRule, scope: AgencyScope) -> bool:
    return any(reporting_binds(data, rule, entry) for entry in scope.agencies)


@dataclass(frozen=True)
class CalendarView:
    start: dt.date
    end: dt.date
    events: tuple[Event, ...]
    #: The first requested agency (see ``scope`` for all of them).
    agency: Entry | None
    working_days: bool
    scope: AgencyScope | None = None
    caveats: tuple[str, ...] = ()


def calendar_events(
    data: Dataset,
    *,
    year: int | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
    agency_filter: AgencyFilter = NO_AGENCY_FILTER,
    kinds: Sequence[EventKind] = (),
    working_days: bool = False,
) -> CalendarView:
    """The plan's dated obligations in a year or from ``start`` to ``end``, optionally for agencies.

    With agencies: the events of their measures (:func:`agency_scope`) and the
    reports that bind any of them.

    Without a year or bounds: the plan years, up to the last report (January after them).
    """
    if year is not None:
        start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    start = start or dt.date(data.plan.first_year, 1, 1)
    end = end or dt.date(data.plan.last_year + 1, 1, 31)
    from plancli.schedule import events_between, shift_to_working_days

    if start > end:
        raise UsageError(f"the range starts ({start}) after it ends ({end})")
    scope = agency_scope(data, agency_filter)
    measures: list[Measure] | None = None
    if scope is not None:
        selected = scope.select(data.plan.measures)
        measures = [m for m in data.plan.measures if m.id in selected]
    found = events_between(data.plan, start=start, end=end, measures=measures, kinds=kinds or None)
    if scope is not None:
        found = [e for e in found if e.rule is None or _reporting_binds_any(data, e.rule, scope)]
    if working_days:
        from plancli.workdays import kyrgyz_working_days

        found = shift_to_working_days(found, kyrgyz_working_days(start, end))
    first = scope.agencies[0] if scope else None
    caveats = edition_caveats(data.plan, start, reporting=True)
    return CalendarView(start, end, tuple(found), first, working_days, scope, caveats)


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
        and _reporting_binds_any(data, e.rule, scope)
    )
    caveats = edition_caveats(data.plan, min(day, quarter.start), reporting=True)
    return Checklist(scope.agencies[0], quarter, day, reports, tuple(items), scope, caveats)


# ------------------------------------------------------------ shareable report


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
    summaries = _agency_summaries(data, roles, data.plan.measures if selected is None else selected)
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
