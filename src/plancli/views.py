"""Turning query results into listings: typed records and their table columns.

Each ``*_listing`` function takes core results and returns a
``Listing[SomeRecord]``: records whose shapes (the README's "JSON output"
contracts) are the TypedDicts of :mod:`plancli.records`, and the columns that
table, csv and markdown show of them. Columns are typed by their record, so
mypy checks every key they read.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, Literal, TypedDict, TypeVar, get_args

from plancli.agencies import Involvement
from plancli.glossary import Entry
from plancli.plan import BY_AGREEMENT
from plancli.record_builders import (
    deadline_record,
    entry_record,
    executor_record,
    involvement_record,
    measure_record,
    status_record,
)
from plancli.render import Column, Listing
from plancli.render.labels import (
    STANDING_HEADERS_SHORT,
    STANDING_LABELS,
    full_text,
    reported_label,
)
from plancli.render.styled import Line, wrap_text
from plancli.tracking import Assessment, PhraseUse, ProgressRow

if TYPE_CHECKING:
    # only the commands that show them import these (start-up time of the others)
    from plancli.agencies import AgencyScope
    from plancli.agency_progress import AgencyProgress, AgencyProgressView
    from plancli.agenda import Agenda
    from plancli.quarterly import AgencyRow, Changes, QuarterlyReport
    from plancli.queries.agencies import AgencySummary
    from plancli.queries.calendar import CalendarView
    from plancli.queries.checklist import Checklist
    from plancli.queries.glossary import GlossaryUse
    from plancli.queries.overdue import OverdueView
    from plancli.queries.progress import SectionProgressView
    from plancli.queries.selection import Selection
    from plancli.queries.show import ShownMeasure
    from plancli.records import (
        AgencyProgressDocument,
        AgencyProgressRecord,
        AgencyRecord,
        AgendaDocument,
        AgendaRecord,
        AssessmentRecord,
        CalendarDocument,
        ChecklistDocument,
        ChecklistItemRecord,
        DeadlineRecord,
        EventRecord,
        ExecutorRecord,
        ExpansionRecord,
        FilterRecord,
        GlossaryRecord,
        InvolvementRecord,
        MeasureRecord,
        OverdueDocument,
        PhraseRecord,
        ProgressDocument,
        ProgressRecord,
        ReportDueRecord,
        SelectionRecord,
        ShowDocument,
        ShowExecutorRecord,
        ShowRecord,
        StandingCounts,
        TextExpansionRecord,
    )
    from plancli.render import eventrows, monthgrid
    from plancli.schedule import Event


def scope_record(scope: AgencyScope | None) -> FilterRecord | None:
    """The JSON contract of the agency filter: every requested agency and the role flags."""
    if scope is None:
        return None
    return {"agencies": list(scope.terms), "lead": scope.lead, "direct": scope.direct}


def _qualifiers(scope: AgencyScope | None) -> str:
    if scope is None:
        return ""
    return ", ".join(
        q for q, on in (("lead only", scope.lead), ("direct only", scope.direct)) if on
    )


def roles_text(roles: list[InvolvementRecord], *, named: bool) -> list[str]:
    """``lead``, ``via group (укук коргоо органдары)``; ``ЮМ: lead`` when several agencies."""
    return [
        (f"{r['agency']}: " if named else "")
        + r["role"]
        + (f" ({r['group']})" if r["group"] else "")
        for r in roles
    ]


def executor_label(executor: ExecutorRecord | ShowExecutorRecord) -> str:
    """An executor in the decree's own notation: ``БШК (макулдашуу боюнча)``."""
    suffix = f" {BY_AGREEMENT}" if executor["by_agreement"] else ""
    return f"{executor['name']}{suffix}"


def due_label(record: MeasureRecord) -> str:
    """A measure's due date(s) in a table cell: a date, "31 Dec yearly", or why none."""
    dates = record["due_dates"]
    if len(dates) > 1:
        return "31 Dec yearly"
    if dates:
        return dates[0]
    return "continuous" if record["deadline"]["kind"] == "continuous" else "undated"


def due_meaning(record: MeasureRecord) -> str | None:
    """Colour a due cell that has no date: continuous or undated."""
    return None if record["due_dates"] else due_label(record)


# ------------------------------------------------- columns several listings share

T = TypeVar("T")

StandingKey = Literal[
    "done",
    "done_late",
    "in_progress",
    "overdue",
    "due_today",
    "not_yet_due",
    "continuous",
    "undated",
]


class _TermFields(TypedDict):
    term: str
    alias_of: str | None


class _ProvenanceFields(TypedDict):
    provenance: str
    certainty: str | None


def standing_count(
    key: StandingKey, header: str | None = None, *, table: bool = True, drop: int = 0
) -> Column[StandingCounts]:
    """A count of one standing: right-aligned, coloured by the standing when not zero."""
    return Column(
        header or STANDING_LABELS[key],
        lambda r: r[key],
        key=key,
        right=True,
        meaning=lambda r: key if r[key] else None,
        table=table,
        drop=drop,
    )


