"""`plancli show` takes every id the tool prints, ``1.2@2016`` included, and refuses the rest."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import pytest

from conftest import Cli
from plancli.errors import NotFoundError, UsageError
from plancli.loading import Dataset
from plancli.queries.show import shown_measure
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


# ------------------------------------------------ where the occurrence stands

EXAMPLE_STATUS = str(Path(__file__).parents[1] / "docs" / "examples" / "status-example.yaml")


@pytest.mark.parametrize(
    ("args", "as_of"),
    [
        (["1.2@2016", "--as-of", "2016-12-31"], "2016-12-31"),
        (["1.2@2015", "--as-of", "2017-01-05", "--status", EXAMPLE_STATUS], "2017-01-05"),
        (["1.2", "--as-of", "2017-01-05", "--status", EXAMPLE_STATUS], "2017-01-05"),
        (["1.1", "--as-of", "2016-12-31", "--status", EXAMPLE_STATUS], "2016-12-31"),
        (["29.3", "--as-of", "2016-12-31"], "2016-12-31"),
    ],
)
def test_standings_are_what_overdue_says_that_day(cli: Cli, args: list[str], as_of: str) -> None:
    shown = cli("show", *args, "-f", "json")
    assert shown.code == 0, shown.stderr
    document = json.loads(shown.stdout)
    assert document["as_of"] == as_of and document["standings"]
    extra = args[args.index("--status") :][:2] if "--status" in args else []
    overdue = cli("overdue", "--as-of", as_of, "--include-undated", *extra, "-f", "json")
    listed = {item["id"]: item for item in json.loads(overdue.stdout)["items"]}
    wanted = args[0]
    for standing in document["standings"]:
        assert standing["measure"] == document["id"]
        assert "@" not in wanted or standing["id"] == wanted
        if standing["status"] in ("overdue", "due_today", "done_late", "undated"):
            assert standing == listed[standing["id"]]  # the same record overdue prints
        else:
            assert standing["id"] not in listed


def test_standings_in_the_table(cli: Cli) -> None:
    lines = cli("show", "1.2", "--as-of", "2017-01-05", "--status", EXAMPLE_STATUS).stdout
    assert "  as of 2017-01-05:" in lines
    assert "    1.2@2015: done on 2015-12-20; last status: done (2015-12-20)" in lines
    assert "    1.2@2016: overdue, 5 days late" in lines
    assert "    1.2@2017: not yet due" in lines
    occurrence = cli("show", "1.2@2016", "--as-of", "2016-12-31").stdout
    assert "    1.2@2016: due today" in occurrence and "1.2@2015" not in occurrence


def test_without_as_of_or_status_nothing_is_judged(cli: Cli) -> None:
    document = json.loads(cli("show", "1.2@2016", "-f", "json").stdout)
    assert document["as_of"] is None and document["standings"] == []
    assert "as of" not in cli("show", "1.2@2016").stdout


def test_status_alone_judges_today(cli: Cli) -> None:
    from plancli.cli_options import today

    document = json.loads(cli("show", "1.2@2017", "--status", EXAMPLE_STATUS, "-f", "json").stdout)
    assert document["as_of"] == today(None).isoformat()  # the clock, read at the CLI edge
    assert [s["id"] for s in document["standings"]] == ["1.2@2017"]


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["1.2@2016", "--as-of", "31.12.2016"], 2),
        (["1.2@2016", "--as-of", "2016-02-30"], 2),
        (["1.2@2016", "--status", "no-such-status.yaml"], 1),
    ],
)
def test_bad_as_of_or_status(cli: Cli, args: list[str], code: int) -> None:
    outcome = cli("show", *args)
    assert (outcome.code, outcome.stdout) == (code, "")
    assert outcome.stderr.startswith("plancli: error:") and "Traceback" not in outcome.stderr


def test_an_early_day_carries_the_edition_caveat(cli: Cli) -> None:
    outcome = cli("show", "1.2@2015", "--as-of", "2015-12-31")
    assert outcome.code == 0 and "plancli: note:" in outcome.stderr
    assert "plancli: note:" not in cli("show", "1.2@2015").stderr
