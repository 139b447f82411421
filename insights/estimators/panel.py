"""Reading and checking a ward × month panel: one outcome, one 0/1 exposure column per channel.

A panel is a table with the columns `unit`, `month`, `outcome`, then one column per channel slug
holding 1 in the months the channel was up in the unit (from placements, never from scans) and 0
otherwise, and optionally `residents`. `month` is written `YYYY-MM`; the periods are the distinct
months present, in order (a yearly panel written `YYYY-01` is valid, and gaps are judged on that
grid, not on the calendar).

Faults of the whole panel raise `PanelError`, whose message says in Vietnamese and then in English
what is wrong and where. A unit that lacks some periods is left out (the estimators need a balanced
panel) and said so in `Panel.warnings`.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

MAX_PANEL_BYTES = 20 * 1024 * 1024
MIN_UNITS = 2
MIN_PERIODS = 3
REQUIRED_COLUMNS = ("unit", "month", "outcome")
OPTIONAL_COLUMNS = ("residents",)
MONTH_PATTERN = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")
SLUG_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
# How many bad lines a message names before it says "…".
SHOWN_LINES = 5


class PanelError(ValueError):
    """The panel as a whole cannot be used (the command exits 2 and writes no result)."""

    def __init__(self, vietnamese: str, english: str) -> None:
        self.vietnamese = vietnamese
        self.english = english
        super().__init__(f"{vietnamese} ({english})")


@dataclass
class Panel:
    """A checked, balanced panel.

    `data` has one row per unit and period: `unit` (str), `month` (str), `period` (1-based int on the
    grid of months present), `outcome` (float), one int8 column per channel, and `residents` if given.
    """

    data: pd.DataFrame
    channels: list[str]
    months: list[str]
    has_residents: bool = False
    warnings: list[str] = field(default_factory=list)

    @property
    def units(self) -> list[str]:
        return sorted(self.data["unit"].unique())

    def exposure(self, channel: str) -> pd.DataFrame:
        """Units × periods matrix of the channel's 0/1 exposure."""
        return self.data.pivot(index="unit", columns="period", values=channel).sort_index()

    def outcome_matrix(self) -> pd.DataFrame:
        return self.data.pivot(index="unit", columns="period", values="outcome").sort_index()


def _lines(rows: pd.Index | np.ndarray) -> str:
    """CSV line numbers (the header is line 1) of the first few bad rows."""
    numbers = [str(int(row) + 2) for row in list(rows)[:SHOWN_LINES]]
    more = "…" if len(rows) > SHOWN_LINES else ""
    return ", ".join(numbers) + more


def read_panel_csv(path: str | Path, *, channels: list[str] | None = None) -> Panel:
    """Read and check a panel CSV (UTF-8, comma-separated, a header line).

    Raises `PanelError` for a file that cannot be read, is over 20 MB, or fails `check_panel`.
    """
    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError as error:
        raise PanelError(
            f"Không đọc được tệp bảng số liệu {path}: {error.strerror or error}.",
            f"The panel file {path} cannot be read: {error.strerror or error}.",
        ) from error
    if size > MAX_PANEL_BYTES:
        raise PanelError(
            f"Tệp bảng số liệu nặng {size / 1024 / 1024:.1f} MB, vượt giới hạn 20 MB.",
            f"The panel file is {size / 1024 / 1024:.1f} MB, over the 20 MB limit.",
        )
    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, na_filter=False, encoding="utf-8-sig")
    except (UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError, OSError) as error:
        raise PanelError(
            f"Không đọc được tệp bảng số liệu như một tệp CSV UTF-8: {error}.",
            f"The panel file cannot be read as a UTF-8 CSV: {error}.",
        ) from error
    return check_panel(frame, channels=channels)


def _numbers(frame: pd.DataFrame, column: str, *, english_name: str, vietnamese_name: str) -> pd.Series:
    values = pd.to_numeric(frame[column], errors="coerce")
    bad = values.index[~np.isfinite(values.to_numpy(dtype=float))]
    if len(bad):
        raise PanelError(
            f"Cột “{column}” ({vietnamese_name}) phải là số ở mọi dòng; dòng {_lines(bad)} không phải.",
            f"Column “{column}” ({english_name}) must be a number on every line; line {_lines(bad)} is not.",
        )
    return values.astype(float)


