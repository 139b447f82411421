from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from wagtail.models import Locale

from campaigns.caching import mark_public_cacheable
from campaigns.models import GuidePage
from places.selectors import help_desk_for_code


def ward_help_desk(request: HttpRequest, code: str) -> HttpResponse:
    """/xa/<code>/: where to get help in a ward, and the guides to follow."""
    help_desk = help_desk_for_code(code)
    if help_desk is None:
        raise Http404("Không có xã, phường với mã này.")
    guides = (
        GuidePage.objects.live()
        .public()
        .filter(locale=Locale.get_active())
        .only("id", "title", "intro", "url_path", "path", "depth", "locale_id")
        .order_by("path")
    )
    response = render(
        request,
        "campaigns/ward_help_desk.html",
        {"help_desk": help_desk, "unit": help_desk.unit, "guides": guides},
    )
    return mark_public_cacheable(request, response)
