"""iCalendar (RFC 5545) output via the icalendar library: one all-day event per obligation.

A measure's event is titled so that a calendar's month view says what it is:
id, what falls due, the lead as the decree names it and the measure text cut
at a word boundary with "…", at most :data:`SUMMARY_LIMIT` characters
(``26.1 due — Өкмөттүн Аппараты: Айрым мамлекеттик кызматтарды…``); the
whole text, its sub-items and the executors are in DESCRIPTION.

UIDs are derived from the obligation (kind, measure or rule, year or period), so
the same event keeps its UID across runs and calendar programs update it in
place instead of duplicating it. DTSTAMP is fixed to the decree's publication
date for the same reason: the output depends on the data only.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, TextIO

from icalendar import Calendar, Event

from plancli.render.layout import shorten

if TYPE_CHECKING:
    from plancli.render import Listing

PRODID = "-//plancli//decree 170 anti-corruption plan//EN"
#: DTSTAMP of every event: fixed (the decree's publication) so that output depends on data only.
STAMP = dt.datetime(2015, 3, 31, tzinfo=dt.timezone.utc)
#: The longest SUMMARY: what a calendar's list view shows on one line.
SUMMARY_LIMIT = 80
#: Never cut the measure text shorter than this: a lead's long name shortens it instead.
_MIN_TEXT = 16


def write(listing: Listing, out: TextIO, *, color: bool | None = None) -> None:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", listing.title or "plancli")
    for record in listing.records:
        event = Event()
        day = dt.date.fromisoformat(record["working_date"] or record["date"])
        event.add("uid", record["uid"])
        event.add("dtstamp", STAMP)
        event.add("dtstart", day)
        event.add("dtend", day + dt.timedelta(days=1))
        event.add("summary", summary(record))
        event.add("description", _description(record))
        event.add("categories", [record["kind"]])
        event.add("transp", "TRANSPARENT")
        calendar.add_component(event)
    data = calendar.to_ical()  # RFC 5545: CRLF line ends, kept byte for byte
    buffer = getattr(out, "buffer", None)
    if buffer is not None:
        out.flush()
        buffer.write(data)
        buffer.flush()
    else:
        out.write(data.decode("utf-8"))


def summary(record: dict[str, object]) -> str:
    """The event's title: ``26.1 due — Өкмөттүн Аппараты: Айрым мамлекеттик…``."""
    what = str(record["summary"])
    lead = record.get("lead")
    if not record.get("measure") or not isinstance(lead, dict):
        return what  # a reporting rule's event: its summary says it all
    head = f"{what} — {lead['name']}: "
    room = SUMMARY_LIMIT - len(head)
    if room < _MIN_TEXT:
        head = shorten(head.rstrip(": "), SUMMARY_LIMIT - _MIN_TEXT - 2) + ": "
        room = SUMMARY_LIMIT - len(head)
    return head + shorten(str(record["description"]), room)


def _description(record: dict[str, object]) -> str:
    lines = [str(record["description"])]
    lines += [f"- {item}" for item in record.get("items") or []]  # type: ignore[attr-defined]
    if record.get("executors"):
        lines.append("Аткаруучулар: " + ", ".join(record["executors"]))  # type: ignore[arg-type]
    if record.get("deadline_text"):
        lines.append(f"Мөөнөт: {record['deadline_text']}")
    if record.get("working_date"):
        lines.append(f"Nominal date {record['date']} is a day off ({record['day_off']}).")
    return "\n".join(lines)
