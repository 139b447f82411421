"""/q/: a page where a citizen types a code heard on the loudspeaker or radio, or read under a QR code.

Works without JavaScript (a GET form). A typed code counts exactly as a scan of it (the same
event, the same redirect: tracking.views.scan_redirect); the scan redirect itself stays
template-free, this page is the only one of the two that renders.
"""

import re

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from campaigns.caching import mark_public_cacheable
from tracking.codes import normalise_code
from tracking.views import scan_redirect

CODE_FIELD = "ma"
TEXT_KEYBOARD_FIELD = "chu"
MAX_TYPED_LENGTH = 64
# What people type between the digits they hear ("bốn tám hai, chín một ba"): spaces, dashes, dots.
SEPARATORS = re.compile(r"[\s\-\u2010-\u2015._·,]+")
UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f]")


def typed_code(raw: str) -> str | None:
    """The code in what a citizen typed, or None.

    Spaces and dashes as read out ("482 913", "48-29-13"), any case, or the whole address
    ("loa.example.vn/q/482913"). A code is text, not a number: leading zeros are kept, so
    "048291" is never taken for "48291".
    """
    text = raw.strip()[:MAX_TYPED_LENGTH]
    if "/" in text:
        text = text.rstrip("/").rsplit("/", 1)[-1]
    return normalise_code(SEPARATORS.sub("", text))


@require_http_methods(["GET", "HEAD"])
def enter_code(request: HttpRequest) -> HttpResponse:
    """GET /q/: the form; GET /q/?ma=<code>: the same redirect and count as a scan, or the form with a message."""
    if CODE_FIELD not in request.GET:
        response = _form(request, typed="", message="", status=200)
        return mark_public_cacheable(request, response)
    raw = request.GET[CODE_FIELD]
    typed = UNPRINTABLE.sub("", raw)[:MAX_TYPED_LENGTH]
    if not typed.strip():
        return _no_store(
            _form(request, typed="", message=_("Bạn chưa nhập mã. Hãy gõ mã số nghe trên loa, đài."), status=200)
        )
    code = typed_code(raw)
    redirect = scan_redirect(request, code) if code is not None else None
    if redirect is not None:
        return redirect
    message = _(
        "Không tìm thấy mã “%(typed)s”. Hãy kiểm tra lại từng chữ số (mã số gồm 6 chữ số) hoặc hỏi cán bộ xã, phường."
    ) % {"typed": typed.strip()}
    return _no_store(_form(request, typed=typed, message=message, status=404))


def _form(request: HttpRequest, *, typed: str, message: str, status: int) -> HttpResponse:
    letters = TEXT_KEYBOARD_FIELD in request.GET or any(character.isalpha() for character in typed)
    context = {"typed": typed, "message": message, "letters": letters, "field": CODE_FIELD}
    return render(request, "tracking/enter_code.html", context, status=status)


def _no_store(response: HttpResponse) -> HttpResponse:
    # An answer to a typed code is that visitor's: no cache may keep it, and the next typing must reach us.
    response["Cache-Control"] = "no-store"
    return response
