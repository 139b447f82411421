"""Vietnamese months and numbers, the one set of helpers every app uses."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.dates import add_months, last_month, month_end, month_start, parse_iso_month, parse_month, previous_month
from core.numbers import vn_mebibytes, vn_number


# Twenty years either side (±240 months) stays within the dates Python can hold (years 1 to 9999).
@given(st.dates(min_value=dt.date(1921, 1, 1), max_value=dt.date(9979, 12, 31)), st.integers(-240, 240))
def test_adding_months_lands_on_a_first_and_comes_back(day, count):
    moved = add_months(month_start(day), count)
    assert moved.day == 1 and add_months(moved, -count) == month_start(day)


@pytest.mark.parametrize(
    ("month", "end"),
    [
        (dt.date(2024, 2, 1), dt.date(2024, 2, 29)),
        (dt.date(2026, 2, 1), dt.date(2026, 2, 28)),
        (dt.date(2026, 12, 1), dt.date(2026, 12, 31)),
    ],
)
def test_month_end(month, end):
    assert month_end(month) == end


def test_previous_and_last_month_cross_the_year():
    assert previous_month(dt.date(2026, 1, 1)) == dt.date(2025, 12, 1)
    assert last_month(dt.date(2026, 1, 15)) == dt.date(2025, 12, 1)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-03", dt.date(2026, 3, 1)),
        ("03/2026", dt.date(2026, 3, 1)),
        ("Tháng 3/2026", dt.date(2026, 3, 1)),
        ("T3-2026", dt.date(2026, 3, 1)),
        ("2026/3", dt.date(2026, 3, 1)),
        ("2026-13", None),
        ("tháng ba", None),
    ],
)
def test_months_as_people_write_them(text, expected):
    assert parse_month(text) == expected


def test_forms_take_only_the_iso_month():
    assert parse_iso_month("2026-03") == dt.date(2026, 3, 1)
    assert parse_iso_month("03/2026") is None


@pytest.mark.parametrize(("value", "text"), [(50 * 2**20, "50"), (2**19, "0,5"), (200 * 2**20, "200")])
def test_sizes_in_mebibytes(value, text):
    assert vn_mebibytes(value) == text


def test_numbers_are_grouped_with_dots_and_decimals_with_a_comma():
    assert vn_number(1234567) == "1.234.567"
    assert vn_number(-1234.567, decimals=2) == "-1.234,57"
