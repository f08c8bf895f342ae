"""The schema of plan.yaml and glossary.yaml, as pydantic models.

These models describe the files exactly as they are written (rows, merged
cells, slips). :mod:`plancli.plan` turns a validated file into the resolved
domain objects the rest of plancli works with. Unknown keys are errors.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
)

from plancli.plan import BY_AGREEMENT, ROMAN, split_executor
from plancli.quarters import Quarter
from plancli.status import OBLIGATION_KEY, QUARTER, State

_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)


def _day_as_written(value: object) -> object:
    """Dates are written YYYY-MM-DD; pydantic alone would read 1455062400 as a Unix time."""
    if isinstance(value, (bool, int, float)):
        raise ValueError(f"{value!r} is a number, not a date; write the date as YYYY-MM-DD")
    if isinstance(value, dt.datetime):  # YAML reads 2016-02-10T00:00:00 as a moment
        raise ValueError(f"{value.isoformat()} has a time of day; write the date as YYYY-MM-DD")
    if isinstance(value, str) and not _ISO_DAY.fullmatch(value.strip()):
        raise ValueError(f"{value!r} is not a date; write it as YYYY-MM-DD")
    return value


def _quarter_known(value: str) -> str:
    """A quarter plancli can compute with (``Quarter.parse``'s range, named in its error)."""
    Quarter.parse(value)
    return value


#: A calendar day as the files write it: ``2016-02-10``, never a number.
Day = Annotated[dt.date, BeforeValidator(_day_as_written)]

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Cell = Literal["deadline", "executors", "results"]
MEASURE_ID = re.compile(r"^[1-9][0-9]*\.[1-9][0-9]*$")


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


# --------------------------------------------------------------------- plan


class AmendingDecree(Strict):
    number: int = Field(gt=0)
    date: Day


class Publication(Strict):
    outlet: Text
    date: Day
    issue: Text
    text: Text


class EntryIntoForce(Strict):
    point: int = Field(gt=0)
    days_after_publication: int = Field(ge=0)
    text: Text


class Signatory(Strict):
    position: Text
    name: Text


class Decree(Strict):
    number: int = Field(gt=0)
    date: Day
    place: Text
    title: Text
    amended_by: list[AmendingDecree] = []
    edition_note: Text | None = None
    publication: Publication
    entry_into_force: EntryIntoForce
    signed_by: Signatory


class ReportingRuleEntry(Strict):
    """A reporting obligation of the decree body (points 2 and 4)."""

    # the schema's name for it (plancli.schema names definitions by title)
    model_config = ConfigDict(title="ReportingRule")

    id: Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9-]*$")]
    point: int = Field(gt=0)
    reporters: Text
    recipient: Text
    period: Literal["quarter"]
    #: Day of the month following the reporting period by which the report is due.
    due_day: int = Field(ge=1, le=28)
    text: Text
    edition_note: Text | None = None


class Appendix(Strict):
    title: Text
    edition_note: Text | None = None
    first_year: int = Field(ge=1990, le=2100)
    last_year: int = Field(ge=1990, le=2100)
    columns: list[Text] = []


class MeasureEntry(Strict):
    id: Annotated[str, StringConstraints(pattern=MEASURE_ID.pattern)]
    text: Text
    items: list[Text] = []


class SlipEntry(Strict):
    """A typing slip of the source, normalised in the cell: what the source says and why."""

    model_config = ConfigDict(title="Slip")

    cell: Literal["deadline", "executors", "results", "text"]
    source: Text
    note: Text


class Row(Strict):
    """One row of the appendix table.

    ``deadline`` is ``None`` for an empty source cell; a cell the source merges
    with the row above is absent and named in ``merged_with_above``.
    """

    measures: list[MeasureEntry] = Field(min_length=1)
    deadline: Text | None = None
    executors: list[Text] | None = Field(default=None, min_length=1)
    executors_note: Text | None = None
    results: list[Text] | None = Field(default=None, min_length=1)
    merged_with_above: list[Cell] = []
    slips: list[SlipEntry] = []
    notes: list[Text] = []
    #: Executors this cell names without "(макулдашуу боюнча)" although every other
    #: cell naming them has it: kept as written, and recorded so that the body is
    #: still read as acting by agreement (plancli.agencies.agreed_bodies).
    by_agreement_omitted: list[Text] = []


class TaskEntry(Strict):
    number: int = Field(gt=0)
    title: Text
    rows: list[Row] = Field(min_length=1)


class SectionEntry(Strict):
    number: Literal[ROMAN]  # type: ignore[valid-type]
    title: Text
    tasks: list[TaskEntry] = Field(min_length=1)


class PlanFile(Strict):
    decree: Decree
    reporting: list[ReportingRuleEntry] = []
    appendix: Appendix
    sections: list[SectionEntry] = Field(min_length=1)


_NOTATION = re.compile(r"[(),]")


def executor_notation_error(name: str) -> str | None:
    """Why ``name`` is not ``NAME`` or ``NAME (макулдашуу боюнча)``, or ``None``."""
    base, _ = split_executor(name)
    if not base:
        return f"executor {name!r} has no name before {BY_AGREEMENT!r}"
    if _NOTATION.search(base):
        return (
            f"executor {name!r} is not of the form 'NAME' or 'NAME {BY_AGREEMENT}' "
            "(one executor per list item; record the source's spelling under slips)"
        )
    return None


# ----------------------------------------------------------------- glossary

EntryKind = Literal[
    "state_body",
    "local_government",
    "judiciary",
    "authority",
    "organisation",
    "international",
    "group",
    "term",
    "unknown",
]


class GlossaryEntry(Strict):
    term: Text
    expansion: Text | None = None
    kind: EntryKind
    provenance: Literal["decree", "added"]
    certainty: Literal["evident", "inferred", "unknown", "descriptive"] | None = None
    alias_of: Text | None = None
    #: The body this entry is a unit of, as the decree's expansion names it
    #: (ККК: "…Мамлекеттик улуттук коопсуздук комитетинин Коррупцияга каршы кызматы").
    part_of: Text | None = None
    members: list[Text] = []
    members_kind: EntryKind | None = None
    note: Text | None = None


class ListNote(Strict):
    position: int = Field(gt=0)
    after: Text
    text: Text


class GlossaryFile(Strict):
    entries: list[GlossaryEntry] = Field(min_length=1)
    list_notes: list[ListNote] = []


# ------------------------------------------------------------------- status


class StatusEntryModel(Strict):
    id: Annotated[str, StringConstraints(pattern=OBLIGATION_KEY.pattern)]
    date: Day
    state: State
    evidence: Text | None = None
    note: Text | None = None
    #: The body (glossary term) whose quarterly report this entry comes from.
    reported_by: Text | None = None
    #: The quarter that report covered, e.g. 2016Q4.
    quarter: (
        Annotated[str, StringConstraints(pattern=QUARTER.pattern), AfterValidator(_quarter_known)]
        | None
    ) = None


class StatusFileModel(Strict):
    entries: list[StatusEntryModel] = Field(default_factory=list)
