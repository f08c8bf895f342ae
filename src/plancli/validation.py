"""Checking plan and glossary files: every problem, with its place.

The checks are pure functions from parsed YAML (see :mod:`plancli.yamlsource`)
to :class:`~plancli.problems.Problem` objects. Schema errors come from the
pydantic models; the cross-checks (numbering, merged cells, executors that the
glossary does not know, invisible characters…) walk the raw data defensively,
so that one broken measure does not hide problems elsewhere in the file.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from plancli.deadlines import DeadlineError, DeadlineKind, parse_deadline
from plancli.files import MAX_STATUS_ENTRIES
from plancli.glossary import Glossary, fold_homoglyphs, name_key
from plancli.glossary_checks import graph_problems
from plancli.models import (
    GlossaryEntry,
    GlossaryFile,
    PlanFile,
    StatusEntryModel,
    StatusFileModel,
    executor_notation_error,
)
from plancli.plan import ROMAN, Measure, Plan, split_executor
from plancli.problems import Problem
from plancli.resolve import resolve_glossary, resolve_status
from plancli.safetext import describe, find_control
from plancli.status import HORIZON_YEARS, OBLIGATION_KEY, StatusLog
from plancli.yamlsource import Path_, YamlDocument

CELLS = ("deadline", "executors", "results")
M = TypeVar("M", bound=BaseModel)

# Characters nobody means to type in plan text: zero-width and bidi controls,
# soft hyphens, BOMs in the middle of a file.
_INVISIBLE = re.compile("[\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
_NBSP = re.compile("[\u00a0\u2007\u202f]")
_LATIN = re.compile("[A-Za-z]")
_CYRILLIC = re.compile("[\u0400-\u04ff]")
_WORD = re.compile(r"[^\W\d_]+")


def value_problems(located: Located) -> list[Problem]:
    """The YAML reader's problems of single values, naming their item and key like the rest."""
    paths = {id(problem): path for path, problem in located.doc.broken.items()}
    named = []
    for problem in located.doc.problems:
        path = paths.get(id(problem))
        if path is None:
            named.append(problem)
            continue
        kind, ident = located.item(path)
        where = ".".join(str(p) for p in path if isinstance(p, str))
        message = f"{where}: {problem.message}" if where else problem.message
        named.append(dataclasses.replace(problem, message=message, item_kind=kind, item_id=ident))
    return named


#: Problems found in one file at most. Placing each costs about 50 µs; a file
#: with more than this many is the wrong file or an attack, not a careless edit,
#: and checking it stops there (README, "Hostile input and limits").
MAX_PROBLEMS = 10_000


class TooManyProblems(Exception):
    """A file has more than :data:`MAX_PROBLEMS` problems: checking it stops."""


@dataclass
class Located:
    """Attach positions and measure ids to problems found at data paths."""

    doc: YamlDocument
    item: Callable[[Path_], tuple[str | None, str | None]]
    #: Every problem made so far (see :data:`MAX_PROBLEMS`).
    made: list[Problem] = field(default_factory=list)

    def problem(
        self,
        path: Path_,
        code: str,
        message: str,
        *,
        key: bool = False,
        offset: int | None = None,
    ) -> Problem:
        """A problem at ``path`` (its key with ``key``; character ``offset`` of a string)."""
        if len(self.made) >= MAX_PROBLEMS:
            raise TooManyProblems
        line, column = self.doc.position(path, key=key, offset=offset)
        kind, ident = self.item(path)
        problem = Problem(self.doc.file, line, column, code, message, kind, ident)
        self.made.append(problem)
        return problem

    def stopped(self) -> list[Problem]:
        """One problem saying checking stopped (first: text output shows 1,000), and those made."""
        line, column = self.doc.position(())
        last = Problem(
            self.doc.file,
            line,
            column,
            "file-too-many-problems",
            f"checking stopped after {MAX_PROBLEMS:,} problems; fix these first",
        )
        return [last, *_unique(self.made)]


# ------------------------------------------------------------------ schema


