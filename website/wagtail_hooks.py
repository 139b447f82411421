from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import Button
from wagtail.log_actions import LogFormatter

from places.models import Membership
from website.two_factor import views as two_factor_views
from website.two_factor.selectors import has_confirmed_device, may_issue_setup_code


@hooks.register("register_admin_urls")
def two_factor_urls():
    return [
        path("xac-thuc-hai-buoc/", two_factor_views.verify, name="loa_two_factor_verify"),
        path("xac-thuc-hai-buoc/cai-dat/", two_factor_views.setup, name="loa_two_factor_setup"),
        path("xac-thuc-hai-buoc/ma-du-phong/", two_factor_views.backup_codes, name="loa_two_factor_backup_codes"),
        path("xac-thuc-hai-buoc/cap-ma/<int:user_id>/", two_factor_views.issue, name="loa_two_factor_issue"),
    ]


@hooks.register("register_account_menu_item")
def two_factor_account_item(request):
    if has_confirmed_device(user=request.user):
        return {
            "url": reverse("loa_two_factor_backup_codes"),
            "label": _("Mã dự phòng xác thực hai bước"),
            "help_text": _("Xem còn bao nhiêu mã dự phòng, tạo bộ mã mới."),
        }
    return {
        "url": reverse("loa_two_factor_setup"),
        "label": _("Bật xác thực hai bước"),
        "help_text": _(
            "Đăng nhập bằng mật khẩu và mã trong ứng dụng xác thực trên điện thoại "
            "(cần mã cài đặt do quản trị viên cấp)."
        ),
    }


def _issue_button(*, issuer, user):
    if may_issue_setup_code(issuer=issuer, user=user):
        return Button(
            _("Cấp mã cài đặt xác thực hai bước"),
            reverse("loa_two_factor_issue", args=[user.pk]),
            icon_name="key",
            priority=90,
        )
    return None


@hooks.register("register_snippet_listing_buttons")
def membership_two_factor_button(snippet, user, next_url=None):
    # Culture offices see their units' people through the memberships, not through Wagtail's user list.
    if isinstance(snippet, Membership):
        button = _issue_button(issuer=user, user=snippet.user)
        if button is not None:
            yield button


@hooks.register("register_user_listing_buttons")
def user_two_factor_button(user, request_user):
    button = _issue_button(issuer=request_user, user=user)
    return [button] if button is not None else []


@hooks.register("register_log_actions")
def register_two_factor_log_actions(actions):
    @actions.register_action(two_factor_views.SETUP_CODE_ISSUED)
    class SetupCodeIssued(LogFormatter):
        label = _("Cấp mã cài đặt xác thực hai bước")

        def format_message(self, log_entry):
            return _("Đã cấp mã cài đặt xác thực hai bước cho %(username)s") % {
                "username": log_entry.data.get("username", "?")
            }


@hooks.register("register_admin_urls")
def narrowed_third_party_admin_urls():
    from website.admin_gaps import localize_snippet_api_urls

    return localize_snippet_api_urls()