def deadline_column(
    text: Callable[[T], str | None],
    *,
    empty: str,
    max_chars: int | None = None,
    flex: int = 0,
    drop: int = 0,
    min_width: int = 0,
) -> Column[T]:
    """The deadline phrase as written, ``empty`` for an empty cell (csv: an empty cell)."""
    return Column(
        "deadline",
        lambda r: text(r) or empty,
        csv_get=text,  # json null: an empty csv cell
        max_chars=max_chars,
        flex=flex,
        drop=drop,
        min_width=min_width,
    )


def term_column(*, flex: int = 0, min_width: int = 0) -> Column[_TermFields]:
    """A glossary term, ``МФ → ФМ`` for an alias."""
    return Column(
        "term",
        lambda r: r["term"] + (f" → {r['alias_of']}" if r["alias_of"] else ""),
        csv_get=lambda r: r["term"],
        flex=flex,
        min_width=min_width,
    )


def provenance_column(
    *, flex: int = 0, drop: int = 0, min_width: int = 0
) -> Column[_ProvenanceFields]:
    """``decree``, ``added, inferred``: where an entry comes from and how sure it is."""
    return Column(
        "provenance",
        lambda r: r["provenance"] + (f", {r['certainty']}" if r["certainty"] else ""),
        csv_get=lambda r: r["provenance"],
        flex=flex,
        drop=drop,
        min_width=min_width,
    )


MEASURE_COLUMNS: tuple[Column[MeasureRecord], ...] = (
    Column("id", lambda r: r["id"]),
    Column("section", lambda r: r["section"], table=False),
    Column("task", lambda r: r["task"], table=False),
    deadline_column(
        lambda r: r["deadline"]["text"], empty="(empty)", max_chars=40, flex=1, drop=2, min_width=18
    ),
    Column("due", due_label, csv=False, meaning=due_meaning),
    Column("due_dates", lambda r: r["due_dates"], table=False),
    Column(
        "lead", lambda r: executor_label(r["executors"][0]), csv=False, flex=1, drop=1, min_width=10
    ),
    Column("executors", lambda r: [executor_label(e) for e in r["executors"]], table=False),
    Column("measure", lambda r: r["text"], max_chars=90, key="text", flex=4, min_width=24),
    Column("items", lambda r: r["items"], table=False),
    Column("results", lambda r: r["results"], table=False),
)


# ------------------------------------------------------------------ deadlines


def deadlines_listing(uses: list[PhraseUse]) -> Listing[PhraseRecord]:
    records: list[PhraseRecord] = [
        {
            **deadline_record(use.deadline),
            "due_dates": [d.isoformat() for _, d in use.deadline.due_dates()],
            "measures": list(use.measures),
        }
        for use in uses
    ]
    columns: tuple[Column[PhraseRecord], ...] = (
        Column(
            "phrase",
            lambda r: r["text"] if r["text"] is not None else "(empty cell)",
            csv_get=lambda r: r["text"],
            key="text",
            flex=3,
            min_width=20,
        ),
        Column(
            "kind",
            lambda r: r["kind"] + (" → continuous" if r["then"] else ""),
            csv_get=lambda r: r["kind"],
            meaning=lambda r: {"continuous": "continuous", "none": "undated"}.get(r["kind"]),
        ),
        Column("then", lambda r: r["then"], table=False),
        Column("start", lambda r: r["start"], table=False),
        Column("due", lambda r: _due_text(r), csv=False),
        Column("end", lambda r: r["end"], table=False),
        Column("due_dates", lambda r: r["due_dates"], table=False),
        Column("cadence", lambda r: r["cadence"]),
        Column("cadence_text", lambda r: r["cadence_text"], table=False),
        Column("action", lambda r: r["action"], table=False),
        Column("qualifier", lambda r: r["qualifier"], table=False),
        Column("measures", lambda r: r["measures"], max_chars=60, flex=1, drop=1),
    )
    return Listing(
        records=records,
        columns=columns,
        notes=[f"{len(records)} distinct deadline phrases"],
    )


def _due_text(record: PhraseRecord) -> str:
    dates = record["due_dates"]
    if len(dates) > 1:
        return "31 Dec yearly"
    return dates[0] if dates else ""


# -------------------------------------------------------------------- overdue


class RecordMemo:
    """Records already built, by object: a large plan repeats a few dozen
    deadlines and bodies thousands of times."""

    def __init__(self) -> None:
        self.deadlines: dict[int, DeadlineRecord] = {}
        self.leads: dict[int, ExecutorRecord] = {}


def assessment_record(
    assessment: Assessment,
    involvements: tuple[Involvement, ...] = (),
    memo: RecordMemo | None = None,
) -> AssessmentRecord:
    """The JSON contract of one assessed obligation."""
    obligation = assessment.obligation
    measure = obligation.measure
    memo = memo or RecordMemo()
    deadline = memo.deadlines.get(id(obligation.deadline))
    if deadline is None:
        deadline = memo.deadlines[id(obligation.deadline)] = deadline_record(obligation.deadline)
    lead = memo.leads.get(id(measure.lead))
    if lead is None:
        lead = memo.leads[id(measure.lead)] = executor_record(measure.lead)
    record: AssessmentRecord = {
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
        "last_status": status_record(assessment.status) if assessment.status else None,
    }
    if involvements:
        # "role": the first requested agency's (kept for single-agency readers)
        record["roles"] = [involvement_record(i) for i in involvements]
        record["role"] = record["roles"][0]
    return record


