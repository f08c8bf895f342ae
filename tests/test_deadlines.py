"""Reading the decree's deadline phrases (core, pure functions)."""

from __future__ import annotations

import calendar
import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from plancli.dataset import Dataset
from plancli.deadlines import (
    MONTHS,
    Cadence,
    DeadlineError,
    DeadlineKind,
    normalise,
    parse_deadline,
)

YEARS = (2015, 2017)


def read(phrase: str | None):  # type: ignore[no-untyped-def]
    return parse_deadline(phrase, plan_years=YEARS)


MONTH_NAMES = list(MONTHS.items())


@pytest.mark.parametrize(("name", "number"), MONTH_NAMES, ids=[n for n, _ in MONTH_NAMES])
def test_every_month_name_is_due_on_its_last_day(name: str, number: int) -> None:
    deadline = read(f"2016-жылдын {name}")
    assert deadline.kind is DeadlineKind.month
    assert deadline.start == dt.date(2016, number, 1)
    assert deadline.end == dt.date(2016, number, calendar.monthrange(2016, number)[1])


def test_leap_year_february() -> None:
    assert read("2016-жылдын февралы").end == dt.date(2016, 2, 29)
    assert read("2015-жылдын февралы").end == dt.date(2015, 2, 28)


@pytest.mark.parametrize(
    "phrase",
    [
        "2015-жылдын ДЕКАБРЫ",
        "  2015-жылдын   декабры ",
        "2015 -жылдын декабры",
        "2015\u00a0-жылдын декабры",
    ],
)
def test_case_and_stray_spaces_are_tolerated(phrase: str) -> None:
    assert read(phrase).end == dt.date(2015, 12, 31)


@pytest.mark.parametrize(
    ("phrase", "end"),
    [
        ("2015-жылдын 1-жарым жылдыгы", dt.date(2015, 6, 30)),
        ("2015-жылдын биринчи жарым жылдыгы", dt.date(2015, 6, 30)),
        ("2016-жылдын 2-жарым жылдыгы", dt.date(2016, 12, 31)),
    ],
)
def test_half_years(phrase: str, end: dt.date) -> None:
    deadline = read(phrase)
    assert deadline.kind is DeadlineKind.half_year
    assert deadline.end == end
    assert deadline.start == dt.date(end.year, end.month - 5, 1)  # six months


def test_range_runs_to_the_end_of_its_last_month() -> None:
    deadline = read("2015-жылдын июну - 2016-жылдын декабры")
    assert (deadline.kind, deadline.start, deadline.end) == (
        DeadlineKind.range,
        dt.date(2015, 6, 1),
        dt.date(2016, 12, 31),
    )


def test_a_range_that_ends_before_it_starts_is_an_error() -> None:
    with pytest.raises(DeadlineError, match="ends before it starts"):
        read("2016-жылдын декабры - 2015-жылдын июну")


def test_periods_end_on_31_december_of_the_last_year() -> None:
    whole = read("2015-2017-жылдар")
    assert (whole.kind, whole.start, whole.end, whole.qualifier) == (
        DeadlineKind.period,
        dt.date(2015, 1, 1),
        dt.date(2017, 12, 31),
        None,
    )
    planned = read("2015-2017-жылдардын ичинде календарлык пландарга ылайык")
    assert planned.end == dt.date(2017, 12, 31)
    assert planned.qualifier == "календарлык пландарга ылайык"


def test_annual_recurs_in_each_plan_year() -> None:
    deadline = read("жыл сайын")
    assert deadline.kind is DeadlineKind.annual
    assert deadline.due_dates() == [
        ("2015", dt.date(2015, 12, 31)),
        ("2016", dt.date(2016, 12, 31)),
        ("2017", dt.date(2017, 12, 31)),
    ]
    assert parse_deadline("жыл сайын", plan_years=(2020, 2021)).years == (2020, 2021)


@pytest.mark.parametrize("phrase", ["Дайыма", "дайыма", "ДАЙЫМА"])
def test_continuous_has_no_due_date(phrase: str) -> None:
    deadline = read(phrase)
    assert deadline.kind is DeadlineKind.continuous
    assert deadline.due_dates() == [] and not deadline.dated


