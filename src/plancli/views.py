"""Turning query results into listings: the JSON contracts and table columns.

Each ``*_listing`` function takes core results and returns a
:class:`~plancli.render.Listing`. The JSON record shapes built here are the
documented contracts of the README ("JSON output").
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from plancli.agencies import Involvement
from plancli.deadlines import Deadline
from plancli.glossary import Entry, Glossary
from plancli.plan import BY_AGREEMENT, Measure, Plan
from plancli.quarterly import COUNTS as REPORT_COUNTS
from plancli.quarterly import AgencyRow, Changes, QuarterlyReport
from plancli.queries import AgencySummary, CalendarView, Checklist, GlossaryUse, Selection
from plancli.render import Column, Listing, eventrows, monthgrid
from plancli.render.labels import full_text, reported_label
from plancli.render.styled import Line, wrap_text
from plancli.tracking import Assessment, OverdueReport, PhraseUse, ProgressRow

if TYPE_CHECKING:
    from plancli.agenda import Agenda
    from plancli.schedule import Event


def measure_record(measure: Measure) -> dict[str, Any]:
    """The JSON contract of one measure."""
    return {
        "id": measure.id,
        "section": measure.section,
        "task": measure.task,
        "text": measure.text,
        "items": list(measure.items),
        "deadline": {"text": measure.deadline},
        "executors": [e.as_dict() for e in measure.executors],
        "executors_note": measure.executors_note,
        "results": list(measure.results),
        "notes": list(measure.notes),
    }


def executor_label(executor: dict[str, Any]) -> str:
    """An executor in the decree's own notation: ``БШК (макулдашуу боюнча)``."""
    suffix = f" {BY_AGREEMENT}" if executor["by_agreement"] else ""
    return f"{executor['name']}{suffix}"


MEASURE_COLUMNS = (
    Column("id", lambda r: r["id"]),
    Column("section", lambda r: r["section"], table=False),
    Column("task", lambda r: r["task"], table=False),
    Column("deadline", lambda r: r["deadline"]["text"] or "(empty)", max_chars=40),
    Column("lead", lambda r: executor_label(r["executors"][0]), csv=False),
    Column("executors", lambda r: [executor_label(e) for e in r["executors"]], table=False),
    Column("measure", lambda r: r["text"], max_chars=90),
    Column("items", lambda r: r["items"], table=False),
    Column("results", lambda r: r["results"], table=False),
)


# ------------------------------------------------------------------ deadlines


def deadlines_listing(uses: list[PhraseUse]) -> Listing:
    records = [{**use.deadline.as_dict(), "measures": list(use.measures)} for use in uses]
    return Listing(
        records=records,
        columns=(
            Column("phrase", lambda r: r["text"] if r["text"] is not None else "(empty cell)"),
            Column("kind", lambda r: r["kind"] + (" → continuous" if r["then"] else "")),
            Column("start", lambda r: r["start"]),
            Column("due", lambda r: _due_text(r)),
            Column("cadence", lambda r: r["cadence"]),
            Column("action", lambda r: r["action"], table=False),
            Column("qualifier", lambda r: r["qualifier"], table=False),
            Column("measures", lambda r: r["measures"], max_chars=60),
        ),
        notes=[f"{len(records)} distinct deadline phrases"],
    )


def _due_text(record: dict[str, Any]) -> str:
    occurrences = record["occurrences"]
    if occurrences:
        return "each 31 Dec: " + ", ".join(o["occurrence"] for o in occurrences)
    return record["end"] or ""


# -------------------------------------------------------------------- overdue