def overdue_listing(view: OverdueView) -> Listing[AssessmentRecord, OverdueDocument]:
    findings = view.findings
    involvements = view.involvements
    memo = RecordMemo()
    records = [
        assessment_record(a, involvements.get(a.obligation.measure.id, ()), memo)
        for a in findings.items
    ]
    agency = view.scope.label() if view.scope else None
    several = bool(view.scope and len(view.scope.agencies) > 1)
    counts = findings.counts
    summary = ", ".join(
        f"{counts[key]} {STANDING_LABELS[key]}" for key in STANDING_LABELS if counts.get(key)
    )
    notes = [f"As of {findings.as_of.isoformat()}: {summary}."]
    if counts["undated"] and not any(r["status"] == "undated" for r in records):
        notes.append("Undated measures (empty deadline cell) are not listed: --include-undated.")
    columns: list[Column[AssessmentRecord]] = [
        Column(
            "status",
            lambda r: STANDING_LABELS[r["status"]],
            csv_get=lambda r: r["status"],
            meaning=lambda r: r["status"],
        ),
        Column("id", lambda r: r["id"]),
        Column("measure", lambda r: r["measure"], table=False),
        Column("lead", lambda r: executor_label(r["lead"]), flex=1, drop=1, min_width=10),
    ]
    if involvements:
        columns.append(
            Column(
                "role",
                lambda r: roles_text(r.get("roles", []), named=several),
                max_chars=40,
                key="roles",
                flex=1,
                drop=3,
                min_width=9,
            )
        )
    columns += [
        deadline_column(
            lambda r: r["deadline"]["text"],
            empty="(empty cell)",
            max_chars=45,
            flex=1,
            drop=2,
            min_width=18,
        ),
        Column("due", lambda r: r["due"]),
        Column("days late", lambda r: r["days_late"], key="days_late", right=True),
        Column("done on", lambda r: r["done_on"], key="done_on"),
    ]
    if any(r["last_status"] for r in records):
        # the latest report and who made it: 3.1 "partially_done (ЮМ, 2016-06-01)"
        columns.append(
            Column(
                "reported",
                lambda r: reported_label(r["last_status"]),
                csv=False,
                flex=1,
                drop=3,
                min_width=16,
            )
        )
    columns.append(
        Column("measure", lambda r: r["text"], max_chars=60, key="text", flex=3, min_width=24)
    )
    document: OverdueDocument = {
        "as_of": findings.as_of.isoformat(),
        "agency": agency,
        "filter": scope_record(view.scope),
        "caveats": list(view.caveats),
        "counts": counts,
        "items": records,
    }
    return Listing(
        records=records,
        columns=columns,
        title=f"Overdue as of {findings.as_of.isoformat()}" + (f" — {agency}" if agency else ""),
        notes=notes,
        empty=f"Nothing overdue or due as of {findings.as_of.isoformat()}.",
        document=document,
    )


# ------------------------------------------------------------------- progress


def progress_record(row: ProgressRow) -> ProgressRecord:
    counts = row.counts
    return {
        "group": row.group,
        "title": row.title,
        "done": counts["done"],
        "done_late": counts["done_late"],
        "in_progress": counts["in_progress"],
        "overdue": counts["overdue"],
        "due_today": counts["due_today"],
        "not_yet_due": counts["not_yet_due"],
        "continuous": counts["continuous"],
        "undated": counts["undated"],
        "total": row.total,
        "reported": row.reported,
        "reported_by": dict(sorted(row.reporters.items(), key=lambda kv: (-kv[1], kv[0]))),
    }


def progress_listing(view: SectionProgressView) -> Listing[ProgressRecord, ProgressDocument]:
    records = [progress_record(row) for row in view.rows]
    # without a status file nothing is done or in progress: those columns would be zeros
    shown = {k for k in ("done", "done_late", "in_progress") if any(r[k] for r in records)}

    columns: list[Column[ProgressRecord]] = [
        Column("section", lambda r: r["group"], key="group"),
        Column("title", lambda r: r["title"], max_chars=40, flex=1, drop=1, min_width=16),
        standing_count("done", table="done" in shown),
        standing_count("done_late", "done late", table="done_late" in shown),
        standing_count("in_progress", table="in_progress" in shown),
        standing_count("overdue"),
        standing_count("due_today"),
        standing_count("not_yet_due"),
        # at 80 columns with a status file, left out (and named) before the title goes
        standing_count("continuous", drop=2),
        standing_count("undated"),
        Column("total", lambda r: r["total"], right=True),
    ]
    has_reports = any(r["reported"] for r in records)
    # how many obligations have a report, and whose the latest ones are
    columns.append(Column("reported", lambda r: r["reported"], table=has_reports, right=True))
    if has_reports:
        columns.append(
            Column(
                "latest by",
                lambda r: ", ".join(f"{k or 'by hand'} {v}" for k, v in r["reported_by"].items()),
                csv=False,
                flex=1,
                drop=3,
                min_width=10,
            )
        )
    scope = f" — {view.scope.label()}" if view.scope else ""
    document: ProgressDocument = {
        "as_of": view.as_of.isoformat(),
        "by": "section",
        "filter": scope_record(view.scope),
        "caveats": list(view.caveats),
        "rows": records,
    }
    return Listing(
        records=records,
        columns=columns,
        title=f"Progress as of {view.as_of.isoformat()}, by section{scope}",
        notes=["Counts are of obligations: each year of an annual measure counts once."],
        document=document,
    )


