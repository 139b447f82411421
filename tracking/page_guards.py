"""Warn before a page that printed codes lead to is deleted or unpublished; refuse to delete a campaign with codes.

Printed codes live on walls for years. Removing their target is allowed (they then land on the
campaign's fallback page), but only after the editor has read how many codes are affected.
"""

from django.contrib import messages
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from tracking.selectors import placements_of_campaigns_under, printed_placements_leading_to

CONFIRM_FIELD = "printed_codes_confirmed"


def _warning(count: int, action: str) -> str:
    return ngettext(
        "%(count)s mã QR đã in dẫn tới trang này. Nếu %(action)s, người quét mã sẽ được đưa về trang dự phòng "
        "của chiến dịch.",
        "%(count)s mã QR đã in dẫn tới trang này. Nếu %(action)s, người quét mã sẽ được đưa về trang dự phòng "
        "của chiến dịch.",
        count,
    ) % {"count": count, "action": action}


def guard(request, page, *, deleting: bool):
    action = _("xóa trang") if deleting else _("gỡ trang xuống")
    campaign_codes = placements_of_campaigns_under(page).count() if deleting else 0
    if campaign_codes:
        messages.error(
            request,
            _("Không thể xóa: %(count)s điểm đặt mã thuộc chiến dịch dưới trang này. Hãy thu hồi mã thay vì xóa.")
            % {"count": campaign_codes},
        )
        return TemplateResponse(
            request,
            "tracking/admin/printed_codes_warning.html",
            {"page": page, "blocked": True, "message": ""},
            status=409,
        )
    count = printed_placements_leading_to(page).count()
    if not count:
        return None
    if request.method != "POST":
        messages.warning(request, _warning(count, action))
        return None
    if request.POST.get(CONFIRM_FIELD) == "1":
        return None
    return TemplateResponse(
        request,
        "tracking/admin/printed_codes_warning.html",
        {
            "page": page,
            "message": _warning(count, action),
            "fields": [(name, value) for name, value in request.POST.items() if name != "csrfmiddlewaretoken"],
            "confirm_field": CONFIRM_FIELD,
        },
    )
