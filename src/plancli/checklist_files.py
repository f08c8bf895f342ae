"""Reading filled checklists back: xlsx, csv and json, each into the same rows.

A reader never judges the answers (that is :mod:`plancli.collect`'s job); it
finds the agency, the quarter and, for each item row, the id and the four
fillable values, each with its *place* for messages:

* xlsx: ``ЮМ-2016Q4.xlsx:checklist!H12`` (sheet and cell, as Excel names them)
* csv: ``file.csv:12:state`` (line and column name)
* json: ``file.json:items[3].state``

Everything a clerk's spreadsheet program can do to a file is a clear
:class:`Finding`, never a traceback: formulas, merged cells, a renamed sheet,
rows pasted by the ten thousand, a ``;``-separated csv with a byte-order mark
(accepted), another encoding than UTF-8 (refused, with what to do).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

#: The columns a reporting agency fills in (see views.FILL_COLUMNS).
FILL = ("state", "date", "evidence", "note")
#: Largest checklist file read (bytes); a real one is well under 1 MiB.
MAX_FILE_BYTES = 16 * 1024 * 1024
#: Largest uncompressed xlsx content: a zip bomb stops here.
MAX_UNZIPPED_BYTES = 128 * 1024 * 1024
#: Most rows a checklist sheet or csv may have: the largest checklist has a few hundred.
MAX_ROWS = 10_000
#: Sheets up to this size are parsed whole (faster); bigger ones are streamed.
_WHOLE_SHEET_BYTES = 4 * 1024 * 1024
#: Longest agency or quarter read from a checklist's heading (characters).
MAX_HEADING_CHARS = 1_000
SHEET = "checklist"
META_SHEET = "plancli"


@dataclass(frozen=True)
class Finding:
    """One problem with a filled checklist, at its place."""

    place: str
    level: str  # "error" or "warning"
    code: str
    message: str

    def format(self) -> str:
        return f"{self.place}: {self.level}: {self.message} [{self.code}]"


@dataclass(frozen=True)
class FilledRow:
    """One item row: its id and the raw fillable values, with their places."""

    id: str
    values: dict[str, Any]
    places: dict[str, str]


@dataclass
class FilledChecklist:
    file: str
    agency: str | None = None
    agency_place: str = ""
    quarter: str | None = None
    quarter_place: str = ""
    rows: list[FilledRow] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)

    def error(self, place: str, code: str, message: str) -> None:
        self.findings.append(Finding(place, "error", code, message))


def read_checklist(path: Path, name: str) -> FilledChecklist:
    """Read a filled checklist; the kind follows the file name's ending."""
    result = FilledChecklist(name)
    suffix = path.suffix.casefold()
    readers = {".xlsx": _read_xlsx, ".csv": _read_csv, ".json": _read_json}
    reader = readers.get(suffix)
    if reader is None:
        result.error(name, "collect-file-kind", "expected a .xlsx, .csv or .json checklist")
        return result
    data = _read_bytes(path, result)
    if data is not None:
        reader(data, result)
    return result


def _read_bytes(path: Path, result: FilledChecklist) -> bytes | None:
    try:
        size = path.stat().st_size
        if not path.is_file():
            result.error(result.file, "collect-unreadable", "not a file")
            return None
        if size > MAX_FILE_BYTES:
            result.error(
                result.file,
                "collect-too-large",
                f"{size:,} bytes; a checklist is at most {MAX_FILE_BYTES:,}",
            )
            return None
        with path.open("rb") as handle:
            return handle.read(MAX_FILE_BYTES + 1)
    except OSError as error:
        result.error(result.file, "collect-unreadable", f"cannot read it: {error.strerror}")
        return None


# ---------------------------------------------------------------------- xlsx


_SERIAL_EPOCH = {False: dt.date(1899, 12, 30), True: dt.date(1904, 1, 1)}


def _local(tag: str) -> str:
    """An XML tag without its namespace (transitional and strict OOXML alike)."""
    local = _KNOWN_TAGS.get(tag)
    return local if local is not None else tag.rpartition("}")[2]