def assessment_record(
    assessment: Assessment,
    involvement: Involvement | None = None,
    deadlines: dict[int, dict[str, object]] | None = None,
) -> dict[str, Any]:
    """The JSON contract of one assessed obligation.

    ``deadlines`` memoises the deadline and lead dicts by object: a large
    plan repeats a few dozen deadlines and bodies thousands of times.
    """
    obligation = assessment.obligation
    measure = obligation.measure
    memo = {} if deadlines is None else deadlines
    deadline = memo.get(id(obligation.deadline))
    if deadline is None:
        deadline = memo[id(obligation.deadline)] = obligation.deadline.as_dict()
    lead = memo.get(id(measure.lead))
    if lead is None:
        lead = memo[id(measure.lead)] = measure.lead.as_dict()
    record: dict[str, Any] = {
        "id": obligation.key,
        "measure": measure.id,
        "occurrence": obligation.occurrence,
        "status": assessment.standing.value,
        "due": obligation.due.isoformat() if obligation.due else None,
        "days_late": assessment.days_late,
        "done_on": assessment.done_on.isoformat() if assessment.done_on else None,
        "lead": lead,
        "deadline": deadline,
        "text": measure.text,
        "last_status": assessment.status.as_dict() if assessment.status else None,
    }
    if involvement is not None:
        record["role"] = involvement.as_dict()
    return record


STATUS_LABELS = {
    "overdue": "overdue",
    "due_today": "due today",
    "done_late": "completed late",
    "undated": "undated",
    "done": "done",
    "in_progress": "in progress",
    "not_yet_due": "not yet due",
    "continuous": "continuous",
}


def overdue_listing(
    report: OverdueReport,
    involvements: dict[str, Involvement] | None = None,
    *,
    agency: str | None = None,
) -> Listing:
    involvements = involvements or {}
    memo: dict[int, dict[str, object]] = {}
    records = [
        assessment_record(a, involvements.get(a.obligation.measure.id), memo) for a in report.items
    ]
    counts = report.counts
    summary = ", ".join(
        f"{counts[key]} {STATUS_LABELS[key]}" for key in STATUS_LABELS if counts.get(key)
    )
    notes = [f"As of {report.as_of.isoformat()}: {summary}."]
    if counts["undated"] and not any(r["status"] == "undated" for r in records):
        notes.append("Undated measures (empty deadline cell) are not listed: --include-undated.")
    columns = [
        Column("status", lambda r: STATUS_LABELS[r["status"]], csv_get=lambda r: r["status"]),
        Column("id", lambda r: r["id"]),
        Column("lead", lambda r: executor_label(r["lead"])),
    ]
    if involvements:
        columns.append(Column("role", lambda r: r["role"]["role"] if "role" in r else ""))
    columns += [
        Column("deadline", lambda r: r["deadline"]["text"] or "(empty cell)", max_chars=45),
        Column("due", lambda r: r["due"]),
        Column("days late", lambda r: r["days_late"]),
        Column("done on", lambda r: r["done_on"]),
    ]
    if any(r["last_status"] for r in records):
        # the latest report and who made it: 3.1 "partially_done (ЮМ, 2016-06-01)"
        columns.append(Column("reported", lambda r: reported_label(r["last_status"]), csv=False))
    columns.append(Column("measure", lambda r: r["text"], max_chars=60))
    return Listing(
        records=records,
        columns=columns,
        title=f"Overdue as of {report.as_of.isoformat()}" + (f" — {agency}" if agency else ""),
        notes=notes,
        empty=f"Nothing overdue or due as of {report.as_of.isoformat()}.",
        document={
            "as_of": report.as_of.isoformat(),
            "agency": agency,
            "counts": counts,
            "items": records,
        },
    )


# ------------------------------------------------------------------- progress


def progress_listing(rows: list[ProgressRow], *, by: str, as_of: str) -> Listing:
    keys = list(STATUS_LABELS)
    order = [
        "done",
        "done_late",
        "in_progress",
        "overdue",
        "due_today",
        "not_yet_due",
        "continuous",
        "undated",
    ]
    assert set(order) == set(keys)
    records = [
        {
            "group": row.group,
            "title": row.title,
            **{k: row.counts[k] for k in order},
            "total": row.total,
            "reported": row.reported,
            "reported_by": dict(sorted(row.reporters.items(), key=lambda kv: (-kv[1], kv[0]))),
        }
        for row in rows
    ]
    columns = [
        Column(by, lambda r: r["group"]),
        Column("title", lambda r: r["title"], max_chars=40),
    ]
    columns += [Column(STATUS_LABELS[k], (lambda key: lambda r: r[key])(k)) for k in order]
    columns.append(Column("total", lambda r: r["total"]))
    has_reports = any(r["reported"] for r in records)
    # how many obligations have a report, and whose the latest ones are
    columns.append(Column("reported", lambda r: r["reported"], table=has_reports))
    if has_reports:
        columns.append(
            Column(
                "latest by",
                lambda r: ", ".join(f"{k or 'by hand'} {v}" for k, v in r["reported_by"].items()),
                csv=False,
            )
        )
    return Listing(
        records=records,
        columns=columns,
        title=f"Progress as of {as_of}, by {by}",
        notes=["Counts are of obligations: each year of an annual measure counts once."],
    )


