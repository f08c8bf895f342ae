"""Shell completion of agency names, measure ids and sections.

Completion runs on every <Tab>: it reads the plan through the cache and
never fails loudly (a broken or missing plan completes nothing).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from plancli.glossary import name_key

if TYPE_CHECKING:
    from plancli.dataset import Dataset


def _dataset(plan: Path | None, glossary: Path | None) -> Dataset | None:
    """The plan to complete from, or ``None``: completion must never fail loudly."""
    from plancli.loading import load_dataset

    try:
        return load_dataset(plan, glossary)
    except Exception:
        return None


def agencies(
    incomplete: str, *, plan: Path | None = None, glossary: Path | None = None
) -> list[tuple[str, str]]:
    """Glossary terms and aliases naming bodies, with their expansion as help."""
    data = _dataset(plan, glossary)
    if data is None:
        return []
    prefix = name_key(incomplete)
    found = []
    for entry in data.glossary.entries:
        if entry.kind in ("term", "international") and entry.provenance == "decree":
            continue
        if name_key(entry.term).startswith(prefix):
            target = data.glossary.canonical(entry)
            found.append((entry.term, target.expansion or entry.note or ""))
    return found


def measure_ids(
    incomplete: str, *, plan: Path | None = None, glossary: Path | None = None
) -> list[tuple[str, str]]:
    data = _dataset(plan, glossary)
    if data is None:
        return []
    wanted = incomplete.strip()
    found = [(m.id, m.text[:60]) for m in data.plan.measures if m.id.startswith(wanted)]
    measure_id = wanted.partition("@")[0]
    measure = data.plan.measure(measure_id)
    if measure is not None and (wanted == measure_id or "@" in wanted):
        # one year of an annual measure, as overdue prints it: 1.2@2016
        from plancli.tracking import obligations

        years = [o.key for o in obligations(data.plan, [measure]) if o.occurrence]
        if "@" in wanted:
            found = []
        found += [(key, measure.text[:60]) for key in years if key.startswith(wanted)]
    return found


def sections(
    incomplete: str, *, plan: Path | None = None, glossary: Path | None = None
) -> list[tuple[str, str]]:
    data = _dataset(plan, glossary)
    if data is None:
        return []
    wanted = incomplete.strip().upper()
    return [(s.number, s.title[:60]) for s in data.plan.sections if s.number.startswith(wanted)]
