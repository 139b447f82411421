"""Checks of the official figures that the channel-impact estimate rests on: never silent.

The estimate reads a metric's monthly figures as running totals (số lũy kế, as the police report them) and
takes each month's growth; it works per 1,000 residents only when every ward in scope has a residents figure
("dan-so"), and on raw counts otherwise. Three things in the figures change its answer without a word:

- **negative growth** (`negative_growth`): a running total that goes down (a correction, a typo) makes a
  negative monthly growth, which widens every interval;
- **a switch of the per-1,000 basis** (`basis_switch`): while some wards have residents and others not, every
  estimate of the scope is on raw counts, and importing residents for the last ward switches them all to per
  1,000 at once; within a ward, months before its first residents figure borrow a later one;
- **months missing inside a ward's series** (`missing_month`): the growth of the month after a gap cannot be
  computed, and the ward silently drops out of those months.

`check_figures` is the pure core; `figure_warnings` reads the database for a dashboard filter,
`import_warnings` for what an import touched. Each warning is data: ward, month, kind and a Vietnamese message.
A running total here is the impact metric and every metric a campaign target compares with residents (a
target's percentage only makes sense of a running total); other metrics (e.g. dossiers filed in the month)
are only checked for gaps.
"""

import datetime as dt
import itertools
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass
from decimal import Decimal
from enum import StrEnum

from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from campaigns.models import CampaignTarget, Metric
from core.dates import add_months
from core.numbers import vn_number
from insights.models import AdoptionFigure
from insights.scope_figures import IMPACT_METRIC, RESIDENTS_METRIC, FigureRow, read_figures, scope_figures, shares
from insights.selectors import PAGE_ROWS, InsightFilter
from insights.tables import Column, Table
from places.models import AdministrativeUnit, UnitLevel


class FigureWarningKind(StrEnum):
    NEGATIVE_GROWTH = "negative_growth"
    BASIS_SWITCH = "basis_switch"
    MISSING_MONTH = "missing_month"


KIND_LABELS = {
    FigureWarningKind.NEGATIVE_GROWTH: gettext_lazy("Số lũy kế giảm"),
    FigureWarningKind.BASIS_SWITCH: gettext_lazy("Cách tính trên 1.000 dân thay đổi"),
    FigureWarningKind.MISSING_MONTH: gettext_lazy("Thiếu tháng"),
}


@dataclass(frozen=True)
class FigureWarning:
    """One problem in the official figures. `ward_code` is a province's code for a warning about a whole
    province (then `month` is None); `month` is None for a warning about a ward as a whole."""

    kind: FigureWarningKind
    ward_code: str
    ward: str
    month: dt.date | None
    metric: str
    message: str

    @property
    def kind_label(self) -> str:
        return str(KIND_LABELS[self.kind])

    def as_dict(self) -> dict:
        data = asdict(self)
        data["kind"] = str(self.kind)
        data["month"] = self.month.strftime("%Y-%m") if self.month else None
        return data


@dataclass(frozen=True, slots=True)
class WardName:
    """What a warning says of a ward: its code and name (a country's 3,300 model instances took a quarter of a
    second to make, for two strings each)."""

    code: str
    name: str


def _month(month: dt.date) -> str:
    return month.strftime("%m/%Y")


def _months_between(first: dt.date, last: dt.date) -> list[dt.date]:
    months, month = [], first
    while month <= last:
        months.append(month)
        month = add_months(month, 1)
    return months


def _gaps(months: list[dt.date]) -> list[list[dt.date]]:
    """Runs of consecutive missing months between the first and the last month present."""
    present = set(months)
    gaps: list[list[dt.date]] = []
    for month in _months_between(months[0], months[-1]):
        if month in present:
            continue
        if gaps and add_months(gaps[-1][-1], 1) == month:
            gaps[-1].append(month)
        else:
            gaps.append([month])
    return gaps


