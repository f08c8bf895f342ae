"""Golden files: every command's machine-readable output on the real plan.

Each case runs plancli through the public CLI and compares stdout with
tests/golden/<name>; a change to a JSON or CSV contract shows up as a diff of
these files in review. After an intended change, regenerate them and read the
diff before committing:

    UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_golden.py

Every case fixes its day (--as-of/--year/--quarter): none depends on today.
"""

from __future__ import annotations

import os

import pytest

from conftest import DATA, ROOT, Cli

GOLDEN = ROOT / "tests" / "golden"
STATUS = str(ROOT / "docs" / "examples" / "status-example.yaml")

#: golden file name -> plancli arguments
CASES: dict[str, list[str]] = {
    "measures.json": ["measures", "--format", "json"],
    "measures.csv": ["measures", "--format", "csv"],
    "measures-agency-iim.json": ["measures", "--agency", "ИИМ", "--format", "json"],
    "measures-agency-iim.csv": ["measures", "--agency", "ИИМ", "--format", "csv"],
    "show-4.2.json": ["show", "4.2", "--format", "json"],
    "show-14.1.json": ["show", "14.1", "--format", "json"],
    "show-14.1.csv": ["show", "14.1", "--format", "csv"],
    "show-1.2@2016.json": ["show", "1.2@2016", "--format", "json"],
    "agencies.json": ["agencies", "--format", "json"],
    "agencies.csv": ["agencies", "--format", "csv"],
    "expand.json": ["expand", "ЮМ", "БШК", "МФ", "--format", "json"],
    "expand.csv": ["expand", "ЮМ", "БШК", "МФ", "--format", "csv"],
    "glossary.json": ["glossary", "--format", "json"],
    "glossary.csv": ["glossary", "--format", "csv"],
    "deadlines.json": ["deadlines", "--format", "json"],
    "deadlines.csv": ["deadlines", "--format", "csv"],
    "overdue-2016-12-31.json": ["overdue", "--as-of", "2016-12-31", "--format", "json"],
    "overdue-2016-12-31.csv": ["overdue", "--as-of", "2016-12-31", "--format", "csv"],
    "overdue-2017-06-30-status-agency.json": [
        "overdue",
        "--as-of",
        "2017-06-30",
        "--status",
        STATUS,
        "--agency",
        "ЮМ",
        "--include-undated",
        "--format",
        "json",
    ],
    "progress-2016-12-31.json": ["progress", "--as-of", "2016-12-31", "--format", "json"],
    "progress-2017-12-31-status-agency.json": [
        "progress",
        "--as-of",
        "2017-12-31",
        "--status",
        STATUS,
        "--by",
        "agency",
        "--format",
        "json",
    ],
    "progress-2017-12-31-status-agency.csv": [
        "progress",
        "--as-of",
        "2017-12-31",
        "--status",
        STATUS,
        "--by",
        "agency",
        "--format",
        "csv",
    ],
    "calendar-2016.json": ["calendar", "--year", "2016", "--format", "json"],
    "calendar-2016-working-days.json": [
        "calendar",
        "--from",
        "2016-10-01",
        "--to",
        "2017-01-31",
        "--working-days",
        "--agency",
        "ЮМ",
        "--format",
        "json",
    ],
    "checklist-yum-2016q4.json": [
        "checklist",
        "--agency",
        "ЮМ",
        "--quarter",
        "2016Q4",
        "--format",
        "json",
    ],
    "checklist-yum-2016q4.csv": [
        "checklist",
        "--agency",
        "ЮМ",
        "--quarter",
        "2016Q4",
        "--format",
        "csv",
    ],
    "checklist-iim-2017q1-status.md": [
        "checklist",
        "--agency",
        "ИИМ",
        "--quarter",
        "2017Q1",
        "--status",
        STATUS,
        "--format",
        "md",
    ],
    "calendar-2016-12.json": ["calendar", "--month", "2016-12", "--format", "json"],
    "agenda-yum-2016-12-01-60d.json": [
        "agenda",
        "--as-of",
        "2016-12-01",
        "--days",
        "60",
        "--agency",
        "ЮМ",
        "--format",
        "json",
    ],
    "agenda-yum-2016-12-01-60d.csv": [
        "agenda",
        "--as-of",
        "2016-12-01",
        "--days",
        "60",
        "--agency",
        "ЮМ",
        "--format",
        "csv",
    ],
    "agenda-2017-03-01-status.json": [
        "agenda",
        "--as-of",
        "2017-03-01",
        "--until",
        "2017-04-30",
        "--status",
        STATUS,
        "--format",
        "json",
    ],
    "validate.json": ["validate", "--format", "json"],
    "validate-invalid.json": [
        "validate",
        str(DATA / "invalid" / "id-duplicate.yaml"),
        "--format",
        "json",
    ],
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_output_matches_golden_file(cli: Cli, name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    # file names in problems are relative to here, wherever the checkout is; no
    # plan.yaml here, so the bundled plan is used
    monkeypatch.chdir(ROOT / "tests")
    outcome = cli(*CASES[name])
    if CASES[name][0] == "validate":  # it names the files it checked, on stderr with json
        assert outcome.stderr.startswith("plancli: ") and outcome.stderr.count("\n") == 1
    else:
        # nothing but the edition caveats (tests/test_editions.py)
        assert all(line.startswith("plancli: note: ") for line in outcome.stderr.splitlines())
    golden = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(outcome.stdout, encoding="utf-8")
    assert golden.exists(), f"no golden file {name}: run UPDATE_GOLDEN=1 pytest {__file__}"
    expected = golden.read_text(encoding="utf-8")
    assert outcome.stdout == expected, (
        f"plancli {' '.join(CASES[name])} changed its output; if intended, regenerate with "
        "UPDATE_GOLDEN=1 pytest tests/test_golden.py and review the diff"
    )


def test_every_golden_file_has_a_case() -> None:
    stale = sorted(p.name for p in GOLDEN.iterdir() if p.name not in CASES)
    assert stale == [], f"golden files without a case (delete them): {stale}"
