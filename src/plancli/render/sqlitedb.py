"""A SQLite database of the plan: the open-data tables with keys and full-text search.

Each :class:`~plancli.opendata.Table` becomes a table with its primary key,
foreign keys (checked when the export commits), ``NOT NULL`` and ``CHECK``
constraints for required fields and enums, and indexes for the usual joins.
Lists are JSON arrays (use ``json_each``), booleans 0/1, dates ISO 8601 text
(they sort and compare as dates). ``texts`` is an FTS5 table over every
Kyrgyz text (measures, sub-items, results, titles, glossary terms and
expansions), tokenised with ``unicode61`` keeping Kyrgyz letters as they
are. ``package`` holds the descriptor's metadata as JSON.

The database is built in a temporary file beside the target and renamed
over it only when complete: readers never see a half-written file.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from plancli.errors import PlancliError, UsageError
from plancli.outfile import output_target

if TYPE_CHECKING:
    from plancli.opendata import Cell, Field, OpenData, Table

SQL_TYPES = {
    "string": "TEXT",
    "integer": "INTEGER",
    "boolean": "INTEGER",
    "date": "TEXT",
    "array": "TEXT",
}


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def column_sql(field: Field) -> str:
    name = _quote(field.name)
    parts = [name, SQL_TYPES[field.type]]
    if field.required:
        parts.append("NOT NULL")
    if field.enum:
        parts.append(f"CHECK ({name} IN ({', '.join(_literal(v) for v in field.enum)}))")
    if field.type == "boolean":
        parts.append(f"CHECK ({name} IN (0, 1))")
    if field.type == "date":
        parts.append(f"CHECK ({name} IS date({name}))")
    if field.type == "array":
        parts.append(f"CHECK (json_valid({name}))")
    return " ".join(parts)


def table_sql(table: Table) -> str:
    lines = [column_sql(f) for f in table.fields]
    lines.append(f"PRIMARY KEY ({', '.join(map(_quote, table.primary_key))})")
    for key in table.foreign_keys:
        lines.append(
            f"FOREIGN KEY ({', '.join(map(_quote, key.fields))}) "
            f"REFERENCES {_quote(key.table)} ({', '.join(map(_quote, key.reference))})"
        )
    body = ",\n  ".join(lines)
    return f"CREATE TABLE {_quote(table.name)} (\n  {body}\n)"


def index_sql(table: Table) -> list[str]:
    return [
        f"CREATE INDEX {_quote(f'{table.name}_by_' + '_'.join(columns))} "
        f"ON {_quote(table.name)} ({', '.join(map(_quote, columns))})"
        for columns in table.indexes
    ]


def _value(value: Cell) -> object:
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list):
        return json.dumps(value, ensure_ascii=False)
    return value


def _search_rows(table: Table) -> list[tuple[str, str, str, str]]:
    """(table, key, field, text) for every searchable cell."""
    wanted = [i for i, f in enumerate(table.fields) if f.searchable]
    keys = [table.column(k) for k in table.primary_key]
    rows = []
    for row in table.rows:
        key = "/".join(str(row[k]) for k in keys)
        for index in wanted:
            value = row[index]
            text = "\n".join(value) if isinstance(value, list) else value
            if isinstance(text, str) and text:
                rows.append((table.name, key, table.fields[index].name, text))
    return rows


def build(connection: sqlite3.Connection, data: OpenData, metadata: dict[str, object]) -> None:
    """Create and fill every table in one transaction; check the foreign keys at the end."""
    connection.execute("BEGIN")
    for table in data.tables:
        connection.execute(table_sql(table))
        for statement in index_sql(table):
            connection.execute(statement)
    for table in data.tables:
        marks = ", ".join("?" for _ in table.fields)
        connection.executemany(
            f"INSERT INTO {_quote(table.name)} VALUES ({marks})",
            ([_value(v) for v in row] for row in table.rows),
        )
    # checked once, after every row is in (the glossary refers to itself, executors to it)
    broken = connection.execute("PRAGMA foreign_key_check").fetchall()
    if broken:
        raise sqlite3.IntegrityError(f"foreign keys broken: {broken[:5]}")
    connection.execute(
        "CREATE VIRTUAL TABLE texts USING fts5("
        "source UNINDEXED, key UNINDEXED, field UNINDEXED, text, "
        "tokenize = 'unicode61 remove_diacritics 0')"
    )
    for table in data.tables:
        connection.executemany("INSERT INTO texts VALUES (?, ?, ?, ?)", _search_rows(table))
    connection.execute("CREATE TABLE package (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    connection.executemany(
        "INSERT INTO package VALUES (?, ?)",
        [(k, json.dumps(v, ensure_ascii=False)) for k, v in metadata.items()],
    )
    connection.execute("COMMIT")


def package_metadata(data: OpenData) -> dict[str, object]:
    """The Data Package descriptor's metadata (the resources are the tables themselves)."""
    from plancli.render.datapackage import descriptor

    return {k: v for k, v in descriptor(data).items() if k != "resources"}


def write_database(data: OpenData, path: Path, *, force: bool = False) -> None:
    """Write the database to ``path`` atomically; an existing file only with ``force``."""
    metadata = package_metadata(data)
    if path.is_dir():
        raise UsageError(f"{path} is a directory; give a file name such as plan.db")
    # a FIFO, device or socket is refused, even with --force; a link is written through
    target, _ = output_target(path, force=force)
    directory = target.parent if str(target.parent) else Path(".")
    try:
        handle, temporary = tempfile.mkstemp(
            prefix=f".{target.name}-", suffix=".tmp", dir=directory
        )
        os.close(handle)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)  # as an ordinary new file, not mkstemp's 0600
    except OSError as error:
        raise PlancliError(f"cannot write {path}: {error.strerror or error}") from None
    try:
        connection = sqlite3.connect(temporary, isolation_level=None)
        try:
            build(connection, data, metadata)
        finally:
            connection.close()
        os.replace(temporary, target)
    except sqlite3.IntegrityError as error:  # a bug, not bad input: the data was validated
        raise RuntimeError(f"the export broke a database constraint: {error}") from error
    except OSError as error:
        raise PlancliError(f"cannot write {path}: {error.strerror or error}") from None
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)
