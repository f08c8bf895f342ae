"""Month grids side by side, one month, and compact event rows at 80/120/200 columns.

Each layout is checked twice: as piped plain text (the CLI with ``COLUMNS``) and
as a coloured terminal would get it (a rich Console of fixed width), which must
be the same characters once the escape codes are stripped.
"""

from __future__ import annotations

import calendar
import datetime as dt
import io
import json
import re

import pytest
from rich.console import Console

from conftest import ROOT, Cli
from plancli.loading import Dataset
from plancli.queries.calendar import calendar_events
from plancli.render import monthgrid
from plancli.render.eventrows import EventRow
from plancli.render.eventrows import layout as row_layout
from plancli.render.monthgrid import CalendarGrid, layout, months_across
from plancli.render.richtable import print_listing
from plancli.render.styled import shorten, text_of
from plancli.views import calendar_grid, calendar_listing

WIDTHS = [80, 120, 200]
ANSI = re.compile(r"\x1b\[[0-9;]*m")
DAY = re.compile(r"^(\d{1,2})([RODSU]*)$")
AS_OF = dt.date(2016, 12, 1)


def plain(cli: Cli, width: int, *args: str) -> str:
    outcome = cli("calendar", *args, env={"COLUMNS": str(width)})
    assert outcome.code == 0, outcome.stderr
    return outcome.stdout


def coloured(dataset: Dataset, width: int, **query: object) -> str:
    as_of = query.pop("as_of", None)
    view = calendar_events(dataset, **query)  # type: ignore[arg-type]
    out = io.StringIO()
    console = Console(
        file=out,
        width=width,
        height=50,  # without a height rich assumes 80x25 under TERM=dumb
        force_terminal=True,
        color_system="standard",
        highlight=False,
        markup=False,
        emoji=False,
    )
    print_listing(console, calendar_listing(view, as_of=as_of))  # type: ignore[arg-type]
    return out.getvalue()


def grid_part(text: str) -> list[str]:
    """The lines of the grids and their legend (up to the event list's title)."""
    lines = text.splitlines()
    end = next(i for i, line in enumerate(lines) if line.startswith("Decree No. 170 plan"))
    return lines[:end]


def day_tokens(grid_lines: list[str]) -> list[tuple[int, str]]:
    """Every day cell of the grids, as (day, markers)."""
    tokens = []
    for line in grid_lines:
        if line.startswith("Legend"):
            break
        for word in line.split():
            match = DAY.match(word)
            if match:
                tokens.append((int(match[1]), match[2]))
    return tokens


# ---------------------------------------------------------------- year grids


@pytest.mark.parametrize("width", WIDTHS)
def test_year_grids_fit_the_width_and_keep_every_day_whole(
    cli: Cli, dataset: Dataset, width: int
) -> None:
    text = plain(cli, width, "--year", "2016", "--as-of", "2016-12-01")
    assert max(len(line) for line in text.splitlines()) <= width
    cells = day_tokens(grid_part(text)[2:])  # after the year's heading
    assert len(cells) == 366  # every day of 2016, none split or lost
    marks = calendar_grid(calendar_events(dataset, year=2016).events, AS_OF, AS_OF).marks
    assert sorted((d, m) for d, m in cells if m) == sorted((d.day, m) for d, m in marks.items())
    assert {"15R", "25O", "31DU", "30U", "31D"} <= {f"{d}{m}" for d, m in cells}


