"""The admin home of report readers and the culture office: the last 30 days in three figures, with the way
to the dashboard, and the latest imports of official figures."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.admin import HomePanel, PanelFigure, PanelRow
from core.numbers import vn_number
from insights.permissions import figure_imports_for, may_import_figures
from insights.selectors import InsightFilter, channel_table, dashboard_roots, totals_from
from places.models import Role
from places.selectors import roles_of_user

PANEL_ROWS = 5
SUMMARY_DAYS = 30
# A ward editor and an approver reach the dashboard from the menu; their home is their pages.
SUMMARY_ROLES = frozenset({Role.CULTURE_OFFICE, Role.VIEWER})


def dashboard_panel(*, user) -> HomePanel | None:
    if not (user.is_superuser or roles_of_user(user=user) & SUMMARY_ROLES):
        return None
    roots = dashboard_roots(user=user)
    if roots is not None and not roots:
        return None
    today = timezone.localdate()
    units = None if roots is None else tuple(roots)
    f = InsightFilter(start=today - dt.timedelta(days=SUMMARY_DAYS - 1), end=today, units=units)
    totals = totals_from(channel_table(f=f))
    return HomePanel(
        name="loa-dashboard",
        heading=_("Hiệu quả truyền thông %(days)s ngày qua") % {"days": SUMMARY_DAYS},
        order=30,
        figures=[
            PanelFigure(_("Điểm đặt mã"), vn_number(totals.placements)),
            PanelFigure(_("Lượt quét"), vn_number(totals.scans)),
            PanelFigure(_("Hoàn thành qua mã QR"), vn_number(totals.conversions)),
        ],
        link_label=_("Mở bảng tổng quan"),
        link_url=reverse("insights_dashboard"),
    )


def imports_panel(*, user) -> HomePanel | None:
    if not (user.is_superuser or Role.CULTURE_OFFICE in roles_of_user(user=user)) or not may_import_figures(user=user):
        return None
    imports = figure_imports_for(user=user).order_by("-uploaded_at")[:PANEL_ROWS]
    return HomePanel(
        name="loa-figure-imports",
        heading=_("Số liệu chính thức đã nhập"),
        order=70,
        rows=[
            PanelRow(
                figure_import.filename,
                detail=_("%(rows)s dòng, %(day)s")
                % {
                    "rows": vn_number(figure_import.row_count),
                    "day": timezone.localtime(figure_import.uploaded_at).strftime("%d/%m/%Y"),
                },
            )
            for figure_import in imports
        ],
        empty=_("Chưa nhập số liệu chính thức nào."),
        link_label=_("Nhập số liệu chính thức"),
        link_url=reverse("insights_figures_import"),
    )


def add_home_panels(request, panels: list) -> None:
    for panel in (dashboard_panel(user=request.user), imports_panel(user=request.user)):
        if panel is not None:
            panels.append(panel)
