"""Who is responsible, precisely: sub-units, by-agreement bodies, АКК, progress by agency."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json

import pytest

from conftest import DECREE, Cli
from plancli.agencies import AgencyFilter, Role, agreed_bodies
from plancli.dataset import Dataset
from plancli.glossary import Entry
from plancli.queries.overdue import overdue_items
from plancli.queries.progress import progress_by_agency
from plancli.tracking import Standing

#: Kyrgyz genitive endings: "<body>-нын <unit>" names a unit of <body>.
GENITIVE = [a + b for a in "ндт" for b in ("ын", "ин", "ун", "үн")]


def possessions(dataset: Dataset) -> dict[str, tuple[Entry, str]]:
    """Entries whose expansion begins with another body's name in the genitive.

    term -> (the possessing body, the words after it), read from the decree's
    own expansions.
    """
    glossary = dataset.glossary
    bodies = [e for e in glossary.entries if e.expansion and not e.is_group and not e.alias_of]
    found: dict[str, tuple[Entry, str]] = {}
    for entry in glossary.entries:
        if entry.provenance != "decree" or not entry.expansion or entry.is_group:
            continue
        for body in bodies:
            if body is entry or body.expansion is None:
                continue
            for ending in GENITIVE:
                prefix = body.expansion + ending + " "
                if entry.expansion.startswith(prefix):
                    found[entry.term] = (body, entry.expansion[len(prefix) :])
    return found


def test_part_of_is_set_exactly_where_the_expansions_name_a_unit(dataset: Dataset) -> None:
    decree = DECREE.read_text(encoding="utf-8")
    found = possessions(dataset)
    assert {"ККК", "ЖККББ"} <= set(found)  # the test reads something, so it can fail
    glossary = dataset.glossary
    for term, (body, rest) in found.items():
        entry = glossary.lookup(term)
        assert entry is not None and entry.expansion in " ".join(decree.split())
        if rest.startswith("алдындагы"):  # "under" the body: an agency of its own
            assert entry.part_of is None, term
            assert entry.note and "алдындагы" in entry.note, term
        else:
            assert entry.part_of is not None, f"{term} is a unit of {body.term}: set part_of"
            parent = glossary.lookup(entry.part_of)
            assert parent is not None and glossary.canonical(parent).term == body.term
            assert entry.note and "part_of" in entry.note  # the change is recorded
    with_part = {e.term for e in glossary.entries if e.part_of}
    assert with_part <= set(found), "part_of without a basis in the decree's expansion"


def test_units_are_not_state_bodies_but_are_reached_through_law_enforcement(
    dataset: Dataset,
) -> None:
    glossary = dataset.glossary
    state_bodies = glossary.lookup("Мамлекеттик органдар")
    law_enforcement = glossary.lookup("Укук коргоо органдары")
    assert state_bodies is not None and law_enforcement is not None
    members = {e.term for e in glossary.members(state_bodies)}
    assert {"ИИМ", "Мамлекеттик улуттук коопсуздук комитети"} <= members
    assert not {"ККК", "ЖККББ", "Өкмөттүн Аппараты"} & members
    enforcing = {e.term for e in glossary.members(law_enforcement)}
    assert {"ККК", "ЖККББ", "ИИМ", "Мамлекеттик улуттук коопсуздук комитети"} <= enforcing


def test_kkk_is_found_directly_as_akk_and_via_law_enforcement_only(cli: Cli) -> None:
    records = json.loads(cli("measures", "--agency", "ККК", "-f", "json").stdout)
    roles = {r["id"]: r["roles"][0] for r in records}
    assert roles["6.1"]["role"] == "lead" and roles["6.1"]["executor"] == "АКК"
    groups = {r["group"] for r in roles.values() if r["role"] == "via group"}
    assert groups == {"укук коргоо органдары", "укук коргоо жана контролдоо органдары"}
    expanded = cli("expand", "АКК", "-f", "json")
    (akk,) = json.loads(expanded.stdout)
    assert akk["alias_of"] == "ККК" and akk["certainty"] == "inferred"


def test_glossary_shows_part_of(cli: Cli) -> None:
    entries = {e["term"]: e for e in json.loads(cli("glossary", "-f", "json").stdout)}
    assert entries["ККК"]["part_of"] == "Мамлекеттик улуттук коопсуздук комитети"
    assert entries["ЖККББ"]["part_of"] == "ИИМ"
    table = cli("glossary", "--search", "ЖККББ").stdout
    assert "part of" in table and "ИИМ" in table


def test_by_agreement_bodies_are_computed_from_the_cells(dataset: Dataset) -> None:
    agreed = agreed_bodies(dataset.glossary, dataset.plan.measures)
    assert {"Башкы прокуратура", "БШК", "КРУБ", "Кадр кызматы", "Жогорку сот"} <= agreed
    assert not {"ЮМ", "ИИМ", "ЖӨБО", "Өкмөттүн Аппараты"} & agreed
    # without the omissions plan.yaml records (by_agreement_omitted), the two bodies drop out
    unmarked = [
        dataclasses.replace(
            m, executors=tuple(dataclasses.replace(e, mark_omitted=False) for e in m.executors)
        )
        for m in dataset.plan.measures
    ]
    strict = agreed_bodies(dataset.glossary, unmarked)
    assert agreed - strict == {"Башкы прокуратура", "Кадр кызматы"}


def test_via_group_roles_carry_the_bodys_agreement(cli: Cli) -> None:
    records = json.loads(cli("measures", "--agency", "Башкы прокуратура", "-f", "json").stdout)
    via = [r["roles"][0] for r in records if r["roles"][0]["role"] == "via group"]
    assert via and all(role["by_agreement"] for role in via)
    yum = json.loads(cli("measures", "--agency", "ЮМ", "-f", "json").stdout)
    assert not any(r["roles"][0]["by_agreement"] for r in yum)
    agencies = {a["term"]: a for a in json.loads(cli("agencies", "-f", "json").stdout)}
    assert agencies["БШК"]["acts_by_agreement"] and not agencies["ЮМ"]["acts_by_agreement"]


# ------------------------------------------------------------ progress by agency

ROLE_FLAGS = [(False, False), (True, False), (False, True)]


@pytest.mark.parametrize(("lead", "direct"), ROLE_FLAGS)
def test_progress_rows_agree_with_overdue_for_every_body(
    dataset: Dataset, lead: bool, direct: bool
) -> None:
    day = dt.date(2016, 12, 31)
    view = progress_by_agency(dataset, as_of=day, agency_filter=AgencyFilter((), lead, direct))
    assert view.rows
    groups = {e.term for e in dataset.glossary.entries if e.is_group}
    for row in view.rows:
        assert row.entry is not None and row.entry.term not in groups
        found = overdue_items(
            dataset, as_of=day, agency_filter=AgencyFilter((row.entry.term,), lead, direct)
        )
        assert row.counts[Standing.overdue] == found.findings.counts["overdue"], row.entry.term
        assert row.total == sum(found.findings.counts.values()), row.entry.term
        if lead:
            assert row.roles[Role.co_executor] == row.roles[Role.via_group] == 0
        if direct:
            assert row.roles[Role.via_group] == 0


def test_progress_by_agency_json_totals_sort_and_percentages(cli: Cli) -> None:
    document = json.loads(
        cli(
            "progress", "--as-of", "2016-12-31", "--by", "agency", "--sort", "overdue", "-f", "json"
        ).stdout
    )
    rows = document["rows"]
    assert [r["overdue"] for r in rows] == sorted((r["overdue"] for r in rows), reverse=True)
    assert "Мамлекеттик органдар" not in {r["agency"] for r in rows}
    for row in rows:
        assert row["lead"] + row["co_executor"] + row["via_group"] == row["total"]
        assert row["overdue_pct"] == round(100 * row["overdue"] / row["total"], 1)
    totals = document["totals"]
    assert totals["agency"] is None
    assert max(r["total"] for r in rows) <= totals["total"] < sum(r["total"] for r in rows)
    by_name = json.loads(
        cli(
            "progress", "--as-of", "2016-12-31", "--by", "agency", "--sort", "name", "-f", "json"
        ).stdout
    )
    names = [r["agency"] for r in by_name["rows"]]
    assert names == sorted(names)
    table = cli("progress", "--as-of", "2016-12-31", "--by", "agency").stdout
    assert "TOTAL" in table and "%" in table


def test_progress_by_agency_for_requested_agencies(cli: Cli) -> None:
    document = json.loads(
        cli(
            "progress",
            "--as-of",
            "2016-12-31",
            "--by",
            "agency",
            "-a",
            "ЮМ",
            "-a",
            "ИИМ",
            "--direct",
            "-f",
            "json",
        ).stdout
    )
    assert [r["agency"] for r in document["rows"]] != []
    assert {r["agency"] for r in document["rows"]} == {"ЮМ", "ИИМ"}
    assert all(r["via_group"] == 0 for r in document["rows"])
    assert document["filter"] == {"agencies": ["ЮМ", "ИИМ"], "lead": False, "direct": True}
    assert cli("progress", "--by", "agency", "--sort", "colour").code == 2


# ------------------------------------------------------------------ editions


@pytest.mark.parametrize(
    "args",
    [
        ["overdue", "--as-of", "2016-06-30"],
        ["progress", "--as-of", "2016-06-30"],
        ["progress", "--as-of", "2016-06-30", "--by", "agency"],
        ["checklist", "-a", "ЮМ", "--quarter", "2016Q2"],
        ["calendar", "--year", "2016"],
    ],
    ids=lambda a: " ".join(a[:2]),
)
def test_a_day_before_the_amendment_gets_one_caveat(cli: Cli, args: list[str]) -> None:
    outcome = cli(*args)
    notes = [line for line in outcome.stderr.splitlines() if line.startswith("plancli: note:")]
    assert len(notes) == 1 and "No. 570 of 2016-11-04" in notes[0]
    document = json.loads(cli(*args, "-f", "json").stdout)
    assert len(document["caveats"]) == 1 and "No. 570" in document["caveats"][0]


def test_a_day_after_the_amendment_gets_none(cli: Cli) -> None:
    outcome = cli("overdue", "--as-of", "2016-12-31", "-f", "json")
    assert outcome.stderr == "" and json.loads(outcome.stdout)["caveats"] == []
    assert cli("progress", "--as-of", "2016-11-04").stderr == ""