@pytest.mark.parametrize(("width", "across"), [(80, 2), (120, 3), (200, 4)])
def test_as_many_months_side_by_side_as_the_width_allows(cli: Cli, width: int, across: int) -> None:
    lines = plain(cli, width, "--year", "2016").splitlines()
    names = list(calendar.month_name)[1:]
    rows = [[n for n in names if re.search(rf"\b{n}\b", line)] for line in lines]
    rows = [r for r in rows if r]
    assert [len(r) for r in rows] == [across] * (12 // across)
    assert [n for r in rows for n in r] == names  # in order, row by row
    assert lines[0].strip() == "2016"  # one year: its number once, as cal -y does


def test_the_readme_shows_real_output(cli: Cli) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    intro = "At 80 columns `plancli calendar --year 2016` lays the year out"
    assert intro in readme
    block = readme.split(intro, 1)[1].split("```text\n", 1)[1].split("```", 1)[0]
    real = plain(cli, 80, "--year", "2016").splitlines(keepends=True)
    assert len(block.splitlines()) >= 10
    assert block == "".join(real[: len(block.splitlines())])


def test_at_80_columns_a_year_of_grids_takes_at_most_60_lines(cli: Cli) -> None:
    grids = grid_part(plain(cli, 80, "--year", "2016"))
    while not grids[-1]:
        grids.pop()
    assert grids[-1].startswith(("Legend", " "))
    assert 40 <= len(grids) <= 60  # 12 stacked months took 96


@pytest.mark.parametrize("width", WIDTHS)
def test_colour_changes_nothing_but_colour(cli: Cli, dataset: Dataset, width: int) -> None:
    raw = coloured(dataset, width, year=2016, as_of=AS_OF)
    assert "\x1b[" in raw  # the control: colour is really there
    assert ANSI.sub("", raw) == plain(cli, width, "--year", "2016", "--as-of", "2016-12-01")


def test_marked_days_are_coloured_by_kind_and_the_as_of_day_highlighted(
    dataset: Dataset,
) -> None:
    raw = coloured(dataset, 80, year=2016, as_of=AS_OF)
    assert "\x1b[36mR\x1b[0m" in raw  # R cyan, in the grid and the legend
    assert "\x1b[35mO\x1b[0m" in raw  # O magenta
    assert "\x1b[1;31mD\x1b[0m\x1b[33mU\x1b[0m" in raw  # 31DU: D red, U yellow
    assert "\x1b[1;7m1\x1b[0m" in raw  # 1 December: reverse video
    assert "as of \x1b[1;7m2016-12-01\x1b[0m" in raw  # explained in the legend
    outside = coloured(dataset, 80, year=2016, as_of=dt.date(2017, 3, 1))
    assert "\x1b[1;7m" not in outside and "as of" not in ANSI.sub("", outside)


def test_grid_layout_is_a_pure_function_of_marks_and_width() -> None:
    grid = CalendarGrid(
        dt.date(2016, 12, 1),
        dt.date(2017, 1, 31),
        {dt.date(2016, 12, 31): "DSU", dt.date(2017, 1, 15): "R"},
        {"D": "deadline", "S": "start", "U": "update", "R": "report"},
        as_of=dt.date(2017, 1, 15),
    )
    lines = layout(grid, width=90)
    assert monthgrid.cell_width(grid) == 5  # "31DSU": every cell as wide as the widest
    assert [text_of(line) for line in lines] == [
        "              December 2016                                January 2017",
        "   Mo    Tu    We    Th    Fr    Sa    Su      Mo    Tu    We    Th    Fr    Sa    Su",
        "                      1     2     3     4                                           1",
        "    5     6     7     8     9    10    11       2     3     4     5     6     7     8",
        "   12    13    14    15    16    17    18       9    10    11    12    13    14   15R",
        "   19    20    21    22    23    24    25      16    17    18    19    20    21    22",
        "   26    27    28    29    30 31DSU            23    24    25    26    27    28    29",
        "                                               30    31",
        "",
        "Legend: D = deadline  S = start  U = update  R = report  as of 2017-01-15",
    ]
    assert text_of(layout(grid, width=84)[0]).strip() == "December 2016"  # two need 85
    grid_lines = lines[:-2]  # not the legend
    styled = [(s.text, s.style.split()) for line in grid_lines for s in line if s.style.strip()]
    # each marker in its kind's colour, the number in the first kind's; the as-of day reversed
    assert ("31", ["D", "day"]) in styled and ("S", ["S"]) in styled and ("U", ["U"]) in styled
    assert ("15", ["R", "day", "as-of"]) in styled and ("R", ["R", "as-of"]) in styled
    assert ("14", []) not in styled and not any(t == "14" for t, _ in styled)
    assert layout(grid, width=90) == lines  # no hidden state


@pytest.mark.parametrize(
    ("count", "width", "across"),
    [(12, 80, 2), (12, 120, 3), (12, 200, 4), (12, 30, 1), (37, 200, 5), (1, 200, 1), (2, 200, 2)],
)
def test_months_are_spread_evenly(count: int, width: int, across: int) -> None:
    assert months_across(count, 7 * 4 + 6, width) == across


def test_a_range_over_two_years_names_each_month_with_its_year(cli: Cli) -> None:
    text = plain(cli, 120, "--from", "2016-11-15", "--to", "2017-01-20")
    assert "November 2016" in text and "January 2017" in text
    assert day_tokens(grid_part(text))[:1] == [(1, "")]  # days outside the range still shown


# ----------------------------------------------------------------- --month


def test_one_month_with_its_events_grouped_by_day(cli: Cli) -> None:
    text = plain(cli, 80, "--month", "2016-12")
    lines = text.splitlines()
    assert lines[0].strip() == "December 2016"
    assert not any(re.search(r"\b(November|January)\b", line) for line in lines)
    records = json.loads(cli("calendar", "--month", "2016-12", "-f", "json").stdout)["events"]
    assert records and {r["date"][:7] for r in records} == {"2016-12"}
    assert "2016-12-31 Saturday" in lines
    heading = lines.index("2016-12-31 Saturday")
    rows = lines[heading + 1 : heading + 1 + len(records)]
    assert all(line.startswith("  ") for line in rows)  # one line per event under its day
    assert {line.split()[1].split("@")[0] for line in rows} == {r["measure"] for r in records}
    assert f"{len(records)} events." in lines


def test_a_bare_month_is_the_as_of_month(cli: Cli) -> None:
    bare = cli("calendar", "--month", "--as-of", "2016-12-07", env={"COLUMNS": "80"}).stdout
    named = cli("calendar", "--month", "2016-12", "--as-of", "2016-12-07", env={"COLUMNS": "80"})
    assert bare == named.stdout and "as of 2016-12-07" in bare
    last = cli("calendar", "--as-of", "2016-12-07", "--month", env={"COLUMNS": "80"}).stdout
    assert last == bare  # also as the last word
    short = cli("calendar", "-m", "--as-of", "2016-12-07", env={"COLUMNS": "80"}).stdout
    assert short == bare


@pytest.mark.parametrize("fmt", ["json", "ics"])
def test_month_in_every_format(cli: Cli, fmt: str) -> None:
    outcome = cli("calendar", "--month", "2016-12", "-f", fmt)
    assert outcome.code == 0 and "2016-12-31" in outcome.stdout.replace("20161231", "2016-12-31")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--month", "2016-13"], "not a month"),
        (["--month", "December"], "not a month"),
        (["--month", "2016-12", "--year", "2016"], "one of --year, --month"),
        (["--month", "--from", "2016-01-01"], "one of --year, --month"),
    ],
)
def test_bad_months(cli: Cli, args: list[str], message: str) -> None:
    outcome = cli("calendar", *args)
    assert (outcome.code, outcome.stdout) == (2, "")
    assert message in outcome.stderr


