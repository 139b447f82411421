"""The culture office's home: the print packs being made, and those just finished or failed."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.admin import HomePanel, PanelRow
from media_kit.models import Pack, PackStatus
from media_kit.permissions import may_request_packs, may_see_pack
from places.models import Role
from places.selectors import roles_of_user

PANEL_ROWS = 6
RECENT = dt.timedelta(days=7)


def recent_packs(*, user) -> list[Pack]:
    """Packs queued or being made, and those finished or failed in the last week, that this user may see."""
    since = timezone.now() - RECENT
    candidates = (
        (
            Pack.objects.filter(status__in=[PackStatus.QUEUED, PackStatus.RUNNING])
            | Pack.objects.filter(created_at__gte=since)
        )
        .select_related("campaign")
        .order_by("-created_at")[: PANEL_ROWS * 4]
    )
    return [pack for pack in candidates if may_see_pack(user, pack)][:PANEL_ROWS]


def _detail(pack: Pack) -> str:
    if pack.status == PackStatus.RUNNING:
        return _("đang tạo, %(percent)s%%") % {"percent": pack.percent}
    return pack.get_status_display()


def packs_panel(*, user) -> HomePanel | None:
    if not (user.is_superuser or Role.CULTURE_OFFICE in roles_of_user(user=user)) or not may_request_packs(user):
        return None
    return HomePanel(
        name="loa-packs",
        heading=_("Bộ ấn phẩm"),
        order=60,
        rows=[
            PanelRow(str(pack.campaign), reverse("media_kit_pack", args=[pack.pk]), _detail(pack))
            for pack in recent_packs(user=user)
        ],
        empty=_("Không có bộ ấn phẩm nào đang tạo hay vừa xong."),
        link_label=_("Tạo bộ ấn phẩm"),
        link_url=reverse("media_kit_pack_request"),
    )


def add_home_panels(request, panels: list) -> None:
    panel = packs_panel(user=request.user)
    if panel is not None:
        panels.append(panel)
