"""Shell completion of agency names, measure ids and sections.

Completion runs on every <Tab>: it reads the plan through the cache and
never fails loudly (a broken or missing plan completes nothing).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from plancli.glossary import name_key

if TYPE_CHECKING:
    from plancli.loading import Dataset


def _dataset(plan: Path | None, glossary: Path | None) -> Dataset:
    from plancli.loading import load_dataset

    return load_dataset(plan, glossary)


def agencies(
    incomplete: str, *, plan: Path | None = None, glossary: Path | None = None
) -> list[tuple[str, str]]:
    """Glossary terms and aliases naming bodies, with their expansion as help."""
    try:
        data = _dataset(plan, glossary)
    except Exception:
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
    try:
        data = _dataset(plan, glossary)
    except Exception:
        return []
    return [(m.id, m.text[:60]) for m in data.plan.measures if m.id.startswith(incomplete.strip())]


def sections(
    incomplete: str, *, plan: Path | None = None, glossary: Path | None = None
) -> list[tuple[str, str]]:
    try:
        data = _dataset(plan, glossary)
    except Exception:
        return []
    wanted = incomplete.strip().upper()
    return [(s.number, s.title[:60]) for s in data.plan.sections if s.number.startswith(wanted)]
