"""The kinds of calendar events, light enough for the command line's ``--kind``."""

from __future__ import annotations

import enum


class EventKind(str, enum.Enum):
    agency_report = "agency-report"
    office_report = "office-report"
    deadline = "deadline"
    range_start = "range-start"
    update = "update"


#: Which reporting rule (plan.yaml ``reporting[].id``) gives which event kind.
REPORT_KINDS = {"agency-report": EventKind.agency_report, "office-report": EventKind.office_report}
