"""`plancli export datapackage|sqlite`: open data that loads, validates and answers.

The package is checked with the real validator (frictionless, a test
dependency); the database's answers are compared with plancli's own JSON
output, so neither side's numbers are written down here.
"""

from __future__ import annotations

import csv
import json
import os
import sqlite3
from pathlib import Path

import frictionless  # a test dependency: a missing one must fail, not skip
import pytest

from conftest import Cli
from plancli.dataset import Dataset
from plancli.opendata import open_data
from plancli.tracking import obligations

TABLES = (
    "sections",
    "tasks",
    "measures",
    "occurrences",
    "executors",
    "glossary",
    "group_members",
)
STATUS = Path(__file__).resolve().parents[1] / "docs" / "examples" / "status-example.yaml"


@pytest.fixture(scope="module")
def package(tmp_path_factory: pytest.TempPathFactory) -> Path:
    directory = tmp_path_factory.mktemp("package")
    outcome = Cli()("export", "datapackage", directory)
    assert outcome.code == 0, outcome.stderr
    assert outcome.stdout == ""
    return directory


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("db") / "plan.db"
    outcome = Cli()("export", "sqlite", path)
    assert outcome.code == 0, outcome.stderr
    assert f"wrote {path}" in outcome.stderr
    return path


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as source:
        return list(csv.DictReader(source))


# ------------------------------------------------------------- data package


