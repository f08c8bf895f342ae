"""``plancli agencies``: the bodies responsible for measures, with counts by role."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from plancli.agencies import Role, Roles
from plancli.dataset import Dataset
from plancli.glossary import Entry
from plancli.plan import Measure
from plancli.queries.selection import roles_of


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
    return agency_summaries_of(data, roles_of(data), data.plan.measures)


def agency_summaries_of(
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
