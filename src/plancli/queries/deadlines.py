"""``plancli deadlines``: the plan's deadline phrases and how each is read."""

from __future__ import annotations

from plancli.dataset import Dataset
from plancli.tracking import PhraseUse, deadline_phrases


def deadline_uses(data: Dataset) -> list[PhraseUse]:
    return deadline_phrases(data.plan)