# The tags of a sheet, spelt out: a lookup instead of a string split per element
# (a 50-agency collection reads 70,000 of them).
_KNOWN_TAGS = {
    f"{{{namespace}}}{local}": local
    for namespace in (
        "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
        "http://purl.oclc.org/ooxml/spreadsheetml/main",
    )
    for local in ("c", "v", "f", "is", "t", "r", "row", "mergeCell", "sheetData")
}


def _column(reference: str) -> str:
    return reference.rstrip("0123456789")


class _Sheet:
    """The cells of one worksheet of an xlsx archive, read with the standard library.

    openpyxl (which writes the checklists) takes about 0.1 s per workbook to
    read one back; reading the few parts a checklist needs with ElementTree is
    many times faster, which keeps ``collect`` of fifty agencies near a second.
    Cells: ``{row: {column letters: (value, formula or None)}}``.
    """

    def __init__(self, archive: zipfile.ZipFile, path: str, strings: list[str]) -> None:
        from xml.etree.ElementTree import fromstring, iterparse

        self.cells: dict[int, dict[str, tuple[Any, str | None]]] = {}
        self.merged: list[str] = []
        self.rows = 0
        if archive.getinfo(path).file_size <= _WHOLE_SHEET_BYTES:
            # a checklist's sheet (a few hundred kB): parsed whole, walked in C
            root = fromstring(archive.read(path))
            namespace = root.tag[: root.tag.find("}") + 1]
            for row in root.iter(f"{namespace}row"):
                self.rows += 1
                if self.rows > MAX_ROWS:
                    return
                for cell in row.iter(f"{namespace}c"):
                    self._cell(cell, strings)
            self.merged = [m.get("ref", "") for m in root.iter(f"{namespace}mergeCell")]
            return
        with archive.open(path) as stream:  # anything bigger: streamed, rows dropped as read
            for _, element in iterparse(stream):
                tag = _local(element.tag)
                if tag == "row":
                    self.rows += 1
                    element.clear()
                    if self.rows > MAX_ROWS:
                        return
                elif tag == "c":
                    self._cell(element, strings)
                elif tag == "mergeCell":
                    self.merged.append(element.get("ref", ""))

    def _cell(self, element: Any, strings: list[str]) -> None:
        reference = element.get("r", "")
        kind = element.get("t", "n")
        value: Any = None
        formula = None
        for child in element:
            tag = _local(child.tag)
            if tag == "f":
                formula = child.text or "(shared)"
            elif tag == "v":
                value = child.text
            elif tag == "is":
                value = "".join(t.text or "" for t in child.iter() if _local(t.tag) == "t")
        if kind == "s" and value is not None:
            # an index of thousands of digits is no index (and int() would refuse it)
            index = int(value) if len(value) <= 18 else -1
            if not 0 <= index < len(strings):
                raise ValueError("a cell names a shared text that does not exist")
            value = strings[index]
        elif kind == "n" and value is not None:
            number = float(value)
            value = int(number) if number.is_integer() else number
        elif kind == "b" and value is not None:
            value = value == "1"
        row = int(reference[len(_column(reference)) :] or 0)
        self.cells.setdefault(row, {})[_column(reference)] = (value, formula)

    def value(self, row: int, column: str) -> Any:
        return self.cells.get(row, {}).get(column, (None, None))[0]


def _xml(archive: zipfile.ZipFile, path: str) -> Any:
    from xml.etree.ElementTree import fromstring

    return fromstring(archive.read(path))


def _workbook_sheets(archive: zipfile.ZipFile) -> tuple[dict[str, str], bool]:
    """Sheet name -> part path, and whether dates count from 1904."""
    workbook = _xml(archive, "xl/workbook.xml")
    rels = _xml(archive, "xl/_rels/workbook.xml.rels")
    targets = {r.get("Id"): r.get("Target", "") for r in rels if _local(r.tag) == "Relationship"}
    sheets = {}
    date1904 = False
    for element in workbook.iter():
        tag = _local(element.tag)
        if tag == "workbookPr":
            date1904 = element.get("date1904") in ("1", "true")
        elif tag == "sheet":
            rid = next((v for k, v in element.attrib.items() if _local(k) == "id"), None)
            target = targets.get(rid, "")
            path = target.lstrip("/") if target.startswith("/") else "xl/" + target
            sheets[element.get("name", "")] = path
    return sheets, date1904


