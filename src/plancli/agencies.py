"""Who must do what: an agency's role in each measure.

An agency is responsible for a measure when the measure names it (as lead,
the first executor, or as a co-executor) or names a group it belongs to
("укук коргоо органдары", "мамлекеттик органдар"…; see glossary.yaml). A
direct mention wins over a group one.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable
from typing import NamedTuple

from plancli.glossary import Entry, Glossary
from plancli.plan import Executor, Measure


class Role(str, enum.Enum):
    lead = "lead"
    co_executor = "co-executor"
    via_group = "via group"


class Involvement(NamedTuple):
    """How one agency is involved in one measure."""

    measure: Measure
    role: Role
    #: The executor of the measure that makes the agency responsible
    #: (the agency itself, an alias of it, or the group).
    executor: Executor
    #: The agency (canonical glossary term) this involvement is of.
    agency: str = ""
    #: Does the agency act by agreement here? Directly: as the cell says. Via a
    #: group: when the group is named by agreement, or the agency is a body the
    #: decree marks by agreement wherever it names it (see :func:`agreed_bodies`).
    by_agreement: bool = False

    @property
    def group(self) -> str | None:
        return self.executor.name if self.role is Role.via_group else None


class Roles:
    """Role lookups for one glossary; resolutions are computed once."""

    def __init__(self, glossary: Glossary, measures: Iterable[Measure] = ()) -> None:
        self.glossary = glossary
        #: Bodies acting by agreement wherever ``measures`` name them.
        self.agreed = agreed_bodies(glossary, measures)
        self._canonical: dict[str, Entry | None] = {}
        self._members: dict[str, frozenset[str]] = {}

    def canonical(self, name: str) -> Entry | None:
        if name not in self._canonical:
            entry = self.glossary.lookup(name)
            self._canonical[name] = self.glossary.canonical(entry) if entry else None
        return self._canonical[name]

    def members(self, group: Entry) -> frozenset[str]:
        if group.term not in self._members:
            self._members[group.term] = frozenset(m.term for m in self.glossary.members(group))
        return self._members[group.term]

    def involvement(
        self, agency: Entry, measure: Measure, *, direct: bool = False
    ) -> Involvement | None:
        """The agency's role in ``measure``, or ``None`` when it has none."""
        via: Executor | None = None
        for executor in measure.executors:
            entry = self.canonical(executor.name)
            if entry is None:
                continue
            if entry.term == agency.term:
                role = Role.lead if executor.lead else Role.co_executor
                return Involvement(measure, role, executor, agency.term, executor.by_agreement)
            if via is None and not direct and entry.is_group and agency.term in self.members(entry):
                via = executor
        if via is None:
            return None
        agreed = via.by_agreement or agency.term in self.agreed
        return Involvement(measure, Role.via_group, via, agency.term, agreed)

    def measures_of(
        self, agency: Entry, measures: Iterable[Measure], *, direct: bool = False
    ) -> list[Involvement]:
        found = (self.involvement(agency, m, direct=direct) for m in measures)
        return [i for i in found if i is not None]

    def executor_entries(self, measures: Iterable[Measure]) -> list[Entry]:
        """Every glossary entry named as an executor, in order of first use."""
        seen: dict[str, Entry] = {}
        for measure in measures:
            for executor in measure.executors:
                entry = self.canonical(executor.name)
                if entry is not None:
                    seen.setdefault(entry.term, entry)
        return list(seen.values())


def agreed_bodies(glossary: Glossary, measures: Iterable[Measure]) -> frozenset[str]:
    """The bodies the decree marks "(макулдашуу боюнча)" wherever it names them directly.

    Computed from the executor cells, never listed by hand: a body is in the set
    when at least one cell names it and every cell naming it (under any alias)
    marks it by agreement. A cell the plan records as omitting the mark of such
    a body (``Executor.mark_omitted``) does not count against it.
    """
    marked: dict[str, bool] = {}
    for measure in measures:
        for executor in measure.executors:
            entry = glossary.lookup(executor.name)
            if entry is None:
                continue
            term = glossary.canonical(entry).term
            agreed = executor.by_agreement or executor.mark_omitted
            marked[term] = marked.get(term, True) and agreed
    return frozenset(term for term, always in marked.items() if always)


class AgencyFilter(NamedTuple):
    """The agency options every command shares: ``--agency`` (repeatable), ``--lead``, ``--direct``.

    A measure is selected when any of the agencies is responsible for it (the
    union), as lead only with ``lead``, and not through a group with ``direct``.
    """

    agencies: tuple[str, ...] = ()
    lead: bool = False
    direct: bool = False


#: No --agency, --lead or --direct.
NO_AGENCY_FILTER = AgencyFilter()


class AgencyScope:
    """A resolved :class:`AgencyFilter`: which measures concern which agencies, and how."""

    def __init__(
        self, roles: Roles, agencies: Iterable[Entry], *, lead: bool = False, direct: bool = False
    ) -> None:
        self.roles = roles
        unique: dict[str, Entry] = {}
        for entry in agencies:
            unique.setdefault(entry.term, entry)
        self.agencies = tuple(unique.values())
        self.lead = lead
        self.direct = direct

    @property
    def terms(self) -> tuple[str, ...]:
        return tuple(entry.term for entry in self.agencies)

    def involvements(self, measure: Measure) -> tuple[Involvement, ...]:
        """The requested agencies' roles in ``measure`` (empty: not selected)."""
        found = []
        for agency in self.agencies:
            involvement = self.roles.involvement(agency, measure, direct=self.direct)
            if involvement is None or (self.lead and involvement.role is not Role.lead):
                continue
            found.append(involvement)
        return tuple(found)

    def select(self, measures: Iterable[Measure]) -> dict[str, tuple[Involvement, ...]]:
        """Selected measure ids (in the given order) with the roles that select them."""
        selected = {}
        for measure in measures:
            found = self.involvements(measure)
            if found:
                selected[measure.id] = found
        return selected

    def label(self) -> str:
        """``"ЮМ, ИИМ (lead only)"``: how headings name the selection."""
        qualifiers = [q for q, on in (("lead only", self.lead), ("direct only", self.direct)) if on]
        return ", ".join(self.terms) + (f" ({', '.join(qualifiers)})" if qualifiers else "")


def lead_test(measures: Iterable[Measure], glossary: Glossary) -> Callable[[str, str], bool]:
    """``test(measure_id, reporter)``: does ``reporter`` (a glossary term) lead the measure?

    A reporter leads when it is the measure's first executor (an alias counts)
    or a member of the group named first (e.g. "укук коргоо органдары").
    """
    roles = Roles(glossary)
    leads = {m.id: m.lead for m in measures}
    answers: dict[tuple[str, str], bool] = {}

    def test(measure_id: str, reporter: str) -> bool:
        key = (measure_id, reporter)
        if key not in answers:
            lead = leads.get(measure_id)
            entry = roles.canonical(reporter)
            lead_entry = roles.canonical(lead.name) if lead else None
            if lead is None or entry is None or lead_entry is None:
                answers[key] = lead is not None and lead.name == reporter
            elif lead_entry.is_group:
                answers[key] = entry.term in roles.members(lead_entry)
            else:
                answers[key] = lead_entry.term == entry.term
        return answers[key]

    return test
