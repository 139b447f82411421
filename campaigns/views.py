import re

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from wagtail.models import Locale

from campaigns.caching import mark_public_cacheable
from campaigns.landing import WARD_PARAMETER
from campaigns.models import GuidePage
from core.http import local_path, same_origin_referer_query, with_query
from core.text import fold_vietnamese
from places.selectors import help_desk_for_code, province_for_code, provinces, wards_of_province

# The code a scan added to the landing page's address (`?qr=`). Content does not read it; the picker only
# carries it over, as the address would have carried it, so that a code seen by a whole province still
# credits the completion after the citizen picks a ward without JavaScript.
CODE_PARAMETER = "qr"
CARRIED_CODE = re.compile(r"^[A-Za-z0-9-]{1,16}$")
SEARCH_MAX_LENGTH = 60


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


def carried_code(request: HttpRequest) -> str:
    """The scan's code from this request's own query, else from the same-origin page it came from; or ""."""
    for query in (request.GET, same_origin_referer_query(request)):
        code = query.get(CODE_PARAMETER, "")
        if CARRIED_CODE.fullmatch(code):
            return code
    return ""


@never_cache  # what it answers depends on the Referer: no shared cache may keep it
@require_GET
def ward_picker(request: HttpRequest) -> HttpResponse:
    """/chon-xa/: choose one's province, then ward, and go back to the page with `?xa=`. Works without JavaScript.

    Two GET steps (`?tinh=` lists the province's wards), each a light page; `q` filters either list,
    with or without diacritics. `tiep` is the page to go back to (a path on this site only).
    """
    back_to = (local_path(request.GET.get("tiep", "")) or reverse("wagtail_serve", args=[""])).split("?")[0]
    code = carried_code(request)
    chosen = help_desk_for_code(request.GET.get(WARD_PARAMETER, ""))
    if chosen is not None:
        return HttpResponseRedirect(with_query(back_to, **{WARD_PARAMETER: chosen.unit.code, CODE_PARAMETER: code}))
    if code and not request.GET.get(CODE_PARAMETER):
        # Keep the code in this page's own address, so that the next step finds it in its Referer.
        return HttpResponseRedirect(with_query(request.get_full_path(), **{CODE_PARAMETER: code}))
    search = " ".join(request.GET.get("q", "").split())[:SEARCH_MAX_LENGTH]
    province = province_for_code(request.GET.get("tinh", ""))
    if province is not None:
        choices = wards_of_province(province=province, search=search)
    else:
        wanted = fold_vietnamese(search)
        choices = [unit for unit in provinces() if wanted in fold_vietnamese(unit.name)]
    return render(
        request,
        "campaigns/ward_picker.html",
        {"province": province, "choices": choices, "search": search, "back_to": back_to},
    )
