"""The output records: every JSON contract of plancli, typed.

Each TypedDict below is one documented shape of ``--format json`` (README,
"JSON output"); csv, table and markdown columns read the same records, so
mypy checks every key a column reads (``Column[MeasureRecord]``). The shared
records are built by :mod:`plancli.record_builders`, the command-specific ones
in :mod:`plancli.views`: the domain knows nothing about output. Nothing here
runs at query time (the command line imports these types only for mypy).

tests/golden/ holds the records of the real plan as written; tests check
that every golden record has exactly the keys its TypedDict declares.
"""

from __future__ import annotations

from typing import TypedDict

# ------------------------------------------------------------ shared parts


class ExecutorRecord(TypedDict):
    name: str
    by_agreement: bool
    lead: bool


class OccurrenceRecord(TypedDict):
    occurrence: str
    due: str


class DeadlineRecord(TypedDict):
    """A deadline phrase and how plancli reads it."""

    text: str | None
    kind: str
    start: str | None
    end: str | None
    then: str | None
    cadence: str | None
    cadence_text: str | None
    action: str | None
    qualifier: str | None
    occurrences: list[OccurrenceRecord]


class DeadlineTextRecord(TypedDict):
    text: str | None
    kind: str


class InvolvementRecord(TypedDict):
    """How an agency is responsible for a measure."""

    #: The agency (glossary term) whose role this is.
    agency: str
    role: str
    executor: str
    by_agreement: bool
    group: str | None


class StatusRecord(TypedDict):
    """One dated entry of a status file."""

    id: str
    date: str
    state: str
    evidence: str | None
    note: str | None
    #: The body whose quarterly report this is (None: written by hand).
    reported_by: str | None
    #: The quarter that report covered, e.g. "2016Q4".
    quarter: str | None


class EntryRecord(TypedDict):
    """A glossary entry."""

    term: str
    expansion: str | None
    kind: str
    provenance: str
    certainty: str | None
    alias_of: str | None
    members: list[str]
    members_kind: str | None
    note: str | None
    #: The body this entry is a unit of (ККК: Мамлекеттик улуттук коопсуздук комитети).
    part_of: str | None


class ProblemRecord(TypedDict):
    """One problem found by ``plancli validate``."""

    file: str
    line: int | None
    column: int | None
    id: str | None
    code: str
    message: str


class FilterRecord(TypedDict):
    """The shared agency options: every requested agency and the role flags."""

    #: None: every responsible body (``progress --by agency`` without --agency).
    agencies: list[str] | None
    lead: bool
    direct: bool


# ---------------------------------------------------------------- measures


class MeasureRecord(TypedDict):
    """`plancli measures`: one measure."""

    id: str
    section: str
    task: int
    text: str
    items: list[str]
    deadline: DeadlineTextRecord
    #: Every due date of the measure (one per year for an annual one; none if undated).
    due_dates: list[str]
    executors: list[ExecutorRecord]
    executors_note: str | None
    results: list[str]
    notes: list[str]


class SelectionRecord(MeasureRecord, total=False):
    """`plancli measures --agency`: a measure with the agency's roles in it."""

    roles: list[InvolvementRecord]


class ShowExecutorRecord(TypedDict):
    name: str
    by_agreement: bool
    lead: bool
    role: str
    term: str | None
    expansion: str | None
    certainty: str | None
    group_members: list[str]


class SlipRecord(TypedDict):
    cell: str
    source: str
    note: str


class ShowDocument(TypedDict):
    """`plancli show --format json`: everything about one measure."""

    id: str
    section: str
    task: int
    text: str
    items: list[str]
    deadline: DeadlineRecord
    due_dates: list[str]
    #: The year an ``@YEAR`` id (``1.2@2016``) names; ``null`` for the whole measure.
    occurrence: str | None
    #: The due date of what is shown: that year's, or the measure's only one;
    #: ``null`` when it has none, or several (an annual measure shown whole).
    due: str | None
    #: With --as-of or --status: the day judged, and each obligation shown as
    #: `overdue` reports it (the year of ``1.2@2016``, or every year); else null and [].
    as_of: str | None
    standings: list[AssessmentRecord]
    executors: list[ShowExecutorRecord]
    executors_note: str | None
    results: list[str]
    notes: list[str]
    section_title: str | None
    task_title: str | None
    row: list[str]
    merged_from: dict[str, str]
    slips: list[SlipRecord]


class ShowRecord(TypedDict):
    """`plancli show --format csv`: one flat row."""

    id: str
    section: str
    task: int
    text: str
    deadline: str | None
    due_dates: list[str]
    occurrence: str | None
    due: str | None
    executors: list[str]
    results: list[str]


# ---------------------------------------------------------------- glossary


class AgencyRecord(EntryRecord):
    """`plancli agencies`: a responsible body and its counts of measures."""

    names_in_plan: list[str]
    lead: int
    co_executor: int
    via_group: int
    by_agreement: int
    #: The decree marks the body "(макулдашуу боюнча)" wherever it names it directly.
    acts_by_agreement: bool
    total: int


class TextExpansionRecord(TypedDict):
    """`plancli expand --text`."""

    text: str
    expansion: str


class ExpansionRecord(TypedDict):
    """`plancli expand`."""

    query: str
    term: str
    expansion: str | None
    alias_of: str | None
    provenance: str
    certainty: str | None
    kind: str


class GlossaryRecord(EntryRecord):
    """`plancli glossary`: an entry and how often the plan uses it."""

    as_executor: int
    in_text: int
    via_aliases: int


# ------------------------------------------------------- deadlines, status


class PhraseRecord(DeadlineRecord):
    """`plancli deadlines`: a distinct phrase and the measures using it."""

    due_dates: list[str]
    measures: list[str]