def _series_warnings(
    *, ward: WardName, metric: Metric, series: Mapping[dt.date, Decimal], cumulative: bool
) -> list[FigureWarning]:
    months = sorted(series)
    warnings = []
    for gap in _gaps(months):
        after = add_months(gap[-1], 1)
        span = _month(gap[0]) if len(gap) == 1 else f"{_month(gap[0])}–{_month(gap[-1])}"
        warnings.append(
            FigureWarning(
                kind=FigureWarningKind.MISSING_MONTH,
                ward_code=ward.code,
                ward=ward.name,
                month=gap[0],
                metric=metric.slug,
                message=_(
                    "Thiếu số liệu “%(metric)s” của %(ward)s tháng %(span)s: không tính được mức tăng của "
                    "các tháng này và của tháng %(after)s, nên ước tính tác động bỏ qua %(ward)s trong các tháng đó."
                )
                % {"metric": metric.name, "ward": ward.name, "span": span, "after": _month(after)},
            )
        )
    if cumulative:
        for before, month in itertools.pairwise(months):
            if series[month] < series[before]:
                warnings.append(
                    FigureWarning(
                        kind=FigureWarningKind.NEGATIVE_GROWTH,
                        ward_code=ward.code,
                        ward=ward.name,
                        month=month,
                        metric=metric.slug,
                        message=_(
                            "Số lũy kế “%(metric)s” của %(ward)s giảm từ %(old)s (tháng %(before)s) xuống %(new)s "
                            "(tháng %(month)s). Số lũy kế không thể giảm: kiểm tra lại hoặc nhập số đã đính chính. "
                            "Mức tăng âm làm ước tính tác động kém tin cậy (khoảng tin cậy rộng ra)."
                        )
                        % {
                            "metric": metric.name,
                            "ward": ward.name,
                            "old": vn_number(series[before]),
                            "before": _month(before),
                            "new": vn_number(series[month]),
                            "month": _month(month),
                        },
                    )
                )
    return warnings


def _basis_warnings(
    *,
    wards: Mapping[int, WardName],
    metric: Metric,
    values: Mapping[int, Mapping[dt.date, Decimal]],
    residents: Mapping[int, set[dt.date]],
) -> list[FigureWarning]:
    observed = [ward_id for ward_id in values if values[ward_id]]
    with_residents = [ward_id for ward_id in observed if residents.get(ward_id)]
    warnings = []
    if with_residents and len(with_residents) < len(observed):
        for ward_id in sorted(set(observed) - set(with_residents), key=lambda pk: wards[pk].code):
            ward = wards[ward_id]
            warnings.append(
                FigureWarning(
                    kind=FigureWarningKind.BASIS_SWITCH,
                    ward_code=ward.code,
                    ward=ward.name,
                    month=None,
                    metric=RESIDENTS_METRIC,
                    message=_(
                        "%(ward)s chưa có số dân: vì thiếu dân số của %(missing)s/%(total)s xã/phường, ước tính "
                        "tác động của cả phạm vi đang tính theo số tuyệt đối, không theo 1.000 dân. Khi nhập đủ "
                        "dân số, mọi ước tính sẽ chuyển sang tính trên 1.000 dân và không so sánh trực tiếp được "
                        "với các con số trước đó."
                    )
                    % {
                        "ward": ward.name,
                        "missing": vn_number(len(observed) - len(with_residents)),
                        "total": vn_number(len(observed)),
                    },
                )
            )
        return warnings
    if not with_residents:
        return warnings
    # Per 1,000 everywhere: say where a month borrows the residents of a later month.
    for ward_id in sorted(observed, key=lambda pk: wards[pk].code):
        first_residents = min(residents[ward_id])
        earlier = sorted(month for month in values[ward_id] if month < first_residents)
        if earlier:
            ward = wards[ward_id]
            warnings.append(
                FigureWarning(
                    kind=FigureWarningKind.BASIS_SWITCH,
                    ward_code=ward.code,
                    ward=ward.name,
                    month=earlier[0],
                    metric=RESIDENTS_METRIC,
                    message=_(
                        "%(ward)s có số dân từ tháng %(first)s; số liệu “%(metric)s” từ tháng %(start)s đến trước "
                        "đó được tính trên 1.000 dân bằng số dân của tháng %(first)s."
                    )
                    % {
                        "ward": ward.name,
                        "first": _month(first_residents),
                        "metric": metric.name,
                        "start": _month(earlier[0]),
                    },
                )
            )
    return warnings


def check_figures(
    *,
    wards: Mapping[int, WardName],
    metric: Metric,
    values: Mapping[int, Mapping[dt.date, Decimal]],
    residents: Mapping[int, set[dt.date]],
    cumulative: bool = True,
    check_basis: bool = True,
) -> list[FigureWarning]:
    """Every warning about one metric's figures in these wards (ward id → month → value; residents: ward id →
    the months with a residents figure). Sorted by ward, then month."""
    warnings = []
    for ward_id, series in values.items():
        if series:
            warnings.extend(_series_warnings(ward=wards[ward_id], metric=metric, series=series, cumulative=cumulative))
    if check_basis:
        warnings.extend(_basis_warnings(wards=wards, metric=metric, values=values, residents=residents))
    return sorted(warnings, key=lambda w: (w.ward_code, w.month or dt.date.min, w.kind))