def test_the_package_is_valid_for_frictionless(package: Path) -> None:
    report = frictionless.validate(str(package / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    names = [task.name for task in report.tasks]
    assert names == list(TABLES)


def test_frictionless_sees_a_broken_foreign_key(package: Path, tmp_path: Path) -> None:
    """The validity test above can fail: a canonical name missing from the glossary."""
    broken = tmp_path / "broken"
    broken.mkdir()
    for file in package.iterdir():
        (broken / file.name).write_bytes(file.read_bytes())
    executors = (broken / "executors.csv").read_text(encoding="utf-8")
    (broken / "executors.csv").write_text(
        executors.replace(",ЮМ,lead,", ",ЖОК-ОРГАН,lead,", 1), encoding="utf-8"
    )
    report = frictionless.validate(str(broken / "datapackage.json"))
    assert not report.valid
    assert "foreign-key" in {error[0] for error in report.flatten(["type"])}


def test_descriptor_carries_schemas_decree_licence_and_sources(
    package: Path, dataset: Dataset
) -> None:
    descriptor = json.loads((package / "datapackage.json").read_text(encoding="utf-8"))
    assert descriptor["profile"] == "tabular-data-package"
    assert descriptor["decree"]["number"] == dataset.plan.decree.number
    assert descriptor["decree"]["amended_by"] == [
        {"number": n, "date": d.isoformat()} for n, d in dataset.plan.decree.amended_by
    ]
    assert descriptor["licenses"][0]["name"] == "MIT"
    assert "decree No. 170" in descriptor["sources"][0]["title"]
    resources = {r["name"]: r for r in descriptor["resources"]}
    assert list(resources) == list(TABLES)
    executors = resources["executors"]["schema"]
    assert executors["primaryKey"] == ["measure", "position"]
    assert {"fields": ["canonical"], "reference": {"resource": "glossary", "fields": ["term"]}} in (
        executors["foreignKeys"]
    )
    role = next(f for f in executors["fields"] if f["name"] == "role")
    assert role["constraints"]["enum"] == ["lead", "co-executor"]
    alias = resources["glossary"]["schema"]["foreignKeys"][0]
    assert alias == {"fields": ["alias_of"], "reference": {"resource": "", "fields": ["term"]}}


def test_row_counts_match_the_plan(package: Path, dataset: Dataset) -> None:
    plan, glossary = dataset.plan, dataset.glossary
    expected = {
        "sections": len(plan.sections),
        "tasks": len(plan.tasks),
        "measures": len(plan.measures),
        "occurrences": sum(1 for o in obligations(plan) if o.due is not None),
        "executors": sum(len(m.executors) for m in plan.measures),
        "glossary": len(glossary.entries),
        "group_members": sum(len(glossary.members(e)) for e in glossary.entries if e.is_group),
    }
    assert {name: len(_rows(package / f"{name}.csv")) for name in TABLES} == expected
    measures = {row["id"]: row for row in _rows(package / "measures.csv")}
    assert json.loads(measures["1.1"]["items"]) == list(plan.measure("1.1").items)  # type: ignore[union-attr]
    assert measures["29.3"]["deadline"] == "" and measures["29.3"]["kind"] == "none"
    annual = [r["id"] for r in _rows(package / "occurrences.csv") if r["measure"] == "1.2"]
    assert annual == ["1.2@2015", "1.2@2016", "1.2@2017"]


def test_glossary_exports_every_entry_field(dataset: Dataset) -> None:
    """New glossary fields (part_of) become columns without touching the exporter."""
    import dataclasses

    table = open_data(dataset).table("glossary")
    entry_fields = {f.name for f in dataclasses.fields(dataset.glossary.entries[0])} - {"members"}
    assert {f.name for f in table.fields} == entry_fields


def test_status_resource_with_status_file(cli: Cli, tmp_path: Path) -> None:
    outcome = cli("export", "datapackage", tmp_path, "--status", STATUS)
    assert outcome.code == 0, outcome.stderr
    report = frictionless.validate(str(tmp_path / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    status = _rows(tmp_path / "status.csv")
    assert status and {"obligation", "measure", "date", "state", "evidence"} <= set(status[0])


def test_existing_package_is_replaced_only_with_force(cli: Cli, tmp_path: Path) -> None:
    assert cli("export", "datapackage", tmp_path).code == 0
    again = cli("export", "datapackage", tmp_path)
    assert again.code == 1
    assert "datapackage.json exists" in again.stderr and "--force" in again.stderr
    assert cli("export", "datapackage", tmp_path, "--force").code == 0
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no staging left


# ------------------------------------------------------------------ sqlite


def _connect(path: Path) -> sqlite3.Connection:
    connection = sqlite3.connect(path)
    connection.row_factory = sqlite3.Row
    return connection


def test_database_tables_counts_and_keys(database: Path, package: Path) -> None:
    with _connect(database) as db:
        for name in TABLES:
            count = db.execute(f"SELECT count(*) FROM {name}").fetchone()[0]
            assert count == len(_rows(package / f"{name}.csv")), name
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []
        keys = {tuple(r)[2:5] for r in db.execute("PRAGMA foreign_key_list('executors')")}
        assert ("measures", "measure", "id") in keys
        assert ("glossary", "canonical", "term") in keys
        indexes = {r["name"] for r in db.execute("PRAGMA index_list('executors')")}
        assert "executors_by_canonical" in indexes
        with pytest.raises(sqlite3.IntegrityError):
            db.execute("INSERT INTO executors VALUES ('1.1', 99, 'x', NULL, 'boss', 0)")


def test_full_text_search_finds_kyrgyz_words(database: Path) -> None:
    with _connect(database) as db:
        hits = db.execute(
            "SELECT source, key, field FROM texts WHERE texts MATCH ? ORDER BY source, key",
            ["Омбудсменден"],
        ).fetchall()
    assert ("measures", "5.3", "text") in [tuple(h) for h in hits]


README = Path(__file__).resolve().parents[1] / "README.md"


def readme_query(comment: str) -> str:
    """The SQL statement of README's "Open data" section that follows ``-- comment``."""
    text = README.read_text(encoding="utf-8")
    section = text[text.index("## Open data") :]
    start = section.index(f"-- {comment}")
    return section[start : section.index(";", start)]


def test_sqlite_reproduces_overdue(cli: Cli, database: Path) -> None:
    outcome = cli("overdue", "--as-of", "2016-12-31", "--format", "json")
    assert outcome.code == 0
    items = json.loads(outcome.stdout)["items"]
    expected = [(i["id"], i["due"], i["days_late"], i["status"]) for i in items]
    assert expected, "the CLI listed nothing: the comparison would prove nothing"
    with _connect(database) as db:
        rows = db.execute(readme_query("what was overdue")).fetchall()
    assert [tuple(r) for r in rows] == expected


def test_sqlite_reproduces_an_agencys_measures(cli: Cli, database: Path) -> None:
    outcome = cli("measures", "--agency", "ЮМ", "--format", "json")
    assert outcome.code == 0
    expected = [
        (r["id"], r["roles"][0]["role"], r["roles"][0]["executor"], r["roles"][0]["group"])
        for r in json.loads(outcome.stdout)
    ]
    assert {role for _, role, _, _ in expected} >= {"lead", "co-executor", "via group"}
    with _connect(database) as db:
        rows = db.execute(readme_query("ЮМ's measures")).fetchall()
    assert [tuple(r) for r in rows] == expected


def test_sqlite_overwrites_only_with_force_and_atomically(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "plan.db"
    path.write_bytes(b"precious")
    refused = cli("export", "sqlite", path)
    assert refused.code == 1
    assert "exists" in refused.stderr and "--force" in refused.stderr
    assert path.read_bytes() == b"precious"
    assert cli("export", "sqlite", path, "--force").code == 0
    with _connect(path) as db:
        assert db.execute("SELECT count(*) FROM measures").fetchone()[0] > 0
        package = dict(db.execute("SELECT key, value FROM package").fetchall())
    assert json.loads(package["decree"])["number"] == 170
    assert sorted(os.listdir(tmp_path)) == ["plan.db"]  # no temporary file left
    assert oct(path.stat().st_mode & 0o777) != oct(0o600)


def test_export_bad_paths(cli: Cli, tmp_path: Path) -> None:
    directory = tmp_path / "a-directory"
    directory.mkdir()
    outcome = cli("export", "sqlite", directory)
    assert outcome.code == 2
    assert "is a directory" in outcome.stderr
    missing = cli("export", "sqlite", tmp_path / "no" / "such" / "dir" / "plan.db")
    assert missing.code == 1
    assert "cannot write" in missing.stderr and "Traceback" not in missing.stderr
    a_file = tmp_path / "file"
    a_file.write_text("x")
    assert cli("export", "datapackage", a_file).code == 2
    assert cli("export", "sqlite").code == 2
    assert cli("export", "parquet", tmp_path).code == 2


def test_export_of_an_invalid_plan_fails_cleanly(cli: Cli, tmp_path: Path, plan_copy: Path) -> None:
    plan_copy.write_text(
        plan_copy.read_text(encoding="utf-8").replace("due_day: 15", "due_day: 45"),
        encoding="utf-8",
    )
    outcome = cli("export", "sqlite", tmp_path / "x.db", "--plan", plan_copy)
    assert outcome.code == 1
    assert "due_day" in outcome.stderr or "45" in outcome.stderr
    assert not (tmp_path / "x.db").exists()
