"""What the decree's deadline phrases mean, as dates.

Pure functions: a Kyrgyz phrase (and the plan's years, for "жыл сайын") in,
a :class:`Deadline` out. Every phrase of the appendix is covered (see the
README's "Deadlines" for the table); all twelve month names are known in the
possessive form used after "жылдын", and case, stray spaces around hyphens
and the source's hyphenation slip "жыйынтык-тар" are tolerated.

Due dates are the *end* of the period a phrase names: the last day of the
month, 30 June for a first half-year, the last day of a range's last month,
31 December of a multi-year period's last year. "Annually" (жыл сайын) is due
31 December of each plan year, one occurrence per year.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import re
from dataclasses import dataclass
from typing import NamedTuple

#: Month names in the possessive form that follows "YYYY-жылдын".
MONTHS = {
    "январы": 1,
    "февралы": 2,
    "марты": 3,
    "апрели": 4,
    "майы": 5,
    "июну": 6,
    "июлу": 7,
    "августу": 8,
    "сентябры": 9,
    "октябры": 10,
    "ноябры": 11,
    "декабры": 12,
}


class DeadlineKind(str, enum.Enum):
    month = "month"
    half_year = "half_year"
    range = "range"
    period = "period"
    annual = "annual"
    continuous = "continuous"
    none = "none"


class Cadence(str, enum.Enum):
    """How often a measure's information must be updated after its deadline."""

    quarterly = "quarterly"
    semi_annual = "semi_annual"
    #: "кийин прогресстер тууралуу маалымдоо менен": progress reports, no stated rhythm.
    progress_reports = "progress_reports"


@dataclass(frozen=True)
class Deadline:
    """A deadline phrase and what it means."""

    phrase: str | None
    kind: DeadlineKind
    #: First day of the period the phrase names (``None`` when it names none).
    start: dt.date | None = None
    #: The due date: the last day of that period.
    end: dt.date | None = None
    #: "2016-жылдын декабры - дайыма": due by ``end``, then continuous.
    then_continuous: bool = False
    cadence: Cadence | None = None
    #: The words of the phrase that set the cadence, as written.
    cadence_text: str | None = None
    #: An action the phrase names before the date, as written.
    action: str | None = None
    #: A qualifier the phrase adds, as written ("календарлык пландарга ылайык").
    qualifier: str | None = None
    #: Plan years of an annual deadline, each due on 31 December.
    years: tuple[int, ...] = ()

    @property
    def dated(self) -> bool:
        """Whether the deadline can become due (continuous and empty ones cannot)."""
        return self.kind not in (DeadlineKind.continuous, DeadlineKind.none)

    def due_dates(self) -> list[tuple[str | None, dt.date]]:
        """``(occurrence, due date)`` pairs: one per plan year for annual deadlines."""
        if self.kind is DeadlineKind.annual:
            return [(str(year), dt.date(year, 12, 31)) for year in self.years]
        if self.end is not None and self.dated:
            return [(None, self.end)]
        return []


class DeadlineError(ValueError):
    """A phrase plancli cannot read."""


_MONTH = "(" + "|".join(MONTHS) + ")"
_YEAR = r"(\d{4})-жылдын"


class _Patterns(NamedTuple):
    action: re.Pattern[str]
    bases: list[tuple[DeadlineKind, re.Pattern[str]]]
    cadences: list[tuple[Cadence, re.Pattern[str]]]
    cadence_clause: re.Pattern[str]


@functools.cache
def _patterns() -> _Patterns:
    # compiled on first use: a cached plan's phrases are never parsed (plancli.tracking)
    return _Patterns(
        action=re.compile(r"^(иштеп чыгуу жана кр жогорку кеңешине киргизүү)\s*,\s*"),
        bases=[
            (DeadlineKind.continuous, re.compile(r"^дайыма")),
            (DeadlineKind.annual, re.compile(r"^жыл сайын")),
            (DeadlineKind.range, re.compile(rf"^{_YEAR} {_MONTH} - {_YEAR} {_MONTH}")),
            (DeadlineKind.month, re.compile(rf"^{_YEAR} {_MONTH} - (дайыма)")),
            (
                DeadlineKind.half_year,
                re.compile(rf"^{_YEAR} (1|2|биринчи|экинчи)(?:-| )жарым жылдыгы"),
            ),
            (DeadlineKind.month, re.compile(rf"^{_YEAR} {_MONTH}")),
            (DeadlineKind.period, re.compile(r"^(\d{4})-(\d{4})-жылдар(?:дын ичинде (.+))?$")),
        ],
        cadences=[
            (Cadence.quarterly, re.compile(r"квартал сайын (жаңылап туруу|жаңылоо)")),
            (Cadence.semi_annual, re.compile(r"ар бир жарым жыл(дыктын|дын) жыйынтыгы боюнча")),
            (Cadence.semi_annual, re.compile(r"жарым жылда 1 жолу")),
            (Cadence.progress_reports, re.compile(r"^кийин прогресстер тууралуу маалымдоо")),
        ],
        cadence_clause=re.compile(
            r"^(маалыматтарды квартал сайын жаңылап туруу менен"
            r"|жетишилген жыйынтыктар тууралуу маалыматтарды квартал сайын жаңылоо( менен)?"
            r"|ар бир жарым жыл(дыктын|дын) жыйынтыгы боюнча маалыматтарды жаңылоо менен"
            r"|маалыматты жаңылоо \(жарым жылда 1 жолу\)"
            r"|кийин прогресстер тууралуу маалымдоо менен)$"
        ),
    )


