"""Turning query results into listings: the JSON contracts and table columns.

Each ``*_listing`` function takes core results and returns a
:class:`~plancli.render.Listing`. The JSON record shapes built here are the
documented contracts of the README ("JSON output").
"""

from __future__ import annotations

from typing import Any

from plancli.models import BY_AGREEMENT
from plancli.plan import Measure
from plancli.render import Column, Listing


def measure_record(measure: Measure) -> dict[str, Any]:
    """The JSON contract of one measure."""
    return {
        "id": measure.id,
        "section": measure.section,
        "task": measure.task,
        "text": measure.text,
        "items": list(measure.items),
        "deadline": {"text": measure.deadline},
        "executors": [e.as_dict() for e in measure.executors],
        "executors_note": measure.executors_note,
        "results": list(measure.results),
        "notes": list(measure.notes),
    }


def executor_label(executor: dict[str, Any]) -> str:
    """An executor in the decree's own notation: ``БШК (макулдашуу боюнча)``."""
    suffix = f" {BY_AGREEMENT}" if executor["by_agreement"] else ""
    return f"{executor['name']}{suffix}"


MEASURE_COLUMNS = (
    Column("id", lambda r: r["id"]),
    Column("section", lambda r: r["section"], table=False),
    Column("task", lambda r: r["task"], table=False),
    Column("deadline", lambda r: r["deadline"]["text"] or "(empty)", max_chars=40),
    Column("lead", lambda r: executor_label(r["executors"][0]), csv=False),
    Column("executors", lambda r: [executor_label(e) for e in r["executors"]], table=False),
    Column("measure", lambda r: r["text"], max_chars=90),
    Column("items", lambda r: r["items"], table=False),
    Column("results", lambda r: r["results"], table=False),
)


def measures_listing(measures: list[Measure]) -> Listing:
    records = [measure_record(m) for m in measures]
    return Listing(
        records=records,
        columns=MEASURE_COLUMNS,
        notes=[f"{len(records)} measure{'s' if len(records) != 1 else ''}"],
        empty="no measures match",
    )