def cumulative_metric_slugs() -> set[str]:
    """The metrics read as running totals: the impact metric and every metric a campaign target names."""
    return ({IMPACT_METRIC} | set(CampaignTarget.objects.values_list("metric__slug", flat=True))) - {RESIDENTS_METRIC}


def _read(*, ward_q: Q, metric_slugs: Iterable[str]) -> tuple[dict, dict, dict, dict]:
    """(metric slug → ward id → month → value, ward id → residents months, ward id → ward, slug → metric), in
    one query: the wards and metrics are read with their figures."""
    return _fold(read_figures(scope_q=ward_q, metric_slugs=set(metric_slugs) | {RESIDENTS_METRIC}))


def _fold(rows: Iterable[FigureRow]) -> tuple[dict, dict, dict, dict]:
    """`_read`'s dictionaries from figures already read."""
    values: dict[str, dict[int, dict[dt.date, Decimal]]] = defaultdict(lambda: defaultdict(dict))
    residents: dict[int, set[dt.date]] = defaultdict(set)
    wards: dict[int, WardName] = {}
    metrics: dict[str, Metric] = {}
    for unit_id, code, name, slug, metric_name, month, value in rows:
        if unit_id not in wards:
            wards[unit_id] = WardName(code=code, name=name)
        if slug not in metrics:
            metrics[slug] = Metric(slug=slug, name=metric_name)
        if slug == RESIDENTS_METRIC:
            if value > 0:
                residents[unit_id].add(month)
        else:
            values[slug][unit_id][month] = value
    return values, residents, wards, metrics


def _scope_q(units: Iterable[AdministrativeUnit] | None) -> Q:
    if units is None:
        return Q()
    covered = Q(pk__in=[])
    for unit in units:
        covered |= Q(unit__path__startswith=unit.path)
    return covered


def figure_warnings(
    *,
    units: Iterable[AdministrativeUnit] | None,
    metric_slug: str = IMPACT_METRIC,
    figures: Iterable[FigureRow] | None = None,
) -> list[FigureWarning]:
    """The warnings about the figures the channel-impact estimate of these units (None: everywhere) rests on:
    the metric's series in every ward under them, all months, and their residents. One query, none when
    `figures` are those already read for the same units (insights.scope_figures)."""
    if figures is None:
        values, residents, wards, metrics = _read(ward_q=_scope_q(units), metric_slugs=[metric_slug])
    else:
        wanted = {metric_slug, RESIDENTS_METRIC}
        values, residents, wards, metrics = _fold(row for row in figures if row.slug in wanted)
    if metric_slug not in metrics:
        return []
    return check_figures(wards=wards, metric=metrics[metric_slug], values=values[metric_slug], residents=residents)


def import_warnings(*, ward_ids: set[int], metric_ids: set[int]) -> list[FigureWarning]:
    """The warnings an import of figures for these wards and metrics brings up, over the stored figures.

    Gaps and decreases are looked for in the imported wards' series of the imported metrics; the per-1,000
    basis of the impact metric over every ward of the provinces the import touched (a residents import for
    a few wards changes the basis of the whole province).
    """
    wards = AdministrativeUnit.objects.filter(pk__in=ward_ids).only("path")
    provinces = sorted({ward.path.split("/")[0] for ward in wards})
    province_q = Q(pk__in=[])
    for code in provinces:
        province_q |= Q(unit__path__startswith=f"{code}/")
    metrics = {metric.slug: metric for metric in Metric.objects.filter(pk__in=metric_ids)}
    cumulative = cumulative_metric_slugs()
    values, residents, known, _metrics = _read(ward_q=province_q, metric_slugs=[*metrics, IMPACT_METRIC])
    warnings: list[FigureWarning] = []
    for slug, metric in metrics.items():
        if slug == RESIDENTS_METRIC:
            continue
        touched = {ward_id: series for ward_id, series in values[slug].items() if ward_id in ward_ids}
        warnings.extend(
            check_figures(
                wards=known,
                metric=metric,
                values=touched,
                residents=residents,
                cumulative=slug in cumulative,
                check_basis=False,
            )
        )
    impact_metric = Metric.objects.filter(slug=IMPACT_METRIC).first()
    if impact_metric is not None and (IMPACT_METRIC in metrics or RESIDENTS_METRIC in metrics):
        warnings.extend(
            _basis_warnings(wards=known, metric=impact_metric, values=values[IMPACT_METRIC], residents=residents)
        )
    return warnings


