from django.http import HttpRequest, HttpResponse, HttpResponseForbidden, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST
from wagtail.models import Page

from core.http import same_origin_referer_query, with_query
from places.selectors import UNIT_CODE_PATTERN
from tracking.codes import normalise_code
from tracking.completion import Verdict, is_same_origin, page_id_from_token, throttle
from tracking.models import Conversion, ConversionAction, ConversionSource
from tracking.selectors import placement_for_code
from tracking.services import count_over_limit_tap


@csrf_exempt  # on purpose: see tracking/completion.py for what protects this endpoint instead
@require_POST
def completion(request: HttpRequest) -> HttpResponse:
    """A citizen says they finished a guide. Recorded anonymously, with the code they came through."""
    if not is_same_origin(request):
        return HttpResponseForbidden(_("Yêu cầu phải gửi từ chính trang hướng dẫn."))
    page_id = page_id_from_token(request.POST.get("token", ""))
    if page_id is None:
        return HttpResponseForbidden(_("Biểu mẫu đã hết hạn. Hãy tải lại trang hướng dẫn rồi bấm lại."))
    guide = Page.objects.live().filter(pk=page_id).first()
    if guide is None:
        return HttpResponse(_("Không tìm thấy hướng dẫn."), status=404)
    placement = placement_for_code(normalise_code(submitted_code(request)))
    verdict = throttle(request, page_id=page_id, placement_id=placement.pk if placement else None)
    # Past the limit the citizen sees the same thank-you page: only the count of such taps is kept.
    if verdict == Verdict.OVER_LIMIT:
        count_over_limit_tap(placement=placement)
    if verdict == Verdict.STORE:
        Conversion.objects.create(
            action=ConversionAction.GUIDE_COMPLETED,
            source=ConversionSource.SELF_REPORTED,
            placement=placement,
            guide=guide,
            unit=placement.unit if placement else None,
        )
    # 303: the browser follows with a GET, so reloading the thank-you page does not post again.
    # The ward (never the code) goes along, so that the next guides keep the ward's help desk.
    response = HttpResponseRedirect(
        with_query(reverse("completion_thanks"), trang=str(guide.pk), xa=ward_of_referer(request))
    )
    response.status_code = 303
    return response


def submitted_code(request: HttpRequest) -> str:
    """The code the citizen came through: the form's (filled by the page's script), else the landing page's address.

    Without JavaScript the form's field is empty, and the page's address (sent as Referer by our
    same-origin Referrer-Policy) still holds `?qr=` when the citizen stayed on the page a code led to.
    """
    return request.POST.get("qr", "").strip() or same_origin_referer_query(request).get("qr", "")


def ward_of_referer(request: HttpRequest) -> str:
    code = same_origin_referer_query(request).get("xa", "")
    return code if UNIT_CODE_PATTERN.fullmatch(code) else ""


def is_page_id(text: str) -> bool:
    # str.isdigit() accepts "²" and "１２", which int() refuses or reads; a page id is ASCII and fits the column.
    return text.isascii() and text.isdigit() and len(text) <= 9


@require_GET
def completion_thanks(request: HttpRequest) -> HttpResponse:
    page_id = request.GET.get("trang", "")
    guide = get_object_or_404(Page.objects.live(), pk=int(page_id)) if is_page_id(page_id) else None
    siblings = guide.get_siblings(inclusive=False).live().public().specific()[:5] if guide else []
    ward_code = request.GET.get("xa", "")
    return render(
        request,
        "tracking/completion_thanks.html",
        {
            "guide": guide,
            "next_guides": siblings,
            "ward_code": ward_code if UNIT_CODE_PATTERN.fullmatch(ward_code) else "",
        },
    )