#: The record keys of the standings, in the records' order.
_STANDINGS: tuple[StandingKey, ...] = get_args(StandingKey)


def agency_progress_record(row: AgencyProgress) -> AgencyProgressRecord:
    """One ``progress --by agency`` row (``agency`` None: the totals)."""
    from plancli.agencies import Role
    from plancli.tracking import Standing

    counts = {k: row.counts[Standing(k)] for k in _STANDINGS}
    return {
        "agency": row.entry.term if row.entry else None,
        "title": (row.entry.expansion or "") if row.entry else "all (distinct obligations)",
        "lead": row.roles[Role.lead],
        "co_executor": row.roles[Role.co_executor],
        "via_group": row.roles[Role.via_group],
        "done": counts["done"],
        "done_late": counts["done_late"],
        "in_progress": counts["in_progress"],
        "overdue": counts["overdue"],
        "due_today": counts["due_today"],
        "not_yet_due": counts["not_yet_due"],
        "continuous": counts["continuous"],
        "undated": counts["undated"],
        "total": row.total,
        "done_pct": row.percent(row.done),
        "overdue_pct": row.percent(row.counts[Standing.overdue]),
        "reported": row.reported,
        "by_role": {
            role.value: {k: row.by_role[role][Standing(k)] for k in _STANDINGS} for role in Role
        },
    }


def _pct(value: float | None) -> str:
    """A table's percentage: whole numbers keep 14 count columns inside 80 (json has all)."""
    return "" if value is None else f"{value:.0f}%"


def _pct_column(
    header: str, key: Literal["done_pct", "overdue_pct"]
) -> Column[AgencyProgressRecord]:
    """A percentage: whole in the table, as computed in csv and json."""
    return Column(
        header,
        lambda r: _pct(r[key]),
        csv_get=lambda r: _number(r[key]),
        key=key,
        right=True,
    )


def _number(value: float | None) -> float | int | None:
    """A percentage for csv/xlsx: whole numbers without ".0" (as spreadsheets read them back)."""
    return int(value) if value is not None and value.is_integer() else value


_ZERO_UNLESS_STATUS = ("done", "done_late", "in_progress")


#: At 80 columns a row cannot hold every count and a readable name: after the split by role,
#: these go, whole, higher first (ties: the rightmost), and the table says so. The standings
#: that measure progress (done, overdue, due today…) and the percentages stay.
_AGENCY_DROP = {"continuous": 2, "undated": 1, "not_yet_due": 1}


def _agency_count(key: StandingKey, *, table: bool = True) -> Column[StandingCounts]:
    header = STANDING_HEADERS_SHORT.get(key)
    return standing_count(key, header, table=table, drop=_AGENCY_DROP.get(key, 0))


def agency_progress_listing(
    view: AgencyProgressView,
) -> Listing[AgencyProgressRecord, AgencyProgressDocument]:
    records = [agency_progress_record(row) for row in view.rows]
    totals = agency_progress_record(view.totals)
    roles = "lead only" if view.lead else "lead and co-executor" if view.direct else "all roles"
    columns: list[Column[AgencyProgressRecord]] = [
        Column(
            "agency",
            lambda r: r["agency"] if r["agency"] is not None else "TOTAL",
            csv_get=lambda r: r["agency"],
            flex=2,
            min_width=17,  # "Башкы прокуратура", "Өкмөттүн Аппараты" whole
        ),
        Column("title", lambda r: r["title"], table=False),
        # the split by role goes first when the width is short (the standings stay)
        Column("lead", lambda r: r["lead"], right=True, drop=3),
        Column("co-executor", lambda r: r["co_executor"], key="co_executor", right=True, drop=3),
        Column("via group", lambda r: r["via_group"], key="via_group", right=True, drop=3),
    ]
    # without a status file nothing is done or in progress: those columns would be zeros
    counted: tuple[StandingKey, ...] = (
        "done",
        "done_late",
        "in_progress",
        "overdue",
        "due_today",
        "not_yet_due",
    )
    for key in counted:
        columns.append(
            _agency_count(
                key,
                table=key not in _ZERO_UNLESS_STATUS or any(r[key] for r in records),
            )
        )
    columns += [
        _agency_count("continuous"),
        _agency_count("undated"),
        Column("total", lambda r: r["total"], right=True),
        _pct_column("done %", "done_pct"),
        _pct_column("overdue %", "overdue_pct"),
        # who sent reports: only with a status file (else all zeros)
        Column(
            "reported",
            lambda r: r["reported"],
            right=True,
            drop=2,
            table=any(r["reported"] for r in records),
        ),
    ]
    scope = f", {', '.join(view.agencies)}" if view.agencies else ""
    document: AgencyProgressDocument = {
        "as_of": view.as_of.isoformat(),
        "by": "agency",
        "filter": {
            "agencies": list(view.agencies) if view.agencies is not None else None,
            "lead": view.lead,
            "direct": view.direct,
        },
        "sort": view.sort.value,
        "caveats": list(view.caveats),
        "rows": records,
        "totals": totals,
    }
    return Listing(
        records=[*records, totals] if records else [],
        columns=columns,
        title=f"Progress as of {view.as_of.isoformat()}, by agency ({roles}{scope})",
        notes=[
            "Counts are of obligations: each year of an annual measure counts once. "
            "lead / co-executor / via group split each row by the body's role; "
            "done % counts done and done late.",
            "A measure counts in the row of every body responsible for it, so the rows add "
            "up to more than TOTAL, which counts each obligation once.",
        ],
        empty="No body is responsible for a measure with these options.",
        document=document,
    )


