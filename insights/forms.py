import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from campaigns.models import CampaignPage
from insights.reports import ReportError, parse_month
from insights.selectors import InsightFilter
from places.models import AdministrativeUnit, UnitLevel

DEFAULT_WEEKS = 12
MAX_DAYS = 731
# Above this many units a select becomes a burden without JavaScript; the code is typed instead.
MAX_UNIT_OPTIONS = 400
ISO_DATE = "%Y-%m-%d"


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs) -> None:
        super().__init__(format=ISO_DATE, **kwargs)


def default_period(today: dt.date | None = None) -> tuple[dt.date, dt.date]:
    """The last twelve weeks, starting on a Monday, up to today."""
    today = today or timezone.localdate()
    start = today - dt.timedelta(days=today.weekday()) - dt.timedelta(weeks=DEFAULT_WEEKS - 1)
    return start, today


def unit_choices(*, roots: list[AdministrativeUnit] | None) -> list[tuple[str, str]] | None:
    """Provinces and wards the user may read, or None when there are too many to list (superusers)."""
    if roots is None:
        return None
    units = AdministrativeUnit.objects.filter(level__in=[UnitLevel.PROVINCE, UnitLevel.WARD])
    units = units.filter(InsightFilter(start=dt.date.min, end=dt.date.min, units=tuple(roots)).unit_q("path"))
    units = list(
        units.order_by("path").values_list("code", "name", "level", "path", "codename")[: MAX_UNIT_OPTIONS + 1]
    )
    # Each province, then its wards in alphabetical order (by the unaccented name).
    units.sort(key=lambda unit: (unit[3].split("/")[0], unit[2] != UnitLevel.PROVINCE, unit[4] or unit[1]))
    units = [(code, name, level) for code, name, level, _path, _codename in units]
    # A ward editor's root is their ward; a village root still reads its ward's page by its own code.
    extra = [(root.code, root.name, root.level) for root in roots if root.level == UnitLevel.VILLAGE]
    if len(units) > MAX_UNIT_OPTIONS:
        return None
    return [(code, name if level == UnitLevel.PROVINCE else f"— {name}") for code, name, level in [*units, *extra]]


class DashboardFilterForm(forms.Form):
    """The dashboard's filters, sent by GET so that a filtered view is a link (and works without JavaScript)."""

    campaign = forms.ModelChoiceField(
        label=_("Chiến dịch"),
        queryset=CampaignPage.objects.order_by("title"),
        required=False,
        empty_label=_("Mọi chiến dịch"),
    )
    unit = forms.CharField(label=_("Đơn vị"), required=False, max_length=32)
    start = forms.DateField(
        label=_("Từ ngày"), required=False, widget=DateInput(), input_formats=[ISO_DATE, "%d/%m/%Y"]
    )
    end = forms.DateField(label=_("Đến ngày"), required=False, widget=DateInput(), input_formats=[ISO_DATE, "%d/%m/%Y"])

    def __init__(self, *args, roots: list[AdministrativeUnit] | None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.roots = roots
        choices = unit_choices(roots=roots)
        if choices is not None:
            all_label = _("Mọi đơn vị của tôi") if len(roots or []) > 1 else None
            options = ([("", all_label)] if all_label else []) + choices
            self.fields["unit"].widget = forms.Select(choices=options)
        else:
            self.fields["unit"].help_text = _("Mã tỉnh hoặc xã/phường, ví dụ 66 hoặc 24133. Để trống: mọi đơn vị.")
        start, end = default_period()
        self.fields["start"].widget.attrs["placeholder"] = start.isoformat()
        self.fields["end"].widget.attrs["placeholder"] = end.isoformat()

    def clean_unit(self) -> AdministrativeUnit | None:
        code = self.cleaned_data["unit"].strip()
        if not code:
            return None
        unit = AdministrativeUnit.objects.filter(code=code).first()
        if unit is None:
            raise forms.ValidationError(_("Không có đơn vị với mã %(code)s.") % {"code": code})
        return unit

    def clean(self):
        cleaned = super().clean()
        default_start, default_end = default_period()
        start = cleaned.get("start") or default_start
        end = cleaned.get("end") or default_end
        if start > end:
            self.add_error("end", _("Ngày kết thúc phải sau ngày bắt đầu."))
        elif (end - start).days > MAX_DAYS:
            self.add_error("start", _("Chọn khoảng thời gian không quá hai năm."))
        cleaned["start"], cleaned["end"] = start, end
        return cleaned

    def insight_filter(self) -> InsightFilter:
        """The filter of a valid form; the unit must already be checked against the user's reach."""
        unit = self.cleaned_data.get("unit")
        if unit is not None:
            units = (unit,)
        elif self.roots is None:
            units = None
        else:
            units = tuple(self.roots)
        return InsightFilter(
            start=self.cleaned_data["start"],
            end=self.cleaned_data["end"],
            units=units,
            campaign=self.cleaned_data.get("campaign"),
        )


class MonthInput(forms.TextInput):
    input_type = "month"


class ReportRequestForm(forms.Form):
    unit = forms.CharField(label=_("Đơn vị"), max_length=32)
    month = forms.CharField(
        label=_("Tháng"),
        widget=MonthInput(attrs={"placeholder": "2026-10"}),
        help_text=_("Dạng NNNN-TT, ví dụ 2026-10."),
    )

    def __init__(self, *args, roots: list[AdministrativeUnit] | None, **kwargs) -> None:
        # Its own ids: the form sits on the dashboard beside the filters, which have a "unit" field too.
        kwargs.setdefault("auto_id", "bao-cao-%s")
        super().__init__(*args, **kwargs)
        self.roots = roots
        choices = unit_choices(roots=roots)
        if choices is not None:
            self.fields["unit"].widget = forms.Select(choices=choices)
        else:
            self.fields["unit"].help_text = _("Mã tỉnh hoặc xã/phường, ví dụ 66 hoặc 24133.")

    def clean_unit(self) -> AdministrativeUnit:
        code = self.cleaned_data["unit"].strip()
        unit = AdministrativeUnit.objects.filter(code=code).first()
        if unit is None:
            raise forms.ValidationError(_("Không có đơn vị với mã %(code)s.") % {"code": code})
        if self.roots is not None and not any(unit.path.startswith(root.path) for root in self.roots):
            raise forms.ValidationError(_("Bạn không có quyền xem báo cáo của đơn vị này."))
        return unit

    def clean_month(self) -> dt.date:
        try:
            return parse_month(self.cleaned_data["month"])
        except ReportError as error:
            raise forms.ValidationError(str(error)) from error
