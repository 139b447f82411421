from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from campaigns.models import CampaignPage
from places.models import AdministrativeUnit
from places.viewsets import UnitScopedFormMixin
from tracking.models import Channel, CodeKind, Placement
from tracking.services import issue_code
from tracking.target_changes import request_target_change


class PlacementForm(UnitScopedFormMixin, WagtailAdminModelForm):
    """Codes are issued by the system, never typed: they must never collide or be reused.

    A printed placement keeps its target when edited: the new target becomes a request
    that an approver of the unit accepts or rejects (tracking/target_changes.py).
    """

    requested_target: tuple | None = None

    def clean(self):
        cleaned_data = super().clean()
        if not self.instance.pk:
            return cleaned_data
        original = Placement.objects.get(pk=self.instance.pk)
        new_page = cleaned_data.get("target_page")
        new_url = cleaned_data.get("target_url") or ""
        changed = (getattr(new_page, "pk", None), new_url) != (original.target_page_id, original.target_url)
        if original.is_printed and changed:
            self.requested_target = (new_page, new_url)
            cleaned_data["target_page"] = original.target_page
            cleaned_data["target_url"] = original.target_url
        return cleaned_data

    def save(self, commit=True):
        placement = super().save(commit=commit)
        if self.requested_target is not None:
            to_page, to_url = self.requested_target
            request_target_change(placement=placement, to_page=to_page, to_url=to_url, user=self.for_user)
        return placement

    def _post_clean(self) -> None:
        if not self.instance.pk and not self.errors:
            self.instance.short_code = issue_code(CodeKind.SHORT)
            channel = self.cleaned_data.get("channel")
            if channel is not None and channel.is_sound:
                self.instance.numeric_code = issue_code(CodeKind.NUMERIC)
        super()._post_clean()


class BulkPlacementForm(forms.Form):
    campaign = forms.ModelChoiceField(label=_("Chiến dịch"), queryset=CampaignPage.objects.all())
    unit_codes = forms.CharField(
        label=_("Mã đơn vị"),
        help_text=_("Mã tỉnh hoặc xã/phường, cách nhau bằng dấu phẩy. Mã tỉnh: mọi xã, phường của tỉnh."),
    )
    channels = forms.ModelMultipleChoiceField(
        label=_("Kênh"), queryset=Channel.objects.all(), widget=forms.CheckboxSelectMultiple
    )
    spot = forms.CharField(label=_("Điểm đặt (không bắt buộc)"), required=False, max_length=150)

    def clean_unit_codes(self) -> list[AdministrativeUnit]:
        codes = [code.strip() for code in self.cleaned_data["unit_codes"].replace(";", ",").split(",") if code.strip()]
        if not codes:
            raise forms.ValidationError(_("Hãy nhập ít nhất một mã đơn vị."))
        units = list(AdministrativeUnit.objects.filter(code__in=codes))
        missing = sorted(set(codes) - {unit.code for unit in units})
        if missing:
            raise forms.ValidationError(_("Không có đơn vị với mã: %(codes)s.") % {"codes": ", ".join(missing)})
        return units


class InstallationForm(forms.Form):
    """ "Đã treo": the day a placement went up, and an optional photo of it in place."""

    installed_on = forms.DateField(
        label=_("Ngày treo"),
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Ngày ấn phẩm được treo, dán."),
    )
    photo = forms.ImageField(
        label=_("Ảnh chụp tại chỗ (không bắt buộc)"),
        required=False,
        help_text=_("Vị trí GPS và thông tin máy chụp trong ảnh được xoá trước khi lưu."),
    )
