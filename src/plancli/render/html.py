"""The one-file HTML report: a :class:`~plancli.overview.PlanOverview` laid out for sharing.

Jinja2 with autoescaping on for every value taken from the plan, the glossary
or a status file; the only markup inserted unescaped is what this package
builds (the SVG charts, whose builders escape their texts, and the static
filter/sort script). The page makes no network request: CSS, charts and the
script are inline and the fonts are the reader's own system fonts.
"""

from __future__ import annotations

import datetime as dt
from importlib import resources
from typing import Any

from markupsafe import Markup

from plancli.overview import STANDING_ORDER, PlanOverview
from plancli.render import svgcharts
from plancli.render.labels import STANDING_LABELS
from plancli.tracking import Standing

#: What each standing means, in ``STANDING_ORDER`` (labels: ``labels.STANDING_LABELS``).
STANDING_MEANINGS: dict[Standing, str] = {
    Standing.overdue: "due date passed, not reported done",
    Standing.due_today: "due on the as-of day itself",
    Standing.done_late: "reported done after its due date",
    Standing.in_progress: "not yet due; reported in progress or partly done",
    Standing.not_yet_due: "due after the as-of day",
    Standing.done: "reported done by its due date",
    Standing.continuous: "\u201cДайыма\u201d: never overdue",
    Standing.undated: "the decree gives no deadline",
}


def _label(standing: Standing) -> str:
    return STANDING_LABELS[standing.value]


ROLE_SERIES = (
    svgcharts.Series("lead", "lead"),
    svgcharts.Series("co_executor", "co-executor"),
    svgcharts.Series("via_group", "via group"),
)

COLUMNS = (
    ("id", "Id"),
    ("section", "Section / task"),
    ("text", "Measure"),
    ("lead", "Lead"),
    ("co", "Co-executors"),
    ("deadline", "Deadline"),
    ("due", "Due"),
    ("state", "State"),
    ("latest", "Latest report"),
)

#: Print fills: black-and-white patterns, one per series (bars stay apart on paper).
PATTERNS: dict[str, str] = {
    "overdue": '<rect width="6" height="6" fill="#000"/>',
    "due_today": '<rect width="6" height="6" fill="#fff"/><path d="M0 6L6 0" stroke="#000" stroke-width="2"/>',
    "done_late": '<rect width="6" height="6" fill="#fff"/><path d="M0 0L6 6M0 6L6 0" stroke="#000" stroke-width="1"/>',
    "in_progress": '<rect width="6" height="6" fill="#fff"/><path d="M0 3H6" stroke="#000" stroke-width="1.5"/>',
    "not_yet_due": '<rect width="6" height="6" fill="#fff"/><circle cx="3" cy="3" r="1" fill="#000"/>',
    "done": '<rect width="6" height="6" fill="#bbb"/>',
    "continuous": '<rect width="6" height="6" fill="#fff"/><path d="M3 0V6" stroke="#000" stroke-width="1"/>',
    "undated": '<rect width="6" height="6" fill="#eee"/>',
    "lead": '<rect width="6" height="6" fill="#000"/>',
    "co_executor": '<rect width="6" height="6" fill="#fff"/><path d="M0 6L6 0" stroke="#000" stroke-width="2"/>',
    "via_group": '<rect width="6" height="6" fill="#ddd"/>',
}


def _sort_id(measure_id: str) -> str:
    task, number = measure_id.split(".")
    return f"{int(task):04d}.{int(number):04d}"


