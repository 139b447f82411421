from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.widgets import Button
from wagtail.log_actions import LogFormatter
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import InspectView, SnippetViewSet, SnippetViewSetGroup

from core.admin import EmptyValueInspectMixin, PermissionMenuItem
from places.admin_views import (
    IMPORT_PERMISSION,
    LANGUAGE_PERMISSION,
    ServicePointImportView,
    UnitLanguageView,
    service_point_template_view,
)
from places.audit import (
    MEMBERSHIP_CHANGED,
    MEMBERSHIP_GRANTED,
    MEMBERSHIP_REVOKED,
    SERVICE_POINTS_IMPORTED,
    USERS_IMPORTED,
)
from places.forms import VillageForm
from places.models import AdministrativeUnit, Membership, ServicePoint, UnitLogEntry
from places.permissions import membership_permission_policy, service_point_permission_policy, unit_permission_policy
from places.user_import_views import UserImportMenuItem, UserImportView, user_template_view
from places.views import UnitDeleteView, UnitEditView, UnitHistoryView, UnitUsageView
from places.viewsets import UnitScopedModelForm, UnitScopedSnippetViewSet


class UnitInspectView(EmptyValueInspectMixin, InspectView):
    """A province has no parent: its inspect page says "Chưa có", not "None"."""


class AdministrativeUnitViewSet(SnippetViewSet):
    model = AdministrativeUnit
    icon = "site"
    menu_label = _("Đơn vị hành chính")
    list_display = ["name", "code", "level", "parent"]
    list_filter = ["level", "division_type", "is_official", "default_language"]
    search_fields = ["name", "code", "codename"]
    ordering = ["path"]
    list_per_page = 50
    inspect_view_enabled = True
    # The tree path ("66/24133/") is how the code finds a unit's line; people read the parent instead.
    inspect_view_fields_exclude = ["path"]
    inspect_view_class = UnitInspectView
    copy_view_enabled = False
    add_to_reference_index = False
    edit_view_class = UnitEditView
    delete_view_class = UnitDeleteView
    history_view_class = UnitHistoryView
    usage_view_class = UnitUsageView

    def get_form_class(self, for_update=False):
        return VillageForm


class MembershipViewSet(UnitScopedSnippetViewSet):
    model = Membership
    icon = "group"
    menu_label = _("Phân công")
    list_display = ["user", "role", "unit", "created_at"]
    list_filter = ["role"]
    search_fields = ["user__username", "unit__name", "unit__code"]
    edit_handler = ObjectList(
        [FieldPanel("user"), FieldPanel("unit"), FieldPanel("role")], base_form_class=UnitScopedModelForm
    )
    copy_view_enabled = False


class ServicePointViewSet(UnitScopedSnippetViewSet):
    model = ServicePoint
    icon = "home"
    menu_label = _("Điểm hỗ trợ người dân")
    list_display = ["name", "unit", "kind", "hotline", "is_sample"]
    list_filter = ["kind", "is_sample"]
    search_fields = ["name", "address", "unit__name", "unit__code"]
    edit_handler = ObjectList(
        [
            FieldPanel(name)
            for name in ("unit", "kind", "name", "address", "opening_hours", "hotline", "map_link", "is_sample")
        ],
        base_form_class=UnitScopedModelForm,
    )


class PlacesViewSetGroup(SnippetViewSetGroup):
    menu_label = _("Địa bàn")
    menu_icon = "site"
    menu_order = 300
    items = (AdministrativeUnitViewSet, MembershipViewSet, ServicePointViewSet)
    # Menu items returned by this hook join the group's submenu (the CSV import below).
    submenu_hook = "register_places_menu_item"


# Official units are read-only; registered before the viewsets so that they use this policy.
register_permission_policy(AdministrativeUnit, unit_permission_policy)
register_permission_policy(Membership, membership_permission_policy)
register_permission_policy(ServicePoint, service_point_permission_policy)
register_snippet(PlacesViewSetGroup)


