"""Assisted registrations: service-point staff log what they helped a citizen do, and how the citizen heard of it."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from places.models import Role
from places.selectors import wards_of_user
from tracking.codes import normalise_code
from tracking.models import Channel, Conversion, ConversionAction, ConversionSource
from tracking.selectors import placement_for_code

SCANNED_A_CODE = "scanned"
ASSISTED_ACTIONS = [choice for choice in ConversionAction.choices if choice[0] != ConversionAction.GUIDE_COMPLETED]


class AssistedRegistrationForm(forms.Form):
    ward = forms.ModelChoiceField(label=gettext_lazy("Xã/phường"), queryset=None, empty_label=None)
    action = forms.ChoiceField(
        label=gettext_lazy("Đã giúp người dân làm gì?"), choices=ASSISTED_ACTIONS, widget=forms.RadioSelect
    )
    heard_from = forms.ChoiceField(label=gettext_lazy("Người dân biết qua đâu?"), choices=())
    code = forms.CharField(
        label=gettext_lazy("Mã in dưới QR (nếu có)"),
        required=False,
        max_length=32,
        widget=forms.TextInput(attrs={"autocapitalize": "characters", "autocomplete": "off"}),
    )

    def __init__(self, *args, wards, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["ward"].queryset = wards
        if wards.count() == 1:
            self.fields["ward"].widget = forms.HiddenInput()
            self.fields["ward"].initial = wards.first().pk
        channels = [(channel.slug, channel.name) for channel in Channel.objects.all()]
        self.fields["heard_from"].choices = [(SCANNED_A_CODE, _("Quét mã QR")), *channels]

    def clean_code(self):
        raw = self.cleaned_data["code"].strip()
        if not raw:
            return None
        placement = placement_for_code(normalise_code(raw))
        if placement is None:
            raise forms.ValidationError(_("Không có mã này. Kiểm tra lại, hoặc để trống."))
        return placement


@login_required
def assisted_registration(request: HttpRequest) -> HttpResponse:
    """A phone-sized form for service-point staff; their ward comes from their membership."""
    wards = wards_of_user(user=request.user, roles=[Role.SERVICE_POINT_STAFF])
    if not wards.exists():
        raise PermissionDenied(_("Chỉ cán bộ điểm dịch vụ công được ghi nhận."))
    form = AssistedRegistrationForm(request.POST or None, wards=wards)
    if request.method == "POST" and form.is_valid():
        heard_from = form.cleaned_data["heard_from"]
        placement = form.cleaned_data["code"]
        Conversion.objects.create(
            action=form.cleaned_data["action"],
            source=ConversionSource.ASSISTED,
            unit=form.cleaned_data["ward"],
            placement=placement,
            heard_from=Channel.objects.filter(slug=heard_from).first(),
            heard_from_code=heard_from == SCANNED_A_CODE or placement is not None,
            recorded_by=request.user,
        )
        messages.success(request, _("Đã ghi nhận. Cảm ơn bạn!"))
        return redirect("assisted_registration")
    return render(request, "tracking/assisted_registration.html", {"form": form})
