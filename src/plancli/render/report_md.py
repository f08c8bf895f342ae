"""The Office's quarterly report as markdown, ready to paste (from ``plancli report``'s document).

Works on the JSON document only (``views.report_document``), so the markdown,
json and any other rendering of the report always say the same thing.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TextIO

from plancli.render.labels import reported_label

COUNT_LABELS = {
    "done": "done",
    "done_late": "done late",
    "in_progress": "in progress",
    "partially_done": "partially done",
    "overdue": "overdue",
    "due": "due",
    "not_yet_due": "not yet due",
    "continuous": "continuous",
    "undated": "undated",
    "total": "total",
}


def _cell(value: object) -> str:
    text = "" if value is None else str(value)
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", "<br>")


def _table(out: TextIO, headers: Sequence[str], rows: Sequence[Sequence[object]]) -> None:
    out.write("| " + " | ".join(headers) + " |\n")
    out.write("|" + "|".join("---:" if h[:1].isdigit() else "---" for h in headers) + "|\n")
    for row in rows:
        out.write("| " + " | ".join(_cell(v) for v in row) + " |\n")
    out.write("\n")


def _items(out: TextIO, title: str, items: list[dict[str, Any]], empty: str) -> None:
    out.write(f"## {title} ({len(items)})\n\n")
    if not items:
        out.write(f"{empty}\n\n")
        return
    _table(
        out,
        ["id", "lead", "due", "latest report", "evidence", "measure"],
        [
            [
                i["id"],
                i["lead"],
                i["due"],
                reported_label(i if i["state"] else None) or "no report",
                i["evidence"],
                _short(i["text"]),
            ]
            for i in items
        ],
    )


def _short(text: str, limit: int = 90) -> str:
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0]
    return cut + " …"


def write(document: dict[str, Any], out: TextIO) -> None:
    d = document
    out.write(f"# Report on the implementation of the plan of decree No. 170: {d['quarter']}\n\n")
    out.write(f"Period: {d['start']} to {d['end']}  \n")
    if d["due"]:
        out.write(f"From: {d['reporter']}  \nTo: {d['recipient']}  \nDue: {d['due']} (point 4)\n\n")
    else:
        out.write("No report on this quarter is due under the decree's rules.\n\n")
    out.write(
        "States are as of the quarter's last day, from the agencies' reports (the lead's "
        "latest report decides a measure's state).\n\n"
    )
    keys = list(COUNT_LABELS)
    out.write("## Counts per section\n\n")
    _table(
        out,
        ["section", "title", *(COUNT_LABELS[k] for k in keys)],
        [[c["section"], c["title"], *(c[k] for k in keys)] for c in d["counts"]]
        + [["**all**", "", *(d["totals"][k] for k in keys)]],
    )
    out.write("## Agencies\n\n")
    _table(
        out,
        ["agency", "items", "reported", "done", "overdue", "at risk"],
        [
            [
                a["agency"],
                a["items"],
                "yes" if a["reported"] else ("no" if a["owes_report"] else "not due"),
                a["done"],
                a["overdue"],
                a["at_risk"],
            ]
            for a in d["agencies"]
        ],
    )
    out.write(f"## Not reported ({len(d['not_reported'])})\n\n")
    if d["not_reported"]:
        for a in d["not_reported"]:
            name = f" ({a['name']})" if a["name"] else ""
            out.write(f"- {a['agency']}{name}: {a['items']} items\n")
        out.write("\n")
    else:
        out.write("Every body that owed a report sent one.\n\n")
    _items(out, "Newly done", d["newly_done"], "Nothing was completed this quarter.")
    _items(out, "Newly overdue", d["newly_overdue"], "Nothing became overdue this quarter.")
    _items(
        out,
        "At risk next quarter",
        d["at_risk"],
        "Nothing due next quarter is unreported or not started.",
    )
    out.write(f"## Conflicts ({len(d['conflicts'])})\n\n")
    if not d["conflicts"]:
        out.write("No reporters disagree.\n")
        return
    for conflict in d["conflicts"]:
        says = "; ".join(
            f"{r['reported_by']}{' (lead)' if r['lead'] else ''}: {r['state']} on {r['date']}"
            for r in conflict["reports"]
        )
        out.write(f"- {conflict['id']}: {says}\n")