# ----------------------------------------------------------- agency queries


def selection_listing(selections: list[Selection]) -> Listing:
    records = []
    for selection in selections:
        record = measure_record(selection.measure)
        if selection.involvements:
            record["roles"] = [i.as_dict() for i in selection.involvements]
        records.append(record)
    columns = list(MEASURE_COLUMNS)
    if any("roles" in r for r in records):
        columns.insert(
            1,
            Column(
                "role",
                lambda r: [
                    i["role"] + (f" ({i['group']})" if i["group"] else "")
                    for i in r.get("roles", [])
                ],
                max_chars=40,
            ),
        )
    return Listing(
        records=records,
        columns=columns,
        notes=[f"{len(records)} measure{'s' if len(records) != 1 else ''}"],
        empty="no measures match",
    )


def show_document(
    measure: Measure, plan: Plan, glossary: Glossary, deadline: Deadline
) -> dict[str, Any]:
    """Everything about one measure: the JSON contract of `plancli show`."""
    section = plan.section(measure.section)
    task = plan.task(measure.task)
    executors = []
    for executor in measure.executors:
        entry = glossary.lookup(executor.name)
        target = glossary.canonical(entry) if entry else None
        executors.append(
            {
                **executor.as_dict(),
                "role": "lead" if executor.lead else "co-executor",
                "term": target.term if target else None,
                "expansion": target.expansion if target else None,
                "certainty": (entry.certainty or target.certainty) if entry and target else None,
                "group_members": [m.term for m in glossary.members(target)]
                if target and target.is_group
                else [],
            }
        )
    record = measure_record(measure)
    record.update(
        {
            "section_title": section.title if section else None,
            "task_title": task.title if task else None,
            "deadline": deadline.as_dict(),
            "executors": executors,
            "row": list(measure.row),
            "merged_from": dict(measure.merged_from),
            "slips": [{"cell": s.cell, "source": s.source, "note": s.note} for s in measure.slips],
        }
    )
    return record


def agencies_listing(summaries: list[AgencySummary]) -> Listing:
    records = [
        {
            **s.entry.as_dict(),
            "names_in_plan": list(s.names),
            "lead": s.lead,
            "co_executor": s.co_executor,
            "via_group": s.via_group,
            "by_agreement": s.by_agreement,
            "total": s.total,
        }
        for s in summaries
    ]
    return Listing(
        records=records,
        columns=(
            Column("agency", lambda r: r["term"]),
            Column("full name", lambda r: r["expansion"] or f"({r['certainty']})", max_chars=50),
            Column(
                "provenance",
                lambda r: r["provenance"] + (f", {r['certainty']}" if r["certainty"] else ""),
            ),
            Column("written as", lambda r: r["names_in_plan"], max_chars=30),
            Column("lead", lambda r: r["lead"]),
            Column("co-executor", lambda r: r["co_executor"]),
            Column("via group", lambda r: r["via_group"]),
            Column("by agreement", lambda r: r["by_agreement"]),
            Column("total", lambda r: r["total"]),
        ),
        notes=[f"{len(records)} bodies responsible for at least one measure."],
    )


def expansion_listing(found: list[tuple[str, Entry, Entry]]) -> Listing:
    records = [
        {
            "query": query,
            "term": entry.term,
            "expansion": target.expansion,
            "alias_of": entry.alias_of,
            "provenance": entry.provenance,
            "certainty": entry.certainty or target.certainty,
            "kind": target.kind,
        }
        for query, entry, target in found
    ]
    return Listing(
        records=records,
        columns=(
            Column("term", lambda r: r["term"] + (f" → {r['alias_of']}" if r["alias_of"] else "")),
            Column("expansion", lambda r: r["expansion"] or f"({r['certainty']}: no expansion)"),
            Column(
                "provenance",
                lambda r: r["provenance"] + (f", {r['certainty']}" if r["certainty"] else ""),
            ),
        ),
    )


