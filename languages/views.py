"""The language switcher's redirect: the same page in another language, with the visit's ward and code."""

import re

from django.http import HttpRequest, HttpResponseRedirect
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from core.http import local_path, same_origin_referer_query, with_query
from places.selectors import UNIT_CODE_PATTERN

# What a landing page's address carries (see campaigns/landing.py): the ward, and the code of the scan.
CARRIED = {"xa": UNIT_CODE_PATTERN, "qr": re.compile(r"^[A-Za-z0-9-]{1,16}$")}


@never_cache  # its answer depends on the Referer: neither a browser nor a CDN may keep it
@require_GET
def switch_language(request: HttpRequest) -> HttpResponseRedirect:
    """/doi-ngon-ngu/?den=<the page in the other language>: go there, keeping `xa` and `qr`.

    Each is taken from this link's own query (the page writes `xa`; its script adds `qr` from
    sessionStorage), else from the page the citizen was on (its address, sent as Referer by our
    same-origin Referrer-Policy), so that the switch keeps the help desk and the attribution
    without JavaScript, a cookie or a session. The browser keeps the link's #anchor across the redirect.
    """
    target = local_path(request.GET.get("den", "")) or reverse("wagtail_serve", args=[""])
    came_from = same_origin_referer_query(request)
    carried = {}
    for name, pattern in CARRIED.items():
        for query in (request.GET, came_from):
            value = query.get(name, "")
            if pattern.fullmatch(value):
                carried[name] = value
                break
    return HttpResponseRedirect(with_query(target, **carried))
