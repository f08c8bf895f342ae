"""The reporting calendar, working days, iCalendar export and agency checklists."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from icalendar import Calendar

from conftest import GLOSSARY, PLAN, ROOT, Cli
from plancli.dataset import Dataset
from plancli.loading import load_dataset
from plancli.schedule import (
    Event,
    EventKind,
    Quarter,
    events_between,
    plan_quarters,
    shift_to_working_days,
)
from plancli.tracking import obligations
from plancli.workdays import kyrgyz_working_days

EXAMPLE_STATUS = ROOT / "docs" / "examples" / "status-example.yaml"


def on(plan_events: list[Event], kind: EventKind, measure: str | None = None) -> list[dt.date]:
    return [
        e.date
        for e in plan_events
        if e.kind is kind
        and (measure is None or (e.measure is not None and e.measure.id == measure))
    ]


@pytest.fixture(scope="module")
def everything(dataset: Dataset) -> list[Event]:
    return events_between(dataset.plan, start=dt.date(2014, 1, 1), end=dt.date(2019, 12, 31))


# ------------------------------------------------------------------ quarters


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("2016Q1", dt.date(2016, 1, 1), dt.date(2016, 3, 31)),
        ("2016-q2", dt.date(2016, 4, 1), dt.date(2016, 6, 30)),
        ("2016Q4", dt.date(2016, 10, 1), dt.date(2016, 12, 31)),
    ],
)
def test_quarter_boundaries(text: str, start: dt.date, end: dt.date) -> None:
    quarter = Quarter.parse(text)
    assert (quarter.start, quarter.end) == (start, end)


@pytest.mark.parametrize("bad", ["2016Q5", "2016", "Q4", "16Q4", "2016Q", "2016 Q1 Q2"])
def test_bad_quarters(bad: str) -> None:
    with pytest.raises(ValueError, match="expected YYYYQN"):
        Quarter.parse(bad)


def test_reported_quarters_start_when_the_decree_took_effect(dataset: Dataset) -> None:
    quarters = [str(q) for q in plan_quarters(dataset.plan)]
    assert quarters[0] == "2015Q2" and quarters[-1] == "2017Q4" and len(quarters) == 11


def test_reports_fall_on_the_15th_and_25th_of_the_month_after_the_quarter(
    everything: list[Event],
) -> None:
    agency = on(everything, EventKind.agency_report)
    office = on(everything, EventKind.office_report)
    assert agency[0] == dt.date(2015, 7, 15)
    assert agency[-1] == dt.date(2018, 1, 15)  # Q4 -> January of the next year
    assert [d for d in agency if d.year == 2016] == [dt.date(2016, m, 15) for m in (1, 4, 7, 10)]
    assert [d for d in office if d.year == 2016] == [dt.date(2016, m, 25) for m in (1, 4, 7, 10)]


def test_report_dates_come_from_the_plan_data(tmp_path: Path) -> None:
    text = PLAN.read_text(encoding="utf-8")
    assert text.count("    due_day: 15\n") == 1
    (tmp_path / "plan.yaml").write_text(
        text.replace("    due_day: 15\n", "    due_day: 10\n"), encoding="utf-8"
    )
    plan = load_dataset(tmp_path / "plan.yaml", GLOSSARY).plan
    agency = on(
        events_between(plan, start=dt.date(2016, 1, 1), end=dt.date(2016, 12, 31)),
        EventKind.agency_report,
    )
    assert agency == [dt.date(2016, m, 10) for m in (1, 4, 7, 10)]


def test_annual_occurrences_are_separate_deadlines(everything: list[Event]) -> None:
    assert on(everything, EventKind.deadline, "1.2") == [
        dt.date(y, 12, 31) for y in (2015, 2016, 2017)
    ]


def test_range_start(everything: list[Event]) -> None:
    assert on(everything, EventKind.range_start, "13.1") == [dt.date(2015, 6, 1)]
    assert on(everything, EventKind.deadline, "13.1") == [dt.date(2016, 12, 31)]


def test_update_cadences(everything: list[Event]) -> None:
    quarter_ends = [(3, 31), (6, 30), (9, 30), (12, 31)]
    # 8.1: December 2015, then quarterly updates to the end of 2017
    assert on(everything, EventKind.update, "8.1") == [
        dt.date(y, m, d) for y in (2016, 2017) for m, d in quarter_ends
    ]
    # 10.1: December 2015, then once every half-year
    assert on(everything, EventKind.update, "10.1") == [
        dt.date(y, m, d) for y in (2016, 2017) for m, d in [(6, 30), (12, 31)]
    ]
    # 27.5: June 2015, then half-yearly from the second half of 2015
    assert on(everything, EventKind.update, "27.5")[0] == dt.date(2015, 12, 31)
    # 33.1: "then progress reports" has no stated rhythm: no dated updates
    assert on(everything, EventKind.update, "33.1") == []
    # continuous measures have no deadline event
    assert on(everything, EventKind.deadline, "22.1") == []


# -------------------------------------------------------------- working days


def test_working_days_shift_a_holiday_and_a_weekend(dataset: Dataset) -> None:
    calendar = kyrgyz_working_days(dt.date(2016, 1, 1), dt.date(2017, 12, 31))
    victory_day = Event(dt.date(2016, 5, 9), EventKind.deadline, "x", "x")  # a Monday
    sunday = Event(dt.date(2017, 1, 15), EventKind.agency_report, "x", "x")
    weekday = Event(dt.date(2016, 1, 15), EventKind.agency_report, "x", "x")
    holiday, weekend, ordinary = shift_to_working_days([victory_day, sunday, weekday], calendar)
    assert (holiday.working_date, holiday.day_off) == (dt.date(2016, 5, 10), "Victory Day")
    assert (weekend.working_date, weekend.day_off) == (dt.date(2017, 1, 16), "Sunday")
    assert (ordinary.working_date, ordinary.day_off) == (None, None)
    # a government day swap: 3 May 2016 was a day off in exchange for Saturday 30 April
    assert calendar.day_off(dt.date(2016, 5, 3)) is not None
    assert calendar.day_off(dt.date(2016, 4, 30)) is None


def test_working_days_on_the_command_line(cli: Cli) -> None:
    args = ["calendar", "--from", "2017-01-01", "--to", "2017-01-31", "--kind", "agency-report"]
    plain = json.loads(cli(*args, "-f", "json").stdout)["events"]
    shifted = json.loads(cli(*args, "--working-days", "-f", "json").stdout)["events"]
    assert [e["date"] for e in plain] == ["2017-01-15"] and plain[0]["working_date"] is None
    assert (shifted[0]["date"], shifted[0]["working_date"], shifted[0]["day_off"]) == (
        "2017-01-15",
        "2017-01-16",
        "Sunday",
    )
    table = cli(*args, "--working-days").stdout
    assert "2017-01-16 Monday (moved from 2017-01-15, Sunday)\n" in table


# ---------------------------------------------------------------- calendar CLI


def test_calendar_2016_has_every_report_deadline_and_update(cli: Cli, dataset: Dataset) -> None:
    records = json.loads(cli("calendar", "--year", "2016", "-f", "json").stdout)["events"]
    by_kind: dict[str, list[str]] = {}
    for record in records:
        by_kind.setdefault(record["kind"], []).append(record["date"])
    assert by_kind["agency-report"] == ["2016-01-15", "2016-04-15", "2016-07-15", "2016-10-15"]
    assert by_kind["office-report"] == ["2016-01-25", "2016-04-25", "2016-07-25", "2016-10-25"]
    due_2016 = {
        (o.key, o.due.isoformat())
        for o in obligations(dataset.plan)
        if o.due and o.due.year == 2016
    }
    shown = {
        (r["measure"] + (f"@{r['occurrence']}" if r["occurrence"] else ""), r["date"])
        for r in records
        if r["kind"] == "deadline"
    }
    assert shown == due_2016
    assert len(by_kind["update"]) > 0


def test_calendar_table_shows_grids_and_legend(cli: Cli) -> None:
    outcome = cli("calendar", "--year", "2016")
    assert outcome.code == 0
    assert "January" in outcome.stdout and "December" in outcome.stdout
    assert "15R" in outcome.stdout and "25O" in outcome.stdout and "31DU" in outcome.stdout
    assert "Legend: R = agencies' quarterly report due" in outcome.stdout


def test_calendar_for_an_agency(cli: Cli) -> None:
    mine = json.loads(cli("calendar", "--year", "2016", "--agency", "ЮМ", "-f", "json").stdout)[
        "events"
    ]
    kinds = {r["kind"] for r in mine}
    assert "agency-report" in kinds and "office-report" not in kinds
    assert {r["measure"] for r in mine if r["kind"] == "deadline"} >= {"4.1", "4.2", "13.1"}
    office = json.loads(
        cli("calendar", "--year", "2016", "--agency", "Өкмөттүн Аппараты", "-f", "json").stdout
    )["events"]
    assert "office-report" in {r["kind"] for r in office}
    assert "agency-report" not in {r["kind"] for r in office}  # it receives those reports


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["--year", "2016", "--from", "2016-01-01"], 2),
        (["--from", "2017-01-01", "--to", "2016-01-01"], 2),
        (["--kind", "holiday"], 2),
        (["--format", "xml"], 2),
        (["--agency", "ЮМM"], 2),
    ],
)
def test_calendar_bad_usage(cli: Cli, args: list[str], code: int) -> None:
    outcome = cli("calendar", *args)
    assert outcome.code == code
    assert outcome.stdout == ""


# ----------------------------------------------------------------------- ics


def test_ics_parses_back_with_stable_uids(cli: Cli) -> None:
    command = [sys.executable, "-m", "plancli", "calendar", "--year", "2016", "-f", "ics"]
    raw = subprocess.run(command, capture_output=True, check=True).stdout
    assert raw.startswith(b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")  # RFC 5545 line ends
    assert b"\n" not in raw.replace(b"\r\n", b"")
    first = raw.decode("utf-8")
    second = subprocess.run(command, capture_output=True, check=True).stdout.decode("utf-8")
    assert first == second
    records = json.loads(cli("calendar", "--year", "2016", "-f", "json").stdout)["events"]
    parsed = Calendar.from_ical(first)
    vevents = list(parsed.walk("VEVENT"))
    assert len(vevents) == len(records)
    uids = [str(e["UID"]) for e in vevents]
    assert len(set(uids)) == len(uids)
    assert uids == [r["uid"] for r in records]
    first_event = vevents[0]
    assert first_event.decoded("DTSTART") == dt.date(2016, 1, 15)  # all-day: a date, not a datetime
    assert first_event.decoded("DTEND") == dt.date(2016, 1, 16)
    deadline = next(e for e in vevents if str(e["UID"]).startswith("deadline-4.1"))
    assert "Ченемдик укуктук базага" in str(deadline["DESCRIPTION"])  # Kyrgyz intact
    assert "ЮМ" in str(deadline["DESCRIPTION"])


def test_ics_uses_the_working_day_when_asked(cli: Cli) -> None:
    text = cli(
        "calendar",
        "--from",
        "2017-01-01",
        "--to",
        "2017-01-31",
        "-k",
        "agency-report",
        "--working-days",
        "-f",
        "ics",
    ).stdout
    (event,) = Calendar.from_ical(text).walk("VEVENT")
    assert event.decoded("DTSTART") == dt.date(2017, 1, 16)
    assert "2017-01-15 is a day off (Sunday)" in str(event["DESCRIPTION"])


# ------------------------------------------------------------------ checklist


def test_checklist_for_a_lead_agency(cli: Cli, dataset: Dataset) -> None:
    document = json.loads(
        cli("checklist", "--agency", "ЮМ", "--quarter", "2016Q4", "-f", "json").stdout
    )
    assert document["reports"] == [
        {"kind": "agency-report", "date": "2017-01-15", "recipient": "Өкмөттүн Аппараты"}
    ]
    items = {i["id"]: i for i in document["items"]}
    assert items["4.2"]["role"] == "lead" and items["4.2"]["standing"] == "due_today"
    assert items["1.1"]["standing"] == "overdue"
    assert items["22.1"]["standing"] == "continuous"
    assert items["9.1"]["updates_due"] == ["2016-12-31"]
    assert "1.2@2017" not in items  # a later year's occurrence
    from plancli.agencies import Roles

    roles = Roles(dataset.glossary)
    entry = dataset.glossary.resolve("ЮМ")
    responsible = {m.id for m in dataset.plan.measures if roles.involvement(entry, m)}
    assert {i["measure"] for i in document["items"]} == responsible
    fill = ("state", "date", "evidence", "note")
    assert all(i[key] == "" for i in document["items"] for key in fill)
    # the sub-items of 1.1 (its text ends with ":") travel with it
    assert items["1.1"]["text"].endswith(":") and len(items["1.1"]["items"]) == 2
    assert items["1.1"]["items"] == list(dataset.plan.measure("1.1").items)


def test_checklist_for_a_group_member(cli: Cli) -> None:
    """БКМК is named nowhere; it reports through "укук коргоо органдары" and as a state body."""
    document = json.loads(
        cli("checklist", "--agency", "БКМК", "--quarter", "2016Q1", "-f", "json").stdout
    )
    items = {i["id"]: i for i in document["items"]}
    assert items["7.1"]["role"] == "via group" and items["7.1"]["group"] == "укук коргоо органдары"
    assert items["15.1"]["group"] == "мамлекеттик органдар"
    assert {i["role"] for i in items.values()} == {"via group"}
    assert document["reports"][0]["date"] == "2016-04-15"


def test_checklist_leaves_out_what_was_done_before_the_quarter(cli: Cli) -> None:
    args = ["checklist", "--agency", "ЮМ", "--status", EXAMPLE_STATUS, "-f", "json"]
    q1 = {i["id"]: i for i in json.loads(cli(*args, "--quarter", "2016Q1").stdout)["items"]}
    q2 = {i["id"]: i for i in json.loads(cli(*args, "--quarter", "2016Q2").stdout)["items"]}
    assert q1["1.1"]["standing"] == "done_late"  # done in February 2016: reported in Q1
    assert "1.1" not in q2  # and not again


def test_checklist_markdown_and_csv(cli: Cli) -> None:
    markdown = cli("checklist", "--agency", "ЮМ", "--quarter", "2016Q4").stdout
    assert markdown.startswith("# plancli checklist: ЮМ, 2016Q4\n")
    assert "Report due: 2017-01-15 (agency-report to Өкмөттүн Аппараты)" in markdown
    assert (
        "| id | text | role | deadline | due | standing | last_status | state | date | evidence "
        "| note |" in markdown
    )
    assert "| 4.2 | кызмат адамдарынын" in markdown
    # sub-items follow their measure's text in the same cell
    assert "киргизүү:<br>- саясий партиялардын алардын кирешелери" in markdown
    rows = list(
        csv.DictReader(
            io.StringIO(cli("checklist", "-a", "ЮМ", "-q", "2016Q4", "-f", "csv").stdout)
        )
    )
    assert rows[0]["state"] == rows[0]["date"] == rows[0]["evidence"] == rows[0]["note"] == ""
    assert rows[0]["standing"] in {"overdue", "due_today"}
    assert rows[0]["agency"] == "ЮМ" and rows[0]["quarter"] == "2016Q4"
    first = next(r for r in rows if r["id"] == "1.1")
    assert first["items"].startswith("саясий партиялардын алардын")


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["--agency", "ЮМ", "--quarter", "2016Q5"], 2, "expected YYYYQN"),
        (["--agency", "ЮМ", "--quarter", "Q4-2016"], 2, "expected YYYYQN"),
        (["--agency", "ЮМ"], 2, "--quarter"),
        (["--agency", "ЮМM", "--quarter", "2016Q4"], 2, "did you mean"),
        (["--agency", "ЮМ", "--quarter", "2016Q4", "-f", "table"], 2, "table"),
    ],
)
def test_checklist_bad_input(cli: Cli, args: list[str], code: int, message: str) -> None:
    outcome = cli("checklist", *args)
    assert outcome.code == code
    assert message in outcome.stderr