def glossary_listing(uses: list[GlossaryUse]) -> Listing:
    records = [
        {
            **u.entry.as_dict(),
            "as_executor": u.as_executor,
            "in_text": u.in_text,
            "via_aliases": u.via_aliases,
        }
        for u in uses
    ]
    return Listing(
        records=records,
        columns=(
            Column("term", lambda r: r["term"] + (f" → {r['alias_of']}" if r["alias_of"] else "")),
            Column("expansion", lambda r: r["expansion"], max_chars=70),
            Column("kind", lambda r: r["kind"]),
            Column(
                "provenance",
                lambda r: r["provenance"] + (f", {r['certainty']}" if r["certainty"] else ""),
            ),
            Column("as executor", lambda r: r["as_executor"]),
            Column("in text", lambda r: r["in_text"]),
            Column("via alias", lambda r: r["via_aliases"]),
        ),
        notes=[f"{len(records)} entries"],
        empty="no glossary entries match",
    )


def show_listing(document: dict[str, Any]) -> Listing:
    lines = [
        f"Measure {document['id']}",
        f"Section {document['section']}: {document['section_title']}",
        f"Task {document['task']}: {document['task_title']}",
        "",
        document["text"],
        *(f"  - {item}" for item in document["items"]),
        "",
        "Deadline: " + (document["deadline"]["text"] or "(empty cell)"),
        "  reading: " + deadline_reading(document["deadline"]),
        "",
        "Executors:",
    ]
    for executor in document["executors"]:
        agreed = " (by agreement)" if executor["by_agreement"] else ""
        expansion = executor["expansion"] or f"({executor['certainty'] or 'unknown'}: no expansion)"
        certainty = f" [{executor['certainty']}]" if executor["certainty"] == "inferred" else ""
        lines.append(f"  {executor['role']}: {executor['name']}{agreed} = {expansion}{certainty}")
        if executor["group_members"]:
            lines.append("    members: " + ", ".join(executor["group_members"]))
    if document["executors_note"]:
        lines.append(f"  {document['executors_note']}")
    lines += ["", "Expected results:", *(f"  - {r}" for r in document["results"])]
    if document["merged_from"]:
        merged = ", ".join(
            f"{cell} from {origin}" for cell, origin in document["merged_from"].items()
        )
        lines += ["", f"Merged cells: {merged}"]
    if len(document["row"]) > 1:
        lines.append(
            "Shares its row with: " + ", ".join(i for i in document["row"] if i != document["id"])
        )
    for slip in document["slips"]:
        lines += ["", f"Source slip in {slip['cell']}: {slip['source']!r}", f"  {slip['note']}"]
    for note in document["notes"]:
        lines += ["", f"Note: {note}"]
    flat = {
        "id": document["id"],
        "section": document["section"],
        "task": document["task"],
        "text": document["text"],
        "deadline": document["deadline"]["text"],
        "due": document["deadline"]["end"],
        "executors": [executor_label(e) for e in document["executors"]],
        "results": document["results"],
    }
    return Listing(
        records=[flat],
        columns=[Column(key, (lambda k: lambda r: r[k])(key)) for key in flat],
        document=document,
        text="\n".join(lines),
    )


def deadline_reading(deadline: dict[str, Any]) -> str:
    """A one-line English reading of a structured deadline."""
    kind = deadline["kind"]
    if kind == "none":
        return "no deadline (empty cell): never overdue"
    if kind == "continuous":
        return "continuous: never overdue"
    if kind == "annual":
        years = ", ".join(o["due"] for o in deadline["occurrences"])
        text = f"annual: due each 31 December ({years})"
    else:
        text = f"{kind.replace('_', ' ')} {deadline['start']} to {deadline['end']}, due {deadline['end']}"
    if deadline["then"]:
        text += ", then continuous"
    if deadline["cadence"]:
        text += f"; then updates: {deadline['cadence'].replace('_', '-')}"
    if deadline["action"]:
        text += f"; action: {deadline['action']}"
    if deadline["qualifier"]:
        text += f"; {deadline['qualifier']}"
    return text


