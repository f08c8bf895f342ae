"""Consolidated state, the Office's quarterly report and `changes`, through the CLI."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from conftest import ROOT, Cli
from plancli.dataset import Dataset
from plancli.errors import UsageError
from test_collect import checklist_xlsx, fill

REPORT_KEYS = {
    "quarter",
    "start",
    "end",
    "due",
    "recipient",
    "reporter",
    "counts",
    "totals",
    "agencies",
    "not_reported",
    "newly_done",
    "newly_overdue",
    "at_risk",
    "conflicts",
}
COUNT_KEYS = [
    "done",
    "done_late",
    "in_progress",
    "partially_done",
    "overdue",
    "due",
    "not_yet_due",
    "continuous",
    "undated",
]


@pytest.fixture
def status(cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """БШК (lead of 2.1-2.3) and ЮМ (co-executor) report on 2016Q4, and disagree on 2.1."""
    monkeypatch.chdir(tmp_path)
    bshk = checklist_xlsx(cli, tmp_path, "БШК")
    fill(
        bshk,
        {
            "2.1": {"state": "done", "date": dt.date(2016, 12, 15), "evidence": "БШКнын токтому"},
            "2.3": {"state": "in_progress", "date": dt.date(2016, 11, 1)},
        },
    )
    yum = checklist_xlsx(cli, tmp_path, "ЮМ")
    fill(
        yum,
        {
            "2.1": {"state": "not_started", "date": dt.date(2016, 12, 20)},
            "2.2": {"state": "done", "date": dt.date(2016, 12, 1), "evidence": "ЮМдин каты"},
            "2.3": {"state": "in_progress", "date": dt.date(2016, 11, 2)},
        },
    )
    target = tmp_path / "status.yaml"
    outcome = cli("collect", bshk, yum, "-o", target)
    assert outcome.code == 0, outcome.stderr
    return target


def report(cli: Cli, status: Path, quarter: str = "2016Q4") -> dict[str, Any]:
    outcome = cli("report", "--quarter", quarter, "--status", status, "-f", "json")
    assert outcome.code == 0, outcome.stderr
    document: dict[str, Any] = json.loads(outcome.stdout)
    return document


def test_the_lead_decides_and_co_executors_are_kept(cli: Cli, status: Path) -> None:
    outcome = cli("overdue", "--as-of", "2016-12-31", "--status", status, "-f", "json")
    items = {i["id"]: i for i in json.loads(outcome.stdout)["items"]}
    # 2.1: БШК (lead) says done on 15 Dec; ЮМ's later not_started does not undo it
    assert items["2.1"]["status"] == "done_late"
    assert items["2.1"]["last_status"]["reported_by"] == "БШК"
    # 2.2: the lead said nothing, so the co-executor's report counts
    assert items["2.2"]["status"] == "done_late"
    assert items["2.2"]["last_status"]["reported_by"] == "ЮМ"
    # every report is kept in the status file
    text = status.read_text(encoding="utf-8")
    assert text.count('reported_by: "ЮМ"') == 3 and text.count('reported_by: "БШК"') == 2


def test_report_json_contract(cli: Cli, status: Path) -> None:
    document = report(cli, status)
    assert set(document) == REPORT_KEYS
    assert document["quarter"] == "2016Q4" and document["due"] == "2017-01-25"
    assert document["recipient"] == "Кыргыз Республикасынын Коопсуздук кеңешинин катчылыгы"
    for row in document["counts"]:
        assert list(row) == ["section", "title", *COUNT_KEYS, "total"]
        assert row["total"] == sum(row[k] for k in COUNT_KEYS)
    section_one = next(r for r in document["counts"] if r["section"] == "I")
    assert section_one["done_late"] == 2  # 2.1 and 2.2
    assert section_one["in_progress"] == 0  # 2.3 is overdue: overdue wins over in progress
    # the counts agree with progress on the same day and data
    progress = json.loads(
        cli("progress", "--as-of", "2016-12-31", "--status", status, "-f", "json").stdout
    )["rows"]
    by_section = {r["group"]: r for r in progress}
    for row in document["counts"]:
        assert row["overdue"] == by_section[row["section"]]["overdue"]
        assert row["total"] == by_section[row["section"]]["total"]


def test_report_agencies_and_who_did_not_report(cli: Cli, status: Path) -> None:
    document = report(cli, status)
    agencies = {a["agency"]: a for a in document["agencies"]}
    assert agencies["ЮМ"]["reported"] and agencies["БШК"]["reported"]
    assert not agencies["ИИМ"]["reported"]
    assert agencies["БШК"]["done"] >= 1  # 2.1 done this quarter
    missing = {a["agency"] for a in document["not_reported"]}
    assert "ИИМ" in missing and "ЮМ" not in missing and "БШК" not in missing
    # the Office receives the reports; it owes none to itself
    assert "Өкмөттүн Аппараты" not in missing
    assert agencies["Өкмөттүн Аппараты"]["owes_report"] is False
    # every body listed had items this quarter
    assert all(a["items"] > 0 for a in document["agencies"])


def test_report_newly_done_overdue_at_risk_and_conflicts(cli: Cli, status: Path) -> None:
    document = report(cli, status)
    assert {i["id"] for i in document["newly_done"]} == {"2.1", "2.2"}
    (conflict,) = document["conflicts"]
    assert conflict["id"] == "2.1"
    says = {r["reported_by"]: (r["state"], r["lead"]) for r in conflict["reports"]}
    assert says == {"БШК": ("done", True), "ЮМ": ("not_started", False)}
    # 2.3: both say in_progress: no conflict
    q3 = report(cli, status, "2016Q3")
    overdue_q3 = {i["id"] for i in q3["newly_overdue"]}
    assert "3.1" in overdue_q3  # due July 2016
    # due after the previous quarter's last day (overdue from the day after) and before this one's
    assert all("2016-06-30" <= i["due"] <= "2016-09-29" for i in q3["newly_overdue"])
    for item in document["at_risk"]:
        assert "2017-01-01" <= item["due"] <= "2017-03-31"
        assert item["state"] in (None, "not_started")


def test_at_risk_goes_away_when_work_starts(cli: Cli, tmp_path: Path, status: Path) -> None:
    document = report(cli, status, "2016Q4")
    assert document["at_risk"], "the plan has items due in 2017Q1"
    first = document["at_risk"][0]
    text = status.read_text(encoding="utf-8") + (
        f'  - id: "{first["id"]}"\n    date: 2016-12-02\n    state: in_progress\n'
    )
    status.write_text(text, encoding="utf-8")
    after = {i["id"] for i in report(cli, status, "2016Q4")["at_risk"]}
    assert first["id"] not in after


def test_report_markdown(cli: Cli, status: Path, tmp_path: Path) -> None:
    outcome = cli("report", "--quarter", "2016Q4", "--status", status)
    assert outcome.code == 0
    markdown = outcome.stdout
    assert markdown.startswith(
        "# Report on the implementation of the plan of decree No. 170: 2016Q4\n"
    )
    assert "Due: 2017-01-25 (point 4)" in markdown
    assert "| section | title | done | done late | in progress | partially done |" in markdown
    assert "| ЮМ | " in markdown and "## Not reported (" in markdown
    assert "- 2.1: БШК (lead): done on 2016-12-15; ЮМ: not_started on 2016-12-20" in markdown
    target = tmp_path / "report.md"
    assert cli("report", "-q", "2016Q4", "--status", status, "-o", target).code == 0
    assert target.read_text(encoding="utf-8") == markdown
    assert cli("report", "-q", "2016Q4", "--status", status, "-o", target).code == 1


def test_report_without_status_and_bad_usage(cli: Cli) -> None:
    outcome = cli("report", "--quarter", "2016Q4", "-f", "json")
    document = json.loads(outcome.stdout)
    assert not document["newly_done"] and not document["conflicts"]
    assert len(document["not_reported"]) == len(
        [a for a in document["agencies"] if a["owes_report"]]
    )
    assert cli("report", "--quarter", "2016Q5").code == 2
    assert cli("report").code == 2


BOTH = "give --quarter or --as-of, not both (a quarter is judged on its last day)"
NEEDS_QUARTER = "--format {} is the quarterly report: give --quarter, e.g. 2016Q4"
HTML_ONLY = "--as-of and --agency apply to --format html and xlsx, not {}"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--quarter", "2016Q4", "--as-of", "2016-12-31"], BOTH),
        (["--quarter", "2016Q4", "--as-of", "2016-12-31", "-f", "html"], BOTH),
        (["--quarter", "2016Q4", "--as-of", "2016-12-31", "-f", "json"], BOTH),
        (["-f", "md"], NEEDS_QUARTER.format("md")),
        (["-f", "json"], NEEDS_QUARTER.format("json")),
        (["--quarter", "2016Q4", "-a", "ЮМ"], HTML_ONLY.format("md")),
        (["--quarter", "2016Q4", "--lead", "-f", "json"], HTML_ONLY.format("json")),
        (["--quarter", "2016Q4", "--direct"], HTML_ONLY.format("md")),
        (["--as-of", "2016-12-31", "-f", "json"], NEEDS_QUARTER.format("json")),
        (["-f", "html", "--lead"], "--lead needs --agency"),
    ],
)
def test_report_option_combinations_are_usage_errors(
    cli: Cli, args: list[str], message: str
) -> None:
    outcome = cli("report", *args)
    assert outcome.code == 2
    assert outcome.stdout == ""
    assert outcome.stderr.splitlines()[0] == f"plancli: error: {message}"


def test_the_report_request_decides_what_is_computed(dataset: Dataset) -> None:
    from plancli.quarterly import ReportRequest, report_contents
    from plancli.quarters import Quarter

    q4, clock = Quarter(2016, 4), dt.date(2017, 3, 1)
    markdown = report_contents(dataset, ReportRequest("md", q4), status=None, today=clock)
    assert markdown.quarterly is not None and markdown.quarterly.quarter == q4
    assert markdown.overview is None
    page = report_contents(dataset, ReportRequest("html"), status=None, today=clock)
    assert page.quarterly is None and page.overview is not None
    assert page.overview.as_of == clock  # neither --quarter nor --as-of: today
    quarter_page = report_contents(dataset, ReportRequest("xlsx", q4), status=None, today=clock)
    assert quarter_page.overview is not None and quarter_page.overview.as_of == q4.end
    with pytest.raises(UsageError, match="not both"):
        ReportRequest("html", q4, dt.date(2016, 12, 31))


def test_a_quarterly_format_without_quarter_hints_at_html(cli: Cli) -> None:
    outcome = cli("report", "-f", "md")
    assert outcome.stderr.splitlines()[1:] == [
        "plancli: hint: for where the plan stands on a day: --format html --as-of YYYY-MM-DD"
    ]


# ------------------------------------------------------------------ changes


def test_changes(cli: Cli, status: Path) -> None:
    outcome = cli(
        "changes", "--from", "2016-06-30", "--to", "2016-12-31", "--status", status, "-f", "json"
    )
    assert outcome.code == 0
    document = json.loads(outcome.stdout)
    kinds = {i["id"]: i["change"] for i in document["items"]}
    assert kinds["3.1"] == "became_overdue"  # due 31 July 2016
    assert kinds["4.2"] == "became_due"  # due 31 December 2016, the day itself
    assert kinds["2.1"] == "done_late"
    assert "1.1" not in kinds  # overdue on both days: no change
    assert document["counts"]["done_late"] == 2
    assert sum(document["counts"].values()) == len(document["items"])
    table = cli("changes", "--from", "2016-06-30", "--to", "2016-12-31", "--status", status)
    assert "became overdue" in table.stdout and "done (БШК, 2016-12-15)" in table.stdout


def test_changes_bad_usage(cli: Cli) -> None:
    outcome = cli("changes", "--from", "2016-12-31", "--to", "2016-06-30")
    assert outcome.code == 2 and "is not before" in outcome.stderr
    assert cli("changes", "--from", "2016-12-31").code == 2
    assert cli("changes", "--from", "junk", "--to", "2016-12-31").code == 2


def test_progress_counts_reports_and_reporters(cli: Cli, status: Path) -> None:
    rows = json.loads(
        cli("progress", "--as-of", "2016-12-31", "--status", status, "-f", "json").stdout
    )["rows"]
    first = next(r for r in rows if r["group"] == "I")
    # 2.1 (БШК, the lead), 2.2 (ЮМ: the lead said nothing), 2.3 (БШК, the lead)
    assert first["reported"] == 3 and first["reported_by"] == {"БШК": 2, "ЮМ": 1}
    table = cli("progress", "--as-of", "2016-12-31", "--status", status).stdout
    assert "latest by" in table and "БШК 2, ЮМ 1" in table
    plain = cli("progress", "--as-of", "2016-12-31").stdout
    assert "latest by" not in plain


def test_the_documented_example_still_comes_out(cli: Cli, tmp_path: Path) -> None:
    """docs/examples: the invented filled checklists give the committed status and report."""
    examples = ROOT / "docs" / "examples"
    status = tmp_path / "status-2016Q4-EXAMPLE.yaml"
    outcome = cli(
        "collect",
        examples / "ЮМ-2016Q4-filled-EXAMPLE.csv",
        examples / "БШК-2016Q4-filled-EXAMPLE.json",
        "-o",
        status,
    )
    assert outcome.code == 0, outcome.stderr
    committed = (examples / "status-2016Q4-EXAMPLE.yaml").read_text(encoding="utf-8")
    assert status.read_text(encoding="utf-8") == committed
    report = cli("report", "--quarter", "2016Q4", "--status", status).stdout
    assert report == (examples / "report-2016Q4-EXAMPLE.md").read_text(encoding="utf-8")
    assert "- 2.1: БШК (lead): done on 2016-12-15; ЮМ: not_started on 2016-12-20" in report
