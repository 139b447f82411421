"""The admin home of the service-point desk (the form and today's tally) and of those who decide where printed
codes lead (pending target changes)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from core.admin import HomePanel, PanelFigure, PanelRow
from core.numbers import vn_number
from places.models import Role
from places.selectors import roles_of_user, wards_of_user
from tracking.desk import desk_tally
from tracking.models import TargetChange, TargetChangeStatus
from tracking.permissions import may_see_target_changes, placement_permission_policy
from tracking.target_changes import may_decide

PANEL_ROWS = 8
TARGET_CHANGE_ROLES = frozenset({Role.APPROVER, Role.CULTURE_OFFICE})


def desk_panel(*, user) -> HomePanel | None:
    """The assisted-registration form and today's tally, for service-point staff."""
    wards = wards_of_user(user=user, roles=[Role.SERVICE_POINT_STAFF])
    if Role.SERVICE_POINT_STAFF not in roles_of_user(user=user) or not wards.exists():
        return None
    tally = desk_tally(user=user, units=wards)
    return HomePanel(
        name="loa-desk",
        heading=_("Ghi nhận hỗ trợ người dân"),
        order=10,
        figures=[
            PanelFigure(_("Bạn ghi hôm nay"), vn_number(tally.mine)),
            PanelFigure(_("Cả điểm hôm nay"), vn_number(tally.point)),
        ],
        rows=[PanelRow(row.label, detail=f"{vn_number(row.mine)} / {vn_number(row.point)}") for row in tally.rows],
        link_label=_("Mở biểu mẫu ghi nhận"),
        link_url=reverse("assisted_registration"),
    )


def pending_target_changes(*, user) -> list[tuple[TargetChange, bool]]:
    """Pending changes of the placements the user sees, each with whether this user may decide it."""
    visible = placement_permission_policy.instances_user_has_permission_for(user, "view")
    pending = (
        TargetChange.objects.filter(status=TargetChangeStatus.PENDING, placement__in=visible)
        .select_related("placement__unit", "placement__channel", "to_page")
        .order_by("requested_at")[:PANEL_ROWS]
    )
    return [(change, may_decide(user=user, change=change)) for change in pending]


def target_changes_panel(*, user) -> HomePanel | None:
    if not (user.is_superuser or roles_of_user(user=user) & TARGET_CHANGE_ROLES) or not may_see_target_changes(user):
        return None
    url = reverse("tracking_target_changes")
    return HomePanel(
        name="loa-target-changes",
        heading=_("Đề nghị đổi trang đích"),
        order=55,
        rows=[
            PanelRow(
                f"{change.placement} → {change.describe_to()}",
                url,
                _("chờ bạn quyết định") if decides else _("chờ lãnh đạo duyệt"),
            )
            for change, decides in pending_target_changes(user=user)
        ],
        empty=_("Không có đề nghị nào đang chờ."),
    )


def add_home_panels(request, panels: list) -> None:
    for panel in (desk_panel(user=request.user), target_changes_panel(user=request.user)):
        if panel is not None:
            panels.append(panel)
