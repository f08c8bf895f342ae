"""iCalendar events carry a useful title: id, what falls due, lead, the measure text shortened.

Parsed back with the icalendar library, as a calendar program would read them.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from icalendar import Calendar

from conftest import Cli
from plancli.render.ics import SUMMARY_LIMIT, summary

ELLIPSIS = "…"


def parsed(cli: Cli, *args: str) -> tuple[list[Any], list[dict[str, Any]]]:
    """The VEVENTs of ``calendar ARGS -f ics`` and the json records of the same events."""
    ics = cli("calendar", *args, "-f", "ics")
    assert ics.code == 0, ics.stderr
    records = json.loads(cli("calendar", *args, "-f", "json").stdout)["events"]
    vevents = list(Calendar.from_ical(ics.stdout).walk("VEVENT"))
    assert [str(v["UID"]) for v in vevents] == [r["uid"] for r in records]
    return vevents, records


@pytest.fixture(scope="module")
def whole_plan() -> tuple[list[Any], list[dict[str, Any]]]:
    return parsed(Cli(), "--from", "2015-01-01", "--to", "2018-01-31")


def test_the_issues_example(whole_plan: tuple[list[Any], list[dict[str, Any]]]) -> None:
    vevents, _ = whole_plan
    event = next(v for v in vevents if str(v["UID"]).startswith("deadline-26.1@"))
    title = str(event["SUMMARY"])
    assert title.startswith("26.1 due — Өкмөттүн Аппараты: Айрым мамлекеттик")
    assert title.endswith(ELLIPSIS) and len(title) <= SUMMARY_LIMIT


def test_every_measure_title_is_id_what_lead_and_text_cut_at_a_word(
    whole_plan: tuple[list[Any], list[dict[str, Any]]],
) -> None:
    vevents, records = whole_plan
    measures = [(v, r) for v, r in zip(vevents, records, strict=True) if r["measure"]]
    assert len(measures) > 150
    shortened = 0
    for vevent, record in measures:
        title = str(vevent["SUMMARY"])
        assert len(title) <= SUMMARY_LIMIT, title
        head = f"{record['summary']} — {record['lead']['name']}: "
        assert title.startswith(head), title
        assert record["summary"].startswith(record["measure"])  # the id comes first
        text = " ".join(record["description"].split())
        shown = title[len(head) :]
        if shown.endswith(ELLIPSIS):
            shortened += 1
            kept = shown[: -len(ELLIPSIS)]
            assert text.startswith(kept) and len(kept) < len(text), title
            after = text[len(kept) :]
            # a word boundary: the cut is before a space or punctuation, or after a hyphen
            assert kept.endswith("-") or not after[0].isalnum(), title
        else:
            assert shown == text, title
        description = str(vevent["DESCRIPTION"])
        assert description.startswith(record["description"])  # the full text, every word
        for item in record["items"]:
            assert f"- {item}" in description
    assert 0 < shortened < len(measures)  # both branches ran


def test_sub_items_are_in_the_description(
    whole_plan: tuple[list[Any], list[dict[str, Any]]],
) -> None:
    vevents, records = whole_plan
    first = next(
        (v, r)
        for v, r in zip(vevents, records, strict=True)
        if r["uid"].startswith("deadline-1.1@")
    )
    assert first[1]["description"].endswith(":") and len(first[1]["items"]) >= 2
    assert str(first[0]["DESCRIPTION"]).count("\n- ") >= len(first[1]["items"])


def test_report_events_keep_their_summary(
    whole_plan: tuple[list[Any], list[dict[str, Any]]],
) -> None:
    vevents, records = whole_plan
    reports = [(v, r) for v, r in zip(vevents, records, strict=True) if not r["measure"]]
    assert reports
    for vevent, record in reports:
        assert str(vevent["SUMMARY"]) == record["summary"]


def test_agenda_ics_has_the_same_titles(cli: Cli) -> None:
    agenda = cli("agenda", "--as-of", "2016-12-01", "--days", "60", "-a", "ЮМ", "-f", "ics")
    vevents = list(Calendar.from_ical(agenda.stdout).walk("VEVENT"))
    assert vevents
    for vevent in vevents:
        title = str(vevent["SUMMARY"])
        assert len(title) <= SUMMARY_LIMIT
        assert title.startswith("agency report") or (" — " in title and ": " in title), title


# ------------------------------------------------------------ the title alone


def record(summary_text: str, lead: str, description: str) -> dict[str, object]:
    return {
        "summary": summary_text,
        "measure": summary_text.split()[0],
        "lead": {"name": lead, "by_agreement": False, "lead": True},
        "description": description,
    }


def test_a_short_text_is_whole() -> None:
    assert summary(record("4.2 due", "ЮМ", "кыска текст")) == "4.2 due — ЮМ: кыска текст"


def test_a_long_lead_name_leaves_room_for_the_text() -> None:
    lead = "мамлекеттик органдардын АСБ кызматтары " * 3
    title = summary(record("12.3 update for 2016Q4 (quarterly)", lead, "сөз " * 40))
    assert len(title) <= SUMMARY_LIMIT
    assert title.startswith("12.3 update for 2016Q4 (quarterly) — мамлекеттик")
    assert ": сөз сөз" in title and title.endswith(ELLIPSIS)


def test_a_report_event_is_left_alone() -> None:
    report = {"summary": "agency report on 2016Q4 due (point 2)", "measure": None, "lead": None}
    assert summary(report) == "agency report on 2016Q4 due (point 2)"