def _checked_columns(frame: pd.DataFrame, *, channels: list[str] | None) -> tuple[pd.DataFrame, list[str]]:
    """The frame with stripped column names, and its channel columns; a PanelError for a bad header."""
    frame = frame.copy()
    frame.columns = [str(column).strip() for column in frame.columns]
    missing = [column for column in REQUIRED_COLUMNS if column not in frame.columns]
    if missing:
        raise PanelError(
            f"Bảng số liệu thiếu cột: {', '.join(missing)} (cần unit, month, outcome và một cột 0/1 cho mỗi kênh).",
            f"The panel lacks the column(s) {', '.join(missing)} (needs unit, month, outcome and a 0/1 column "
            "per channel).",
        )
    if len(set(frame.columns)) != len(frame.columns):
        raise PanelError("Bảng số liệu có hai cột trùng tên.", "The panel has two columns with the same name.")
    known = set(REQUIRED_COLUMNS) | set(OPTIONAL_COLUMNS)
    if channels is None:
        channels = [column for column in frame.columns if column not in known]
    else:
        absent = [channel for channel in channels if channel not in frame.columns]
        if absent:
            raise PanelError(
                f"Bảng số liệu thiếu cột của kênh: {', '.join(absent)}.",
                f"The panel lacks the channel column(s) {', '.join(absent)}.",
            )
    if not channels:
        raise PanelError(
            "Bảng số liệu không có cột kênh nào (mỗi kênh một cột 0/1).",
            "The panel has no channel column (one 0/1 column per channel).",
        )
    bad_names = [channel for channel in channels if not SLUG_PATTERN.match(channel)]
    if bad_names:
        raise PanelError(
            f"Tên cột kênh phải là mã kênh (chữ thường, số, gạch ngang): {', '.join(bad_names)}.",
            f"Channel columns must be channel slugs (lower case, digits, hyphens): {', '.join(bad_names)}.",
        )
    return frame, channels


def no_rows() -> PanelError:
    return PanelError("Bảng số liệu không có dòng nào.", "The panel has no rows.")


def too_few_units(count: int) -> PanelError:
    return PanelError(
        f"Cần số liệu của ít nhất {MIN_UNITS} xã/phường, bảng chỉ có {count}.",
        f"At least {MIN_UNITS} units are needed; the panel has {count}.",
    )


def quick_check(frame: pd.DataFrame) -> None:
    """The PanelError `check_panel` would raise for an empty panel or one of too few units, without its
    conversion of every cell: a ward's dashboard asks every time, and one ward is never enough."""
    if frame.empty:
        raise no_rows()
    if "unit" in frame.columns and frame["unit"].nunique() < MIN_UNITS:
        raise too_few_units(int(frame["unit"].nunique()))


