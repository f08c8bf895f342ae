"""Collecting filled checklists into a status file.

:func:`collect` judges every row of every file (all problems at once, each at
its place), turns the answers into status entries that say who reported them
for which quarter, and merges them with the entries already in the status
file: an entry already there is not added again (collecting a file twice adds
nothing), and nothing already there is ever dropped or changed.
:func:`merged_status_text` then writes the new entries *after* the existing
text, so comments and layout of a hand-kept file survive.

Rules (README, "The quarterly reporting loop"):

* a blank row is "no report"; a row with an answer needs ``state`` and ``date``;
* the id must be on that agency's checklist for that quarter;
* the date lies between the decree's date and the report's due date;
* ``done`` without evidence is a warning (collected, but flagged);
* one row per id per file; an edited agency/quarter cell is an error.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from plancli.checklist_files import FilledChecklist, Finding, parse_day, read_checklist, shown
from plancli.dataset import Dataset
from plancli.errors import NotFoundError
from plancli.problems import Problem
from plancli.quarters import Quarter
from plancli.safetext import describe, find_control
from plancli.status import OBLIGATION_KEY, State, StatusEntry, StatusLog

if TYPE_CHECKING:
    from plancli.agencies import Roles
    from plancli.schedule import Event

STATES = ", ".join(s.value for s in State)
#: Longest evidence or note collected (characters): a document's name, a URL or
#: a remark, never a pasted document (which would swell the status file).
MAX_TEXT_CHARS = 4_000


@dataclass(frozen=True)
class Collected:
    """What :func:`collect` found."""

    #: Entries to add, in file and row order.
    entries: tuple[StatusEntry, ...]
    findings: tuple[Finding, ...]
    #: Rows whose entry the status file already holds.
    already_there: int
    files: int

    @property
    def ok(self) -> bool:
        return not any(f.level == "error" for f in self.findings)


def collect(
    data: Dataset, paths: Sequence[tuple[Path, str]], existing: StatusLog | None = None
) -> Collected:
    """Judge the filled checklists ``paths`` (path, display name) against the plan."""
    entries: list[StatusEntry] = []
    findings: list[Finding] = []
    already = 0
    known = {_identity(e): e for e in existing or ()}
    claimed: dict[tuple[str, dt.date, str | None], tuple[StatusEntry, str]] = {
        (e.key, e.date, e.reported_by): (e, "the status file") for e in existing or ()
    }
    rules = _Rules(data)
    for path, name in paths:
        filled = read_checklist(path, name)
        found = _judge(data, filled, rules)
        findings += filled.findings
        for entry, place in found:
            if _identity(entry) in known:
                already += 1
                continue
            slot = (entry.key, entry.date, entry.reported_by)
            if slot in claimed:
                other, where = claimed[slot]
                findings.append(
                    Finding(
                        place,
                        "error",
                        "collect-conflict",
                        f"{entry.key} by {entry.reported_by} on {entry.date.isoformat()} is "
                        f"already {other.state.value} in {where}; one state per day and "
                        "reporter (edit the status file by hand to correct it)",
                    )
                )
                continue
            claimed[slot] = (entry, place)
            known[_identity(entry)] = entry
            entries.append(entry)
    return Collected(tuple(entries), tuple(findings), already, len(paths))


def _identity(entry: StatusEntry) -> tuple[object, ...]:
    return (
        entry.key,
        entry.date,
        entry.state,
        entry.evidence,
        entry.note,
        entry.reported_by,
        entry.quarter,
    )


class _Rules:
    """What every file of one collection is judged by, worked out once."""

    def __init__(self, data: Dataset) -> None:
        self.data = data
        self.allowed: dict[tuple[str, str], tuple[frozenset[str], dt.date | None]] = {}
        self.measures = frozenset(m.id for m in data.plan.measures)

    @functools.cached_property
    def roles(self) -> Roles:
        from plancli.agencies import Roles

        return Roles(self.data.glossary)

    @functools.cached_property
    def agency_report_deadlines(self) -> list[Event]:
        """The plan's agency-report deadlines (the same for every agency's file)."""
        from plancli.schedule import EventKind, reporting_deadline_events

        return [
            e
            for e in reporting_deadline_events(self.data.plan)
            if e.kind is EventKind.agency_report and e.rule is not None
        ]


def _judge(data: Dataset, filled: FilledChecklist, rules: _Rules) -> list[tuple[StatusEntry, str]]:
    """The entries of one file, with the place of each; problems go to ``filled``."""
    agency_term = quarter = None
    if filled.agency is None:
        if not filled.findings:
            filled.error(filled.file, "collect-heading", "no agency given")
    else:
        try:
            agency_term = data.glossary.resolve(filled.agency).term
        except NotFoundError as error:
            hint = f" ({error.hint})" if error.hint else ""
            filled.error(filled.agency_place, "collect-agency", error.message + hint)
    if filled.quarter is None:
        if not filled.findings:
            filled.error(filled.file, "collect-heading", "no quarter given")
    else:
        try:
            quarter = Quarter.parse(filled.quarter)
        except ValueError as error:
            filled.error(filled.quarter_place, "collect-quarter", str(error))
    if agency_term is None or quarter is None:
        return []
    key = (agency_term, str(quarter))
    if key not in rules.allowed:
        rules.allowed[key] = _allowed(rules, agency_term, quarter)
    allowed, due = rules.allowed[key]
    first = data.plan.decree.date
    last = due or quarter.end
    measures = rules.measures
    seen: dict[str, str] = {}
    found = []
    for row in filled.rows:
        places = row.places
        match = OBLIGATION_KEY.match(row.id)
        if not row.id:
            filled.error(places["id"], "collect-id", "an answer without an id")
            continue
        if match is None or match.group(1) not in measures:
            filled.error(places["id"], "collect-unknown-id", f"no item {shown(row.id)} in the plan")
            continue
        if row.id not in allowed:
            filled.error(
                places["id"],
                "collect-not-on-checklist",
                f"{row.id} is not on {agency_term}'s checklist for {quarter}",
            )
            continue
        if row.id in seen:
            filled.error(
                places["id"], "collect-duplicate", f"{row.id} again (first at {seen[row.id]})"
            )
            continue
        seen[row.id] = places["id"]
        values = row.values
        if all(_empty(values.get(c)) for c in ("state", "date", "evidence", "note")):
            continue  # an id alone: no report on it
        state = _state(values.get("state"))
        day = parse_day(values.get("date"))
        evidence = _text(values.get("evidence"))
        note = _text(values.get("note"))
        bad = False
        for column, text in (("evidence", evidence), ("note", note)):
            if text is not None and len(text) > MAX_TEXT_CHARS:
                bad = True
                filled.error(
                    places[column],
                    "collect-too-long",
                    f"{len(text):,} characters; {column} is at most {MAX_TEXT_CHARS:,} "
                    "(name the document or give a URL)",
                )
                continue
            control = find_control(text or "")
            if control is not None:
                bad = True
                filled.error(
                    places[column],
                    "collect-control",
                    f"control character {describe(control.group())} at character "
                    f"{control.start() + 1}: a terminal escape or a careless paste; delete it",
                )
        if state is None:
            bad = True
            if _empty(values.get("state")):
                filled.error(places["state"], "collect-state", f"state missing; one of {STATES}")
            else:
                filled.error(
                    places["state"],
                    "collect-state",
                    f"{shown(values.get('state'))} is not a state; one of {STATES}",
                )
        if day is None:
            bad = True
            if _empty(values.get("date")):
                filled.error(
                    places["date"], "collect-date", "date missing: the day the state was reached"
                )
            else:
                filled.error(
                    places["date"],
                    "collect-date",
                    f"{shown(values.get('date'))} is not a date; type YYYY-MM-DD, e.g. "
                    f"{quarter.end.isoformat()}",
                )
        elif not first <= day <= last:
            bad = True
            filled.error(
                places["date"],
                "collect-date-range",
                f"{day.isoformat()} is outside {first.isoformat()} (the decree) to "
                f"{last.isoformat()} (this report's due date)",
            )
        if bad or state is None or day is None:
            continue
        if state is State.done and evidence is None:
            filled.findings.append(
                Finding(
                    places["evidence"],
                    "warning",
                    "collect-no-evidence",
                    f"{row.id} is done without evidence; name the document or give a URL",
                )
            )
        entry = StatusEntry(row.id, day, state, evidence, note, agency_term, str(quarter))
        found.append((entry, places["id"]))
    return found


def _allowed(rules: _Rules, agency: str, quarter: Quarter) -> tuple[frozenset[str], dt.date | None]:
    """The ids on ``agency``'s checklist for ``quarter`` and that report's due date.

    The checklist's rule (queries.checklist.agency_checklist) without its standings and update
    events, which collecting does not need: every obligation of a measure the
    agency is responsible for, except annual occurrences of later years.
    """
    from plancli.queries.selection import reporting_binds
    from plancli.tracking import obligations

    data = rules.data
    entry = data.glossary.resolve(agency)
    measures = [m for m in data.plan.measures if rules.roles.involvement(entry, m) is not None]
    ids = frozenset(
        o.key
        for o in obligations(data.plan, measures)
        if not (o.occurrence and int(o.occurrence) > quarter.year)
    )
    due = min(
        (
            e.date
            for e in rules.agency_report_deadlines
            if e.period == str(quarter)
            and e.rule is not None
            and reporting_binds(data, e.rule, entry)
        ),
        default=None,
    )
    return ids, due


def _state(value: object) -> State | None:
    if not isinstance(value, str):
        return None
    text = re.sub(r"[\s-]+", "_", value.strip().casefold())
    try:
        return State(text)
    except ValueError:
        return None


def _empty(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _text(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = " ".join(str(value).split())
    return text or None


# --------------------------------------------------------------- writing


def entry_yaml(entry: StatusEntry, indent: str = "  ") -> str:
    """One status entry as a YAML block-list item (strings JSON-quoted: valid YAML)."""
    lines: list[str] = []
    for key, value in entry_data(entry).items():  # the data it is checked as (collect_into)
        if isinstance(value, dt.date):
            text = value.isoformat()
        elif key == "state":
            text = str(value)
        else:
            text = json.dumps(value, ensure_ascii=False)
        lines.append(f"{indent}{'  ' if lines else '- '}{key}: {text}")
    return "\n".join(lines) + "\n"


HEADER = (
    "# Status entries of decree No. 170's plan (see the plancli README, 'Status files').\n"
    "# Written by `plancli collect`; entries may be added by hand too.\n"
)
_LIST_ITEM = re.compile(r"^( *)- ", re.MULTILINE)
_ENTRIES_KEY = re.compile(r"^entries:[ \t]*(#.*)?$", re.MULTILINE)


def merged_status_text(existing: str | None, entries: Sequence[StatusEntry]) -> str:
    """The status file's text with ``entries`` appended.

    The existing text is kept byte for byte when its ``entries:`` list is a
    block list at the end of the file (the usual layout); otherwise
    :func:`rewritten_status_text` is the caller's fallback.
    """
    if existing is None or not existing.strip():
        return rewritten_status_text(entries)
    if not _ENTRIES_KEY.search(existing):
        raise ValueError("no block 'entries:' key")
    key = _ENTRIES_KEY.search(existing)
    assert key is not None
    item = _LIST_ITEM.search(existing, key.end())
    indent = item.group(1) if item else "  "
    text = existing if existing.endswith("\n") else existing + "\n"
    return text + "".join(entry_yaml(e, indent) for e in entries)


def entry_data(entry: StatusEntry) -> dict[str, object]:
    """What parsing :func:`entry_yaml`'s text gives: the same keys, in the same order."""
    data: dict[str, object] = {
        "id": entry.key,
        "date": entry.date,
        "state": entry.state.value,
    }
    for key in ("evidence", "note", "reported_by", "quarter"):
        value = getattr(entry, key)
        if value is not None:
            data[key] = value
    return data


