"""The plan as plancli works with it: resolved, immutable domain objects.

A validated :class:`~plancli.models.PlanFile` is written as the decree's table
(rows, merged cells). :func:`plancli.resolve.resolve_plan` turns it into measures that each
know their own deadline, executors and results, and remember which row the
shared cells came from. These objects are plain frozen dataclasses: cheap to
build, to cache and to compare, and free of pydantic at query time.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

#: How the decree marks a body acting by agreement.
BY_AGREEMENT = "(макулдашуу боюнча)"

#: Section numbers, in order.
ROMAN = (
    "I",
    "II",
    "III",
    "IV",
    "V",
    "VI",
    "VII",
    "VIII",
    "IX",
    "X",
    "XI",
    "XII",
    "XIII",
    "XIV",
    "XV",
    "XVI",
    "XVII",
    "XVIII",
    "XIX",
    "XX",
)


@dataclass(frozen=True)
class Executor:
    """A body named in a measure's executor cell."""

    name: str
    by_agreement: bool
    lead: bool
    #: The cell omits "(макулдашуу боюнча)" for a body the decree marks so in
    #: every other cell naming it (kept as written; recorded in the row's
    #: ``by_agreement_omitted``).
    mark_omitted: bool = False


@dataclass(frozen=True)
class Slip:
    cell: str
    source: str
    note: str


@dataclass(frozen=True)
class Measure:
    """One measure with every cell resolved (merged cells followed)."""

    id: str
    section: str
    task: int
    number: int
    text: str
    items: tuple[str, ...]
    #: The verbatim deadline phrase; ``None`` for an empty source cell.
    deadline: str | None
    executors: tuple[Executor, ...]
    executors_note: str | None
    results: tuple[str, ...]
    #: Cells taken from another row, e.g. ``{"deadline": "4.1"}``.
    merged_from: dict[str, str] = field(default_factory=dict, compare=False, hash=False)
    #: Ids of the measures sharing this measure's row.
    row: tuple[str, ...] = ()
    slips: tuple[Slip, ...] = ()
    notes: tuple[str, ...] = ()

    @property
    def lead(self) -> Executor:
        return self.executors[0]


@dataclass(frozen=True)
class Task:
    number: int
    title: str
    section: str
    measures: tuple[Measure, ...]


@dataclass(frozen=True)
class Section:
    number: str
    title: str
    tasks: tuple[Task, ...]


@dataclass(frozen=True)
class ReportingRule:
    id: str
    point: int
    reporters: str
    recipient: str
    period: str
    due_day: int
    text: str
    #: The source's edition note, e.g. "(… № 570 … редакциясына ылайык)".
    edition_note: str | None = None


@dataclass(frozen=True)
class DecreeInfo:
    number: int
    date: dt.date
    title: str
    amended_by: tuple[tuple[int, dt.date], ...]
    published: dt.date
    publication: str
    days_to_entry_into_force: int
    # The rest of the decree's metadata, as written (``plancli diff`` compares it).
    place: str = ""
    edition_note: str | None = None
    publication_outlet: str = ""
    publication_issue: str = ""
    entry_into_force_text: str = ""
    #: The signatory's position and name, e.g. "… Премьер-министри Дж.Оторбаев".
    signed_by: str = ""

    @property
    def edition(self) -> str:
        """The latest amending decree, e.g. ``"No. 640 of 2017-10-02"``."""
        if not self.amended_by:
            return "original"
        number, date = self.amended_by[-1]
        return f"No. {number} of {date.isoformat()}"


@dataclass(frozen=True)
class Plan:
    decree: DecreeInfo
    reporting: tuple[ReportingRule, ...]
    first_year: int
    last_year: int
    sections: tuple[Section, ...]
    #: The appendix's edition note, e.g. "(… № 570 … редакциясына ылайык)".
    appendix_edition_note: str | None = None

    @property
    def tasks(self) -> tuple[Task, ...]:
        return tuple(task for section in self.sections for task in section.tasks)

    @property
    def measures(self) -> tuple[Measure, ...]:
        return tuple(m for section in self.sections for t in section.tasks for m in t.measures)

    def measure(self, measure_id: str) -> Measure | None:
        for measure in self.measures:
            if measure.id == measure_id:
                return measure
        return None

    def task(self, number: int) -> Task | None:
        for task in self.tasks:
            if task.number == number:
                return task
        return None

    def section(self, number: str) -> Section | None:
        for section in self.sections:
            if section.number == number:
                return section
        return None


def split_executor(name: str) -> tuple[str, bool]:
    """``"БШК (макулдашуу боюнча)"`` -> ``("БШК", True)``."""
    if name.endswith(BY_AGREEMENT):
        return name[: -len(BY_AGREEMENT)].rstrip(), True
    return name, False