@pytest.mark.parametrize("phrase", [None, "", "   ", "\u00a0"])
def test_empty_cell(phrase: str | None) -> None:
    assert read(phrase).kind is DeadlineKind.none


def test_then_continuous() -> None:
    deadline = read("2016-жылдын декабры - дайыма")
    assert (deadline.kind, deadline.end, deadline.then_continuous) == (
        DeadlineKind.month,
        dt.date(2016, 12, 31),
        True,
    )


def test_action_before_the_date() -> None:
    deadline = read("Иштеп чыгуу жана КР Жогорку Кеңешине киргизүү, 2015-жылдын октябры")
    assert deadline.action == "Иштеп чыгуу жана КР Жогорку Кеңешине киргизүү"
    assert deadline.end == dt.date(2015, 10, 31)


@pytest.mark.parametrize(
    ("phrase", "cadence"),
    [
        ("2015-жылдын декабры маалыматтарды квартал сайын жаңылап туруу менен", Cadence.quarterly),
        ("2015-жылдын декабры, маалыматты жаңылоо (жарым жылда 1 жолу)", Cadence.semi_annual),
        (
            "2015-жылдын декабры ар бир жарым жылдыктын жыйынтыгы боюнча маалыматтарды жаңылоо менен",
            Cadence.semi_annual,
        ),
        (
            "2015-жылдын июну, ар бир жарым жылдын жыйынтыгы боюнча маалыматтарды жаңылоо менен",
            Cadence.semi_annual,
        ),
        (
            "2015-жылдын 1-жарым жылдыгы, кийин прогресстер тууралуу маалымдоо менен",
            Cadence.progress_reports,
        ),
        (
            "2015-жылдын 1-жарым жылдыгы, жетишилген жыйынтыктар тууралуу маалыматтарды квартал сайын жаңылоо менен",
            Cadence.quarterly,
        ),
        (
            "2015-жылдын биринчи жарым жылдыгы, жетишилген жыйынтык-тар тууралуу маалыматтарды квартал сайын жаңылоо",
            Cadence.quarterly,
        ),
    ],
)
def test_update_cadences(phrase: str, cadence: Cadence) -> None:
    deadline = read(phrase)
    assert deadline.cadence is cadence
    assert deadline.cadence_text is not None and deadline.cadence_text in " ".join(phrase.split())


@pytest.mark.parametrize(
    "phrase",
    [
        "2015-жылдын декабр",  # not the possessive form
        "декабрь 2015",
        "2015-жылдын декабры жана андан кийин",  # an unknown continuation
        "кийинчерээк",
        "2015-жылдын 3-жарым жылдыгы",
        "0000-жылдын декабры",  # no year 0
    ],
)
def test_phrases_it_cannot_read_are_errors(phrase: str) -> None:
    with pytest.raises(DeadlineError, match="cannot read"):
        read(phrase)


def test_every_phrase_of_the_plan_is_read(dataset: Dataset) -> None:
    kinds = {read(m.deadline).kind for m in dataset.plan.measures}
    assert kinds == set(DeadlineKind)


def test_normalise() -> None:
    assert normalise(" 2015 -жылдын  ДЕКАБРЫ ") == "2015-жылдын декабры"
    assert normalise("жыйынтык-тар") == "жыйынтыктар"
    assert normalise("иш-чаралар") == "иш-чаралар"


@given(
    year=st.integers(min_value=1990, max_value=2100),
    month=st.sampled_from(MONTH_NAMES),
)
def test_month_end_is_the_day_before_the_next_month(year: int, month: tuple[str, int]) -> None:
    name, number = month
    deadline = read(f"{year}-жылдын {name}")
    assert deadline.end is not None and deadline.start is not None
    following = deadline.end + dt.timedelta(days=1)
    assert following.day == 1 and following.month == number % 12 + 1
    assert deadline.start <= deadline.end


def test_annual_without_plan_years_has_no_occurrences() -> None:
    assert parse_deadline("жыл сайын", plan_years=(0, -1)).due_dates() == []