# ------------------------------------------------------------------ calendar

EVENT_MARKERS = {
    "agency-report": ("R", "agencies' quarterly report due (15th)"),
    "office-report": ("O", "Government Office's report due (25th)"),
    "deadline": ("D", "measure deadline"),
    "range-start": ("S", "a range deadline starts"),
    "update": ("U", "update due (quarterly / half-yearly)"),
}


def event_record(event: Event) -> dict[str, Any]:
    return {
        "uid": event.uid,
        "date": event.date.isoformat(),
        "working_date": event.working_date.isoformat() if event.working_date else None,
        "day_off": event.day_off,
        "kind": event.kind.value,
        "summary": event.summary,
        "measure": event.measure.id if event.measure else None,
        "occurrence": event.occurrence,
        "period": event.period,
        "rule": event.rule.id if event.rule else None,
        "lead": event.measure.lead.as_dict() if event.measure else None,
        "executors": [executor_label(e.as_dict()) for e in event.executors],
        "deadline_text": event.measure.deadline if event.measure else None,
        "deadline": event.deadline.as_dict() if event.deadline else None,
        "description": event.description,
    }


def calendar_listing(view: CalendarView, *, as_of: dt.date | None = None) -> Listing:
    """Month grids and the events under them, one line each, grouped by day."""
    records = [event_record(e) for e in view.events]
    grid = calendar_grid(view.events, view.start, view.end, as_of=as_of)
    rows = [event_row(e, agency=view.agency) for e in view.events]
    scope = f" for {view.agency.term}" if view.agency else ""
    span = f"{view.start.isoformat()} to {view.end.isoformat()}"
    empty = f"No events{scope} between {view.start.isoformat()} and {view.end.isoformat()}."
    title = f"Decree No. 170 plan{scope}: events {span}"

    notes = [f"{len(records)} events."]
    if view.working_days:
        notes.append("Dates on a day off move to the next working day (Civil Code art. 209(5)).")

    def layout(width: int) -> list[Line]:
        lines = [*monthgrid.layout(grid, width=width), ()]
        if rows:
            lines += [*wrap_text(title, width, "title"), (), *eventrows.layout(rows, width=width)]
        else:
            lines += wrap_text(empty, width)
        return [*lines, (), *(line for note in notes for line in wrap_text(note, width))]

    columns = [
        Column("date", lambda r: r["date"]),
        Column(
            "working day", lambda r: r["working_date"] and f"{r['working_date']} ({r['day_off']})"
        ),
        Column("kind", lambda r: r["kind"]),
        Column("item", lambda r: r["measure"] or r["period"]),
        Column("summary", lambda r: r["summary"], max_chars=50),
        Column("lead", lambda r: r["lead"] and executor_label(r["lead"]), max_chars=30),
    ]
    return Listing(
        records=records,
        columns=columns,
        title=title,
        empty=empty,
        layout=layout,
    )


def calendar_grid(
    found: Sequence[Event], start: dt.date, end: dt.date, *, as_of: dt.date | None = None
) -> monthgrid.CalendarGrid:
    """The days to mark in month grids: each event's marker on the day it falls due."""
    order = "".join(marker for marker, _ in EVENT_MARKERS.values())
    marks: dict[dt.date, str] = {}
    for event in found:
        marker = EVENT_MARKERS[event.kind.value][0]
        day = event.effective_date
        if marker not in marks.get(day, ""):
            marks[day] = "".join(sorted(marks.get(day, "") + marker, key=order.index))
    used = {EVENT_MARKERS[e.kind.value][0] for e in found}
    legend = {m: text for m, text in EVENT_MARKERS.values() if m in used}
    return monthgrid.CalendarGrid(start, end, marks, legend, as_of)


