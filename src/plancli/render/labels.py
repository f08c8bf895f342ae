"""Cell texts shared by several renderers (markdown, csv, xlsx) and views."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

#: The one label of each standing (``tracking.Standing`` values), wherever one is
#: shown: tables and their colour legend, summaries, checklists, the HTML report.
#: In the order overdue summaries count them. (The quarterly report's counts
#: are other categories, ``quarterly.COUNTS``, labelled in ``report_md``.)
STANDING_LABELS: dict[str, str] = {
    "overdue": "overdue",
    "due_today": "due today",
    "done_late": "completed late",
    "undated": "undated",
    "done": "done",
    "in_progress": "in progress",
    "not_yet_due": "not yet due",
    "continuous": "continuous",
}


#: Shorter column headers for ``progress --by agency``, whose 16 count columns must fit
#: a narrow terminal; every other place shows :data:`STANDING_LABELS`.
STANDING_HEADERS_SHORT: dict[str, str] = {"done_late": "done late"}


def full_text(text: str, items: Sequence[str]) -> str:
    """A measure's text with its sub-items, one per line, as the decree prints them."""
    return "\n".join([text, *(f"- {item}" for item in items)])


def reported_label(status: Mapping[str, Any] | None) -> str:
    """The latest report in a cell: ``partially_done (ЮМ, 2016-06-01)``."""
    if not status:
        return ""
    who = f"{status['reported_by']}, " if status.get("reported_by") else ""
    return f"{status['state']} ({who}{status['date']})"
