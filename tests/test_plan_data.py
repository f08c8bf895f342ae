"""The resolved plan through the core API and `plancli measures`."""

from __future__ import annotations

import csv
import io
import json

from conftest import DECREE, GLOSSARY, PLAN, Cli
from plancli.dataset import Dataset
from plancli.loading import bundled_path
from plancli.views import measure_record


def test_bundled_data_is_the_repository_data() -> None:
    """Installed or in a checkout, the bundled files are the top-level ones."""
    assert bundled_path("plan.yaml").read_bytes() == PLAN.read_bytes()
    assert bundled_path("glossary.yaml").read_bytes() == GLOSSARY.read_bytes()


def test_decree_metadata(dataset: Dataset) -> None:
    decree = dataset.plan.decree
    assert (decree.number, decree.date.isoformat()) == (170, "2015-03-30")
    assert [(n, d.isoformat()) for n, d in decree.amended_by] == [
        (364, "2015-06-16"),
        (570, "2016-11-04"),
        (640, "2017-10-02"),
    ]
    assert decree.published.isoformat() == "2015-03-31"
    assert decree.days_to_entry_into_force == 10
    assert decree.edition == "No. 640 of 2017-10-02"


def test_reporting_rules_are_data_taken_from_the_decree(dataset: Dataset) -> None:
    rules = {r.id: r for r in dataset.plan.reporting}
    assert (rules["agency-report"].point, rules["agency-report"].due_day) == (2, 15)
    assert (rules["office-report"].point, rules["office-report"].due_day) == (4, 25)
    body = DECREE.read_text(encoding="utf-8")
    for rule in rules.values():
        assert " ".join(rule.text.split()) in " ".join(body.split())


def test_merged_cells_resolve_to_the_row_above(dataset: Dataset) -> None:
    plan = dataset.plan
    for later, earlier in [("4.2", "4.1"), ("33.2", "33.1")]:
        a, b = plan.measure(later), plan.measure(earlier)
        assert a is not None and b is not None
        assert a.deadline == b.deadline and a.results == b.results
        assert a.merged_from == {"deadline": earlier, "results": earlier}
        assert a.executors != b.executors  # each row keeps its own executor cell
    for number in range(3, 8):
        measure = plan.measure(f"29.{number}")
        assert measure is not None
        assert measure.deadline is None  # the empty source cell
        assert measure.results == plan.measure("29.1").results  # type: ignore[union-attr]


def test_rows_share_their_cells(dataset: Dataset) -> None:
    plan = dataset.plan
    shared = [plan.measure(f"2.{n}") for n in (1, 2, 3)]
    assert {m.deadline for m in shared if m} == {"2015-жылдын сентябры"}
    assert all(m and m.row == ("2.1", "2.2", "2.3") for m in shared)


def test_task_14_note(dataset: Dataset) -> None:
    for number in range(1, 5):
        measure = dataset.plan.measure(f"14.{number}")
        assert measure is not None
        assert measure.executors_note == "(*) Маалымат берүү тартибинде отчет"


def test_measures_json_lists_every_measure_as_the_core_does(cli: Cli, dataset: Dataset) -> None:
    outcome = cli("measures", "--format", "json")
    assert outcome.code == 0
    records = json.loads(outcome.stdout)
    assert len(records) == 106
    assert records == [measure_record(m) for m in dataset.plan.measures]
    assert {"id", "section", "task", "text", "deadline", "executors", "results"} <= set(records[0])


def test_measures_json_executors_as_the_decree_lists_them(cli: Cli) -> None:
    records = {r["id"]: r for r in json.loads(cli("measures", "--format", "json").stdout)}
    # 1.2's cell reads "БШК (макулдашуу боюнча ), МСК, Финчалгын" (a slip, normalised)
    assert records["1.2"]["executors"] == [
        {"name": "БШК", "by_agreement": True, "lead": True},
        {"name": "МСК", "by_agreement": False, "lead": False},
        {"name": "Финчалгын", "by_agreement": False, "lead": False},
    ]
    # 20.x: "ЮМ, мамлекеттик органдар жана ЖӨБО (макулдашуу боюнча),
    #        ӨЭУ (макулдашуу боюнча) КК, (макулдашуу боюнча)"
    assert [(e["name"], e["by_agreement"]) for e in records["20.1"]["executors"]] == [
        ("ЮМ", False),
        ("мамлекеттик органдар", False),
        ("ЖӨБО", True),
        ("ӨЭУ", True),
        ("КК", True),
    ]
    assert records["29.3"]["deadline"] == {"text": None}


def test_measures_csv_has_one_row_per_measure(cli: Cli) -> None:
    outcome = cli("measures", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(outcome.stdout)))
    assert len(rows) == 106
    assert rows[1]["executors"] == "БШК (макулдашуу боюнча) | МСК | Финчалгын"


def test_measures_table_is_plain_text_without_escape_codes(cli: Cli) -> None:
    outcome = cli("measures")
    assert outcome.code == 0
    assert "\x1b[" not in outcome.stdout
    assert "29.7" in outcome.stdout and "106 measures" in outcome.stdout


def test_invalid_plan_stops_listing_with_a_pointer_to_validate(cli: Cli) -> None:
    from conftest import DATA

    outcome = cli("measures", "--plan", DATA / "invalid" / "id-sequence.yaml")
    assert outcome.code == 1
    assert outcome.stdout == ""
    assert "[id-sequence]" in outcome.stderr and "plancli validate" in outcome.stderr