def event_row(
    event: Event, *, agency: Entry | None = None, state: Assessment | None = None
) -> eventrows.EventRow:
    """One event as a compact row: marker, item, lead, state, English gist + decree text."""
    marker = EVENT_MARKERS[event.kind.value][0]
    moved = f"(moved from {event.date.isoformat()}, {event.day_off})" if event.working_date else ""
    standing = state.standing.value if state else ""
    label = STATUS_LABELS.get(standing, "")
    if label and marker in "SU":  # the state is the measure's, not the update's
        label = f"measure {label}"
    if event.measure is None:
        rule = event.rule
        who = "agencies report" if marker == "R" else "Government Office reports"
        text = f"{who} on {event.period}" + (
            f" to {rule.recipient} (point {rule.point})" if rule else ""
        )
        return eventrows.EventRow(
            event.effective_date,
            marker,
            event.period or "",
            agency.term if agency else "",
            text,
            day_note=moved,
        )
    item = f"{event.measure.id}@{event.occurrence}" if event.occurrence else event.measure.id
    gist = {"U": f"update for {event.period}: ", "S": "starts: "}.get(marker, "")
    return eventrows.EventRow(
        event.effective_date,
        marker,
        item,
        executor_label(event.measure.lead.as_dict()),
        gist + event.measure.text,
        label,
        standing,
        moved,
    )


# ------------------------------------------------------------------ checklist

CHECKLIST_STATES = {
    "overdue": "overdue",
    "due_today": "due",
    "not_yet_due": "not yet due",
    "in_progress": "in progress",
    "continuous": "continuous",
    "done": "done",
    "done_late": "done late",
    "undated": "no deadline",
}


#: The columns a reporting agency fills in, in this order (checklist md/csv/json/xlsx).
FILL_COLUMNS = ("state", "date", "evidence", "note")


def checklist_listing(result: Checklist) -> Listing:
    agency = result.agency
    quarter = str(result.quarter)
    records = []
    for item in result.items:
        assessment = item.assessment
        obligation = assessment.obligation
        measure = obligation.measure
        records.append(
            {
                "agency": agency.term,
                "quarter": quarter,
                "id": obligation.key,
                "measure": measure.id,
                "occurrence": obligation.occurrence,
                "role": item.involvement.role.value,
                "group": item.involvement.group,
                "text": measure.text,
                "items": list(measure.items),
                "deadline": obligation.deadline.as_dict(),
                "due": obligation.due.isoformat() if obligation.due else None,
                "standing": assessment.standing.value,
                "days_late": assessment.days_late,
                "updates_due": [u.date.isoformat() for u in item.updates],
                "last_status": assessment.status.as_dict() if assessment.status else None,
                **dict.fromkeys(FILL_COLUMNS, ""),
            }
        )
    reports = [
        {
            "kind": e.kind.value,
            "date": e.date.isoformat(),
            "recipient": e.rule.recipient if e.rule else None,
        }
        for e in result.reports
    ]
    heading = [
        f"Agency: {agency.term}" + (f" ({agency.expansion})" if agency.expansion else ""),
        f"Quarter: {result.quarter} ({result.quarter.start.isoformat()} to {result.quarter.end.isoformat()});"
        f" states as of {result.as_of.isoformat()}",
    ]
    heading += [f"Report due: {r['date']} ({r['kind']} to {r['recipient']})" for r in reports]
    if not reports:
        heading.append("Report due: none for this quarter under the decree's reporting rules")
    heading.append(f"Items: {len(records)}")
    heading.append(
        "Fill in: state (not_started, in_progress, partially_done or done), date (the day "
        "that state was reached, YYYY-MM-DD), evidence (document reference or URL), note."
    )
    return Listing(
        records=records,
        columns=(
            Column("agency", lambda r: r["agency"], table=False),
            Column("quarter", lambda r: r["quarter"], table=False),
            Column("id", lambda r: r["id"]),
            Column("measure", lambda r: r["measure"], table=False),
            Column("text", lambda r: full_text(r["text"], r["items"]), csv_get=lambda r: r["text"]),
            Column("items", lambda r: r["items"], table=False),
            Column("role", lambda r: r["role"] + (f" ({r['group']})" if r["group"] else "")),
            Column("deadline", lambda r: r["deadline"]["text"] or "(empty cell)"),
            Column("due", lambda r: r["due"]),
            Column(
                "standing",
                lambda r: (
                    CHECKLIST_STATES[r["standing"]]
                    + (f", {r['days_late']} days late" if r["days_late"] else "")
                    + (f"; update due {', '.join(r['updates_due'])}" if r["updates_due"] else "")
                ),
                csv_get=lambda r: r["standing"],
            ),
            Column("updates_due", lambda r: r["updates_due"], table=False),
            Column("last_status", lambda r: reported_label(r["last_status"])),
            *(Column(name, (lambda key: lambda r: r[key])(name)) for name in FILL_COLUMNS),
        ),
        title=f"plancli checklist: {agency.term}, {result.quarter}",
        heading=heading,
        empty="Nothing to report on for this quarter.",
        document={
            "agency": agency.as_dict(),
            "quarter": quarter,
            "start": result.quarter.start.isoformat(),
            "end": result.quarter.end.isoformat(),
            "as_of": result.as_of.isoformat(),
            "reports": reports,
            "items": records,
        },
    )