def schema_problems(
    model: type[BaseModel], located: Located, data: Any = None, at: Path_ = ()
) -> tuple[Any, list[Problem]]:
    """Validate ``data`` (at path ``at``; default: the whole document) against ``model``.

    Returns the model or the problems. Values the YAML reader already
    reported (and left out) are not reported again.
    """
    broken = located.doc.broken
    if not at and data is None:
        data = located.doc.data
    try:
        return model.model_validate(data), []
    except ValidationError as error:
        problems = []
        for detail in error.errors(include_url=False):
            path = (*at, *detail["loc"])
            if any(path[: len(b)] == b for b in broken):
                continue
            kind = detail["type"]
            if kind == "missing":
                code, message = "schema-missing", f"missing required key {path[-1]!r}"
                path = path[:-1]
            elif kind == "extra_forbidden":
                code, message = "schema-unknown-key", f"unknown key {path[-1]!r}"
            elif kind == "string_too_short":
                name = next((p for p in reversed(path) if isinstance(p, str)), "value")
                code, message = "text-empty", f"{name}: empty text"
            else:
                code = "schema-type"
                where = ".".join(str(p) for p in path if isinstance(p, str))
                message = f"{where}: {detail['msg']}" if where else detail["msg"]
            problems.append(located.problem(path, code, message, key=kind == "extra_forbidden"))
        return None, problems


# -------------------------------------------------------------- plan checks


def plan_item(data: Any) -> Callable[[Path_], tuple[str | None, str | None]]:
    """Name the measure (or task) a plan path belongs to."""

    def item(path: Path_) -> tuple[str | None, str | None]:
        if not path or path[0] != "sections":
            return None, None  # the decree, reporting rules, the appendix header
        try:
            section = data["sections"][path[1]]
            if len(path) < 4:
                return "section", str(section["number"])
            task = section["tasks"][path[3]]
            if len(path) < 6:
                return "task", str(task["number"])
            row = task["rows"][path[5]]
            measures = row["measures"]
            if len(path) >= 8 and path[6] == "measures":
                return "measure", str(measures[path[7]]["id"])
            ids = [str(m["id"]) for m in measures]
            return ("measure", ids[0]) if len(ids) == 1 else ("measures", f"{ids[0]}-{ids[-1]}")
        except (KeyError, IndexError, TypeError):
            return None, None

    return item


def check_plan(
    doc: YamlDocument, glossary: Glossary | None
) -> tuple[PlanFile | None, list[Problem]]:
    """Every problem of a plan file: schema, structure, executors, text hygiene."""
    located = Located(doc, plan_item(doc.data))
    try:
        model, problems = schema_problems(PlanFile, located)
        problems += value_problems(located)
        problems += list(_structure(doc.data, located, glossary))
        problems += list(text_hygiene(doc.data, located))
    except TooManyProblems:
        return None, located.stopped()
    return (model if not problems else None), _unique(problems)


