"""The typed records are the real contracts: every golden JSON output conforms.

plancli.records declares each JSON shape as a TypedDict; mypy checks the code
that builds and reads them. This test checks the other side: what the CLI
actually prints for the real plan (tests/golden/*.json) has exactly the keys
and value types its TypedDict declares, nested records included.
"""

from __future__ import annotations

import json
import types
import typing
from typing import Any, Union, get_args, get_origin, get_type_hints

import pytest

from plancli import records
from test_golden import CASES, GOLDEN

#: command -> (does --format json print a list of records?, record type)
SHAPES: dict[str, tuple[bool, Any]] = {
    "measures": (True, records.SelectionRecord),
    "show": (False, records.ShowDocument),
    "agencies": (True, records.AgencyRecord),
    "expand": (True, records.ExpansionRecord),
    "glossary": (True, records.GlossaryRecord),
    "deadlines": (True, records.PhraseRecord),
    "overdue": (False, records.OverdueDocument),
    "progress": (False, records.ProgressDocument),
    "calendar": (False, records.CalendarDocument),
    "agenda": (False, records.AgendaDocument),
    "checklist": (False, records.ChecklistDocument),
    "validate": (True, records.ProblemRecord),
}

JSON_CASES = sorted(name for name in CASES if name.endswith(".json"))


def conform(value: object, expected: Any, where: str) -> list[str]:
    """Where ``value`` does not have type ``expected`` (a TypedDict, list, union…)."""
    if expected is Any:
        return []
    if typing.is_typeddict(expected):
        if not isinstance(value, dict):
            return [f"{where}: expected an object, got {value!r:.60}"]
        hints = get_type_hints(expected)
        required: frozenset[str] = expected.__required_keys__
        problems = [f"{where}: missing key {k!r}" for k in sorted(required - value.keys())]
        problems += [f"{where}: undeclared key {k!r}" for k in sorted(value.keys() - hints.keys())]
        for key in value.keys() & hints.keys():
            problems += conform(value[key], hints[key], f"{where}.{key}")
        return problems
    origin = get_origin(expected)
    if origin in (Union, types.UnionType):
        options = get_args(expected)
        if any(not conform(value, option, where) for option in options):
            return []
        return [f"{where}: {value!r:.60} is none of {options}"]
    if origin is list:
        if not isinstance(value, list):
            return [f"{where}: expected a list, got {value!r:.60}"]
        (item,) = get_args(expected)
        return [p for i, v in enumerate(value) for p in conform(v, item, f"{where}[{i}]")]
    if origin is dict:
        if not isinstance(value, dict):
            return [f"{where}: expected an object, got {value!r:.60}"]
        _, item = get_args(expected)
        return [p for k, v in value.items() for p in conform(v, item, f"{where}.{k}")]
    if expected is type(None):
        return [] if value is None else [f"{where}: expected null, got {value!r:.60}"]
    if expected is int and isinstance(value, bool):
        return [f"{where}: expected int, got {value!r}"]
    if isinstance(expected, type) and isinstance(value, expected):
        return []
    return [f"{where}: expected {expected}, got {value!r:.60}"]


def test_conform_finds_missing_undeclared_and_mistyped_keys() -> None:
    good = {"name": "ЮМ", "by_agreement": False, "lead": True}
    assert conform(good, records.ExecutorRecord, "e") == []
    assert conform({"name": "ЮМ", "lead": True}, records.ExecutorRecord, "e") == [
        "e: missing key 'by_agreement'"
    ]
    assert conform({**good, "extra": 1}, records.ExecutorRecord, "e") == [
        "e: undeclared key 'extra'"
    ]
    assert conform({**good, "lead": "yes"}, records.ExecutorRecord, "e") == [
        "e.lead: expected <class 'bool'>, got 'yes'"
    ]


@pytest.mark.parametrize("name", JSON_CASES)
def test_golden_output_has_the_declared_record_shape(name: str) -> None:
    command = CASES[name][0]
    assert command in SHAPES, f"declare the JSON record type of `plancli {command}` in SHAPES"
    many, shape = SHAPES[command]
    if command == "progress" and "agency" in CASES[name]:  # --by agency
        many, shape = False, records.AgencyProgressDocument
    document = json.loads((GOLDEN / name).read_text(encoding="utf-8"))
    expected = list[shape] if many else shape  # type: ignore[valid-type]
    assert conform(document, expected, name) == []