# --------------------------------------------------------------------- agenda


def agenda_listing(result: Agenda) -> Listing:
    """What falls due, day by day: one compact line per item; json/csv/ics keep every word."""
    records = []
    for item in result.items:
        record = event_record(item.event)
        standing = item.assessment.standing.value if item.assessment else None
        latest = item.assessment.status if item.assessment else None
        record.update(
            {
                "days_left": item.days_left,
                "state": standing,
                "last_status": latest.as_dict() if latest else None,
            }
        )
        records.append(record)
    agency = result.agencies[0] if len(result.agencies) == 1 else None
    rows = [event_row(i.event, agency=agency, state=i.assessment) for i in result.items]
    terms = ", ".join(e.term for e in result.agencies)
    scope = f" for {terms}" if terms else ""
    span = f"{result.as_of.isoformat()} to {result.end.isoformat()}"
    title = f"Agenda{scope}: {span} ({result.days} days)"
    empty = f"Nothing falls due{scope} from {span}."
    if result.next_due is not None:
        empty += f" The next item is due on {result.next_due.isoformat()}."
    elif result.last_due is not None:
        empty += f" The plan's last item{scope} fell due on {result.last_due.isoformat()}."
    notes = [f"{len(records)} items."] if records else []
    if result.overdue:
        notes.append(
            f"{result.overdue} obligations{scope} were already overdue on "
            f"{result.as_of.isoformat()} (plancli overdue lists them)."
        )

    def layout(width: int) -> list[Line]:
        if not rows:
            lines = wrap_text(empty, width)
        else:
            lines = [*wrap_text(title, width, "title"), ()]
            lines += eventrows.layout(
                rows, width=width, states=result.with_status, as_of=result.as_of
            )
        return [*lines, (), *(line for note in notes for line in wrap_text(note, width))]

    return Listing(
        records=records,
        columns=(
            # csv headers are the JSON keys of the same values
            Column("date", lambda r: r["date"]),
            Column("working_date", lambda r: r["working_date"]),
            Column("days_left", lambda r: r["days_left"]),
            Column("kind", lambda r: r["kind"]),
            Column("measure", lambda r: r["measure"]),
            Column("occurrence", lambda r: r["occurrence"]),
            Column("period", lambda r: r["period"]),
            Column("lead", lambda r: r["lead"] and executor_label(r["lead"])),
            Column("state", lambda r: r["state"]),
            Column("summary", lambda r: r["summary"]),
            Column("description", lambda r: r["description"]),
        ),
        title=title,
        empty=empty,
        document={
            "as_of": result.as_of.isoformat(),
            "from": result.as_of.isoformat(),
            "to": result.end.isoformat(),
            "agencies": [e.term for e in result.agencies],
            "overdue_before": result.overdue,
            "next_due": result.next_due.isoformat() if result.next_due else None,
            "items": records,
        },
        layout=layout,
    )


# ------------------------------------------------------ the quarterly report


def report_item(assessment: Assessment) -> dict[str, Any]:
    """One obligation in the report's lists (newly_done, newly_overdue, at_risk, conflicts)."""
    obligation = assessment.obligation
    latest = assessment.status
    return {
        "id": obligation.key,
        "measure": obligation.measure.id,
        "lead": executor_label(obligation.measure.lead.as_dict()),
        "due": obligation.due.isoformat() if obligation.due else None,
        "standing": assessment.standing.value,
        "days_late": assessment.days_late,
        "done_on": assessment.done_on.isoformat() if assessment.done_on else None,
        "state": latest.state.value if latest else None,
        "reported_by": latest.reported_by if latest else None,
        "date": latest.date.isoformat() if latest else None,
        "evidence": latest.evidence if latest else None,
        "text": obligation.measure.text,
    }


