"""Small static SVG charts for the HTML report: no JavaScript, no network, accessible.

Why our own builders rather than a charting library: the report must be one
self-contained file that prints in black and white. matplotlib is a 40 MB
dependency whose SVGs embed glyph outlines (hundreds of KB per chart) and
need a font cache on first use; pygal's SVGs load their tooltips script from
a CDN by default and carry inline styles that fight a print stylesheet;
plotly and Vega need a JavaScript runtime in the page. What the report needs
is three shapes (stacked bars, a month timeline, month columns), so each
builder here is a few dozen lines of tested code emitting plain ``<rect>``,
``<line>`` and ``<text>`` elements with CSS classes, ``role="img"``, a
``<title>`` and a ``<desc>``; the page supplies colours (and print patterns)
through those classes, and a data table beside each chart is its text
equivalent.

Every text that goes into the markup is escaped here; the result is safe to
insert into a template unescaped.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

FONT = 11  # px; the page's base font is larger, charts stay compact
BAR = 16  # height of one bar
GAP = 6  # between bars


@dataclass(frozen=True)
class Series:
    """One kind of segment: its key (CSS class ``s-KEY``) and its legend label."""

    key: str
    label: str


@dataclass(frozen=True)
class Bar:
    label: str
    #: Shown on hover (``<title>``), e.g. an agency's full name.
    hint: str | None
    values: tuple[int, ...]


def _svg(width: int, height: int, title: str, desc: str, body: list[str], cls: str) -> str:
    ident = "chart-" + cls
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart {escape(cls)}" role="img" '
        f'aria-labelledby="{ident}-t {ident}-d" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-size="{FONT}">'
        f'<title id="{ident}-t">{escape(title)}</title><desc id="{ident}-d">{escape(desc)}</desc>'
        + "".join(body)
        + "</svg>"
    )


def _legend(series: Sequence[Series], y: int, x0: int) -> list[str]:
    parts, x = [], x0
    for s in series:
        parts.append(
            f'<rect class="s-{escape(s.key)}" x="{x}" y="{y}" width="10" height="10"/>'
            f'<text x="{x + 14}" y="{y + 9}">{escape(s.label)}</text>'
        )
        x += 24 + int(len(s.label) * FONT * 0.55)
    return parts


def stacked_bars(
    bars: Sequence[Bar],
    series: Sequence[Series],
    *,
    title: str,
    desc: str,
    cls: str,
    width: int = 720,
    label_width: int = 150,
) -> str:
    """Horizontal stacked bars, one per ``bars`` entry, segments in ``series`` order.

    Bars share one scale (the largest total); a segment wide enough shows its
    count, so the chart stays readable without colour.
    """
    if any(len(b.values) != len(series) for b in bars):
        raise ValueError("every bar needs one value per series")
    top = max((sum(b.values) for b in bars), default=0) or 1
    plot = width - label_width - 40
    body: list[str] = []
    y = 0
    for bar in bars:
        total = sum(bar.values)
        hint = f"{bar.hint} — " if bar.hint else ""
        body.append(
            f'<g class="bar"><title>{escape(bar.label)}: {escape(hint)}{total}</title>'
            f'<text class="label" x="{label_width - 6}" y="{y + BAR - 4}" '
            f'text-anchor="end">{escape(_clip(bar.label, label_width))}</text>'
        )
        x = float(label_width)
        for s, value in zip(series, bar.values, strict=True):
            if not value:
                continue
            w = plot * value / top
            body.append(
                f'<rect class="s-{escape(s.key)}" x="{x:.1f}" y="{y}" width="{w:.1f}" '
                f'height="{BAR}"><title>{escape(s.label)}: {value}</title></rect>'
            )
            if w >= 7 * len(str(value)) + 4:
                body.append(
                    f'<text class="count" x="{x + w / 2:.1f}" y="{y + BAR - 4}" '
                    f'text-anchor="middle">{value}</text>'
                )
            x += w
        body.append(f'<text class="total" x="{x + 4:.1f}" y="{y + BAR - 4}">{total}</text></g>')
        y += BAR + GAP
    body += _legend(series, y + 4, label_width)
    return _svg(width, y + 20, title, desc, body, cls)


def _clip(text: str, pixels: int) -> str:
    room = max(4, int((pixels - 8) / (FONT * 0.68)))
    return text if len(text) <= room else text[: room - 1] + "…"


@dataclass(frozen=True)
class Span:
    """One row of the timeline: a measure's period (``start``..``end``) or its due days."""

    label: str
    hint: str
    cls: str
    start: dt.date | None
    end: dt.date | None
    #: Single due days (annual measures: 31 December of each year).
    marks: tuple[dt.date, ...] = ()


