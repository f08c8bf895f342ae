"""Where each measure stands on a given day: overdue, due, done, done late…

Everything here takes ``as_of`` as an argument; nothing reads the clock.

Rules (the README's "Overdue" section states them for users):

* An obligation is a measure, or one year of an annual measure (``1.2@2016``).
* It is **overdue** on day D when its due date is strictly before D and it is
  not done; on the due date itself it is **due today** (org-mode's rule).
* ``continuous`` deadlines ("Дайыма") never become overdue; ``none`` (the empty
  cells of 29.3–29.7) are **undated**.
* With a status log, only entries dated on or before D count. A measure whose
  latest known state is ``done`` is **done** if it was done by its due date,
  else **done late** (completed late, not forgotten).
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable
from typing import NamedTuple

from plancli.deadlines import Deadline, DeadlineKind, parse_deadline
from plancli.plan import Measure, Plan
from plancli.status import State, StatusEntry, StatusLog


class Standing(str, enum.Enum):
    done = "done"
    done_late = "done_late"
    in_progress = "in_progress"
    overdue = "overdue"
    due_today = "due_today"
    not_yet_due = "not_yet_due"
    continuous = "continuous"
    undated = "undated"


class Obligation(NamedTuple):
    """A measure, or one year of an annual measure.

    (Named tuples, not frozen dataclasses, for the per-obligation objects:
    as immutable, and three times cheaper to create by the ten thousand.)
    """

    measure: Measure
    deadline: Deadline
    #: The plan year of an annual measure, else ``None``.
    occurrence: str | None
    due: dt.date | None

    @property
    def key(self) -> str:
        return f"{self.measure.id}@{self.occurrence}" if self.occurrence else self.measure.id


class Assessment(NamedTuple):
    obligation: Obligation
    standing: Standing
    #: Days past due: as of ``as_of`` when overdue, at completion when done late.
    days_late: int | None
    #: The latest status entry known on ``as_of``.
    status: StatusEntry | None
    #: When it was done (done and done late only).
    done_on: dt.date | None = None


#: Deadline phrases already read, by (phrase, first plan year, last plan year). A
#: plan repeats a few dozen phrases thousands of times and a Deadline is
#: immutable. The plan cache stores a plan's readings with it
#: (:func:`plan_deadlines`, :func:`remember_deadlines`): a cached plan's
#: phrases are not parsed again.
_read: dict[tuple[str | None, int, int], Deadline] = {}
#: Readings kept at most (a plan has a few dozen distinct phrases).
_MAX_READ = 4096


def deadline_of(measure: Measure, plan: Plan) -> Deadline:
    key = (measure.deadline, plan.first_year, plan.last_year)
    deadline = _read.get(key)
    if deadline is None:
        if len(_read) >= _MAX_READ:
            _read.clear()
        deadline = parse_deadline(measure.deadline, plan_years=(plan.first_year, plan.last_year))
        _read[key] = deadline
    return deadline


def plan_deadlines(plan: Plan) -> tuple[Deadline, ...]:
    """What each distinct deadline phrase of ``plan`` means (stored with a cached plan)."""
    return tuple({m.deadline: deadline_of(m, plan) for m in plan.measures}.values())


def remember_deadlines(plan: Plan, deadlines: Iterable[Deadline]) -> None:
    """Take ``deadlines``, :func:`plan_deadlines` of ``plan`` before, as read."""
    if len(_read) >= _MAX_READ:
        _read.clear()
    for deadline in deadlines:
        _read[(deadline.phrase, plan.first_year, plan.last_year)] = deadline


def obligations(plan: Plan, measures: Iterable[Measure] | None = None) -> list[Obligation]:
    """Every obligation of ``measures`` (default: the whole plan), in plan order."""
    found = []
    dues_of: dict[int, list[tuple[str | None, dt.date]]] = {}  # by deadline object: few distinct
    for measure in plan.measures if measures is None else measures:
        deadline = deadline_of(measure, plan)
        dues = dues_of.get(id(deadline))
        if dues is None:
            dues = dues_of[id(deadline)] = deadline.due_dates()
        if not dues:
            found.append(Obligation(measure, deadline, None, None))
        for occurrence, due in dues:
            found.append(Obligation(measure, deadline, occurrence, due))
    return found


def assess(obligation: Obligation, as_of: dt.date, log: StatusLog | None = None) -> Assessment:
    known = log.known(obligation.key, as_of) if log else []
    latest = known[-1] if known else None
    kind = obligation.deadline.kind
    if kind is DeadlineKind.none:
        return Assessment(obligation, Standing.undated, None, latest)
    if kind is DeadlineKind.continuous:
        return Assessment(obligation, Standing.continuous, None, latest)
    due = obligation.due
    assert due is not None
    if latest is not None and latest.state is State.done:
        done_on = _completion(known)
        late = (done_on - due).days
        if late > 0:
            return Assessment(obligation, Standing.done_late, late, latest, done_on)
        return Assessment(obligation, Standing.done, None, latest, done_on)
    if due < as_of:
        return Assessment(obligation, Standing.overdue, (as_of - due).days, latest)
    if due == as_of:
        return Assessment(obligation, Standing.due_today, 0, latest)
    if latest is not None and latest.state in (State.in_progress, State.partially_done):
        return Assessment(obligation, Standing.in_progress, None, latest)
    return Assessment(obligation, Standing.not_yet_due, None, latest)


def _completion(known: list[StatusEntry]) -> dt.date:
    """The date the final, unbroken run of ``done`` entries began."""
    done_on = known[-1].date
    for entry in reversed(known):
        if entry.state is not State.done:
            break
        done_on = entry.date
    return done_on


def assess_all(
    plan: Plan,
    as_of: dt.date,
    log: StatusLog | None = None,
    measures: Iterable[Measure] | None = None,
) -> list[Assessment]:
    return [assess(o, as_of, log) for o in obligations(plan, measures)]


#: The standings the overdue findings list, in this order.
LISTED = (Standing.overdue, Standing.due_today, Standing.done_late, Standing.undated)


class OverdueFindings(NamedTuple):
    as_of: dt.date
    #: Overdue items first (most days late first), then due today, done late, undated.
    items: tuple[Assessment, ...]
    counts: dict[str, int]


def find_overdue(
    plan: Plan,
    as_of: dt.date,
    log: StatusLog | None = None,
    measures: Iterable[Measure] | None = None,
    *,
    include_undated: bool = False,
) -> OverdueFindings:
    """What is overdue as of ``as_of`` (and due that day, done late, undated)."""
    assessed = assess_all(plan, as_of, log, measures)
    counts = {s.value: 0 for s in Standing}
    for assessment in assessed:
        counts[assessment.standing.value] += 1
    shown = set(LISTED) if include_undated else set(LISTED) - {Standing.undated}
    items = [a for a in assessed if a.standing in shown]
    order = {s: i for i, s in enumerate(LISTED)}
    items.sort(key=lambda a: (order[a.standing], -(a.days_late or 0), *_id_key(a.obligation)))
    return OverdueFindings(as_of, tuple(items), counts)


def _id_key(obligation: Obligation) -> tuple[int, int, str]:
    """Sorts ids as numbers: 2.10 after 2.9 (a measure's id is TASK.NUMBER)."""
    measure = obligation.measure
    return measure.task, measure.number, obligation.occurrence or ""


class PhraseUse(NamedTuple):
    """One distinct deadline phrase, its reading and the measures using it."""

    deadline: Deadline
    measures: tuple[str, ...]


def deadline_phrases(plan: Plan) -> list[PhraseUse]:
    """Each distinct deadline phrase of the plan, in order of first use."""
    uses: dict[str | None, tuple[Deadline, list[str]]] = {}
    for measure in plan.measures:
        if measure.deadline not in uses:
            uses[measure.deadline] = (deadline_of(measure, plan), [])
        uses[measure.deadline][1].append(measure.id)
    return [PhraseUse(deadline, tuple(ids)) for deadline, ids in uses.values()]


class ProgressRow(NamedTuple):
    group: str
    title: str
    counts: dict[str, int]
    #: Obligations whose latest known status entry is by each reporter
    #: (``""``: an entry written by hand, without ``reported_by``).
    reporters: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def reported(self) -> int:
        return sum(self.reporters.values())


def progress(
    plan: Plan,
    as_of: dt.date,
    log: StatusLog | None = None,
    measures: Iterable[Measure] | None = None,
) -> list[ProgressRow]:
    """Counts of each standing per section, of ``measures`` (default: the whole plan).

    Progress per responsible body is :mod:`plancli.agency_progress`.
    """
    rows: dict[str, ProgressRow] = {}
    for assessment in assess_all(plan, as_of, log, measures):
        number = assessment.obligation.measure.section
        if number not in rows:
            section = plan.section(number)
            title = section.title if section else ""
            rows[number] = ProgressRow(number, title, {s.value: 0 for s in Standing}, {})
        rows[number].counts[assessment.standing.value] += 1
        if assessment.status is not None:
            reporter = assessment.status.reported_by or ""
            reporters = rows[number].reporters
            reporters[reporter] = reporters.get(reporter, 0) + 1
    return list(rows.values())
