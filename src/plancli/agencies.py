"""Who must do what: an agency's role in each measure.

An agency is responsible for a measure when the measure names it (as lead,
the first executor, or as a co-executor) or names a group it belongs to
("укук коргоо органдары", "мамлекеттик органдар"…; see glossary.yaml). A
direct mention wins over a group one.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from plancli.glossary import Entry, Glossary
from plancli.plan import Executor, Measure


class Role(str, enum.Enum):
    lead = "lead"
    co_executor = "co-executor"
    via_group = "via group"


@dataclass(frozen=True)
class Involvement:
    """How one agency is involved in one measure."""

    measure: Measure
    role: Role
    #: The executor of the measure that makes the agency responsible
    #: (the agency itself, an alias of it, or the group).
    executor: Executor

    @property
    def group(self) -> str | None:
        return self.executor.name if self.role is Role.via_group else None

    def as_dict(self) -> dict[str, object]:
        return {
            "role": self.role.value,
            "executor": self.executor.name,
            "by_agreement": self.executor.by_agreement,
            "group": self.group,
        }


class Roles:
    """Role lookups for one glossary; resolutions are computed once."""

    def __init__(self, glossary: Glossary) -> None:
        self.glossary = glossary
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
                return Involvement(
                    measure, Role.lead if executor.lead else Role.co_executor, executor
                )
            if via is None and not direct and entry.is_group and agency.term in self.members(entry):
                via = executor
        return Involvement(measure, Role.via_group, via) if via else None

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
