from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django_otp import devices_for_user
from django_otp import login as otp_login
from wagtail.log_actions import log

from website.two_factor.forms import CodeForm, SetupCodeForm, VerifyForm
from website.two_factor.selectors import has_confirmed_device, may_issue_setup_code, must_use_two_factor
from website.two_factor.services import (
    BACKUP_CODE_COUNT,
    SETUP_CODE_HOURS,
    backup_codes_left,
    confirm_device,
    issue_setup_code,
    new_pending_device,
    pending_device,
    qr_code_svg,
    redeem_setup_code,
    regenerate_backup_codes,
    secret_for_typing,
)

# The session key that says a setup code was used in this session, and for which user.
ENROLMENT_SESSION_KEY = "loa_two_factor_enrolment"
SETUP_CODE_ISSUED = "loa.two_factor.setup_code_issued"


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
    """The step after the password: a code from the authenticator, or one of the backup codes."""
    if not has_confirmed_device(user=request.user):
        return redirect(f"{reverse('loa_two_factor_setup')}?{urlencode({'next': next_url(request)})}")
    form = VerifyForm(request.POST or None)
    if form.is_valid():
        devices = list(devices_for_user(request.user, confirmed=True))
        for device in devices:
            if device.verify_token(form.cleaned_data["code"]):
                otp_login(request, device)
                return redirect(next_url(request))
        form.add_error("code", wrong_code_message(devices))
    return TemplateResponse(request, "two_factor/verify.html", {"form": form, "next": next_url(request)})


def _enrolment_granted(request) -> bool:
    return request.session.get(ENROLMENT_SESSION_KEY) == request.user.pk


@never_cache
@sensitive_post_parameters("code", "setup_code")
@login_required
def setup(request):
    """Set up an authenticator: a setup code from an administrator first, then the QR code and one
    code from the app to prove it works, then the backup codes, shown once."""
    context = {"next": next_url(request), "required": must_use_two_factor(user=request.user)}
    if not _enrolment_granted(request):
        form = SetupCodeForm(request.POST or None)
        if form.is_valid():
            if redeem_setup_code(user=request.user, code=form.cleaned_data["setup_code"]):
                request.session[ENROLMENT_SESSION_KEY] = request.user.pk
                new_pending_device(user=request.user)
                return redirect(f"{reverse('loa_two_factor_setup')}?{urlencode({'next': next_url(request)})}")
            form.add_error(
                "setup_code",
                _("Mã cài đặt không đúng, đã dùng hoặc đã hết hạn. Hãy xin quản trị viên cấp mã mới."),
            )
        context |= {"setup_code_form": form, "has_device": has_confirmed_device(user=request.user)}
        return TemplateResponse(request, "two_factor/setup_code.html", context)

    device = pending_device(user=request.user) or new_pending_device(user=request.user)
    form = CodeForm(request.POST or None)
    if form.is_valid():
        backup_codes = confirm_device(device=device, token=form.cleaned_data["code"])
        if backup_codes is not None:
            del request.session[ENROLMENT_SESSION_KEY]
            otp_login(request, device)
            context |= {"backup_codes": backup_codes, "first_time": True}
            return TemplateResponse(request, "two_factor/backup_codes.html", context)
        form.add_error("code", wrong_code_message([device]))
    context |= {"form": form, "qr_code_svg": qr_code_svg(device=device), "secret": secret_for_typing(device=device)}
    return TemplateResponse(request, "two_factor/setup.html", context)


@never_cache
@login_required
def backup_codes(request):
    """Backup codes: how many are left; new ones (the old ones stop working), shown once.
    Past the second factor only (RequireTwoFactorMiddleware)."""
    if not has_confirmed_device(user=request.user):
        return redirect("loa_two_factor_setup")
    context = {"next": next_url(request), "left": backup_codes_left(user=request.user), "count": BACKUP_CODE_COUNT}
    if request.method == "POST":
        context["backup_codes"] = regenerate_backup_codes(user=request.user)
    return TemplateResponse(request, "two_factor/backup_codes.html", context)


@never_cache
@login_required
def issue(request, user_id: int):
    """An administrator issues a setup code for a user of their units (selectors.may_issue_setup_code)."""
    user = get_object_or_404(get_user_model(), pk=user_id)
    if not may_issue_setup_code(issuer=request.user, user=user):
        raise PermissionDenied
    context = {"person": user, "hours": SETUP_CODE_HOURS, "has_device": has_confirmed_device(user=user)}
    if request.method == "POST":
        issued = issue_setup_code(user=user, issued_by=request.user)
        log(instance=user, action=SETUP_CODE_ISSUED, user=request.user, data={"username": user.get_username()})
        context |= {
            "issued": issued,
            "setup_url": request.build_absolute_uri(reverse("loa_two_factor_setup")),
        }
    return TemplateResponse(request, "two_factor/issue.html", context)
