"""Status files: dated, evidenced records of how far each measure has got.

A status file is optional YAML kept next to (never inside) plan.yaml::

    entries:
      - id: "1.1"              # a measure id, or "1.2@2016" for one year of an annual measure
        date: 2015-11-20        # when this state was reached
        state: done             # not_started | in_progress | partially_done | done
        evidence: "ЮМдин 2015-жылдын 20-ноябрындагы № 01-123 каты"   # document or URL
        note: optional remark

Queries only use entries dated on or before their ``as_of`` date: what was
known then. No real status data is public; the files under
docs/examples/ are made up to show the format.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

#: Status entries may not be dated before the plan's decree nor more than this many
#: years after the plan's last year.
HORIZON_YEARS = 20
OBLIGATION_KEY = re.compile(r"^([1-9][0-9]*\.[1-9][0-9]*)(?:@([0-9]{4}))?$")


class State(str, enum.Enum):
    not_started = "not_started"
    in_progress = "in_progress"
    partially_done = "partially_done"
    done = "done"


@dataclass(frozen=True)
class StatusEntry:
    key: str
    date: dt.date
    state: State
    evidence: str | None = None
    note: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.key,
            "date": self.date.isoformat(),
            "state": self.state.value,
            "evidence": self.evidence,
            "note": self.note,
        }


class StatusLog:
    """Status entries by obligation key (``"1.1"``, ``"1.2@2016"``), oldest first."""

    def __init__(self, entries: list[StatusEntry] | None = None) -> None:
        self._entries: dict[str, list[StatusEntry]] = {}
        for entry in sorted(entries or [], key=lambda e: e.date):
            self._entries.setdefault(entry.key, []).append(entry)

    def __bool__(self) -> bool:
        return bool(self._entries)

    def known(self, key: str, as_of: dt.date) -> list[StatusEntry]:
        """The entries for ``key`` dated on or before ``as_of``."""
        return [e for e in self._entries.get(key, ()) if e.date <= as_of]

    def __iter__(self) -> Iterator[StatusEntry]:
        for entries in self._entries.values():
            yield from entries
