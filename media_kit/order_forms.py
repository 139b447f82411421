"""The order basket's forms: the order (campaign, delivery address, note) and its lines (format × ward × quantity)."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from campaigns.models import CampaignPage
from media_kit.models import PrintFormat
from media_kit.orders import orderable_formats, wards_user_may_order_for
from places.models import AdministrativeUnit

BASKET_ROWS = 8  # empty rows offered by the form (works without JavaScript)


class PrintOrderForm(forms.Form):
    campaign = forms.ModelChoiceField(label=_("Chiến dịch"), queryset=CampaignPage.objects.none())
    delivery_address = forms.CharField(
        label=_("Địa chỉ giao"),
        max_length=300,
        required=False,
        help_text=_("Để trống: giao tới Bộ phận Một cửa của xã/phường đầu tiên trong giỏ."),
    )
    note = forms.CharField(
        label=_("Ghi chú"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # One entry per campaign: its page in the default language, not each translation.
        self.fields["campaign"].queryset = (
            CampaignPage.objects.live().filter(locale=Locale.get_default()).order_by("title")
        )


class BasketLineForm(forms.Form):
    print_format = forms.ModelChoiceField(label=_("Ấn phẩm"), queryset=PrintFormat.objects.none(), required=False)
    ward = forms.ModelChoiceField(label=_("Xã/phường"), queryset=AdministrativeUnit.objects.none(), required=False)
    quantity = forms.IntegerField(
        label=_("Số lượng"),
        min_value=1,
        max_value=1_000_000,
        required=False,
        widget=forms.NumberInput(attrs={"style": "width: 9rem", "inputmode": "numeric"}),
    )

    def __init__(self, *args, user=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        formats = orderable_formats()
        self.fields["print_format"].queryset = PrintFormat.objects.filter(pk__in=[fmt.pk for fmt in formats])
        self.fields["print_format"].label_from_instance = lambda fmt: (
            _("%(name)s (tối đa %(cap)s bản)")
            % {
                "name": fmt.name,
                "cap": fmt.order_cap,
            }
        )
        wards = wards_user_may_order_for(user)
        self.fields["ward"].queryset = wards
        if len(wards[:2]) == 1:
            self.fields["ward"].initial = wards[0].pk

    def clean(self):
        data = super().clean()
        filled = [data.get(name) for name in ("print_format", "ward", "quantity")]
        if any(value is not None for value in filled) and not all(value is not None for value in filled):
            raise forms.ValidationError(_("Mỗi dòng cần đủ ấn phẩm, xã/phường và số lượng."))
        return data

    @property
    def is_filled(self) -> bool:
        return bool(self.cleaned_data.get("print_format") and self.cleaned_data.get("quantity"))


BasketFormSet = forms.formset_factory(BasketLineForm, extra=BASKET_ROWS, max_num=200, absolute_max=200)
