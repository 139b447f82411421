"""Protecting what is shared: counts rounded so that no subtraction gives back a small cell.

The staff dashboard and the working group's own report ("Nội bộ") show exact numbers to the people
entitled to see them. A copy meant for sharing ("chia sẻ": the export links so marked, the shared copy of
the monthly report) must not let anyone point at the one household that scanned, and writing "< 5" in a
cell is not enough: the cell came back by subtracting the visible wards from the channel totals of the
same file, by two files whose end dates differ by a day, or by a province's file minus a file of all its
wards but one.

We chose controlled rounding over complementary suppression:

- every count in a shared copy is a sum of *base cells*, one per code (placement) and per piece of time
  (a week, cut at the turn of a month, so that whole weeks and whole months are both unions of pieces);
- each base cell is rounded to a multiple of 5, up with probability (count mod 5) / 5, the draw keyed by
  the server's secret and the cell (never by the request): the same cell is rounded the same way in every
  shared copy, whatever the tables, scope or dates, and the rounding is unbiased, so large totals stay
  close to the truth;
- every total in a shared copy is the sum of its rounded base cells, and rates are computed from them.

So every number in every shared copy is a multiple of 5, and so is the difference of any two of them:
subtracting can only ever give back sums of rounded base cells, never a count of 1 to 4. Suppression
cannot do this: the province total and the total of "all wards but one" are both large and both
published exactly, so their difference is the small ward, and protecting it would need a pattern of
hidden cells that holds across every scope and date range anyone may ask for. Shared copies also cover
whole weeks (Monday to Sunday) or whole months only, ended before today: the requested dates are snapped,
and the file says so.

Counts that are not made of base cells (the hourly scans of the broadcast table) are rounded to the
nearest multiple of 5 in a shared copy, and what is computed from them is hidden.
"""

import datetime as dt
import hashlib
import hmac
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from django.conf import settings
from django.db.models import DateField, QuerySet, Sum
from django.db.models.functions import Greatest, TruncMonth, TruncWeek
from django.utils import timezone
from django.utils.translation import gettext as _

from core.dates import month_end, month_start

SMALL_CELL_THRESHOLD = 5
ROUNDING_BASE = 5
HIDDEN_RATE = "—"


def is_small(count: int | None) -> bool:
    """A count of events below five (zero included) is a small cell."""
    return count is not None and count < SMALL_CELL_THRESHOLD


# --- Rounding -------------------------------------------------------------------------------------------


def rounding_draw(*key) -> float:
    """A number in [0, 1) fixed by the key and the server's secret, the same on every call."""
    secret = f"loa-shared-rounding|{settings.SECRET_KEY}".encode()
    digest = hmac.new(secret, "|".join(str(part) for part in key).encode(), hashlib.sha256).digest()
    return int.from_bytes(digest[:8], "big") / 2**64


def controlled_round(count: int, *key) -> int:
    """`count` rounded to a multiple of 5: up with probability (count mod 5) / 5, drawn from `key`."""
    low, remainder = divmod(int(count), ROUNDING_BASE)
    up = rounding_draw(*key) < remainder / ROUNDING_BASE
    return (low + up) * ROUNDING_BASE


def nearest_multiple(count: int) -> int:
    """For counts not made of base cells: the nearest multiple of 5 (half up)."""
    return (int(count) + ROUNDING_BASE // 2) // ROUNDING_BASE * ROUNDING_BASE


def piece_start(day: dt.date) -> dt.date:
    """The first day of the base cell's piece of time that `day` falls in: its week, cut at months."""
    return max(day - dt.timedelta(days=day.weekday()), month_start(day))


PIECE = Greatest(
    TruncWeek("day", output_field=DateField()), TruncMonth("day", output_field=DateField()), output_field=DateField()
)


def protected_sums(rollups: QuerySet, *, by: str, fields: Sequence[str]) -> list[dict]:
    """Rollup sums grouped by `by` ("placement_id", "placement__channel" or "day"), each a sum of rounded
    base cells (one per placement and piece). One query.

    Grouped by "day", the key is the first day of the piece: it lies in the same week as every day of it.
    """
    rows = (
        rollups.annotate(piece=PIECE)
        .values("placement_id", "placement__channel", "piece")
        .annotate(**{name: Sum(name) for name in fields})
        .order_by()
    )
    sums: dict = defaultdict(lambda: dict.fromkeys(fields, 0))
    for row in rows:
        if isinstance(row["piece"], dt.datetime):  # a backend that truncates dates to timestamps
            row["piece"] = row["piece"].date()
        key = row["piece"] if by == "day" else row[by]
        for name in fields:
            sums[key][name] += controlled_round(row[name] or 0, name, row["placement_id"], row["piece"])
    return [{by: key, **values} for key, values in sums.items()]


# --- Whole weeks or months --------------------------------------------------------------------------------


@dataclass(frozen=True)
class SharedPeriod:
    start: dt.date
    end: dt.date
    months: bool  # whole months (else whole weeks)
    requested_start: dt.date
    requested_end: dt.date

    @property
    def snapped(self) -> bool:
        return (self.start, self.end) != (self.requested_start, self.requested_end)

    def notes(self) -> list[str]:
        """What a shared file says about itself."""
        whole = _("tháng trọn vẹn") if self.months else _("tuần trọn vẹn, từ thứ Hai đến Chủ nhật")
        period = _("Bản chia sẻ. Kỳ số liệu: %(start)s – %(end)s (%(whole)s, đã kết thúc).") % {
            "start": self.start.strftime("%d/%m/%Y"),
            "end": self.end.strftime("%d/%m/%Y"),
            "whole": whole,
        }
        if self.snapped:
            period += " " + _(
                "Khoảng đã chọn %(start)s – %(end)s được điều chỉnh cho khớp: bản chia sẻ chỉ gồm tuần hoặc tháng "
                "trọn vẹn."
            ) % {"start": self.requested_start.strftime("%d/%m/%Y"), "end": self.requested_end.strftime("%d/%m/%Y")}
        return [period, rounding_note()]


def rounding_note() -> str:
    return _(
        "Số lượt quét, lượt thiết bị-ngày và chuyển đổi đã được làm tròn có kiểm soát đến bội số của 5: mỗi ô gốc "
        "(một mã trong một tuần, tách ở đầu tháng) được làm tròn lên hoặc xuống theo một cách cố định, như nhau "
        "trong mọi bản chia sẻ, và mọi tổng là tổng các ô gốc đã làm tròn; tỷ lệ tính từ số đã làm tròn. Vì thế "
        "không thể trừ các con số cho nhau để tìm ra một số nhỏ hơn 5. Số liệu chính xác chỉ có trong bản nội bộ."
    )


def shared_period(*, start: dt.date, end: dt.date, today: dt.date | None = None) -> SharedPeriod | None:
    """The whole months (when asked from a 1st to a month's end) or whole weeks covering start–end, ended
    before today; None when no such period has ended yet."""
    today = today or timezone.localdate()
    if start.day == 1 and end == month_end(end):
        last_complete = month_start(today) - dt.timedelta(days=1)
        snapped_end = min(end, last_complete)
        if snapped_end >= start:
            return SharedPeriod(start, snapped_end, True, start, end)
    monday = start - dt.timedelta(days=start.weekday())
    sunday = end + dt.timedelta(days=6 - end.weekday())
    last_sunday = today - dt.timedelta(days=today.weekday() + 1)
    sunday = min(sunday, last_sunday)
    if sunday < monday:
        return None
    return SharedPeriod(monday, sunday, False, start, end)
