from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse
from django.utils.http import urlencode

from website.csp import admin_prefix
from website.two_factor.selectors import has_confirmed_device, must_use_two_factor

# Admin pages that work before the second factor: signing in and out, the two-factor step
# itself, and the script catalogue its page loads.
OPEN_BEFORE_SECOND_FACTOR = {
    "wagtailadmin_login",
    "wagtailadmin_logout",
    "wagtailadmin_javascript_catalog",
    "wagtailadmin_sprite",
    "loa_two_factor_verify",
    "loa_two_factor_setup",
}


class RequireTwoFactorMiddleware:
    """After the password, an admin user with an authenticator must enter a code from it, and a user
    who must use two factors (see selectors.must_use_two_factor) must first set one up.
    Needs django_otp.middleware.OTPMiddleware before it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        step = self.pending_step(request)
        if step is not None:
            return redirect(f"{reverse(step)}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)

    def pending_step(self, request) -> str | None:
        user = request.user
        if not request.path_info.startswith(admin_prefix()) or not user.is_authenticated or user.is_verified():
            return None
        try:
            if resolve(request.path_info).url_name in OPEN_BEFORE_SECOND_FACTOR:
                return None
        except Resolver404:
            pass
        if has_confirmed_device(user=user):
            return "loa_two_factor_verify"
        if must_use_two_factor(user=user):
            return "loa_two_factor_setup"
        return None
