"""One label per standing, wherever a standing is shown.

Overdue tables once said "due today" where the checklist said "due" (and
"completed late" / "done late", "undated" / "no deadline") for the same
``tracking.Standing``; ``render.labels.STANDING_LABELS`` is now the only map.
"""

from __future__ import annotations

import re

from conftest import Cli
from plancli.render import MEANINGS
from plancli.render.labels import STANDING_LABELS
from plancli.tracking import Standing


def test_every_standing_has_one_label() -> None:
    assert set(STANDING_LABELS) == {s.value for s in Standing}
    assert len(set(STANDING_LABELS.values())) == len(STANDING_LABELS)


def test_the_table_legend_uses_the_same_labels() -> None:
    assert {k: label for k, (label, _) in MEANINGS.items()} == STANDING_LABELS


def _checklist_standings(markdown: str) -> dict[str, str]:
    """Measure id -> the standing cell of ``checklist --format md``."""
    lines = [line for line in markdown.splitlines() if line.startswith("| ")]
    header = [cell.strip() for cell in lines[0].strip("|").split("|")]
    column = header.index("standing")
    found = {}
    for line in lines[2:]:
        cells = [cell.strip() for cell in line.strip("|").split("|")]
        found[cells[0]] = re.sub(r",.*|;.*", "", cells[column])
    return found


def test_checklist_and_overdue_name_a_standing_alike(cli: Cli) -> None:
    # 2016Q4 is judged on 2016-12-31: measures due that day are due today in both
    checklist = _checklist_standings(
        cli("checklist", "-a", "ЮМ", "-q", "2016Q4", "-f", "md").stdout
    )
    overdue = cli("overdue", "--as-of", "2016-12-31", "-a", "ЮМ", "-f", "csv").stdout
    due_today = {
        line.split(",")[1] for line in overdue.splitlines()[1:] if line.startswith("due_today,")
    }
    assert due_today
    assert {checklist[i] for i in due_today} == {"due today"}
    assert set(checklist.values()) <= set(STANDING_LABELS.values())
