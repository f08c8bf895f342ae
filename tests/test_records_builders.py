"""The record builders of plancli.records agree with the domain's as_dict().

Output shapes belong to plancli.records. The domain's older ``as_dict()``
methods are kept while other branches still call them; this test keeps the
two from drifting apart: change a shape in records.py (and the README), and
the same shape in as_dict(), or remove the as_dict().
"""

from __future__ import annotations

import datetime as dt

from plancli import records
from plancli.agencies import Roles
from plancli.dataset import Dataset
from plancli.problems import Problem
from plancli.status import State, StatusEntry
from plancli.tracking import deadline_of


def test_executor_deadline_and_entry_records_match_as_dict(dataset: Dataset) -> None:
    plan, glossary = dataset.plan, dataset.glossary
    for measure in plan.measures:
        for executor in measure.executors:
            assert records.executor_record(executor) == executor.as_dict()
        deadline = deadline_of(measure, plan)
        assert records.deadline_record(deadline) == deadline.as_dict()
    for entry in glossary.entries:
        assert records.entry_record(entry) == entry.as_dict()


def test_involvement_records_match_as_dict(dataset: Dataset) -> None:
    roles = Roles(dataset.glossary)
    entry = dataset.glossary.lookup("ИИМ")
    assert entry is not None
    found = [i for m in dataset.plan.measures if (i := roles.involvement(entry, m)) is not None]
    assert found
    for involvement in found:
        assert records.involvement_record(involvement) == involvement.as_dict()


def test_status_and_problem_records_match_as_dict() -> None:
    entry = StatusEntry("1.1", dt.date(2016, 1, 5), State.done, "№ 01-123", "note")
    assert records.status_record(entry) == entry.as_dict()
    problem = Problem("plan.yaml", 3, 5, "id-format", "bad\x1b]0;x id", "measure", "1.\x1bx")
    assert records.problem_record(problem) == problem.as_dict()
