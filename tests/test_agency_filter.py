"""One agency filter: the same --agency/--lead/--direct select the same measures everywhere."""

from __future__ import annotations

import json

import pytest

from conftest import Cli
from plancli.loading import Dataset
from plancli.tracking import deadline_of, obligations

FLAG_SETS = [
    ["-a", "ЮМ"],
    ["-a", "ИИМ"],
    ["-a", "ЮМ", "-a", "ИИМ"],
    ["-a", "ИИМ", "--direct"],
    ["-a", "ЮМ", "--lead"],
    ["-a", "ЮМ", "-a", "ИИМ", "--lead", "--direct"],
    ["-a", "Башкы прокуратура", "-a", "БШК", "--direct"],
    ["-a", "ККК"],
]


def ids_of(cli: Cli, *args: str) -> set[str]:
    return {r["id"] for r in json.loads(cli("measures", *args, "-f", "json").stdout)}


def dated(dataset: Dataset, ids: set[str]) -> set[str]:
    """The measures among ``ids`` that have a due date (not continuous, not undated)."""
    return {
        m.id
        for m in dataset.plan.measures
        if m.id in ids and deadline_of(m, dataset.plan).due_dates()
    }


@pytest.mark.parametrize("flags", FLAG_SETS, ids=" ".join)
def test_every_command_selects_the_same_measures(
    cli: Cli, dataset: Dataset, flags: list[str]
) -> None:
    selected = ids_of(cli, *flags)
    assert selected  # every flag set selects something, so the comparisons below can fail

    late = json.loads(
        cli("overdue", "--as-of", "2018-06-30", "--include-undated", *flags, "-f", "json").stdout
    )
    undated = {m.id for m in dataset.plan.measures if m.deadline is None}
    assert {i["measure"] for i in late["items"]} == dated(dataset, selected) | (selected & undated)

    checklist = json.loads(cli("checklist", "--quarter", "2017Q4", *flags, "-f", "json").stdout)
    assert {i["measure"] for i in checklist["items"]} == selected

    calendar = json.loads(cli("calendar", *flags, "--kind", "deadline", "-f", "json").stdout)
    assert {e["measure"] for e in calendar["events"]} == dated(dataset, selected)

    by_section = json.loads(cli("progress", "--as-of", "2016-12-31", *flags, "-f", "json").stdout)
    measures = [m for m in dataset.plan.measures if m.id in selected]
    assert sum(r["total"] for r in by_section["rows"]) == len(obligations(dataset.plan, measures))


@pytest.mark.parametrize("command", ["overdue", "checklist", "calendar", "progress"])
def test_headings_and_json_name_every_requested_agency(cli: Cli, command: str) -> None:
    extra = {"checklist": ["--quarter", "2016Q4"], "calendar": ["--year", "2016"]}.get(
        command, ["--as-of", "2016-12-31"]
    )
    args = [command, *extra, "-a", "ЮМ", "-a", "ИИМ", "--direct"]
    document = json.loads(cli(*args, "-f", "json").stdout)
    assert document["filter"] == {"agencies": ["ЮМ", "ИИМ"], "lead": False, "direct": True}
    lines = cli(*args).stdout.splitlines()  # the table (checklist: markdown) output
    assert any("ЮМ" in line and "ИИМ" in line and "direct only" in line for line in lines)


def test_a_repeated_agency_is_the_union_in_overdue(cli: Cli) -> None:
    def overdue(*flags: str) -> set[str]:
        document = json.loads(cli("overdue", "--as-of", "2016-12-31", *flags, "-f", "json").stdout)
        return {i["id"] for i in document["items"]}

    yum, iim = overdue("-a", "ЮМ"), overdue("-a", "ИИМ")
    both = overdue("-a", "ЮМ", "-a", "ИИМ")
    assert yum - iim and iim - yum  # neither contains the other: a last-one-wins bug shows
    assert both == yum | iim


def test_roles_name_their_agency_when_several_are_requested(cli: Cli) -> None:
    document = json.loads(
        cli("overdue", "--as-of", "2016-12-31", "-a", "ЮМ", "-a", "ИИМ", "-f", "json").stdout
    )
    shared = [i for i in document["items"] if len(i["roles"]) == 2]
    assert shared and all({r["agency"] for r in i["roles"]} == {"ЮМ", "ИИМ"} for i in shared)
    assert all(i["role"] == i["roles"][0] for i in document["items"])


@pytest.mark.parametrize("command", ["measures", "overdue", "calendar"])
@pytest.mark.parametrize("flag", ["--lead", "--direct"])
def test_role_flags_need_an_agency(cli: Cli, command: str, flag: str) -> None:
    outcome = cli(command, flag)
    assert outcome.code == 2
    assert f"{flag} needs --agency" in outcome.stderr


def test_checklist_needs_an_agency(cli: Cli) -> None:
    outcome = cli("checklist", "--quarter", "2016Q4")
    assert outcome.code == 2 and "--agency" in outcome.stderr


def test_unknown_agency_among_several_is_named(cli: Cli) -> None:
    outcome = cli("overdue", "--as-of", "2016-12-31", "-a", "ЮМ", "-a", "ЖОКК")
    assert outcome.code == 2
    assert "'ЖОКК'" in outcome.stderr and outcome.stdout == ""
