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
    """A table/csv column: a header and how to read its cell from a record."""

    header: str
    get: Callable[[C], object]
    #: Table only: shorten to this many characters (full text stays in json/csv).
    max_chars: int | None = None
    table: bool = True
    csv: bool = True
    #: CSV only: a machine-readable value instead of ``get``'s label.
    csv_get: Callable[[C], object] | None = None


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
    "table": "plancli.render.table",
    "json": "plancli.render.jsonout",
    "csv": "plancli.render.csvout",
    "ics": "plancli.render.ics",
    "md": "plancli.render.markdown",
    "xlsx": "plancli.render.xlsx",
}


def emit(listing: Listing, fmt: enum.Enum, out: TextIO, *, color: bool | None = None) -> None:
    """Write ``listing`` to ``out`` in format ``fmt`` (the renderer is imported lazily)."""
    import importlib

    module = importlib.import_module(RENDERERS[fmt.value])
    module.write(listing, out, color=color)


class ProblemFormat(str, enum.Enum):
    """Output formats of ``plancli validate``."""

    text = "text"
    json = "json"
    github = "github"
