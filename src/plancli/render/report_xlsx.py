"""``plancli report --format xlsx``: the shareable report as a workbook.

Sheets: ``summary`` (obligations by state), ``sections``, ``agencies``,
``obligations`` (one row per dated obligation, typed), and with ``--quarter``
the Office's quarterly report (``quarter``, ``quarter agencies`` and one sheet
per list). Built with the generic helpers of :mod:`plancli.render.xlsx`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from plancli.overview import STANDING_ORDER, PlanOverview
from plancli.render.xlsx import (
    DATE_FORMAT,
    SheetColumn,
    new_workbook,
    print_a4_landscape,
    workbook_bytes,
    write_heading,
    write_table,
)

if TYPE_CHECKING:
    from openpyxl import Workbook


def _sheet(
    workbook: Workbook,
    name: str,
    title: str,
    heading: Sequence[tuple[str, object]],
    columns: Sequence[SheetColumn],
    rows: Sequence[Sequence[object]],
) -> None:
    from openpyxl.utils import get_column_letter

    sheet = workbook.create_sheet(name)
    top = write_heading(sheet, title, heading)
    last = write_table(sheet, columns, rows, header_row=top)
    sheet.auto_filter.ref = f"A{top}:{get_column_letter(len(columns))}{max(last, top)}"
    sheet.freeze_panes = f"A{top + 1}"
    print_a4_landscape(sheet, repeat_rows=top)


def _n(header: str) -> SheetColumn:
    return SheetColumn(header, max(8.0, len(header) + 2))


def _day(header: str) -> SheetColumn:
    return SheetColumn(header, 12, number_format=DATE_FORMAT)


def _text(header: str, width: float = 50) -> SheetColumn:
    return SheetColumn(header, width, wrap=True)


def report_workbook(overview: PlanOverview, quarterly: dict[str, Any] | None = None) -> bytes:
    workbook = new_workbook()
    heading: list[tuple[str, object]] = [
        ("as_of", overview.as_of),
        ("edition", overview.edition),
    ]
    heading += [("caveat", c) for c in overview.caveats]
    if overview.selected_agencies:
        heading.append(("agencies", ", ".join(a.term for a in overview.selected_agencies)))
    title = f"Anti-corruption action plan 2015-2017, as of {overview.as_of.isoformat()}"
    _sheet(
        workbook,
        "summary",
        title,
        heading,
        [SheetColumn("state", 14), _n("obligations")],
        [(s.value, overview.counts[s]) for s in STANDING_ORDER],
    )
    keys = [s.value for s in STANDING_ORDER]
    _sheet(
        workbook,
        "sections",
        "Obligations by section and state",
        heading,
        [SheetColumn("section", 9), _text("title", 40), *(_n(k) for k in keys), _n("total")],
        [
            (s.number, s.title, *(s.counts[k] for k in STANDING_ORDER), sum(s.counts.values()))
            for s in overview.sections
        ],
    )
    _sheet(
        workbook,
        "agencies",
        "Measures per body by role",
        heading,
        [
            SheetColumn("agency", 22),
            _text("name", 45),
            _n("lead"),
            _n("co_executor"),
            _n("via_group"),
            _n("total"),
        ],
        [
            (a.agency.term, a.agency.expansion, a.lead, a.co_executor, a.via_group, a.total)
            for a in overview.agencies
        ],
    )
    rows = []
    for section in overview.measures:
        for m in section.rows:
            for o in m.obligations:
                latest = o.latest
                rows.append(
                    (
                        o.key,
                        m.id,
                        m.section,
                        m.task,
                        "\n".join((m.text, *m.items)),
                        m.lead.term,
                        ", ".join(e.term for e in m.co_executors),
                        m.deadline,
                        o.due,
                        o.standing.value,
                        o.days_late,
                        latest.state.value if latest else None,
                        latest.date if latest else None,
                        latest.reported_by if latest else None,
                        latest.evidence if latest else None,
                    )
                )
    _sheet(
        workbook,
        "obligations",
        "Every obligation (a measure, or one year of an annual measure)",
        heading,
        [
            SheetColumn("id", 10),
            SheetColumn("measure", 9),
            SheetColumn("section", 8),
            _n("task"),
            _text("text", 60),
            SheetColumn("lead", 18),
            _text("co_executors", 22),
            _text("deadline", 22),
            _day("due"),
            SheetColumn("state", 12),
            _n("days_late"),
            SheetColumn("latest_state", 14),
            _day("latest_date"),
            SheetColumn("reported_by", 14),
            _text("evidence", 30),
        ],
        rows,
    )
    if quarterly:
        _quarter_sheets(workbook, quarterly)
    return workbook_bytes(workbook)


def _quarter_sheets(workbook: Workbook, q: dict[str, Any]) -> None:
    import datetime as dt

    def day(value: str | None) -> dt.date | None:
        return dt.date.fromisoformat(value) if value else None

    heading: list[tuple[str, object]] = [
        ("quarter", q["quarter"]),
        ("due", day(q["due"])),
        ("recipient", q["recipient"]),
    ]
    counts = [k for k in q["totals"] if k != "total"]
    _sheet(
        workbook,
        "quarter",
        f"Quarterly report {q['quarter']}: counts per section",
        heading,
        [SheetColumn("section", 9), _text("title", 40), *(_n(k) for k in counts), _n("total")],
        [(r["section"], r["title"], *(r[k] for k in counts), r["total"]) for r in q["counts"]],
    )
    _sheet(
        workbook,
        "quarter agencies",
        f"Quarterly report {q['quarter']}: agencies",
        heading,
        [
            SheetColumn("agency", 22),
            _text("name", 45),
            _n("items"),
            SheetColumn("reported", 10),
            SheetColumn("owes_report", 12),
            _n("done"),
            _n("overdue"),
            _n("at_risk"),
        ],
        [
            (
                a["agency"],
                a["name"],
                a["items"],
                a["reported"],
                a["owes_report"],
                a["done"],
                a["overdue"],
                a["at_risk"],
            )
            for a in q["agencies"]
        ],
    )
    _sheet(
        workbook,
        "not reported",
        f"Quarterly report {q['quarter']}: bodies that sent no report",
        heading,
        [SheetColumn("agency", 22), _text("name", 45), _n("items")],
        [(a["agency"], a["name"], a["items"]) for a in q["not_reported"]],
    )
    for key in ("newly_overdue", "newly_done", "at_risk", "conflicts"):
        _sheet(
            workbook,
            key.replace("_", " "),
            f"Quarterly report {q['quarter']}: {key.replace('_', ' ')}",
            heading,
            [
                SheetColumn("id", 10),
                SheetColumn("lead", 18),
                _day("due"),
                SheetColumn("standing", 12),
                _n("days_late"),
                SheetColumn("state", 14),
                SheetColumn("reported_by", 14),
                _day("date"),
                _text("text", 60),
            ],
            [
                (
                    i["id"],
                    i["lead"],
                    day(i["due"]),
                    i["standing"],
                    i["days_late"],
                    i["state"],
                    i["reported_by"],
                    day(i["date"]),
                    i["text"],
                )
                for i in q[key]
            ],
        )