def basis_by_province(*, province_codes: Iterable[str], metric_slug: str = IMPACT_METRIC) -> dict[str, str | None]:
    """Province code → "per_thousand" (every ward with the metric has residents), "raw", or None (no figures).
    Read before and after an import to say when the import switched the basis."""
    codes = sorted(set(province_codes))
    q = Q(pk__in=[])
    for code in codes:
        q |= Q(unit__path__startswith=f"{code}/")
    observed: dict[str, set[int]] = defaultdict(set)
    with_residents: dict[str, set[int]] = defaultdict(set)
    for unit_id, path, slug, value in (
        AdoptionFigure.objects.filter(q, metric__slug__in=[metric_slug, RESIDENTS_METRIC])
        .values_list("unit_id", "unit__path", "metric__slug", "value")
        .distinct()
    ):
        province = path.split("/")[0]
        if slug == RESIDENTS_METRIC:
            if value > 0:
                with_residents[province].add(unit_id)
        else:
            observed[province].add(unit_id)
    basis: dict[str, str | None] = {}
    for code in codes:
        if not observed[code]:
            basis[code] = None
        else:
            basis[code] = "per_thousand" if observed[code] <= with_residents[code] else "raw"
    return basis


def basis_switch_warnings(*, before: Mapping[str, str | None], after: Mapping[str, str | None]) -> list[FigureWarning]:
    """A warning per province whose per-1,000 basis an import switched."""
    metric = Metric.objects.filter(slug=IMPACT_METRIC).first()
    metric_name = metric.name if metric else IMPACT_METRIC
    provinces = AdministrativeUnit.objects.filter(code__in=list(after), level=UnitLevel.PROVINCE).in_bulk(
        field_name="code"
    )
    warnings = []
    for code, now in sorted(after.items()):
        was = before.get(code)
        if was is None or now is None or was == now or code not in provinces:
            continue
        if now == "per_thousand":
            text = _(
                "Sau lần nhập này, mọi xã/phường của %(province)s có số liệu “%(metric)s” đều đã có số dân: "
                "ước tính tác động chuyển từ số tuyệt đối sang tính trên 1.000 dân. Các con số trước và sau lần "
                "nhập này không so sánh trực tiếp được."
            )
        else:
            text = _(
                "Sau lần nhập này, một số xã/phường của %(province)s có số liệu “%(metric)s” nhưng chưa có số dân: "
                "ước tính tác động chuyển từ tính trên 1.000 dân sang số tuyệt đối cho đến khi nhập đủ dân số."
            )
        province = provinces[code]
        warnings.append(
            FigureWarning(
                kind=FigureWarningKind.BASIS_SWITCH,
                ward_code=province.code,
                ward=province.name,
                month=None,
                metric=RESIDENTS_METRIC,
                message=text % {"province": province.name, "metric": metric_name},
            )
        )
    return warnings


WARNING_COLUMNS = [
    Column("code", gettext_lazy("Mã")),
    Column("ward", gettext_lazy("Xã/phường")),
    Column("month", gettext_lazy("Tháng")),
    Column("kind", gettext_lazy("Cảnh báo")),
    Column("message", gettext_lazy("Nội dung")),
]


def warnings_table(warnings: list[FigureWarning], *, slug: str = "canh-bao-so-lieu") -> Table:
    return Table(
        slug=slug,
        title=gettext_lazy("Cảnh báo về số liệu chính thức dùng để ước tính tác động"),
        columns=WARNING_COLUMNS,
        rows=[
            {
                "code": warning.ward_code,
                "ward": warning.ward,
                "month": _month(warning.month) if warning.month else None,
                "kind": warning.kind_label,
                "kind_slug": str(warning.kind),
                "message": warning.message,
            }
            for warning in warnings
        ],
        empty_text=gettext_lazy("Không thấy vấn đề nào trong số liệu chính thức của phạm vi này."),
        display_limit=PAGE_ROWS,
    )


def figure_warnings_table(*, f: InsightFilter, metric_slug: str = IMPACT_METRIC) -> Table:
    """The dashboard's table of `figure_warnings`, for the same scope as the channel-impact estimate (the
    filter's units, every month; the campaign and the period do not apply, as for the estimate)."""
    figures = scope_figures(f) if shares({metric_slug}) else None
    return warnings_table(figure_warnings(units=f.units, metric_slug=metric_slug, figures=figures))