# ----------------------------------------------------------- agency queries


def selection_listing(selections: list[Selection]) -> Listing[SelectionRecord]:
    records: list[SelectionRecord] = []
    for selection in selections:
        # a measure record, and "roles" only with --agency
        record: SelectionRecord = {**measure_record(selection.measure, selection.deadline)}  # type: ignore[typeddict-item]
        if selection.involvements:
            record["roles"] = [involvement_record(i) for i in selection.involvements]
        records.append(record)
    columns: list[Column[SelectionRecord]] = list(MEASURE_COLUMNS)
    several = len({i["agency"] for r in records for i in r.get("roles", [])}) > 1
    if any("roles" in r for r in records):
        columns.insert(
            1,
            Column(
                "role",
                lambda r: roles_text(r.get("roles", []), named=several),
                max_chars=40,
                key="roles",
                flex=1,
                drop=3,
                min_width=9,
            ),
        )
    return Listing(
        records=records,
        columns=columns,
        notes=[f"{len(records)} measure{'s' if len(records) != 1 else ''}"],
        empty="no measures match",
    )


def show_document(shown: ShownMeasure) -> ShowDocument:
    """Everything about one measure (or one year of it): the JSON contract of `plancli show`."""
    measure, deadline, occurrence = shown.measure, shown.deadline, shown.occurrence
    executors: list[ShowExecutorRecord] = [
        {
            **executor_record(named.executor),
            "role": "lead" if named.executor.lead else "co-executor",
            "term": named.term,
            "expansion": named.expansion,
            "certainty": named.certainty,
            "group_members": list(named.group_members),
        }
        for named in shown.executors
    ]
    base = measure_record(measure, deadline)
    if occurrence is not None:
        due = occurrence.due.isoformat() if occurrence.due else None
    else:
        due = base["due_dates"][0] if len(base["due_dates"]) == 1 else None
    return {
        "id": base["id"],
        "section": base["section"],
        "task": base["task"],
        "text": base["text"],
        "items": base["items"],
        "deadline": deadline_record(deadline),
        "due_dates": base["due_dates"],
        "occurrence": occurrence.occurrence if occurrence else None,
        "due": due,
        "as_of": shown.as_of.isoformat() if shown.as_of else None,
        "standings": [assessment_record(a) for a in shown.standings],
        "executors": executors,
        "executors_note": base["executors_note"],
        "results": base["results"],
        "notes": base["notes"],
        "section_title": shown.section_title,
        "task_title": shown.task_title,
        "row": list(measure.row),
        "merged_from": dict(measure.merged_from),
        "slips": [{"cell": s.cell, "source": s.source, "note": s.note} for s in measure.slips],
    }


def agencies_listing(summaries: list[AgencySummary]) -> Listing[AgencyRecord]:
    records: list[AgencyRecord] = [
        {
            **entry_record(s.entry),
            "names_in_plan": list(s.names),
            "lead": s.lead,
            "co_executor": s.co_executor,
            "via_group": s.via_group,
            "by_agreement": s.by_agreement,
            "acts_by_agreement": s.acts_by_agreement,
            "total": s.total,
        }
        for s in summaries
    ]
    columns: tuple[Column[AgencyRecord], ...] = (
        Column("agency", lambda r: r["term"], key="term", flex=2, min_width=20),
        Column(
            "full name",
            lambda r: r["expansion"] or f"({r['certainty']})",
            max_chars=50,
            key="expansion",
            flex=3,
            drop=1,
            min_width=20,
            csv_get=lambda r: r["expansion"],
        ),
        Column("provenance", lambda r: r["provenance"], table=False),
        Column("certainty", lambda r: r["certainty"], table=False),
        Column(
            "written as",
            lambda r: r["names_in_plan"],
            max_chars=30,
            key="names_in_plan",
            flex=1,
            drop=2,
            min_width=16,
        ),
        Column("lead", lambda r: r["lead"], right=True),
        Column("co-executor", lambda r: r["co_executor"], key="co_executor", right=True),
        Column("via group", lambda r: r["via_group"], key="via_group", right=True),
        Column("by agreement", lambda r: r["by_agreement"], key="by_agreement", right=True),
        Column("acts_by_agreement", lambda r: r["acts_by_agreement"], table=False),
        Column("total", lambda r: r["total"], right=True),
    )
    return Listing(
        records=records,
        columns=columns,
        notes=[f"{len(records)} bodies responsible for at least one measure."],
    )


