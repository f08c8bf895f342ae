"""`plancli agenda`: what falls due, day by day from the as-of day, in every format."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from pathlib import Path

import pytest
from icalendar import Calendar
from rich.console import Console

from conftest import Cli
from plancli.agencies import Roles
from plancli.agenda import DEFAULT_DAYS, agenda_items
from plancli.loading import Dataset, load_status
from plancli.render.richtable import print_listing
from plancli.status import State, StatusEntry, StatusLog
from plancli.tracking import obligations
from plancli.views import agenda_listing

YUM = ["--as-of", "2016-12-01", "--days", "60", "--agency", "ЮМ"]
ROW = re.compile(r"^  [RODSU]  ")
ANSI = re.compile(r"\x1b\[[0-9;]*m")


def document(cli: Cli, *args: str) -> dict[str, object]:
    outcome = cli("agenda", *args, "-f", "json")
    assert outcome.code == 0, outcome.stderr
    result: dict[str, object] = json.loads(outcome.stdout)
    return result


def items(cli: Cli, *args: str) -> list[dict[str, object]]:
    found = document(cli, *args)["items"]
    assert isinstance(found, list)
    return found


def test_what_yum_must_deliver_in_the_next_60_days(cli: Cli, dataset: Dataset) -> None:
    result = document(cli, *YUM)
    assert (result["from"], result["to"], result["agencies"]) == (
        "2016-12-01",
        "2017-01-29",
        ["ЮМ"],
    )
    found = result["items"]
    assert isinstance(found, list)
    # every deadline of a measure ЮМ answers for (lead, co-executor or group) in the window
    roles, yum = Roles(dataset.glossary), dataset.glossary.resolve("ЮМ")
    window = (dt.date(2016, 12, 1), dt.date(2017, 1, 29))
    expected = {
        o.key
        for o in obligations(dataset.plan)
        if o.due and window[0] <= o.due <= window[1] and roles.involvement(yum, o.measure)
    }
    shown = {
        str(i["measure"]) + (f"@{i['occurrence']}" if i["occurrence"] else "")
        for i in found
        if i["kind"] == "deadline"
    }
    assert shown == expected and "4.2" in shown
    reports = [(i["kind"], i["date"]) for i in found if i["measure"] is None]
    assert reports == [("agency-report", "2017-01-15")]  # ЮМ reports by the 15th, not the 25th
    assert all(
        i["days_left"] == (dt.date.fromisoformat(str(i["date"])) - window[0]).days for i in found
    )
    dates = [i["date"] for i in found]
    assert dates == sorted(dates)
    four_two = next(i for i in found if i["measure"] == "4.2")
    assert (four_two["date"], four_two["days_left"], four_two["state"]) == (
        "2016-12-31",
        30,
        "not_yet_due",
    )
    assert isinstance(result["overdue_before"], int) and result["overdue_before"] > 0
    assert result["next_due"] == "2017-03-31"


@pytest.mark.parametrize("width", [80, 120, 200])
def test_one_line_per_item_grouped_by_day_at_any_width(cli: Cli, width: int) -> None:
    outcome = cli("agenda", *YUM, env={"COLUMNS": str(width)})
    lines = outcome.stdout.splitlines()
    assert outcome.code == 0 and all(len(line) <= width for line in lines)
    assert lines[0] == "Agenda for ЮМ: 2016-12-01 to 2017-01-29 (60 days)"
    rows = [line for line in lines if ROW.match(line)]
    found = items(cli, *YUM)
    assert len(rows) == len(found)
    assert [r.split()[1] for r in rows] == [i["measure"] or i["period"] for i in found]
    assert "2016-12-31 Saturday (in 30 days)" in lines
    assert "2017-01-15 Sunday (in 45 days)" in lines
    assert f"{len(found)} items." in lines


@pytest.mark.parametrize("width", [80, 120, 200])
@pytest.mark.parametrize("with_status", [False, True])
def test_colour_changes_nothing_but_colour(
    cli: Cli, dataset: Dataset, width: int, with_status: bool, status_file: Path
) -> None:
    out = io.StringIO()
    console = Console(
        file=out, width=width, height=50, force_terminal=True, color_system="standard"
    )
    log = load_status(status_file, dataset) if with_status else None
    result = agenda_items(dataset, as_of=dt.date(2016, 12, 1), days=60, agencies=["ЮМ"], status=log)
    print_listing(console, agenda_listing(result))
    assert "\x1b[" in out.getvalue()
    extra = ["--status", str(status_file)] if with_status else []
    plain = cli("agenda", *YUM, *extra, env={"COLUMNS": str(width)}).stdout
    assert ANSI.sub("", out.getvalue()) == plain
    if with_status:
        assert "\x1b[36min progress" in out.getvalue()  # states coloured by meaning


@pytest.fixture
def status_file(tmp_path: Path) -> Path:
    path = tmp_path / "status.yaml"
    path.write_text(
        "entries:\n"
        '  - {id: "4.2", date: 2016-11-01, state: in_progress}\n'
        '  - {id: "4.2", date: 2016-12-15, state: done}\n'  # after the as-of day: not known yet
        '  - {id: "9.1", date: 2016-01-10, state: done}\n',
        encoding="utf-8",
    )
    return path


def test_states_come_from_the_status_file_as_known_on_the_as_of_day(
    cli: Cli, status_file: Path
) -> None:
    found = {i["measure"]: i for i in items(cli, *YUM, "--status", str(status_file))}
    assert found["4.2"]["state"] == "in_progress"
    assert found["4.2"]["last_status"]["date"] == "2016-11-01"  # type: ignore[index]
    assert found["9.1"]["kind"] == "update" and found["9.1"]["state"] == "done_late"
    later = {
        i["measure"]: i
        for i in items(
            cli,
            *YUM[:-4],
            "--days",
            "60",
            "--as-of",
            "2016-12-20",
            "-a",
            "ЮМ",
            "--status",
            str(status_file),
        )
    }
    assert later["4.2"]["state"] == "done"
    table = cli("agenda", *YUM, "--status", str(status_file), env={"COLUMNS": "120"}).stdout
    four_two = next(line for line in table.splitlines() if line.startswith("  D  4.2 "))
    assert "in progress" in four_two
    assert "measure completed late" in table  # an update's state is its measure's
    assert "in progress" not in cli("agenda", *YUM, env={"COLUMNS": "120"}).stdout


def test_csv_and_ics(cli: Cli) -> None:
    found = items(cli, *YUM)
    rows = list(csv.DictReader(io.StringIO(cli("agenda", *YUM, "-f", "csv").stdout)))
    assert [(r["measure"] or r["period"]) for r in rows] == [
        i["measure"] or i["period"] for i in found
    ]
    assert set(rows[0]) <= set(found[0])  # csv headers are json keys
    assert rows[0]["days_left"] == str(found[0]["days_left"])
    assert [r["description"] for r in rows] == [i["description"] for i in found]  # not shortened
    assert max(len(r["description"]) for r in rows) > 100
    events = list(Calendar.from_ical(cli("agenda", *YUM, "-f", "ics").stdout).walk("VEVENT"))
    assert [str(e["UID"]) for e in events] == [i["uid"] for i in found]


def test_until_is_the_last_day_listed(cli: Cli) -> None:
    by_days = items(cli, *YUM)
    by_until = items(cli, "--as-of", "2016-12-01", "--until", "2017-01-29", "-a", "ЮМ")
    assert by_days == by_until
    default = document(cli, "--as-of", "2016-12-01")
    assert default["to"] == (dt.date(2016, 12, 1) + dt.timedelta(days=DEFAULT_DAYS - 1)).isoformat()


def test_the_as_of_day_itself_is_listed_as_today(cli: Cli) -> None:
    args = ["--as-of", "2016-12-31", "--days", "1", "-a", "ЮМ"]
    assert {i["state"] for i in items(cli, *args) if i["kind"] == "deadline"} == {"due_today"}
    assert "2016-12-31 Saturday (today)" in cli("agenda", *args).stdout.splitlines()


def test_the_shared_agency_filter_narrows_the_agenda(cli: Cli, dataset: Dataset) -> None:
    everything = items(cli, *YUM)
    led = items(cli, *YUM, "--lead")
    deadlines = {i["measure"] for i in led if i["kind"] in ("deadline", "update")}
    leads = {m.id for m in dataset.plan.measures if m.lead.name == "ЮМ"}
    assert deadlines and deadlines <= leads
    assert {i["uid"] for i in led} < {i["uid"] for i in everything}
    assert ("agency-report", "2017-01-15") in {(i["kind"], i["date"]) for i in led}


def test_several_agencies(cli: Cli) -> None:
    yum = {i["uid"] for i in items(cli, *YUM)}
    iim = {i["uid"] for i in items(cli, *YUM[:-2], "-a", "ИИМ")}
    both = [i["uid"] for i in items(cli, *YUM, "-a", "ИИМ")]
    assert set(both) == yum | iim and len(both) == len(set(both)) and iim - yum


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--as-of", "2016-11-01", "--days", "10", "-a", "ЮМ"],
            "The next item is due on 2016-12-31.",
        ),
        (["--as-of", "2019-01-01"], "The plan's last item fell due on 2018-01-25."),
    ],
)
def test_an_empty_window_says_when_something_is_due(
    cli: Cli, args: list[str], message: str
) -> None:
    outcome = cli("agenda", *args)
    assert outcome.code == 0 and message in " ".join(outcome.stdout.split())
    assert items(cli, *args) == []


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["--days", "0"], 2, "--days"),
        (["--days", "5", "--until", "2017-01-01"], 2, "not both"),
        (["--until", "2016-11-30"], 2, "before the as-of day"),
        (["--days", "ten"], 2, "--days"),
        (["--until", "2017-02-30"], 2, "not a date"),
        (["--agency", "ЮМM"], 2, "did you mean"),
        (["--format", "md"], 2, "--format"),
    ],
)
def test_bad_usage(cli: Cli, args: list[str], code: int, message: str) -> None:
    outcome = cli("agenda", "--as-of", "2016-12-01", *args)
    assert (outcome.code, outcome.stdout) == (code, "")
    assert message in outcome.stderr


def test_a_bad_status_file_is_named(cli: Cli, tmp_path: Path) -> None:
    bad = tmp_path / "status.yaml"
    bad.write_text('entries:\n  - {id: "99.1", date: 2016-01-01, state: done}\n', "utf-8")
    outcome = cli("agenda", *YUM, "--status", str(bad))
    assert outcome.code == 1 and "status.yaml" in outcome.stderr and outcome.stdout == ""


def test_the_query_takes_the_status_log_and_as_of_as_inputs(dataset: Dataset) -> None:
    log = StatusLog([StatusEntry("4.2", dt.date(2016, 12, 2), State.done)])
    before = agenda_items(dataset, as_of=dt.date(2016, 12, 1), days=31, agencies=["ЮМ"], status=log)
    after = agenda_items(dataset, as_of=dt.date(2016, 12, 3), days=31, agencies=["ЮМ"], status=log)
    state = {
        str(r.as_of): next(i for i in r.items if i.event.measure and i.event.measure.id == "4.2")
        for r in (before, after)
    }
    assert state["2016-12-01"].assessment.standing.value == "not_yet_due"  # type: ignore[union-attr]
    assert state["2016-12-03"].assessment.standing.value == "done"  # type: ignore[union-attr]
