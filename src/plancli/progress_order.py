"""The orders of ``progress --by agency``, light enough for the command line's ``--sort``."""

from __future__ import annotations

import enum


class ProgressSort(str, enum.Enum):
    """Orders of ``progress --by agency`` (numbers: largest first)."""

    total = "total"
    name = "name"
    lead = "lead"
    overdue = "overdue"
    overdue_pct = "overdue-pct"
    done = "done"
    done_pct = "done-pct"