def expansion_listing(found: list[tuple[str, Entry, Entry]]) -> Listing[ExpansionRecord]:
    records: list[ExpansionRecord] = [
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
    columns: tuple[Column[ExpansionRecord], ...] = (
        Column("query", lambda r: r["query"], table=False),
        term_column(),
        Column("alias_of", lambda r: r["alias_of"], table=False),
        Column(
            "expansion",
            lambda r: r["expansion"] or f"({r['certainty']}: no expansion)",
            csv_get=lambda r: r["expansion"],
            flex=1,
        ),
        provenance_column(),
        Column("certainty", lambda r: r["certainty"], table=False),
        Column("kind", lambda r: r["kind"], table=False),
    )
    # the full name is what one asks expand for: wrapped, never shortened
    return Listing(records=records, columns=columns, wide=True)


def text_expansion_listing(text: str, expanded: str) -> Listing[TextExpansionRecord]:
    """``expand --text``: the text with expansions; json/csv give ``{text, expansion}``."""
    record: TextExpansionRecord = {"text": text, "expansion": expanded}
    columns: tuple[Column[TextExpansionRecord], ...] = (
        Column("text", lambda r: r["text"]),
        Column("expansion", lambda r: r["expansion"]),
    )
    return Listing(records=[record], columns=columns, document=record, text=expanded)


def glossary_listing(uses: list[GlossaryUse]) -> Listing[GlossaryRecord]:
    records: list[GlossaryRecord] = [
        {
            **entry_record(u.entry),
            "as_executor": u.as_executor,
            "in_text": u.in_text,
            "via_aliases": u.via_aliases,
        }
        for u in uses
    ]
    columns: tuple[Column[GlossaryRecord], ...] = (
        term_column(flex=2, min_width=16),
        Column("alias_of", lambda r: r["alias_of"], table=False),
        Column("expansion", lambda r: r["expansion"], max_chars=70, flex=3, drop=1, min_width=20),
        Column("kind", lambda r: r["kind"]),
        Column("part of", lambda r: r["part_of"], key="part_of"),
        provenance_column(flex=1, drop=3, min_width=18),  # whole or not at all
        Column("certainty", lambda r: r["certainty"], table=False),
        Column("as executor", lambda r: r["as_executor"], key="as_executor", right=True),
        Column("in text", lambda r: r["in_text"], key="in_text", right=True),
        Column("via alias", lambda r: r["via_aliases"], key="via_aliases", right=True),
    )
    return Listing(
        records=records,
        columns=columns,
        notes=[f"{len(records)} entries"],
        empty="no glossary entries match",
    )


def _standing_lines(document: ShowDocument) -> list[str]:
    """``As of 2016-12-31: 1.2@2016 due today``: show's judgement, with --as-of or --status."""
    if document["as_of"] is None:
        return []
    lines = [f"  as of {document['as_of']}:"]
    for item in document["standings"]:
        done = f" on {item['done_on']}" if item["done_on"] else ""
        late = f", {item['days_late']} days late" if item["days_late"] else ""
        last = item["last_status"]
        known = f"; last status: {reported_label(last)}" if last else ""
        lines.append(f"    {item['id']}: {STANDING_LABELS[item['status']]}{done}{late}{known}")
    return lines


def show_listing(shown: ShownMeasure) -> Listing[ShowRecord, ShowDocument]:
    document = show_document(shown)
    heading = [f"Measure {document['id']}"]
    if document["occurrence"]:
        heading = [
            f"Measure {document['id']}@{document['occurrence']}: the {document['occurrence']} "
            f"occurrence of an annual measure, due {document['due']}",
        ]
    lines = [
        *heading,
        f"Section {document['section']}: {document['section_title']}",
        f"Task {document['task']}: {document['task_title']}",
        "",
        document["text"],
        *(f"  - {item}" for item in document["items"]),
        "",
        "Deadline: " + (document["deadline"]["text"] or "(empty cell)"),
        "  reading: " + deadline_reading(document["deadline"]),
        *_standing_lines(document),
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
    flat: ShowRecord = {
        "id": document["id"],
        "section": document["section"],
        "task": document["task"],
        "text": document["text"],
        "deadline": document["deadline"]["text"],
        "due_dates": document["due_dates"],
        "occurrence": document["occurrence"],
        "due": document["due"],
        "executors": [executor_label(e) for e in document["executors"]],
        "results": document["results"],
    }
    columns: list[Column[ShowRecord]] = [
        Column("id", lambda r: r["id"]),
        Column("section", lambda r: r["section"]),
        Column("task", lambda r: r["task"]),
        Column("text", lambda r: r["text"]),
        Column("deadline", lambda r: r["deadline"]),
        Column("due_dates", lambda r: r["due_dates"]),
        Column("occurrence", lambda r: r["occurrence"]),
        Column("due", lambda r: r["due"]),
        Column("executors", lambda r: r["executors"]),
        Column("results", lambda r: r["results"]),
    ]
    return Listing(
        records=[flat],
        columns=columns,
        document=document,
        text="\n".join(lines),
    )


def deadline_reading(deadline: DeadlineRecord) -> str:
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


def event_record(event: Event) -> EventRecord:
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
        "lead": executor_record(event.measure.lead) if event.measure else None,
        "executors": [executor_label(executor_record(e)) for e in event.executors],
        "deadline_text": event.measure.deadline if event.measure else None,
        "deadline": deadline_record(event.deadline) if event.deadline else None,
        "description": event.description,
        "items": list(event.measure.items) if event.measure else [],
    }


def calendar_listing(
    view: CalendarView, *, as_of: dt.date | None = None
) -> Listing[EventRecord, CalendarDocument]:
    """Month grids and the events under them, one line each, grouped by day."""
    from plancli.render import eventrows, monthgrid

    records = [event_record(e) for e in view.events]
    grid = calendar_grid(view.events, view.start, view.end, as_of=as_of)
    rows = [event_row(e, agency=view.agency) for e in view.events]
    scope = f" for {view.scope.label()}" if view.scope else ""
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

    document: CalendarDocument = {
        "start": view.start.isoformat(),
        "end": view.end.isoformat(),
        "filter": scope_record(view.scope),
        "caveats": list(view.caveats),
        "events": records,
    }
    columns: list[Column[EventRecord]] = [
        Column("date", lambda r: r["date"]),
        Column(
            "working day",
            lambda r: r["working_date"] and f"{r['working_date']} ({r['day_off']})",
            csv=False,
        ),
        Column("working_date", lambda r: r["working_date"], table=False),
        Column("day_off", lambda r: r["day_off"], table=False),
        Column("kind", lambda r: r["kind"]),
        Column("item", lambda r: r["measure"] or r["period"], csv=False),
        Column("measure", lambda r: r["measure"], table=False),
        Column("period", lambda r: r["period"], table=False),
        Column("summary", lambda r: r["summary"], max_chars=50, flex=3),
        Column(
            "lead", lambda r: r["lead"] and executor_label(r["lead"]), max_chars=30, flex=1, drop=1
        ),
        Column("uid", lambda r: r["uid"], table=False),
    ]
    return Listing(
        records=records,
        columns=columns,
        title=title,
        empty=empty,
        layout=layout,
        document=document,
    )


def calendar_grid(
    found: Sequence[Event], start: dt.date, end: dt.date, *, as_of: dt.date | None = None
) -> monthgrid.CalendarGrid:
    """The days to mark in month grids: each event's marker on the day it falls due."""
    from plancli.render import monthgrid

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
    from plancli.render import eventrows

    marker = EVENT_MARKERS[event.kind.value][0]
    moved = f"(moved from {event.date.isoformat()}, {event.day_off})" if event.working_date else ""
    standing = state.standing.value if state else ""
    label = STANDING_LABELS.get(standing, "")
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
        executor_label(executor_record(event.measure.lead)),
        gist + event.measure.text,
        label,
        standing,
        moved,
    )