def _shared_strings(archive: zipfile.ZipFile) -> list[str]:
    if "xl/sharedStrings.xml" not in archive.namelist():
        return []
    root = _xml(archive, "xl/sharedStrings.xml")
    return [
        "".join(t.text or "" for t in item.iter() if _local(t.tag) == "t")
        for item in root
        if _local(item.tag) == "si"
    ]


def _read_xlsx(data: bytes, result: FilledChecklist) -> None:
    name = result.file
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        unzipped = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile:
        result.error(name, "collect-not-xlsx", "not an xlsx workbook (not a zip archive)")
        return
    if unzipped > MAX_UNZIPPED_BYTES:
        result.error(name, "collect-too-large", f"unpacks to {unzipped:,} bytes; refusing it")
        return
    from xml.etree.ElementTree import ParseError

    try:
        sheets, date1904 = _workbook_sheets(archive)
        if SHEET not in sheets:
            found = ", ".join(repr(n) for n in sheets if n != META_SHEET)
            result.error(
                name,
                "collect-sheet",
                f"no sheet named {SHEET!r} (found {found}); rename the sheet back to "
                f"{SHEET!r} or fill a new checklist",
            )
            return
        strings = _shared_strings(archive)
        sheet = _Sheet(archive, sheets[SHEET], strings)
        meta = _Sheet(archive, sheets[META_SHEET], strings) if META_SHEET in sheets else None
    except (KeyError, ParseError, ValueError, zipfile.BadZipFile) as error:
        result.error(name, "collect-not-xlsx", f"not a readable xlsx workbook ({error})")
        return
    if sheet.rows > MAX_ROWS:
        result.error(
            f"{name}:{SHEET}!A{MAX_ROWS + 1}",
            "collect-too-many-rows",
            f"the sheet has more than {MAX_ROWS:,} rows; a checklist has a few hundred "
            "(was something pasted below it?)",
        )
        return

    def place(cell: str) -> str:
        return f"{name}:{SHEET}!{cell}"

    header = None
    labels: dict[str, tuple[Any, str]] = {}
    for row in sorted(sheet.cells)[:40]:
        label = sheet.value(row, "A")
        if label == "id":
            header = row
            break
        if isinstance(label, str):
            labels[label.strip()] = (sheet.value(row, "B"), f"B{row}")
    if header is None:
        result.error(place("A1"), "collect-header", "no header row starting with 'id'")
        return
    for label in ("agency", "quarter"):
        if label not in labels:
            result.error(place("A1"), "collect-heading", f"no {label!r} line in the heading")
            continue
        value, coordinate = labels[label]
        setattr(result, label, None if value is None else str(value).strip())
        setattr(result, f"{label}_place", place(coordinate))
    if meta is not None:
        made = {
            str(meta.value(r, "A")): str(meta.value(r, "B"))
            for r in meta.cells
            if meta.value(r, "A") is not None
        }
        for label in ("agency", "quarter"):
            made_for = made.get(label)
            said = getattr(result, label)
            if made_for is not None and said is not None and said != made_for:
                result.error(
                    getattr(result, f"{label}_place"),
                    "collect-heading-edited",
                    f"the {label} cell says {shown(said)} but this checklist was made for "
                    f"{made_for!r}; fill the checklist made for {shown(said)} instead",
                )
    columns: dict[str, str] = {}
    for letter, (value, _) in sorted(
        sheet.cells[header].items(), key=lambda kv: (len(kv[0]), kv[0])
    ):
        if isinstance(value, str):
            columns.setdefault(value.strip(), letter)
    missing = [c for c in ("id", *FILL) if c not in columns]
    if missing:
        result.error(
            place(f"A{header}"),
            "collect-header",
            f"the header row lacks {', '.join(missing)} (columns renamed or deleted?)",
        )
        return
    merged_in_table = False
    for ref in sheet.merged:
        last = int(ref.rpartition(":")[2].lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ") or 0)
        if last > header:
            merged_in_table = True
            result.error(
                place(ref),
                "collect-merged",
                "merged cells in the table; unmerge them so that each item has its own cells",
            )
    if merged_in_table:
        return
    epoch = _SERIAL_EPOCH[date1904]
    for row in sorted(r for r in sheet.cells if r > header):
        values: dict[str, Any] = {}
        places: dict[str, str] = {}
        formula = False
        for column in ("id", *FILL):
            letter = columns[column]
            value, source = sheet.cells[row].get(letter, (None, None))
            places[column] = place(f"{letter}{row}")
            if source is not None or (isinstance(value, str) and value.startswith("=")):
                formula_text = f"={source}" if source is not None else value
                result.error(
                    places[column],
                    "collect-formula",
                    f"holds a formula ({formula_text[:40]}); type the value itself",
                )
                formula = True
            number = isinstance(value, (int, float)) and not isinstance(value, bool)
            if column == "date" and number and 0 < value < 2958466:
                # Excel keeps dates as day numbers; this column holds nothing else
                value = epoch + dt.timedelta(days=int(value))
            values[column] = value
        if formula:
            continue
        _add_row(result, values, places)


def _add_row(result: FilledChecklist, values: dict[str, Any], places: dict[str, str]) -> None:
    """Keep a row that has an id or an answer; blank rows are "no report"."""
    item = values.pop("id")
    item = "" if item is None else str(item).strip()
    if not item and all(_blank(values.get(c)) for c in FILL):
        return
    result.rows.append(FilledRow(item, values, places))


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


# ----------------------------------------------------------------------- csv


def _read_csv(data: bytes, result: FilledChecklist) -> None:
    name = result.file
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        result.error(
            f"{name}:{line}",
            "collect-encoding",
            f"not UTF-8 text (byte 0x{data[error.start]:02X} on line {line}); save it from "
            "your spreadsheet program as 'CSV UTF-8'",
        )
        return
    first = text.split("\n", 1)[0]
    delimiter = max((";", ",", "\t"), key=first.count)
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    headers = [h.strip() for h in reader.fieldnames or []]
    reader.fieldnames = headers
    missing = [c for c in ("agency", "quarter", "id", *FILL) if c not in headers]
    if missing:
        result.error(
            f"{name}:1",
            "collect-header",
            f"the header line lacks {', '.join(missing)} (a checklist csv made by "
            "`plancli checklist --format csv` has them)",
        )
        return
    try:
        for count, row in enumerate(reader, start=1):
            if count > MAX_ROWS:
                result.error(
                    f"{name}:{reader.line_num}",
                    "collect-too-many-rows",
                    f"more than {MAX_ROWS:,} rows; a checklist has a few hundred",
                )
                return
            line = reader.line_num

            def place(column: str, line: int = line) -> str:
                return f"{name}:{line}:{column}"

            _heading_value(result, "agency", row.get("agency"), place("agency"))
            _heading_value(result, "quarter", row.get("quarter"), place("quarter"))
            values: dict[str, Any] = {c: row.get(c) for c in ("id", *FILL)}
            _add_row(result, values, {c: place(c) for c in ("id", *FILL)})
    except csv.Error as error:
        result.error(f"{name}:{reader.line_num}", "collect-csv", f"not valid csv: {error}")


def _heading_value(result: FilledChecklist, label: str, value: Any, place: str) -> None:
    """The agency or quarter of a csv/json row: the same on every row."""
    text = "" if value is None else str(value).strip()
    if not text:
        return
    if len(text) > MAX_HEADING_CHARS:  # an agency's name or a quarter, never a paste
        result.error(
            place,
            "collect-heading",
            f"{shown(text)} is too long for the {label} (at most {MAX_HEADING_CHARS} characters)",
        )
        return
    said = getattr(result, label)
    if said is None:
        setattr(result, label, text)
        setattr(result, f"{label}_place", place)
    elif said != text:
        result.error(
            place,
            "collect-heading-edited",
            f"{label} {shown(text)} differs from {shown(said)} above; one checklist is one "
            f"{label}'s",
        )


# ---------------------------------------------------------------------- json


#: Longest number read from a json checklist (digits): a checklist holds no
#: numbers, except perhaps an id typed as one; Python refuses ints over 4,300 digits.
MAX_JSON_DIGITS = 100


class _OddNumber(ValueError):
    """A number a checklist cannot hold (the message says which)."""


def _json_int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_JSON_DIGITS:
        raise _OddNumber(
            f"a number of {len(text.lstrip('-')):,} digits; a checklist's numbers have at most "
            f"{MAX_JSON_DIGITS}"
        )
    return int(text)


def _json_float(text: str) -> float:
    value = float(text)
    if len(text) > MAX_JSON_DIGITS or value in (float("inf"), float("-inf")):
        raise _OddNumber(f"the number {text[:20]}{'…' if len(text) > 20 else ''} is too large")
    return value


def _json_constant(text: str) -> float:
    raise _OddNumber(f"{text} is not a JSON value; write a date or text")


def _read_json(data: bytes, result: FilledChecklist) -> None:
    name = result.file
    try:
        document = json.loads(
            data.decode("utf-8-sig"),
            parse_int=_json_int,
            parse_float=_json_float,
            parse_constant=_json_constant,
        )
    except UnicodeDecodeError:
        result.error(name, "collect-encoding", "not UTF-8 text")
        return
    except json.JSONDecodeError as error:
        result.error(f"{name}:{error.lineno}:{error.colno}", "collect-json", error.msg)
        return
    except _OddNumber as error:
        result.error(name, "collect-json", str(error))
        return
    except RecursionError:
        # json's own nesting guard; a checklist is an object of items of values
        result.error(
            name,
            "collect-json",
            "nested too deeply to read; a checklist is an object of items, three levels deep",
        )
        return
    if not isinstance(document, dict) or not isinstance(document.get("items"), list):
        result.error(
            name,
            "collect-json",
            "expected the object `plancli checklist --format json` writes, with 'items'",
        )
        return
    agency = document.get("agency")
    if isinstance(agency, dict):
        agency = agency.get("term")
    for label, value in (("agency", agency), ("quarter", document.get("quarter"))):
        if not _scalar(value):
            result.error(f"{name}:{label}", "collect-json", "expected text")
            return
    _heading_value(result, "agency", agency, f"{name}:agency")
    _heading_value(result, "quarter", document.get("quarter"), f"{name}:quarter")
    items = document["items"]
    if len(items) > MAX_ROWS:
        result.error(f"{name}:items", "collect-too-many-rows", f"more than {MAX_ROWS:,} items")
        return
    for index, item in enumerate(items):
        where = f"{name}:items[{index}]"
        if not isinstance(item, dict):
            result.error(where, "collect-json", "an item is not an object")
            continue
        odd = [k for k in ("agency", "quarter", "id", *FILL) if not _scalar(item.get(k))]
        for key in odd:
            result.error(f"{where}.{key}", "collect-json", "expected text, a number or null")
        if odd:
            continue
        for label in ("agency", "quarter"):
            if label in item:
                _heading_value(result, label, item[label], f"{where}.{label}")
        values = {c: item.get(c) for c in ("id", *FILL)}
        _add_row(result, values, {c: f"{where}.{c}" for c in ("id", *FILL)})


def shown(value: Any, limit: int = 60) -> str:
    """A cell's value quoted for a message, cut short: a pasted megabyte stays one line."""
    text = repr(value)
    if len(text) <= limit:
        return text
    length = f" ({len(value):,} characters)" if isinstance(value, str) else ""
    return f"{text[:limit]}…{length}"


def _scalar(value: Any) -> bool:
    """A value a cell could hold (never a list or object, which could nest deeply)."""
    return value is None or isinstance(value, (str, int, float))


def parse_day(value: Any) -> dt.date | None:
    """A date typed by a person: an Excel date, ``2016-12-20`` or ``20.12.2016``."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        return None
    text = value.strip()
    try:
        return dt.date.fromisoformat(text[:10] if len(text) > 10 and text[10] in " T" else text)
    except ValueError:
        pass
    try:
        return dt.datetime.strptime(text, "%d.%m.%Y").date()
    except ValueError:
        return None
