"""``plancli show``: one measure, or one year of an annual measure, with its executors named."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from plancli.dataset import Dataset
from plancli.editions import edition_caveats
from plancli.errors import NotFoundError, UsageError
from plancli.plan import Executor, Measure
from plancli.status import StatusLog
from plancli.tracking import Assessment, Obligation, assess, deadline_of, obligations

if TYPE_CHECKING:
    from plancli.deadlines import Deadline


#: The forms `show` takes, for its messages.
_ID_FORMS = "TASK.MEASURE, or TASK.MEASURE@YEAR for one year of an annual measure (12.1, 1.2@2016)"


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
