from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django_otp import devices_for_user
from django_otp import login as otp_login

from website.two_factor.forms import CodeForm
from website.two_factor.selectors import has_confirmed_device, must_use_two_factor
from website.two_factor.services import confirm_device, pending_device, qr_code_svg, secret_for_typing


def next_url(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return reverse("wagtailadmin_home")


def wrong_code_message(devices) -> str:
    # django-otp doubles the wait after each wrong code (1 s, 2 s, 4 s...): say so rather than
    # let a correct code look wrong.
    if any(not device.verify_is_allowed()[0] for device in devices):
        return _("Mã không đúng hoặc đã hết hạn. Bạn đã nhập sai nhiều lần: đợi vài giây rồi nhập mã mới.")
    return _("Mã không đúng hoặc đã hết hạn. Hãy nhập mã đang hiển thị trong ứng dụng.")


@never_cache
@sensitive_post_parameters("code")
@login_required
def verify(request):
    """The step after the password for a user with an authenticator."""
    if not has_confirmed_device(user=request.user):
        return redirect(f"{reverse('loa_two_factor_setup')}?{urlencode({'next': next_url(request)})}")
    form = CodeForm(request.POST or None)
    if form.is_valid():
        devices = list(devices_for_user(request.user, confirmed=True))
        for device in devices:
            if device.verify_token(form.cleaned_data["code"]):
                otp_login(request, device)
                return redirect(next_url(request))
        form.add_error("code", wrong_code_message(devices))
    return TemplateResponse(request, "two_factor/verify.html", {"form": form, "next": next_url(request)})


@never_cache
@sensitive_post_parameters("code")
@login_required
def setup(request):
    """Set up an authenticator: scan the QR code, type one code to prove it works."""
    if has_confirmed_device(user=request.user):
        return redirect(f"{reverse('loa_two_factor_verify')}?{urlencode({'next': next_url(request)})}")
    device = pending_device(user=request.user)
    form = CodeForm(request.POST or None)
    if form.is_valid():
        if confirm_device(device=device, token=form.cleaned_data["code"]):
            otp_login(request, device)
            return redirect(next_url(request))
        form.add_error("code", wrong_code_message([device]))
    context = {
        "form": form,
        "next": next_url(request),
        "qr_code_svg": qr_code_svg(device=device),
        "secret": secret_for_typing(device=device),
        "required": must_use_two_factor(user=request.user),
    }
    return TemplateResponse(request, "two_factor/setup.html", context)
