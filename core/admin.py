from collections.abc import Sequence
from dataclasses import dataclass

from django import forms
from django.utils.translation import gettext, gettext_lazy
from wagtail.admin.forms.auth import LoginForm as WagtailLoginForm
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin


class PermissionMenuItem(MenuItem):
    """A menu item shown only to users with one permission (used by every app's admin menu)."""

    def __init__(self, *args, permission: str, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.permission = permission

    def is_shown(self, request) -> bool:
        return request.user.has_perm(self.permission)


class ViewPermissionMenuItem(MenuItem):
    """A menu item shown to the users its view lets in: the view's permission policy and required actions
    (Wagtail's PermissionCheckedMixin), asked the same way, so that the menu and the view never disagree."""

    def __init__(self, *args, view_class, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.view_class = view_class

    def is_shown(self, request) -> bool:
        view = self.view_class()
        view.request = request
        if view.permission_required is not None and not view.user_has_permission(view.permission_required):
            return False
        if view.any_permission_required is not None:
            return view.user_has_any_permission(view.any_permission_required)
        return True


class BreadcrumbsAdminView(WagtailAdminTemplateMixin):
    """An admin page whose breadcrumbs run Home → its parent pages → its own title.

    Wagtail's default breadcrumbs for a custom admin view stop at "Home"; a subclass names its parents.
    """

    def get_parent_breadcrumbs(self) -> list[dict]:
        return []

    def get_breadcrumb_label(self) -> str:
        return self.get_page_title()

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            *self.get_parent_breadcrumbs(),
            {"url": "", "label": self.get_breadcrumb_label(), "sublabel": self.get_page_subtitle()},
        ]


@dataclass(frozen=True)
class PanelRow:
    """One line of a home panel: what it is, where to act on it, and a short detail (a date, a status)."""

    label: str
    url: str = ""
    detail: str = ""


@dataclass(frozen=True)
class PanelFigure:
    """A headline number of a home panel, already formatted."""

    label: str
    value: str


class HomePanel(Component):
    """A panel of the admin home (Wagtail's `construct_homepage_panels`): a heading, headline figures, rows,
    a sentence when there is nothing to do, and a link to the full view.

    Each app adds the panels of its own work; which roles see one is the app's decision.
    """

    template_name = "core/admin/home_panel.html"

    class Media:
        css = {"all": ["core/admin-home.css"]}

    def __init__(
        self,
        *,
        name: str,
        heading: str,
        order: int,
        rows: Sequence[PanelRow] = (),
        figures: Sequence[PanelFigure] = (),
        empty: str = "",
        link_label: str = "",
        link_url: str = "",
    ) -> None:
        self.name = name
        self.heading = heading
        self.order = order
        self.rows = list(rows)
        self.figures = list(figures)
        self.empty = empty
        self.link_label = link_label
        self.link_url = link_url

    def get_context_data(self, parent_context=None):
        return {"panel": self}


class EmptyValueInspectMixin:
    """For an inspect view: an empty field reads "Chưa có".

    Wagtail shows Python's "None" for an empty field: `{{ value }}` of a plain field, and the image and document
    display components (an empty photo) render None too, so the raw value is checked before any display class.
    A view's own `get_<field>_display_value` keeps the last word.
    """

    def get_field_display_value(self, field_name, field):
        if field is not None and not callable(getattr(self, f"get_{field_name}_display_value", None)):
            value = getattr(self.object, field_name, None)
            if value is None or value == "":
                return gettext("Chưa có")
        return super().get_field_display_value(field_name, field)


class LoginForm(WagtailLoginForm):
    """Wagtail's sign-in form with Vietnamese labels: Wagtail gives its password field no label, so Django
    derived the English "Password" from the field's name, which no catalogue can translate."""

    password = forms.CharField(
        label=gettext_lazy("Mật khẩu"),
        widget=forms.PasswordInput(attrs={"placeholder": gettext_lazy("Nhập mật khẩu")}),
        strip=False,
    )

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        self.fields["username"].label = gettext("Tên đăng nhập")
        self.fields["username"].widget.attrs["placeholder"] = gettext("Nhập tên đăng nhập")
