from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin


class PermissionMenuItem(MenuItem):
    """A menu item shown only to users with one permission (used by every app's admin menu)."""

    def __init__(self, *args, permission: str, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.permission = permission

    def is_shown(self, request) -> bool:
        return request.user.has_perm(self.permission)


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
            {"url": "", "label": self.get_breadcrumb_label()},
        ]