def report_document(report: QuarterlyReport) -> dict[str, Any]:
    """The JSON contract of ``plancli report`` (README, "The quarterly reporting loop")."""
    quarter = report.quarter

    def agency(row: AgencyRow) -> dict[str, Any]:
        return {
            "agency": row.agency.term,
            "name": row.agency.expansion,
            "items": row.items,
            "reported": row.reported,
            "owes_report": row.owes_report,
            "done": row.done,
            "overdue": row.overdue,
            "at_risk": row.at_risk,
        }

    return {
        "quarter": str(quarter),
        "start": quarter.start.isoformat(),
        "end": quarter.end.isoformat(),
        "due": report.due.isoformat() if report.due else None,
        "recipient": report.recipient,
        "reporter": report.reporter,
        "counts": [
            {"section": s.section, "title": s.title, **s.counts, "total": s.total}
            for s in report.sections
        ],
        "totals": {**report.totals, "total": sum(report.totals.values())},
        "agencies": [agency(row) for row in report.agencies],
        "not_reported": [
            {"agency": r.agency.term, "name": r.agency.expansion, "items": r.items}
            for r in report.not_reported
        ],
        "newly_done": [report_item(a) for a in report.newly_done],
        "newly_overdue": [report_item(a) for a in report.newly_overdue],
        "at_risk": [report_item(a) for a in report.at_risk],
        "conflicts": [
            {
                **report_item(c.assessment),
                "quarter": c.quarter,
                "reports": [
                    {
                        "reported_by": e.reported_by,
                        "lead": lead,
                        "state": e.state.value,
                        "date": e.date.isoformat(),
                        "evidence": e.evidence,
                    }
                    for e, lead in c.reports
                ],
            }
            for c in report.conflicts
        ],
    }


def report_listing(report: QuarterlyReport) -> Listing:
    """The report as a listing: json prints the whole document, markdown renders it all."""
    document = report_document(report)
    return Listing(
        records=document["counts"],
        columns=[Column("section", lambda r: r["section"]), Column("title", lambda r: r["title"])]
        + [Column(k, (lambda key: lambda r: r[key])(k)) for k in (*REPORT_COUNTS, "total")],
        title=f"Report on the implementation of decree No. 170's plan, {report.quarter}",
        document=document,
    )


# ------------------------------------------------------------------ changes

CHANGE_LABELS = {
    "became_overdue": "became overdue",
    "done": "done",
    "done_late": "done late",
    "became_due": "became due",
}


def changes_listing(result: Changes) -> Listing:
    records = []
    for change in result.items:
        record = report_item(change.after)
        records.append({"change": change.kind, "before": change.before.standing.value, **record})
    counts = result.counts
    summary = ", ".join(f"{counts[k]} {CHANGE_LABELS[k]}" for k in CHANGE_LABELS)
    return Listing(
        records=records,
        columns=(
            Column("change", lambda r: CHANGE_LABELS[r["change"]], csv_get=lambda r: r["change"]),
            Column("id", lambda r: r["id"]),
            Column("lead", lambda r: r["lead"]),
            Column("due", lambda r: r["due"]),
            Column("before", lambda r: r["before"]),
            Column("days_late", lambda r: r["days_late"]),
            Column("done_on", lambda r: r["done_on"]),
            Column(
                "reported",
                lambda r: reported_label(
                    {"state": r["state"], "reported_by": r["reported_by"], "date": r["date"]}
                    if r["state"]
                    else None
                ),
            ),
            Column("text", lambda r: r["text"], max_chars=60),
        ),
        title=f"Changes from {result.start.isoformat()} to {result.end.isoformat()}",
        notes=[f"{summary}."],
        empty=f"Nothing changed from {result.start.isoformat()} to {result.end.isoformat()}.",
        document={
            "from": result.start.isoformat(),
            "to": result.end.isoformat(),
            "counts": counts,
            "items": records,
        },
    )
