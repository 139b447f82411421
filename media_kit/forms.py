import re

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.models import Locale

from campaigns.models import CampaignPage
from media_kit.models import PrintFormat
from media_kit.permissions import print_template_permission_policy
from places.models import AdministrativeUnit
from places.selectors import units_named

UNIT_CODE = re.compile(r"^\d{2,5}$")


def default_locale_campaigns():
    """One entry per campaign: its Vietnamese page, not one per translation (a translated copy shares the
    campaign's print template and placements)."""
    return CampaignPage.objects.filter(locale=Locale.get_default()).order_by("title")


class PackRequestForm(forms.Form):
    campaign = forms.ModelChoiceField(label=_("Chiến dịch"), queryset=CampaignPage.objects.none())
    formats = forms.ModelMultipleChoiceField(
        label=_("Định dạng"), queryset=PrintFormat.objects.all(), widget=forms.CheckboxSelectMultiple
    )
    unit_codes = forms.CharField(
        label=_("Xã, phường hoặc tỉnh"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Tên hoặc mã, cách nhau bằng dấu phẩy hoặc xuống dòng; gõ không dấu cũng được (“ea kao”). "
            "Một tỉnh: mọi xã, phường của tỉnh."
        ),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["campaign"].queryset = default_locale_campaigns()
        # A format that serves several channels asks which one this pack is for.
        for print_format in PrintFormat.objects.prefetch_related("channels"):
            channels = list(print_format.channels.all())
            if len(channels) > 1:
                self.fields[f"channel_{print_format.slug}"] = forms.ChoiceField(
                    label=_("Kênh cho “%(format)s”") % {"format": print_format.name},
                    choices=[("", _("— chọn kênh —")), *((channel.slug, channel.name) for channel in channels)],
                    required=False,
                    help_text=_("Bắt buộc khi chọn định dạng này."),
                )
        # The wards last, right above their search.
        self.fields["unit_codes"] = self.fields.pop("unit_codes")

    def clean_unit_codes(self) -> str:
        entries = [entry.strip() for entry in re.split(r"[,;\n]", self.cleaned_data["unit_codes"]) if entry.strip()]
        # Wards ticked in the search results join those typed.
        entries += [code for code in self.data.getlist("chon") if UNIT_CODE.match(code)] if self.data else []
        if not entries:
            raise forms.ValidationError(_("Hãy nhập hoặc chọn ít nhất một xã, phường."))
        codes = [entry for entry in entries if UNIT_CODE.match(entry)]
        names = [entry for entry in entries if not UNIT_CODE.match(entry)]
        found = set(AdministrativeUnit.objects.filter(code__in=codes).values_list("code", flat=True))
        problems = []
        if missing := sorted(set(codes) - found):
            problems.append(_("Không có đơn vị với mã: %(codes)s.") % {"codes": ", ".join(missing)})
        for name, matches in units_named(names).items():
            if len(matches) == 1:
                codes.append(matches[0].unit.code)
            elif not matches:
                problems.append(_("Không tìm thấy xã, phường tên “%(name)s”: hãy tìm ở ô bên dưới.") % {"name": name})
            else:
                problems.append(
                    _("Có %(count)s nơi tên “%(name)s”: %(places)s. Hãy ghi mã của nơi cần in.")
                    % {"count": len(matches), "name": name, "places": "; ".join(match.label for match in matches)}
                )
        if problems:
            raise forms.ValidationError(problems)
        return ",".join(dict.fromkeys(codes))

    def clean(self):
        cleaned = super().clean()
        for print_format in cleaned.get("formats") or []:
            name = f"channel_{print_format.slug}"
            if name in self.fields and not cleaned.get(name):
                self.add_error(
                    name,
                    _("Định dạng “%(format)s” dùng cho nhiều kênh: hãy chọn một kênh (%(channels)s).")
                    % {
                        "format": print_format.name,
                        "channels": ", ".join(label for value, label in self.fields[name].choices if value),
                    },
                )
        return cleaned

    def channel_choices(self) -> dict[str, str]:
        chosen = {fmt.slug for fmt in self.cleaned_data["formats"]}
        return {
            name.removeprefix("channel_"): value
            for name, value in self.cleaned_data.items()
            if name.startswith("channel_") and name.removeprefix("channel_") in chosen and value
        }


class PrintTemplateForm(WagtailAdminModelForm):
    """The campaign field offers only the campaigns whose templates the user may keep (and refuses any other)."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields.get("campaign")
        if self.for_user is None or field is None:
            return
        action = "change" if self.instance.pk else "add"
        field.queryset = print_template_permission_policy.campaigns_user_may_use(self.for_user, action)
