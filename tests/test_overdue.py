"""Overdue, due today, completed late: the core rules and `plancli overdue` / `progress`."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import DATA, ROOT, Cli
from plancli.dataset import Dataset
from plancli.deadlines import DeadlineKind
from plancli.loading import load_status
from plancli.status import State, StatusEntry, StatusLog
from plancli.tracking import Standing, assess, find_overdue, obligations

EXAMPLE = ROOT / "docs" / "examples" / "status-example.yaml"
STATUS = DATA / "status"


def standings(
    dataset: Dataset, as_of: dt.date, log: StatusLog | None = None
) -> dict[str, Standing]:
    return {o.key: assess(o, as_of, log).standing for o in obligations(dataset.plan)}


def test_obligations_split_annual_measures_by_year(dataset: Dataset) -> None:
    keys = [o.key for o in obligations(dataset.plan)]
    assert {"1.2@2015", "1.2@2016", "1.2@2017"} <= set(keys)
    assert "1.2" not in keys
    assert len(keys) == 106 - 1 + 3


def test_due_date_is_due_today_not_overdue(dataset: Dataset) -> None:
    """December 2016 deadlines on 31 December 2016: due today; the next day: overdue."""
    on_the_day = standings(dataset, dt.date(2016, 12, 31))
    after = standings(dataset, dt.date(2017, 1, 1))
    december_2016 = [
        m.id
        for m in dataset.plan.measures
        if m.deadline and m.deadline.startswith("2016-жылдын декабры")
    ]
    assert december_2016
    for key in december_2016:
        assert on_the_day[key] is Standing.due_today
        assert after[key] is Standing.overdue
    assert on_the_day["1.2@2016"] is Standing.due_today
    assert on_the_day["1.2@2015"] is Standing.overdue
    assert on_the_day["1.2@2017"] is Standing.not_yet_due


def test_overdue_as_of_is_exactly_the_deadlines_ended_before_that_day(dataset: Dataset) -> None:
    as_of = dt.date(2016, 12, 31)
    report = find_overdue(dataset.plan, as_of)
    overdue = {a.obligation.key for a in report.items if a.standing is Standing.overdue}
    expected = {o.key for o in obligations(dataset.plan) if o.due is not None and o.due < as_of}
    assert overdue == expected
    assert report.counts["overdue"] == len(expected)


def test_continuous_and_empty_deadlines_never_become_overdue(dataset: Dataset) -> None:
    far = standings(dataset, dt.date(2030, 1, 1))
    for obligation in obligations(dataset.plan):
        if obligation.deadline.kind is DeadlineKind.continuous:
            assert far[obligation.key] is Standing.continuous
        if obligation.deadline.kind is DeadlineKind.none:
            assert far[obligation.key] is Standing.undated
    assert {f"29.{n}" for n in range(3, 8)} == {k for k, s in far.items() if s is Standing.undated}


def test_overdue_findings_are_sorted_most_days_late_first(dataset: Dataset) -> None:
    report = find_overdue(dataset.plan, dt.date(2016, 12, 31))
    late = [a.days_late for a in report.items if a.standing is Standing.overdue]
    assert late == sorted(late, reverse=True)
    order = [a.standing for a in report.items]
    assert order.index(Standing.due_today) > max(
        i for i, s in enumerate(order) if s is Standing.overdue
    )


def _log(*entries: tuple[str, str, State]) -> StatusLog:
    return StatusLog(
        [StatusEntry(key, dt.date.fromisoformat(day), state) for key, day, state in entries]
    )


def test_status_replay_uses_only_what_was_known_then(dataset: Dataset) -> None:
    (measure,) = [o for o in obligations(dataset.plan) if o.key == "1.1"]  # due 2015-11-30
    log = _log(("1.1", "2015-11-20", State.in_progress), ("1.1", "2016-02-10", State.done))
    assert assess(measure, dt.date(2015, 11, 25), log).standing is Standing.in_progress
    assert assess(measure, dt.date(2015, 12, 31), log).standing is Standing.overdue
    late = assess(measure, dt.date(2016, 3, 1), log)
    assert (late.standing, late.days_late, late.done_on) == (
        Standing.done_late,
        (dt.date(2016, 2, 10) - dt.date(2015, 11, 30)).days,
        dt.date(2016, 2, 10),
    )


def test_done_on_time_and_reopened(dataset: Dataset) -> None:
    (measure,) = [o for o in obligations(dataset.plan) if o.key == "1.1"]
    log = _log(("1.1", "2015-11-30", State.done), ("1.1", "2016-01-10", State.in_progress))
    assert assess(measure, dt.date(2015, 12, 5), log).standing is Standing.done
    # a later entry reopens it: past its due date it is overdue again
    assert assess(measure, dt.date(2016, 1, 11), log).standing is Standing.overdue


def test_annual_occurrences_are_tracked_separately(dataset: Dataset) -> None:
    log = _log(("1.2@2015", "2015-12-20", State.done))
    result = standings(dataset, dt.date(2017, 1, 1), log)
    assert result["1.2@2015"] is Standing.done
    assert result["1.2@2016"] is Standing.overdue


@settings(max_examples=60, deadline=None)
@given(day=st.dates(min_value=dt.date(2014, 1, 1), max_value=dt.date(2019, 12, 31)))
def test_overdue_only_grows_and_never_overlaps_due_today(dataset: Dataset, day: dt.date) -> None:
    today = standings(dataset, day)
    tomorrow = standings(dataset, day + dt.timedelta(days=1))
    overdue_today = {k for k, s in today.items() if s is Standing.overdue}
    overdue_tomorrow = {k for k, s in tomorrow.items() if s is Standing.overdue}
    assert overdue_today <= overdue_tomorrow
    due_today = {k for k, s in today.items() if s is Standing.due_today}
    assert not overdue_today & due_today
    assert due_today <= overdue_tomorrow


# --------------------------------------------------------------------- CLI


def test_cli_overdue_json(cli: Cli, dataset: Dataset) -> None:
    outcome = cli("overdue", "--as-of", "2016-12-31", "--format", "json")
    assert outcome.code == 0
    document = json.loads(outcome.stdout)
    report = find_overdue(dataset.plan, dt.date(2016, 12, 31))
    assert [i["id"] for i in document["items"]] == [a.obligation.key for a in report.items]
    assert document["counts"] == report.counts
    first = document["items"][0]
    assert {"id", "status", "due", "days_late", "lead", "deadline"} <= set(first)
    assert first["deadline"]["kind"] and first["deadline"]["end"] == first["due"]
    assert {i["status"] for i in document["items"]} == {"overdue", "due_today"}


def test_cli_overdue_csv_and_table(cli: Cli) -> None:
    rows = list(
        csv.DictReader(io.StringIO(cli("overdue", "--as-of", "2016-12-31", "-f", "csv").stdout))
    )
    assert rows[0]["status"] == "overdue" and int(rows[0]["days_late"]) > 0
    table = cli("overdue", "--as-of", "2016-12-31")
    assert table.code == 0 and "due today" in table.stdout and "\x1b[" not in table.stdout
    assert "As of 2016-12-31:" in table.stdout


def test_cli_overdue_for_an_agency_and_a_section(cli: Cli) -> None:
    everything = json.loads(cli("overdue", "--as-of", "2016-12-31", "-f", "json").stdout)["items"]
    mine = json.loads(
        cli("overdue", "--as-of", "2016-12-31", "--agency", "ЮМ", "-f", "json").stdout
    )
    assert mine["agency"] == "ЮМ"
    assert 0 < len(mine["items"]) < len(everything)
    assert all("role" in item for item in mine["items"])
    section = json.loads(
        cli("overdue", "--as-of", "2016-12-31", "--section", "II", "-f", "json").stdout
    )
    assert {i["measure"].split(".")[0] for i in section["items"]} <= {str(n) for n in range(6, 14)}


def test_fail_if_any(cli: Cli) -> None:
    assert cli("overdue", "--as-of", "2016-12-31", "--fail-if-any").code == 1
    assert cli("overdue", "--as-of", "2015-01-01", "--fail-if-any").code == 0
    assert cli("overdue", "--as-of", "2016-12-31").code == 0


def test_include_undated(cli: Cli) -> None:
    plain = json.loads(cli("overdue", "--as-of", "2016-12-31", "-f", "json").stdout)
    full = json.loads(
        cli("overdue", "--as-of", "2016-12-31", "--include-undated", "-f", "json").stdout
    )
    undated = [i["id"] for i in full["items"] if i["status"] == "undated"]
    assert undated == [f"29.{n}" for n in range(3, 8)]
    assert plain["counts"]["undated"] == 5 and not any(
        i["status"] == "undated" for i in plain["items"]
    )


@pytest.mark.parametrize("bad", ["2016-13-01", "31.12.2016", "yesterday", ""])
def test_bad_as_of_is_a_usage_error(cli: Cli, bad: str) -> None:
    outcome = cli("overdue", "--as-of", bad)
    assert outcome.code == 2
    assert "YYYY-MM-DD" in outcome.stderr
    assert "Traceback" not in outcome.stderr


def test_unknown_agency_and_section(cli: Cli) -> None:
    outcome = cli("overdue", "--as-of", "2016-12-31", "--agency", "ЮММ")
    assert outcome.code == 2 and "did you mean" in outcome.stderr
    assert cli("overdue", "--as-of", "2016-12-31", "--section", "XIII").code == 1
    assert cli("overdue", "--as-of", "2016-12-31", "--section", "four").code == 2


def test_status_file_turns_overdue_into_done_or_completed_late(cli: Cli) -> None:
    before = json.loads(cli("overdue", "--as-of", "2016-12-31", "-f", "json").stdout)
    after = json.loads(
        cli("overdue", "--as-of", "2016-12-31", "--status", EXAMPLE, "-f", "json").stdout
    )
    status = {i["id"]: i["status"] for i in after["items"]}
    assert status["1.1"] == "done_late"
    assert "18.1" not in status and "1.2@2015" not in status  # done on time
    assert after["counts"]["done"] == before["counts"]["done"] + 2
    # replay: as of a day before the entries, nothing is done
    early = json.loads(
        cli("overdue", "--as-of", "2015-12-01", "--status", EXAMPLE, "-f", "json").stdout
    )
    assert early["counts"]["done"] == 1 and early["counts"]["done_late"] == 0  # only 18.1


def test_progress_counts_add_up(cli: Cli, dataset: Dataset) -> None:
    rows = json.loads(cli("progress", "--as-of", "2016-12-31", "-f", "json").stdout)["rows"]
    assert [r["group"] for r in rows] == [s.number for s in dataset.plan.sections]
    assert sum(r["total"] for r in rows) == len(obligations(dataset.plan))
    assert (
        sum(r["overdue"] for r in rows)
        == find_overdue(dataset.plan, dt.date(2016, 12, 31)).counts["overdue"]
    )
    with_status = json.loads(
        cli(
            "progress", "--as-of", "2017-12-31", "--status", EXAMPLE, "--by", "agency", "-f", "json"
        ).stdout
    )
    yum = next(r for r in with_status["rows"] if r["agency"] == "ЮМ")
    assert yum["done_late"] == 1
    assert cli("progress", "--by", "colour").code == 2


def test_deadlines_command_shows_every_phrase(cli: Cli, dataset: Dataset) -> None:
    records = json.loads(cli("deadlines", "-f", "json").stdout)
    phrases = {m.deadline for m in dataset.plan.measures}
    assert {r["text"] for r in records} == phrases
    assert sum(len(r["measures"]) for r in records) == 106
    annual = next(r for r in records if r["kind"] == "annual")
    assert [o["due"] for o in annual["occurrences"]] == ["2015-12-31", "2016-12-31", "2017-12-31"]


# ------------------------------------------------------------- status files

INVALID_STATUS = sorted((STATUS / "invalid").glob("*.yaml"))


@pytest.mark.parametrize("path", INVALID_STATUS, ids=[p.stem for p in INVALID_STATUS])
def test_invalid_status_files(cli: Cli, path: Path) -> None:
    from test_validate import expectation

    code, line = expectation(path)
    outcome = cli("validate", "--status", path)
    assert outcome.code == 1
    assert any(
        f"{path.name}:{line}:" in row and row.endswith(f"[{code}]")
        for row in outcome.stdout.splitlines()
    ), outcome.stdout
    used = cli("overdue", "--as-of", "2016-12-31", "--status", path)
    assert used.code == 1 and f"[{code}]" in used.stderr and used.stdout == ""


def test_status_corpus_covers_its_checks() -> None:
    from test_validate import expectation

    assert {expectation(p)[0] for p in INVALID_STATUS} >= {
        "status-unknown-id",
        "status-occurrence",
        "status-date-range",
        "status-conflict",
        "schema-type",
    }


def test_example_status_file_is_valid_and_labelled(dataset: Dataset) -> None:
    assert "INVENTED DATA" in EXAMPLE.read_text(encoding="utf-8").splitlines()[1]
    log = load_status(EXAMPLE, dataset)
    assert log is not None and len(list(log)) == 5
