from django.contrib.auth.models import AnonymousUser
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from website.csp import admin_prefix
from website.two_factor.selectors import has_confirmed_device, second_factor_pending

# Pages that work before the second factor: signing in and out, the two-factor steps themselves,
# the script catalogue and icons their pages load, and the health checks (which answer a
# half-signed-in session as they answer the public).
OPEN_BEFORE_SECOND_FACTOR = {
    "wagtailadmin_login",
    "wagtailadmin_logout",
    "wagtailadmin_javascript_catalog",
    "wagtailadmin_sprite",
    "loa_two_factor_verify",
    "loa_two_factor_setup",
    "healthz",
    "readyz",
}


def wants_html(request) -> bool:
    accept = request.headers.get("Accept", "")
    return not accept or "text/html" in accept or ("*/*" in accept and "application/json" not in accept)


class RequireTwoFactorMiddleware:
    """A session past the password but not past the second factor that applies to its user
    (selectors.two_factor_applies) reaches no staff view: the admin and views marked with
    core.http.staff_view send it to the code page (403 for a script); every other view sees it as
    anonymous, so that the public site answers it as it answers a citizen. Superusers included.
    Needs django_otp.middleware.OTPMiddleware before it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not second_factor_pending(user=request.user):
            return None
        match = request.resolver_match
        if match is not None and match.url_name in OPEN_BEFORE_SECOND_FACTOR:
            return None
        if request.path_info.startswith(admin_prefix()) or getattr(view_func, "staff_view", False):
            return self.refusal(request)
        request.user = AnonymousUser()
        return None

    def refusal(self, request):
        step = "loa_two_factor_verify" if has_confirmed_device(user=request.user) else "loa_two_factor_setup"
        target = request.get_full_path() if request.method == "GET" else request.path
        url = f"{reverse(step)}?{urlencode({'next': target})}"
        if wants_html(request):
            return redirect(url)
        message = _("Hãy nhập mã xác thực hai bước trước khi tiếp tục.")
        return JsonResponse({"ok": False, "login_url": url, "message": message}, status=403)
