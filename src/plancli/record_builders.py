"""Records of the shared domain objects: executors, deadlines, roles, status, terms.

The only place one of these domain objects becomes an output record (a
TypedDict of :mod:`plancli.records`, imported here only for mypy, so that a
command does not create the 40 record types at start-up).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from plancli.safetext import escape_controls

if TYPE_CHECKING:
    from plancli.agencies import Involvement
    from plancli.deadlines import Deadline
    from plancli.glossary import Entry
    from plancli.plan import Executor, Measure
    from plancli.problems import Problem
    from plancli.records import (
        DeadlineRecord,
        EntryRecord,
        ExecutorRecord,
        InvolvementRecord,
        MeasureRecord,
        ProblemRecord,
        StatusRecord,
    )
    from plancli.status import StatusEntry


def executor_record(executor: Executor) -> ExecutorRecord:
    return {"name": executor.name, "by_agreement": executor.by_agreement, "lead": executor.lead}


def deadline_record(deadline: Deadline) -> DeadlineRecord:
    return {
        "text": deadline.phrase,
        "kind": deadline.kind.value,
        "start": deadline.start.isoformat() if deadline.start else None,
        "end": deadline.end.isoformat() if deadline.end else None,
        "then": "continuous" if deadline.then_continuous else None,
        "cadence": deadline.cadence.value if deadline.cadence else None,
        "cadence_text": deadline.cadence_text,
        "action": deadline.action,
        "qualifier": deadline.qualifier,
        "occurrences": [
            {"occurrence": o, "due": d.isoformat()} for o, d in deadline.due_dates() if o
        ],
    }


def involvement_record(involvement: Involvement) -> InvolvementRecord:
    return {
        "agency": involvement.agency,
        "role": involvement.role.value,
        "executor": involvement.executor.name,
        "by_agreement": involvement.by_agreement,
        "group": involvement.group,
    }


def status_record(entry: StatusEntry) -> StatusRecord:
    return {
        "id": entry.key,
        "date": entry.date.isoformat(),
        "state": entry.state.value,
        "evidence": entry.evidence,
        "note": entry.note,
        "reported_by": entry.reported_by,
        "quarter": entry.quarter,
    }


def entry_record(entry: Entry) -> EntryRecord:
    return {
        "term": entry.term,
        "expansion": entry.expansion,
        "kind": entry.kind,
        "provenance": entry.provenance,
        "certainty": entry.certainty,
        "alias_of": entry.alias_of,
        "members": list(entry.members),
        "members_kind": entry.members_kind,
        "note": entry.note,
        "part_of": entry.part_of,
    }


def problem_record(problem: Problem) -> ProblemRecord:
    return {
        "file": problem.file,
        "line": problem.line or None,
        "column": problem.column or None,
        "id": escape_controls(problem.item_id, one_line=True) if problem.item_id else None,
        "code": problem.code,
        "message": escape_controls(problem.message, one_line=True),
    }


def measure_record(measure: Measure, deadline: Deadline) -> MeasureRecord:
    """The JSON contract of one measure (``deadline``: its reading)."""
    return {
        "id": measure.id,
        "section": measure.section,
        "task": measure.task,
        "text": measure.text,
        "items": list(measure.items),
        "deadline": {"text": measure.deadline, "kind": deadline.kind.value},
        "due_dates": [day.isoformat() for _, day in deadline.due_dates()],
        "executors": [executor_record(e) for e in measure.executors],
        "executors_note": measure.executors_note,
        "results": list(measure.results),
        "notes": list(measure.notes),
    }