# ------------------------------------------------------------------ checklist

#: The columns a reporting agency fills in, in this order (checklist md/csv/json/xlsx).
FILL_COLUMNS = ("state", "date", "evidence", "note")


def checklist_listing(result: Checklist) -> Listing[ChecklistItemRecord, ChecklistDocument]:
    agency = result.agency
    several = len(result.agencies) > 1
    quarter = str(result.quarter)
    records: list[ChecklistItemRecord] = []
    for item in result.items:
        assessment = item.assessment
        obligation = assessment.obligation
        measure = obligation.measure
        records.append(
            {
                # the requested agency this item is for (the first one involved)
                "agency": item.involvement.agency or agency.term,
                "quarter": quarter,
                "id": obligation.key,
                "measure": measure.id,
                "occurrence": obligation.occurrence,
                "role": item.involvement.role.value,
                "group": item.involvement.group,
                "roles": [involvement_record(i) for i in item.involvements or (item.involvement,)],
                "text": measure.text,
                "items": list(measure.items),
                "deadline": deadline_record(obligation.deadline),
                "due": obligation.due.isoformat() if obligation.due else None,
                "standing": assessment.standing.value,
                "days_late": assessment.days_late,
                "updates_due": [u.date.isoformat() for u in item.updates],
                "last_status": status_record(assessment.status) if assessment.status else None,
                # FILL_COLUMNS, left empty for the agency
                "state": "",
                "date": "",
                "evidence": "",
                "note": "",
            }
        )
    reports: list[ReportDueRecord] = [
        {
            "kind": e.kind.value,
            "date": e.date.isoformat(),
            "recipient": e.rule.recipient if e.rule else None,
        }
        for e in result.reports
    ]
    heading = [
        ("Agencies: " if several else "Agency: ")
        + "; ".join(a.term + (f" ({a.expansion})" if a.expansion else "") for a in result.agencies)
        + (f" — {qualifiers}" if (qualifiers := _qualifiers(result.scope)) else ""),
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
    columns: tuple[Column[ChecklistItemRecord], ...] = (
        Column("agency", lambda r: r["agency"], table=False),
        Column("quarter", lambda r: r["quarter"], table=False),
        Column("id", lambda r: r["id"]),
        Column("measure", lambda r: r["measure"], table=False),
        Column("occurrence", lambda r: r["occurrence"], table=False),
        Column("text", lambda r: full_text(r["text"], r["items"]), csv_get=lambda r: r["text"]),
        Column("items", lambda r: r["items"], table=False),
        # csv: role and group as the json keys hold them; people read "via group (GROUP)"
        Column(
            "role", lambda r: roles_text(r["roles"], named=several), csv_get=lambda r: r["role"]
        ),
        Column("group", lambda r: r["group"], table=False),
        deadline_column(lambda r: r["deadline"]["text"], empty="(empty cell)"),
        Column("due", lambda r: r["due"]),
        Column(
            "standing",
            lambda r: (
                STANDING_LABELS[r["standing"]]
                + (f", {r['days_late']} days late" if r["days_late"] else "")
                + (f"; update due {', '.join(r['updates_due'])}" if r["updates_due"] else "")
            ),
            csv_get=lambda r: r["standing"],
        ),
        Column("days_late", lambda r: r["days_late"], table=False),
        Column("updates_due", lambda r: r["updates_due"], table=False),
        Column("last_status", lambda r: reported_label(r["last_status"])),
        Column("state", lambda r: r["state"]),
        Column("date", lambda r: r["date"]),
        Column("evidence", lambda r: r["evidence"]),
        Column("note", lambda r: r["note"]),
    )
    document: ChecklistDocument = {
        "agency": entry_record(agency),
        "agencies": [entry_record(a) for a in result.agencies],
        "filter": scope_record(result.scope),
        "caveats": list(result.caveats),
        "quarter": quarter,
        "start": result.quarter.start.isoformat(),
        "end": result.quarter.end.isoformat(),
        "as_of": result.as_of.isoformat(),
        "reports": reports,
        "items": records,
    }
    return Listing(
        records=records,
        columns=columns,
        title=f"plancli checklist: {', '.join(a.term for a in result.agencies)}, {result.quarter}",
        heading=heading,
        empty="Nothing to report on for this quarter.",
        document=document,
    )


# --------------------------------------------------------------------- agenda


def agenda_listing(result: Agenda) -> Listing[AgendaRecord, AgendaDocument]:
    """What falls due, day by day: one compact line per item; json/csv/ics keep every word."""
    from plancli.render import eventrows

    records: list[AgendaRecord] = []
    for item in result.items:
        standing = item.assessment.standing.value if item.assessment else None
        latest = item.assessment.status if item.assessment else None
        records.append(
            {
                **event_record(item.event),
                "days_left": item.days_left,
                "state": standing,
                "last_status": status_record(latest) if latest else None,
            }
        )
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

    columns: tuple[Column[AgendaRecord], ...] = (
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
    )
    document: AgendaDocument = {
        "as_of": result.as_of.isoformat(),
        "from": result.as_of.isoformat(),
        "to": result.end.isoformat(),
        "agencies": [e.term for e in result.agencies],
        "overdue_before": result.overdue,
        "next_due": result.next_due.isoformat() if result.next_due else None,
        "items": records,
    }
    return Listing(
        records=records,
        columns=columns,
        title=title,
        empty=empty,
        document=document,
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
        "lead": executor_label(executor_record(obligation.measure.lead)),
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
    from plancli.quarterly import COUNTS as REPORT_COUNTS

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
            Column("lead", lambda r: r["lead"], flex=1, drop=1, min_width=10),
            Column("due", lambda r: r["due"]),
            # at 80 columns the standing before goes (named) rather than the measure text
            Column("before", lambda r: r["before"], drop=1),
            Column("days late", lambda r: r["days_late"], key="days_late", right=True),
            Column("done on", lambda r: r["done_on"], key="done_on"),
            Column(
                "reported",
                lambda r: reported_label(
                    {"state": r["state"], "reported_by": r["reported_by"], "date": r["date"]}
                    if r["state"]
                    else None
                ),
                csv=False,
                flex=1,
                drop=2,
                min_width=16,
            ),
            # csv: the latest report's parts under their json keys
            Column("state", lambda r: r["state"], table=False),
            Column("reported_by", lambda r: r["reported_by"], table=False),
            Column("date", lambda r: r["date"], table=False),
            Column("text", lambda r: r["text"], max_chars=60, flex=3, min_width=20),
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
