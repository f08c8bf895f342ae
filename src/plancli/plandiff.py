"""What an edit changes in the plan's meaning: ``plancli diff``.

Two validated datasets are compared as resolved objects, not as lines of
YAML: a re-wrapped paragraph, a row split into merged cells or a measure
moved within its task changes nothing here. What counts:

* measures added, removed or renumbered (matched by their text when their ids
  differ), and per measure: text, sub-items, deadline phrase (with the due
  dates it implies), executors (added, removed, lead, by agreement), the
  executor note and results;
* section and task titles, a task moved to another section;
* the decree's metadata, the plan years and the reporting rules;
* glossary entries added, removed or changed (every field the entry has).

Texts are compared with runs of whitespace collapsed. Every change is a
:class:`Change` record; :func:`diff_datasets` also says how the overdue set
on ``as_of`` differs (the consequence of the edit). Nothing here reads the
clock or prints.

Ids: a measure is named by its id (``"12.1"``); other things by a prefix:
``section:IV``, ``task:12``, ``decree``, ``appendix``, ``reporting:<id>``,
``glossary:<term>``. ``id`` is the name in the new plan (``None`` when
removed), ``old_id`` the name in the old one (``None`` when added).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from plancli.glossary import name_key
from plancli.tracking import Standing, assess_all, deadline_of

if TYPE_CHECKING:
    from plancli.dataset import Dataset
    from plancli.glossary import Entry, Glossary
    from plancli.plan import Executor, Measure, Plan

ChangeKind = Literal["added", "removed", "changed", "renumbered"]
#: JSON values only: str, int, bool, None, lists and dicts of them.
Value = object

#: Two measures whose texts are this similar (0..1, by words) are the same
#: measure edited and renumbered, when neither id nor text matches exactly.
SIMILAR = 0.75


@dataclass(frozen=True)
class Change:
    """One meaning-level change (its JSON shape: ``records.ChangeRecord``)."""

    kind: ChangeKind
    id: str | None
    old_id: str | None
    #: What changed: ``"text"``, ``"deadline"``, ``"lead"``…; ``None`` for a
    #: whole thing added or removed, ``"id"`` for a renumbering.
    field: str | None
    before: Value
    after: Value

    @property
    def subject(self) -> str:
        """The id the change is about: the new one, else the old one."""
        return self.id if self.id is not None else self.old_id or ""


@dataclass(frozen=True)
class OverdueDelta:
    """Obligations overdue on ``as_of`` under the new plan but not the old, and back."""

    as_of: dt.date
    added: tuple[str, ...]
    removed: tuple[str, ...]


@dataclass(frozen=True)
class PlanDiff:
    old: str
    new: str
    changes: tuple[Change, ...]
    overdue: OverdueDelta

    @property
    def empty(self) -> bool:
        return not self.changes and not self.overdue.added and not self.overdue.removed


def squash(text: str | None) -> str | None:
    """``text`` with runs of whitespace collapsed: re-wrapping is not a change."""
    return None if text is None else " ".join(text.split())


def _texts(values: Iterable[str]) -> list[str]:
    return [" ".join(v.split()) for v in values]


def diff_datasets(old: Dataset, new: Dataset, *, as_of: dt.date) -> PlanDiff:
    """Every meaning-level change from ``old`` to ``new`` and its overdue consequence."""
    changes: list[Change] = []
    changes += _decree(old.plan, new.plan)
    changes += _reporting(old.plan, new.plan)
    changes += _sections(old.plan, new.plan)
    changes += _tasks(old.plan, new.plan)
    pairs, measure_changes = _measures(old.plan, new.plan)
    changes += measure_changes
    changes += _glossary(old.glossary, new.glossary)
    overdue = _overdue(old.plan, new.plan, pairs, as_of)
    return PlanDiff(old.plan_file, new.plan_file, tuple(changes), overdue)


# --------------------------------------------------------------- plan level


def _fields(
    subject: str, pairs: Sequence[tuple[str, Value, Value]], *, old_id: str | None = None
) -> list[Change]:
    return [
        Change("changed", subject, old_id or subject, name, before, after)
        for name, before, after in pairs
        if before != after
    ]


def _decree(old: Plan, new: Plan) -> list[Change]:
    def amended(plan: Plan) -> list[str]:
        return [f"No. {number} of {date.isoformat()}" for number, date in plan.decree.amended_by]

    a, b = old.decree, new.decree
    changes = _fields(
        "decree",
        [
            ("number", a.number, b.number),
            ("date", a.date.isoformat(), b.date.isoformat()),
            ("title", squash(a.title), squash(b.title)),
            ("amended_by", amended(old), amended(new)),
            ("published", a.published.isoformat(), b.published.isoformat()),
            ("publication", squash(a.publication), squash(b.publication)),
            ("days_to_entry_into_force", a.days_to_entry_into_force, b.days_to_entry_into_force),
            ("place", squash(a.place), squash(b.place)),
            ("edition_note", squash(a.edition_note), squash(b.edition_note)),
            ("publication_outlet", squash(a.publication_outlet), squash(b.publication_outlet)),
            ("publication_issue", squash(a.publication_issue), squash(b.publication_issue)),
            (
                "entry_into_force_text",
                squash(a.entry_into_force_text),
                squash(b.entry_into_force_text),
            ),
            ("signed_by", squash(a.signed_by), squash(b.signed_by)),
        ],
    )
    changes += _fields(
        "appendix",
        [
            ("first_year", old.first_year, new.first_year),
            ("last_year", old.last_year, new.last_year),
        ],
    )
    return changes


def _reporting(old: Plan, new: Plan) -> list[Change]:
    def record(rule: object) -> dict[str, Value]:
        values = dataclasses.asdict(rule)  # type: ignore[call-overload]
        return {k: squash(v) if isinstance(v, str) else v for k, v in values.items()}

    before = {r.id: record(r) for r in old.reporting}
    after = {r.id: record(r) for r in new.reporting}
    return _keyed("reporting", before, after)


def _keyed(
    prefix: str, before: dict[str, dict[str, Value]], after: dict[str, dict[str, Value]]
) -> list[Change]:
    """Records matched by key: added, removed, or changed field by field."""
    changes: list[Change] = []
    for key, record in before.items():
        subject = f"{prefix}:{key}"
        if key not in after:
            changes.append(Change("removed", None, subject, None, record, None))
            continue
        other = after[key]
        names = list(record) + [n for n in other if n not in record]
        changes += _fields(subject, [(n, record.get(n), other.get(n)) for n in names])
    for key, record in after.items():
        if key not in before:
            changes.append(Change("added", f"{prefix}:{key}", None, None, None, record))
    return changes


def _sections(old: Plan, new: Plan) -> list[Change]:
    before: dict[str, dict[str, Value]] = {
        s.number: {"title": squash(s.title)} for s in old.sections
    }
    after: dict[str, dict[str, Value]] = {
        s.number: {"title": squash(s.title)} for s in new.sections
    }
    return _keyed("section", before, after)


def _tasks(old: Plan, new: Plan) -> list[Change]:
    def records(plan: Plan) -> dict[str, dict[str, Value]]:
        return {str(t.number): {"title": squash(t.title), "section": t.section} for t in plan.tasks}

    return _keyed("task", records(old), records(new))


# ----------------------------------------------------------------- measures


def _words(text: str) -> list[str]:
    return text.split()


def _similarity(a: Measure, b: Measure) -> float:
    return difflib.SequenceMatcher(None, _words(a.text), _words(b.text), autojunk=False).ratio()


def match_measures(old: Plan, new: Plan) -> list[tuple[Measure, Measure]]:
    """Pairs (old, new) of the same measure, in the new plan's order.

    Same id and same text first; then same text under another id (a
    renumbering); then same id (the text was edited); then, among what is
    left, the most similar texts (edited and renumbered).
    """
    olds = {m.id: m for m in old.measures}
    news = {m.id: m for m in new.measures}
    pairs: dict[str, str] = {}  # new id -> old id

    def text_of(m: Measure) -> str:
        return " ".join(m.text.split())

    for mid, measure in news.items():
        if mid in olds and text_of(olds[mid]) == text_of(measure):
            pairs[mid] = mid
    taken = set(pairs.values())
    by_text: dict[str, list[str]] = {}
    for mid, measure in olds.items():
        if mid not in taken:
            by_text.setdefault(text_of(measure), []).append(mid)
    for mid, measure in news.items():
        if mid in pairs:
            continue
        candidates = by_text.get(text_of(measure))
        if candidates:
            pairs[mid] = candidates.pop(0)
            taken.add(pairs[mid])
    for mid in news:
        if mid not in pairs and mid in olds and mid not in taken:
            pairs[mid] = mid
            taken.add(mid)
    left_new = [mid for mid in news if mid not in pairs]
    left_old = [mid for mid in olds if mid not in taken]
    if left_new and left_old:
        scored = sorted(
            ((-_similarity(olds[o], news[n]), n, o) for n in left_new for o in left_old),
            key=lambda t: t[0],
        )
        for score, n, o in scored:
            if -score < SIMILAR:
                break
            if n not in pairs and o not in taken:
                pairs[n] = o
                taken.add(o)
    return [(olds[pairs[mid]], news[mid]) for mid in news if mid in pairs]


def measure_summary(measure: Measure) -> dict[str, Value]:
    """A measure as a whole, for an added or removed one."""
    return {
        "text": squash(measure.text),
        "items": _texts(measure.items),
        "deadline": squash(measure.deadline),
        "executors": [executor_label(e) for e in measure.executors],
        "results": _texts(measure.results),
    }


def executor_label(executor: Executor) -> str:
    from plancli.plan import BY_AGREEMENT

    return f"{executor.name} {BY_AGREEMENT}" if executor.by_agreement else executor.name


def _measures(old: Plan, new: Plan) -> tuple[list[tuple[Measure, Measure]], list[Change]]:
    pairs = match_measures(old, new)
    matched_old = {a.id for a, _ in pairs}
    matched_new = {b.id for _, b in pairs}
    changes: list[Change] = []
    for measure in old.measures:
        if measure.id not in matched_old:
            changes.append(
                Change("removed", None, measure.id, None, measure_summary(measure), None)
            )
    for a, b in pairs:
        if a.id != b.id:
            changes.append(Change("renumbered", b.id, a.id, "id", a.id, b.id))
        changes += _measure_fields(old, new, a, b)
    for measure in new.measures:
        if measure.id not in matched_new:
            changes.append(Change("added", measure.id, None, None, None, measure_summary(measure)))
    return pairs, changes


def _due(plan: Plan, measure: Measure) -> list[str]:
    return [due.isoformat() for _, due in deadline_of(measure, plan).due_dates()]


def _measure_fields(old: Plan, new: Plan, a: Measure, b: Measure) -> list[Change]:
    def changed(field: str, before: Value, after: Value) -> Change:
        return Change("changed", b.id, a.id, field, before, after)

    changes = []
    if squash(a.text) != squash(b.text):
        changes.append(changed("text", squash(a.text), squash(b.text)))
    if _texts(a.items) != _texts(b.items):
        changes.append(changed("items", _texts(a.items), _texts(b.items)))
    if squash(a.deadline) != squash(b.deadline):
        due_a, due_b = _due(old, a), _due(new, b)
        shift = None
        if due_a and due_b:
            shift = (dt.date.fromisoformat(due_b[0]) - dt.date.fromisoformat(due_a[0])).days
        changes.append(
            changed(
                "deadline",
                {"phrase": squash(a.deadline), "due": due_a},
                {"phrase": squash(b.deadline), "due": due_b, "shift_days": shift},
            )
        )
    changes += _executors(a, b, changed)
    if squash(a.executors_note) != squash(b.executors_note):
        changes.append(
            changed("executors_note", squash(a.executors_note), squash(b.executors_note))
        )
    if _texts(a.results) != _texts(b.results):
        changes.append(changed("results", _texts(a.results), _texts(b.results)))
    return changes


def _executors(
    a: Measure, b: Measure, changed: Callable[[str, Value, Value], Change]
) -> list[Change]:
    before = {name_key(e.name): e for e in a.executors}
    after = {name_key(e.name): e for e in b.executors}
    changes: list[Change] = []
    if name_key(a.lead.name) != name_key(b.lead.name):
        changes.append(changed("lead", a.lead.name, b.lead.name))
    for key, executor in before.items():
        if key not in after:
            changes.append(
                Change("removed", b.id, a.id, "executors", executor_label(executor), None)
            )
    for key, executor in after.items():
        if key not in before:
            changes.append(Change("added", b.id, a.id, "executors", None, executor_label(executor)))
        elif before[key].by_agreement != executor.by_agreement:
            changes.append(
                changed("by_agreement", executor_label(before[key]), executor_label(executor))
            )
    return changes


# ----------------------------------------------------------------- glossary


def entry_record(entry: Entry) -> dict[str, Value]:
    """Every field of a glossary entry (new fields such as ``part_of`` included)."""
    record: dict[str, Value] = {}
    for item in dataclasses.fields(entry):
        value = getattr(entry, item.name)
        if isinstance(value, tuple):
            value = [squash(v) if isinstance(v, str) else v for v in value]
        elif isinstance(value, str):
            value = squash(value)
        record[item.name] = value
    return record


def _glossary(old: Glossary, new: Glossary) -> list[Change]:
    before = {e.term: entry_record(e) for e in old.entries}
    after = {e.term: entry_record(e) for e in new.entries}
    # matched by the compared form of the term: a term re-cased is a change of "term"
    keys_old = {name_key(t): t for t in before}
    keys_new = {name_key(t): t for t in after}
    changes: list[Change] = []
    for key, term in keys_old.items():
        if key not in keys_new:
            changes.append(Change("removed", None, f"glossary:{term}", None, before[term], None))
            continue
        other = keys_new[key]
        fields = list(before[term]) + [n for n in after[other] if n not in before[term]]
        changes += _fields(
            f"glossary:{other}",
            [(n, before[term].get(n), after[other].get(n)) for n in fields],
            old_id=f"glossary:{term}",
        )
    for key, term in keys_new.items():
        if key not in keys_old:
            changes.append(Change("added", f"glossary:{term}", None, None, None, after[term]))
    return changes


# ------------------------------------------------------------------ overdue


def _overdue_keys(plan: Plan, as_of: dt.date) -> list[tuple[str, str | None]]:
    return [
        (a.obligation.measure.id, a.obligation.occurrence)
        for a in assess_all(plan, as_of)
        if a.standing is Standing.overdue
    ]


def _key(measure_id: str, occurrence: str | None) -> str:
    return f"{measure_id}@{occurrence}" if occurrence else measure_id


def _order(key: str) -> tuple[int, int, str]:
    measure, _, occurrence = key.partition("@")
    task, number = measure.split(".")
    return int(task), int(number), occurrence


def _overdue(
    old: Plan, new: Plan, pairs: list[tuple[Measure, Measure]], as_of: dt.date
) -> OverdueDelta:
    """Compare overdue sets with old ids translated to new ones (renumbering is no change)."""
    renamed = {a.id: b.id for a, b in pairs}
    before = {_key(renamed.get(m, m), o) for m, o in _overdue_keys(old, as_of)}
    after = {_key(m, o) for m, o in _overdue_keys(new, as_of)}
    return OverdueDelta(
        as_of,
        tuple(sorted(after - before, key=_order)),
        tuple(sorted(before - after, key=_order)),
    )