class _AssessmentFields(TypedDict):
    id: str
    measure: str
    occurrence: str | None
    status: str
    due: str | None
    days_late: int | None
    done_on: str | None
    lead: ExecutorRecord
    deadline: DeadlineRecord
    text: str
    last_status: StatusRecord | None


class AssessmentRecord(_AssessmentFields, total=False):
    """`plancli overdue`: one obligation and its standing (``roles`` with --agency;
    ``role`` is the first of them)."""

    role: InvolvementRecord
    roles: list[InvolvementRecord]


class OverdueDocument(TypedDict):
    """`plancli overdue --format json`."""

    as_of: str
    #: The requested agencies as a heading names them ("ЮМ, ИИМ (lead only)").
    agency: str | None
    filter: FilterRecord | None
    #: Edition caveats (a day before the amended text applied).
    caveats: list[str]
    counts: dict[str, int]
    items: list[AssessmentRecord]


class StandingCounts(TypedDict):
    """Obligations by standing: the count keys every progress row has."""

    done: int
    done_late: int
    in_progress: int
    overdue: int
    due_today: int
    not_yet_due: int
    continuous: int
    undated: int


class ProgressRecord(StandingCounts):
    """`plancli progress`: counts of obligations by standing in one group."""

    group: str
    title: str
    total: int
    #: Obligations with a status entry known on the day, and whose the latest ones are
    #: (``""``: entries written by hand).
    reported: int
    reported_by: dict[str, int]


class ProgressDocument(TypedDict):
    """`plancli progress --format json` (by section)."""

    as_of: str
    by: str
    filter: FilterRecord | None
    caveats: list[str]
    rows: list[ProgressRecord]


class AgencyProgressRecord(StandingCounts):
    """`plancli progress --by agency`: one body's obligations (``agency`` None: the totals)."""

    agency: str | None
    title: str
    lead: int
    co_executor: int
    via_group: int
    total: int
    done_pct: float | None
    overdue_pct: float | None
    #: obligations the body reported on itself (status entries with its reported_by);
    #: the totals: distinct obligations with any status entry
    reported: int
    #: role ("lead", "co-executor", "via group") -> standing -> obligations
    by_role: dict[str, dict[str, int]]


class AgencyProgressDocument(TypedDict):
    """`plancli progress --by agency --format json`."""

    as_of: str
    by: str
    filter: FilterRecord
    sort: str
    caveats: list[str]
    rows: list[AgencyProgressRecord]
    totals: AgencyProgressRecord


# ---------------------------------------------------------------- calendar


class EventRecord(TypedDict):
    """`plancli calendar`: one dated obligation."""

    uid: str
    date: str
    working_date: str | None
    day_off: str | None
    kind: str
    summary: str
    measure: str | None
    occurrence: str | None
    period: str | None
    rule: str | None
    lead: ExecutorRecord | None
    executors: list[str]
    deadline_text: str | None
    deadline: DeadlineRecord | None
    description: str
    #: The measure's sub-items ("- …" paragraphs after a text ending in ":"); [] for reports.
    items: list[str]


class CalendarDocument(TypedDict):
    """`plancli calendar --format json`."""

    start: str
    end: str
    filter: FilterRecord | None
    caveats: list[str]
    events: list[EventRecord]


class AgendaRecord(EventRecord):
    """`plancli agenda`: an event, its days left and its measure's state."""

    days_left: int
    state: str | None
    last_status: StatusRecord | None


#: `plancli agenda --format json` ("from" is a keyword, hence the call syntax)
AgendaDocument = TypedDict(
    "AgendaDocument",
    {
        "as_of": str,
        "from": str,
        "to": str,
        "agencies": list[str],
        "overdue_before": int,
        "next_due": str | None,
        "items": list[AgendaRecord],
    },
)


class ChecklistItemRecord(TypedDict):
    """`plancli checklist`: one obligation to report on; the agency fills in the last four."""

    agency: str
    quarter: str
    id: str
    measure: str
    occurrence: str | None
    role: str
    group: str | None
    #: Every requested agency's role (``role``/``group``: the first's).
    roles: list[InvolvementRecord]
    text: str
    items: list[str]
    deadline: DeadlineRecord
    due: str | None
    standing: str
    days_late: int | None
    updates_due: list[str]
    last_status: StatusRecord | None
    state: str
    date: str
    evidence: str
    note: str


class ReportDueRecord(TypedDict):
    kind: str
    date: str
    recipient: str | None


class ChecklistDocument(TypedDict):
    """`plancli checklist --format json`."""

    #: The first requested agency (``agencies``: all of them).
    agency: EntryRecord
    agencies: list[EntryRecord]
    filter: FilterRecord | None
    caveats: list[str]
    quarter: str
    start: str
    end: str
    as_of: str
    reports: list[ReportDueRecord]
    items: list[ChecklistItemRecord]


# -------------------------------------------------------------------- diff


class ChangeRecord(TypedDict):
    """`plancli diff`: one meaning-level change between two plans."""

    kind: str
    id: str | None
    old_id: str | None
    #: ``"text"``, ``"deadline"``, ``"lead"``…; ``None`` for a whole thing, ``"id"`` for a renumbering.
    field: str | None
    #: JSON values only (a text, a list of names, ``{"phrase", "due"}``…).
    before: object
    after: object


class OverdueDeltaRecord(TypedDict):
    as_of: str
    #: Overdue under the new plan but not the old, and back.
    added: list[str]
    removed: list[str]


class DiffDocument(TypedDict):
    """`plancli diff --format json`."""

    changes: list[ChangeRecord]
    overdue: OverdueDeltaRecord
