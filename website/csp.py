"""Two Content-Security-Policies: a strict one for the public site, a looser one for the Wagtail admin.

django-csp applies one policy from settings; its per-view decorators cannot reach Wagtail's
many admin views. This is the smallest subclass the library offers for that
(`get_policy_parts`, documented for this purpose): under the admin's URL prefix it uses
ADMIN_CONTENT_SECURITY_POLICY, unless a view set its own policy with a decorator. Wagtail's
preview renders a page through the middleware again, in a dummy request at the page's public
address (`request.is_dummy`): that response is shown inside the admin's preview panel, so it
gets the admin policy too (the public one forbids framing).
"""

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.urls import reverse


class AdminAwareCSPMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and parts.config is None and in_admin(request):
            parts.config = settings.ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"]
        return parts


def in_admin(request) -> bool:
    return request.path_info.startswith(admin_prefix()) or getattr(request, "is_dummy", False)


def admin_prefix() -> str:
    return reverse("wagtailadmin_home")
