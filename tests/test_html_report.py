"""The shareable HTML report: its data, its SVG charts, its escaping, and the page in Chromium."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest

from plancli.agencies import Roles
from plancli.overview import EDITION_DATE, plan_overview
from plancli.render import svgcharts
from plancli.render.html import render
from plancli.tracking import Standing

AS_OF = dt.date(2016, 12, 31)


@pytest.fixture(scope="module")
def overview(dataset):  # type: ignore[no-untyped-def]
    return plan_overview(dataset.plan, Roles(dataset.glossary), as_of=AS_OF)


# ----------------------------------------------------------------- the data


def test_summary_counts_are_the_overdue_commands_counts(cli, overview) -> None:  # type: ignore[no-untyped-def]
    shown = json.loads(cli("overdue", "--as-of", str(AS_OF), "--format", "json").stdout)
    assert {s.value: n for s, n in overview.counts.items()} == shown["counts"]


def test_every_measure_has_one_row_in_plan_order(dataset, overview) -> None:  # type: ignore[no-untyped-def]
    ids = [row.id for section in overview.measures for row in section.rows]
    assert ids == [m.id for m in dataset.plan.measures]
    assert overview.measure_count == len(dataset.plan.measures)


def test_overdue_over_time_matches_the_overdue_command_at_a_month_end(cli, overview) -> None:  # type: ignore[no-untyped-def]
    months = {p.day: p.overdue for p in overview.overdue_by_month}
    assert min(months) == dt.date(2015, 4, 30) and max(months) == dt.date(2018, 1, 31)
    for day in (dt.date(2015, 12, 31), dt.date(2016, 6, 30), dt.date(2017, 12, 31)):
        shown = json.loads(cli("overdue", "--as-of", str(day), "--format", "json").stdout)
        assert months[day] == shown["counts"]["overdue"], day


def test_agency_loads_match_the_measures_command(cli, dataset, overview) -> None:  # type: ignore[no-untyped-def]
    load = next(a for a in overview.agencies if a.agency.term == "ЮМ")
    shown = json.loads(cli("measures", "--agency", "ЮМ", "--format", "json").stdout)
    roles = [r["role"] for record in shown for r in record["roles"]]
    assert (load.lead, load.co_executor, load.via_group) == (
        roles.count("lead"),
        roles.count("co-executor"),
        roles.count("via group"),
    )
    groups = [
        a.agency.term for a in overview.agencies if dataset.glossary.lookup(a.agency.term).is_group
    ]
    assert groups == []  # groups are not bodies: their members carry the via-group counts


def test_status_reports_change_the_standings(dataset, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from plancli.loading import load_status

    status = tmp_path / "status.yaml"
    status.write_text(
        'entries:\n  - {id: "1.1", date: 2016-02-10, state: done, evidence: "№ 1"}\n',
        encoding="utf-8",
    )
    log = load_status(status, dataset)
    before = plan_overview(dataset.plan, Roles(dataset.glossary), as_of=AS_OF)
    after = plan_overview(dataset.plan, Roles(dataset.glossary), as_of=AS_OF, status=log)
    assert after.counts[Standing.done_late] == before.counts[Standing.done_late] + 1
    assert after.counts[Standing.overdue] == before.counts[Standing.overdue] - 1
    row = after.measures[0].rows[0]
    assert row.id == "1.1" and row.standing is Standing.done_late
    assert row.latest is not None and row.latest.evidence == "№ 1"


def test_the_edition_caveat_applies_before_the_amendment_only(dataset) -> None:  # type: ignore[no-untyped-def]
    roles = Roles(dataset.glossary)
    early = plan_overview(dataset.plan, roles, as_of=EDITION_DATE - dt.timedelta(days=1))
    late = plan_overview(dataset.plan, roles, as_of=EDITION_DATE)
    assert early.caveats and not late.caveats
    assert early.caveats[0] in render(early, generator="t")


# --------------------------------------------------------------- the charts


def test_stacked_bars_scale_and_escape() -> None:
    series = [svgcharts.Series("a", "A<"), svgcharts.Series("b", "B")]
    svg = svgcharts.stacked_bars(
        [svgcharts.Bar("<x>", '"hint"', (3, 1)), svgcharts.Bar("y", None, (0, 2))],
        series,
        title="T & t",
        desc="d",
        cls="c",
        width=400,
        label_width=100,
    )
    assert "<x>" not in svg and "&lt;x&gt;" in svg and "&amp;" in svg and "A&lt;" in svg
    widths = [
        float(w)
        for w in re.findall(r'<rect class="s-[ab]" x="[\d.]+" y="\d+" width="([\d.]+)"', svg)
    ]
    # 3 + 1 fill the plot (the largest total); 2 is half of it
    assert widths[0] + widths[1] == pytest.approx(400 - 100 - 40)
    assert widths[2] == pytest.approx((400 - 100 - 40) / 2)
    assert 'role="img"' in svg and "<title" in svg and "<desc" in svg


def test_stacked_bars_need_a_value_per_series() -> None:
    with pytest.raises(ValueError, match="one value per series"):
        svgcharts.stacked_bars(
            [svgcharts.Bar("x", None, (1,))],
            [svgcharts.Series("a", "A"), svgcharts.Series("b", "B")],
            title="t",
            desc="d",
            cls="c",
        )


def test_timeline_marks_the_as_of_day_only_in_range() -> None:
    spans = [svgcharts.Span("1.1", "h", "st-overdue", dt.date(2015, 11, 1), dt.date(2015, 11, 30))]
    inside = svgcharts.timeline(
        spans,
        first=dt.date(2015, 1, 1),
        last=dt.date(2018, 12, 31),
        as_of=AS_OF,
        title="t",
        desc="d",
        cls="c",
    )
    outside = svgcharts.timeline(
        spans,
        first=dt.date(2015, 1, 1),
        last=dt.date(2018, 12, 31),
        as_of=dt.date(2020, 1, 1),
        title="t",
        desc="d",
        cls="c",
    )
    assert 'class="as-of"' in inside and "2016-12-31" in inside
    assert 'class="as-of"' not in outside
    # November 2015 is the 11th of 48 month columns: the bar starts there, one column wide
    x, width = map(
        float, re.search(r'<rect x="([\d.]+)" y="\d+" width="([\d.]+)"', inside).groups()
    )
    column = (720 - 44) / 48
    assert x == pytest.approx(44 + 10 * column, abs=0.1)
    assert width == pytest.approx(column, abs=0.1)


def test_columns_highlight_the_as_of_month() -> None:
    points = [(dt.date(2016, m, 28), m) for m in range(1, 13)]
    svg = svgcharts.columns(points, highlight=dt.date(2016, 5, 3), title="t", desc="d", cls="c")
    highlighted = re.findall(r'class="column as-of"[^>]*><title>([^<]+)</title>', svg)
    assert highlighted == ["2016-05: 5"]


# ----------------------------------------------------------- escaping


HOSTILE = ['<script>alert("x")</script>', '"><img src=x onerror=alert(1)>']


def _hostile_plan(plan_copy: Path) -> Path:
    text = plan_copy.read_text(encoding="utf-8")
    # the measure text of 1.4 and an item of 1.1 become hostile (valid YAML strings)
    first = text.index('- id: "1.4"')
    start = text.index("text:", first)
    end = text.index("\n            deadline:", start)
    text = text[:start] + "text: " + json.dumps(HOSTILE[0] + " " + HOSTILE[1]) + text[end:]
    plan_copy.write_text(text, encoding="utf-8")
    return plan_copy


def test_plan_text_comes_out_inert(dataset, plan_copy: Path) -> None:  # type: ignore[no-untyped-def]
    from plancli.loading import load_dataset

    data = load_dataset(_hostile_plan(plan_copy), plan_copy.parent / "glossary.yaml")
    html = render(plan_overview(data.plan, Roles(data.glossary), as_of=AS_OF), generator="t")
    assert HOSTILE[0] not in html and "<img" not in html
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in html
    assert html.count("<script>") == 1  # ours