def check_panel(frame: pd.DataFrame, *, channels: list[str] | None = None) -> Panel:
    """Check a panel given as a DataFrame (any dtypes; blank strings count as missing).

    `channels` defaults to every column other than unit, month, outcome and residents.
    """
    frame, channels = _checked_columns(frame, channels=channels)
    if frame.empty:
        raise no_rows()
    used = [*REQUIRED_COLUMNS, *channels, *[c for c in OPTIONAL_COLUMNS if c in frame.columns]]
    frame = frame[used].reset_index(drop=True)

    as_text = frame.astype(str).apply(lambda column: column.str.strip())
    blank = as_text.isin(["", "nan", "NaN", "NA", "N/A", "None", "null"]) | frame.isna()
    if blank.to_numpy().any():
        rows, columns = np.nonzero(blank.to_numpy())
        where = ", ".join(f"{int(r) + 2}/{frame.columns[c]}" for r, c in list(zip(rows, columns, strict=True))[:5])
        raise PanelError(
            f"Bảng số liệu có ô trống hoặc NaN (dòng/cột: {where}). Hãy điền số hoặc bỏ dòng đó.",
            f"The panel has blank or NaN cells (line/column: {where}). Fill them in or remove the line.",
        )

    frame["unit"] = as_text["unit"]
    frame["month"] = as_text["month"]
    bad_months = frame.index[~frame["month"].str.match(MONTH_PATTERN)]
    if len(bad_months):
        raise PanelError(
            f"Cột “month” phải có dạng YYYY-MM; dòng {_lines(bad_months)} không đúng.",
            f"Column “month” must be YYYY-MM; line {_lines(bad_months)} is not.",
        )
    frame["outcome"] = _numbers(frame, "outcome", english_name="outcome", vietnamese_name="kết quả")
    for channel in channels:
        values = pd.to_numeric(as_text[channel], errors="coerce")
        bad = values.index[~values.isin([0, 1])]
        if len(bad):
            raise PanelError(
                f"Cột kênh “{channel}” chỉ được có 0 hoặc 1; dòng {_lines(bad)} có giá trị khác.",
                f"Channel column “{channel}” may hold only 0 or 1; line {_lines(bad)} holds something else.",
            )
        frame[channel] = values.astype("int8")
    has_residents = "residents" in frame.columns
    if has_residents:
        frame["residents"] = _numbers(frame, "residents", english_name="residents", vietnamese_name="dân số")
        bad = frame.index[frame["residents"] <= 0]
        if len(bad):
            raise PanelError(
                f"Cột “residents” (dân số) phải lớn hơn 0; dòng {_lines(bad)} không phải.",
                f"Column “residents” must be above 0; line {_lines(bad)} is not.",
            )

    duplicated = frame.index[frame.duplicated(["unit", "month"], keep="first")]
    if len(duplicated):
        raise PanelError(
            f"Một xã/phường có hai dòng cho cùng một tháng (dòng {_lines(duplicated)}).",
            f"A unit has two lines for the same month (line {_lines(duplicated)}).",
        )

    months = sorted(frame["month"].unique())
    units = frame["unit"].unique()
    if len(units) < MIN_UNITS:
        raise too_few_units(len(units))
    if len(months) < MIN_PERIODS:
        raise PanelError(
            f"Cần số liệu của ít nhất {MIN_PERIODS} kỳ (tháng), bảng chỉ có {len(months)}.",
            f"At least {MIN_PERIODS} periods (months) are needed; the panel has {len(months)}.",
        )

    warnings: list[str] = []
    counts = frame.groupby("unit")["month"].nunique()
    incomplete = sorted(counts.index[counts < len(months)])
    if incomplete:
        shown = ", ".join(incomplete[:SHOWN_LINES]) + ("…" if len(incomplete) > SHOWN_LINES else "")
        warnings.append(
            f"{len(incomplete)} xã/phường thiếu số liệu một số tháng nên không được dùng để ước lượng: {shown}."
        )
        frame = frame[~frame["unit"].isin(incomplete)]
        if frame["unit"].nunique() < MIN_UNITS:
            raise PanelError(
                f"Sau khi bỏ các xã/phường thiếu tháng, chỉ còn {frame['unit'].nunique()} xã/phường có đủ mọi tháng "
                f"(cần ít nhất {MIN_UNITS}).",
                f"After leaving out units with missing months, {frame['unit'].nunique()} unit(s) have every month "
                f"(at least {MIN_UNITS} are needed).",
            )

    period_of = {month: index + 1 for index, month in enumerate(months)}
    frame = frame.assign(period=frame["month"].map(period_of).astype(int))
    frame = frame.sort_values(["unit", "period"]).reset_index(drop=True)
    ordered = ["unit", "month", "period", "outcome", *channels, *(["residents"] if has_residents else [])]
    return Panel(
        data=frame[ordered],
        channels=list(channels),
        months=months,
        has_residents=has_residents,
        warnings=warnings,
    )


def negative_growth_warning(panel: Panel) -> str | None:
    """The warning for an outcome given as growth that goes below zero (a downward correction)."""
    negative = panel.data[panel.data["outcome"] < 0]
    if negative.empty:
        return None
    examples = ", ".join(f"{row.unit} {row.month}" for row in negative.head(3).itertuples())
    more = "…" if len(negative) > 3 else ""
    return (
        f"Có {len(negative)} ô tăng trưởng âm ({examples}{more}): số lũy kế chính thức có thể đã bị điều chỉnh giảm. "
        "Hãy kiểm tra số liệu gốc; ước lượng vẫn dùng nguyên các giá trị này."
    )


def is_finite(value: float | None) -> bool:
    return value is not None and math.isfinite(value)