def _months(first: dt.date, last: dt.date) -> list[dt.date]:
    months, month = [], first.replace(day=1)
    while month <= last:
        months.append(month)
        month = (month.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return months


def timeline(
    spans: Sequence[Span],
    *,
    first: dt.date,
    last: dt.date,
    as_of: dt.date,
    title: str,
    desc: str,
    cls: str,
    width: int = 720,
    label_width: int = 44,
    row: int = 7,
) -> str:
    """Month columns from ``first`` to ``last``; a bar per period, a mark per due day.

    A period within one month is a full-month bar (the deadline is "by the end
    of that month"); a longer one spans its months. The ``as_of`` day is a
    vertical line.
    """
    months = _months(first, last)
    column = (width - label_width) / len(months)
    head = 28
    origin = months[0]

    def x_of(day: dt.date) -> float:
        index = (day.year - origin.year) * 12 + day.month - origin.month
        fraction = (day.day - 1) / calendar.monthrange(day.year, day.month)[1]
        return label_width + column * (index + fraction)

    body: list[str] = []
    for i, month in enumerate(months):
        x = label_width + column * i
        if month.month == 1:
            body.append(
                f'<line class="year" x1="{x:.1f}" x2="{x:.1f}" y1="0" '
                f'y2="{head + row * len(spans)}"/>'
                f'<text class="year" x="{x + 2:.1f}" y="11">{month.year}</text>'
            )
        if month.month in (1, 4, 7, 10):
            body.append(f'<text class="month" x="{x + 1:.1f}" y="24">{month.month}</text>')
    end_x = label_width + column * len(months)
    for i, span in enumerate(spans):
        y = head + i * row
        body.append(
            f'<g class="span {escape(span.cls)}"><title>{escape(span.label)}: '
            f"{escape(span.hint)}</title>"
        )
        if i % 5 == 0:
            body.append(
                f'<text class="label" x="{label_width - 4}" y="{y + row - 1}" '
                f'text-anchor="end" font-size="{row + 1}">{escape(span.label)}</text>'
            )
        if span.start is not None and span.end is not None:
            start = max(span.start.replace(day=1), origin)
            stop = span.end + dt.timedelta(days=1)
            x1 = x_of(start)
            x2 = x_of(stop) if stop <= last else end_x
            if x2 > x1:
                body.append(
                    f'<rect x="{x1:.1f}" y="{y + 1}" width="{x2 - x1:.1f}" height="{row - 2}"/>'
                )
        for mark in span.marks:
            if first <= mark <= last:
                cx = x_of(mark)
                body.append(
                    f'<path d="M{cx:.1f} {y} l3 {row / 2:.1f} l-3 {row / 2:.1f} '
                    f'l-3 {-row / 2:.1f} z"/>'
                )
        body.append("</g>")
    height = head + row * len(spans) + 4
    if first <= as_of <= last:
        x = x_of(as_of)
        body.append(
            f'<line class="as-of" x1="{x:.1f}" x2="{x:.1f}" y1="14" y2="{height}"/>'
            f'<text class="as-of" x="{x + 3:.1f}" y="{height - 2}">{as_of.isoformat()}</text>'
        )
    return _svg(width, height + 12, title, desc, body, cls)


def columns(
    points: Sequence[tuple[dt.date, int]],
    *,
    highlight: dt.date | None,
    title: str,
    desc: str,
    cls: str,
    width: int = 720,
    height: int = 180,
) -> str:
    """One column per month (``points``: the month's day and its count).

    The month of ``highlight`` (the as-of day) is drawn distinctly; every
    column carries its value in a ``<title>`` and the year starts are labelled.
    """
    top = max((v for _, v in points), default=0) or 1
    left, bottom = 30, 20
    plot_h = height - bottom - 10
    step = (width - left) / max(1, len(points))
    body = [
        f'<line class="axis" x1="{left}" x2="{width}" y1="{height - bottom}" '
        f'y2="{height - bottom}"/>',
        f'<text class="tick" x="{left - 4}" y="{10 + FONT}" text-anchor="end">{top}</text>',
        f'<text class="tick" x="{left - 4}" y="{height - bottom}" text-anchor="end">0</text>',
    ]
    for i, (day, value) in enumerate(points):
        h = plot_h * value / top
        x = left + i * step
        mine = highlight is not None and (day.year, day.month) == (highlight.year, highlight.month)
        body.append(
            f'<rect class="column{" as-of" if mine else ""}" x="{x + 1:.1f}" '
            f'y="{height - bottom - h:.1f}" width="{max(1.0, step - 2):.1f}" height="{h:.1f}">'
            f"<title>{day.strftime('%Y-%m')}: {value}</title></rect>"
        )
        if day.month == 1 or i == 0:
            anchor = "end" if x + 50 > width else "start"
            tx = x + step - 1 if anchor == "end" else x + 1
            body.append(
                f'<text class="tick" x="{tx:.1f}" y="{height - 6}" text-anchor="{anchor}">'
                f"{day.strftime('%Y-%m')}</text>"
            )
    return _svg(width, height, title, desc, body, cls)
