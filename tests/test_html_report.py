"""The shareable HTML report: its data, its SVG charts, its escaping, and the page in Chromium."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest

from plancli.queries.shareable import shareable_overview
from plancli.render import svgcharts
from plancli.render.html import render
from plancli.tracking import Standing

AS_OF = dt.date(2016, 12, 31)


@pytest.fixture(scope="module")
def overview(dataset):  # type: ignore[no-untyped-def]
    return shareable_overview(dataset, as_of=AS_OF)


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


def test_the_agency_chart_says_it_counts_measures(overview) -> None:  # type: ignore[no-untyped-def]
    """It counts measures (as the note under it says), not obligations: the title agrees."""
    html = render(overview, generator="plancli test")
    assert "<h2>Measures by agency</h2>" in html
    assert "Obligations by agency" not in html


def test_status_reports_change_the_standings(dataset, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from plancli.loading import load_status

    status = tmp_path / "status.yaml"
    status.write_text(
        'entries:\n  - {id: "1.1", date: 2016-02-10, state: done, evidence: "№ 1"}\n',
        encoding="utf-8",
    )
    log = load_status(status, dataset)
    before = shareable_overview(dataset, as_of=AS_OF)
    after = shareable_overview(dataset, as_of=AS_OF, status=log)
    assert after.counts[Standing.done_late] == before.counts[Standing.done_late] + 1
    assert after.counts[Standing.overdue] == before.counts[Standing.overdue] - 1
    row = after.measures[0].rows[0]
    assert row.id == "1.1" and row.standing is Standing.done_late
    assert row.latest is not None and row.latest.evidence == "№ 1"


def test_the_edition_caveat_shows_before_the_amendment_only(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    amended = dt.date(2016, 11, 4)  # decree No. 570: the appendix is that edition
    early, late = tmp_path / "early.html", tmp_path / "late.html"
    day_before = str(amended - dt.timedelta(days=1))
    before = cli("report", "--as-of", day_before, "--format", "html", "-o", early)
    after = cli("report", "--as-of", str(amended), "--format", "html", "-o", late)
    assert before.code == after.code == 0
    note = before.stderr.removeprefix("plancli: note: ").strip()
    assert "No. 570" in note and "not available" in note
    assert "plancli: note:" not in after.stderr
    assert 'class="caveat"' in early.read_text(encoding="utf-8")
    assert 'class="caveat"' not in late.read_text(encoding="utf-8")


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
    html = render(shareable_overview(data, as_of=AS_OF), generator="t")
    assert HOSTILE[0] not in html and "<img" not in html
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in html
    assert html.count("<script>") == 1  # ours


# ----------------------------------------------------------- the command


def test_report_html_through_the_cli(cli, dataset, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "report.html"
    outcome = cli("report", "--as-of", "2016-12-31", "--format", "html", "-o", target)
    assert outcome.code == 0 and outcome.stdout == "", outcome.stderr
    html = target.read_text(encoding="utf-8")
    assert re.findall(r'<tr id="m-([0-9.]+)"', html) == [m.id for m in dataset.plan.measures]
    # self-contained: no URL but the SVG namespace, no external resource of any kind
    urls = set(re.findall(r"https?://[^\s\"'<>)]+", html))
    assert urls <= {"http://www.w3.org/2000/svg"}, urls
    assert not re.search(r"<(link|img|iframe|object|embed)\b", html)
    assert not re.search(r"\bsrc=", html)
    assert html.count("<svg") == 5  # four charts and the print patterns


def test_report_html_to_stdout_and_never_over_a_file(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    shown = cli("report", "--as-of", "2016-12-31", "--format", "html")
    assert shown.code == 0 and shown.stdout.startswith("<!DOCTYPE html>")
    target = tmp_path / "kept.html"
    target.write_text("mine", encoding="utf-8")
    refused = cli("report", "--as-of", "2016-12-31", "--format", "html", "-o", target)
    assert refused.code == 1 and "--force" in refused.stderr
    assert target.read_text(encoding="utf-8") == "mine"


def test_report_html_for_agencies_lists_their_measures(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "agencies.html"
    args = ("--agency", "ЮМ", "--agency", "ИИМ")
    outcome = cli("report", "--as-of", "2016-12-31", *args, "--format", "html", "-o", target)
    assert outcome.code == 0, outcome.stderr
    html = target.read_text(encoding="utf-8")
    listed = json.loads(cli("measures", *args, "--format", "json").stdout)
    assert re.findall(r'<tr id="m-([0-9.]+)"', html) == [r["id"] for r in listed]
    chart = re.search(r'<svg[^>]*class="chart agencies".*?</svg>', html, re.S)
    assert chart is not None
    assert re.findall(r'<text class="label"[^>]*>([^<]+)</text>', chart.group(0)) == ["ЮМ", "ИИМ"]


def test_report_with_a_quarter_includes_the_offices_report(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    status = (
        Path(__file__).resolve().parents[1] / "docs" / "examples" / "status-2016Q4-EXAMPLE.yaml"
    )
    common = ("report", "--quarter", "2016Q4", "--status", status)
    document = json.loads(cli(*common, "--format", "json").stdout)
    target = tmp_path / "q.html"
    assert cli(*common, "--format", "html", "-o", target).code == 0
    html = target.read_text(encoding="utf-8")
    assert (
        "Quarterly report: 2016Q4" in html and 'As of <strong><time datetime="2016-12-31"' in html
    )
    assert f"Not reported ({len(document['not_reported'])})" in html
    assert f"Newly overdue ({len(document['newly_overdue'])})" in html
    for item in document["conflicts"]:
        assert f"<td>{item['id']}</td>" in html


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--format", "md"), "give --quarter"),
        (("--format", "json"), "give --quarter"),
        (("--quarter", "2016Q4", "--as-of", "2016-12-31", "--format", "html"), "not both"),
        (("--quarter", "2016Q4", "--agency", "ЮМ", "--format", "md"), "html and xlsx"),
        (("--as-of", "2016-12-31", "--format", "pdf"), "pdf"),
        (("--as-of", "2016-12-31", "--agency", "НЕТ", "--format", "html"), "НЕТ"),
    ],
)
def test_report_usage_errors(cli, args: tuple[str, ...], message: str) -> None:  # type: ignore[no-untyped-def]
    outcome = cli("report", *args)
    assert outcome.code == 2 and message in outcome.stderr  # an unknown --agency included
    assert "Traceback" not in outcome.stderr and outcome.stdout == ""


def test_report_xlsx_holds_the_overview_and_the_quarter(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import openpyxl

    plain = tmp_path / "plain.xlsx"
    assert cli("report", "--as-of", "2016-12-31", "--format", "xlsx", "-o", plain).code == 0
    book = openpyxl.load_workbook(plain)
    assert book.sheetnames == ["summary", "sections", "agencies", "obligations"]
    counts = json.loads(cli("overdue", "--as-of", "2016-12-31", "--format", "json").stdout)[
        "counts"
    ]
    summary = {r[0]: r[1] for r in book["summary"].iter_rows(values_only=True) if r[0] in counts}
    assert summary == counts
    obligations = list(book["obligations"].iter_rows(values_only=True))
    header = obligations.index(next(r for r in obligations if r[0] == "id"))
    rows = obligations[header + 1 :]
    assert len(rows) == sum(counts.values())
    due = [r[8] for r in rows if r[8] is not None]
    assert due and all(isinstance(d, dt.datetime) for d in due)

    status = (
        Path(__file__).resolve().parents[1] / "docs" / "examples" / "status-2016Q4-EXAMPLE.yaml"
    )
    quarterly = tmp_path / "q.xlsx"
    args = ("report", "--quarter", "2016Q4", "--status", status)
    assert cli(*args, "--format", "xlsx", "-o", quarterly).code == 0
    book = openpyxl.load_workbook(quarterly)
    assert book.sheetnames[4:] == [
        "quarter",
        "quarter agencies",
        "not reported",
        "newly overdue",
        "newly done",
        "at risk",
        "conflicts",
    ]
    document = json.loads(cli(*args, "--format", "json").stdout)
    not_reported = [r[0] for r in book["not reported"].iter_rows(values_only=True)]
    assert not_reported[not_reported.index("agency") + 1 :] == [
        r["agency"] for r in document["not_reported"]
    ]