# ------------------------------------------------------------ event rows


@pytest.mark.parametrize("width", WIDTHS)
def test_every_event_is_one_line_that_fits(cli: Cli, width: int) -> None:
    text = plain(cli, width, "--year", "2016")
    records = json.loads(cli("calendar", "--year", "2016", "-f", "json").stdout)["events"]
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("Decree No. 170 plan"))
    rows = [line for line in lines[start:] if re.match(r"^  [RODSU]  ", line)]
    assert len(rows) == len(records)
    assert all(len(line) <= width for line in lines)
    assert [row.split()[1] for row in rows] == [
        (r["measure"] + (f"@{r['occurrence']}" if r["occurrence"] else ""))
        if r["measure"]
        else r["period"]
        for r in records
    ]


def test_rows_give_way_to_the_text_as_the_width_grows() -> None:
    text = "Ченемдик укуктук базага жана аны колдонууда келип чыккан практикага зыяндын ордун"
    row = EventRow(dt.date(2016, 12, 31), "D", "4.1", "Стратегиялык изилдөө институту", text)
    narrow, wide = (row_layout([row], width=w) for w in (60, 200))
    assert text_of(narrow[0]) == "2016-12-31 Saturday"
    assert text_of(narrow[1]) == "  D  4.1  Стратегиялык…  Ченемдик укуктук базага жана аны…"
    assert len(text_of(narrow[1])) <= 60
    assert text_of(wide[1]).endswith(text)  # nothing cut when it fits


def test_a_moved_date_is_said_once_in_its_own_heading() -> None:
    day = dt.date(2017, 1, 16)
    rows = [
        EventRow(day, "D", "1.1", "ЮМ", "бир"),
        EventRow(day, "R", "2016Q4", "", "эки", day_note="(moved from 2017-01-15, Sunday)"),
        EventRow(day, "U", "9.1", "ЮМ", "үч", day_note="(moved from 2017-01-15, Sunday)"),
    ]
    assert [text_of(line) for line in row_layout(rows, width=80)] == [
        "2017-01-16 Monday",
        "  D  1.1     ЮМ  бир",
        "2017-01-16 Monday (moved from 2017-01-15, Sunday)",
        "  R  2016Q4      эки",
        "  U  9.1     ЮМ  үч",
    ]


@pytest.mark.parametrize(
    ("text", "limit", "expected"),
    [
        ("бир эки үч", 20, "бир эки үч"),
        ("бир эки үч төрт", 10, "бир эки…"),
        ("бир  эки\nүч", 20, "бир эки үч"),
        ("узунсөзбөлүнбөйт", 8, "узунсөз…"),  # no space in reach: cut inside the word
        ("бир эки, үч", 9, "бир эки…"),  # no dangling comma before "…"
    ],
)
def test_shorten_cuts_at_a_word(text: str, limit: int, expected: str) -> None:
    assert shorten(text, limit) == expected
    assert len(shorten(text, limit)) <= limit
