"""Months and dates the way the working group counts them: a month is its first day."""

import calendar
import datetime as dt
import re

from django.utils import timezone

from core.text import fold_vietnamese

# 2026-03 (or 2026-03-01), 03/2026, 3.2026, T3/2026, tháng 3/2026, 2026/03.
MONTH_PATTERNS = (
    re.compile(r"^(?P<year>\d{4})-(?P<month>\d{1,2})(?:-(?P<day>\d{1,2}))?$"),
    re.compile(r"^(?:t|thang\s*)?(?P<month>\d{1,2})[/.-](?P<year>\d{4})$"),
    re.compile(r"^(?P<year>\d{4})/(?P<month>\d{1,2})$"),
)


def month_start(day: dt.date) -> dt.date:
    """The first day of `day`'s month."""
    return day.replace(day=1)


def month_end(month: dt.date) -> dt.date:
    """The last day of `month`'s month."""
    return month.replace(day=calendar.monthrange(month.year, month.month)[1])


def add_months(month: dt.date, count: int) -> dt.date:
    """The first day of the month `count` months after (negative: before) `month`'s."""
    index = month.year * 12 + month.month - 1 + count
    return dt.date(index // 12, index % 12 + 1, 1)


def previous_month(month: dt.date) -> dt.date:
    return add_months(month, -1)


def vn_month(month: dt.date) -> str:
    """ "10/2026": how a month is written in Vietnamese documents."""
    return f"{month.month:02d}/{month.year}"


def last_month(today: dt.date | None = None) -> dt.date:
    """The first day of the month before today's (local time)."""
    return previous_month(today or timezone.localdate())


def parse_month(text: str) -> dt.date | None:
    """The first day of the month written in `text` ("2026-03", "03/2026", "tháng 3/2026"), or None."""
    folded = fold_vietnamese(text).replace(" ", "") if text else ""
    folded = folded.replace("thang", "t", 1) if folded.startswith("thang") else folded
    for pattern in MONTH_PATTERNS:
        match = pattern.match(folded)
        if match:
            try:
                return dt.date(int(match["year"]), int(match["month"]), 1)
            except ValueError:
                return None
    return None


ISO_MONTH = re.compile(r"^\d{4}-\d{2}$")


def parse_iso_month(text: str) -> dt.date | None:
    """ "2026-03" only (forms and the command line ask for this one form), or None."""
    return parse_month(text) if ISO_MONTH.match(text or "") else None
