from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from campaigns.models import CampaignPage
from media_kit.models import PrintFormat
from media_kit.permissions import print_template_permission_policy
from places.models import AdministrativeUnit


class PackRequestForm(forms.Form):
    campaign = forms.ModelChoiceField(label=_("Chiến dịch"), queryset=CampaignPage.objects.all())
    formats = forms.ModelMultipleChoiceField(
        label=_("Định dạng"), queryset=PrintFormat.objects.all(), widget=forms.CheckboxSelectMultiple
    )
    unit_codes = forms.CharField(
        label=_("Mã đơn vị"), help_text=_("Mã tỉnh hoặc xã/phường, cách nhau bằng dấu phẩy. Mã tỉnh: mọi xã, phường.")
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # A format that serves several channels asks which one this pack is for.
        for print_format in PrintFormat.objects.prefetch_related("channels"):
            channels = list(print_format.channels.all())
            if len(channels) > 1:
                self.fields[f"channel_{print_format.slug}"] = forms.ChoiceField(
                    label=_("Kênh cho “%(format)s”") % {"format": print_format.name},
                    choices=[(channel.slug, channel.name) for channel in channels],
                    required=False,
                )

    def clean_unit_codes(self) -> str:
        codes = [code.strip() for code in self.cleaned_data["unit_codes"].replace(";", ",").split(",") if code.strip()]
        if not codes:
            raise forms.ValidationError(_("Hãy nhập ít nhất một mã đơn vị."))
        found = set(AdministrativeUnit.objects.filter(code__in=codes).values_list("code", flat=True))
        if missing := sorted(set(codes) - found):
            raise forms.ValidationError(_("Không có đơn vị với mã: %(codes)s.") % {"codes": ", ".join(missing)})
        return ",".join(codes)

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
