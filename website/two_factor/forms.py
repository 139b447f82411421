"""Two-factor login for the Wagtail admin and every staff view: TOTP devices from django-otp, a step after the password.

Why a step after the password rather than a field on the login form: the login form stays Wagtail's
own, and the form does not tell an attacker which accounts have a device. RequireTwoFactorMiddleware
keeps every staff view closed until the step is done. Setting up an authenticator needs a setup code
issued by an administrator, so a password alone never enrols one.
"""

from django import forms
from django.utils.translation import gettext_lazy as _


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Mã 6 chữ số trong ứng dụng xác thực"),
        min_length=6,
        max_length=8,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}),
    )

    def clean_code(self) -> str:
        return "".join(self.cleaned_data["code"].split())


class VerifyForm(forms.Form):
    code = forms.CharField(
        label=_("Mã 6 chữ số trong ứng dụng xác thực, hoặc một mã dự phòng"),
        min_length=6,
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autofocus": True}),
    )

    def clean_code(self) -> str:
        # Backup codes are shown in lower case; people may type them in capitals or in two halves.
        return "".join(self.cleaned_data["code"].split()).replace("-", "").lower()


class SetupCodeForm(forms.Form):
    setup_code = forms.CharField(
        label=_("Mã cài đặt do quản trị viên cấp"),
        max_length=40,
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters", "autofocus": True}),
        help_text=_("16 ký tự, ví dụ ABCD-EFGH-JKMN-PQRS. Mã dùng được một lần và có hạn."),
    )
