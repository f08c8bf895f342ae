"""The plan as normalised tables, for open-data exports (Data Package, SQLite).

One query, :func:`open_data`, turns a validated dataset (and optionally a
status log) into :class:`Table` records: typed fields with enums, primary
and foreign keys, and rows of plain values. The writers in
:mod:`plancli.render.datapackage` and :mod:`plancli.render.sqlitedb` only
serialise these records, so the CSV files and the database hold the same
rows under the same schema.

Tables: ``sections``, ``tasks``, ``measures``, ``occurrences`` (one row per
dated obligation), ``executors`` (one row per executor named in a measure),
``glossary``, ``group_members`` (each group's member bodies as plancli
resolves them, groups within groups flattened) and, with a status log,
``status``. Lists (sub-items, results) are JSON arrays.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from plancli.deadlines import DeadlineKind
from plancli.status import State
from plancli.tracking import deadline_of

if TYPE_CHECKING:
    from plancli.dataset import Dataset
    from plancli.glossary import Entry
    from plancli.status import StatusLog

FieldType = Literal["string", "integer", "boolean", "date", "array"]
Cell = str | int | bool | dt.date | list[str] | None

#: The glossary's vocabularies (models.py holds them for validation; repeated
#: here as data so that the export layer need not import the file models).
GLOSSARY_KINDS = (
    "state_body",
    "local_government",
    "judiciary",
    "authority",
    "organisation",
    "international",
    "group",
    "term",
    "unknown",
)
PROVENANCE = ("decree", "added")
CERTAINTY = ("evident", "inferred", "unknown", "descriptive")
ROLES = ("lead", "co-executor")


@dataclass(frozen=True)
class Field:
    name: str
    type: FieldType
    description: str
    required: bool = False
    enum: tuple[str, ...] | None = None
    pattern: str | None = None
    #: Kyrgyz text worth full-text search (SQLite FTS5).
    searchable: bool = False


@dataclass(frozen=True)
class ForeignKey:
    fields: tuple[str, ...]
    table: str
    reference: tuple[str, ...]


@dataclass(frozen=True)
class Table:
    name: str
    title: str
    description: str
    fields: tuple[Field, ...]
    primary_key: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    foreign_keys: tuple[ForeignKey, ...] = ()
    #: Columns worth an index (the usual joins and filters).
    indexes: tuple[tuple[str, ...], ...] = ()

    def column(self, name: str) -> int:
        return [f.name for f in self.fields].index(name)


@dataclass(frozen=True)
class OpenData:
    """Every table, plus what the package descriptor says about the decree."""

    tables: tuple[Table, ...]
    decree: dict[str, object]
    plan_file: str
    glossary_file: str
    status_file: str | None = None

    def table(self, name: str) -> Table:
        for table in self.tables:
            if table.name == name:
                return table
        raise KeyError(name)


MEASURE_ID = r"^[1-9][0-9]*\.[1-9][0-9]*$"
OBLIGATION_ID = r"^[1-9][0-9]*\.[1-9][0-9]*(@[0-9]{4})?$"


def _sections(data: Dataset) -> Table:
    return Table(
        "sections",
        "Sections",
        "The appendix's sections I-XII, in order.",
        (
            Field("number", "string", "Roman numeral, as in the decree.", required=True),
            Field("position", "integer", "Order in the appendix (1 = I).", required=True),
            Field("title", "string", "Title, verbatim.", required=True, searchable=True),
        ),
        ("number",),
        tuple((s.number, i, s.title) for i, s in enumerate(data.plan.sections, 1)),
    )


def _tasks(data: Dataset) -> Table:
    return Table(
        "tasks",
        "Tasks",
        "The tasks (Милдеттер), numbered 1-37 across sections.",
        (
            Field("number", "integer", "Task number.", required=True),
            Field("section", "string", "Section number.", required=True),
            Field("title", "string", "Title, verbatim.", required=True, searchable=True),
        ),
        ("number",),
        tuple((t.number, t.section, t.title) for t in data.plan.tasks),
        (ForeignKey(("section",), "sections", ("number",)),),
        (("section",),),
    )


def _measures(data: Dataset) -> Table:
    plan = data.plan
    rows = []
    for m in plan.measures:
        deadline = deadline_of(m, plan)
        dues = deadline.due_dates()
        single = dues[0][1] if len(dues) == 1 and dues[0][0] is None else None
        rows.append(
            (
                m.id,
                m.section,
                m.task,
                m.number,
                m.text,
                list(m.items),
                m.deadline,
                deadline.kind.value,
                single,
                deadline.cadence.value if deadline.cadence else None,
                m.executors_note,
                list(m.results),
            )
        )
    return Table(
        "measures",
        "Measures",
        "Every measure (Чаралар/Аракеттер) with its cells resolved: merged cells followed.",
        (
            Field("id", "string", "TASK.MEASURE, e.g. 12.1.", required=True, pattern=MEASURE_ID),
            Field("section", "string", "Section number.", required=True),
            Field("task", "integer", "Task number.", required=True),
            Field("number", "integer", "Measure number within the task.", required=True),
            Field("text", "string", "The measure, verbatim.", required=True, searchable=True),
            Field("items", "array", "Sub-items, verbatim (JSON array).", searchable=True),
            Field("deadline", "string", "Deadline phrase, verbatim; empty for an empty cell."),
            Field(
                "kind",
                "string",
                "How plancli reads the deadline (see `plancli deadlines`).",
                required=True,
                enum=tuple(k.value for k in DeadlineKind),
            ),
            Field(
                "due",
                "date",
                "Due date when there is exactly one (annual ones: see occurrences).",
            ),
            Field("cadence", "string", "Updates the deadline asks for after it, if any."),
            Field("executors_note", "string", "A note in the executor cell, verbatim."),
            Field("results", "array", "Expected results, verbatim (JSON array).", searchable=True),
        ),
        ("id",),
        tuple(rows),
        (
            ForeignKey(("section",), "sections", ("number",)),
            ForeignKey(("task",), "tasks", ("number",)),
        ),
        (("task",), ("section",), ("kind",)),
    )


def _occurrences(data: Dataset) -> Table:
    plan = data.plan
    rows = []
    for m in plan.measures:
        for occurrence, due in deadline_of(m, plan).due_dates():
            key = f"{m.id}@{occurrence}" if occurrence else m.id
            rows.append((key, m.id, occurrence, due))
    return Table(
        "occurrences",
        "Dated obligations",
        "One row per dated obligation: a measure, or one year of an annual measure "
        "(1.2@2016). Continuous and undated measures have none. Overdue on day D: due < D "
        "and not done.",
        (
            Field(
                "id", "string", "Obligation key (status files use it).", True, None, OBLIGATION_ID
            ),
            Field("measure", "string", "Measure id.", required=True),
            Field("occurrence", "string", "Plan year of an annual measure, else empty."),
            Field("due", "date", "Due date (end of the period the phrase names).", True),
        ),
        ("id",),
        tuple(rows),
        (ForeignKey(("measure",), "measures", ("id",)),),
        (("measure",), ("due",)),
    )


def _executors(data: Dataset) -> Table:
    glossary = data.glossary
    rows = []
    for m in data.plan.measures:
        for position, executor in enumerate(m.executors, 1):
            entry = glossary.lookup(executor.name)
            canonical = glossary.canonical(entry).term if entry else None
            role = "lead" if executor.lead else "co-executor"
            rows.append((m.id, position, executor.name, canonical, role, executor.by_agreement))
    return Table(
        "executors",
        "Executors",
        "Each body named in a measure's executor cell, in source order; the first is the lead.",
        (
            Field("measure", "string", "Measure id.", required=True),
            Field("position", "integer", "Place in the cell (1 = lead).", required=True),
            Field("name", "string", "The name as written (without the by-agreement mark).", True),
            Field("canonical", "string", "The glossary term it resolves to (aliases followed)."),
            Field("role", "string", "lead or co-executor.", required=True, enum=ROLES),
            Field("by_agreement", "boolean", "Marked (макулдашуу боюнча).", required=True),
        ),
        ("measure", "position"),
        tuple(rows),
        (
            ForeignKey(("measure",), "measures", ("id",)),
            ForeignKey(("canonical",), "glossary", ("term",)),
        ),
        (("canonical",), ("measure",)),
    )


def _entry_fields(entries: tuple[Entry, ...]) -> list[str]:
    names = [f.name for f in dataclasses.fields(entries[0])] if entries else []
    return [n for n in names if n not in ("members",)]


def _glossary(data: Dataset) -> Table:
    entries = data.glossary.entries
    names = _entry_fields(entries)
    descriptions: dict[str, Field] = {
        "term": Field("term", "string", "Abbreviation or short name.", True, searchable=True),
        "expansion": Field("expansion", "string", "Full Kyrgyz name.", searchable=True),
        "kind": Field("kind", "string", "What the term names.", True, GLOSSARY_KINDS),
        "provenance": Field(
            "provenance",
            "string",
            "decree: in the decree's list; added: by plancli.",
            True,
            PROVENANCE,
        ),
        "certainty": Field(
            "certainty", "string", "For added entries: how sure the reading is.", False, CERTAINTY
        ),
        "alias_of": Field("alias_of", "string", "Another spelling of this entry's body."),
        "part_of": Field("part_of", "string", "The body this one is a part of."),
        "members_kind": Field(
            "members_kind", "string", "A group of every entry of this kind.", False, GLOSSARY_KINDS
        ),
        "note": Field("note", "string", "Why an added entry reads as it does (English)."),
    }
    fields = []
    for name in names:
        field = descriptions.get(name, Field(name, "string", name.replace("_", " ") + "."))
        if any(isinstance(getattr(e, name), (tuple, list)) for e in entries):
            field = dataclasses.replace(field, type="array")
        fields.append(field)
    rows = []
    for entry in entries:
        row: list[Cell] = []
        for name in names:
            value = getattr(entry, name)
            row.append(list(value) if isinstance(value, (tuple, list)) else value)
        rows.append(tuple(row))
    keys = [ForeignKey(("alias_of",), "glossary", ("term",))]
    if "part_of" in names and fields[names.index("part_of")].type == "string":
        keys.append(ForeignKey(("part_of",), "glossary", ("term",)))
    return Table(
        "glossary",
        "Glossary",
        "The decree's list of abbreviations (Кыскартуулардын тизмеси) and the names plancli added.",
        tuple(fields),
        ("term",),
        tuple(rows),
        tuple(keys),
    )


def _group_members(data: Dataset) -> Table:
    glossary = data.glossary
    rows = []
    for entry in glossary.entries:
        if not entry.is_group:
            continue
        listed = {glossary.canonical(e).term for e in map(glossary.lookup, entry.members) if e}
        for member in glossary.members(entry):
            rows.append((entry.term, member.term, member.term in listed))
    return Table(
        "group_members",
        "Group members",
        "The bodies each group term stands for, as plancli resolves them (aliases followed, "
        "groups within groups flattened): listed members, or every entry of the group's "
        "members_kind.",
        (
            Field("group", "string", "The group's glossary term.", required=True),
            Field("member", "string", "A member body's glossary term.", required=True),
            Field("listed", "boolean", "Listed by name (else implied by members_kind).", True),
        ),
        ("group", "member"),
        tuple(rows),
        (
            ForeignKey(("group",), "glossary", ("term",)),
            ForeignKey(("member",), "glossary", ("term",)),
        ),
        (("member",),),
    )


def _status(log: StatusLog) -> Table:
    rows = []
    for position, entry in enumerate(log, 1):
        measure, _, occurrence = entry.key.partition("@")
        rows.append(
            (
                position,
                entry.key,
                measure,
                occurrence or None,
                entry.date,
                entry.state.value,
                entry.evidence,
                entry.note,
            )
        )
    return Table(
        "status",
        "Status entries",
        "Dated progress entries from the status file given with --status, by obligation, oldest first.",
        (
            Field("position", "integer", "Row number (by obligation, then date).", required=True),
            Field("obligation", "string", "Obligation key.", True, None, OBLIGATION_ID),
            Field("measure", "string", "Measure id.", required=True),
            Field("occurrence", "string", "Plan year of an annual measure, else empty."),
            Field("date", "date", "When the state was reported.", required=True),
            Field("state", "string", "Reported state.", True, tuple(s.value for s in State)),
            Field("evidence", "string", "Evidence cited."),
            Field("note", "string", "Note."),
        ),
        ("position",),
        tuple(rows),
        (ForeignKey(("measure",), "measures", ("id",)),),
        (("obligation",),),
    )


def decree_record(data: Dataset) -> dict[str, object]:
    decree = data.plan.decree
    return {
        "number": decree.number,
        "date": decree.date.isoformat(),
        "title": decree.title,
        "amended_by": [{"number": n, "date": d.isoformat()} for n, d in decree.amended_by],
        "edition": decree.edition,
        "published": decree.published.isoformat(),
        "publication": decree.publication,
        "days_to_entry_into_force": decree.days_to_entry_into_force,
        "place": decree.place,
        "edition_note": decree.edition_note,
        "publication_outlet": decree.publication_outlet,
        "publication_issue": decree.publication_issue,
        "signed_by": decree.signed_by,
        "plan_years": [data.plan.first_year, data.plan.last_year],
        "reporting": [dataclasses.asdict(rule) for rule in data.plan.reporting],
    }


def open_data(
    data: Dataset, status: StatusLog | None = None, status_file: str | None = None
) -> OpenData:
    """The plan (and a status log) as normalised tables."""
    tables = [
        _sections(data),
        _tasks(data),
        _measures(data),
        _occurrences(data),
        _executors(data),
        _glossary(data),
        _group_members(data),
    ]
    if status is not None:
        tables.append(_status(status))
    return OpenData(
        tuple(tables), decree_record(data), data.plan_file, data.glossary_file, status_file
    )
