"""Demo data for the front page: a Vietnamese home page at the root of the default site."""

from django.conf import settings
from django.db import transaction
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Collection, Locale, Page, Site

from campaigns.models import GuidePage
from home.models import HomePage, HomeTopTask

HOME_TITLE = "Định danh điện tử và dịch vụ công trực tuyến"
HOME_INTRO = (
    "Hướng dẫn từng bước để cài đặt VNeID, kích hoạt tài khoản định danh điện tử "
    "và làm thủ tục hành chính trên Cổng dịch vụ công quốc gia."
)
HOME_BODY = (
    "<h2>Bạn cần làm gì?</h2>"
    "<ol>"
    "<li>Cài ứng dụng VNeID trên điện thoại.</li>"
    "<li>Kích hoạt tài khoản định danh điện tử mức độ 2 tại Công an xã, phường nơi cư trú.</li>"
    "<li>Đăng nhập Cổng dịch vụ công quốc gia bằng tài khoản VNeID và nộp hồ sơ trực tuyến.</li>"
    "</ol>"
    "<p>Nếu cần giúp đỡ, hãy đến Bộ phận Một cửa hoặc Điểm dịch vụ công trực tuyến của xã, phường.</p>"
)


def ensure_default_locale() -> Locale:
    """Wagtail's migrations create it; a flushed database (`manage.py flush`) has lost it."""
    language_code = get_supported_content_language_variant(settings.LANGUAGE_CODE)
    locale, _created = Locale.objects.get_or_create(language_code=language_code)
    return locale


@transaction.atomic
def load_home_page() -> HomePage:
    """Make a HomePage the root of the default site, replacing Wagtail's welcome page. Idempotent."""
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    existing = HomePage.objects.first()
    if existing is not None:
        if site is not None and site.root_page_id != existing.id:
            site.root_page = existing
            site.save()
        return existing

    locale = ensure_default_locale()
    if Collection.get_first_root_node() is None:  # likewise lost to a flush
        Collection.add_root(name="Root")
    root = Page.get_first_root_node() or Page.add_root(title="Root", slug="root", locale=locale)
    home = HomePage(
        title=HOME_TITLE,
        slug="trang-chu",
        intro=HOME_INTRO,
        body=HOME_BODY,
        locale=locale,
    )
    root.add_child(instance=home)
    home.save_revision().publish()

    welcome_pages = Page.objects.filter(depth=2, content_type__model="page", content_type__app_label="wagtailcore")
    if site is None:
        Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="Loa")
    else:
        site.root_page = home
        site.site_name = "Loa"
        site.save()
    for page in welcome_pages:
        page.delete()
    return home


@transaction.atomic
def set_top_tasks(*, home: HomePage, slugs: list[str]) -> int:
    """Lead the front page with these guides, in order, unless editors already chose some."""
    if home.top_tasks.exists():
        return 0
    pages = {page.slug: page for page in GuidePage.objects.descendant_of(home).filter(slug__in=slugs)}
    for slug in slugs:
        if slug in pages:
            home.top_tasks.add(HomeTopTask(page=pages[slug]))
    home.save_revision().publish()
    return home.top_tasks.count()