def rewritten_status_data(all_entries: Sequence[StatusEntry]) -> dict[str, object]:
    """What parsing :func:`rewritten_status_text`'s text gives."""
    return {"entries": [entry_data(e) for e in all_entries]}


def rewritten_status_text(all_entries: Sequence[StatusEntry]) -> str:
    """A fresh status file holding ``all_entries`` (used when appending is unsafe)."""
    if not all_entries:
        return HEADER + "entries: []\n"
    return HEADER + "entries:\n" + "".join(entry_yaml(e) for e in all_entries)


@dataclass(frozen=True)
class Merge:
    """A collection and the status file text it leads to (``None``: write nothing)."""

    collected: Collected
    text: str | None
    #: Entries in the status file before.
    before: int


def collect_into(data: Dataset, paths: Sequence[Path], status: Path) -> Merge:
    """Collect ``paths`` into the status file ``status`` (which may not exist yet).

    The resulting text is validated exactly as ``plancli validate --status``
    would before it is returned; nothing is written here.
    """
    from plancli.errors import InvalidDataError
    from plancli.files import display_name
    from plancli.loading import load_status, validate_status, validate_status_data

    existing_text = None
    log = None
    if status.exists():
        log = load_status(status, data)
        existing_text = status.read_bytes().decode("utf-8-sig")
    old = list(log or ())
    collected = collect(data, [(p, display_name(p)) for p in paths], log)
    if not collected.ok or (existing_text is not None and not collected.entries):
        return Merge(collected, None, len(old))
    every = [*old, *collected.entries]
    problems: list[Problem] = []
    if existing_text is None or not existing_text.strip():
        # A file written from scratch: its text and its data come from the same
        # entries (a test holds them equal), so the data is checked without
        # parsing the text back (2,000 entries: a third of a second).
        text = _within_the_limit(status, rewritten_status_text(every))
        merged, problems = validate_status_data(status, data, rewritten_status_data(every), text)
        if merged is not None and len(list(merged)) == len(every):
            return Merge(collected, text, len(old))
        raise InvalidDataError(problems)  # pragma: no cover - collect's checks cover the rules
    candidates = []
    with contextlib.suppress(ValueError):
        candidates.append(merged_status_text(existing_text, collected.entries))
    candidates.append(rewritten_status_text(every))
    for text in candidates:
        _within_the_limit(status, text)
        # the user's own text with ours appended: read back exactly as `validate` would
        merged, problems = validate_status(status, data, content=text.encode("utf-8"))
        if merged is not None and len(list(merged)) == len(every):
            return Merge(collected, text, len(old))
    raise InvalidDataError(problems)  # pragma: no cover - collect's checks cover the rules


def _within_the_limit(status: Path, text: str) -> str:
    """``text`` if plancli could read it back as a status file; never write one it would refuse."""
    from plancli import files
    from plancli.errors import PlancliError

    size = len(text.encode("utf-8"))
    if size > files.MAX_STATUS_BYTES:
        raise PlancliError(
            f"{files.display_name(status)} would be {size:,} bytes with the new entries, over "
            f"the {files.MAX_STATUS_BYTES:,}-byte limit of a status file; nothing written",
            hint="plancli could not read it afterwards (README, 'Hostile input and limits')",
        )
    return text
