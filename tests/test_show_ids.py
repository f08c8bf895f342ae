"""`plancli show` takes every id the tool prints, ``1.2@2016`` included, and refuses the rest."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pytest

from conftest import Cli
from plancli.errors import NotFoundError, UsageError
from plancli.loading import Dataset
from plancli.queries import shown_measure
from plancli.tracking import obligations


def printed_items(cli: Cli) -> dict[str, dict[str, str | None]]:
    """Every item overdue and checklist print, by its id: what `show` must take back."""
    items: dict[str, dict[str, str | None]] = {}
    late = cli("overdue", "--as-of", "2018-06-30", "--include-undated", "-f", "json")
    for item in json.loads(late.stdout)["items"]:
        items[item["id"]] = {
            "measure": item["measure"],
            "occurrence": item["occurrence"],
            "due": item["due"],
        }
    for agency in ("БШК", "ЮМ"):
        listed = cli("checklist", "-a", agency, "--quarter", "2016Q4", "-f", "json")
        for item in json.loads(listed.stdout)["items"]:
            items.setdefault(
                item["id"],
                {"measure": item["measure"], "occurrence": item["occurrence"], "due": item["due"]},
            )
    return items


def test_every_printed_id_is_shown_as_that_occurrence(cli: Cli) -> None:
    items = printed_items(cli)
    annual = [key for key in items if "@" in key]
    assert len(annual) >= 3 and len(items) > len(annual)  # both forms are exercised
    for key, item in items.items():
        outcome = cli("show", key, "-f", "json")
        assert outcome.code == 0, (key, outcome.stderr)
        shown = json.loads(outcome.stdout)
        assert shown["id"] == item["measure"], key
        assert shown["occurrence"] == item["occurrence"], key
        if item["occurrence"]:
            assert shown["due"] == item["due"], key


def test_the_core_takes_every_obligation_key(dataset: Dataset) -> None:
    for obligation in obligations(dataset.plan):
        shown = shown_measure(dataset, obligation.key)
        assert shown.measure is obligation.measure
        if obligation.occurrence:
            assert shown.occurrence == obligation
        else:
            assert shown.occurrence is None


def test_an_occurrence_in_the_table_and_csv(cli: Cli) -> None:
    table = cli("show", "1.2@2016")
    assert table.code == 0
    first = table.stdout.splitlines()[0]
    assert first.startswith("Measure 1.2@2016") and "due 2016-12-31" in first
    whole = cli("show", "1.2").stdout.splitlines()[0]
    assert whole == "Measure 1.2"
    rows = list(csv.DictReader(io.StringIO(cli("show", "1.2@2017", "-f", "csv").stdout)))
    assert (rows[0]["id"], rows[0]["occurrence"], rows[0]["due"]) == ("1.2", "2017", "2017-12-31")


def test_whole_measures_have_their_only_due_date(dataset: Dataset, cli: Cli) -> None:
    assert json.loads(cli("show", "4.2", "-f", "json").stdout)["due"] == "2016-12-31"
    annual = json.loads(cli("show", "1.2", "-f", "json").stdout)
    assert annual["occurrence"] is None and annual["due"] is None
    assert len(annual["due_dates"]) == 3
    assert shown_measure(dataset, " 1.2@2015 ").occurrence.due == dt.date(2015, 12, 31)  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("ident", "says"),
    [
        ("1.2@1899", "1.2 has no occurrence in 1899"),
        ("1.2@2018", "give one of 1.2@2015, 1.2@2016, 1.2@2017"),
        ("1.1@2016", "1.1 is not annual (deadline '2015-жылдын ноябры')"),
        ("29.3@2016", "29.3 is not annual (deadline an empty cell)"),
        ("1.2@abc", "expected TASK.MEASURE, or TASK.MEASURE@YEAR"),
        ("1.2@", "TASK.MEASURE@YEAR"),
        ("@2016", "TASK.MEASURE@YEAR"),
        ("1.2@2016@2017", "TASK.MEASURE@YEAR"),
        ("1.2@16", "TASK.MEASURE@YEAR"),
        ("abc", "TASK.MEASURE@YEAR"),
    ],
)
def test_bad_ids_are_usage_errors_saying_what_is_accepted(
    cli: Cli, dataset: Dataset, ident: str, says: str
) -> None:
    outcome = cli("show", ident)
    assert (outcome.code, outcome.stdout) == (2, "")
    assert says in outcome.stderr and "Traceback" not in outcome.stderr
    with pytest.raises(UsageError):
        shown_measure(dataset, ident)


def test_an_unknown_measure_with_a_year_is_not_found(cli: Cli, dataset: Dataset) -> None:
    outcome = cli("show", "99.9@2016")
    assert (outcome.code, outcome.stdout) == (1, "")
    assert "no measure 99.9" in outcome.stderr
    with pytest.raises(NotFoundError):
        shown_measure(dataset, "99.9@2016")
