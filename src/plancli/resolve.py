"""The resolve step: validated file models in, domain objects out.

This is the only module that knows both sides: :mod:`plancli.models` (the
files as written, pydantic) and the domain (:mod:`plancli.plan`,
:mod:`plancli.glossary`, :mod:`plancli.status`), which imports nothing from
the file layer.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

from plancli.glossary import Entry, Glossary
from plancli.plan import (
    DecreeInfo,
    Executor,
    Measure,
    Plan,
    ReportingRule,
    Section,
    Slip,
    Task,
    split_executor,
)
from plancli.status import StatusEntry, StatusLog

if TYPE_CHECKING:
    from plancli.models import GlossaryFile, PlanFile, StatusFileModel

T = TypeVar("T")


def _shared(pool: dict[object, object], value: T) -> T:
    """The first object equal to ``value`` seen in ``pool`` (``value`` itself if new)."""
    return pool.setdefault(value, value)  # type: ignore[return-value]


def resolve_plan(model: PlanFile) -> Plan:
    """Resolve a validated plan file into domain objects.

    Assumes the cross-checks of :mod:`plancli.validation` passed: every row
    has each cell either written or merged from a row above.
    """
    # Equal executors, phrases and empty mappings are shared objects: a large
    # plan names the same few dozen bodies thousands of times, and the cache
    # (plancli.cache) then stores and loads each only once.
    shared: dict[object, object] = {}
    no_merges: dict[str, str] = {}
    sections = []
    for section in model.sections:
        tasks = []
        for task in section.tasks:
            measures: list[Measure] = []
            previous: dict[str, tuple[object, str]] = {}
            for row in task.rows:
                row_ids = tuple(m.id for m in row.measures)
                cells: dict[str, tuple[object, str]] = {}
                own: dict[str, object] = {
                    "deadline": row.deadline,
                    # the note (task 14's "(*)") is part of the executor cell
                    "executors": (
                        tuple(row.executors or ()),
                        row.executors_note,
                        frozenset(row.by_agreement_omitted),
                    ),
                    "results": tuple(row.results or ()),
                }
                for cell, value in own.items():
                    if cell in row.merged_with_above:
                        cells[cell] = previous[cell]
                    else:
                        cells[cell] = (value, row_ids[0])
                previous = cells
                deadline = _shared(shared, cells["deadline"][0])
                names: tuple[str, ...]
                executors_note: str | None
                omitted: frozenset[str]
                names, executors_note, omitted = cells["executors"][0]  # type: ignore[misc]
                results = cells["results"][0]
                executors = tuple(
                    _shared(
                        shared,
                        Executor(*split_executor(name), index == 0, name in omitted),
                    )
                    for index, name in enumerate(names)
                )
                merged: dict[str, str] = {
                    c: origin for c, (_, origin) in cells.items() if c in row.merged_with_above
                } or no_merges
                # one object per row, shared by its measures (smaller cache, faster loads)
                slips = tuple(Slip(s.cell, s.source, s.note) for s in row.slips)
                notes = tuple(row.notes)
                for entry in row.measures:
                    measures.append(
                        Measure(
                            id=entry.id,
                            section=section.number,
                            task=task.number,
                            number=int(entry.id.split(".")[1]),
                            text=entry.text,
                            items=tuple(entry.items),
                            deadline=deadline,  # type: ignore[arg-type]
                            executors=executors,
                            executors_note=executors_note,
                            results=results,  # type: ignore[arg-type]
                            merged_from=merged,
                            row=row_ids,
                            slips=slips,
                            notes=notes,
                        )
                    )
            tasks.append(Task(task.number, task.title, section.number, tuple(measures)))
        sections.append(Section(section.number, section.title, tuple(tasks)))
    decree = model.decree
    return Plan(
        decree=DecreeInfo(
            number=decree.number,
            date=decree.date,
            title=decree.title,
            amended_by=tuple((a.number, a.date) for a in decree.amended_by),
            published=decree.publication.date,
            publication=decree.publication.text,
            days_to_entry_into_force=decree.entry_into_force.days_after_publication,
            place=decree.place,
            edition_note=decree.edition_note,
            publication_outlet=decree.publication.outlet,
            publication_issue=decree.publication.issue,
            entry_into_force_text=decree.entry_into_force.text,
            signed_by=f"{decree.signed_by.position} {decree.signed_by.name}",
        ),
        reporting=tuple(
            ReportingRule(
                r.id, r.point, r.reporters, r.recipient, r.period, r.due_day, r.text, r.edition_note
            )
            for r in model.reporting
        ),
        first_year=model.appendix.first_year,
        last_year=model.appendix.last_year,
        sections=tuple(sections),
        appendix_edition_note=model.appendix.edition_note,
    )


def resolve_glossary(model: GlossaryFile) -> Glossary:
    return Glossary(
        Entry(
            term=e.term,
            expansion=e.expansion,
            kind=e.kind,
            provenance=e.provenance,
            certainty=e.certainty,
            alias_of=e.alias_of,
            part_of=e.part_of,
            members=tuple(e.members),
            members_kind=e.members_kind,
            note=e.note,
        )
        for e in model.entries
    )


def resolve_status(model: StatusFileModel) -> StatusLog:
    """Build the log from a validated status file."""
    return StatusLog(
        [
            StatusEntry(e.id, e.date, e.state, e.evidence, e.note, e.reported_by, e.quarter)
            for e in model.entries
        ]
    )