@hooks.register("register_admin_urls")
def register_places_admin_urls():
    return [
        path(
            "places/service-points/import/",
            ServicePointImportView.as_view(),
            name="places_import_service_points",
        ),
        path(
            "places/service-points/import/template.csv",
            service_point_template_view,
            name="places_service_point_import_template",
        ),
        path("places/units/<int:pk>/language/", UnitLanguageView.as_view(), name="places_unit_language"),
        path("places/users/import/", UserImportView.as_view(), name="places_import_users"),
        path("places/users/import/template.csv", user_template_view, name="places_user_import_template"),
    ]


@hooks.register("register_snippet_listing_buttons")
def unit_language_button(snippet, user, next_url=None):
    # Official units are otherwise read-only; their default language is the editors' choice.
    if isinstance(snippet, AdministrativeUnit) and user.has_perm(LANGUAGE_PERMISSION):
        yield Button(_("Ngôn ngữ mặc định"), reverse("places_unit_language", args=[snippet.pk]), icon_name="globe")


@hooks.register("register_places_menu_item")
def register_service_point_import_menu_item():
    return PermissionMenuItem(
        _("Nhập điểm hỗ trợ từ CSV"),
        reverse("places_import_service_points"),
        name="import-service-points",
        icon_name="upload",
        order=4,
        permission=IMPORT_PERMISSION,
    )


@hooks.register("register_places_menu_item")
def register_user_import_menu_item():
    return UserImportMenuItem(
        _("Nhập người dùng từ CSV"),
        reverse("places_import_users"),
        name="import-users",
        icon_name="user",
        order=5,
    )


def _membership_sentence(data: dict) -> dict:
    return {
        "username": data.get("username", "?"),
        "role": data.get("role_label", data.get("role", "?")),
        "unit": data.get("unit", "?"),
        "code": data.get("unit_code", "?"),
    }


@hooks.register("register_log_actions")
def register_places_log_actions(actions):
    # A unit's entries are kept with the unit's path, so that only its people (and those above) see them.
    for model in (AdministrativeUnit, Membership, ServicePoint):
        actions.register_model(model, UnitLogEntry)

    @actions.register_action(MEMBERSHIP_GRANTED)
    class MembershipGranted(LogFormatter):
        label = _("Phân công vai trò")

        def format_message(self, log_entry):
            return _("Đã phân công %(username)s làm %(role)s tại %(unit)s (%(code)s)") % _membership_sentence(
                log_entry.data
            )

    @actions.register_action(MEMBERSHIP_CHANGED)
    class MembershipChanged(LogFormatter):
        label = _("Đổi phân công vai trò")

        def format_message(self, log_entry):
            previous = _membership_sentence(log_entry.data.get("previous", {}))
            return _("Đã đổi phân công %(before)s thành %(username)s làm %(role)s tại %(unit)s (%(code)s)") % {
                **_membership_sentence(log_entry.data),
                "before": f"{previous['username']} – {previous['role']} – {previous['unit']}",
            }

    @actions.register_action(MEMBERSHIP_REVOKED)
    class MembershipRevoked(LogFormatter):
        label = _("Thu hồi phân công vai trò")

        def format_message(self, log_entry):
            return _("Đã thu hồi vai trò %(role)s của %(username)s tại %(unit)s (%(code)s)") % _membership_sentence(
                log_entry.data
            )

    @actions.register_action(USERS_IMPORTED)
    class UsersImported(LogFormatter):
        label = _("Nhập người dùng từ CSV")

        def format_message(self, log_entry):
            data = log_entry.data
            return _(
                "Đã nhập tệp %(filename)s: %(users_created)s người dùng mới, %(memberships_created)s phân công mới"
            ) % {
                "filename": data.get("filename") or "?",
                "users_created": data.get("users_created", 0),
                "memberships_created": data.get("memberships_created", 0),
            }

    @actions.register_action(SERVICE_POINTS_IMPORTED)
    class ServicePointsImported(LogFormatter):
        label = _("Nhập điểm hỗ trợ từ CSV")

        def format_message(self, log_entry):
            data = log_entry.data
            return _("Đã nhập tệp %(filename)s: tạo mới %(created)s, cập nhật %(updated)s điểm hỗ trợ") % {
                "filename": data.get("filename") or "?",
                "created": data.get("created", 0),
                "updated": data.get("updated", 0),
            }