def charts(overview: PlanOverview) -> dict[str, Markup]:
    """The four SVG charts of the report (already escaped)."""
    standing_series = [svgcharts.Series(s.value, _label(s)) for s in STANDING_ORDER]
    sections = svgcharts.stacked_bars(
        [
            svgcharts.Bar(s.number, s.title, tuple(s.counts[k] for k in STANDING_ORDER))
            for s in overview.sections
        ],
        standing_series,
        title="Progress by section",
        desc="Obligations of each section by state, as of " + overview.as_of.isoformat(),
        cls="sections",
        label_width=50,
    )
    agencies = svgcharts.stacked_bars(
        [
            svgcharts.Bar(a.agency.term, a.agency.expansion, (a.lead, a.co_executor, a.via_group))
            for a in overview.agencies
        ],
        ROLE_SERIES,
        title="Measures by agency",
        desc="Measures per responsible body, as lead, co-executor or via a group",
        cls="agencies",
        label_width=200,
    )
    spans = []
    for section in overview.measures:
        for m in section.rows:
            dues = tuple(o.due for o in m.obligations if o.due is not None)
            if not dues:
                continue
            annual = m.kind == "annual"
            spans.append(
                svgcharts.Span(
                    m.id,
                    (m.deadline or "") + " — " + _label(m.standing),
                    "st-" + m.standing.value,
                    None if annual else m.start,
                    None if annual else m.end,
                    dues if annual else (),
                )
            )
    timeline = svgcharts.timeline(
        spans,
        first=dt.date(overview.first_year, 1, 1),
        last=dt.date(overview.last_year + 1, 12, 31),
        as_of=overview.as_of,
        title="Timeline of due dates",
        desc="Each dated measure's deadline period by month, 2015 to 2018",
        cls="timeline",
        width=960,
    )
    overdue = svgcharts.columns(
        [(p.day, p.overdue) for p in overview.overdue_by_month],
        highlight=overview.as_of,
        title="Overdue obligations over time",
        desc="Obligations overdue at the end of each month, April 2015 to January 2018",
        cls="overdue",
        width=960,
    )
    return {
        "sections": Markup(sections),
        "agencies": Markup(agencies),
        "timeline": Markup(timeline),
        "overdue": Markup(overdue),
    }


#: The quarterly report's lists of obligations, in the order the page shows them.
QUARTER_LISTS = (
    ("newly_overdue", "Newly overdue"),
    ("newly_done", "Newly done"),
    ("at_risk", "At risk next quarter"),
    ("conflicts", "Conflicting reports"),
)


def render(
    overview: PlanOverview,
    *,
    generator: str,
    status_name: str | None = None,
    quarterly: dict[str, Any] | None = None,
) -> str:
    """The whole HTML document; ``quarterly`` is ``plancli report``'s JSON document, if any."""
    import jinja2

    templates = resources.files("plancli.render") / "templates"
    env = jinja2.Environment(
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=False,
        lstrip_blocks=False,
    )
    template = env.from_string(templates.joinpath("report.html.j2").read_text(encoding="utf-8"))
    script = templates.joinpath("report.js").read_text(encoding="utf-8")
    legend = [(s.value, _label(s), STANDING_MEANINGS[s]) for s in STANDING_ORDER]
    return template.render(
        overview=overview,
        heading=f"Anti-corruption action plan 2015–2017: where it stands on {overview.as_of}",
        generator=generator,
        status_name=status_name,
        total=sum(overview.counts.values()),
        legend=legend,
        counts={s.value: n for s, n in overview.counts.items()},
        labels={s: _label(s) for s in STANDING_ORDER},
        rank={s: i for i, s in enumerate(STANDING_ORDER)},
        columns=COLUMNS,
        charts=charts(overview),
        fills=[s.value for s in STANDING_ORDER] + [s.key for s in ROLE_SERIES],
        standings=[s.value for s in STANDING_ORDER],
        patterns={k: Markup(v) for k, v in PATTERNS.items()},
        script=Markup(script),
        sort_id=_sort_id,
        quarterly=quarterly,
        report_counts=_report_counts(quarterly),
        quarter_lists=QUARTER_LISTS,
    )


def _report_counts(quarterly: dict[str, Any] | None) -> list[str]:
    if not quarterly:
        return []
    return [k for k in quarterly["totals"] if k != "total"]