def _mapping(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _sequence(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _plan_years(data: Any) -> tuple[int, int]:
    appendix = _mapping(_mapping(data).get("appendix"))
    first, last = appendix.get("first_year"), appendix.get("last_year")
    if isinstance(first, int) and isinstance(last, int) and first <= last:
        return first, last
    return (0, -1)  # no plan years: "жыл сайын" recurs in none


def _structure(data: Any, at: Located, glossary: Glossary | None) -> Iterator[Problem]:
    years = _plan_years(data)
    appendix = _mapping(_mapping(data).get("appendix"))
    first, last = appendix.get("first_year"), appendix.get("last_year")
    if isinstance(first, int) and isinstance(last, int) and first > last:
        yield at.problem(
            ("appendix", "last_year"),
            "appendix-years",
            f"last_year {last} is before first_year {first}",
        )
    expected_task = 1
    seen_ids: dict[str, Path_] = {}
    for s_index, section in enumerate(_sequence(_mapping(data).get("sections"))):
        s_path: Path_ = ("sections", s_index)
        section = _mapping(section)
        expected_section = ROMAN[s_index] if s_index < len(ROMAN) else None
        if section.get("number") != expected_section and section.get("number") in ROMAN:
            yield at.problem(
                (*s_path, "number"),
                "section-sequence",
                f"section {section.get('number')} is out of order: expected {expected_section}",
            )
        for t_index, task in enumerate(_sequence(section.get("tasks"))):
            t_path: Path_ = (*s_path, "tasks", t_index)
            task = _mapping(task)
            number = task.get("number")
            if isinstance(number, int):
                if number != expected_task:
                    yield at.problem(
                        (*t_path, "number"),
                        "task-sequence",
                        f"task {number} is out of order: tasks are numbered 1, 2, … across "
                        f"sections; expected {expected_task} here",
                    )
                expected_task = number + 1
            yield from _task_rows(task, t_path, number, at, glossary, seen_ids, years)


def _task_rows(
    task: dict[str, Any],
    t_path: Path_,
    number: Any,
    at: Located,
    glossary: Glossary | None,
    seen_ids: dict[str, Path_],
    years: tuple[int, int],
) -> Iterator[Problem]:
    expected_measure = 1
    for r_index, row in enumerate(_sequence(task.get("rows"))):
        r_path: Path_ = (*t_path, "rows", r_index)
        row = _mapping(row)
        for m_index, measure in enumerate(_sequence(row.get("measures"))):
            m_path: Path_ = (*r_path, "measures", m_index)
            measure_id = _mapping(measure).get("id")
            if not isinstance(measure_id, str) or "." not in measure_id:
                continue
            prefix, _, tail = measure_id.partition(".")
            if measure_id in seen_ids:
                yield at.problem(
                    (*m_path, "id"),
                    "id-duplicate",
                    f"measure id {measure_id} is used twice (first at line "
                    f"{at.doc.position(seen_ids[measure_id])[0]})",
                )
                continue
            seen_ids[measure_id] = (*m_path, "id")
            if isinstance(number, int) and prefix != str(number):
                yield at.problem(
                    (*m_path, "id"),
                    "id-task",
                    f"measure id {measure_id} does not belong to task {number}: "
                    f"expected {number}.{expected_measure}",
                )
            elif tail != str(expected_measure):
                yield at.problem(
                    (*m_path, "id"),
                    "id-sequence",
                    f"measure {measure_id} is out of sequence: expected "
                    f"{prefix}.{expected_measure} (measures are numbered 1, 2, … within a task)",
                )
            if tail.isdigit():
                expected_measure = int(tail) + 1
        yield from _row_cells(row, r_path, r_index, at)
        yield from _row_deadline(row, r_path, at, years)
        yield from _row_executors(row, r_path, at, glossary)


def _row_cells(row: dict[str, Any], r_path: Path_, r_index: int, at: Located) -> Iterator[Problem]:
    merged = [c for c in _sequence(row.get("merged_with_above")) if c in CELLS]
    if merged and r_index == 0:
        yield at.problem(
            (*r_path, "merged_with_above"),
            "merged-first-row",
            "the first row of a task has no row above to merge " + ", ".join(merged) + " with",
        )
    for cell in CELLS:
        if cell in merged and cell in row:
            yield at.problem(
                (*r_path, cell),
                "cell-conflict",
                f"{cell} is both written here and listed in merged_with_above; keep one",
            )
        elif cell not in merged and cell not in row:
            hint = " (null for an empty source cell)" if cell == "deadline" else ""
            yield at.problem(
                r_path,
                "cell-missing",
                f"the row has no {cell}: write the cell{hint} or add {cell!r} to "
                "merged_with_above if the source merges it with the row above",
            )


def _row_deadline(
    row: dict[str, Any], r_path: Path_, at: Located, years: tuple[int, int]
) -> Iterator[Problem]:
    phrase = row.get("deadline")
    if not isinstance(phrase, str):
        return
    try:
        parse_deadline(phrase, plan_years=years)
    except DeadlineError as error:
        yield at.problem(
            (*r_path, "deadline"),
            "deadline-unparsed",
            f"{error}; see `plancli deadlines` and the README for the phrases plancli reads",
        )


def _row_executors(
    row: dict[str, Any], r_path: Path_, at: Located, glossary: Glossary | None
) -> Iterator[Problem]:
    seen: set[str] = set()
    for index, name in enumerate(_sequence(row.get("executors"))):
        if not isinstance(name, str) or not name.strip():
            continue
        path = (*r_path, "executors", index)
        malformed = executor_notation_error(name.strip())
        if malformed:
            yield at.problem(path, "executor-notation", malformed)
            continue
        base, _ = split_executor(name.strip())
        if glossary is None:
            continue  # the glossary is broken; its own problems are reported
        entry = glossary.lookup(base)
        if entry is None:
            suggestions = glossary.suggest(base)
            hint = f"; did you mean {', '.join(suggestions)}?" if suggestions else ""
            yield at.problem(
                path,
                "executor-unknown",
                f"executor {base!r} is not in the glossary{hint} "
                "(add it to glossary.yaml with provenance: added)",
            )
            continue
        key = glossary.canonical(entry).term
        if key in seen:
            yield at.problem(
                path, "executor-duplicate", f"executor {base!r} is listed twice in this cell"
            )
        seen.add(key)
    unmarked = {
        n.strip() for n in _sequence(row.get("executors")) if isinstance(n, str) and n.strip()
    }
    for index, name in enumerate(_sequence(row.get("by_agreement_omitted"))):
        if isinstance(name, str) and name.strip() not in unmarked:
            yield at.problem(
                (*r_path, "by_agreement_omitted", index),
                "executor-omission-unknown",
                f"{name!r} is not an executor this cell names without "
                f"'(макулдашуу боюнча)'; list only names written in this row's executors",
            )


# ---------------------------------------------------------- glossary checks


def entries_item(
    kind: str, key: str
) -> Callable[[Any], Callable[[Path_], tuple[str | None, str | None]]]:
    """Name the entry (of a glossary or status file) a path belongs to, by its ``key`` field."""

    def for_data(data: Any) -> Callable[[Path_], tuple[str | None, str | None]]:
        def item(path: Path_) -> tuple[str | None, str | None]:
            try:
                if path[0] == "entries":
                    return kind, str(data["entries"][path[1]][key])
            except (KeyError, IndexError, TypeError):
                pass
            return None, None

        return item

    return for_data


glossary_item = entries_item("glossary entry", "term")
status_item = entries_item("status entry", "id")


def _valid_entries(model: type[M], located: Located) -> list[tuple[int, M]]:
    """The entries of a glossary or status file that pass their schema, with their indexes.

    The file's rules run on these, so that one broken entry (a bad date, a
    misspelt key) hides nothing about the others; its schema problems are
    reported by :func:`schema_problems` on the whole file.
    """
    valid = []
    for index, raw in enumerate(_sequence(_mapping(located.doc.data).get("entries"))):
        if any(b[:2] == ("entries", index) for b in located.doc.broken):
            continue
        try:
            valid.append((index, model.model_validate(raw)))
        except ValidationError:
            continue
    return valid


def check_glossary(doc: YamlDocument) -> tuple[Glossary | None, list[Problem]]:
    """Every problem of a glossary file, and the glossary its valid entries make.

    With problems, the glossary is still returned (``None`` only for a file
    that is not a list of entries at all), so that the plan's executors can be
    checked against it: the terms of broken entries are kept as placeholders,
    so that a plan naming them is not blamed for the glossary's mistake.
    """
    located = Located(doc, glossary_item(doc.data))
    try:
        return _check_glossary(doc, located)
    except TooManyProblems:
        return None, located.stopped()


def _check_glossary(doc: YamlDocument, located: Located) -> tuple[Glossary | None, list[Problem]]:
    model, problems = schema_problems(GlossaryFile, located)
    problems += value_problems(located)
    problems += list(text_hygiene(doc.data, located))
    entries = _valid_entries(GlossaryEntry, located)
    raw_terms = [
        (index, _mapping(raw).get("term"))
        for index, raw in enumerate(_sequence(_mapping(doc.data).get("entries")))
    ]
    terms = [term for _, term in raw_terms if isinstance(term, str) and term.strip()]
    problems += list(_glossary_rules(entries, terms, located))
    # the graph of the valid entries, its paths mapped back to the file's entries
    valid_model = model or GlossaryFile.model_construct(entries=[e for _, e in entries])
    file_index = [index for index, _ in entries] if model is None else None
    for path, code, message in graph_problems(valid_model):
        if file_index is not None and len(path) > 1 and isinstance(path[1], int):
            path = (path[0], file_index[path[1]], *path[2:])
        problems.append(located.problem(path, code, message))
    if model is not None and not problems:
        return resolve_glossary(model), []
    valid = {index for index, _ in entries}
    placeholders = [
        GlossaryEntry(term=term.strip(), kind="unknown", provenance="added", certainty="unknown")
        for index, term in raw_terms
        if index not in valid and isinstance(term, str) and term.strip()
    ]
    partial = [entry for _, entry in entries] + placeholders
    glossary = resolve_glossary(GlossaryFile.model_construct(entries=partial)) if partial else None
    return glossary, _unique(problems)


def _glossary_rules(
    entries: list[tuple[int, GlossaryEntry]], terms: list[str], at: Located
) -> Iterator[Problem]:
    """The glossary's own rules over its valid ``entries``; ``terms`` are every entry's term."""
    keys: dict[str, int] = {}
    for index, entry in entries:
        path: Path_ = ("entries", index)
        key = name_key(entry.term)
        if key in keys:
            yield at.problem(
                (*path, "term"),
                "glossary-duplicate",
                f"term {entry.term!r} is defined twice (first as entry {keys[key] + 1})",
            )
        keys.setdefault(key, index)
        if entry.provenance == "decree" and entry.certainty is not None:
            yield at.problem(
                (*path, "certainty"),
                "glossary-certainty",
                "entries from the decree's list carry no certainty; it applies to added entries",
            )
        if entry.provenance == "added" and entry.certainty is None:
            yield at.problem(
                path,
                "glossary-certainty",
                "an added entry must say how certain its reading is "
                "(certainty: evident, inferred, unknown or descriptive)",
            )
        if entry.provenance == "added" and entry.note is None:
            yield at.problem(path, "glossary-note", "an added entry needs a note saying why")
        has_reading = entry.expansion is not None or entry.alias_of is not None
        if entry.certainty in ("unknown", "descriptive") and entry.expansion is not None:
            yield at.problem(
                (*path, "expansion"),
                "glossary-expansion",
                f"certainty: {entry.certainty} entries have no expansion",
            )
        elif (
            entry.certainty in ("evident", "inferred") and not has_reading and entry.kind != "group"
        ):
            yield at.problem(
                path,
                "glossary-expansion",
                f"certainty: {entry.certainty} needs an expansion or alias_of",
            )
        elif entry.provenance == "decree" and entry.expansion is None:
            yield at.problem(
                path, "glossary-expansion", "entries from the list need their expansion"
            )
        if entry.kind == "group" and not entry.members and entry.members_kind is None:
            yield at.problem(path, "glossary-group-empty", "a group needs members or members_kind")
        if entry.kind != "group" and (entry.members or entry.members_kind):
            yield at.problem(
                (*path, "kind"), "glossary-members", "only entries of kind group have members"
            )
    known = {name_key(term) for term in terms}
    for index, entry in entries:
        path = ("entries", index)
        if entry.alias_of is not None and name_key(entry.alias_of) not in known:
            yield at.problem(
                (*path, "alias_of"),
                "glossary-alias-unknown",
                f"alias_of {entry.alias_of!r} is not a term of this glossary",
            )
        if entry.part_of is not None and (
            name_key(entry.part_of) not in known or name_key(entry.part_of) == name_key(entry.term)
        ):
            yield at.problem(
                (*path, "part_of"),
                "glossary-part-of-unknown",
                f"part_of {entry.part_of!r} is not another term of this glossary",
            )
        for m_index, member in enumerate(entry.members):
            if name_key(member) not in known:
                yield at.problem(
                    (*path, "members", m_index),
                    "glossary-member-unknown",
                    f"member {member!r} is not a term of this glossary",
                )


# ------------------------------------------------------------ status files


def check_status(doc: YamlDocument, plan: Plan | None) -> tuple[StatusLog | None, list[Problem]]:
    """A status file's problems: schema, unknown ids, occurrences, dates, conflicts.

    Every entry that passes its schema is checked, whatever is wrong with the
    others. Without a plan (when the plan itself is invalid) only what needs
    no plan is checked: the schema, text and same-day conflicts.
    """
    located = Located(doc, status_item(doc.data))
    entries = doc.data.get("entries") if isinstance(doc.data, dict) else None
    if isinstance(entries, list) and len(entries) > MAX_STATUS_ENTRIES:
        # checking costs per entry: refuse before the first one (README, "Limits")
        message = f"{len(entries):,} entries; the limit is {MAX_STATUS_ENTRIES:,}"
        return None, [located.problem(("entries",), "file-too-large", message, key=True)]
    try:
        model, problems = schema_problems(StatusFileModel, located)
        problems += value_problems(located)
        problems += list(text_hygiene(doc.data, located))
        problems += list(_status_rules(_valid_entries(StatusEntryModel, located), plan, located))
    except TooManyProblems:
        return None, located.stopped()
    if problems or model is None:
        return None, _unique(problems)
    return resolve_status(model), []


def _status_rules(
    entries: list[tuple[int, StatusEntryModel]], plan: Plan | None, at: Located
) -> Iterator[Problem]:
    measures = {m.id: m for m in plan.measures} if plan is not None else {}
    seen: dict[tuple[str, dt.date, str | None], int] = {}
    # read once per measure, not per entry: status files grow long
    kinds: dict[str, DeadlineKind] = {}
    for index, entry in entries:
        path: Path_ = ("entries", index)
        if plan is not None:
            yield from _status_against_plan(path, entry, plan, measures, kinds, at)
        key = (entry.id, entry.date, entry.reported_by)
        if key in seen:
            by = f" by {entry.reported_by}" if entry.reported_by else ""
            yield at.problem(
                path,
                "status-conflict",
                f"{entry.id} already has an entry{by} dated {entry.date.isoformat()} "
                f"(entry {seen[key] + 1}); one state per day and reporter",
            )
        seen.setdefault(key, index)


def _status_against_plan(
    path: Path_,
    entry: StatusEntryModel,
    plan: Plan,
    measures: dict[str, Measure],
    kinds: dict[str, DeadlineKind],
    at: Located,
) -> Iterator[Problem]:
    match = OBLIGATION_KEY.match(entry.id)
    assert match is not None  # the schema's pattern
    measure_id, year = match.group(1), match.group(2)
    measure = measures.get(measure_id)
    if measure is None:
        close = difflib.get_close_matches(measure_id, list(measures), n=3)
        hint = f"; did you mean {', '.join(close)}?" if close else ""
        yield at.problem(
            (*path, "id"), "status-unknown-id", f"no measure {measure_id} in the plan{hint}"
        )
    else:
        kind = kinds.get(measure_id)
        if kind is None:
            years = (plan.first_year, plan.last_year)
            kind = kinds[measure_id] = parse_deadline(measure.deadline, plan_years=years).kind
        if kind is DeadlineKind.annual and year is None:
            yield at.problem(
                (*path, "id"),
                "status-occurrence",
                f"measure {measure_id} is annual (жыл сайын): say which year, e.g. "
                f"{measure_id}@{plan.first_year}",
            )
        elif kind is DeadlineKind.annual and not plan.first_year <= int(year) <= plan.last_year:
            yield at.problem(
                (*path, "id"),
                "status-occurrence",
                f"{entry.id}: the plan's years are {plan.first_year}-{plan.last_year}",
            )
        elif kind is not DeadlineKind.annual and year is not None:
            yield at.problem(
                (*path, "id"),
                "status-occurrence",
                f"measure {measure_id} is not annual; write {measure_id} without @{year}",
            )
    earliest = plan.decree.date
    latest = dt.date(plan.last_year + HORIZON_YEARS, 12, 31)
    if not earliest <= entry.date <= latest:
        yield at.problem(
            (*path, "date"),
            "status-date-range",
            f"date {entry.date.isoformat()} is outside {earliest.isoformat()} "
            f"(the decree) to {latest.isoformat()}",
        )


# ------------------------------------------------------------ text hygiene


def _strings(value: Any, path: Path_) -> Iterator[tuple[Path_, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, (*path, index))


def text_hygiene(data: Any, at: Located) -> Iterator[Problem]:
    """Invisible mistakes: homoglyphs, zero-width characters, no-break spaces, non-NFC."""
    for path, text in _strings(data, ()):
        control = find_control(text)
        if control:
            yield at.problem(
                path,
                "text-control",
                f"control character {describe(control.group())} at character "
                f"{control.start() + 1}; text holds no terminal escapes or other controls "
                "(tab and newline are fine)",
            )
        if text.isascii():
            continue  # nothing invisible, no Cyrillic, always NFC
        invisible = _INVISIBLE.search(text)
        if invisible:
            yield at.problem(
                path,
                "text-invisible",
                f"invisible character U+{ord(invisible.group()):04X} "
                f"({unicodedata.name(invisible.group(), 'unnamed')}) at character "
                f"{invisible.start() + 1}; delete it",
                offset=invisible.start(),
            )
        nbsp = _NBSP.search(text)
        if nbsp:
            yield at.problem(
                path,
                "text-nbsp",
                f"no-break space U+{ord(nbsp.group()):04X} at character {nbsp.start() + 1}; "
                "use an ordinary space",
                offset=nbsp.start(),
            )
        if not unicodedata.is_normalized("NFC", text):
            yield at.problem(
                path,
                "text-not-nfc",
                "text is not in Unicode NFC form (a letter typed as letter + combining mark); "
                "retype it or normalise the file to NFC",
                offset=_first_not_nfc(text),
            )
        if not (_LATIN.search(text) and _CYRILLIC.search(text)):
            continue  # one script only: no word can mix them (the common case)
        for word in _WORD.finditer(text):
            token = word.group()
            if _LATIN.search(token) and _CYRILLIC.search(token):
                latin = "".join(sorted(set(_LATIN.findall(token))))
                folded = fold_homoglyphs(token)
                # suggest a word only when every Latin letter has a Cyrillic twin
                fix = (
                    f"did you mean {folded!r}?"
                    if not _LATIN.search(folded)
                    else f"retype {latin} in Cyrillic"
                )
                yield at.problem(
                    path,
                    "text-mixed-script",
                    f"{token!r} mixes Latin letters ({latin}) into a Cyrillic word; {fix}",
                    # at the first Latin letter: where the editor must go
                    offset=word.start() + next(i for i, c in enumerate(token) if _LATIN.match(c)),
                )


def _first_not_nfc(text: str) -> int:
    """The offset of the first letter that NFC would change (typed as a letter
    and a combining mark that NFC composes, or a letter NFC replaces)."""
    low, high = 0, len(text)  # the shortest prefix that is not NFC has length ``high``
    while low < high:
        middle = (low + high) // 2
        if unicodedata.is_normalized("NFC", text[: middle + 1]):
            low = middle + 1
        else:
            high = middle
    offset = min(low, len(text) - 1)
    while offset > 0 and unicodedata.combining(text[offset]):
        offset -= 1  # at the letter the mark belongs to: what the eye finds in the editor
    return offset


def _unique(problems: list[Problem]) -> list[Problem]:
    seen: set[Problem] = set()
    result = []
    for problem in problems:
        if problem not in seen:
            seen.add(problem)
            result.append(problem)
    return sorted(result, key=lambda p: (p.line, p.column, p.code))
