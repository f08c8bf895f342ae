"""Output: turning query results into table, json or csv text.

Queries return data; a command turns that data into a :class:`Listing` (the
JSON records plus the columns shown by table and csv) and :func:`emit` writes
it in the chosen format. Only the table renderer imports rich, so json and csv
output stay fast and free of escape codes.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Generic, TextIO

from plancli.render.labels import STANDING_LABELS

if TYPE_CHECKING:
    from typing_extensions import TypeVar

    from plancli.render.styled import Line

    #: The record type of a listing (a TypedDict of plancli.records); a bare
    #: ``Listing`` (in renderers, which only read columns) means ``Listing[Any]``.
    R = TypeVar("R", default=Any)
    #: The document json prints instead of the records (a TypedDict too).
    D = TypeVar("D", default=Any)
    #: A column reads records of this type, so it also reads any richer record.
    C = TypeVar("C", contravariant=True, default=Any)
else:
    from typing import TypeVar

    R = TypeVar("R")
    D = TypeVar("D")
    C = TypeVar("C", contravariant=True)


class Format(str, enum.Enum):
    """Output formats of listing commands."""

    table = "table"
    json = "json"
    csv = "csv"


class ExportFormat(str, enum.Enum):
    """Output formats of the listings people share: ``Format`` plus an Excel workbook."""

    table = "table"
    json = "json"
    csv = "csv"
    xlsx = "xlsx"


@dataclass(frozen=True)
class Column(Generic[C]):
    """One column of a listing, as a table and as csv show it.

    ``header`` is the table's heading; ``key`` (default: ``header``) is the csv
    heading, which must be the JSON key holding the same value.
    """

    header: str
    get: Callable[[C], object]
    #: Free text in tables: when piped, shortened to this many characters (json/csv keep all).
    max_chars: int | None = None
    table: bool = True
    csv: bool = True
    #: CSV only: a machine-readable value instead of ``get``'s label.
    csv_get: Callable[[C], object] | None = None
    #: CSV heading: the JSON key of the same value.
    key: str | None = None
    #: Tables: 0 = never shortened (ids, dates, counts, labels); >0 = free text, shortened
    #: at a word boundary to fit the terminal, taking this share of the spare width.
    flex: int = 0
    #: Tables, free text: the fewest characters worth showing (else the column is dropped).
    min_width: int = 0
    #: Tables: right-aligned (numbers).
    right: bool = False
    #: Tables: among free-text columns, higher is dropped first when a terminal is too narrow.
    drop: int = 0
    #: Tables: the meaning (a key of MEANINGS) that colours this row's cell, if any.
    meaning: Callable[[C], str | None] | None = None

    @property
    def csv_header(self) -> str:
        return self.key or self.header


@dataclass
class Listing(Generic[R, D]):
    """What a listing command prints: typed records (plancli.records) and their columns."""

    records: list[R]
    columns: Sequence[Column[R]]
    title: str | None = None
    #: Lines printed after the table (counts, legends). Table format only.
    notes: list[str] = field(default_factory=list)
    #: Printed instead of an empty table.
    empty: str = "nothing to show"
    #: What json prints (a TypedDict of plancli.records); defaults to ``records``.
    document: D | None = None
    #: Table format only: print this text instead of a table (one-item views).
    text: str | None = None
    #: Lines printed before the table (table and markdown formats).
    heading: list[str] = field(default_factory=list)
    #: Table format only: the body laid out for a width, as styled lines, instead of
    #: a table of ``columns`` (month grids, agenda rows; see :mod:`plancli.render.styled`).
    layout: Callable[[int], list[Line]] | None = None
    #: Table format only: meanings (keys of MEANINGS) always listed in the colour legend.
    legend: tuple[str, ...] = ()
    #: Table format only: wrap free text (as --wide does) instead of shortening it.
    wide: bool = False


#: What a colour means in a table: meaning -> (label, rich style). Colour is used for
#: these meanings only, and a table that uses any prints a legend naming them.
MEANINGS: dict[str, tuple[str, str]] = {
    meaning: (STANDING_LABELS[meaning], style)
    for meaning, style in (
        ("overdue", "bold red"),
        ("due_today", "bold yellow"),
        ("done_late", "magenta"),
        ("done", "green"),
        ("in_progress", "cyan"),
        ("not_yet_due", "blue"),
        ("continuous", "bright_blue"),
        ("undated", "dim"),
    )
}


def cell_text(value: object, separator: str = "; ") -> str:
    """How a value appears in a table or csv cell; lists are joined by ``separator``."""
    if type(value) is str:
        return value
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (list, tuple)):
        return separator.join(cell_text(v, separator) for v in value)
    return str(value)


class CalendarFormat(str, enum.Enum):
    """Output formats of ``plancli calendar``."""

    table = "table"
    json = "json"
    ics = "ics"
    csv = "csv"


class AgendaFormat(str, enum.Enum):
    """Output formats of ``plancli agenda``."""

    table = "table"
    json = "json"
    csv = "csv"
    ics = "ics"


class ChecklistFormat(str, enum.Enum):
    """Output formats of ``plancli checklist``."""

    md = "md"
    csv = "csv"
    json = "json"
    xlsx = "xlsx"


class ReportFormat(str, enum.Enum):
    """Output formats of ``plancli report``."""

    md = "md"
    json = "json"
    html = "html"
    xlsx = "xlsx"


#: Each format's renderer module; each has ``write(listing, out, *, color)``.
RENDERERS: dict[str, str] = {
    "table": "plancli.render.terminal",
    "json": "plancli.render.jsonout",
    "csv": "plancli.render.csvout",
    "ics": "plancli.render.ics",
    "md": "plancli.render.markdown",
    "xlsx": "plancli.render.xlsx",
}


def emit(
    listing: Listing,
    fmt: enum.Enum,
    out: TextIO,
    *,
    color: bool | None = None,
    wide: bool = False,
    bom: bool = False,
) -> None:
    """Write ``listing`` to ``out`` in format ``fmt`` (the renderer is imported lazily).

    ``wide`` (tables): wrap free text instead of shortening it. ``bom`` (csv): start
    with a UTF-8 byte order mark, which Excel needs to read Cyrillic.
    """
    import importlib

    module = importlib.import_module(RENDERERS[fmt.value])
    if fmt.value == "table":
        module.write(listing, out, color=color, wide=wide)
    elif fmt.value == "csv":
        module.write(listing, out, color=color, bom=bom)
    else:
        module.write(listing, out, color=color)


class ProblemFormat(str, enum.Enum):
    """Output formats of ``plancli validate``."""

    text = "text"
    json = "json"
    github = "github"
