"""Status files: dated, evidenced records of how far each measure has got.

A status file is optional YAML kept next to (never inside) plan.yaml::

    entries:
      - id: "1.1"              # a measure id, or "1.2@2016" for one year of an annual measure
        date: 2015-11-20        # when this state was reached
        state: done             # not_started | in_progress | partially_done | done
        evidence: "ЮМдин 2015-жылдын 20-ноябрындагы № 01-123 каты"   # document or URL
        note: optional remark
        reported_by: ЮМ         # optional: the body whose quarterly report said so
        quarter: 2015Q4         # optional: the quarter that report covered

``plancli collect`` writes ``reported_by`` and ``quarter`` from filled
checklists. With several reporters on one measure the *consolidated* state
follows the lead's latest report (see :class:`StatusLog`).

Queries only use entries dated on or before their ``as_of`` date: what was
known then. No real status data is public; the files under
docs/examples/ are made up to show the format.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from collections.abc import Callable, Iterator
from typing import NamedTuple

#: Status entries may not be dated before the plan's decree nor more than this many
#: years after the plan's last year.
HORIZON_YEARS = 20
OBLIGATION_KEY = re.compile(r"^([1-9][0-9]*\.[1-9][0-9]*)(?:@([0-9]{4}))?$")
QUARTER = re.compile(r"^[0-9]{4}Q[1-4]$")


class State(str, enum.Enum):
    not_started = "not_started"
    in_progress = "in_progress"
    partially_done = "partially_done"
    done = "done"


class StatusEntry(NamedTuple):
    key: str
    date: dt.date
    state: State
    evidence: str | None = None
    note: str | None = None
    #: The glossary term of the body whose report this is (``None``: written by hand).
    reported_by: str | None = None
    #: The quarter that report covered, e.g. ``"2016Q4"``.
    quarter: str | None = None


#: Decides whether ``reporter`` is the lead of measure ``measure_id`` (see :class:`StatusLog`).
LeadTest = Callable[[str, str], bool]


class StatusLog:
    """Status entries by obligation key (``"1.1"``, ``"1.2@2016"``), oldest first.

    Consolidation (the README's "Consolidated state"): an obligation's state
    follows the entries that speak for the measure: the lead's reports and
    entries written by hand (no ``reported_by``). Co-executors' reports are
    kept (:meth:`reports`) but only count when nobody speaking for the
    measure has reported yet. Without a ``lead_test`` every entry counts.
    """

    def __init__(
        self, entries: list[StatusEntry] | None = None, lead_test: LeadTest | None = None
    ) -> None:
        self._entries: dict[str, list[StatusEntry]] = {}
        self.lead_test = lead_test
        for entry in sorted(entries or [], key=lambda e: e.date):
            self._entries.setdefault(entry.key, []).append(entry)

    def with_leads(self, lead_test: LeadTest) -> StatusLog:
        """The same entries, consolidated with ``lead_test``."""
        return StatusLog(list(self), lead_test)

    def __bool__(self) -> bool:
        return bool(self._entries)

    def speaks_for_measure(self, entry: StatusEntry) -> bool:
        """Is ``entry`` by the measure's lead (or written by hand)?"""
        if entry.reported_by is None or self.lead_test is None:
            return True
        return self.lead_test(entry.key.partition("@")[0], entry.reported_by)

    def known(self, key: str, as_of: dt.date) -> list[StatusEntry]:
        """The consolidated entries for ``key`` dated on or before ``as_of``."""
        found = self.reports(key, as_of)
        if self.lead_test is None:
            return found
        authoritative = [e for e in found if self.speaks_for_measure(e)]
        return authoritative or found

    def reports(self, key: str, as_of: dt.date | None = None) -> list[StatusEntry]:
        """Every entry for ``key`` (all reporters), dated on or before ``as_of``."""
        entries = self._entries.get(key, [])
        if as_of is None:
            return list(entries)
        return [e for e in entries if e.date <= as_of]

    def keys(self) -> list[str]:
        return list(self._entries)

    def __iter__(self) -> Iterator[StatusEntry]:
        for entries in self._entries.values():
            yield from entries
