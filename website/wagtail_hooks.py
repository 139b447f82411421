from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from website.two_factor import views as two_factor_views
from website.two_factor.selectors import has_confirmed_device


@hooks.register("register_admin_urls")
def two_factor_urls():
    return [
        path("xac-thuc-hai-buoc/", two_factor_views.verify, name="loa_two_factor_verify"),
        path("xac-thuc-hai-buoc/cai-dat/", two_factor_views.setup, name="loa_two_factor_setup"),
    ]


@hooks.register("register_account_menu_item")
def two_factor_account_item(request):
    if has_confirmed_device(user=request.user):
        return None
    return {
        "url": reverse("loa_two_factor_setup"),
        "label": _("Bật xác thực hai bước"),
        "help_text": _("Đăng nhập bằng mật khẩu và mã trong ứng dụng xác thực trên điện thoại."),
    }


@hooks.register("register_admin_urls")
def narrowed_third_party_admin_urls():
    from website.admin_gaps import localize_snippet_api_urls

    return localize_snippet_api_urls()