def normalise(phrase: str) -> str:
    """Lower case, single spaces, no spaces around hyphens after digits, no hyphenation."""
    text = phrase.replace("\u00a0", " ").replace("–", "-").replace("—", "-")
    text = " ".join(text.split()).casefold()
    text = re.sub(r"(\d)\s*-\s*(?=\D)", r"\1-", text)  # "2015 -жылдын" -> "2015-жылдын"
    text = re.sub(r"(\d)\s*-\s*(\d)", r"\1-\2", text)  # "2015 - 2017" -> "2015-2017"
    text = re.sub(r"([а-яөүң])-(тар|тер|дар|дер|лар|лер)\b", r"\1\2", text)  # "жыйынтык-тар"
    return text


def _month_end(year: int, month: int) -> dt.date:
    from dateutil.relativedelta import relativedelta  # only while parsing: see _patterns

    return dt.date(year, month, 1) + relativedelta(months=1, days=-1)


def parse_deadline(phrase: str | None, *, plan_years: tuple[int, int]) -> Deadline:
    """Interpret a deadline phrase of the appendix.

    ``plan_years`` is ``(first, last)``, the years "жыл сайын" (annually)
    recurs in. ``None`` or a blank phrase is an empty cell (kind ``none``).
    Raises :class:`DeadlineError` for a phrase that is not understood.
    """
    if phrase is None or not phrase.strip():
        return Deadline(phrase, DeadlineKind.none)
    text = normalise(phrase)
    action = None
    patterns = _patterns()
    found = patterns.action.match(text)
    if found:
        action = _original(phrase, found.group(1))
        text = text[found.end() :]
    matches = ((kind, pattern.match(text)) for kind, pattern in patterns.bases)
    kind, match = next(((k, m) for k, m in matches if m), (None, None))
    if kind is None or match is None:
        raise DeadlineError(f"cannot read the deadline {phrase!r}")
    try:
        deadline = _base(kind, match, phrase, plan_years)
    except ValueError as error:  # a year such as 0000
        raise DeadlineError(f"cannot read the deadline {phrase!r}: {error}") from None
    rest = text[match.end() :].lstrip(" ,")
    cadence = cadence_text = None
    if rest:
        if not patterns.cadence_clause.match(rest):
            raise DeadlineError(
                f"cannot read {_original(phrase, rest)!r} in the deadline {phrase!r}"
            )
        cadence = next(c for c, p in patterns.cadences if p.search(rest))
        cadence_text = _original(phrase, rest)
    return Deadline(
        phrase=phrase,
        kind=deadline.kind,
        start=deadline.start,
        end=deadline.end,
        then_continuous=deadline.then_continuous,
        cadence=cadence,
        cadence_text=cadence_text,
        action=action,
        qualifier=deadline.qualifier,
        years=deadline.years,
    )


def _base(
    kind: DeadlineKind, match: re.Match[str], phrase: str, plan_years: tuple[int, int]
) -> Deadline:
    first, last = plan_years
    if kind is DeadlineKind.continuous:
        return Deadline(phrase, kind)
    if kind is DeadlineKind.annual:
        if first > last:  # no plan years known: no occurrences
            return Deadline(phrase, kind)
        return Deadline(
            phrase,
            kind,
            start=dt.date(first, 1, 1),
            end=dt.date(last, 12, 31),
            years=tuple(range(first, last + 1)),
        )
    if kind is DeadlineKind.range:
        y1, m1, y2, m2 = match.groups()
        start = dt.date(int(y1), MONTHS[m1], 1)
        end = _month_end(int(y2), MONTHS[m2])
        if end < start:
            raise DeadlineError(f"the range {phrase!r} ends before it starts")
        return Deadline(phrase, kind, start=start, end=end)
    if kind is DeadlineKind.half_year:
        year, half = int(match.group(1)), match.group(2)
        if half in ("1", "биринчи"):
            return Deadline(phrase, kind, start=dt.date(year, 1, 1), end=dt.date(year, 6, 30))
        return Deadline(phrase, kind, start=dt.date(year, 7, 1), end=dt.date(year, 12, 31))
    if kind is DeadlineKind.month:
        year, month = int(match.group(1)), MONTHS[match.group(2)]
        then = match.lastindex == 3  # "... - дайыма"
        return Deadline(
            phrase,
            kind,
            start=dt.date(year, month, 1),
            end=_month_end(year, month),
            then_continuous=then,
        )
    # period: "2015-2017-жылдар", optionally "…-жылдардын ичинде <qualifier>"
    y1, y2, qualifier = match.groups()
    if int(y2) < int(y1):
        raise DeadlineError(f"the period {phrase!r} ends before it starts")
    return Deadline(
        phrase,
        kind,
        start=dt.date(int(y1), 1, 1),
        end=dt.date(int(y2), 12, 31),
        qualifier=_original(phrase, qualifier) if qualifier else None,
    )


def _original(phrase: str, normalised_part: str) -> str:
    """The words of ``phrase`` that ``normalised_part`` came from, as written.

    Undoes :func:`normalise` loosely: any case, any spacing around hyphens after
    digits, and a hyphen before a plural suffix ("жыйынтык-тар").
    """
    words = " ".join(phrase.replace("\u00a0", " ").split())
    parts = []
    for word in normalised_part.split():
        pattern = re.escape(word)
        pattern = re.sub(r"(\d)\\-", r"\1\\s*-\\s*", pattern)
        pattern = re.sub(r"([а-яөүң])(тар|тер|дар|дер|лар|лер)$", r"\1-?\2", pattern)
        parts.append(pattern)
    found = re.search(r"\s*".join(parts), words, re.IGNORECASE)
    return found.group(0) if found else normalised_part
